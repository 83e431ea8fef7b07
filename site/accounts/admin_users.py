"""The Wagtail user editor without the protected groups (protected_groups.py): nobody is offered a
membership the guard would refuse, and saving a member's other details keeps the protected groups they
are in untouched."""

from django.contrib.auth.models import Group
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .protected_groups import PROTECTED_GROUPS


class WithoutProtectedGroups:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(name__in=PROTECTED_GROUPS)

    def clean_groups(self):
        # The field's set() would otherwise remove the protected groups it does not list.
        chosen = list(self.cleaned_data["groups"])
        if self.instance.pk is None:
            return chosen
        return chosen + list(Group.objects.filter(user=self.instance, name__in=PROTECTED_GROUPS))


class CityUserCreationForm(WithoutProtectedGroups, UserCreationForm):
    pass


class CityUserEditForm(WithoutProtectedGroups, UserEditForm):
    pass


class CityUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return CityUserEditForm if for_update else CityUserCreationForm
