"""The mailqueue screens of the Wagtail admin; their URLs are in urls.py, the menu entry in
../wagtail_hooks.py.

- views.py: the undelivered e-mails (`mailqueue.handle_failed_emails`), with "send again" for one or
  all of them."""
