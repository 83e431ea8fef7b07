"""Who may do what in consultations (django-rules). Views and templates ask these permissions; the
predicates are the single place where the rules are written."""

import rules

from citysite.participation.rules import is_analyst, is_editor

# Answers hold what people wrote about themselves: analysts only.
rules.add_perm("consultations.view_answers", is_analyst | rules.is_superuser)
rules.add_perm("consultations.tag_answers", is_analyst | rules.is_superuser)
rules.add_perm("consultations.export_answers", is_analyst | rules.is_superuser)
# Staff enter answers gathered offline (workshop, paper, phone) and hand out participation codes.
rules.add_perm("consultations.enter_offline_answers", is_analyst | is_editor | rules.is_superuser)
rules.add_perm("consultations.manage_participation_codes", is_analyst | is_editor | rules.is_superuser)
