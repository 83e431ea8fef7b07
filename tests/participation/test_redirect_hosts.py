"""After a comment action the person comes back on the host they used, not on the host of the Site record
(`localhost` here) or of WAGTAILADMIN_BASE_URL: the redirects carry a path only. Each action is tried by a
role that may do it, from a host the Site record does not name."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from citysite.participation import services
from citysite.participation.models import Comment
from proposals.comment_places import proposal_path
from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from tests.migrant_council import conftest as council

from .conftest import url

# The council's fixtures, used here as they are in tests/migrant_council.
draft = council.draft
member = council.member
other_members = council.other_members
other_member = council.other_member

HOST = "otwartemiasto.example"


@pytest.fixture(autouse=True)
def another_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def post(client, path, data):
    return client.post(path, data, headers={"host": HOST})


def assert_on_this_host(response, expected_path):
    assert response.status_code == 302
    location = response["Location"]
    assert location == expected_path  # a path: the browser stays on the host it used
    assert "localhost" not in location and "testserver" not in location


@pytest.fixture
def hidden_comment(comment, moderator):
    return services.hide_comment(moderator, comment, "Obraźliwy")


@pytest.mark.parametrize(
    ("action", "role", "data"),
    [
        ("reply", "resident", {"text": "Zgadzam się."}),
        ("official_reply", "analyst", {"text": "Dziękujemy.", "official_body": "Wydział Spraw Społecznych"}),
        ("edit", "author", {"text": "Poprawiony komentarz."}),
        ("report", "visitor", {"reason": "Obraża sąsiadów."}),
        ("report", "resident", {"reason": "Obraża sąsiadów."}),
        ("hide", "moderator", {"reason": "Obraźliwy"}),
        ("hide", "superuser", {"reason": "Obraźliwy"}),
    ],
)
def test_each_comment_action_comes_back_on_the_request_host(
    client, as_role, action, role, data, comment, consultation
):
    as_role(role)
    response = post(client, url(action, comment), data)
    shown = Comment.objects.filter(parent=comment).first() or comment
    assert_on_this_host(response, f"{consultation.url}#comment-{shown.pk}")


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_restoring_comes_back_on_the_request_host(client, as_role, role, hidden_comment, consultation):
    as_role(role)
    response = post(client, url("restore", hidden_comment), {})
    assert_on_this_host(response, f"{consultation.url}#comment-{hidden_comment.pk}")


def test_the_sign_in_page_brings_a_visitor_back_on_the_request_host(client, comment, consultation):
    response = post(client, url("reply", comment), {"text": "Zgadzam się."})
    assert response.status_code == 302
    sign_in = urlsplit(response["Location"])
    assert (sign_in.scheme, sign_in.netloc) == ("", "")
    come_back = parse_qs(urlsplit(parse_qs(sign_in.query)["next"][0]).query)["next"][0]
    assert come_back == consultation.url


def test_a_next_address_on_the_request_host_is_followed(client, resident, comment):
    client.force_login(resident)
    response = post(client, url("reply", comment), {"text": "Zgadzam się.", "next": f"http://{HOST}/en/x/"})
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == f"http://{HOST}/en/x/#comment-{reply.pk}"


def test_a_next_address_on_the_site_records_host_is_not(client, resident, comment, consultation):
    client.force_login(resident)
    response = post(client, url("reply", comment), {"text": "Zgadzam się.", "next": consultation.full_url})
    reply = Comment.objects.get(parent=comment)
    assert_on_this_host(response, f"{consultation.url}#comment-{reply.pk}")


def test_a_council_member_comes_back_to_the_draft_on_the_request_host(client, member, other_member, draft):
    target = draft.section_rows[0]
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(type(target)),
        target_id=target.pk,
        author=member,
        text="Brakuje przedszkoli.",
        language="pl",
        consent_to_publish=True,
    )
    client.force_login(other_member)
    response = post(client, url("reply", comment), {"text": "Zgadzam się."})
    reply = Comment.objects.get(parent=comment)
    with translation.override("pl"):
        draft_path = reverse("council_space:draft", args=[draft.pk])
    assert_on_this_host(response, f"{draft_path}#comment-{reply.pk}")


def test_a_comment_on_a_proposal_comes_back_on_the_request_host(client, home_page, resident):
    index = ProposalIndexPageFactory(parent=home_page, slug="propozycje")
    proposal = ProposalFactory(index=index)
    client.force_login(resident)
    action = index.url + index.reverse_subpage("action_view", args=(proposal.pk, "comment"))
    response = post(client, action, {"text": "Dobry pomysł."})
    comment = Comment.objects.for_target(proposal).get()
    assert_on_this_host(response, f"{proposal_path(index, proposal.pk)}#comment-{comment.pk}")
    # And the reply to it, through the shared comment views.
    response = post(client, url("reply", comment), {"text": "Popieram."})
    reply = Comment.objects.get(parent=comment)
    assert_on_this_host(response, f"{proposal_path(index, proposal.pk)}#comment-{reply.pk}")
