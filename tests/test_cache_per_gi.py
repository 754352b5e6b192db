"""The cache per part of the register (register/cache.py, register/standversie.py): a write to one GI leaves every
other GI's cached answers valid, an overview of a past peildatum is never rebuilt for a later write, one reader
rebuilds while the others get the previous answer, the cache does not grow with writes, and the presence of a
confidential afweging is a public change."""

import datetime as dt
import time
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache as gedeeld
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from certification.models import Certificaatbesluit
from certification.services import audit_corrigeren, certificaatbesluit_corrigeren
from register import cache as afgeleid
from register import vertrouwelijkheid
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


def _moment(dag: dt.date):
    """timezone.now() at noon (Amsterdam) of ``dag``."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime(dag.year, dag.month, dag.day, 11, 0, tzinfo=dt.timezone.utc))


@pytest.fixture(autouse=True)
def leeg():
    gedeeld.clear()
    afgeleid.VERTROUWELIJK.clear()
    afgeleid._anders_bezig_tot[0] = 0.0
    yield


@pytest.fixture
def twee(beheerder, kmi_gebruiker, inspecteur):
    """JBN and JBG, each with an audit, a certificate and a toezichtbesluit, recorded on 15 January 2026."""
    with _moment(D(2026, 1, 15)):
        gis = {}
        for afkorting in ("JBN", "JBG"):
            gi = maak.instelling(beheerder, afkorting, naam=f"Jeugdbescherming {afkorting}", actief_vanaf=D(2020, 1, 1))
            audit = maak.audit(kmi_gebruiker, gi, D(2025, 1, 10), samenvatting="GEHEIM-" + afkorting)
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 2, 1), D(2028, 1, 31), audits=[audit])
            maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 3, 1), D(2025, 9, 1))
            gis[afkorting] = gi
    # In production these writes committed long ago; in the test's one transaction their after-commit work is still
    # waiting (and never runs). Drop it, so a write below starts a transaction of its own, as it would.
    from django.db import connection

    connection.run_on_commit.clear()
    with _moment(D(2026, 3, 1)):
        yield gis


def _lees(client, url):
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, (url, antwoord.status_code, antwoord.content[:300])
    return [q["sql"] for q in queries.captured_queries], antwoord.content


def _van_het_register(sql):
    """Queries that read the register itself (not the version, the cache, the session or the reader's rights)."""
    return [q for q in sql if not any(t in q.lower() for t in (
        "register_standversie", "cache", "django_session", "gebruikers_", "otp_", "auth_", "axes_"))]


ANDERE_GI = ("/api/v1/instellingen/JBG/status", "/api/v1/instellingen/JBG/tijdlijn", "/instellingen/JBG",
             "/instellingen/JBG?jaar=2025")


@pytest.mark.parametrize("lezer", ["anoniem", "kmi", "ministerie"])
def test_een_schrijving_naar_een_gi_laat_de_andere_gi_uit_de_cache(twee, kmi_gebruiker, ministerie_gebruiker,
                                                                  lezer, django_assert_num_queries):
    """After a write to JBN, JBG's status, tijdlijn and page come from the cache: as many queries as a warm read
    before the write, none of them of the register."""
    client = Client()
    if lezer != "anoniem":
        client.force_login({"kmi": kmi_gebruiker, "ministerie": ministerie_gebruiker}[lezer])
    adressen = ANDERE_GI if lezer == "anoniem" else ANDERE_GI[:2]  # a logged-in reader's pages are rendered for her
    warm = {}
    for url in adressen:
        client.get(url)
        sql, warm[url] = _lees(client, url)
        assert _van_het_register(sql) == [], url
        warm[url] = (len(sql), warm[url])
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(), reden="typfout",
                                  status="overbrugging", geldig_tot=D(2026, 10, 31), afweging="Het KMI woog het.")
    for url in adressen:
        aantal, body = warm[url]
        with django_assert_num_queries(aantal):
            assert client.get(url).content == body
    # JBN itself is rebuilt at once.
    assert "overbrugging" in client.get("/api/v1/instellingen/JBN/status").content.decode()


