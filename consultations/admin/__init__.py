"""The consultations screens of the Wagtail admin; their URLs are in urls.py, the menu and hooks in
../wagtail_hooks.py.

- analysis.py, filters.py: the consultations to analyse and each one's answers (Consultation analysts:
  `consultations.view_answers`), with filters and search.
- answer.py: one answer with its section comments, where analysts tag them (`consultations.tag_answers`).
- charts.py: the charts of a consultation's answers (drawn by ../charts.py).
- export.py: the CSV/XLSX export (`consultations.export_answers`; made by ../exports.py).
- codes.py: participation codes for workshops (`consultations.manage_participation_codes`). Staff
  enter offline answers in the public answer form, not here.
- common.py: what these screens share (the permission check, breadcrumbs, finding a consultation).
- forms.py: the forms of these screens.

Wagtail lets in only people with admin access; these views then ask their own rule from ../rules.py
before they look anything up."""
