from django.db import migrations

CODES = ["social_welfare", "economic", "legal", "cultural", "societal"]


def create_dimensions(apps, schema_editor):
    Dimension = apps.get_model("participation", "Dimension")
    for code in CODES:
        Dimension.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(create_dimensions, migrations.RunPython.noop)]
