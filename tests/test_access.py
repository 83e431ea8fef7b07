"""One way to say "may" (citysite/access.py): every project rule is a django-rules rule asked through
`may`, superusers get exactly what each rule gives them, and staff may hide what people wrote, never
rewrite it."""

import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import View
from rules.rulesets import default_rules

from citysite.access import RuleMenuItem, RuleRequiredMixin, may, project_rule_names, rule_required
from citysite.accounts.factories import UserFactory
from citysite.participation.factories import CommentFactory
from citysite.participation.models import Comment
from migrant_council.factories import CouncilDraftFactory, CouncilMemberFactory, MembershipFactory
from proposals.factories import ProposalFactory, ProposalIndexPageFactory
from proposals.models import Proposal, Status
from tests.i18n import polish
from tests.proposals.helpers import action_url, detail_url, form_data

PROJECT_ROOT = Path(settings.BASE_DIR)
NOT_PROJECT_SOURCE = {".venv", "node_modules", "migrations", ".git", "__pycache__"}
# The helper itself, and this file, whose samples show the idioms it forbids.
ALLOWED_TO_ASK_RULES = {PROJECT_ROOT / "site" / "access.py", Path(__file__).resolve()}

# django-rules' own ways in: each one goes around citysite.access.may.
RULES_API = re.compile(
    r"\brules\.(?:has_perm|test_rule)\("
    r"|\{%\s*(?:has_perm|test_rule)\b"
    r"|\{%\s*load\b[^%]*\brules\b"
)
# Django's way in, harmless for model permissions, wrong for a rule: it says yes to every superuser.
NAMED_PERMISSION = re.compile(r"""has_perm\(\s*["']([\w.]+)["']|\bperms\.(\w+)\.(\w+)""")


def idioms_around_may(text: str, rule_names: set[str]) -> list[str]:
    """What in `text` asks a project rule otherwise than through citysite.access.may."""
    found = [match.group(0) for match in RULES_API.finditer(text)]
    for match in NAMED_PERMISSION.finditer(text):
        name = match.group(1) or f"{match.group(2)}.{match.group(3)}"
        if name in rule_names:
            found.append(match.group(0))
    return found


def project_sources():
    for path in PROJECT_ROOT.rglob("*"):
        relative = path.relative_to(PROJECT_ROOT)
        if NOT_PROJECT_SOURCE.intersection(relative.parts) or relative.parts[0].endswith(".egg-info"):
            continue
        if path.suffix in {".py", ".html"} and path.is_file() and path.resolve() not in ALLOWED_TO_ASK_RULES:
            yield path


# --- One way to ask ------------------------------------------------------------------------------------


def test_the_scan_catches_every_way_around_may():
    names = {"participation.edit_comment"}
    sample = """
        user.has_perm("participation.edit_comment", comment)
        request.user.has_perm('participation.edit_comment')
        rules.has_perm("anything", user)
        rules.test_rule("anything", user)
        {% load i18n rules %}{% has_perm "participation.edit_comment" user comment as can %}
        {% test_rule "anything" user as can %}
        {% if perms.participation.edit_comment %}
    """
    assert len(idioms_around_may(sample, names)) == 8
    assert idioms_around_may('user.has_perm("wagtailadmin.access_admin")', names) == []


def test_no_code_asks_a_rule_otherwise_than_through_may():
    names = project_rule_names()
    offences = [
        f"{path.relative_to(PROJECT_ROOT)}: {found}"
        for path in project_sources()
        for found in idioms_around_may(path.read_text(encoding="utf-8"), names)
    ]
    assert offences == []


def test_every_rule_is_a_rule_and_none_a_permission():
    assert dict(rules.permissions.permissions) == {}
    assert "rules.permissions.ObjectPermissionBackend" not in settings.AUTHENTICATION_BACKENDS


def test_no_rule_is_named_like_a_model_permission():
    """Else `user.has_perm(name)` would look like asking the rule and answer Django's permission."""
    model_permissions = {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in apps.get_models()
        for action in model._meta.default_permissions
    } | {
        f"{model._meta.app_label}.{codename}"
        for model in apps.get_models()
        for codename, _name in model._meta.permissions
    }
    assert project_rule_names() & model_permissions == set()


def test_a_misspelt_rule_is_an_error_not_a_refusal(resident):
    with pytest.raises(LookupError):
        may(resident, "participation.edit_coment")


