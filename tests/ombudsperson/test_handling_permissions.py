"""The permission matrix over every ombudsperson view. Case handling is for the Ombudsperson group alone:
every other role — superusers included — gets the same 403 for every URL, whether the case exists or not,
and nothing is read, logged or changed; visitors are sent to log in. The public page, the receipt and the
status page are open to everyone, and give nobody more than the reference and code do."""

import re

import pytest
from django.urls import reverse

from ombudsperson.models import Case, CaseAttachment, CaseAuditEntry, CaseEntry, CaseStatus
from ombudsperson.services import Upload, file_case

from .helpers import DESCRIPTION, PDF_BYTES, form_data, page_url

pytestmark = pytest.mark.django_db

UNKNOWN = "RM-ZZZZ-ZZZZ"


@pytest.fixture
def case():
    case, _code = file_case(
        category="health",
        description=DESCRIPTION,
        preferred_language="ru",
        contact="olga@example.org",
        contact_consent=True,
        attachment=Upload("skierowanie.pdf", "application/pdf", PDF_BYTES),
    )
    return case


def handling_requests(reference, attachment_pk):
    """(method, path, data) of every case-handling view."""

    def to(name, **kwargs):
        return reverse(f"ombudsperson_handling:{name}", kwargs=kwargs or None)

    return [
        ("get", to("inbox"), None),
        ("get", to("inbox") + "?status=received&category=health", None),
        ("get", to("audit_log"), None),
        ("get", to("statistics"), None),
        ("get", to("statistics_csv"), None),
        ("get", to("case", reference=reference), None),
        ("post", to("change_status", reference=reference), {"status-status": "closed"}),
        ("post", to("add_note", reference=reference), {"note-text": "notatka"}),
        ("post", to("send_reply", reference=reference), {"reply-text": "odpowiedź"}),
        ("post", to("record_referral", reference=reference), {"referral-institution": "PIP"}),
        ("get", to("attachment", reference=reference, pk=attachment_pk), None),
        # The wrong method does not tell anything either.
        ("get", to("change_status", reference=reference), None),
        ("post", to("case", reference=reference), {}),
    ]


def call(client, method, path, data):
    return getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)


def snapshot():
    return (
        list(Case.objects.values_list("pk", "status", "updated_at")),
        CaseEntry.objects.count(),
        CaseAuditEntry.objects.count(),
    )


def test_visitors_are_sent_to_log_in(client, case):
    attachment = CaseAttachment.objects.get()
    before = snapshot()
    for method, path, data in handling_requests(case.reference, attachment.pk):
        response = call(client, method, path, data)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("account_login") + "?next="), path
        assert DESCRIPTION not in response.content.decode()
    assert snapshot() == before


def without(html, *references):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for reference in references:
        html = html.replace(reference, "REFERENCE")
    return html


def test_every_other_role_gets_the_same_403_everywhere(client, case, refused_user):
    attachment = CaseAttachment.objects.get()
    client.force_login(refused_user)
    before = snapshot()

    for (method, path, data), (_m, unknown_path, _d) in zip(
        handling_requests(case.reference, attachment.pk),
        handling_requests(UNKNOWN, attachment.pk),
        strict=True,
    ):
        real = call(client, method, path, data)
        unknown = call(client, method, unknown_path, data)
        assert real.status_code == unknown.status_code == 403, path
        # The same page for a case that exists and for one that does not.
        assert without(real.content.decode(), case.reference) == without(unknown.content.decode(), UNKNOWN)
        for secret in (DESCRIPTION, "olga@example.org", "skierowanie", "Content-Disposition"):
            assert secret not in real.content.decode()
        assert "Content-Disposition" not in real

    assert snapshot() == before  # nothing read (no audit entry), nothing changed
    assert Case.objects.get().status == CaseStatus.RECEIVED


