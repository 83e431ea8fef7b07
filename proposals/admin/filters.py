"""The filters of the staff listing of every proposal."""

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

from ..models import (
    DEFAULT_HIGH_FROM,
    Proposal,
    ProposalArea,
    ProposalIndexPage,
    Quadrant,
    Status,
    quadrant_condition,
)


def index_choices() -> list[tuple[str, str]]:
    """Each proposals index once (by translation key), titled in the default language where it has one."""
    default_locale_id = Locale.get_default().pk
    chosen = {}
    for page in ProposalIndexPage.objects.order_by("pk"):
        if page.translation_key not in chosen or page.locale_id == default_locale_id:
            chosen[page.translation_key] = page
    return sorted(((str(key), page.title) for key, page in chosen.items()), key=lambda choice: choice[1])


class StaffProposalFilterSet(WagtailFilterSet):
    index = django_filters.ChoiceFilter(
        label=gettext_lazy("Proposals index"),
        choices=(),
        method="filter_index",
        empty_label=gettext_lazy("All"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Status.choices, empty_label=gettext_lazy("All")
    )
    area = django_filters.ChoiceFilter(
        label=gettext_lazy("Area"), choices=ProposalArea.choices, empty_label=gettext_lazy("All")
    )
    quadrant = django_filters.ChoiceFilter(
        label=gettext_lazy("Quadrant of the official placement"),
        choices=Quadrant.choices,
        method="filter_quadrant",
        empty_label=gettext_lazy("All"),
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Written in"), choices=settings.LANGUAGES, empty_label=gettext_lazy("All")
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["index"].extra["choices"] = index_choices()

    def filter_index(self, queryset, name, value):
        return queryset.filter(index_key=value)

    def filter_quadrant(self, queryset, name, value):
        """Each index says from which score a placement counts as high."""
        thresholds = dict(ProposalIndexPage.objects.values_list("translation_key", "matrix_high_from"))
        condition = ~Q(index_key__in=list(thresholds)) & quadrant_condition(value, DEFAULT_HIGH_FROM)
        for key, high_from in thresholds.items():
            condition |= Q(index_key=key) & quadrant_condition(value, high_from)
        return queryset.filter(condition)
