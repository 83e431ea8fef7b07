"""Settings shared by every environment. Anything that differs between deployments comes from the
environment; see README.md, "Configuration"."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "citysite",
    "citysite.accounts",
    "citysite.participation",
    "citysite.mailqueue",
    "home",
    "consultations",
    "proposals",
    "migrant_council",
    "ombudsperson",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "citysite.accounts.wagtail_users_app.CityWagtailUsersAppConfig",  # wagtail.users, protected groups hidden
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for the templates-setting form renderer
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "citysite.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "citysite.middleware.RequestBodyLimitMiddleware",
    "citysite.middleware.RejectNulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "citysite.accounts.middleware.StaffMFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "citysite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Every form renders through the site's form and field templates (citysite/forms.py).
FORM_RENDERER = "citysite.forms.CityFormRenderer"

WSGI_APPLICATION = "citysite.wsgi.application"

# Database: SQLite file by default (the demo); DATABASE_URL selects anything else, e.g.
# postgres://user:password@host:5432/name (psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set (needed when several web processes share rate limits).
# Redis stays optional at run time too: while it is unreachable the site carries on from each process's
# memory (citysite/cache.py); short timeouts keep an unreachable Redis from stalling requests.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "citysite.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
# No rules backend: the project's rules are asked through citysite.access.may only; has_perm() answers
# Django's and Wagtail's model permissions and nothing else.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Internationalisation: Polish first, then English, Ukrainian and Russian.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", "Polski"),
    ("en", "English"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Warsaw"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "collected-static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")

# Media on local disk, or on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False
    MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Uploaded images on object storage come from another host, which the Content-Security-Policy must allow:
# the storage's custom domain or endpoint unless CSP_MEDIA_ORIGINS names the origins outright.
if AWS_STORAGE_BUCKET_NAME and (AWS_S3_CUSTOM_DOMAIN or AWS_S3_ENDPOINT_URL):
    STORAGE_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else AWS_S3_ENDPOINT_URL]
else:
    STORAGE_ORIGINS = []
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS", STORAGE_ORIGINS)
# Files that must not be public at their address, e.g. the image of a hidden or withdrawn proposal: a
# folder no web server serves, or a private prefix of the bucket (its policy must not grant public read
# under it); the site streams them after checking who asks (proposals/images.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "private", "default_acl": "private", "querystring_auth": True},
    }
else:
    PRIVATE_MEDIA_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: queued as background tasks, then delivered by EMAIL_DELIVERY_BACKEND (SMTP by default).
EMAIL_BACKEND = "citysite.mail.TaskQueueEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Otwarte Miasto <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Delivery (citysite.mailqueue), in seconds: the mail server's answer is awaited EMAIL_TIMEOUT; a failed
# e-mail is retried after EMAIL_RETRY_FIRST_DELAY, doubling up to EMAIL_RETRY_MAX_DELAY, for
# EMAIL_RETRY_PERIOD; one still "sending" after EMAIL_SENDING_TIMEOUT (its worker died) is sent again.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
EMAIL_RETRY_FIRST_DELAY = env_int("EMAIL_RETRY_FIRST_DELAY", 60)
EMAIL_RETRY_MAX_DELAY = env_int("EMAIL_RETRY_MAX_DELAY", 60 * 60)
EMAIL_RETRY_PERIOD = env_int("EMAIL_RETRY_PERIOD", 48 * 60 * 60)
EMAIL_SENDING_TIMEOUT = env_int("EMAIL_SENDING_TIMEOUT", 15 * 60)
# Delivered and given-up e-mails are deleted after this many days (they hold personal data).
EMAIL_RECORD_RETENTION_DAYS = env_int("EMAIL_RECORD_RETENTION_DAYS", 30)

# Background tasks (django-tasks): a database-backed queue, worked by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# django-allauth: e-mail is the login; nothing about citizenship, nationality or residence is asked.
ACCOUNT_ADAPTER = "citysite.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "citysite.accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "citysite.accounts.forms.SignupExtraFieldsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# A signed-in person without admin access is sent to the login page by Wagtail; show it to them (with
# Wagtail's "no permission" message) instead of bouncing them back to the admin in a loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Otwarte Miasto] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Otwarte Miasto"

# Every member of a staff group must have two-factor authentication when this is on.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
STAFF_GROUP_NAMES = [
    "Editors",
    "Moderators",
    "Consultation analysts",
    "Council members",
    "Council secretariat",
    "Ombudsperson",
]

# How long the author of a comment may still correct it.
COMMENT_EDIT_WINDOW_MINUTES = env_int("COMMENT_EDIT_WINDOW_MINUTES", 15)

# Ombudsperson cases are encrypted at rest with these Fernet keys (comma-separated, newest first; see
# ombudsperson/crypto.py) and deleted this many days after they are closed.
OMBUDSPERSON_ENCRYPTION_KEYS = env_list("OMBUDSPERSON_ENCRYPTION_KEYS", [])
OMBUDSPERSON_RETENTION_DAYS = env_int("OMBUDSPERSON_RETENTION_DAYS", 365)

# The demo command creates accounts with known passwords; it refuses to run unless this is on.
DEMO_CONTENT_ALLOWED = False

# Wagtail
WAGTAIL_SITE_NAME = "Otwarte Miasto"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "account_login"

# The admin shows initials, never a picture fetched from gravatar.com (nothing loads from other hosts).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp) on every response. Scripts and styles come from this site only; an
# inline script needs `nonce="{{ request.csp_nonce }}"`. The Wagtail admin gets the few relaxations it
# cannot work without, on /admin/ only (citysite/csp.py); case pages of the ombudsperson are stricter
# still (ombudsperson/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, *CSP_MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
