"""The public Kamer overview of today put together from a part per GI (reports/afgeleid.py): the same data byte for
byte as the overview built in one piece, and after a write to one GI only that GI's part is derived again, from that
GI's records only."""

import datetime as dt
import json
from unittest import mock

import pytest
from django.core.cache import cache as gedeeld
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings

from certification.services import audit_corrigeren
from register import cache as afgeleid
from register import klok
from register.services import instelling_laten_vervallen
from reports import afgeleid as rapportcache
from reports import overzicht
from reports.overzicht import GeenInstellingen, data_sha256, kameroverzicht
from reports.renderers import html_context
from reports.varianten import OPENBAAR
from signalen import selectors as signaalselectors
from supervision.services import onderzochte_instellingen_vastleggen
from tests import maak
from tests.test_totaliteit import _bouw, registers, teruggedraaid

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def leeg():
    gedeeld.clear()
    afgeleid.VERTROUWELIJK.clear()
    yield


def _json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _gelijk_aan_een_stuk(jaar: int) -> dict:
    """The overview of today from the parts (twice: the parts derived, then kept) is the one-piece overview, byte for
    byte, and so is what the pages render of it."""
    vandaag = klok.vandaag()
    een_stuk = kameroverzicht(jaar, vandaag, OPENBAAR)
    # The hash put together from the parts' canonical JSON is the hash of the whole, encoded at once.
    assert een_stuk["data_sha256"] == data_sha256(een_stuk)
    for _ in range(2):
        data, weergaven = rapportcache.openbaar_overzicht_uit_delen(jaar, vandaag)
        assert data["data_sha256"] == een_stuk["data_sha256"]
        assert _json(data) == _json(een_stuk)
        assert html_context(data, weergaven) == html_context(een_stuk)
    return data


def test_de_voorbeelddata_uit_delen_zijn_het_overzicht_in_een_stuk():
    call_command("load_voorbeelddata", verbosity=0)
    vandaag = klok.vandaag()
    for jaar in (vandaag.year - 1, vandaag.year):
        _gelijk_aan_een_stuk(jaar)


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(register=registers())
def test_elk_geldig_register_uit_delen_is_het_overzicht_in_een_stuk(register, beheerder, kmi_gebruiker, inspecteur):
    gedeeld.clear()
    with teruggedraaid():
        _bouw(register, beheerder=beheerder, kmi=kmi_gebruiker, inspecteur=inspecteur)
        for jaar in sorted({*register["jaren"], klok.vandaag().year}):
            try:
                kameroverzicht(jaar, klok.vandaag(), OPENBAAR)
            except GeenInstellingen:
                with pytest.raises(GeenInstellingen):
                    rapportcache.openbaar_overzicht_uit_delen(jaar, klok.vandaag())
                continue
            _gelijk_aan_een_stuk(jaar)


def _om(uur: int, minuut: int, *, dag: dt.date | None = None):
    """timezone.now() at that time (Amsterdam) of today (or of ``dag``)."""
    moment = dt.datetime.combine(dag or klok.vandaag(), dt.time(uur, minuut), tzinfo=klok.AMSTERDAM)
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def register_van(beheerder, kmi_gebruiker, inspecteur):
    """A register of ``n`` GI's (GI1..GIn), each with an audit, a certificate, a toezichtbesluit and a report, and a
    report on GI1 and GI2 together."""

    def maken(n: int, vanaf: int = 1) -> dict:
        # Yesterday: what a test then records at the real time (a correction, a GI declared void) comes after it,
        # also when the test runs before ten in the morning.
        with _om(10, 0, dag=klok.vandaag() - dt.timedelta(days=1)):
            return _maken(n, vanaf)

    def _maken(n: int, vanaf: int) -> dict:
        gis = {}
        for nummer in range(vanaf, n + 1):
            gi = maak.instelling(beheerder, f"GI{nummer}", actief_vanaf=D(2020, 1, 1))
            audit = maak.audit(kmi_gebruiker, gi, D(2025, 1, 10))
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 2, 1), D(2028, 1, 31), audits=[audit])
            maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 3, 1), D(2025, 9, 1))
            maak.onderzoek(inspecteur, gi, D(2025, 5, 1), {"goed_bestuur": "onvoldoende"})
            gis[gi.afkorting] = gi
        if vanaf == 1:
            maak.onderzoek(inspecteur, [gis["GI1"], gis["GI2"]], D(2025, 6, 1),
                           {(gis["GI1"], "goed_bestuur"): "voldoende", (gis["GI2"], "passende_hulp"): "onvoldoende"})
        connection.run_on_commit.clear()
        return gis

    return maken


