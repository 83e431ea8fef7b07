"""Abuse reports may concern any user content (comments, proposals), not only comments: the comment
foreign key becomes a generic target, and existing reports keep pointing at their comment."""

import django.db.models.deletion
from django.db import migrations, models


def point_reports_at_their_comment(apps, schema_editor):
    AbuseReport = apps.get_model("participation", "AbuseReport")
    ContentType = apps.get_model("contenttypes", "ContentType")
    comment_type, _ = ContentType.objects.get_or_create(app_label="participation", model="comment")
    AbuseReport.objects.update(target_type=comment_type, target_id=models.F("comment_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0002_dimensions"),
    ]

    operations = [
        migrations.AddField(
            model_name="abusereport",
            name="target_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="abusereport",
            name="target_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(point_reports_at_their_comment, migrations.RunPython.noop),
        migrations.RemoveField(model_name="abusereport", name="comment"),
        migrations.AlterField(
            model_name="abusereport",
            name="target_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="abusereport",
            name="target_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="abusereport",
            index=models.Index(
                fields=["target_type", "target_id", "resolved_at"], name="participati_target__c50766_idx"
            ),
        ),
    ]
