"""The ombudsperson's screens, one module per side:

- public.py: the page with the case form, the receipt and the status page, for anyone (no account).
- handling.py: case handling for the Ombudsperson group only, outside the Wagtail admin (its URLs are
  in ../urls.py)."""