def test_een_rapport_over_meer_gis_staat_met_elke_gi_en_eens_als_overkoepelend(register_van, inspecteur, beheerder):
    """Each GI of a report on several sees its own oordelen in it, the report names every GI (also after a GI is
    added to it while the other's part is kept), and it is listed once among the overkoepelende rapporten; a GI
    declared void whose link to a report remains counts as in the one-piece overview."""
    gis = register_van(3)
    data = _gelijk_aan_een_stuk(2025)
    per_gi = {i["afkorting"]: i for i in data["instellingen"]}
    [samen1] = [r for r in per_gi["GI1"]["rapporten"] if len(r["instellingen"]) == 2]
    [samen2] = [r for r in per_gi["GI2"]["rapporten"] if len(r["instellingen"]) == 2]
    assert [o["thema"] for o in samen1["oordelen"]] == ["goed_bestuur"]
    assert [o["thema"] for o in samen2["oordelen"]] == ["passende_hulp"]
    assert [r["instellingen"] for r in data["overkoepelende_rapporten"]] == [["GI1", "GI2"]]

    # GI3 joins the report: a link of GI3, and GI1's and GI2's sections name it too.
    onderzoek = gis["GI1"].inspectieonderzoeken.get(titel__startswith="Rapport GI1-GI2")
    onderzochte_instellingen_vastleggen(actor=inspecteur, onderzoek=onderzoek, instellingen=[gis["GI3"]],
                                        alleen_toevoegen=True, reden="ook over GI3")
    data = _gelijk_aan_een_stuk(2025)
    per_gi = {i["afkorting"]: i for i in data["instellingen"]}
    assert [r["instellingen"] for r in per_gi["GI1"]["rapporten"] if len(r["instellingen"]) > 1] == [["GI1", "GI2", "GI3"]]

    # GI2 declared void: no longer in the overview, its link still counts the report as one on several GI's.
    instelling_laten_vervallen(actor=beheerder, instelling=gis["GI2"], reden="dubbel ingevoerd")
    data = _gelijk_aan_een_stuk(2025)
    assert [i["afkorting"] for i in data["instellingen"]] == ["GI1", "GI3"]


def _herbouw_na_schrijven(gis, kmi_gebruiker):
    """Build the public overview of today (every part kept), correct an audit of GI1, build it again: the register
    reads of the rebuild (which GI's records each read) and its queries."""
    vandaag = klok.vandaag()
    with _om(10, 1):
        rapportcache.openbare_html_context_uit_cache(2025, vandaag)
    audit = gis["GI1"].audits.get()
    with _om(10, 5):  # the latest change of the register: the rebuilt overview names its moment
        audit_corrigeren(actor=kmi_gebruiker, audit=audit, reden="einddatum", einddatum=audit.einddatum + dt.timedelta(days=1))
    connection.run_on_commit.clear()
    reads = []
    echt = signaalselectors.registerstand_op

    def registerstand_op(peildatum, **kwargs):
        reads.append((kwargs.get("instellingen"), kwargs.get("alle_instellingen", False)))
        return echt(peildatum, **kwargs)

    with _om(10, 6), mock.patch.object(signaalselectors, "registerstand_op", registerstand_op), \
            CaptureQueriesContext(connection) as queries:
        context = rapportcache.openbare_html_context_uit_cache(2025, vandaag)
    with _om(10, 6):
        een_stuk = kameroverzicht(2025, vandaag, OPENBAAR)
        zonder_rijen = (*rapportcache.HTML_DELEN, "versies")
        assert {k: v for k, v in context.items() if k not in zonder_rijen} == {
            k: v for k, v in rapportcache._kader(html_context(een_stuk), None, []).items() if k not in zonder_rijen
        }
    assert context["data"]["data_sha256"] == een_stuk["data_sha256"]
    assert een_stuk["registerstand"].endswith("T10:05:00" + een_stuk["registerstand"][-6:])
    return reads, len(queries.captured_queries)


