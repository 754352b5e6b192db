"""Derived state from the cache (register/cache.py): a repeated read of the same register costs the key query, any
write is seen at once, the openbaar pages never show a confidential value through the cache, and /signalen computes
only the signals of the page of GI's it answers, with the same answer as before."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from certification.services import audit_corrigeren, certificaatbesluit_corrigeren
from register import cache as afgeleid
from register.camel import camel
from reports.overzicht import pasoordeel_data, pasoordelen_per_instelling, signalen_per_instelling
from signalen import regels
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db
GEHEIM = "GEHEIME-BEVINDING-q7z"


@pytest.fixture(autouse=True)
def klok():
    """1 March 2026, 12:00 in Amsterdam."""
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 1, 11, 0, tzinfo=dt.timezone.utc)):
        yield


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2020, 1, 1))
    audit = maak.audit(kmi_gebruiker, gi, D(2025, 1, 10), samenvatting=GEHEIM, rapportkenmerk="KMI-GEHEIM-1")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 2, 1), D(2028, 1, 31), audits=[audit],
                     motivering_vertrouwelijk="GEHEIME-MOTIVERING-k2")
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 3, 1), D(2025, 9, 1))
    return gi


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    return [q["sql"] for q in queries.captured_queries], antwoord.content.decode()


def _is_sleutel(sql: str) -> bool:
    """The version query (register/standversie.py)."""
    return "register_standversie" in sql and "INSERT" not in sql


def test_de_versie_van_een_gi_in_een_query_en_alleen_van_die_gi(jbn, beheerder, kmi_gebruiker):
    """A write to one GI moves that GI's version and the register's, never another GI's (register/standversie.py)."""
    from register import standversie

    maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland")
    with CaptureQueriesContext(connection) as queries:
        voor = afgeleid.versie(openbaar=True, afkorting="JBN")
    assert len(queries) == 1
    ander, register = afgeleid.versie(openbaar=True, afkorting="JBG"), standversie.versie_register(openbaar=True)
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=jbn.certificaatbesluiten.get(), reden="typfout", kenmerk="K-2")
    assert afgeleid.versie(openbaar=True, afkorting="JBN") != voor
    assert afgeleid.versie(openbaar=True, afkorting="JBG") == ander
    assert standversie.versie_register(openbaar=True) != register
    # The key names the question, not the version: a rebuilt value overwrites the one it replaces.
    assert afgeleid.sleutel("x", 2025) == afgeleid.sleutel("x", 2025) != afgeleid.sleutel("x", 2024)


def test_leeg_register_heeft_een_versie():
    assert afgeleid.versie(openbaar=True) == afgeleid.versie(openbaar=False) == "r:0.0"
    assert afgeleid.versie(openbaar=True, afkorting="JBN") == "gi:0,0"


@pytest.mark.parametrize(
    "url", ["/", "/?datum=2025-06-01", "/instellingen/JBN?jaar=2025", "/kameroverzicht/2025/JBN", "/kameroverzicht/?jaar=2025"]
)
def test_dezelfde_gegevens_lezen_alleen_de_sleutel(jbn, url):
    client = Client()
    eerste, body = _queries(client, url)
    tweede, body2 = _queries(client, url)
    assert len(eerste) > len(tweede)
    assert len(tweede) == 1 and _is_sleutel(tweede[0])
    assert body == body2


def test_ingelogd_krijgt_de_pagina_voor_zich_gemaakt_uit_de_afgeleide_stand(jbn, kmi_gebruiker):
    Client().get("/")  # cached for anonymous readers
    kmi = Client()
    kmi.force_login(kmi_gebruiker)
    kmi.get("/")
    sql, body = _queries(kmi, "/")
    assert "Uitloggen (kmi-medewerker)" in body and "Jeugdbescherming Noord (JBN)" in body
    assert not [q for q in sql if "certificaatbesluit" in q]  # the status of every GI from the cache, rendered for her
    assert "Uitloggen" not in Client().get("/").content.decode()


def test_een_nieuw_gearchiveerd_overzicht_staat_meteen_op_de_openbare_pagina(jbn, ministerie_gebruiker):
    from reports.services import kameroverzicht_genereren

    client = Client()
    assert "nog geen overzicht vastgesteld" in client.get("/kameroverzicht/?jaar=2025").content.decode()
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, peildatum=D(2026, 3, 1), variant="openbaar")
    assert f"/kameroverzicht/openbaar/{overzicht.pk}.pdf" in client.get("/kameroverzicht/?jaar=2025").content.decode()


