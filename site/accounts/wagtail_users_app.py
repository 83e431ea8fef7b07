from wagtail.users.apps import WagtailUsersAppConfig


class CityWagtailUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the user editor of admin_users.py (it stands in INSTALLED_APPS for
    "wagtail.users")."""

    user_viewset = "citysite.accounts.admin_users.CityUserViewSet"
