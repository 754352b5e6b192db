"""A large API answer is kept packed in the cache (api/renderers.py ``ingepakt``) and sent exactly as rendered."""

import datetime as dt
import zlib

import pytest
from django.core.cache import cache as gedeeld
from django.test import Client

from api import renderers
from register import cache as afgeleid
from tests import maak

pytestmark = pytest.mark.django_db


def test_inpakken_en_uitpakken_geven_dezelfde_bytes_terug():
    groot = renderers.Gerenderd(b'{"a":"' + b"x" * (renderers.PAKKEN_VANAF + 1) + b'"}')
    klein = renderers.Gerenderd(b'{"a":1}')
    bewaard = renderers.ingepakt(groot)
    assert isinstance(bewaard, renderers.Gepakt) and len(bewaard) < len(groot) // 10
    assert renderers.uitgepakt(bewaard) == groot and isinstance(renderers.uitgepakt(bewaard), renderers.Gerenderd)
    assert renderers.ingepakt(klein) is klein and renderers.uitgepakt(klein) is klein
    # Exactly at the bound: kept as it is.
    grens = renderers.Gerenderd(b"x" * renderers.PAKKEN_VANAF)
    assert renderers.ingepakt(grens) is grens


def test_een_groot_antwoord_staat_ingepakt_in_de_cache_en_komt_ongewijzigd_terug(beheerder, kmi_gebruiker, monkeypatch):
    gi = maak.instelling(beheerder, "JBN")
    maak.certificaat(kmi_gebruiker, gi, "volledig", dt.date(2025, 2, 1), dt.date(2028, 1, 31))
    bewaard = []
    echte = afgeleid._herbouwen

    def herbouwen(*args):
        waarde = echte(*args)
        bewaard.append(waarde)  # what was kept in the cache
        return waarde

    monkeypatch.setattr(afgeleid, "_herbouwen", herbouwen)
    client = Client()
    url = "/api/v1/certificaatbesluiten"
    gedeeld.clear()
    monkeypatch.setattr(renderers, "PAKKEN_VANAF", 10**9)  # nothing packed: the answer as rendered
    onverpakt = client.get(url)
    gedeeld.clear()
    monkeypatch.setattr(renderers, "PAKKEN_VANAF", 0)  # everything packed
    eerste, tweede = client.get(url), client.get(url)  # built; then from the cache
    assert onverpakt.status_code == eerste.status_code == tweede.status_code == 200
    assert onverpakt.content == eerste.content == tweede.content
    assert tweede["Content-Type"] == onverpakt["Content-Type"]
    assert len(bewaard) == 2  # built twice (once per cleared cache), the third answer came from the cache
    assert not isinstance(bewaard[0], renderers.Gepakt) and bewaard[0] == onverpakt.content
    assert isinstance(bewaard[1], renderers.Gepakt) and zlib.decompress(bewaard[1]) == onverpakt.content
