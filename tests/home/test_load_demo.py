"""`manage.py load_demo` where demo content is not allowed. What the demo holds, and running it again, are
tested on one shared load in tests/demo/."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from home.management.commands.load_demo import DEMO_DOMAIN
from home.models import WorkingGroupPage


def test_refuses_when_demo_content_is_not_allowed(home_page, locales, monkeypatch, settings):
    monkeypatch.setenv("DEMO_PASSWORD", "Lublin-demo-2024-haslo")
    settings.DEMO_CONTENT_ALLOWED = False

    with pytest.raises(CommandError, match="DEMO_CONTENT_ALLOWED"):
        call_command("load_demo", verbosity=0)

    assert not WorkingGroupPage.objects.exists()
    assert not get_user_model().objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists()
