"""One way to render forms, site-wide (citysite.forms): every form of the site renders each field through
components/forms/field.html, says "(optional)" the same way, links each input to its help text and errors,
and its error summary links to each invalid field's input. Forms of the Wagtail admin's own screens
(`*.admin.*` modules) render through Wagtail's admin field template instead and are left out."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.utils import translation

from citysite.forms import CityFormRenderer, FilterForm, error_links, is_marked_optional
from consultations.forms import AnswerForm
from migrant_council.forms import StatusForm as DraftStatusForm
from migrant_council.models import DraftStatus

from .consultations.helpers import make_consultation

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ["citysite", "home", "consultations", "proposals", "migrant_council", "ombudsperson"]
ROOT = Path(settings.BASE_DIR)
FIELD_MARKER = re.compile(r'<div class="field field--(\w+)( field--error)?">')


def _project_form_classes():
    classes = {}
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            name = module_info.name
            if any(part in name for part in (".migrations", ".settings", ".admin", "admin_users", ".demo")):
                continue
            module = importlib.import_module(name)
            for cls in vars(module).values():
                if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                    classes[f"{name}.{cls.__name__}"] = cls
    return classes


FORM_CLASSES = _project_form_classes()


def test_the_walk_finds_the_forms_of_every_app():
    found = {name.split(".")[0] for name in FORM_CLASSES}
    assert found == set(PROJECT_PACKAGES) - {"home"}  # home has only a django-filter FilterSet
    assert len(FORM_CLASSES) >= 30


def test_the_site_renders_forms_with_its_renderer():
    assert settings.FORM_RENDERER == "citysite.forms.CityFormRenderer"
    assert CityFormRenderer.field_template_name == "components/forms/field.html"
    assert CityFormRenderer.form_template_name == "components/forms/form.html"


def _make(cls, home_page):
    """An instance of each form, with what its constructor needs."""
    if cls is AnswerForm:
        return AnswerForm(page=make_consultation(home_page), user=AnonymousUser())
    if cls is DraftStatusForm:
        return DraftStatusForm(statuses=[DraftStatus.IN_DISCUSSION])
    return cls()


@pytest.mark.parametrize("name", sorted(FORM_CLASSES))
def test_every_form_renders_each_field_through_the_field_template(name, home_page):
    form = _make(FORM_CLASSES[name], home_page)
    html = str(form)
    visible = form.visible_fields()
    assert [match[0] for match in FIELD_MARKER.findall(html)] == [field.widget_type for field in visible]
    for field in visible:
        assert f'for="{field.id_for_label}"' in html or f'<fieldset id="{field.auto_id}"' in html
        if field.help_text:
            assert f'id="{field.auto_id}_helptext"' in html
    for field in form.hidden_fields():
        assert f'name="{field.html_name}"' in html


@pytest.mark.parametrize("name", sorted(FORM_CLASSES))
def test_every_error_summary_link_leads_to_an_input_of_the_form(name, home_page):
    form = _make(FORM_CLASSES[name], home_page)
    form = type(form)(data={}, **_constructor_kwargs(form))
    form.is_valid()
    html = str(form)
    for link in error_links(form):
        assert f'id="{link["anchor"]}"' in html
        assert link["errors"]
    for field in form.visible_fields():
        if field.errors:
            assert f'id="{field.auto_id}_error"' in html


def _constructor_kwargs(form):
    if isinstance(form, AnswerForm):
        return {"page": form.page, "user": AnonymousUser()}
    if isinstance(form, DraftStatusForm):
        return {"statuses": [DraftStatus.IN_DISCUSSION]}
    return {}


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As you want to be called.")
    district = forms.CharField(label="District", required=False)
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect, required=False
    )
    agree = forms.BooleanField(label="I agree", required=False)

    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


class ExampleFilterForm(FilterForm):
    district = forms.CharField(label="District", required=False)


@translation.override("en")
def test_optional_fields_say_so_and_needed_ones_do_not():
    html = str(ExampleForm())
    assert '<label for="id_name">Name</label>' in html
    assert '<label for="id_district">District <span class="optional">(optional)</span></label>' in html
    assert '<legend>Colour <span class="optional">(optional)</span></legend>' in html
    assert '<label for="id_agree">I agree</label>' in html  # a single checkbox is its own choice
    assert "(required)" not in html


def test_a_filter_form_does_not_mark_its_fields():
    form = ExampleFilterForm()
    assert not is_marked_optional(form["district"])
    assert "(optional)" not in str(form)


@translation.override("en")
def test_errors_sit_by_their_field_with_a_hidden_prefix_and_are_announced_with_it():
    form = ExampleForm(data={"colour": "blue"})
    form.is_valid()
    html = str(form)
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert (
        '<ul class="errorlist" id="id_name_error"><li><span class="visually-hidden">Error:</span> '
        "This field is required.</li></ul>"
    ) in html
    assert '<fieldset id="id_colour" aria-describedby="id_colour_error">' in html
    assert "The form as a whole is wrong." not in html  # said by the summary, at the top of the page


@translation.override("en")
def test_the_error_summary_links_to_each_invalid_field():
    form = ExampleForm(data={"colour": "blue"})
    form.is_valid()
    html = Template('{% load citysite_forms %}{% error_summary form "Not sent yet" %}').render(
        Context({"form": form})
    )
    assert (
        '<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">' in html
    )
    assert '<h2 id="error-summary-title">Not sent yet</h2>' in html
    assert "<p>The form as a whole is wrong.</p>" in html
    assert '<a href="#id_name">Name: This field is required.</a>' in html
    assert re.search(r'<a href="#id_colour_0">Colour: Select a valid choice\.', html)
    assert "id_district" not in html and "id_agree" not in html


def test_no_summary_while_the_form_has_no_errors():
    template = Template("{% load citysite_forms %}{% error_summary form %}")
    assert template.render(Context({"form": ExampleForm()})).strip() == ""
    assert template.render(Context({"form": None})).strip() == ""


@translation.override("en")
def test_a_formset_summary_says_which_row():
    rows = forms.formset_factory(ExampleForm, extra=0)(
        data={
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-name": "Ala",
            "form-1-district": "X",
        }
    )
    rows.is_valid()
    html = Template(
        '{% load citysite_forms %}{% error_summary None "T" formset=rows row_label="Row %(number)s" %}'
    ).render(Context({"rows": rows}))
    assert '<a href="#id_form-1-name">Row 2, Name: This field is required.</a>' in html
    assert "Row 1, Name" not in html
    assert "<p>Row 1: The form as a whole is wrong.</p>" in html


# Nothing renders a field or a summary by hand any more.

TEMPLATE_DIRS = [ROOT / "templates"] + [ROOT / app / "templates" for app in PROJECT_PACKAGES[1:]]
TEMPLATE_DIRS += [ROOT / "site" / name / "templates" for name in ("accounts", "participation")]
RENDERING_TEMPLATES = {
    "components/forms/field.html",
    "components/forms/field_help_and_errors.html",
    "components/error_summary.html",
    "allauth/elements/field.html",
}


def test_no_template_renders_field_errors_or_an_error_summary_by_hand():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            relative = str(path.relative_to(directory))
            if relative in RENDERING_TEMPLATES or "/admin/" in f"/{relative}":
                continue
            text = path.read_text()
            if re.search(r"field\.errors|error_links|class=\"errorlist\"", text):
                offenders.append(relative)
    assert offenders == []


def test_error_links_is_written_once():
    definitions = [
        path.relative_to(ROOT)
        for package in ["site", *PROJECT_PACKAGES[1:]]
        for path in (ROOT / package).rglob("*.py")
        if "def error_links" in path.read_text()
    ]
    assert definitions == [Path("site/forms.py")]
