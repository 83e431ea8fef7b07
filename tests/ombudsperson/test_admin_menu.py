"""The Wagtail admin shows the way to the cases to the Ombudsperson group only, and the way to the
council's secretariat pages to the secretariat only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CASES = reverse("ombudsperson_handling:inbox")
SECRETARIAT = reverse("council_admin:home")


@pytest.mark.parametrize(
    ("role", "sees_cases", "sees_secretariat"),
    [
        ("ombudsperson", True, False),
        ("secretariat", False, True),
        ("superuser", False, False),
        ("editor", False, False),
        ("moderator", False, False),
    ],
)
def test_admin_menu_shows_each_workspace_to_its_people(
    client, request, home_page, role, sees_cases, sees_secretariat
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (CASES in html) is sees_cases
    assert (SECRETARIAT in html) is sees_secretariat
