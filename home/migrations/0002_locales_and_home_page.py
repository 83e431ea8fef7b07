"""A fresh database gets the four content languages and a home page in Polish as the site root,
replacing the placeholder page that Wagtail creates."""

import uuid

from django.db import migrations

LANGUAGE_CODES = ["pl", "en", "uk", "ru"]


def create_locales_and_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    polish = Locale.objects.get(language_code="pl")

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    placeholder = Page.objects.filter(content_type=page_type, depth=2, slug="home").first()
    if placeholder is None:
        return
    path = placeholder.path
    placeholder.delete()  # its Site goes with it

    home_type, _created = ContentType.objects.get_or_create(app_label="home", model="homepage")
    home = HomePage.objects.create(
        title="Otwarte Miasto",
        draft_title="Otwarte Miasto",
        slug="home",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=polish,
        translation_key=uuid.uuid4(),
        live=True,
        timeline=[],
        reach_us=[],
        body=[],
    )
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Otwarte Miasto")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales_and_home_page, migrations.RunPython.noop)]
