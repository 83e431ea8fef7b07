"""Where the comments on each kind of target are shown. An app that attaches comments to its own model
registers a locator for it in its AppConfig.ready(), so this app never imports the apps that use it."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from citysite.access import may


@dataclass(frozen=True)
class CommentPlace:
    """The public page that shows a target's comments."""

    label: str  # what moderators and e-mails call the place, e.g. "Consultation › Section"
    url: str  # absolute URL of the page, without a fragment
    is_public: bool  # whether that page shows the comments in public; replies only make sense then
    # For a place that is not public but has members (a council draft): who may read and take part.
    audience: Callable[[object], bool] | None = None
    # False once the discussion is closed (e.g. a hidden or withdrawn proposal): the thread stays
    # readable, but takes no new comments or replies.
    accepts_comments: bool = True

    @property
    def path(self) -> str:
        """The address without scheme and host, for redirects: they stay on the host the request came to,
        whatever host the Site record (and so `url`) names."""
        parts = urlsplit(self.url)
        return urlunsplit(("", "", parts.path or "/", parts.query, ""))

    def admits(self, user) -> bool:
        """Whether `user` may read the comments here and take part."""
        return self.is_public or (self.audience is not None and self.audience(user))


# A locator gets targets of one model and a language, and says where each target's comments are shown
# (in that language where a translation exists): {target pk: CommentPlace}. Missing keys mean "nowhere".
Locator = Callable[[list[models.Model], str], dict[int, CommentPlace]]

_locators: dict[type[models.Model], Locator] = {}
_members_only: set[type[models.Model]] = set()


def register_comment_target(
    model: type[models.Model], locator: Locator, *, members_only: bool = False
) -> None:
    """`members_only`: comments on this model are never public (e.g. council drafts); they are shown only
    to the place's audience and stay out of the site-wide moderation queue, whatever the reader's role."""
    _locators[model] = locator
    if members_only:
        _members_only.add(model)


def members_only_type_ids() -> list[int]:
    return [ContentType.objects.get_for_model(model).pk for model in _members_only]


def is_members_only(comment) -> bool:
    return ContentType.objects.get_for_id(comment.target_type_id).model_class() in _members_only


def places_of(comments: Iterable, language: str) -> dict[int, CommentPlace | None]:
    """{comment pk: where it is shown}, with one query per kind of target whatever the number."""
    ids_by_type = defaultdict(set)
    comments = list(comments)
    for comment in comments:
        ids_by_type[comment.target_type_id].add(comment.target_id)
    places = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        locator = _locators.get(model)
        if locator is None:
            continue
        targets = list(model._default_manager.filter(pk__in=ids))
        places[type_id] = locator(targets, language) if targets else {}
    return {comment.pk: places.get(comment.target_type_id, {}).get(comment.target_id) for comment in comments}


def places_for_target(target: models.Model, language: str) -> CommentPlace | None:
    """Where the comments on one target are shown, or None when nowhere."""
    locator = _locators.get(type(target))
    return locator([target], language).get(target.pk) if locator else None


def place_of(comment, language: str) -> CommentPlace | None:
    return places_of([comment], language)[comment.pk]


def comment_url(comment, language: str) -> str | None:
    """Absolute URL of a comment in its place, e.g. for an e-mail."""
    place = place_of(comment, language)
    return f"{place.url}#comment-{comment.pk}" if place else None


# --- Moderation tabs ---------------------------------------------------------------------------------
# The moderation screens of the Wagtail admin share one row of tabs. Comments bring their own two; an
# app whose users' content is moderated too (e.g. proposals) registers its screens from its
# wagtail_hooks.py, and each person sees the tabs of the screens they may use.


@dataclass(frozen=True)
class ModerationTab:
    name: str  # what a template passes as `current` to mark the tab of the screen shown
    label: str  # translatable (gettext_lazy)
    url_name: str
    rule: str  # citysite.access
    order: int = 100


_moderation_tabs: dict[str, ModerationTab] = {}


def register_moderation_tab(name: str, label, url_name: str, *, rule: str, order: int = 100) -> None:
    _moderation_tabs[name] = ModerationTab(name, label, url_name, rule, order)


def moderation_tabs(user) -> list[dict]:
    """The tabs this person may use, in order: [{"name", "label", "url"}]."""
    return [
        {"name": tab.name, "label": tab.label, "url": reverse(tab.url_name)}
        for tab in sorted(_moderation_tabs.values(), key=lambda tab: (tab.order, tab.name))
        if may(user, tab.rule)
    ]


def _register_comment_tabs() -> None:
    register_moderation_tab(
        "reports",
        _("Reports of abuse"),
        "participation_admin:reports",
        rule="participation.moderate_comment",
        order=10,
    )
    register_moderation_tab(
        "hidden",
        _("Hidden comments"),
        "participation_admin:hidden",
        rule="participation.moderate_comment",
        order=20,
    )


_register_comment_tabs()