def test_een_wijziging_is_meteen_zichtbaar(jbn, kmi_gebruiker, inspecteur, beheerder):
    client = Client()
    assert "volledig certificaat" in client.get("/?datum=2025-06-01").content.decode().lower()
    assert "VOLLEDIG_TIJDENS_VERSCHERPT" in client.get("/kameroverzicht/2025/JBN").content.decode()
    besluit = jbn.certificaatbesluiten.get()
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="verkeerd ingevoerd", status="overbrugging",
                                  geldig_tot=D(2025, 10, 31), afweging="Het KMI woog de afwijkingen.")
    assert "overbruggingscertificaat" in client.get("/?datum=2025-06-01").content.decode()
    assert "VOLLEDIG_TIJDENS_VERSCHERPT" not in client.get("/kameroverzicht/2025/JBN").content.decode()
    maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland")
    assert "Jeugdbescherming Gelderland" in client.get("/").content.decode()
    assert [i["instelling"] for i in client.get("/api/v1/signalen?jaar=2025").json()["results"]] == ["JBG", "JBN"]


def test_een_wijziging_via_de_api_is_meteen_zichtbaar(jbn, beheerder):
    client = Client()
    assert "Jeugdbescherming Noord (JBN)" in client.get("/").content.decode()
    beheer = Client()
    beheer.force_login(beheerder)
    antwoord = beheer.patch("/api/v1/instellingen/JBN", {"naam": "Jeugdbescherming Noord-Nederland", "reden": "nieuwe naam"},
                            content_type="application/json")
    assert antwoord.status_code == 200, antwoord.content
    assert "Jeugdbescherming Noord-Nederland (JBN)" in client.get("/").content.decode()


def test_de_openbare_paginas_tonen_nooit_een_vertrouwelijke_waarde_uit_de_cache(jbn, kmi_gebruiker):
    kmi = Client()
    kmi.force_login(kmi_gebruiker)  # reads confidential fields, but the public pages are openbaar for everyone
    for url in ("/kameroverzicht/?jaar=2025", "/kameroverzicht/2025/JBN", "/"):
        for client in (kmi, Client()):
            body = client.get(url).content.decode()
            assert GEHEIM not in body and "GEHEIME-MOTIVERING" not in body and "KMI-GEHEIM" not in body, url
    # A confidential correction changes the register's latest change (a new key), still nothing confidential shows.
    audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="aanvulling", samenvatting=GEHEIM + " aangevuld")
    for url in ("/kameroverzicht/?jaar=2025", "/kameroverzicht/2025/JBN"):
        assert GEHEIM not in Client().get(url).content.decode()


def test_openbaar_en_vertrouwelijk_hebben_elk_hun_eigen_sleutel():
    assert afgeleid.sleutel("kameroverzicht", 2025, "2026-03-01", "openbaar") != afgeleid.sleutel(
        "kameroverzicht", 2025, "2026-03-01", "vertrouwelijk"
    )


def test_de_pagina_per_instelling_en_het_overzicht(jbn):
    client = Client()
    overzicht = client.get("/kameroverzicht/?jaar=2025").content.decode()
    assert 'href="/kameroverzicht/2025/JBN"' in overzicht
    assert "Gebeurtenissen" not in overzicht  # the sections per GI are on their own pages
    pagina = client.get("/kameroverzicht/2025/JBN?peildatum=2026-03-01").content.decode()
    assert '<h1 class="utrecht-heading-1" id="gi-JBN">JBN – Jeugdbescherming Noord</h1>' in pagina
    assert '<h2 class="utrecht-heading-2">Gebeurtenissen</h2>' in pagina
    assert 'href="/kameroverzicht/?jaar=2025&amp;peildatum=2026-03-01"' in pagina
    # Before the first GI was registered there is no overview: a clear refusal, on both pages.
    for url in ("/kameroverzicht/2025/JBN?peildatum=2026-02-01", "/kameroverzicht/?jaar=2025&peildatum=2026-02-01"):
        antwoord = client.get(url)
        assert antwoord.status_code == 400 and "Kies een latere peildatum" in antwoord.content.decode(), url
    assert client.get("/kameroverzicht/2025/XYZ").status_code == 404
    assert client.get("/kameroverzicht/1999/JBN").status_code == 404
    assert client.get("/kameroverzicht/2025/JBN?peildatum=2099-01-01").status_code == 400


