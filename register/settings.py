"""Settings of the GI-register. Every knob is an environment variable (see README, "Instellingen")."""

import datetime as dt
import ipaddress
import re
from base64 import b64encode
from hashlib import sha256
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
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
    # Only for its migrations: gebruikers/0004 empties its table of plain-text tokens. API tokens are
    # gebruikers.ApiToken, stored as a digest.
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "register",
    "certification",
    "supervision",
    "signalen",
    "reports",
    "wederhoor",
    "vroegsignalering",
    "historisch",
    "api",
    "gebruikers",
    "voorbeelddata",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refuses oversized bodies (413) and NUL characters (400) before anything else reads the request.
    "api.invoer.InvoerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Ends a login session after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after its login.
    "gebruikers.sessies.SessieVerloopMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session gave its second-factor code (django-otp), and what a session that still owes one may
    # reach: only the second-factor pages (gebruikers/tweedefactor.py).
    "django_otp.middleware.OTPMiddleware",
    "gebruikers.tweedefactor.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "api.middleware.ApiHeadersMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lock-out page (429).
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password backend, refusing system accounts and, with DEBUG off, the demo accounts; the login limits
    # (register/blokkade.py) stand in front of its hasher.
    "gebruikers.backends.RegisterBackend",
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

# DATABASE_URL picks the database; without it the embedded SQLite file is used. DATABASE_CONN_MAX_AGE keeps a
# connection open for that many seconds (scripts/serve: 60); DATABASE_CONN_HEALTH_CHECKS then tests a reused
# connection before a request uses it, so a restarted database costs no failed request (on by default when kept open);
# on PostgreSQL that test asks the server only when something arrived on the connection (register/postgresql).
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0)
if DATABASE_CONN_MAX_AGE < 0:
    raise ImproperlyConfigured(f"DATABASE_CONN_MAX_AGE={DATABASE_CONN_MAX_AGE} moet 0 (een verbinding per verzoek) of positief zijn.")
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=DATABASE_CONN_MAX_AGE > 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check that sends no query while a kept connection is quiet (register/postgresql).
    DATABASES["default"]["ENGINE"] = "register.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every door that sets a password asks these (gebruikers/services.py, the admin's forms, createsuperuser):
# at least 12 characters (ASVS level 2, DESIGN.md §7) and none from the list of common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gebruikers.wachtwoorden.MinimumLengte", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The register is Dutch for everyone: no LocaleMiddleware, so the browser's language never switches it to English.
LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Dutch for the admin and history strings that Django and django-simple-history ship without one (locale/nl).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# The register's own style sheet and the vendored NL Design System CSS (scripts/vendor-nlds).
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise (MIDDLEWARE) serves the static files itself. In production (DEBUG off) from STATIC_ROOT, filled by
# `collectstatic` with hashed, compressed copies (cacheable forever); with DEBUG straight from the apps, so
# development and the tests need no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Read from the environment's DEBUG, not Django's (the test runner turns that off), so the tests see the files too.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Where generated Kamer overviews are written by the example-data start script.
UITVOER_DIR = Path(env_str("UITVOER_DIR") or BASE_DIR / "uitvoer")

# Login sessions (gebruikers/sessies.py): database sessions that know their account, so deactivating an account
# ends them. A session ends after SESSION_IDLE_MINUTES without a request (counted in whole minutes) and at the
# latest SESSION_MAX_HOURS after its login. The cookie and the stored row expire a minute after the idle time.
SESSION_ENGINE = "gebruikers.sessies"
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
if SESSION_IDLE_MINUTES < 1 or SESSION_MAX_HOURS < 1:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES en SESSION_MAX_HOURS moeten minstens 1 zijn.")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60 + 60
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True


def _proxy_ssl_header(raw: str | None) -> tuple[str, str] | None:
    """'X-Forwarded-Proto: https' -> ('HTTP_X_FORWARDED_PROTO', 'https'): the header a TLS-ending proxy sets."""
    if not raw:
        return None
    naam, _, waarde = raw.partition(":")
    naam, waarde = naam.strip(), waarde.strip()
    if not re.fullmatch(r"[A-Za-z0-9-]+", naam) or not waarde:
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={raw!r} is ongeldig; gebruik 'Header-Naam: waarde', bijvoorbeeld "
            "'X-Forwarded-Proto: https'."
        )
    return "HTTP_" + naam.upper().replace("-", "_"), waarde


# HTTPS (what `check --deploy` asks): on by default whenever DEBUG is off. Behind a proxy that ends TLS, set
# SECURE_PROXY_SSL_HEADER to the header that proxy sets (and only then: a client could set it too).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The health checks (register/gezondheid.py) answer on plain HTTP too: a load balancer or orchestrator probes the
# app directly, not through the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/"]
SECURE_PROXY_SSL_HEADER = _proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS={SECURE_HSTS_SECONDS} moet 0 (uit) of positief zijn.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

