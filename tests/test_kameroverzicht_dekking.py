"""What the Kamer overview claims about its coverage and its verdicts (DESIGN.md §3 Omvang, §4 verdict, §5
Completeness): "n van de N GI's", naming the GI's in scope the register holds no data for; the scope 'onbekend'
without an Omvang; "volledig" computed, never asserted; three verdicts, each with what it rests on, in every
renderer."""

import csv
import html
import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from register import klok
from signalen.feiten import Registerstand
from register.services import instelling_wijzigen, omvang_corrigeren, omvang_registreren
from reports.overzicht import kameroverzicht, omvang_op
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html
from tests import maak
from tests.test_kameroverzicht_varianten import pdf_tekst

pytestmark = pytest.mark.django_db
D = dt.date


def _gi(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


def _plat(tekst: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(tekst))


@pytest.fixture
def voorbeeld():
    call_command("load_voorbeelddata", verbosity=0)


def test_het_overzicht_2025_van_de_voorbeelddata(voorbeeld):
    data = kameroverzicht(2025, klok.vandaag())
    oordelen = {gi["afkorting"]: gi["pasoordeel"] for gi in data["instellingen"]}
    assert oordelen["JBN"]["waarde"] == "niet_in_de_pas"
    for afkorting in ("JBG", "JBW", "WSS", "LJR"):
        assert oordelen[afkorting]["waarde"] in ("in_de_pas", "onvoldoende_gegevens"), afkorting
        if oordelen[afkorting]["waarde"] == "in_de_pas":  # a basis that names what was judged, by report and date
            assert oordelen[afkorting]["beoordeeld"] and "Beoordeeld in 2023–2025: Goed bestuur" in oordelen[afkorting]["basis"]
            assert "Niet beoordeeld:" in oordelen[afkorting]["basis"]
    # LJR: nothing of the inspecties recorded, so never "in de pas"
    assert oordelen["LJR"]["waarde"] == "onvoldoende_gegevens"
    assert data["samenvatting"]["pasoordelen"] == {"in_de_pas": 3, "niet_in_de_pas": 1, "onvoldoende_gegevens": 1}
    v = data["volledigheid"]
    assert (v["aantal_instellingen"], v["omvang"]["aantal"], v["zonder_gegevens"], v["volledig"]) == (5, 13, 8, False)
    assert "vijf van de dertien GI’s" in v["omvang"]["bron"]

    pagina = _plat(render_html(data))
    pdf = _plat(" ".join(pdf_tekst(render_pdf(data))))
    for tekst in (pagina, pdf):
        assert "5 van de 13 GI's" in tekst
        assert "van 8 GI's in beeld heeft het register geen gegevens" in tekst
        assert "3 in de pas, 1 niet in de pas, 1 onvoldoende gegevens; 8 GI's in scope zonder gegevens in het register" in tekst
        assert "De gegevens zijn volledig" not in tekst
        assert "De gegevens zijn niet volledig" in tekst
    rijen = {r["afkorting"]: r for r in csv.DictReader(io.StringIO(render_csv(data).decode("utf-8-sig")), delimiter=";")}
    assert rijen["JBN"]["pasoordeel"] == "niet in de pas"
    assert rijen["LJR"]["pasoordeel_toelichting"].startswith("onvoldoende gegevens: geen inspectierapport")
    assert rijen["JBG"]["pasoordeel_toelichting"].startswith("in de pas. Beoordeeld in 2023–2025: Goed bestuur")
    assert (rijen["JBN"]["certificering_vanaf"], rijen["JBN"]["toezicht_vanaf"]) == ("2024-01-01", "2024-01-01")
    assert "in_de_pas" not in rijen["JBN"]


def test_het_overzicht_2022_geeft_voor_elke_gi_onvoldoende_gegevens(voorbeeld):
    data = kameroverzicht(2022, klok.vandaag())
    assert {gi["pasoordeel"]["waarde"] for gi in data["instellingen"]} == {"onvoldoende_gegevens"}
    assert data["samenvatting"]["pasoordelen"] == {"in_de_pas": 0, "niet_in_de_pas": 0, "onvoldoende_gegevens": 5}
    assert "pas volledig vanaf 1 januari 2024" in _gi(data, "JBN")["pasoordeel"]["redenen"][0]
    assert "0 in de pas, 0 niet in de pas, 5 onvoldoende gegevens" in _plat(render_html(data))
    # the meerjarenbeeld of 2025 says the same of 2022
    beeld = kameroverzicht(2025, klok.vandaag())["meerjarenbeeld"]
    for rij in beeld["instellingen"]:
        assert rij["jaren"][beeld["jaren"].index(2022)]["pasoordeel"] == "onvoldoende_gegevens"


def test_zonder_omvang_is_de_omvang_onbekend_en_nooit_volledig(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBX")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
    maak.onderzoek(inspecteur, gi, D(2025, 2, 1), {"goed_bestuur": "voldoende"})
    data = kameroverzicht(2025, klok.vandaag())
    assert (data["volledigheid"]["omvang"], data["volledigheid"]["zonder_gegevens"], data["volledigheid"]["volledig"]) == (
        None, None, False)
    pagina = _plat(render_html(data))
    assert "hoeveel GI's er in beeld zijn is onbekend" in pagina
    assert "De gegevens zijn volledig" not in pagina


def test_volledig_wordt_berekend_uit_omvang_en_gegevens_vanaf(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JBX")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
    maak.onderzoek(inspecteur, gi, D(2025, 2, 1), {"goed_bestuur": "voldoende"})
    omvang = omvang_registreren(actor=beheerder, datum=D(2025, 1, 1), aantal=1, bron="lijst KMI")
    data = kameroverzicht(2025, klok.vandaag())
    assert data["volledigheid"]["volledig"] is True
    assert "De gegevens zijn volledig" in _plat(render_html(data))
    # toezicht complete only from 2 January: not complete any more
    instelling_wijzigen(actor=beheerder, instelling=gi, reden="toezicht later", toezicht_vanaf=D(2025, 1, 2))
    data = kameroverzicht(2025, klok.vandaag())
    assert data["volledigheid"]["volledig"] is False and data["volledigheid"]["later_volledig"] == ["JBX"]
    assert _gi(data, "JBX")["pasoordeel"]["waarde"] == "onvoldoende_gegevens"
    # a larger Omvang: n van de N, not complete
    instelling_wijzigen(actor=beheerder, instelling=gi, reden="toezicht compleet", toezicht_vanaf=None)
    omvang_corrigeren(actor=beheerder, omvang=omvang, reden="meer GI's", aantal=3)
    data = kameroverzicht(2025, klok.vandaag())
    assert (data["volledigheid"]["zonder_gegevens"], data["volledigheid"]["volledig"]) == (2, False)
    assert "1 van de 3 GI's" in _plat(render_html(data))


def test_een_gi_met_nog_niets_vastgelegd_telt_mee_en_wordt_genoemd(beheerder):
    maak.instelling(beheerder, "NIETS", nog_niets_vastgelegd=True)
    omvang_registreren(actor=beheerder, datum=D(2025, 1, 1), aantal=1, bron="lijst KMI")
    data = kameroverzicht(2025, klok.vandaag())
    gi = _gi(data, "NIETS")
    assert (gi["certificaat_1_jan"], gi["toezicht_31_dec"], gi["signaalcodes"]) == ("onbekend", "onbekend", [])
    assert gi["pasoordeel"]["redenen"][0] == "over NIETS is nog niets vastgelegd"
    assert data["volledigheid"]["nog_niets_vastgelegd"] == ["NIETS"] and data["volledigheid"]["volledig"] is False
    pagina = _plat(render_html(data))
    assert "1 van de 1 GI's" in pagina and "over NIETS is nog niets vastgelegd (elke status onbekend)" in pagina


def test_de_omvang_die_telt_is_de_laatste_op_of_voor_de_peildatum():
    stand = Registerstand({"omvang": [SimpleNamespace(datum=D(2025, 1, 1), aantal=12),
                                      SimpleNamespace(datum=D(2026, 1, 30), aantal=13)]})
    assert omvang_op(stand, D(2024, 12, 31)) is None
    assert omvang_op(stand, D(2025, 1, 1)).aantal == 12
    assert omvang_op(stand, D(2026, 1, 29)).aantal == 12
    assert omvang_op(stand, D(2026, 1, 30)).aantal == 13


def test_de_openbare_startpagina_zegt_n_van_de_n(voorbeeld):
    from django.test import Client

    pagina = _plat(Client().get("/").content.decode())
    assert "Het register bevat 5 van de 13 GI's (omvang op 30 januari 2026" in pagina
    assert "van 8 GI's in beeld heeft het register geen gegevens" in pagina
    # before the Omvang's date the scope is unknown, never complete
    eerder = _plat(Client().get("/?datum=2026-01-29").content.decode())
    assert "hoeveel GI's er in beeld zijn is onbekend" in eerder
