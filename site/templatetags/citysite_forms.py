"""Template tags of the site's one way of rendering forms (see citysite.forms)."""

from django import template

from citysite import forms

register = template.Library()


@register.inclusion_tag("components/error_summary.html")
def error_summary(form, title="", heading_id="error-summary-title", formset=None, row_label=""):
    """`{% error_summary form _("Your answer was not sent yet") %}` at the top of the page: nothing while
    the form has no errors. A page with several forms gives each summary its own `heading_id`; a form
    with a formset (or a formset alone, `form` None) passes `formset` and the `row_label` of its rows
    ("Section %(number)s")."""
    non_field_errors, links = [], []
    if form is not None and form.errors:
        non_field_errors += form.non_field_errors()
        # A hidden field has nothing to link to; its error (a tampered form) is said as the form's own.
        non_field_errors += [error for field in form.hidden_fields() for error in field.errors]
        links += forms.error_links(form)
    if formset is not None and formset.is_bound:
        non_field_errors += formset.non_form_errors()
        non_field_errors += forms.formset_row_errors(formset, row_label)
        links += forms.formset_error_links(formset, row_label)
    return {"title": title, "heading_id": heading_id, "non_field_errors": non_field_errors, "links": links}


register.filter("is_marked_optional", forms.is_marked_optional)