def _oude_signalen(jaar: int) -> list[dict]:
    """/signalen as it was answered before it paginated GI's first: all GI's' signals, sorted, then a page."""
    return [
        {
            "instelling": afkorting,
            "jaar": jaar,
            "pasoordeel": _camel(pasoordeel_data(oordeel)),
            "signalen": [
                {
                    "code": s.code,
                    "ernst": s.ernst,
                    "perioden": [
                        {"van": van.isoformat(), "tot": tot.isoformat(),
                         "vanDatumkwaliteit": regels.begin_kwaliteit(s, i), "totDatumkwaliteit": regels.eind_kwaliteit(s, i)}
                        for i, (van, tot) in enumerate(s.perioden)
                    ],
                    "uitleg": s.uitleg,
                }
                for s in lijst
            ],
        }
        for afkorting, (lijst, oordeel) in sorted(pasoordelen_per_instelling(jaar).items())
    ]


def _camel(waarde):
    if isinstance(waarde, dict):
        return {camel(k): _camel(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_camel(v) for v in waarde]
    return waarde


@pytest.mark.parametrize("jaar", [2024, 2025])
def test_signalen_per_pagina_zijn_dezelfde_als_voorheen(jaar):
    call_command("load_voorbeelddata", verbosity=0)
    verwacht = _oude_signalen(jaar)
    assert len(verwacht) > 3
    client = Client()
    gezien = []
    url = f"/api/v1/signalen?jaar={jaar}&pageSize=3"
    while url:
        antwoord = client.get(url).json()
        assert antwoord["count"] == len(verwacht)
        gezien += antwoord["results"]
        url = antwoord["next"]
    assert gezien == verwacht
    assert client.get(f"/api/v1/signalen?jaar={jaar}").json()["results"] == verwacht[:50]


def test_signalen_van_een_deel_van_de_instellingen_zijn_die_van_het_hele_register():
    call_command("load_voorbeelddata", verbosity=0)
    from register.models import Instelling

    alle = signalen_per_instelling(2025)
    for gi in Instelling.objects.all():
        assert signalen_per_instelling(2025, {gi.id}) == {gi.afkorting: alle[gi.afkorting]}


def test_wie_een_melding_wacht_krijgt_de_pagina_niet_uit_de_cache(jbn):
    Client().get("/")
    client = Client()
    client.cookies["messages"] = "iets"  # a message waiting to be shown: the page must be rendered for this reader
    from register import selectors

    with mock.patch.object(selectors, "statussen_op_uit_cache", wraps=selectors.statussen_op_uit_cache) as afgeleid_lezen:
        client.get("/")
        assert afgeleid_lezen.call_count == 1
        Client().get("/")
        assert afgeleid_lezen.call_count == 1  # the anonymous reader without cookies: the page from the cache


def test_een_andere_vraagparameter_maakt_geen_nieuwe_pagina(jbn):
    client = Client()
    client.get("/?datum=2025-06-01")
    sql, body = _queries(client, "/?datum=2025-06-01&utm=x")
    assert len(sql) == 1 and "Jeugdbescherming Noord (JBN)" in body


def test_de_tijdlijn_uit_de_cache_houdt_zich_aan_de_leesrechten(jbn, kmi_gebruiker, ministerie_gebruiker):
    kmi, ministerie, publiek = Client(), Client(), Client()
    kmi.force_login(kmi_gebruiker)
    ministerie.force_login(ministerie_gebruiker)
    url = "/api/v1/instellingen/JBN/tijdlijn"
    lezers = [(kmi, True), (publiek, False), (ministerie, False)]
    for volgorde in (lezers, lezers[::-1], lezers):  # later rounds from the cache, in another order
        for client, ziet in volgorde:
            assert (GEHEIM in client.get(url).content.decode()) is ziet
    from django.core.cache import cache

    cache.clear()
    berekend = Client().get(url).content
    assert Client().get(url).content == berekend  # from the cache, byte for byte
    sql, _ = _queries(Client(), url)
    assert sum(map(_is_sleutel, sql)) == 1 and not [q for q in sql if "certificaatbesluit" in q and not _is_sleutel(q)]
    audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="aanvulling", soort="extra")
    assert '"soort":"extra"' in Client().get(url).content.decode().replace(" ", "")


