"""Editors manage who speaks for which working group in proposals (the "Working group members" screen
of the admin): they get the model permissions on WorkingGroupMember. Moderators and the other rules of
proposals come from proposals/rules.py, not from model permissions."""

from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = {
    "add_workinggroupmember": "Can add working group member",
    "change_workinggroupmember": "Can change working group member",
    "delete_workinggroupmember": "Can delete working group member",
    "view_workinggroupmember": "Can view working group member",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="proposals", model="workinggroupmember"
    )
    for codename, name in PERMISSIONS.items():
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        editors.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="proposals", codename__in=list(PERMISSIONS))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
        ("accounts", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