@pytest.mark.parametrize("n", [3, 8])
def test_na_een_schrijving_leest_de_herbouw_alleen_die_gi(register_van, kmi_gebruiker, n):
    """After a write to GI1 the public overview of today is rebuilt from the kept parts of the other GI's: the only
    register read of a GI's records is GI1's (besides the one of what belongs to no GI, with the GI's declared void:
    none here), and the answer is the overview built afresh."""
    gis = register_van(n)
    reads, _ = _herbouw_na_schrijven(gis, kmi_gebruiker)
    assert reads == [(set(), True), ({gis["GI1"].id}, False)]


def test_de_herbouw_na_een_schrijving_kost_evenveel_queries_bij_meer_gis(register_van, kmi_gebruiker):
    """The number of queries of the rebuild after a write to one GI does not grow with the number of GI's."""
    gis = register_van(3)
    _, bij_drie = _herbouw_na_schrijven(gis, kmi_gebruiker)
    gedeeld.clear()
    register_van(12, vanaf=4)
    _, bij_twaalf = _herbouw_na_schrijven(gis, kmi_gebruiker)
    assert bij_twaalf == bij_drie


def test_de_paginas_na_een_schrijving_zijn_die_van_het_register_nu(register_van, kmi_gebruiker):
    """The public overview page and another GI's page after a write to GI1, rebuilt from the kept parts, are the
    pages built afresh (from an empty cache)."""
    gis = register_van(3)
    client = Client()
    paden = ["/kameroverzicht/?jaar=2025", "/kameroverzicht/2025/GI2"]
    for pad in paden:
        assert client.get(pad).status_code == 200
    audit_corrigeren(actor=kmi_gebruiker, audit=gis["GI1"].audits.get(), reden="einddatum", einddatum=D(2025, 1, 11))
    connection.run_on_commit.clear()
    na_schrijven = [client.get(pad).content for pad in paden]
    gedeeld.clear()
    assert na_schrijven == [client.get(pad).content for pad in paden]


# --- The pages of today from the frame and each GI's own part, against the whole overview computed in one piece ------


def _oude_overzichtscontext(jaar, peildatum):
    """What the public overview page rendered before the frame: the whole ``html_context``, computed in one piece."""
    return html_context(kameroverzicht(jaar, peildatum, OPENBAAR))


def _oude_gi_context(jaar, peildatum, afkorting):
    """What a GI's public page rendered before: the whole context, with that GI only."""
    context = _oude_overzichtscontext(jaar, peildatum)
    gi = next((gi for gi in context["instellingen"] if gi["afkorting"] == afkorting), None)
    if gi is None:
        return None
    data = {**context["data"], "instellingen": [i for i in context["data"]["instellingen"] if i["afkorting"] == afkorting]}
    return {**context, "data": data, "instellingen": [gi], "gi": gi}


def _paden(jaar: int, afkortingen) -> list[str]:
    """The overview page of ``jaar`` (also with today as the chosen peildatum, whose links carry it, and with a past
    one) and the page of each GI."""
    vandaag = klok.vandaag().isoformat()
    return [f"/kameroverzicht/?jaar={jaar}", f"/kameroverzicht/?jaar={jaar}&peildatum={vandaag}",
            f"/kameroverzicht/?jaar={jaar}&peildatum={jaar + 1}-01-01", *(f"/kameroverzicht/{jaar}/{a}" for a in afkortingen),
            *(f"/kameroverzicht/{jaar}/{a}?peildatum={vandaag}" for a in afkortingen[:2])]


def _pagina_s(paden) -> list[tuple[int, bytes]]:
    client = Client()
    return [(antwoord.status_code, antwoord.content) for antwoord in map(client.get, paden)]


def _zoals_in_een_stuk(paden) -> list[tuple[int, bytes]]:
    """The pages as the views rendered them from the whole context computed in one piece (nothing from the cache)."""
    gedeeld.clear()
    with mock.patch("reports.views.openbare_html_context_uit_cache", _oude_overzichtscontext), \
            mock.patch("reports.views.openbare_instelling_context_uit_cache", _oude_gi_context), \
            mock.patch("register.cache.cache.get", return_value=None), mock.patch("register.cache.cache.set"):
        return _pagina_s(paden)