def test_een_overzicht_van_een_voorbije_peildatum_blijft_na_een_latere_schrijving(twee, kmi_gebruiker):
    client = Client()
    voorbij = "/kameroverzicht/?jaar=2025&peildatum=2026-02-01"
    vandaag = "/kameroverzicht/?jaar=2025"
    per_gi = "/kameroverzicht/2025/JBN?peildatum=2026-02-01"
    eerst = {url: client.get(url).content for url in (voorbij, vandaag, per_gi)}
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(), reden="typfout",
                                  status="overbrugging", geldig_tot=D(2026, 10, 31), afweging="Het KMI woog het.")
    for url in (voorbij, per_gi):
        sql, body = _lees(client, url)
        assert _van_het_register(sql) == [] and body == eerst[url], url
    sql, body = _lees(client, vandaag)
    assert _van_het_register(sql) and body != eerst[vandaag]  # the overview of today shows the write


def test_de_schrijver_ververst_na_de_commit_de_pagina_van_de_gi(twee, kmi_gebruiker, django_capture_on_commit_callbacks):
    client = Client()
    client.get("/instellingen/JBN")
    client.get("/")
    # The refresh is bounded in time; on a busy machine the bound must not decide the test.
    with mock.patch.object(afgeleid, "NA_SCHRIJVEN_SECONDEN", 60), django_capture_on_commit_callbacks(execute=True):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                      reden="typfout", status="overbrugging", geldig_tot=D(2026, 10, 31),
                                      afweging="Het KMI woog het.")
    for url in ("/instellingen/JBN", "/"):
        sql, body = _lees(client, url)
        assert _van_het_register(sql) == [], url  # built by the writer, after its commit
        assert "overbrugging" in body.decode().lower(), url


def test_een_herbouw_tegelijk_de_anderen_krijgen_het_vorige_antwoord():
    sleutel = afgeleid.sleutel("proef", 1)
    assert afgeleid._bewaard(sleutel, "v1", lambda: "eerste", gedeeld) == "eerste"
    assert afgeleid._bewaard(sleutel, "v1", lambda: pytest.fail("uit de cache"), gedeeld) == "eerste"
    assert gedeeld.add(sleutel + ":slot", 1, afgeleid.SLOT_SECONDEN)  # another worker rebuilds
    assert afgeleid._bewaard(sleutel, "v2", lambda: pytest.fail("niet tweemaal"), gedeeld) == "eerste"
    gedeeld.delete(sleutel + ":slot")
    assert afgeleid._bewaard(sleutel, "v2", lambda: "tweede", gedeeld) == "tweede"
    # A refusal is never kept and frees the lock.
    with pytest.raises(ZeroDivisionError):
        afgeleid._bewaard(sleutel, "v3", lambda: 1 / 0, gedeeld)
    # The previous value goes too: the next reader gets the refusal, not an answer of before it.
    assert gedeeld.get(sleutel) is None and gedeeld.get(sleutel + ":slot") is None
    # Never built: the first reader builds it, even while a lock is taken (nothing to serve meanwhile).
    nieuw = afgeleid.sleutel("proef", 2)
    gedeeld.add(nieuw + ":slot", 1, afgeleid.SLOT_SECONDEN)
    assert afgeleid._bewaard(nieuw, "v1", lambda: "gebouwd", gedeeld) == "gebouwd"


def test_een_dure_waarde_wordt_na_het_antwoord_hoogstens_eens_per_tien_bouwtijden_herbouwd():
    """With AFGELEID_NA_ANTWOORD: a value that took 2 s to build is not rebuilt within 20 s of that build (its
    readers get the previous answer); after that it is; a cheap value is rebuilt at once."""
    from django.test import override_settings

    duur, snel = afgeleid.sleutel("proef", 4), afgeleid.sleutel("proef", 5)
    with override_settings(AFGELEID_NA_ANTWOORD=True), mock.patch.object(afgeleid.time, "time") as nu:
        nu.return_value = 1000.0
        gedeeld.set(duur, ("v1", "oud", 1000.0, 2.0))
        gedeeld.set(snel, ("v1", "oud", 1000.0, 0.01))
        nu.return_value = 1019.0
        assert afgeleid._bewaard(duur, "v2", lambda: pytest.fail("te vroeg"), gedeeld) == "oud"
        assert afgeleid._bewaard(snel, "v2", lambda: "nieuw", gedeeld) == "nieuw"
        nu.return_value = 1021.0
        assert afgeleid._bewaard(duur, "v2", lambda: "nieuw", gedeeld) == "nieuw"


