"""Who sees e-mails that could not be delivered (django-rules rules, asked through citysite.access.may)."""

import rules

from citysite.participation.rules import is_editor

# Editors look after what the site says to people, so they see failed deliveries and send them again.
rules.add_rule("mailqueue.handle_failed_emails", is_editor | rules.is_superuser)
# Who wrote to whom is personal data: in full for superusers only; editors see the mail domain, which is
# what tells a mistyped address from a refusing server.
rules.add_rule("mailqueue.see_recipient_addresses", rules.is_superuser)