def _dezelfde_bytes(jaar: int, afkortingen, *, geweigerd: bool = False) -> None:
    """Every page of the year (the overview and each GI's page; a GI of another year gives the same 404) rendered
    from the frame and the parts, with the parts derived and then kept, is byte for byte the page rendered from the
    whole overview computed in one piece. ``geweigerd``: no GI is active yet today, so every page refuses."""
    paden = _paden(jaar, afkortingen)
    gedeeld.clear()
    nieuw = _pagina_s(paden)
    opnieuw = _pagina_s(paden)
    oud = _zoals_in_een_stuk(paden)
    assert [s for s, _ in nieuw] == [s for s, _ in oud]
    assert nieuw == oud
    assert opnieuw == oud
    assert any(s == 200 for s, _ in nieuw[1:]) is not geweigerd or not afkortingen


def test_de_paginas_van_de_voorbeelddata_zijn_die_van_het_overzicht_in_een_stuk(beheerder, kmi_gebruiker):
    call_command("load_voorbeelddata", verbosity=0)
    from register.models import Instelling

    afkortingen = sorted(Instelling.objects.values_list("afkorting", flat=True))
    for jaar in (klok.vandaag().year - 1, klok.vandaag().year):
        _dezelfde_bytes(jaar, afkortingen)
    # After a write to one GI: the other GI's parts are kept, the written one's is derived again.
    from certification.models import Audit

    audit = Audit.objects.filter(instelling__vervallen=False).order_by("id").first()
    paden = _paden(klok.vandaag().year - 1, afkortingen)
    _pagina_s(paden)
    audit_corrigeren(actor=kmi_gebruiker, audit=audit, reden="einddatum", einddatum=audit.einddatum + dt.timedelta(days=1))
    connection.run_on_commit.clear()
    na_schrijven = _pagina_s(paden)
    assert na_schrijven == _zoals_in_een_stuk(paden)


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(register=registers())
def test_de_paginas_van_elk_geldig_register_zijn_die_van_het_overzicht_in_een_stuk(register, beheerder, kmi_gebruiker, inspecteur):
    from register.models import Instelling

    with teruggedraaid():
        _bouw(register, beheerder=beheerder, kmi=kmi_gebruiker, inspecteur=inspecteur)
        afkortingen = sorted(Instelling.objects.values_list("afkorting", flat=True))
        # A register whose GI's all become active after today: the overview of today refuses (tests/test_totaliteit.py).
        geweigerd = not Instelling.objects.exclude(actief_vanaf__gt=klok.vandaag()).exists()
        for jaar in sorted({*register["jaren"], klok.vandaag().year}):
            _dezelfde_bytes(jaar, afkortingen, geweigerd=geweigerd)


def test_de_pagina_van_een_gi_leest_het_hele_overzicht_niet(register_van, kmi_gebruiker):
    """A GI's public page of today is its own part and the frame: after a write to GI1 (the frame rebuilt by the
    overview page), GI2's and GI1's pages read one part each from the cache and put nothing together again; the frame
    holds of each GI only its row, not its section."""
    gis = register_van(3)
    client = Client()
    client.get("/kameroverzicht/?jaar=2025")
    audit_corrigeren(actor=kmi_gebruiker, audit=gis["GI1"].audits.get(), reden="einddatum", einddatum=D(2025, 1, 11))
    connection.run_on_commit.clear()
    assert client.get("/kameroverzicht/?jaar=2025").status_code == 200
    kader = rapportcache.openbare_html_context_uit_cache(2025, klok.vandaag())
    assert set(kader["versies"]) == {"GI1", "GI2", "GI3"}
    assert kader["instellingen"] == [] and kader["meerjarenbeeld"]["instellingen"] == []
    assert all(f'id="gi-{a}"' not in kader["samenvatting_html"] and f"#gi-{a}" in kader["samenvatting_html"] for a in kader["versies"])
    assert set(kader["data"]) == set(rapportcache.DATA_VELDEN)
    with mock.patch.object(rapportcache, "_uit_delen", side_effect=AssertionError("het hele overzicht")), \
            mock.patch.object(rapportcache, "kameroverzicht", side_effect=AssertionError("het hele overzicht")):
        for afkorting in ("GI1", "GI2"):
            pagina = client.get(f"/kameroverzicht/2025/{afkorting}")
            assert pagina.status_code == 200
            assert f'id="gi-{afkorting}"' in pagina.content.decode()
    assert rapportcache.openbare_instelling_context_uit_cache(2025, klok.vandaag(), "GI9") is None