def test_het_slot_van_een_gestorven_werker_verloopt():
    """The lock has a timeout, so a worker that died while rebuilding cannot keep the value old for ever."""
    sleutel = afgeleid.sleutel("proef", 3)
    afgeleid._bewaard(sleutel, "v1", lambda: "oud", gedeeld)
    with mock.patch.object(gedeeld, "add", wraps=gedeeld.add) as add:
        afgeleid._bewaard(sleutel, "v2", lambda: "nieuw", gedeeld)
    assert add.call_args.args[2] == afgeleid.SLOT_SECONDEN and 0 < afgeleid.SLOT_SECONDEN <= 300


def test_de_cache_groeit_niet_met_de_schrijvingen(twee, kmi_gebruiker):
    """Each question has one key; a write makes its value behind, and the rebuild overwrites it."""
    client = Client()
    adressen = ("/", "/instellingen/JBN", "/instellingen/JBG", "/api/v1/instellingen/JBN/status",
                "/api/v1/instellingen/JBN/tijdlijn", "/api/v1/signalen?jaar=2025", "/kameroverzicht/?jaar=2025",
                "/api/v1/certificaatbesluiten")
    for url in adressen:
        client.get(url)
    sleutels = {k for k in gedeeld._cache if "afgeleid" in k and ":slot" not in k}
    besluit = twee["JBN"].certificaatbesluiten.get()
    for n in range(4):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="typfout", kenmerk=f"K-{n}")
        for url in adressen:
            client.get(url)
        assert {k for k in gedeeld._cache if "afgeleid" in k and ":slot" not in k} == sleutels, n
    assert "K-3" in client.get("/api/v1/certificaatbesluiten").content.decode()


# --- The presence of a confidential afweging is public --------------------------------------------------------------


def _zichtbaar_voor_publiek(besluit) -> list[str]:
    rijen = Certificaatbesluit.history.filter(id=besluit.id).order_by("history_id")
    return [r.history_type for r in vertrouwelijkheid.zichtbare_historie(AnonymousUser(), Certificaatbesluit, rijen)]


def test_een_vertrouwelijke_afweging_vastleggen_is_een_openbare_wijziging(twee, kmi_gebruiker):
    """The openbaar variant prints "afweging vastgelegd (vertrouwelijk)" and AFWEGING_ONTBREEKT depends on it: filling
    or emptying afweging_vertrouwelijk changes what everyone sees, so the public history, the public versions and the
    overview's registerstand move; editing its text does not."""
    from register import standversie
    from signalen.selectors import registerstand_op

    besluit = twee["JBN"].certificaatbesluiten.get()
    eerder = _zichtbaar_voor_publiek(besluit)  # registered, then its audits linked
    openbaar = afgeleid.versie(openbaar=True, afkorting="JBN"), standversie.versie_register(openbaar=True)
    stand = registerstand_op(D(2026, 3, 1), openbaar=True).laatste_wijziging
    with _moment(D(2026, 3, 1)) as nu:
        nu.return_value += dt.timedelta(hours=1)
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="afweging vastgelegd",
                                      afweging_vertrouwelijk="De KMI woog de afwijkingen (vertrouwelijk).")
    assert _zichtbaar_voor_publiek(besluit) == [*eerder, "~"]
    na = afgeleid.versie(openbaar=True, afkorting="JBN"), standversie.versie_register(openbaar=True)
    assert na[0] != openbaar[0] and na[1] != openbaar[1]
    assert registerstand_op(D(2026, 3, 1), openbaar=True).laatste_wijziging > stand
    # Its text edited, still filled: nothing public changed.
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="anders verwoord",
                                  afweging_vertrouwelijk="De KMI woog de afwijkingen opnieuw (vertrouwelijk).")
    assert _zichtbaar_voor_publiek(besluit) == [*eerder, "~"]
    assert (afgeleid.versie(openbaar=True, afkorting="JBN"), standversie.versie_register(openbaar=True)) == na
    # Emptied (only blanks): public again.
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="ingetrokken", afweging_vertrouwelijk="  ")
    assert _zichtbaar_voor_publiek(besluit) == [*eerder, "~", "~"]


