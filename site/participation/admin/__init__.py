"""The participation screens of the Wagtail admin; their URLs are in urls.py, the menu and the audit
log's wording in ../wagtail_hooks.py.

- moderation.py: the moderation queue (`participation.moderate_comment`): reported comments, with hide,
  restore and dismiss, and the hidden comments; other apps add their tabs beside it (../registry.py)."""
