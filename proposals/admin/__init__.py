"""The proposals screens of the Wagtail admin; their URLs are in urls.py, the menu and hooks in
../wagtail_hooks.py.

- moderation.py: moderation (moderators and superusers: `proposals.moderate_proposal`), as tabs beside
  the comment queue: reported proposals, hidden proposals and proposals waiting for a moderator.
- listing.py, filters.py: every proposal for city staff (`proposals.answer_proposal`), with filters,
  linking to each proposal's public page, where staff answer it.
- working_groups.py: the people who speak for each working group (editors and superusers, by model
  permissions).
- forms.py: the forms of these screens.

Wagtail lets in only people with admin access; these views then ask their own permission first."""
