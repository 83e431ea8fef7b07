"""Comments in a members-only place (a council draft's thread) are never reported as abuse: the site's
moderators may not read them. The report view refuses members with a translated message (everyone else
does not learn the comment exists: 404), and the service refuses whoever calls it. Public comments are
still reported as before."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.html import escape

from citysite.participation import services
from citysite.participation.models import AbuseReport
from tests.i18n import polish
from tests.migrant_council import conftest as council

from .conftest import url

# The council's fixtures, used here as they are in tests/migrant_council.
draft = council.draft
member = council.member
other_members = council.other_members
other_member = council.other_member

ABUSE = "Ten komentarz obraża innych członków rady."
REFUSAL = (
    "Comments in a members-only space cannot be reported: the site's moderators do not read them. If a "
    "comment here breaks the rules, please tell the people who run the space (for the migrant council, "
    "its secretariat)."
)


@pytest.fixture
def council_comment(member, draft):
    comment, _created = services.post_comment(
        member, draft.section_rows[0], "Czy przedszkola mają dość miejsc?", "pl"
    )
    return comment


@pytest.mark.parametrize("role", ["member", "other_member", "secretariat"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_council_is_told_its_comments_are_not_reported(client, as_role, role, method, council_comment):
    as_role(role)
    response = getattr(client, method)(url("report", council_comment), {"reason": ABUSE})
    assert response.status_code == 403
    html = response.content.decode()
    assert escape(polish(REFUSAL)) in html
    assert 'name="reason"' not in html  # no form to fill in for nothing
    assert not AbuseReport.objects.exists()


@pytest.mark.parametrize(
    "role", ["visitor", "resident", "moderator", "editor", "council_member", "superuser"]
)
def test_people_outside_the_council_do_not_learn_the_comment_exists(client, as_role, role, council_comment):
    as_role(role)
    response = client.post(url("report", council_comment), {"reason": ABUSE})
    assert response.status_code == 404
    assert council_comment.text not in response.content.decode()
    assert not AbuseReport.objects.exists()


@pytest.mark.parametrize("role", ["member", "secretariat", "moderator", "visitor"])
def test_the_service_refuses_a_report_of_a_members_only_comment(request, role, council_comment):
    user = request.getfixturevalue(role) or AnonymousUser()
    with pytest.raises(ValidationError) as refusal:
        services.report_abuse(user, council_comment, ABUSE)
    assert refusal.value.messages == [polish(REFUSAL)]
    assert not AbuseReport.objects.exists()


def test_a_public_comment_is_still_reported(client, resident, comment):
    client.force_login(resident)
    response = client.post(url("report", comment), {"reason": ABUSE})
    assert response.status_code == 302
    assert AbuseReport.objects.get(comment=comment).reason == ABUSE
