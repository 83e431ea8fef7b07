"""Council membership, run by the secretariat: invitations by e-mail, roles, terms and removal.

Access to the members' space follows the Membership rows (rules.py), never the "Council members" group:
a member whose term ended, or who was removed, loses access with the very next request. The group is
kept in step for what groups are used for elsewhere (staff two-factor authentication): a person is in it
while they hold a seat that has not ended, and leaves it when their last seat ends by removal."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from citysite.access import may
from citysite.accounts.protected_groups import COUNCIL_MEMBERS, changing_membership

from ..models import Membership, Role

MEMBERS_GROUP = COUNCIL_MEMBERS

ALREADY_INVITED = _("This e-mail address already has a seat on the council for a term that has not ended.")
TERM_ORDER = _("The term cannot end before it starts.")


def _require_secretariat(user) -> None:
    if not may(user, "migrant_council.run_council"):
        raise PermissionDenied


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- lists ------------------------------------------------------------------------------------------


def current_memberships(on: datetime.date | None = None):
    return Membership.objects.current(on).select_related("user")


def upcoming_memberships(on: datetime.date | None = None):
    day = on or timezone.localdate()
    return Membership.objects.filter(removed_at__isnull=True, term_start__gt=day).select_related("user")


def past_memberships(on: datetime.date | None = None):
    """Seats that ended: the term is over, or the member was removed."""
    day = on or timezone.localdate()
    return (
        Membership.objects.exclude(removed_at__isnull=True, term_end__gte=day)
        .select_related("user")
        .order_by("-term_end", "name")
    )


def has_open_seat(email: str, exclude_pk: int | None = None) -> bool:
    """Whether this address already has a seat that was not removed and whose term has not ended."""
    seats = Membership.objects.filter(
        invited_email__iexact=email, removed_at__isnull=True, term_end__gte=timezone.localdate()
    )
    if exclude_pk is not None:
        seats = seats.exclude(pk=exclude_pk)
    return seats.exists()


# --- the "Council members" group ------------------------------------------------------------------------


def sync_group(user) -> None:
    """Puts the account in the "Council members" group while it holds a seat that has not ended (current
    or starting later), and takes it out otherwise."""
    if user is None:
        return
    group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    holds_seat = Membership.objects.filter(
        user=user, removed_at__isnull=True, term_end__gte=timezone.localdate()
    ).exists()
    # The only way into the group (citysite.accounts.protected_groups): the seat decides, not an editor.
    with changing_membership(MEMBERS_GROUP):
        if holds_seat:
            user.groups.add(group)
        else:
            user.groups.remove(group)


# --- invitations ------------------------------------------------------------------------------------


def _verified_account(email: str):
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


def invitation_message(membership: Membership, language: str) -> tuple[str, str]:
    """Subject and body of the invitation, in `language`."""
    with translation.override(language):
        context = {
            "membership": membership,
            "signup_url": absolute_url(reverse("account_signup")),
            "email_url": absolute_url(reverse("account_email")),
            "login_url": absolute_url(reverse("account_login")),
        }
        subject = render_to_string("migrant_council/email/invitation_subject.txt", context).strip()
        body = render_to_string("migrant_council/email/invitation_body.txt", context)
    return subject, body


@transaction.atomic
def invite(
    user,
    name: str,
    email: str,
    role: str = Role.MEMBER,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    organisation: str = "",
    languages: str = "",
    photo=None,
    *,
    language: str | None = None,
) -> Membership:
    """Gives `email` a seat on the council. An account with that address verified is linked at once;
    otherwise the address gets an invitation (in `language`, by default the current one) to sign up, and
    the seat is linked when its owner confirms the address (see link_invitations)."""
    _require_secretariat(user)
    email = email.strip()
    if term_start is None or term_end is None or term_end < term_start:
        raise ValidationError(TERM_ORDER, code="term_order")
    if has_open_seat(email):
        raise ValidationError(ALREADY_INVITED, code="already_invited")
    account = _verified_account(email)
    membership = Membership.objects.create(
        user=account,
        invited_email=email,
        name=name,
        organisation=organisation,
        languages=languages,
        role=role,
        term_start=term_start,
        term_end=term_end,
        photo=photo,
    )
    if account is not None:
        sync_group(account)
    else:
        subject, body = invitation_message(membership, language or translation.get_language())
        send_mail(subject, body, None, [email])
    return membership


def link_invitations(email_address) -> list[Membership]:
    """Links every open seat invited at this (now confirmed) address to its account. Called when
    allauth confirms an e-mail address; returns the seats linked."""
    if not email_address.verified or email_address.user_id is None:
        return []
    with transaction.atomic():
        seats = list(
            Membership.objects.select_for_update().filter(
                invited_email__iexact=email_address.email, user__isnull=True, removed_at__isnull=True
            )
        )
        for seat in seats:
            seat.user_id = email_address.user_id
            seat.save(update_fields=["user"])
        if seats:
            sync_group(email_address.user)
    return seats


# --- changes ----------------------------------------------------------------------------------------


def update_details(user, membership: Membership, **fields) -> Membership:
    """Changes what the public page shows: name, organisation, languages, photo."""
    _require_secretariat(user)
    allowed = {"name", "organisation", "languages", "photo"}
    for field, value in fields.items():
        if field not in allowed:
            raise TypeError(field)
        setattr(membership, field, value)
    if fields:
        membership.save(update_fields=list(fields))
    return membership


def change_role(user, membership: Membership, role: str) -> Membership:
    _require_secretariat(user)
    if role not in Role.values:
        raise ValidationError(_("Please choose one of the roles."), code="invalid_role")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def change_term(
    user, membership: Membership, term_start: datetime.date, term_end: datetime.date
) -> Membership:
    """A new start or end of the term; ending it today or earlier ends access at once."""
    _require_secretariat(user)
    if term_end < term_start:
        raise ValidationError(TERM_ORDER, code="term_order")
    membership.term_start = term_start
    membership.term_end = term_end
    membership.save(update_fields=["term_start", "term_end"])
    sync_group(membership.user)
    return membership


@transaction.atomic
def remove(user, membership: Membership) -> Membership:
    """Ends the seat now: the member loses access to the members' space with their next request. Their
    comments, votes and attendance stay in the council's records."""
    _require_secretariat(user)
    if membership.removed_at is None:
        membership.removed_at = timezone.now()
        membership.save(update_fields=["removed_at"])
    sync_group(membership.user)
    return membership


# --- photos -----------------------------------------------------------------------------------------

PHOTO_COLLECTION = "Council photos"


def photo_collection():
    from wagtail.models import Collection

    existing = Collection.objects.filter(name=PHOTO_COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=PHOTO_COLLECTION)


def store_photo(user, upload, name: str):
    """Saves an uploaded photo as a Wagtail image whose description (its text alternative) is the
    member's name."""
    from wagtail.images import get_image_model

    image = get_image_model()(
        title=name, description=name, file=upload, collection=photo_collection(), uploaded_by_user=user
    )
    image._set_image_file_metadata()
    image.save()
    return image