# Content-Security-Policy (django-csp), the one place where the policies are written down. HTML pages: scripts and
# style sheets only from the app itself, no inline script at all; an inline <style> needs the page's nonce
# (`nonce="{{ request.csp_nonce }}"`). django-simple-history's history page has one style attribute, allowed by hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF, NONCE, UNSAFE_HASHES, "'sha256-%s'" % b64encode(sha256(b"border-top: 0").digest()).decode()],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# API responses are data, not pages: nothing may load from them or frame them (set by api.middleware).
CONTENT_SECURITY_POLICY_API = {"default-src": [NONE], "frame-ancestors": [NONE]}
# Swagger UI on /api/v1/docs (drf-spectacular-sidecar) sets inline styles; its scripts still come only from the app.
CONTENT_SECURITY_POLICY_DOCS_REPLACE = {"style-src": [SELF, UNSAFE_INLINE], "form-action": [NONE]}

# The second factor (gebruikers/tweedefactor.py): the name authenticator apps show next to the code.
OTP_TOTP_ISSUER = "GI-register"

# Login lock-out (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# username cannot log in from that address for LOGIN_COOLOFF_MINUTES, not even with the right password. Per
# username and address, so nobody can lock a colleague out from elsewhere. Functional admin lifts a block early
# with `manage.py axes_reset_username <naam>`.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME <= dt.timedelta(0):
    raise ImproperlyConfigured("LOGIN_FAILURE_LIMIT en LOGIN_COOLOFF_MINUTES moeten minstens 1 zijn.")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "register.blokkade.client_ip"
AXES_LOCKOUT_CALLABLE = "register.blokkade.inloggen_geblokkeerd"
AXES_COOLOFF_MESSAGE = "Te veel mislukte inlogpogingen. Probeer het later opnieuw."
# Attempts refused by the login limits below are not recorded as wrong passwords (register.blokkade.AxesHandler).
AXES_HANDLER = "register.blokkade.AxesHandler"