# --- Superusers get exactly what the rules give them ----------------------------------------------------


@pytest.fixture
def rule_objects(home_page):
    """For each app, the objects its rules are asked about, all someone else's, in every state."""
    index = ProposalIndexPageFactory(parent=home_page, slug="propozycje")
    someone = UserFactory()
    proposals = [ProposalFactory(index=index, author=someone, status=status) for status in Status]
    comment = CommentFactory(target=proposals[0], author=someone, text="Dobry pomysł.")
    return {"participation": [comment, *proposals], "proposals": proposals}


def test_a_superuser_gets_exactly_what_each_rule_gives(superuser, rule_objects):
    """Asked of every rule and object: `may` adds nothing for superusers, and where a rule does not
    name superusers, being one changes nothing."""
    for name in sorted(project_rule_names()):
        names_superusers = "is_superuser" in str(default_rules[name])
        for obj in [None, *rule_objects.get(name.split(".")[0], [])]:
            answer = may(superuser, name, obj)
            assert answer == rules.test_rule(name, superuser, obj), (name, obj)
            if not names_superusers:
                superuser.is_superuser = False
                try:
                    assert may(superuser, name, obj) == answer, (name, obj)
                finally:
                    superuser.is_superuser = True


def test_rules_that_name_superusers_let_them_in_and_the_others_do_not(superuser, rule_objects):
    proposal = rule_objects["proposals"][0]

    assert may(superuser, "participation.moderate_comment")
    assert may(superuser, "proposals.answer_proposal", proposal)
    assert not may(superuser, "ombudsperson.handle_cases")
    assert not may(superuser, "migrant_council.enter_space")
    # Django's own shortcut would have said yes to both.
    assert not may(superuser, "participation.edit_comment", rule_objects["participation"][0])
    assert not may(superuser, "proposals.edit_proposal", proposal)


# --- The helpers: template tag, view decorator, mixin, menu item ----------------------------------------


