"""The one way forms are rendered on the site, and what its forms share.

`CityFormRenderer` is the `FORM_RENDERER`: `{{ form }}` renders components/forms/form.html and every field
(`{{ field.as_field_group }}`) components/forms/field.html. The error summary at the top of a page is
`{% error_summary form title %}` (templatetags/citysite_forms.py, components/error_summary.html), which
links to the anchors `error_links()` finds. Messages that several forms give are defined here once.
"""

from django import forms
from django.core.validators import FileExtensionValidator
from django.forms.renderers import TemplatesSetting
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField


class CityFormRenderer(TemplatesSetting):
    """Django's templates-setting renderer (so the site's templates can override widgets too) with the
    site's form and field templates."""

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"


def error_anchor(bound_field) -> str:
    """The id to jump to from the error summary: the input itself, or the first choice of a group of
    radios or checkboxes (the group's fieldset cannot take focus)."""
    if bound_field.use_fieldset:
        first_choice = next(iter(bound_field.subwidgets), None)
        if first_choice is not None and first_choice.id_for_label:
            return first_choice.id_for_label
    return bound_field.auto_id


def error_links(form) -> list[dict]:
    """Every field error, in the order of the form, with the id of the input to jump to."""
    return [
        {"anchor": error_anchor(bound), "label": bound.label, "errors": bound.errors}
        for bound in form.visible_fields()
        if bound.errors
    ]


def formset_row_errors(formset, row_label) -> list[str]:
    """The errors of the formset's rows that belong to no field, each saying which row it is in."""
    return [
        f"{row_label % {'number': number}}: {error}"
        for number, form in enumerate(formset, start=1)
        for error in form.non_field_errors()
    ]


def formset_error_links(formset, row_label) -> list[dict]:
    """The error links of every form of a formset, each label saying which row it is in: `row_label`
    is a translated text with `%(number)s`, e.g. "Section %(number)s"."""
    links = []
    for number, form in enumerate(formset, start=1):
        for link in error_links(form):
            links.append({**link, "label": f"{row_label % {'number': number}}, {link['label']}"})
    return links


def is_marked_optional(bound_field) -> bool:
    """Whether the label says "(optional)". The site follows GOV.UK: what may be left empty is marked,
    what is needed is not. Single checkboxes are never marked (ticking one is itself the choice), nor are
    the fields of forms that only filter a list (`marks_optional = False`: all of them are optional)."""
    return (
        not bound_field.field.required
        and bound_field.widget_type != "checkbox"
        and getattr(bound_field.form, "marks_optional", True)
    )


class FilterForm(forms.Form):
    """The form of a list's filters (django-filter's `Meta.form`, or a plain GET form)."""

    marks_optional = False


# Messages several forms give. Fields name them in `error_messages`, e.g.
# `error_messages={"max_length": TOO_LONG}`.
TOO_LONG = _("Please keep it to %(limit_value)d characters (it has %(show_value)d).")
TOO_MANY = _("You have sent a lot in a short time. Please wait a few minutes and try again.")
FILE_TOO_LARGE = _("This file is %(size)s. Please attach a file of at most %(limit)s.")
IMAGE_WRONG_TYPE = _("Please choose a JPEG, PNG or WebP image.")
IMAGE_NOT_USABLE = _("This file is not an image we can use. Please choose a JPEG, PNG or WebP image.")
IMAGE_NAMED_WRONGLY = _(
    "This file is named .%(extension)s but is a %(image_format)s file. Please choose a JPEG, PNG or WebP "
    "image."
)
IMAGE_TOO_LARGE = _("This image is too large (%(file_size)s). The limit is %(max_filesize)s.")
IMAGE_TOO_MANY_PIXELS = _(
    "This image has too many pixels (%(num_pixels)s). The limit is %(max_pixels_count)s."
)
IMAGE_TOO_LARGE_UNKNOWN_SIZE = _("This image is too large. The limit is %(max_filesize)s.")


def text_field(
    label, max_length, required_message=None, *, required=True, help_text="", rows=None, widget=None
):
    """A text field that says its limit with TOO_LONG: a textarea of `rows` rows, else `widget` (a
    one-line input by default)."""
    messages = {"max_length": TOO_LONG}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else widget,
        error_messages=messages,
    )


WEB_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WEB_IMAGE_MAX_BYTES = 5 * 1024 * 1024


class WebImageField(WagtailImageField):
    """A JPEG, PNG or WebP image of up to 5 MB that people upload on the site. Wagtail reads the file to
    find its real format, so a file that only has an image's name (or another format's) is refused.

    `help_text_template` has a `%(size)s`; call `use_current_language()` in the form's `__init__`, as
    fields are made at import time, before any language is active."""

    default_validators = [FileExtensionValidator(WEB_IMAGE_EXTENSIONS, message=IMAGE_WRONG_TYPE)]

    def __init__(self, *args, help_text_template=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text_template = help_text_template
        self.allowed_image_extensions = WEB_IMAGE_EXTENSIONS
        self.max_upload_size = WEB_IMAGE_MAX_BYTES
        self.widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def use_current_language(self) -> None:
        """Texts with a number in them, in the language of the request."""
        self.max_upload_size_text = filesizeformat(WEB_IMAGE_MAX_BYTES)
        if self.help_text_template:
            self.help_text = self.help_text_template % {"size": self.max_upload_size_text}
        self.error_messages.update(
            {
                "invalid_image": IMAGE_NOT_USABLE,
                "invalid_image_extension": IMAGE_WRONG_TYPE,
                "invalid_image_known_format": IMAGE_NAMED_WRONGLY,
                "file_too_large": IMAGE_TOO_LARGE,
                "file_too_many_pixels": IMAGE_TOO_MANY_PIXELS,
                "file_too_large_unknown_size": IMAGE_TOO_LARGE_UNKNOWN_SIZE
                % {"max_filesize": self.max_upload_size_text},
            }
        )