def test_de_openbare_pagina_toont_de_vertrouwelijke_afweging_als_vastgelegd_meteen(twee, kmi_gebruiker):
    client = Client()
    voor = client.get("/kameroverzicht/2025/JBN").content.decode()
    assert "afweging vastgelegd (vertrouwelijk)" not in voor
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                  reden="afweging vastgelegd", afweging_vertrouwelijk="GEHEIME-AFWEGING-p3")
    na = client.get("/kameroverzicht/2025/JBN").content.decode()
    assert "GEHEIME-AFWEGING-p3" not in na


def test_een_vertrouwelijke_wijziging_van_een_audit_laat_de_openbare_versies(twee, kmi_gebruiker):
    from register import standversie

    voor = afgeleid.versie(openbaar=True, afkorting="JBN"), standversie.versie_register(openbaar=True)
    audit_corrigeren(actor=kmi_gebruiker, audit=twee["JBN"].audits.get(), reden="aanvulling", samenvatting="NIEUW-GEHEIM")
    assert (afgeleid.versie(openbaar=True, afkorting="JBN"), standversie.versie_register(openbaar=True)) == voor


def test_na_het_antwoord_herbouwen_laat_geen_lezer_wachten(twee, kmi_gebruiker):
    """AFGELEID_NA_ANTWOORD (production): the reader that finds a value behind gets the previous answer at once, and
    its worker rebuilds after sending it; the next reader gets the new answer from the cache."""
    from django.test import override_settings

    client = Client()
    url = "/api/v1/certificaatbesluiten"
    voor = client.get(url).content
    with override_settings(AFGELEID_NA_ANTWOORD=True):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                      reden="typfout", kenmerk="K-NA")
        with CaptureQueriesContext(connection) as queries:
            eerste = client.get(url)
        assert eerste.content == voor  # the previous answer
        assert any("certificaatbesluit" in q["sql"] for q in queries.captured_queries)  # rebuilt after the answer
        sql, tweede = _lees(client, url)
        assert b"K-NA" in tweede and _van_het_register(sql) == []


def test_terwijl_een_andere_worker_afgeleid_werk_doet_wacht_de_herbouw_tot_die_klaar_is(twee, kmi_gebruiker):
    """AFGELEID_NA_ANTWOORD: while another worker holds BEZIG (it writes or rebuilds), a reader that finds a value
    behind gets the previous answer and its worker gives the rebuild up (its lock freed) instead of rebuilding beside
    it; once BEZIG is free, the next reader's worker rebuilds after the answer, and it frees BEZIG again."""
    from django.test import override_settings

    client = Client()
    url = "/api/v1/certificaatbesluiten"
    voor = client.get(url).content
    with override_settings(AFGELEID_NA_ANTWOORD=True):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                      reden="typfout", kenmerk="K-BEZIG")
        assert gedeeld.add(afgeleid.BEZIG, 1, afgeleid.BEZIG_SECONDEN)  # the other worker
        for _ in range(2):
            sql, antwoord = _lees(client, url)
            assert antwoord == voor
            assert _van_het_register(sql) == []
        assert gedeeld.get(afgeleid.BEZIG) == 1  # still the other worker's
        # This process leaves values behind for BEZIG_WACHTEN after finding BEZIG held, without asking again.
        assert afgeleid._anders_bezig_tot[0] > time.monotonic()
        gedeeld.delete(afgeleid.BEZIG)
        afgeleid._anders_bezig_tot[0] = 0.0  # BEZIG_WACHTEN has passed
        sql, antwoord = _lees(client, url)
        # The previous answer, and its worker rebuilds after it: so the given-up rebuilds freed their lock (a lock
        # still held would make this reader leave the rebuild to its holder).
        assert antwoord == voor
        assert _van_het_register(sql) != []
        assert gedeeld.get(afgeleid.BEZIG) is None
        assert b"K-BEZIG" in client.get(url).content