def _request(user, path="/somewhere/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_the_template_tag_answers_for_the_person_the_page_is_shown_to(superuser, rule_objects):
    comment = rule_objects["participation"][0]
    template = Template('{% load access %}{% may "participation.edit_comment" comment as can %}{{ can }}')

    def render(user):
        return template.render(Context({"request": _request(user), "comment": comment}))

    assert render(comment.author) == "True"
    assert render(superuser) == "False"


def _ok(request, *args, **kwargs):
    return HttpResponse("done")


def test_the_decorator_lets_in_whom_the_rule_allows(moderator):
    view = rule_required("participation.moderate_comment")(_ok)
    assert view(_request(moderator)).content == b"done"


def test_the_decorator_sends_visitors_to_sign_in_and_refuses_the_others(resident):
    view = rule_required("participation.moderate_comment")(_ok)

    response = view(_request(AnonymousUser(), "/moderation/"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/moderation/"
    with pytest.raises(PermissionDenied):
        view(_request(resident))
    with pytest.raises(PermissionDenied):
        rule_required("participation.moderate_comment", sign_in_first=False)(_ok)(_request(AnonymousUser()))


def test_the_decorator_asks_about_the_object_and_answers_with_its_own_refusal(superuser, rule_objects):
    comment = rule_objects["participation"][0]
    view = rule_required(
        "participation.edit_comment",
        get_object=lambda request, pk: Comment.objects.get(pk=pk),
        refused=lambda request: HttpResponse("not yours", status=403),
    )(_ok)

    assert view(_request(comment.author), pk=comment.pk).content == b"done"
    refused = view(_request(superuser), pk=comment.pk)
    assert (refused.status_code, refused.content) == (403, b"not yours")


class EditCommentView(RuleRequiredMixin, View):
    required_rule = "participation.edit_comment"

    def get_rule_object(self):
        return Comment.objects.get(pk=self.kwargs["pk"])

    def get(self, request, pk):
        return HttpResponse("done")


def test_the_mixin_asks_about_the_views_object(superuser, rule_objects):
    comment = rule_objects["participation"][0]
    view = EditCommentView.as_view()

    assert view(_request(comment.author), pk=comment.pk).content == b"done"
    with pytest.raises(PermissionDenied):
        view(_request(superuser), pk=comment.pk)
    assert view(_request(AnonymousUser()), pk=comment.pk).status_code == 302


def test_a_menu_item_shows_to_whom_the_rule_allows(moderator, resident, superuser, ombudsperson):
    item = RuleMenuItem("Reports", "/admin/reports/", name="reports", rule="participation.moderate_comment")
    assert item.is_shown(_request(moderator)) and item.is_shown(_request(superuser))
    assert not item.is_shown(_request(resident))

    cases = RuleMenuItem("Cases", "/admin/cases/", name="cases", rule="ombudsperson.handle_cases")
    assert not cases.is_shown(_request(superuser))


# --- Staff hide, never rewrite ------------------------------------------------------------------------

STAFF = ["superuser", "moderator", "editor", "analyst"]
REWRITTEN = "Tekst, którego autor nigdy nie napisał."


@pytest.fixture
def proposal_index(home_page):
    return ProposalIndexPageFactory(parent=home_page, slug="propozycje")


@pytest.fixture
def proposal(proposal_index):
    return ProposalFactory(index=proposal_index, author=UserFactory(), title="Baza tłumaczy środowiskowych")


@pytest.fixture
def comment(proposal):
    return CommentFactory(target=proposal, text="Dobry pomysł.")


def _edit_comment_url(comment):
    with translation.override("en"):
        return reverse("participation:edit", args=[comment.pk])


@pytest.mark.parametrize("role", STAFF)
def test_staff_cannot_rewrite_someone_elses_comment(client, request, role, comment):
    client.force_login(request.getfixturevalue(role))

    shown = client.get(_edit_comment_url(comment))
    sent = client.post(_edit_comment_url(comment), {"text": REWRITTEN})

    for response in (shown, sent):
        assert response.status_code == 403
        assert "Only the author can change a comment." in response.content.decode()
    comment.refresh_from_db()
    assert (comment.text, comment.edited_at) == ("Dobry pomysł.", None)


@pytest.mark.parametrize("role", STAFF)
def test_staff_are_not_offered_to_change_someone_elses_comment(
    client, request, role, comment, proposal_index, proposal
):
    client.force_login(request.getfixturevalue(role))
    with translation.override("pl"):
        edit_url = reverse("participation:edit", args=[comment.pk])

    html = client.get(detail_url(proposal_index, proposal)).content.decode()

    assert comment.text in html
    assert edit_url not in html


def test_the_author_is_offered_to_change_their_comment(client, comment, proposal_index, proposal):
    client.force_login(comment.author)
    with translation.override("pl"):
        edit_url = reverse("participation:edit", args=[comment.pk])

    assert edit_url in client.get(detail_url(proposal_index, proposal)).content.decode()


def test_the_author_can_still_change_their_comment(client, comment):
    client.force_login(comment.author)

    assert client.get(_edit_comment_url(comment)).status_code == 200
    assert client.post(_edit_comment_url(comment), {"text": "Bardzo dobry pomysł."}).status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Bardzo dobry pomysł."


@pytest.mark.parametrize("role", ["superuser", "moderator", "editor"])
def test_staff_cannot_rewrite_someone_elses_proposal(client, request, role, proposal_index, proposal):
    client.force_login(request.getfixturevalue(role))
    url = action_url(proposal_index, proposal, "edit")

    shown = client.get(url)
    sent = client.post(url, form_data(title="Nowy tytuł propozycji"))

    for response in (shown, sent):
        assert response.status_code == 403
        assert polish("Only the author can change a proposal.") in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).title == "Baza tłumaczy środowiskowych"


@pytest.mark.parametrize("role", ["secretariat", "superuser_member"])
def test_nobody_rewrites_a_council_members_comment_on_a_draft(db, client, request, role):
    """Members-only threads: the secretariat, and a superuser who sits on the council, read the
    comment and may not change it."""
    draft = CouncilDraftFactory(texts=[("Edukacja", "Szkoły przyjmują dzieci migrantów.")])
    comment = CommentFactory(
        target=draft.sections.get(),
        author=CouncilMemberFactory(display_name="Halyna"),
        text="Brakuje przedszkoli.",
    )
    if role == "superuser_member":
        user = UserFactory(is_superuser=True, is_staff=True)
        MembershipFactory(user=user)
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)

    shown = client.get(_edit_comment_url(comment))
    sent = client.post(_edit_comment_url(comment), {"text": REWRITTEN})

    assert (shown.status_code, sent.status_code) == (403, 403)
    assert Comment.objects.get(pk=comment.pk).text == "Brakuje przedszkoli."
