"""Who may do what in consultations (django-rules rules). Views and templates ask them through
citysite.access.may; the predicates are the single place where the rules are written."""

import rules

from citysite.participation.rules import is_analyst, is_editor

# Answers hold what people wrote about themselves: analysts only.
rules.add_rule("consultations.view_answers", is_analyst | rules.is_superuser)
rules.add_rule("consultations.tag_answers", is_analyst | rules.is_superuser)
rules.add_rule("consultations.export_answers", is_analyst | rules.is_superuser)
# Staff enter answers gathered offline (workshop, paper, phone) and hand out participation codes.
rules.add_rule("consultations.enter_offline_answers", is_analyst | is_editor | rules.is_superuser)
rules.add_rule("consultations.manage_participation_codes", is_analyst | is_editor | rules.is_superuser)
