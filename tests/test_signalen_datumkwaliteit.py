"""DESIGN.md §3, Datumkwaliteit, in the signals: a date the register knows only to the month is shown as the month
("september 2025"), an estimated one with "(geschat)", never as a known day; an exact date keeps its day. The signal
texts (signalen/regels.py), the periods beside them and every door that reuses them: the Kamer overview (PDF, HTML,
CSV, JSON), the aanleidingenoverzicht (its Datum column too), the meldingen of vroegsignalering, the API and the
public pages. Which day a signal starts on internally, and the ISO dates of JSON and API, stay as they were."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader
from rest_framework.test import APIClient

from register import klok, rules
from register.teksten import grenskwaliteit, signaalperiode_tekst
from reports.aanleidingen import aanleidingen
from reports.aanleidingen_pdf import render_aanleidingen_pdf
from reports.overzicht import kameroverzicht, signalen_per_instelling
from reports.pdf import render_pdf
from reports.renderers import render_aanleidingen_csv, render_aanleidingen_html, render_csv, render_html, render_json
from signalen import regels as signalen
from signalen.feiten import GIFeiten
from tests import maak
from vroegsignalering import berichten, services
from vroegsignalering.models import Signaalmelding

D = dt.date
TOELICHTING = "De inspecties noemen eind juli 2025; de dag staat in geen bron."
AFWEGING = "Afweging van het KMI (test): het verscherpt toezicht en het rapport zijn gewogen."

# The days of the dates of MND that are not known (and the days just before them, which a period up to such a date
# would end on): none may appear as a day in any text. An estimated day appears only with "(geschat)" after it.
VERBODEN = [
    r"(?<!\d)16 september 2025", r"16-09-2025", r"(?<!\d)15 september 2025", r"15-09-2025",
    r"(?<!\d)21 oktober 2025", r"21-10-2025",
    r"(?<!\d)24 juli 2025(?! \(geschat\))", r"24-07-2025(?! \(geschat\))", r"(?<!\d)23 juli 2025", r"23-07-2025",
]


def _genoemde_dagen(tekst: str) -> list[str]:
    tekst = " ".join(tekst.split())
    return [m.group(0) + " …" + tekst[m.end():m.end() + 12] for p in VERBODEN for m in re.finditer(p, tekst)]


def _pdf_tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def mnd(beheerder, kmi_gebruiker, inspecteur):
    """MND: a volledig certificaat (exact, from 2023) suspended on 10 March 2025 (exact), under regulier toezicht until
    verscherpt toezicht from "24 juli 2025" (geschat, until 30 November 2025); volledig again from "september 2025"
    (recorded as 16 September, datumkwaliteit maand, besluitdatum the same); a report of "oktober 2025" (maand) judges
    goed bestuur onvoldoende; regulier toezicht again from 1 December 2025 (exact)."""
    gi = maak.instelling(beheerder, "MND", actief_vanaf=D(2020, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2023, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "geschorst", D(2025, 3, 10), D(2025, 12, 31))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2025, 11, 30), datumkwaliteit="geschat",
                  datum_toelichting=TOELICHTING)
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), datumkwaliteit="maand", afweging=AFWEGING)
    maak.onderzoek(inspecteur, gi, D(2025, 10, 21), {"goed_bestuur": "onvoldoende"}, titel="Onderzoek MND",
                   datumkwaliteit="maand")
    maak.toezicht(inspecteur, gi, "regulier", D(2025, 12, 1))
    return gi


def _signalen(jaar: int, openbaar: bool = False) -> list:
    return signalen_per_instelling(jaar, openbaar=openbaar)["MND"]


@pytest.mark.django_db
def test_de_signaalteksten_noemen_geen_dag_die_niet_bekend_is(mnd):
    for openbaar in (False, True):
        lijst = _signalen(2025, openbaar)
        codes = {s.code for s in lijst}
        assert {signalen.VOLLEDIG_TIJDENS_VERSCHERPT, signalen.HERCERTIFICERING_NA_KRITISCH_RAPPORT,
                signalen.VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL, signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT} <= codes
        for s in lijst:
            assert _genoemde_dagen(s.uitleg) == [], s.uitleg
            assert _genoemde_dagen(signalen.perioden_tekst(s)) == []
    per_code = {s.code: s for s in _signalen(2025)}
    vv = per_code[signalen.VOLLEDIG_TIJDENS_VERSCHERPT]
    # the rules still count from the recorded day; only the words change
    assert vv.perioden == ((D(2025, 9, 16), D(2025, 11, 30)),)
    assert vv.uitleg.startswith(
        "MND had van september 2025 tot en met 30 november 2025 een volledig certificaat (het certificaatbesluit "
        "'volledig certificaat' met ingang van september 2025, geldig tot en met 15 september 2028) terwijl verscherpt "
        "toezicht gold (het toezichtbesluit 'verscherpt toezicht' met ingang van 24 juli 2025 (geschat), voorziene "
        "einddatum 30 november 2025)."
    )
    assert signalen.perioden_tekst(vv) == "september 2025 tot en met 30 november 2025"
    strenger = per_code[signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT]
    # a period up to an estimated date ends "tot" that date, not on a made-up day before it
    assert strenger.perioden[0] == (D(2025, 3, 10), D(2025, 7, 23))
    assert "van 10 maart 2025 tot 24 juli 2025 (geschat)" in strenger.uitleg
    bestuur = per_code[signalen.VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL]
    assert bestuur.perioden == ((D(2025, 10, 21), D(2025, 10, 21)),) and bestuur.datumkwaliteit == ((D(2025, 10, 21), "maand"),)
    assert "Het inspectierapport 'Onderzoek MND' van oktober 2025 oordeelt" in bestuur.uitleg
    assert signalen.perioden_tekst(bestuur) == "oktober 2025"
    her = per_code[signalen.HERCERTIFICERING_NA_KRITISCH_RAPPORT]
    assert her.uitleg.startswith("Het volledige certificaat van MND ging in september 2025 in terwijl het toezichtbesluit "
                                 "'verscherpt toezicht' met ingang van 24 juli 2025 (geschat)")
    # the pasoordeel's basis names the report by its month
    basis = kameroverzicht(2025, klok.vandaag(), "vertrouwelijk")
    mnd_sectie = next(gi for gi in basis["instellingen"] if gi["afkorting"] == "MND")
    assert "('Onderzoek MND', oktober 2025)" in mnd_sectie["pasoordeel"]["basis"]


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["vertrouwelijk", "openbaar"])
def test_het_kameroverzicht_in_elk_formaat_noemt_geen_onbekende_dag(mnd, variant):
    data = kameroverzicht(2025, klok.vandaag(), variant)
    sectie = next(gi for gi in data["instellingen"] if gi["afkorting"] == "MND")
    vv = next(s for s in sectie["signalen"] if s["code"] == signalen.VOLLEDIG_TIJDENS_VERSCHERPT)
    # ISO stays ISO; beside it, the datumkwaliteit of each period's begin and end
    assert vv["perioden"] == [["2025-09-16", "2025-11-30"]] and vv["perioden_datumkwaliteit"] == [["maand", "exact"]]
    strenger = next(s for s in sectie["signalen"] if s["code"] == signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT)
    assert strenger["perioden_datumkwaliteit"][0] == ["exact", "geschat"]
    pdf, html = _pdf_tekst(render_pdf(data)), render_html(data)
    tekst_json = json.dumps(json.loads(render_json(data)), ensure_ascii=False)
    for naam, tekst in (("pdf", pdf), ("html", html), ("csv", render_csv(data).decode("utf-8-sig")), ("json", tekst_json)):
        assert _genoemde_dagen(tekst) == [], naam
    for tekst in (pdf, html):
        assert "september 2025 t/m 30-11-2025" in tekst  # the signal's period beside its title
        assert "10-03-2025 tot 24-07-2025 (geschat)" in tekst
        assert "van september 2025 tot en met 30 november 2025 een volledig certificaat" in tekst


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["vertrouwelijk", "openbaar"])
def test_het_aanleidingenoverzicht_dateert_een_signaal_zoals_het_feit(mnd, variant):
    data = aanleidingen(D(2025, 1, 1), D(2025, 12, 31), klok.vandaag(), variant)
    items = next(gi for gi in data["instellingen"] if gi["afkorting"] == "MND")["aanleidingen"]
    signaalitems = [i for i in items if i["soort"] == "signaal"]
    begonnen = {(i["datum"], i["datumkwaliteit"], i["omschrijving"].split(":")[0]) for i in signaalitems}
    assert ("2025-09-16", "maand", "Signaal begonnen") in begonnen  # volledig tijdens verscherpt
    assert ("2025-09-16", "maand", "Signaal in september 2025") in begonnen  # hercertificering
    assert ("2025-10-21", "maand", "Signaal in oktober 2025") in begonnen  # kritisch bestuursoordeel
    geeindigd = next(i for i in signaalitems if i["omschrijving"].startswith("Signaal geëindigd: Volledig certificaat tijdens"))
    assert geeindigd["datum"] == "2025-11-30" and geeindigd["datumkwaliteit"] == "exact"
    assert "Het signaal gold van september 2025 tot en met 30 november 2025." in geeindigd["details"]
    csv = render_aanleidingen_csv(data).decode("utf-8-sig")
    for naam, tekst in (("pdf", _pdf_tekst(render_aanleidingen_pdf(data))), ("html", render_aanleidingen_html(data)),
                        ("csv", csv), ("json", json.dumps(data, ensure_ascii=False))):
        assert _genoemde_dagen(tekst) == [], naam
    assert "oktober 2025" in csv and "september 2025" in csv


@pytest.mark.django_db
def test_de_meldingen_de_api_en_de_openbare_paginas_noemen_geen_onbekende_dag(mnd, ministerie_gebruiker):
    services.signalen_evalueren(versturen=False)
    meldingen = list(Signaalmelding.objects.filter(instelling=mnd, jaar=2025))
    assert {m.variant for m in meldingen} == {"vertrouwelijk", "openbaar"}
    vv = next(m for m in meldingen if m.signaalcode == signalen.VOLLEDIG_TIJDENS_VERSCHERPT)
    assert vv.perioden == "september 2025 tot en met 30 november 2025"
    for m in meldingen:
        assert _genoemde_dagen(berichten.melding_tekst(m)) == [], m.signaalcode
    cache.clear()
    antwoord = APIClient().get("/api/v1/signalen", {"jaar": 2025})
    assert antwoord.status_code == 200
    item = next(i for i in antwoord.json()["results"] if i["instelling"] == "MND")
    assert _genoemde_dagen(json.dumps(item, ensure_ascii=False)) == []
    vv_api = next(s for s in item["signalen"] if s["code"] == signalen.VOLLEDIG_TIJDENS_VERSCHERPT)
    # ISO stays ISO; beside it, how well each end is known
    assert vv_api["perioden"] == [{"van": "2025-09-16", "tot": "2025-11-30", "vanDatumkwaliteit": "maand",
                                   "totDatumkwaliteit": "exact"}]
    strenger = next(s for s in item["signalen"] if s["code"] == signalen.CERTIFICERING_STRENGER_DAN_TOEZICHT)
    assert strenger["perioden"][0] == {"van": "2025-03-10", "tot": "2025-07-23", "vanDatumkwaliteit": "exact",
                                       "totDatumkwaliteit": "geschat"}
    web = Client()
    for url in ("/instellingen/MND?jaar=2025", "/kameroverzicht/?jaar=2025"):
        pagina = web.get(url)
        assert pagina.status_code == 200, url
        assert _genoemde_dagen(pagina.content.decode()) == [], url


@pytest.mark.django_db
def test_een_exacte_datum_houdt_zijn_dag_ook_op_een_schrikkeldag(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "EXA", actief_vanaf=D(2020, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2023, 1, 1))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 2, 29))
    (vv,) = [s for s in signalen_per_instelling(2024)["EXA"] if s.code == signalen.VOLLEDIG_TIJDENS_VERSCHERPT]
    assert vv.datumkwaliteit == ()
    assert "EXA had van 29 februari 2024 tot en met 31 december 2024 een volledig certificaat" in vv.uitleg
    data = kameroverzicht(2024, klok.vandaag(), "vertrouwelijk")
    sectie = next(gi for gi in data["instellingen"] if gi["afkorting"] == "EXA")
    s = next(s for s in sectie["signalen"] if s["code"] == signalen.VOLLEDIG_TIJDENS_VERSCHERPT)
    assert s["perioden_datumkwaliteit"] == [["exact", "exact"]]
    for tekst in (_pdf_tekst(render_pdf(data)), render_html(data)):
        assert "29-02-2024 t/m 31-12-2024" in tekst
    overzicht = aanleidingen(D(2024, 1, 1), D(2024, 12, 31), klok.vandaag(), "vertrouwelijk")
    items = next(gi for gi in overzicht["instellingen"] if gi["afkorting"] == "EXA")["aanleidingen"]
    begonnen = next(i for i in items if i["omschrijving"].startswith("Signaal begonnen: Volledig certificaat tijdens"))
    assert (begonnen["datum"], begonnen["datumkwaliteit"]) == ("2024-02-29", "exact")
    assert "29-02-2024" in render_aanleidingen_csv(overzicht).decode("utf-8-sig")


@pytest.mark.django_db
def test_een_maanddatum_op_de_eerste_van_de_maand_is_de_maand(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "EEN", actief_vanaf=D(2020, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2023, 1, 1))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 6, 1), datumkwaliteit="maand")
    (vv,) = [s for s in signalen_per_instelling(2024)["EEN"] if s.code == signalen.VOLLEDIG_TIJDENS_VERSCHERPT]
    assert vv.perioden == ((D(2024, 6, 1), D(2024, 12, 31)),)
    assert "EEN had van juni 2024 tot en met 31 december 2024 een volledig certificaat" in vv.uitleg
    assert not re.search(r"(?<!\d)1 juni 2024|01-06-2024|31 mei 2024|31-05-2024", vv.uitleg)
    data = kameroverzicht(2024, klok.vandaag(), "vertrouwelijk")
    for tekst in (_pdf_tekst(render_pdf(data)), render_html(data)):
        assert "juni 2024 t/m 31-12-2024" in tekst
        assert not re.search(r"(?<!\d)1 juni 2024|01-06-2024", tekst)


# -- the rules without a database ----------------------------------------------------------------------------------


def _gi(certificaten=(), toezichten=(), rapporten=()) -> GIFeiten:
    return GIFeiten("GIX", D(2020, 1, 1), None, tuple(certificaten), tuple(toezichten), tuple(rapporten))


def test_een_feit_zonder_datumkwaliteit_is_exact():
    assert rules.CertificaatFeit(1, "volledig", D(2025, 9, 16), None).datumkwaliteit == "exact"
    assert rules.ToezichtFeit(1, "verscherpt", D(2025, 7, 24), None).datumkwaliteit == "exact"
    assert rules.RapportFeit(1, D(2025, 7, 24), "R").datumkwaliteit == "exact"
    assert rules.AuditFeit(1, "periodiek", D(2025, 1, 1), D(2025, 1, 2), 0).datumkwaliteit == "exact"


def test_de_aanleiding_noemt_elke_datum_zoals_zijn_feit():
    audit = rules.AuditFeit(1, "periodiek", D(2025, 6, 1), D(2025, 6, 3), 2, datumkwaliteit="maand")
    toezicht = rules.ToezichtFeit(2, "verscherpt", D(2025, 7, 24), None, "geschat")
    rapport = rules.RapportFeit(3, D(2025, 8, 12), "R", (rules.OordeelFeit("goed_bestuur", "Goed bestuur", "onvoldoende"),), "maand")
    aanleiding = rules.aanleiding(D(2025, 9, 16), [audit], [rapport], [toezicht], status="volledig")
    assert rules.aanleiding_teksten(aanleiding) == [
        "de laatste audit vóór de besluitdatum (periodiek, 2025-06 tot en met 2025-06) had 2 kritische afwijkingen",
        "het inspectierapport 'R' van 2025-08 oordeelt kritisch (Goed bestuur: onvoldoende)",
        "het toezicht was op de besluitdatum verscherpt (toezichtbesluit 'verscherpt' met ingang van 2025-07-24 (geschat))",
    ]


def test_een_periode_van_een_dag_voor_een_maanddatum():
    kwaliteit = {D(2025, 9, 16): "maand"}
    assert signaalperiode_tekst(D(2025, 9, 15), D(2025, 9, 15), kwaliteit) == "15 september 2025 tot september 2025"
    assert signaalperiode_tekst(D(2025, 9, 16), D(2025, 9, 16), kwaliteit) == "september 2025"
    assert signaalperiode_tekst(D(2024, 2, 29), D(2024, 2, 29), {}) == "29 februari 2024"
    assert signaalperiode_tekst(D(2024, 2, 29), D(2024, 3, 1), {}, "t/m", "cijfers") == "29-02-2024 t/m 01-03-2024"
    assert signaalperiode_tekst(D(9999, 12, 31), D(9999, 12, 31), {D(9999, 12, 31): "geschat"}) == "31 december 9999 (geschat)"


def test_een_dag_die_een_exact_besluit_geeft_blijft_exact():
    """Two besluiten on one day, one exact: the day is known (register/teksten.py grenskwaliteit)."""
    gi = _gi(
        [rules.CertificaatFeit(1, "volledig", D(2024, 1, 1), D(2026, 12, 31)),
         rules.CertificaatFeit(2, "volledig", D(2025, 5, 5), D(2028, 5, 4), datumkwaliteit="maand")],
        [rules.ToezichtFeit(3, "verscherpt", D(2025, 5, 5), None)],
    )
    (vv,) = signalen.volledig_tijdens_verscherpt(gi, 2025)
    assert grenskwaliteit([(D(2025, 5, 5), "maand"), (D(2025, 5, 5), "exact")]) == {D(2025, 5, 5): "exact"}
    assert vv.datumkwaliteit == () and vv.uitleg.startswith("GIX had van 5 mei 2025 tot en met 31 december 2025 ")
    # the certificaatbesluit itself is still named by its month
    assert "met ingang van mei 2025, geldig tot en met 4 mei 2028" in vv.uitleg
