import django_filters
from django.utils.translation import gettext_lazy as _

from citysite.forms import FilterForm

from .models import GoodPracticeArea, GoodPracticePage


class GoodPracticeFilter(django_filters.FilterSet):
    city = django_filters.ChoiceFilter(label=_("City"), empty_label=_("All cities"))
    area = django_filters.ChoiceFilter(
        label=_("Area"), choices=GoodPracticeArea.choices, empty_label=_("All areas")
    )

    class Meta:
        model = GoodPracticePage
        fields = ["city", "area"]
        form = FilterForm

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        cities = (
            GoodPracticePage.objects.live()
            .child_of(parent)
            .order_by("city")
            .values_list("city", flat=True)
            .distinct()
        )
        self.filters["city"].extra["choices"] = [(city, city) for city in cities]
