"""Who gets into the analysis and participation-code screens of the Wagtail admin: every view, every
role. Answers are for consultation analysts only; code batches also for editors."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import PageLogEntry

from citysite.participation.models import Dimension
from consultations.models import ParticipationCode, ParticipationCodeBatch
from tests.consultations.helpers import EDUCATION, add_answer, admin_client, build_consultation

ROLES = [
    "visitor",
    "resident",
    "council_member",
    "secretariat",
    "ombudsperson",
    "moderator",
    "editor",
    "analyst",
    "superuser",
]
ANALYSTS = {"analyst", "superuser"}
CODE_STAFF = {"analyst", "editor", "superuser"}
SECRET = "Mój sąsiad nie ma dokumentów"


@pytest.fixture
def world(home_page):
    page = build_consultation(home_page)
    answer = add_answer(page, comments={EDUCATION: SECRET}, email="private@example.org")
    batch = ParticipationCodeBatch.objects.create(
        consultation_key=page.translation_key, organisation="Caritas"
    )
    ParticipationCode.objects.create(batch=batch, code="ABCDEFGHJK")
    return {"page": page, "answer": answer, "batch": batch}


def url_of(name, world):
    key = world["page"].translation_key
    args = {
        "index": [],
        "answers": [key],
        "answers_results": [key],
        "answer": [key, world["answer"].pk],
        "charts": [key],
        "export": [key],
        "code_batches": [],
        "code_batch_new": [],
        "code_batch": [world["batch"].pk],
        "code_batch_csv": [world["batch"].pk],
    }[name]
    return reverse(f"consultations_admin:{name}", args=args)


def post_data(name, world):
    if name == "answer":
        return {"answer-tags": "probe", "answer-dimensions": [Dimension.objects.first().pk]}
    if name == "export":
        return {"format": "csv", "include_personal_data": "on"}
    if name == "code_batch_new":
        return {
            "consultation": str(world["page"].translation_key),
            "organisation": "Probe",
            "count": "3",
            "token": "5b0f7e0c-8a1f-4a43-9a53-1f1cbb3b7a11",
        }
    return {}


def signed_in(client, request, role):
    if role != "visitor":
        admin_client(client, request.getfixturevalue(role))
    return client


def nothing_changed(world):
    answer = world["answer"]
    return (
        not answer.tags.exists()
        and not answer.dimensions.exists()
        and not PageLogEntry.objects.filter(action="consultations.export_personal_data").exists()
        and not ParticipationCodeBatch.objects.filter(organisation="Probe").exists()
    )


def assert_refused(response, url, role):
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert not location.startswith(url)
        if role in ("visitor", "resident", "council_member"):
            # No admin access at all: sent to sign in.
            assert "login" in location
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET.encode() not in content and b"private@example.org" not in content


VIEWS = [
    ("index", "get", ANALYSTS),
    ("answers", "get", ANALYSTS),
    ("answers_results", "get", ANALYSTS),
    ("answer", "get", ANALYSTS),
    ("answer", "post", ANALYSTS),
    ("charts", "get", ANALYSTS),
    ("export", "get", ANALYSTS),
    ("export", "post", ANALYSTS),
    ("code_batches", "get", CODE_STAFF),
    ("code_batch_new", "get", CODE_STAFF),
    ("code_batch_new", "post", CODE_STAFF),
    ("code_batch", "get", CODE_STAFF),
    ("code_batch_csv", "get", CODE_STAFF),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "allowed"), VIEWS, ids=[f"{v[0]}-{v[1]}" for v in VIEWS])
def test_role_matrix(client, request, world, role, name, method, allowed):
    url = url_of(name, world)
    client = signed_in(client, request, role)

    response = client.get(url) if method == "get" else client.post(url, post_data(name, world))

    if role not in allowed:
        assert_refused(response, url, role)
        assert nothing_changed(world)
    elif method == "get":
        assert response.status_code == 200
    elif name == "answer":
        assert response.status_code == 302
        assert list(world["answer"].tags.names()) == ["probe"]
    elif name == "export":
        assert response.status_code == 200
        assert b"private@example.org" in b"".join(response.streaming_content)
        assert PageLogEntry.objects.filter(action="consultations.export_personal_data").count() == 1
    elif name == "code_batch_new":
        assert response.status_code == 302
        assert ParticipationCodeBatch.objects.get(organisation="Probe").codes.count() == 3


def test_an_analyst_sees_the_answers(client, analyst, world):
    admin_client(client, analyst)
    response = client.get(url_of("answers", world))
    assert SECRET in response.content.decode()


def menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_the_menu_shows_analysis_to_analysts_and_codes_to_analysts_and_editors(
    analyst, editor, moderator, ombudsperson, secretariat
):
    assert {"consultation-analysis", "participation-codes"} <= menu_names(analyst)
    assert "participation-codes" in menu_names(editor)
    assert "consultation-analysis" not in menu_names(editor)
    for user in (moderator, ombudsperson, secretariat):
        assert not {"consultation-analysis", "participation-codes"} & menu_names(user)
