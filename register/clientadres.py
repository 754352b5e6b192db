"""The client's address, the one rule used by the login lock-out (django-axes), the login limit and the API limits.

Forwarded headers fail closed: ``X-Forwarded-For`` is read only when the connection comes from an address in
TRUSTED_PROXIES (settings, README "Instellingen"). Then the hops are read from the right (the end the trusted proxy
appended to) and the first address that is not itself a trusted proxy is the client; every hop to the left of it
was written by the client or by proxies we do not know, so it is never read. Anything else gives the address of the
connection: no trusted proxies configured, a connection from elsewhere (someone reaching the app port directly), no
header, or a hop that is not an IP address."""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings

log = logging.getLogger(__name__)

_Netwerk = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple[_Netwerk, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _ip(tekst: str):
    try:
        return ipaddress.ip_address(tekst.strip())
    except ValueError:
        return None


def is_vertrouwde_proxy(adres, netwerken) -> bool:
    return any(adres.version == n.version and adres in n for n in netwerken)


_gemeld = False


def _meld_genegeerde_header(verbinding: str) -> None:
    """Once per process: a forwarded header from an address that is not a trusted proxy. Behind a proxy the app was
    not told about, every visitor has the proxy's address (README "Productiechecklist")."""
    global _gemeld
    if not _gemeld:
        _gemeld = True
        log.warning(
            "X-Forwarded-For genegeerd van %s: dat adres staat niet in TRUSTED_PROXIES. Staat er een reverse proxy "
            "voor het register, zet dan zijn adres in TRUSTED_PROXIES; anders tellen alle bezoekers als één adres "
            "voor de inlogblokkade en de limieten.",
            verbinding,
        )


def client_adres(request) -> str | None:
    """The client's address as text (always an IP address when the connection has one)."""
    meta = request.META
    verbinding = meta.get("REMOTE_ADDR")
    doorgestuurd = meta.get("HTTP_X_FORWARDED_FOR")
    if not doorgestuurd or not verbinding:
        return verbinding
    netwerken = _netwerken(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    verbinding_ip = _ip(verbinding)
    if verbinding_ip is None or not is_vertrouwde_proxy(verbinding_ip, netwerken):
        _meld_genegeerde_header(verbinding)
        return verbinding
    hops = doorgestuurd.split(",")
    for hop in reversed(hops):
        adres = _ip(hop)
        if adres is None:
            return verbinding  # not written by a proxy we know: the connection's address, never an error
        if not is_vertrouwde_proxy(adres, netwerken):
            return str(adres)
    return str(_ip(hops[0]))  # only trusted proxies: the one furthest from the app
