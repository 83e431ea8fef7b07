"""The people who speak for each working group (editors and superusers, by model permissions)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import WorkingGroupMember
from .forms import WorkingGroupMemberForm


class WorkingGroupMemberIndexView(IndexView):
    default_ordering = "working_group__title"

    @cached_property
    def columns(self):
        """Wagtail's columns (the first links to the edit view, with the edit and delete buttons), with
        headings that say what they show rather than "person e-mail address"."""
        columns = super().columns
        labels = [_("E-mail address"), _("Name shown on the site"), _("Working group")]
        for column, label in zip(columns, labels, strict=True):
            column.label = label
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "working_group")

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "pk")


class WorkingGroupMemberViewSet(ModelViewSet):
    model = WorkingGroupMember
    icon = "group"
    menu_label = gettext_lazy("Working group members")
    menu_name = "working-group-members"  # stable whatever the language of the admin
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = WorkingGroupMemberIndexView
    list_display = ["user__email", "user__display_name", "working_group"]
    ordering = "working_group__title"
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return WorkingGroupMemberForm
