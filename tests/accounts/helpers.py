"""Small helpers shared by the account tests: URLs in a given language, links and codes from
e-mails, TOTP codes, and whether a test client is logged in."""

import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse
from django.utils import translation

# A password that passes every validator in settings (length 10+, not common, not numeric).
NEW_PASSWORD = "lublin-river-lantern-42"

LOGIN_CODE_RE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


def url(name: str, language: str = "pl", **kwargs) -> str:
    """The URL of a named view in the given language (Polish is unprefixed)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def logged_in_user_id(client):
    """The primary key of the user a test client's session is logged in as, or None."""
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def is_logged_in_as(client, user) -> bool:
    """Whether the next request of this client is authenticated as `user` (checked through a real
    request, so a session that Django would reject does not count)."""
    response = client.get(url("account_profile", "en"))
    return response.status_code == 200 and response.wsgi_request.user.pk == user.pk


def link_from_mail(message, fragment: str) -> str:
    """The path of the first http(s) link in an e-mail body that contains `fragment`."""
    for link in re.findall(r"https?://[^\s]+", message.body):
        if fragment in link:
            return re.sub(r"^https?://[^/]+", "", link)
    raise AssertionError(f"no link containing {fragment!r} in:\n{message.body}")


def login_code_from_mail(message) -> str:
    match = LOGIN_CODE_RE.search(message.body)
    assert match, f"no sign-in code in:\n{message.body}"
    return match.group(1)


def only_mail_to(address: str):
    messages = [m for m in mail.outbox if address in m.to]
    assert len(messages) == 1, [(m.to, m.subject) for m in mail.outbox]
    return messages[0]


def totp_code(secret: str) -> str:
    """The current TOTP code for a secret. Waits out the last second of a period so the code does
    not expire between computing and submitting it (TOTP tolerance is 0)."""
    period = mfa_settings.TOTP_PERIOD
    if period - (time.time() % period) < 1.5:
        time.sleep(2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
