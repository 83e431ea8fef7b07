"""The staff groups and their permissions, as created by accounts/migrations/0002_staff_groups.py."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from citysite.accounts.factories import UserFactory
from home.models import StandardPage

pytestmark = pytest.mark.django_db

GROUPS = [
    "Editors",
    "Moderators",
    "Consultation analysts",
    "Council members",
    "Council secretariat",
    "Ombudsperson",
]
ADMIN_GROUPS = ["Editors", "Moderators", "Consultation analysts", "Council secretariat", "Ombudsperson"]
TRANSLATION_GROUPS = ["Editors", "Moderators"]


def has_permission(group_name: str, app_label: str, codename: str) -> bool:
    return (
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label=app_label, codename=codename)
        .exists()
    )


def root_page_codenames(group_name: str) -> set[str]:
    root = Page.objects.get(depth=1)
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=root).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.fixture
def draft_page(home_page):
    page = home_page.add_child(instance=StandardPage(title="Draft news", slug="draft-news", live=False))
    page.save_revision()
    return page


# --- groups and permissions ---------------------------------------------------------------------


def test_all_six_groups_exist():
    assert set(Group.objects.filter(name__in=GROUPS).values_list("name", flat=True)) == set(GROUPS)


def test_settings_list_the_same_staff_groups():
    assert sorted(settings.STAFF_GROUP_NAMES) == sorted(GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_admin_access(group):
    assert has_permission(group, "wagtailadmin", "access_admin") is (group in ADMIN_GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_submit_translation(group):
    assert has_permission(group, "wagtail_localize", "submit_translation") is (group in TRANSLATION_GROUPS)


def test_editors_may_add_change_and_publish_every_page():
    assert {"add_page", "change_page", "publish_page"} <= root_page_codenames("Editors")


def test_moderators_may_also_lock_pages():
    assert {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"} <= root_page_codenames(
        "Moderators"
    )


@pytest.mark.parametrize(
    "group", ["Consultation analysts", "Council members", "Council secretariat", "Ombudsperson"]
)
def test_other_groups_have_no_page_permissions(group):
    assert not GroupPagePermission.objects.filter(group__name=group).exists()


# --- what members can do ------------------------------------------------------------------------


def test_editor_reaches_the_admin(client, home_page, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"wagtail-sidebar" in response.content


@pytest.mark.parametrize("fixture", ["moderator", "analyst", "secretariat", "ombudsperson"])
def test_other_admin_groups_reach_the_admin(client, home_page, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("fixture", ["resident", "council_member"])
def test_people_without_admin_access_are_turned_away(client, home_page, request, fixture):
    client.force_login(request.getfixturevalue(fixture))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/pages")
    assert b"wagtail-sidebar" not in response.content
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("fixture", ["resident", "council_member"])
def test_people_without_admin_access_end_on_a_page_not_in_a_redirect_loop(
    client, home_page, request, fixture
):
    client.force_login(request.getfixturevalue(fixture))

    followed = client.get("/admin/", follow=True)

    assert followed.status_code in (200, 403)
    assert not followed.wsgi_request.path.startswith("/admin/")
    assert b"wagtail-sidebar" not in followed.content


def test_editor_may_publish_pages_under_the_home_page(editor, resident, council_member, draft_page):
    assert draft_page.permissions_for_user(editor).can_publish()
    assert draft_page.permissions_for_user(editor).can_edit()
    assert not draft_page.permissions_for_user(resident).can_publish()
    assert not draft_page.permissions_for_user(council_member).can_publish()
    assert not draft_page.permissions_for_user(council_member).can_edit()


def test_editor_publishes_through_the_admin(client, editor, draft_page):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft_page.pk])
    assert client.get(edit_url).status_code == 200

    response = client.post(
        edit_url,
        nested_form_data(
            {
                "title": "Published news",
                "slug": "draft-news",
                "intro": "Now public.",
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    draft_page.refresh_from_db()
    assert draft_page.live
    assert draft_page.title == "Published news"
    assert draft_page.live_revision.user_id == editor.pk


def test_council_member_cannot_publish_through_the_admin(client, council_member, draft_page):
    client.force_login(council_member)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft_page.pk])

    response = client.post(
        edit_url,
        nested_form_data(
            {"title": "Hijacked", "slug": "draft-news", "body": streamfield([]), "action-publish": "1"}
        ),
    )

    assert response.status_code in (302, 403)
    draft_page.refresh_from_db()
    assert not draft_page.live
    assert draft_page.title == "Draft news"


def test_group_member_fixture_is_not_staff_by_django_flag():
    """Admin access comes from the group permission, not from is_staff."""
    user = UserFactory(groups=["Editors"])
    assert not user.is_staff
    assert user.has_perm("wagtailadmin.access_admin")
    assert not UserFactory().has_perm("wagtailadmin.access_admin")
