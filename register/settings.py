"""Settings of the GI-register. Every knob is an environment variable (see README, "Instellingen")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from register.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY ontbreekt. Zet SECRET_KEY, of DEBUG=1 voor lokaal gebruik.")
    SECRET_KEY = "alleen-voor-lokale-ontwikkeling-niet-in-productie"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "register",
    "certification",
    "supervision",
    "reports",
    "api",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses oversized bodies (413) and NUL characters (400) before anything else reads the request.
    "api.invoer.InvoerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "api.middleware.ApiHeadersMiddleware",
]

# Largest request body accepted (Django's default, 2.5 MB); larger gives 413 (api/invoer.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "register.urls"
WSGI_APPLICATION = "register.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL picks the database; without it the embedded SQLite file is used.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The register is Dutch for everyone: no LocaleMiddleware, so the browser's language never switches it to English.
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"

# Where generated Kamer overviews are written by the example-data start script.
UITVOER_DIR = Path(env_str("UITVOER_DIR") or BASE_DIR / "uitvoer")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# History (django-simple-history): reasons may be longer than a line.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Reverting from the history screen would bypass the services (role check, validation, reason).
SIMPLE_HISTORY_REVERT_DISABLED = True

# REST API (/api/v1, NL API Design Rules): see api/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.VeiligeJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.EersteRenderer",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GI-register API",
    "DESCRIPTION": "Register van certificering (KMI) en toezicht (inspecties) op de gecertificeerde instellingen "
    "jeugdbescherming en jeugdreclassering. Volgt de NL API Design Rules: camelCase, geen slash aan het eind, "
    "fouten als application/problem+json. Authenticatie: header 'Authorization: Token <sleutel>'.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths are relative to `servers` (API_BASIS_URL), which carries the major version (NL ADR /core/uri-version).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.postprocess"],
    "ENUM_NAME_OVERRIDES": {"DoorEnum": "supervision.models.Door"},
}


def _api_basis_url() -> str:
    """The public base URL of the API, with its major version; https outside development (NL ADR)."""
    standaard = "http://127.0.0.1:8000/api/v1" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}/api/v1"
    url = (env_str("API_BASIS_URL") or standaard).rstrip("/")
    if not url.endswith("/api/v1"):
        raise ImproperlyConfigured(f"API_BASIS_URL={url!r} moet eindigen op /api/v1, bijvoorbeeld https://register.example.nl/api/v1.")
    if not DEBUG and not url.startswith("https://"):
        raise ImproperlyConfigured(f"API_BASIS_URL={url!r} moet in productie met https:// beginnen.")
    return url


# The OpenAPI document's `servers` and `info.contact` (NL API Design Rules /core/uri-version, /core/doc-openapi-contact).
API_BASIS_URL = _api_basis_url()
API_CONTACT = {
    "name": env_str("API_CONTACT_NAAM") or "Functioneel beheer GI-register",
    "email": env_str("API_CONTACT_EMAIL") or "functioneelbeheer@gi-register.example.nl",
    "url": env_str("API_CONTACT_URL") or "https://gi-register.example.nl/contact",
}