def test_een_schrijvend_verzoek_houdt_bezig_tot_het_klaar_is(twee, kmi_gebruiker):
    """A write request holds BEZIG from its start (its history rows are written while it holds it) until the end of
    its own work after the answer; a read does not take it; without AFGELEID_NA_ANTWOORD nothing is taken."""
    from django.test import override_settings
    from simple_history.signals import post_create_historical_record

    from gebruikers.models import ApiToken

    tijdens = []

    def bij_historie(**kwargs):
        tijdens.append(gedeeld.get(afgeleid.BEZIG))

    besluit = twee["JBN"].certificaatbesluiten.get()
    client = Client(HTTP_AUTHORIZATION=f"Token {ApiToken.nieuw(kmi_gebruiker).sleutel}")
    post_create_historical_record.connect(bij_historie, dispatch_uid="test-bezig")
    try:
        with override_settings(AFGELEID_NA_ANTWOORD=True):
            antwoord = client.patch(f"/api/v1/certificaatbesluiten/{besluit.pk}", {"kenmerk": "K-SCHRIJF", "reden": "typfout"},
                                    content_type="application/json")
            assert antwoord.status_code == 200, antwoord.content
            assert tijdens and set(tijdens) == {1}
            assert gedeeld.get(afgeleid.BEZIG) is None  # freed at the end of the request
            assert client.get("/api/v1/certificaatbesluiten").status_code == 200
            assert gedeeld.get(afgeleid.BEZIG) is None
        tijdens.clear()
        antwoord = client.patch(f"/api/v1/certificaatbesluiten/{besluit.pk}", {"kenmerk": "K-ZONDER", "reden": "typfout"},
                                content_type="application/json")
        assert antwoord.status_code == 200 and tijdens and set(tijdens) == {None}
    finally:
        post_create_historical_record.disconnect(dispatch_uid="test-bezig")


def test_een_vervallen_gi_krijgt_geen_oude_pagina_uit_de_cache(twee, beheerder):
    """A page that is now refused (the GI was declared void: 404) is never served from its previous value, also not
    when it is rebuilt after the answer."""
    from django.test import override_settings

    from register.services import instelling_laten_vervallen

    client = Client()
    assert client.get("/instellingen/JBG").status_code == 200
    with override_settings(AFGELEID_NA_ANTWOORD=True):
        instelling_laten_vervallen(actor=beheerder, instelling=twee["JBG"], reden="dubbel ingevoerd")
        client.get("/instellingen/JBG")  # may still be the previous page: rebuilt after it, which refuses
        assert client.get("/instellingen/JBG").status_code == 404


def test_een_transactie_ververst_een_keer(twee, inspecteur, django_capture_on_commit_callbacks):
    """A write of several history rows (a report and its oordelen) asks for one refresh after its commit."""
    from register import cache as afgeleid_module
    from register.standversie import _Verversen
    from supervision.models import Oordeel

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        onderzoek = maak.onderzoek(inspecteur, twee["JBN"], D(2026, 2, 1),
                                   {"goed_bestuur": "onvoldoende", "passende_hulp": "voldoende"})
    assert Oordeel.history.filter(onderzoek_id=onderzoek.pk).count() == 2  # with the report's own: three rows or more
    [verversen] = [c for c in callbacks if isinstance(c, _Verversen)]
    with mock.patch.object(afgeleid_module, "na_schrijven") as na_schrijven:
        verversen()
    na_schrijven.assert_called_once_with(["JBN"])


def test_na_een_schrijving_wordt_op_de_voorpagina_alleen_de_rij_van_die_gi_opnieuw_getekend(twee, kmi_gebruiker):
    """"/" is rebuilt after a write, but only the written GI's row goes through the template again; the other rows
    come as they were rendered (register/views.py ``_rij_html``), and the page equals one rendered from scratch."""
    import re

    from django.template import loader

    from register import views

    views._RIJEN.clear()
    client = Client()
    voor = client.get("/").content.decode()
    echte = loader.render_to_string
    getekend = []

    def tellen(naam, context=None, *args, **kwargs):
        if naam == "register/_stand_rij.html":
            getekend.append(context["afkorting"])
        return echte(naam, context, *args, **kwargs)

    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(), reden="typfout",
                                  status="overbrugging", geldig_tot=D(2026, 10, 31), afweging="Het KMI woog het.")
    with mock.patch.object(views, "render_to_string", side_effect=tellen):
        na = client.get("/").content.decode()
    assert getekend == ["JBN"]

    def rij(html, afkorting):
        return re.search(rf'<tr class="utrecht-table__row">\s*<th[^>]*><a[^>]*>[^<]*\({afkorting}\)</a>.*?</tr>', html, re.S).group(0)

    assert rij(na, "JBG") == rij(voor, "JBG")
    assert rij(na, "JBN") != rij(voor, "JBN") and "overbrugging" in rij(na, "JBN").lower()
    # the same page from an empty cache and no kept rows
    gedeeld.clear()
    views._RIJEN.clear()
    assert client.get("/").content.decode() == na


