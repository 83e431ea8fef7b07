"""The one way to ask whether someone may do something the project's own rules decide.

Every rule of the project (comments, consultations, proposals, the migrant council, the ombudsperson)
is a django-rules *rule* in the default rule set, registered with `rules.add_rule` in its app's
rules.py, and asked through `may` here: in Python, with the `{% may %}` template tag
(citysite/templatetags/access.py), with `@rule_required` on a view function, `RuleRequiredMixin` on a
class-based view and `RuleMenuItem` in the Wagtail admin menu.

Never `user.has_perm` for a rule: Django's ModelBackend answers True to any permission of an active
superuser, so a superuser would get what the rule refuses them (rewriting someone else's comment,
handling ombudsperson cases). A superuser gets exactly what a rule's predicates give: a rule that lets
superusers in says so itself with `| rules.is_superuser`. `user.has_perm` stays for Django's and
Wagtail's real model permissions (`wagtailadmin.access_admin`, page and image permissions)."""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rules.rulesets import default_rules
from wagtail.admin.menu import MenuItem


def project_rule_names() -> set[str]:
    return set(default_rules)


def may(user, rule_name: str, obj=None) -> bool:
    """Whether the rule named `rule_name` lets `user` act (on `obj`, for a rule about one object)."""
    if not rules.rule_exists(rule_name):
        # django-rules answers False for a name it does not know, so a misspelt rule would refuse
        # everyone without a word.
        raise LookupError(f"No rule is registered as {rule_name!r}.")
    return rules.test_rule(rule_name, user, obj)


def refusal(request, rule_name: str, obj=None, *, sign_in_first=True, refused=None):
    """None when the rule lets the request's user in; else the answer to give: the sign-in page for
    visitors (when `sign_in_first`), `refused(request)` or 403 for everyone else."""
    user = request.user
    if may(user, rule_name, obj):
        return None
    if sign_in_first and not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if refused is not None:
        return refused(request)
    raise PermissionDenied


def rule_required(rule_name: str, *, get_object=None, sign_in_first=True, refused=None):
    """Lets a view function run only for whom the rule allows. `get_object(request, *args, **kwargs)`
    gives the object the rule is about, if it is about one; `refused(request)` answers the others
    (403 when not given). Visitors are sent to sign in first unless `sign_in_first` is False."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = get_object(request, *args, **kwargs) if get_object is not None else None
            answer = refusal(request, rule_name, obj, sign_in_first=sign_in_first, refused=refused)
            if answer is not None:
                return answer
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RuleRequiredMixin:
    """For class-based views (Wagtail admin views included): `required_rule` must allow the user
    before the view does anything else. Override `get_rule_object` for a rule about one object and
    `refused` for an answer other than 403."""

    required_rule: str = ""
    sign_in_first = True

    def get_rule_object(self):
        return None

    def refused(self, request):
        raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        answer = refusal(
            request,
            self.required_rule,
            self.get_rule_object(),
            sign_in_first=self.sign_in_first,
            refused=self.refused,
        )
        if answer is not None:
            return answer
        return super().dispatch(request, *args, **kwargs)


class RuleMenuItem(MenuItem):
    """A Wagtail admin menu item shown only to those the rule lets in."""

    def __init__(self, *args, rule: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return may(request.user, self.rule)
