"""System checks of the production set-up that `check --deploy` (and so scripts/serve at start) reports: settings
that look like a reverse proxy without the proxy settings the client address needs (register/clientadres.py)."""

import ipaddress
import os

from django.conf import settings
from django.core import checks


def _bind_is_loopback(bind: str) -> bool:
    """gunicorn's --bind: 'host:port', '[v6]:port', 'unix:/path' or 'fd://n'. A socket or descriptor is local."""
    if bind.startswith(("unix:", "fd://")):
        return True
    host = bind.rsplit(":", 1)[0].strip("[]") if ":" in bind else bind
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: whatever it resolves to, not known to be local


def proxy_waarschuwingen(omgeving=None) -> list[checks.Warning]:
    """The warnings for these settings and this environment (BIND, as scripts/serve reads it)."""
    omgeving = os.environ if omgeving is None else omgeving
    proxies = getattr(settings, "TRUSTED_PROXIES", [])
    gevonden = []
    if getattr(settings, "TRUSTED_PROXY_COUNT", 0) > 0 and not proxies:
        gevonden.append(
            checks.Warning(
                "TRUSTED_PROXY_COUNT is gezet maar TRUSTED_PROXIES niet: X-Forwarded-For wordt genegeerd en alle "
                "bezoekers achter de proxy tellen als één adres voor de inlogblokkade en de limieten.",
                hint="Zet TRUSTED_PROXIES op het adres (of netwerk) van de reverse proxy, bijvoorbeeld "
                "TRUSTED_PROXIES=10.0.0.2, en laat TRUSTED_PROXY_COUNT weg (die wordt niet meer gebruikt).",
                id="register.W020",
            )
        )
    if settings.SECURE_PROXY_SSL_HEADER and not proxies:
        gevonden.append(
            checks.Warning(
                "SECURE_PROXY_SSL_HEADER is gezet, dus staat er een TLS-proxy voor het register, maar TRUSTED_PROXIES "
                "niet: alle bezoekers tellen als het adres van de proxy, zodat inlogpogingen vanaf het ene adres de "
                "limieten voor iedereen opgebruiken.",
                hint="Zet TRUSTED_PROXIES op het adres van die proxy (bijvoorbeeld TRUSTED_PROXIES=127.0.0.1 als hij "
                "op dezelfde machine draait).",
                id="register.W021",
            )
        )
    bind = omgeving.get("BIND")
    if proxies and bind and not _bind_is_loopback(bind):
        gevonden.append(
            checks.Warning(
                f"TRUSTED_PROXIES is gezet maar BIND={bind} luistert niet alleen op de machine zelf: wie de poort "
                "rechtstreeks bereikt, omzeilt de proxy.",
                hint="Laat het register alleen op 127.0.0.1 luisteren (BIND=127.0.0.1:8000, de standaard) of sluit de "
                "poort met een firewall af voor alles behalve de proxy (dan klopt de opzet en kunt u deze waarschuwing "
                "negeren); TRUSTED_PROXIES bevat alleen die proxy.",
                id="register.W022",
            )
        )
    return gevonden


@checks.register(checks.Tags.security, deploy=True)
def proxy_instellingen(app_configs, **kwargs):
    return proxy_waarschuwingen()
