"""Production: everything from the environment, secure by default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if not OMBUDSPERSON_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "OMBUDSPERSON_ENCRYPTION_KEYS must be set in production (Fernet keys, newest first)."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment in production.")

DEBUG = False
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the backend over plain HTTP; a redirect would count as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Behind a proxy, rate limits must count the client's address, not the proxy's (e.g. HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
# allauth's login limits read the client's address themselves: from the same header the proxy overwrites.
if RATELIMIT_IP_META_KEY.startswith("HTTP_"):
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = RATELIMIT_IP_META_KEY.removeprefix("HTTP_").replace("_", "-")