def test_een_browser_die_gzip_aanneemt_krijgt_de_bewaarde_pagina_gecomprimeerd(jbn):
    import gzip

    eerste = Client().get("/kameroverzicht/?jaar=2025")
    uit_cache = Client().get("/kameroverzicht/?jaar=2025", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert uit_cache["Content-Encoding"] == "gzip" and uit_cache["Vary"] == "Accept-Encoding"
    assert gzip.decompress(uit_cache.content) == eerste.content
    zonder = Client().get("/kameroverzicht/?jaar=2025")
    assert not zonder.has_header("Content-Encoding") and zonder.content == eerste.content


def test_een_nieuwe_release_leest_geen_waarde_van_een_oude(jbn):
    """The database cache outlives a restart: a page an older release cached is never served by a newer one."""
    from django.core.cache import cache

    with mock.patch.object(afgeleid, "codeversie", return_value="oud"):
        Client().get("/")
        sleutels_oud = set(cache._cache)
    with mock.patch.object(afgeleid, "codeversie", return_value="nieuw"):
        sql, _ = _queries(Client(), "/")
    assert len(sql) > 1  # derived and rendered again
    assert sleutels_oud and sleutels_oud <= set(cache._cache)


def test_een_herstart_die_de_statische_bestanden_opnieuw_verzamelt_houdt_de_codeversie(tmp_path, settings):
    """scripts/serve runs collectstatic at every start, which writes the manifest again with the same content: the
    code version (part of every key) stays, so a restart reads the values it left. Another manifest (a new style
    sheet) is another version."""
    import os

    settings.STATIC_ROOT = tmp_path
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text('{"paths": {"css/site.css": "css/site.abc.css"}}')
    voor = afgeleid.codeversie.__wrapped__()
    manifest.write_text('{"paths": {"css/site.css": "css/site.abc.css"}}')
    os.utime(manifest, ns=(1, 1))  # written again, at another moment
    assert afgeleid.codeversie.__wrapped__() == voor
    manifest.write_text('{"paths": {"css/site.css": "css/site.def.css"}}')
    assert afgeleid.codeversie.__wrapped__() != voor


LIJSTEN = ("/api/v1/certificaatbesluiten?pageSize=100", "/api/v1/audits", "/api/v1/instellingen?ordering=afkorting",
           "/api/v1/inspectieonderzoeken", "/api/v1/reacties", "/api/v1/themas", "/api/v1/monitormetingen")


@pytest.mark.parametrize("url", LIJSTEN)
def test_een_api_lijst_uit_de_cache_is_dezelfde_voor_de_sleutel_alleen(jbn, url):
    """A repeated page of a list reads the key, the cached page and (API) its rate-limit counter; nothing of the
    register itself, and the same bytes."""
    from django.core.cache import cache

    cache.clear()
    eerste, body = _queries(Client(), url)
    tweede, body2 = _queries(Client(), url)
    assert body == body2
    assert sum(map(_is_sleutel, tweede)) == 1
    register = [q for q in tweede if not _is_sleutel(q) and "cache" not in q.lower()]
    assert register == [], register
    assert len(eerste) > len(tweede)


def test_een_api_lijst_uit_de_cache_houdt_zich_aan_de_leesrechten(jbn, kmi_gebruiker, ministerie_gebruiker):
    kmi, ministerie, publiek = Client(), Client(), Client()
    kmi.force_login(kmi_gebruiker)
    ministerie.force_login(ministerie_gebruiker)
    lezers = [(kmi, True), (publiek, False), (ministerie, False)]
    for url, geheim in (("/api/v1/audits", GEHEIM), ("/api/v1/certificaatbesluiten", "GEHEIME-MOTIVERING-k2")):
        for volgorde in (lezers, lezers[::-1], lezers):  # later rounds from the cache, in another order
            for client, ziet in volgorde:
                antwoord = client.get(url)
                assert antwoord.status_code == 200
                assert (geheim in antwoord.content.decode()) is ziet, (url, client, ziet)
                assert ("gewijzigdOp" in antwoord.content.decode()) is ziet


def test_een_api_lijst_toont_een_wijziging_meteen(jbn, kmi_gebruiker, beheerder):
    client = Client()
    url = "/api/v1/certificaatbesluiten"
    assert client.get(url).json()["results"][0]["kenmerk"] != "K-9"
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=jbn.certificaatbesluiten.get(), reden="typfout", kenmerk="K-9")
    assert client.get(url).json()["results"][0]["kenmerk"] == "K-9"
    assert client.get("/api/v1/instellingen").json()["count"] == 1
    maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland")
    assert client.get("/api/v1/instellingen").json()["count"] == 2