# Reverse proxies in front of the app (IP addresses or networks such as 10.0.0.0/24). X-Forwarded-For is read only
# on a connection from one of them, and then the right-most hop that is not itself one of them is the client
# (register/clientadres.py); otherwise, and by default, the address of the connection counts for the login lock-out,
# the login limits and the API limits: a client cannot choose the address it is counted under.
def _proxies(namen: list[str]) -> list[str]:
    netwerken = []
    for naam in namen:
        try:
            netwerken.append(str(ipaddress.ip_network(naam, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES bevat {naam!r}, geen IP-adres of netwerk; gebruik bijvoorbeeld "
                "TRUSTED_PROXIES=10.0.0.2 of TRUSTED_PROXIES=10.0.0.0/24,127.0.0.1 (komma-gescheiden)."
            ) from None
    return netwerken


TRUSTED_PROXIES = _proxies(env_list("TRUSTED_PROXIES"))
# The earlier setting: a number of proxies without their addresses, which anyone reaching the app port directly
# could use to choose their own address. No longer read for the address; a value above 0 only makes `check --deploy`
# and scripts/serve warn (register.W020) until TRUSTED_PROXIES is set.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} moet 0 of meer zijn.")


def _cache(raw: str, max_entries: int, max_mb: int) -> dict:
    """CACHE: 'locmem' (one process), 'database' (shared by every process and server) or an absolute directory.
    The database cache writes with one statement (register/databasecache.py) and is bounded in bytes too."""
    opties = {"OPTIONS": {"MAX_ENTRIES": max_entries}}
    if raw == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", **opties}
    if raw == "database":
        return {
            "BACKEND": "register.databasecache.RegisterDatabaseCache", "LOCATION": "register_cache",
            "OPTIONS": {"MAX_ENTRIES": max_entries, "MAX_MB": max_mb},
        }
    if raw.startswith("/"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": raw, **opties}
    raise ImproperlyConfigured(f"CACHE={raw!r} is ongeldig; gebruik 'database', 'locmem' of een absoluut pad naar een map.")


# The cache holds the API rate-limit counters, so in production every gunicorn worker must see the same one.
# CACHE_MAX_ENTRIES: Django's default of 300 is less than the public pages of 500 GI's; over it, a third is culled.
CACHE_MAX_ENTRIES = env_int("CACHE_MAX_ENTRIES", 20000)
if CACHE_MAX_ENTRIES < 1:
    raise ImproperlyConfigured(f"CACHE_MAX_ENTRIES={CACHE_MAX_ENTRIES} moet minstens 1 zijn.")
# CACHE_MAX_MB: the database cache's values in MB (millions of bytes); over it, those that expire first are deleted
# until three quarters remain. 500 GI's left 25-60 MB of values after bench/api.py (README "Snelheid").
CACHE_MAX_MB = env_int("CACHE_MAX_MB", 256)
if CACHE_MAX_MB < 1:
    raise ImproperlyConfigured(f"CACHE_MAX_MB={CACHE_MAX_MB} moet minstens 1 zijn (megabytes aan waarden in de databasecache).")
CACHES = {"default": _cache(env_str("CACHE") or ("locmem" if DEBUG else "database"), CACHE_MAX_ENTRIES, CACHE_MAX_MB)}
# Derived state (signals of a year, the status of every GI, the public Kamer overview) is cached with the version of
# the part of the register it was built from (register/cache.py); there is no expiry by time. AFGELEID_NA_ANTWOORD:
# a value that a write made behind is rebuilt after the answer was sent (the reader that found it behind gets the
# previous answer too), so no reader waits for a rebuild; on unless DEBUG (the tests and development see every write
# in the next answer). AFGELEID_NA_SCHRIJVEN: a writer refreshes the public pages of what it wrote after its commit.
AFGELEID_NA_ANTWOORD = env_bool("AFGELEID_NA_ANTWOORD", default=not DEBUG)
AFGELEID_NA_SCHRIJVEN = env_bool("AFGELEID_NA_SCHRIJVEN", default=True)


def _rate(naam: str, standaard: str) -> str:
    """A DRF rate such as '120/min': a number of requests per second, minute, hour or day."""
    raw = (env_str(naam) or standaard).strip()
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", raw):
        raise ImproperlyConfigured(f"{naam}={raw!r} is ongeldig; gebruik bijvoorbeeld 120/min, 1000/hour of 20/day.")
    return raw


# Password checks (each costs the hasher's full work, about a second of CPU) per client address, over all addresses
# together, and at the same moment over all workers; over any, a login is refused with 429 before any password is
# hashed (register/blokkade.py).
LOGIN_RATE_ADDRESS = _rate("LOGIN_RATE_ADDRESS", "6/min")
LOGIN_RATE_TOTAL = _rate("LOGIN_RATE_TOTAL", "12/min")
LOGIN_CHECKS_CONCURRENT = env_int("LOGIN_CHECKS_CONCURRENT", 1)
if LOGIN_CHECKS_CONCURRENT < 1:
    raise ImproperlyConfigured(
        f"LOGIN_CHECKS_CONCURRENT={LOGIN_CHECKS_CONCURRENT} moet minstens 1 zijn (het aantal wachtwoordcontroles "
        "tegelijk; houd het onder WEB_CONCURRENCY)."
    )

# Benchmark only (bench/api.py): mounts the floor views of api/vloer.py under /api/bench-vloer/. Never in
# production: they read without a rights check, and `check --deploy` warns when this is on.
BENCH_VLOER = env_bool("BENCH_VLOER", default=False)

# E-mail (vroegsignalering: signaalmeldingen and the weekly overview). With DEBUG the messages are printed on the
# console; otherwise sent by SMTP with the settings below (README "Vroegsignalering"). EMAIL_BACKEND overrides both.
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "GI-register <noreply@gi-register.example.nl>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

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
        "api.throttling.TokenAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.VeiligeJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.EersteRenderer",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    # Rate limits per client address (anonymous) or per user (token or session), and for failed token attempts
    # per address; see api/throttling.py and README "Instellingen".
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnoniemeLimiet", "api.throttling.GebruikerLimiet"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _rate("API_RATE_ANON", "120/min"),
        "user": _rate("API_RATE_USER", "600/min"),
        "token_fout": _rate("API_RATE_TOKEN_FAILURES", "20/hour"),
    },
    # DRF's own reading of X-Forwarded-For stays off: every throttle counts register.clientadres.client_adres
    # (api/throttling.py), which reads it only from TRUSTED_PROXIES.
    "NUM_PROXIES": 0,
    "DATE_FORMAT": "iso-8601",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GI-register API",
    "DESCRIPTION": "Register van certificering (KMI) en toezicht (inspecties) op de gecertificeerde instellingen "
    "jeugdbescherming en jeugdreclassering. Volgt de NL API Design Rules: camelCase, geen slash aan het eind, "
    "fouten als application/problem+json. Authenticatie: header 'Authorization: Token <sleutel>'; "
    "het register bewaart alleen een hash van de sleutel en toont die alleen bij het uitgeven.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths are relative to `servers` (API_BASIS_URL), which carries the major version (NL ADR /core/uri-version).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    # No deep links: Swagger UI then puts no link inside each operation's button (axe: nested-interactive); no
    # syntax colours in the examples (several fail the contrast of WCAG 1.4.3 on their dark background).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.postprocess"],
    "ENUM_NAME_OVERRIDES": {
        "DoorEnum": "supervision.models.Door",
        "CertificaatstatusOpDatumEnum": "api.serializers.AFGELEIDE_CERTIFICAATSTATUSSEN",
        "DatumkwaliteitEnum": "api.serializers.DATUMKWALITEITEN",
    },
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
