"""Filters, search and sorting of the public list of proposals (django-filter).

The form is a plain GET form, so it works without JavaScript and every filtered view has its own URL.
Withdrawn proposals are public but stay out of the list unless the status filter asks for them.

The random order is stable: a `seed` in the query string picks a permutation of the primary keys, so
the same seed gives the same order on every page and paging never repeats or skips a proposal. The
permutation is `(pk × a)³ mod p`, computed by the database: multiplying by `a` (derived from the seed)
and cubing are both one-to-one modulo a prime p with p mod 3 = 2, and the cube scrambles neighbouring
keys, which a multiplication alone would leave in a visible pattern."""

import secrets

import django_filters
from django import forms
from django.conf import settings
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Mod
from django.utils.translation import gettext_lazy as _

from citysite.forms import FilterForm
from citysite.participation.models import DimensionCode

from .models import (
    PUBLIC_STATUSES,
    QUADRANT_MEANINGS,
    Proposal,
    ProposalArea,
    Quadrant,
    Status,
    quadrant_condition,
)

# The largest prime below 2**31 with p mod 3 = 2 (so cubing is one-to-one modulo p). It is larger than
# any primary key the list will see, and each product of two residues fits in a 64-bit integer.
RANDOM_PRIME = 2_147_483_579
# Spreads small seeds over the whole range, so seed 1 is as shuffled as any other.
SEED_MULTIPLIER = 1_103_515_245
SEARCH_MAX_LENGTH = 100


class Sort:
    NEWEST = "newest"
    SUPPORTED = "supported"
    DISCUSSED = "discussed"
    RANDOM = "random"

    choices = [
        (NEWEST, _("Newest first")),
        (SUPPORTED, _("Most supported first")),
        (DISCUSSED, _("Most discussed first")),
        (RANDOM, _("Random order")),
    ]


ORDERINGS = {
    Sort.NEWEST: ("-created_at", "-pk"),
    Sort.SUPPORTED: ("-support_count", "-created_at", "-pk"),
    Sort.DISCUSSED: ("-comment_count", "-created_at", "-pk"),
}


def new_seed() -> int:
    return secrets.randbelow(RANDOM_PRIME - 1) + 1


def is_valid_seed(value) -> bool:
    try:
        return 1 <= int(value) < RANDOM_PRIME
    except (TypeError, ValueError):
        return False


def _mod(expression):
    return ExpressionWrapper(Mod(expression, Value(RANDOM_PRIME)), output_field=BigIntegerField())


def in_random_order(queryset, seed: int):
    multiplier = int(seed) * SEED_MULTIPLIER % RANDOM_PRIME  # never 0: both factors are below the prime
    scaled = _mod(F("pk") * Value(multiplier))
    return queryset.alias(
        scaled=scaled, shuffle=_mod(_mod(F("scaled") * F("scaled")) * F("scaled"))
    ).order_by("shuffle", "pk")


# Public statuses in the order of the workflow.
STATUS_CHOICES = [(status.value, status.label) for status in Status if status in PUBLIC_STATUSES]


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


def _keep(queryset, name, value):
    """Sorting fields live in the form; PublicProposalFilterSet.filter_queryset applies them last."""
    return queryset


class PublicProposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Words in the title or the text."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    area = django_filters.ChoiceFilter(
        label=_("Area"), choices=ProposalArea.choices, empty_label=_("All areas")
    )
    dimension = django_filters.ChoiceFilter(
        label=_("Integration dimension"),
        choices=DimensionCode.choices,
        empty_label=_("All dimensions"),
        method="filter_dimension",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("All but withdrawn"),
        help_text=_("Withdrawn proposals appear only when you choose “withdrawn”."),
    )
    quadrant = django_filters.ChoiceFilter(
        label=_("Matrix quadrant"), empty_label=_("All quadrants"), method="filter_quadrant"
    )
    working_group = django_filters.ChoiceFilter(
        label=_("Working group"), empty_label=_("All working groups"), method="filter_working_group"
    )
    consultation = django_filters.ChoiceFilter(
        label=_("Consultation"), empty_label=_("All consultations"), method="filter_consultation"
    )
    language = django_filters.ChoiceFilter(
        label=_("Written in"), choices=settings.LANGUAGES, empty_label=_("All languages")
    )
    sort = django_filters.ChoiceFilter(label=_("Order"), choices=Sort.choices, empty_label=None, method=_keep)
    seed = IntegerFilter(min_value=1, max_value=RANDOM_PRIME - 1, method=_keep, widget=forms.HiddenInput)

    class Meta:
        model = Proposal
        fields = []
        form = FilterForm

    def __init__(
        self, data=None, queryset=None, *, index_page, working_groups=None, consultations=None, **kw
    ):
        """`working_groups` and `consultations`: {translation_key: page} of the live pages in the index's
        language (the view fetches them once and also uses them to name each proposal's group)."""
        super().__init__(data, queryset, **kw)
        self.index_page = index_page
        self.filters["quadrant"].extra["choices"] = [
            (quadrant.value, f"{index_page.quadrant_label(quadrant)}: {QUADRANT_MEANINGS[quadrant]}")
            for quadrant in Quadrant
        ]
        self.group_keys = self._choices("working_group", working_groups or {})
        self.consultation_keys = self._choices("consultation", consultations or {})

    def _choices(self, name, pages):
        keys = {str(page.pk): key for key, page in pages.items()}
        self.filters[name].extra["choices"] = [
            (str(page.pk), page.title) for page in sorted(pages.values(), key=lambda page: page.title)
        ]
        return keys

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))

    def filter_dimension(self, queryset, name, value):
        chosen = Proposal.dimensions.through.objects.filter(dimension__code=value).values("proposal_id")
        return queryset.filter(pk__in=chosen)

    def filter_quadrant(self, queryset, name, value):
        return queryset.filter(quadrant_condition(value, self.index_page.matrix_high_from))

    def filter_working_group(self, queryset, name, value):
        # Proposals keep the group page they were written under; any translation of it matches.
        return queryset.filter(working_group__translation_key=self.group_keys[value])

    def filter_consultation(self, queryset, name, value):
        return queryset.filter(consultation__translation_key=self.consultation_keys[value])

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if not data.get("status"):
            queryset = queryset.exclude(status=Status.WITHDRAWN)
        sort = data.get("sort") or Sort.NEWEST
        if sort == Sort.RANDOM:
            return in_random_order(queryset, data.get("seed") or new_seed())
        return queryset.order_by(*ORDERINGS[sort])
