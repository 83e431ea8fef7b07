"""The roles of DESIGN.md as groups, with the permissions each needs. Editors and Moderators come
from Wagtail's own migrations; here they gain publishing and translation. Later apps add the
permissions on their own models in their own migrations."""

from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "translation", "submit_translation")

GROUP_PERMISSIONS = {
    "Editors": [ADMIN_ACCESS, SUBMIT_TRANSLATION],
    "Moderators": [ADMIN_ACCESS, SUBMIT_TRANSLATION],
    "Consultation analysts": [ADMIN_ACCESS],
    "Council members": [],
    "Council secretariat": [ADMIN_ACCESS],
    "Ombudsperson": [ADMIN_ACCESS],
}
# Page permissions on the tree root, so they hold for every page in every language.
GROUP_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "publish_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            group.permissions.add(permission)

    root = Page.objects.get(depth=1)
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for name, codenames in GROUP_PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        for codename in codenames:
            permission, _created = Permission.objects.get_or_create(
                content_type=page_type, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(
        name__in=["Consultation analysts", "Council members", "Council secretariat", "Ombudsperson"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