def test_een_deel_van_een_latere_versie_dan_het_kader_wordt_niet_met_dat_kader_getoond(register_van, kmi_gebruiker):
    """A frame that is the previous answer (kept at an older version of GI1's part) and GI1's part of the new version
    do not belong together: the GI's page is put together afresh, the page of the register now."""
    gis = register_van(2)
    vandaag = klok.vandaag()
    oud_kader = rapportcache.openbare_html_context_uit_cache(2025, vandaag)
    audit_corrigeren(actor=kmi_gebruiker, audit=gis["GI1"].audits.get(), reden="einddatum", einddatum=D(2025, 1, 11))
    connection.run_on_commit.clear()
    rapportcache.openbaar_overzicht_uit_delen(2025, vandaag)  # GI1's part of the new version kept
    with mock.patch.object(rapportcache, "openbare_html_context_uit_cache", return_value=oud_kader):
        context = rapportcache.openbare_instelling_context_uit_cache(2025, vandaag, "GI1")
    assert context["data"]["data_sha256"] == kameroverzicht(2025, vandaag, OPENBAAR)["data_sha256"]
    assert context["data"]["data_sha256"] != oud_kader["data"]["data_sha256"]
    assert context["gi"] == html_context(kameroverzicht(2025, vandaag, OPENBAAR))["instellingen"][0]


def test_een_ontbrekende_weergave_van_een_bewaard_deel_wordt_opnieuw_gemaakt(register_van):
    """A GI's section as its page shows it is kept beside its part; when only it is gone (culled), the overview is
    still the one in one piece and the GI's page is put together afresh from the parts."""
    register_van(3)
    vandaag = klok.vandaag()
    _gelijk_aan_een_stuk(2025)
    gedeeld.delete(rapportcache._weergave_sleutel(vandaag, 2025, vandaag, "GI2"))
    _gelijk_aan_een_stuk(2025)
    context = rapportcache.openbare_instelling_context_uit_cache(2025, vandaag, "GI2")
    een_stuk = html_context(kameroverzicht(2025, vandaag, OPENBAAR))
    assert context["gi"] == een_stuk["instellingen"][1]
    assert context["data"]["data_sha256"] == een_stuk["data"]["data_sha256"]


def test_de_hash_uit_de_delen_valt_terug_op_het_geheel_waar_een_plekhouder_niet_eenmaal_staat():
    """``data_sha256`` from the parts' JSON (reports/overzicht.py) is the hash of the whole encoded at once; a text
    that holds a stand-in, a part without its JSON or lists that are not the parts' own fall back to that."""
    sectie, rij = {"afkorting": "GI1", "tekst": "é"}, {"afkorting": "GI1", "jaren": []}
    deel = overzicht.GIDeel(sectie=sectie, meerjaar=rij, canoniek=(overzicht.canoniek(sectie), overzicht.canoniek(rij)))

    def data(tekst):
        return {"titel": tekst, "instellingen": [sectie], "meerjarenbeeld": {"jaren": [2025], "instellingen": [rij]}}

    for tekst in ("gewoon", overzicht._PLEK_INSTELLINGEN, overzicht._PLEK_MEERJAREN + overzicht._PLEK_MEERJAREN):
        assert overzicht._data_sha256_uit_delen(data(tekst), [deel]) == data_sha256(data(tekst)), tekst
    zonder_json = overzicht.GIDeel(sectie=sectie, meerjaar=rij)
    assert overzicht._data_sha256_uit_delen(data("x"), [zonder_json]) == data_sha256(data("x"))
    ander = {**data("x"), "instellingen": [{**sectie, "tekst": "anders"}]}
    assert overzicht._data_sha256_uit_delen(ander, [deel]) == data_sha256(ander) != data_sha256(data("x"))