def test_the_ombudsperson_gets_in_everywhere(client, case, ombudsperson):
    attachment = CaseAttachment.objects.get()
    client.force_login(ombudsperson)
    expected = [200, 200, 200, 200, 200, 200, 302, 302, 302, 302, 200, 405, 405]
    got = [
        call(client, method, path, data).status_code
        for method, path, data in handling_requests(case.reference, attachment.pk)
    ]
    assert got == expected


def test_an_inactive_ombudsperson_is_not_let_in(client, case, ombudsperson):
    client.force_login(ombudsperson)
    ombudsperson.is_active = False
    ombudsperson.save()
    response = client.get(reverse("ombudsperson_handling:inbox"))
    # Django logs an inactive user out at once; in any case they never see the inbox.
    assert response.status_code in (302, 403)
    assert DESCRIPTION not in response.content.decode()


PUBLIC_ROLES = [
    None,
    "resident",
    "editor",
    "moderator",
    "analyst",
    "council_member_with_term",
    "secretariat",
    "ombudsperson",
    "superuser",
]


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_the_public_pages_are_open_to_everyone(client, ombudsperson_page, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    for route in ("", "received", "status"):
        assert client.get(page_url(ombudsperson_page, route)).status_code == 200, route
    response = client.post(page_url(ombudsperson_page), form_data())
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_the_status_page_shows_a_case_to_no_role_without_its_code(client, ombudsperson_page, case, superuser):
    """A logged-in superuser (or the ombudsperson) gets no shortcut through the public status page."""
    client.force_login(superuser)
    response = client.get(page_url(ombudsperson_page, "status"))
    assert response.context["case"] is None
    assert DESCRIPTION not in response.content.decode()


# --- no other way to a case: Wagtail admin, Django admin, API -----------------------------------------


def test_the_wagtail_admin_has_no_way_to_cases_even_for_a_superuser(
    client, ombudsperson_page, case, superuser
):
    client.force_login(superuser)
    search = reverse("wagtailadmin_pages:search")
    for query in (case.reference, "skierowanie", "pensji"):
        response = client.get(search, {"q": query})
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []  # the search finds nothing of the case
        assert DESCRIPTION not in response.content.decode()
    for path in (
        reverse("wagtailadmin_home"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_reports:site_history"),
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert case.reference not in html and DESCRIPTION not in html, path
        assert "/ombudsperson/cases/" not in html, path  # no menu item leads there
    for path in (
        "/admin/snippets/ombudsperson/case/",
        "/admin/snippets/ombudsperson/caseentry/",
        "/admin/snippets/ombudsperson/caseauditentry/",
        "/admin/ombudsperson/case/",
        "/admin/ombudsperson/",
        "/admin/cases/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_ombudsperson_sees_no_link_to_cases_in_other_peoples_admin(client, editor):
    client.force_login(editor)
    assert "/ombudsperson/cases/" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/django-admin/",
        "/django-admin/ombudsperson/case/",
        "/admin/django/",
        "/api/",
        "/api/v2/pages/",
        "/api/cases/",
        "/en/api/v2/pages/",
    ],
)
def test_django_admin_and_apis_are_not_routed(client, home_page, case, superuser, path):
    client.force_login(superuser)
    response = client.get(path)
    assert response.status_code == 404
    assert case.reference not in response.content.decode()


def test_no_case_model_is_registered_with_the_django_admin():
    from django.contrib import admin

    assert not [model for model in admin.site._registry if model._meta.app_label == "ombudsperson"]


def test_no_case_model_is_a_wagtail_snippet():
    from wagtail.snippets.models import get_snippet_models

    assert not [model for model in get_snippet_models() if model._meta.app_label == "ombudsperson"]


def test_editors_create_the_public_page_in_the_wagtail_admin(client, home_page, editor):
    """The page with the explanations is ordinary public content: Wagtail's page permissions apply."""
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["ombudsperson", "ombudspersonpage", home_page.pk])
    response = client.get(add_url)
    assert response.status_code == 200
    for field in ("role_explanation", "process_explanation", "retention_explanation", "form_intro"):
        assert f'name="{field}"' in response.content.decode()
