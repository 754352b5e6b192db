"""The overview's schema 2 keys as a reader meets them, in the PDF (its text through pypdf), the HTML and the CSV, for
the example data of 2025: how many GI's the register holds and from when each GI's record is complete, the afweging
beside each certificaatbesluit ('Geen afweging vastgelegd' with the aanleiding when it is missing), the reacties under
each signal of severity hoog or aandacht ('Geen reactie ontvangen' without one), and the meerjarenbeeld with the short
codes and 'onbekend' for the years before the record is complete."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from register import klok
from register.teksten import datum_kort
from signalen import regels as signalen
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from register.csvcel import FORMULE_BEGIN
from reports.renderers import CSV_KOLOMMEN_SCHEMA_2, render_csv, render_html
from tests import maak
from tests.test_kameroverzicht_varianten import pdf_tekst
from voorbeelddata.services import laden
from wederhoor.services import reactie_registreren

D = dt.date
pytestmark = pytest.mark.django_db
# A test text, marked as such: the KMI did not write it, and no real document is named as its source.
REACTIE = "Testtekst, geen uitspraak van het KMI: reactie op het signaal van JBN (REACTIE-KMI-TEST)."


@pytest.fixture
def overzicht(beheerder, kmi_gebruiker, inspecteur):
    """The example data, a reactie of the KMI on JBN's VOLLEDIG_TIJDENS_VERSCHERPT, and a GI whose volledig certificaat
    was recorded before the kritisch report that made it a besluit under aanleiding (so no afweging was asked)."""
    laden()
    from register.models import Instelling

    jbn = Instelling.objects.get(afkorting="JBN")
    reactie_registreren(actor=kmi_gebruiker, instelling=jbn, jaar=2025, signaalcode=signalen.VOLLEDIG_TIJDENS_VERSCHERPT,
                        tekst=REACTIE, bron="Testbron (geen bestaand document)")
    afw = maak.instelling(beheerder, "AFW", naam="Jeugdbescherming Afweging", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, afw, "volledig", D(2025, 3, 1), D(2028, 2, 28))
    maak.onderzoek(inspecteur, afw, D(2025, 2, 1), {"goed_bestuur": "onvoldoende"}, titel="Rapport AFW februari")
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    pdf = render_pdf(data)
    return data, {
        "pdf": " ".join(" ".join(pdf_tekst(pdf)).split()),
        "html": " ".join(html.unescape(re.sub(r"<[^>]+>", " ", render_html(data))).split()),
        "csv": render_csv(data).decode("utf-8-sig"),
    }


def _gi(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


def _rijen(csv_tekst):
    return {r["afkorting"]: r for r in csv.DictReader(io.StringIO(csv_tekst, newline=""), delimiter=";")}


def test_omslag_en_samenvatting_noemen_aantal_en_volledigheid(overzicht):
    data, uit = overzicht
    aantal = data["volledigheid"]["aantal_instellingen"]
    assert aantal == 6
    telling = ", ".join(f"{data['samenvatting']['pasoordelen'][w]} {w.replace('_', ' ')}"
                        for w in ("in_de_pas", "niet_in_de_pas", "onvoldoende_gegevens"))
    zin = f"Voor 2025 bevat het register {aantal} van de 13 GI's (omvang op 30 januari 2026"
    for formaat in ("pdf", "html"):
        assert zin in uit[formaat], formaat
        assert f"Oordeel: {telling};" in uit[formaat], formaat
        assert "JBN: certificering en toezicht vanaf 1 januari 2024" in uit[formaat], formaat  # the example data
        assert "De gegevens zijn niet volledig: van 7 GI's in beeld heeft het register geen gegevens" in uit[formaat], formaat
    assert uit["pdf"].count(zin) >= 2  # the cover and the summary
    assert "Gegevens volledig: certificering en toezicht vanaf 1 januari 2024." in uit["pdf"]
    assert "Gegevens volledig: certificering en toezicht vanaf 1 januari 2024." in uit["html"]
    assert _rijen(uit["csv"])["JBN"]["certificering_vanaf"] == _gi(data, "JBN")["certificering_vanaf"] == "2024-01-01"


def test_de_afweging_staat_naast_het_besluit(overzicht):
    data, uit = overzicht
    # the example data's afweging summarises public statements: printed as from an openbare bron, never as the KMI's
    besluit = next(b for b in _gi(data, "JBN")["certificaatbesluiten"] if b["afweging_openbare_bron"])
    begin = " ".join(besluit["afweging_openbare_bron"].split()[:8])
    for formaat in ("pdf", "html"):
        assert f"Uit openbare bron: {begin}" in uit[formaat], formaat
        assert f"Afweging: {begin}" not in uit[formaat], formaat
        assert "Geen afweging van het KMI vastgelegd." in uit[formaat], formaat
        assert "het inspectierapport 'Verdiepend toezicht Jeugdbescherming Noord" in uit[formaat], formaat
    afwegingen = _rijen(uit["csv"])["JBN"]["afwegingen"]
    assert "volledig 2025-09-16: Aanleiding: " in afwegingen and f"Uit openbare bron: {begin}" in afwegingen


def test_geen_afweging_vastgelegd_met_de_aanleiding(overzicht):
    data, uit = overzicht
    [besluit] = _gi(data, "AFW")["certificaatbesluiten"]
    assert besluit["afweging_vereist"] and besluit["afweging"] == "" and besluit["aanleiding"]
    aanleiding = besluit["aanleiding"][0]
    assert "Rapport AFW februari" in aanleiding
    for formaat in ("pdf", "html"):
        assert re.search(r"Aanleiding: " + re.escape(aanleiding[:40]), uit[formaat]), formaat
        assert "Geen afweging van het KMI vastgelegd." in uit[formaat], formaat
    assert f"Aanleiding: {aanleiding}. Geen afweging van het KMI vastgelegd." in _rijen(uit["csv"])["AFW"]["afwegingen"]
    assert "Afweging niet vereist: er was geen aanleiding." in uit["pdf"]  # the besluiten of the other GI's


def test_reacties_onder_de_signalen(overzicht):
    data, uit = overzicht
    vandaag = datum_kort(klok.vandaag().isoformat())
    jbn = _gi(data, "JBN")
    verscherpt = next(s for s in jbn["signalen"] if s["code"] == signalen.VOLLEDIG_TIJDENS_VERSCHERPT)
    [reactie] = verscherpt["reacties"]
    naam = reactie["organisatie_naam"]
    for formaat in ("pdf", "html"):
        assert f"Reactie {naam} ({vandaag}): {REACTIE}" in uit[formaat], formaat
        # the other hoog/aandacht signal of JBN has none; the info signal asks for none
        assert "Geen reactie ontvangen" in uit[formaat], formaat
    zonder = [s for g in data["instellingen"] for s in g["signalen"] if s["wederhoor"] and not s["reacties"]]
    assert len(zonder) == 5  # with JBN's AFWEGING_ONTBREEKT: its afweging is from an openbare bron
    for formaat in ("pdf", "html"):  # once per signal without a reactie, and once in the leeswijzer
        assert uit[formaat].count("Geen reactie ontvangen") == len(zonder) + 1, formaat
    wederhoor = _rijen(uit["csv"])["JBN"]["wederhoor"]
    assert f"VOLLEDIG_TIJDENS_VERSCHERPT: reactie {naam} ({klok.vandaag().isoformat()}): {REACTIE}" in wederhoor
    assert "HERCERTIFICERING_NA_KRITISCH_RAPPORT: geen reactie ontvangen" in wederhoor
    assert "CERTIFICERING_STRENGER_DAN_TOEZICHT" not in wederhoor


def test_meerjarenbeeld_met_korte_codes_en_onbekend(overzicht):
    data, uit = overzicht
    beeld = data["meerjarenbeeld"]
    assert beeld["jaren"] == [2021, 2022, 2023, 2024, 2025]
    kort = {d["code"]: d["kort"] for d in data["signaaldefinities"]}
    jbn = next(g for g in beeld["instellingen"] if g["afkorting"] == "JBN")
    letters_2025 = " ".join(kort[c] for c in jbn["jaren"][-1]["signaalcodes"])
    assert letters_2025 == "VV AO HK CS"
    for formaat in ("pdf", "html"):
        assert "Meerjarenbeeld" in uit[formaat]
        assert f"{'NIET' if formaat == 'pdf' else 'niet'} in de pas {letters_2025}" in uit[formaat], formaat
        assert "onvoldoende gegevens" in uit[formaat]  # 2021-2023: before the example data's gegevens vanaf
        assert "VV Volledig certificaat tijdens verscherpt toezicht hoog" in uit[formaat], formaat  # the legend
    assert _rijen(uit["csv"])["JBN"]["meerjarenbeeld"] == (
        "2021: onvoldoende gegevens; 2022: onvoldoende gegevens; 2023: onvoldoende gegevens; "
        "2024: niet in de pas (AO CS); 2025: niet in de pas (VV AO HK CS)"
    )


def test_signaaltitels_in_woorden_met_de_code_eronder(overzicht):
    data, uit = overzicht
    assert "Volledig certificaat tijdens verscherpt toezicht (hoog) VOLLEDIG_TIJDENS_" in uit["pdf"]  # summary table
    assert "Volledig certificaat tijdens verscherpt toezicht [HOOG]" in uit["pdf"]  # GI section
    assert "Volledig certificaat tijdens verscherpt toezicht (hoog) VOLLEDIG_TIJDENS_VERSCHERPT" in uit["html"]


def test_een_overzicht_van_schema_1_rendert_nog(overzicht):
    """An archived overview of before schema 2 (no volledigheid, meerjarenbeeld, afweging, reacties) still renders."""
    data, _ = overzicht
    oud = {k: v for k, v in data.items() if k not in ("volledigheid", "meerjarenbeeld", "beleidsreactie")}
    oud["monitor"] = [{k: v for k, v in m.items() if k not in ("voetnoten", "definities", "herzien")} for m in data["monitor"]]
    oud["signaaldefinities"] = [{k: v for k, v in d.items() if k != "kort"} for d in data["signaaldefinities"]]
    oud["instellingen"] = [
        {
            **{k: v for k, v in gi.items() if k not in ("certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd",
                                                        "pasoordeel", "reacties_zonder_signaal", "certificaat_31_dec_reikwijdte",
                                                        "certificaat_31_dec_per_taak")},
            "in_de_pas": gi["pasoordeel"]["waarde"] == "in_de_pas",
            "signalen": [{k: v for k, v in s.items() if k not in ("kort", "wederhoor", "reacties")} for s in gi["signalen"]],
            "certificaatbesluiten": [
                {k: v for k, v in b.items() if not k.startswith(("afweging", "aanleiding", "reikwijdte", "bezwaren"))}
                for b in gi["certificaatbesluiten"]
            ],
        }
        for gi in data["instellingen"]
    ]
    tekst = " ".join(" ".join(pdf_tekst(render_pdf(oud))).split())
    assert "Samenvatting per instelling" in tekst and "VOLLEDIG_TIJDENS_VERSCHERPT" in tekst
    for nieuw in ("Korte letters van de signalen", "Geen reactie ontvangen (tot en met", "Gegevens volledig vanaf", "Afweging:"):
        assert nieuw not in tekst, nieuw
    assert "Korte letters van de signalen" not in render_html(oud)
    rij = _rijen(render_csv(oud).decode("utf-8-sig"))["JBN"]
    assert all(rij[k] == "" for k in CSV_KOLOMMEN_SCHEMA_2)


@settings(max_examples=25, deadline=None)
# pasoordeel_toelichting always starts with the verdict's own words ("in de pas. …"), never with text from outside; so
# do the reikwijdte ("reikwijdte: …") and the status per task ("jeugdbescherming: …")
@given(st.sampled_from([k for k in CSV_KOLOMMEN_SCHEMA_2 if k not in (
    "pasoordeel_toelichting", "certificaat_31_dec_reikwijdte", "certificaat_31_dec_per_taak")]), st.sampled_from(FORMULE_BEGIN),
       st.text(max_size=20))
def test_de_nieuwe_csv_kolommen_zijn_veilig(kolom, begin, rest):
    """A reactie, afweging or code starting with a formula character is written as text (OWASP CSV injection)."""
    tekst = begin + rest
    gi = {
        "afkorting": "CSV", "naam": "n", "soort": "regionaal", "certificaat_1_jan": "volledig", "certificaat_31_dec": "volledig",
        "certificaatwijzigingen": 0, "toezicht_1_jan": "regulier", "toezicht_31_dec": "regulier", "aantal_audits": 0,
        "aantal_rapporten": 0, "laatste_oordeel_goed_bestuur": None, "signaalcodes": [],
        "pasoordeel": {"waarde": "in_de_pas", "tekst": "in de pas", "signaalcodes": [], "redenen": [], "basis": "b"},
        "certificering_vanaf": tekst if kolom == "certificering_vanaf" else "2024-01-01",
        "toezicht_vanaf": tekst if kolom == "toezicht_vanaf" else "2024-01-01",
        "signalen": [{"code": tekst, "wederhoor": True, "reacties": []}] if kolom == "wederhoor" else [],
        "certificaatbesluiten": [{"status": tekst, "ingangsdatum": "2025-01-01", "afweging": "a"}] if kolom == "afwegingen"
        else [{"status": "volledig", "ingangsdatum": tekst, "bezwaren": [{"soort": "bezwaar", "ingediend_op": "2025-02-01",
                                                                           "uitkomst": "lopend", "bron": "b"}]}]
        if kolom == "bezwaren" else [],
    }
    data = {"jaar": 2025, "peildatum": "2025-12-31", "variant": "openbaar", "instellingen": [gi], "signaaldefinities": []}
    if kolom == "beleidsreactie":
        data["beleidsreactie"] = {"tekst": tekst, "datum": "2025-12-01", "bron": "brief"}
    if kolom == "monitor_kanttekeningen":
        data["monitor"] = [{"peildatum": tekst, "voetnoten": [{"indicator": "fte", "soort": "herzien", "tekst": "t"}]}]
    if kolom == "meerjarenbeeld":
        data["meerjarenbeeld"] = {"jaren": [2025], "instellingen": [
            {"afkorting": "CSV", "naam": "n", "jaren": [{"jaar": tekst, "bekend": False, "signaalcodes": [], "pasoordeel": None}]}
        ]}
    cel = _rijen(render_csv(data).decode("utf-8-sig"))["CSV"][kolom]
    assert cel.startswith("'" + begin)


@pytest.mark.parametrize(("vanaf", "tot", "telt"), [
    (None, None, True),
    ("2025-12-31", None, True),  # active from the last day of the year
    ("2026-01-01", None, False),
    (None, "2025-01-01", True),  # active until the first day of the year
    (None, "2024-12-31", False),
    ("2024-02-29", "2025-01-01", True),
])
def test_in_de_pas_telt_alleen_de_instellingen_van_het_jaar(vanaf, tot, telt):
    from reports.teksten import instellingen_tekst

    gi = {"afkorting": "A", "in_de_pas": True, "actief_vanaf": vanaf, "actief_tot": tot}
    data = {"jaar": 2025, "instellingen": [gi], "samenvatting": {"aantal_instellingen": 1},
            "volledigheid": {"aantal_instellingen": int(telt), "eerste_registratie": None}}
    assert instellingen_tekst(data).endswith(f"daarvan {'is' if telt else 'zijn'} er {int(telt)} in de pas.")


def _met_vanaf(data_vanaf: list[str | None]) -> dict:
    return {
        "volledigheid": {"aantal_instellingen": len(data_vanaf), "eerste_registratie": "2016-01-01"},
        "samenvatting": {"aantal_instellingen": len(data_vanaf)},
        "instellingen": [{"afkorting": f"G{i:03d}", "gegevens_vanaf": v} for i, v in enumerate(data_vanaf)],
    }


def test_met_veel_instellingen_noemt_het_omslag_de_data_niet_elke_instelling():
    """Up to VANAF_PER_GI GI's the cover names each GI's date; with more it groups them per date (at most VANAF_DATA
    dates, the rest as 'later'), so the cover of 500 GI's stays a cover; the summary table gives each GI's date."""
    from reports.teksten import VANAF_DATA, VANAF_PER_GI, vanaf_tekst

    weinig = vanaf_tekst(_met_vanaf(["2024-01-01"] * VANAF_PER_GI))
    assert weinig.count(" vanaf 1 januari 2024") == VANAF_PER_GI and "G000 vanaf" in weinig

    data = [f"{2010 + i}-01-01" for i in range(VANAF_DATA + 2) for _ in range(70)] + [None] * 10
    tekst = vanaf_tekst(_met_vanaf(data))
    assert "G000" not in tekst
    assert "vanaf de eerste registratie voor 10 instellingen" in tekst
    assert "vanaf 1 januari 2010 voor 70 instellingen" in tekst
    # the GI's complete from their first registration come first; then four dates; the last three dates as 'later'
    assert "later voor 210 instellingen (per instelling in de samenvatting)" in tekst
    assert len(tekst) < 600


def test_pdf_en_webpagina_hebben_dezelfde_leeswijzer(overzicht):
    # One text (reports/teksten.py) for both renderers: each paragraph and heading of the leeswijzer is in both.
    from reports.teksten import GEEN_REACTIE, LEESWIJZER, LEESWIJZER_NA_TABEL

    _, weergave = overzicht
    for _, tekst in LEESWIJZER + LEESWIJZER_NA_TABEL:
        woorden = " ".join(re.sub(r"<[^>]+>", "", tekst).split())
        assert woorden in weergave["pdf"] and woorden in weergave["html"], woorden
    assert f"'{GEEN_REACTIE}'" in weergave["html"]