def test_een_api_lijst_bewaart_de_links_per_adres(jbn, beheerder):
    """The links to the next page are built from the address the reader used (scheme, host): cached per address."""
    maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland")
    url = "/api/v1/instellingen?pageSize=1"
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["a.example.nl", "b.example.nl"]):
        via_a = Client().get(url, HTTP_HOST="a.example.nl").json()["next"]
        via_b = Client().get(url, HTTP_HOST="b.example.nl").json()["next"]
    assert via_a.startswith("http://a.example.nl/") and via_b.startswith("http://b.example.nl/")


def test_een_geweigerde_api_vraag_komt_nooit_uit_de_cache(jbn):
    client = Client()
    assert client.get("/api/v1/certificaatbesluiten?pageSize=0").status_code == 400
    assert client.get("/api/v1/certificaatbesluiten?page=9").status_code == 404
    assert client.get("/api/v1/audits?startdatumVanaf=10-01-2025").status_code == 400  # not an ISO date
    assert client.get("/api/v1/certificaatbesluiten?page=9").status_code == 404


def test_elke_schrijving_telt_voor_haar_deel(beheerder, kmi_gebruiker, inspecteur, ministerie_gebruiker):
    """A record of a GI moves that GI's part (an oordeel: its report's GI); a GI itself, a theme, a national figure
    the global part; a note and an archived overview their own."""
    from register import standversie
    from register.models import Standversie

    def tellers():
        return dict(Standversie.objects.values_list("sleutel", "teller"))

    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2020, 1, 1))
    assert tellers() == {"globaal": 1, "globaal:openbaar": 1}
    maak.audit(kmi_gebruiker, gi, D(2025, 1, 10))
    assert tellers() == {"globaal": 1, "globaal:openbaar": 1, "gi:JBN": 1, "gi:JBN:openbaar": 1}
    voor = tellers()
    maak.onderzoek(inspecteur, gi, D(2025, 6, 1), oordelen={"goed_bestuur": "voldoende"})
    na = tellers()
    assert na["gi:JBN"] > voor["gi:JBN"] and na["globaal"] == voor["globaal"]
    from reports.services import kameroverzicht_genereren

    kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, peildatum=D(2026, 3, 1), variant="openbaar")
    assert tellers()[standversie.ARCHIEF] == 1 and tellers()["gi:JBN"] == na["gi:JBN"]


# --- An edit of confidential fields only is no timing signal for readers who may not read them ----------------------

OPENBARE_PAGINAS = ("/", "/?datum=2025-06-01", "/instellingen/JBN?jaar=2025", "/kameroverzicht/?jaar=2025",
                    "/kameroverzicht/2025/JBN")
API_ADRESSEN = ("/api/v1/audits", "/api/v1/certificaatbesluiten", "/api/v1/instellingen", "/api/v1/instellingen/JBN/tijdlijn",
                "/api/v1/instellingen/JBN/status", "/api/v1/signalen?jaar=2025")


def _alleen_vertrouwelijk(soort, jbn, kmi_gebruiker, tekst):
    if soort == "samenvatting":
        audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="aanvulling", samenvatting=tekst)
    elif soort == "rapportkenmerk":
        audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="aanvulling", rapportkenmerk="KMI-" + tekst)
    else:
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=jbn.certificaatbesluiten.get(), reden="aanvulling",
                                      motivering_vertrouwelijk=tekst)


def _van_het_register(sql: list[str]) -> list[str]:
    """The queries of a request besides the key, the cache and the reader's session and rights."""
    return [q for q in sql if not _is_sleutel(q) and not any(t in q.lower() for t in ("cache", "django_session", "gebruikers_sessie", "otp_", "auth_"))]