def test_openbaar_gewijzigd_volgt_het_ene_beleid(twee, kmi_gebruiker):
    """The compiled query of standversie.openbaar_gewijzigd answers as the policy itself (``zichtbare_historie`` of
    that one history row, as the ORM builds it), for a change of a public field and of a confidential one only."""
    from register import standversie

    audit = twee["JBN"].audits.get()
    besluit = twee["JBN"].certificaatbesluiten.get()
    audit_corrigeren(actor=kmi_gebruiker, audit=audit, reden="aanvulling", samenvatting="ALLEEN-VERTROUWELIJK")
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="typfout", kenmerk="K-OPENBAAR")
    gezien = {}
    for model, pk in ((type(audit), audit.pk), (Certificaatbesluit, besluit.pk)):
        rij = model.history.filter(id=pk).order_by("-history_id").first()
        beleid = vertrouwelijkheid.zichtbare_historie(
            AnonymousUser(), model, model.history.filter(history_id=rij.history_id)).exists()
        gezien[model.__name__] = (standversie.openbaar_gewijzigd(model, rij), beleid)
    assert gezien == {"Audit": (False, False), "Certificaatbesluit": (True, True)}


def test_na_een_schrijving_staat_het_signalendeel_van_die_gi_klaar(twee, kmi_gebruiker, django_capture_on_commit_callbacks):
    """After a write, the signal evaluation (vroegsignalering) hands the register state it read to the API: the
    public part of /api/v1/signalen of the GI written is derived from it and kept under the new version, so the next
    page is put together without reading that GI's records again; and the page is the one built from scratch."""
    from api import views

    client = Client()
    url = "/api/v1/signalen?jaar=2025"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                      reden="typfout", kenmerk="K-SIGNALEN")
    echte = views.pasoordelen_per_instelling
    with mock.patch.object(views, "pasoordelen_per_instelling", side_effect=echte) as afgeleid_opnieuw:
        na = client.get(url)
    assert na.status_code == 200
    afgeleid_opnieuw.assert_not_called()  # every part was kept at its version
    gedeeld.clear()
    afgeleid.VERTROUWELIJK.clear()
    assert client.get(url).content == na.content


def test_het_signalendeel_wordt_niet_ververst_zonder_afgeleid_na_schrijven(twee, kmi_gebruiker, django_capture_on_commit_callbacks):
    from django.test import override_settings

    from api import views

    client = Client()
    url = "/api/v1/signalen?jaar=2025"
    assert client.get(url).status_code == 200
    with override_settings(AFGELEID_NA_SCHRIJVEN=False), django_capture_on_commit_callbacks(execute=True):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=twee["JBN"].certificaatbesluiten.get(),
                                      reden="typfout", kenmerk="K-ZONDER")
    echte = views.pasoordelen_per_instelling
    with mock.patch.object(views, "pasoordelen_per_instelling", side_effect=echte) as afgeleid_opnieuw:
        assert client.get(url).status_code == 200
    assert [c.args[1] for c in afgeleid_opnieuw.call_args_list] == [{twee["JBN"].id}]


def test_een_onbereikbare_cache_laat_geen_verzoek_falen_op_bezig(monkeypatch, caplog):
    """BEZIG is a courtesy between workers: when the cache cannot be reached, taking it answers False (no rebuild
    beside it) and freeing it passes, both with a warning in the log, never an error for the request."""

    class Onbereikbaar:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache weg")

        delete = add

    monkeypatch.setattr(afgeleid, "cache", Onbereikbaar())
    assert afgeleid._bezig_nemen() is False
    afgeleid._bezig_vrijgeven()
    assert [r.levelname for r in caplog.records if "afgeleid werk" in r.getMessage()] == ["WARNING", "WARNING"]
