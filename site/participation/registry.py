"""Where the comments on each kind of target are shown. An app that attaches comments to its own model
registers a locator for it in its AppConfig.ready(), so this app never imports the apps that use it."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class CommentPlace:
    """The public page that shows a target's comments."""

    label: str  # what moderators and e-mails call the place, e.g. "Consultation › Section"
    url: str  # absolute URL of the page, without a fragment
    is_public: bool  # whether that page shows the comments in public; replies only make sense then


# A locator gets targets of one model and a language, and says where each target's comments are shown
# (in that language where a translation exists): {target pk: CommentPlace}. Missing keys mean "nowhere".
Locator = Callable[[list[models.Model], str], dict[int, CommentPlace]]

_locators: dict[type[models.Model], Locator] = {}


def register_comment_target(model: type[models.Model], locator: Locator) -> None:
    _locators[model] = locator


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