@pytest.mark.parametrize("veld", ["samenvatting", "rapportkenmerk", "motivering_vertrouwelijk"])
def test_een_vertrouwelijke_wijziging_laat_elk_openbaar_antwoord_in_de_cache(jbn, kmi_gebruiker, ministerie_gebruiker, veld):
    """After an edit of confidential fields only, an anonymous or ministerie reader gets every public page and API
    answer from the cache (the key query alone: nothing rebuilt, so no slower answer tells them something hidden
    changed), byte for byte what the register answers afresh; a reader of confidential fields sees the edit at once."""
    from django.core.cache import cache

    ministerie, kmi = Client(), Client()
    ministerie.force_login(ministerie_gebruiker)
    kmi.force_login(kmi_gebruiker)
    lezers = {"anoniem": (Client(), OPENBARE_PAGINAS + API_ADRESSEN), "ministerie": (ministerie, API_ADRESSEN)}
    voor = {(naam, url): client.get(url).content for naam, (client, urls) in lezers.items() for url in urls}
    _alleen_vertrouwelijk(veld, jbn, kmi_gebruiker, "NIEUW-GEHEIM-w4")
    for naam, (client, urls) in lezers.items():
        for url in urls:
            sql, body = _queries(client, url)
            assert _van_het_register(sql) == [], (naam, url)  # from the cache
            assert sum(map(_is_sleutel, sql)) == 1, (naam, url)
            assert body.encode() == voor[naam, url], (naam, url)
    cache.clear()
    afgeleid.VERTROUWELIJK.clear()
    for naam, (client, urls) in lezers.items():
        for url in urls:
            assert client.get(url).content == voor[naam, url], (naam, url)  # afresh: the same bytes
    assert "NIEUW-GEHEIM-w4" in kmi.get("/api/v1/audits").content.decode() + kmi.get("/api/v1/certificaatbesluiten").content.decode()


def test_een_openbare_wijziging_na_een_vertrouwelijke_is_meteen_zichtbaar(jbn, kmi_gebruiker, ministerie_gebruiker):
    ministerie = Client()
    ministerie.force_login(ministerie_gebruiker)
    for client in (Client(), ministerie):
        assert '"soort":"extra"' not in client.get("/api/v1/audits").content.decode().replace(" ", "")
    _alleen_vertrouwelijk("samenvatting", jbn, kmi_gebruiker, "NIEUW-GEHEIM-w5")
    audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="verkeerde soort", soort="extra")
    for client in (Client(), ministerie):
        assert '"soort":"extra"' in client.get("/api/v1/audits").content.decode().replace(" ", "")
        assert '"soort":"extra"' in client.get("/api/v1/instellingen/JBN/tijdlijn").content.decode().replace(" ", "")
    # A public and a confidential field in one edit: a public change, seen at once.
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=jbn.certificaatbesluiten.get(), reden="typfout",
                                  kenmerk="K-77", motivering_vertrouwelijk="NIEUW-GEHEIM-w6")
    assert "K-77" in Client().get("/api/v1/certificaatbesluiten").content.decode()
    assert "NIEUW-GEHEIM-w6" not in Client().get("/api/v1/certificaatbesluiten").content.decode()


def test_de_openbare_versie_volgt_alleen_openbare_wijzigingen(jbn, kmi_gebruiker):
    voor = afgeleid.versie(openbaar=True, afkorting="JBN"), afgeleid.versie(openbaar=True)
    voor_alles = afgeleid.versie(openbaar=False, afkorting="JBN")
    _alleen_vertrouwelijk("samenvatting", jbn, kmi_gebruiker, "NIEUW-GEHEIM-w7")
    assert (afgeleid.versie(openbaar=True, afkorting="JBN"), afgeleid.versie(openbaar=True)) == voor
    assert afgeleid.versie(openbaar=False, afkorting="JBN") != voor_alles  # a reader of confidential fields: moves
    audit_corrigeren(actor=kmi_gebruiker, audit=jbn.audits.get(), reden="verkeerde soort", soort="extra")
    assert afgeleid.versie(openbaar=True, afkorting="JBN") != voor[0]


def test_de_lezersklasse_volgt_het_ene_beleid(kmi_gebruiker, ministerie_gebruiker, rva_gebruiker):
    from django.contrib.auth.models import AnonymousUser

    # the ministerie reads the public fields, but also reports under embargo (DESIGN §2): a class of its own
    assert afgeleid.lezersklasse(ministerie_gebruiker) != afgeleid.lezersklasse(AnonymousUser())
    assert afgeleid.lezersklasse(ministerie_gebruiker)[0] == afgeleid.lezersklasse(AnonymousUser())[0]
    assert afgeleid.lezersklasse(kmi_gebruiker) == afgeleid.lezersklasse(rva_gebruiker) != afgeleid.lezersklasse(AnonymousUser())
    assert afgeleid.leest_vertrouwelijk(kmi_gebruiker) and not afgeleid.leest_vertrouwelijk(ministerie_gebruiker)
