from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from citysite.accounts import urls as account_urls
from citysite.accounts import views as account_views
from citysite.health import healthz
from citysite.sitemaps import AllLocalesSitemap
from home import views as home_views

urlpatterns = [
    # Every login goes through allauth, which enforces e-mail verification and two-factor authentication.
    path("admin/login/", account_views.login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("calendar.ics", home_views.events_calendar, name="events_calendar"),
    path("account/", include(account_urls)),
    path("account/", include("allauth.urls")),
    path("comments/", include("citysite.participation.urls")),
    path("council/space/", include("migrant_council.urls")),
    path("ombudsperson/cases/", include("ombudsperson.urls")),
    path("council/secretariat/", include("migrant_council.secretariat_urls")),
    # Wagtail's front-end login (where private pages send visitors) goes to allauth's too.
    path("_util/login/", account_views.login_redirect, name="wagtailcore_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Error pages in the reader's language that render without the database; outages answer 503.
handler400 = "citysite.errors.bad_request"
handler403 = "citysite.errors.permission_denied"
handler500 = "citysite.errors.server_error"
