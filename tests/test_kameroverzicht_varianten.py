"""The openbaar variant never holds a confidential value; the vertrouwelijk variant adds them and is
marked on every page. Checked in the PDF text, JSON, CSV and HTML."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from register import klok
from register.vertrouwelijkheid import VERTROUWELIJK
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html, render_json
from tests import maak

D = dt.date
MARKERS = {
    ("Audit", "samenvatting"): "GEHEIMAUDITSAMENVATTINGq7x",
    ("Audit", "rapportkenmerk"): "GEHEIMKENMERKz9",
    ("Certificaatbesluit", "motivering_vertrouwelijk"): "GEHEIMEMOTIVERINGk4w",
    ("Certificaatbesluit", "afweging_vertrouwelijk"): "GEHEIMEAFWEGINGv5n",
}
# The audit uitkomst, confidential too (not text: tests/test_vertrouwelijkheid_matrix.py guesses it).
UITKOMST = {("Audit", "aantal_kritische_afwijkingen"), ("Audit", "aantal_afwijkingen"), ("Audit", "hersteltermijn")}
# Public values next to them: the afweging of the KMI and the reacties (wederhoor) belong in both variants.
OPENBARE_MARKERS = {
    "afweging": "OPENBAREAFWEGINGm3v",
    "reactie_kmi": "OPENBAREREACTIEKMIr8d",
    "reactie_inspectie": "OPENBAREREACTIEINSPECTIEp2j",
}


def pdf_tekst(pdf: bytes) -> list[str]:
    return [pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def register_met_geheimen(beheerder, kmi_gebruiker, inspecteur):
    assert {(m.split(".")[1].capitalize(), v) for m, velden in VERTROUWELIJK.items() for v in velden} == set(MARKERS) | UITKOMST
    gi = maak.instelling(beheerder, "GEHEIM")
    audit = maak.audit(
        kmi_gebruiker, gi, D(2025, 3, 1), D(2025, 3, 5),
        samenvatting=MARKERS[("Audit", "samenvatting")], rapportkenmerk=MARKERS[("Audit", "rapportkenmerk")],
        aantal_kritische_afwijkingen=2,
    )
    maak.certificaat(
        kmi_gebruiker, gi, "overbrugging", D(2025, 4, 1), D(2025, 12, 31), audits=[audit],
        motivering_openbaar="Openbare motivering", motivering_vertrouwelijk=MARKERS[("Certificaatbesluit", "motivering_vertrouwelijk")],
        afweging_vertrouwelijk=MARKERS[("Certificaatbesluit", "afweging_vertrouwelijk")],
        afweging=f"Openbare afweging {OPENBARE_MARKERS['afweging']}: de kritische afwijkingen zijn binnen de "
        "hersteltermijn op te lossen.",  # under aanleiding
    )
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 6, 1), D(2025, 12, 31))
    maak.onderzoek(inspecteur, gi, D(2025, 5, 20), {"goed_bestuur": "onvoldoende"})
    # wederhoor on the signal 'geen geldig certificaat' (no certificate before 1 April)
    from wederhoor.services import reactie_registreren

    for actor, marker in ((kmi_gebruiker, "reactie_kmi"), (inspecteur, "reactie_inspectie")):
        reactie_registreren(actor=actor, instelling=gi, jaar=2025, signaalcode="GEEN_GELDIG_CERTIFICAAT",
                            tekst=f"Reactie {OPENBARE_MARKERS[marker]}", bron="brief (test)", reden="wederhoor")
    return gi


def _alle_uitvoer(variant):
    data = kameroverzicht(2025, klok.vandaag(), variant)
    pdf = render_pdf(data)
    return data, pdf, {
        "pdf": "\n".join(pdf_tekst(pdf)),
        "json": render_json(data).decode(),
        "csv": render_csv(data).decode("utf-8-sig"),
        "html": render_html(data),
    }


@pytest.mark.django_db
def test_openbaar_bevat_geen_enkele_vertrouwelijke_waarde(register_met_geheimen):
    data, pdf, uitvoer = _alle_uitvoer("openbaar")
    for formaat, tekst in uitvoer.items():
        assert "GEHEIM" in tekst, f"{formaat}: the GI itself must be in the output"
        for marker in MARKERS.values():
            assert marker not in tekst, f"{marker} leaked into the {formaat} output"
    assert "Openbare motivering" in uitvoer["pdf"] and "Openbare motivering" in uitvoer["html"]
    assert all(m.encode() not in pdf for m in MARKERS.values())
    for pagina in pdf_tekst(pdf):
        assert "VERTROUWELIJK – niet openbaar maken" not in pagina


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["openbaar", "vertrouwelijk"])
def test_afweging_en_reacties_zijn_openbaar_en_staan_in_beide_varianten(register_met_geheimen, variant):
    data = kameroverzicht(2025, klok.vandaag(), variant)
    [gi] = data["instellingen"]
    [besluit] = gi["certificaatbesluiten"]
    assert OPENBARE_MARKERS["afweging"] in besluit["afweging"]
    assert besluit["afweging_vereist"] is True and besluit["aanleiding"]
    [signaal] = [s for s in gi["signalen"] if s["code"] == "GEEN_GELDIG_CERTIFICAAT"]
    assert [(r["organisatie"], r["tekst"]) for r in signaal["reacties"]] == [
        ("kmi", f"Reactie {OPENBARE_MARKERS['reactie_kmi']}"), ("inspectie", f"Reactie {OPENBARE_MARKERS['reactie_inspectie']}"),
    ]
    assert signaal["wederhoor"] is True
    if variant == "openbaar":
        assert set(besluit) & {"motivering_vertrouwelijk"} == set()
        assert set(gi["audits"][0]) & {"samenvatting", "rapportkenmerk", *(veld for _, veld in UITKOMST)} == set()
        assert besluit["afweging_vertrouwelijk_vastgelegd"] is True and "afweging_vertrouwelijk" not in besluit
    # every format that shows the besluit and the signal prints them (the PDF and HTML render afweging and reacties)
    pdf = "\n".join(pdf_tekst(render_pdf(data))).replace("\n", "").replace(" ", "")
    html = render_html(data)
    json_tekst = render_json(data).decode()
    for marker in OPENBARE_MARKERS.values():
        assert marker in json_tekst, f"{marker} missing from the {variant} JSON"
        assert marker in html, f"{marker} missing from the {variant} HTML (rendering of afweging/reacties)"
        assert marker in pdf, f"{marker} missing from the {variant} PDF (rendering of afweging/reacties)"


@pytest.mark.django_db
def test_vertrouwelijk_bevat_de_bevindingen_en_is_op_elke_pagina_gemarkeerd(register_met_geheimen):
    data, pdf, uitvoer = _alle_uitvoer("vertrouwelijk")
    for formaat in ("pdf", "json", "html"):
        for marker in MARKERS.values():
            assert marker in uitvoer[formaat], f"{marker} missing from the vertrouwelijk {formaat} output"
    paginas = pdf_tekst(pdf)
    assert len(paginas) >= 5
    for nummer, pagina in enumerate(paginas, 1):
        assert "VERTROUWELIJK – niet openbaar maken" in pagina, f"page {nummer} carries no Vertrouwelijk marking"
        assert f"Pagina {nummer} van {len(paginas)}" in pagina
        assert "Kameroverzicht gecertificeerde instellingen 2025" in pagina


@pytest.mark.django_db
def test_pdf_heeft_alle_onderdelen_en_is_a4(register_met_geheimen):
    data, pdf, uitvoer = _alle_uitvoer("openbaar")
    reader = PdfReader(io.BytesIO(pdf))
    breedte, hoogte = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(breedte), round(hoogte)) == (595, 842)
    tekst = uitvoer["pdf"]
    for onderdeel in (
        "Peildatum", "Variant", "Tijdstip van aanmaak (registerstand)", data["data_sha256"], "Leeswijzer",
        "Samenvatting per instelling", "Tijdlijn 2025", "Certificaat:", "Toezicht:", "Markers:",
        "GEHEIM – Jeugdbescherming GEHEIM", "Oordelen per inspectierapport", "Bronnen", "Landelijke GI-monitor 2025",
        "VOLLEDIG_TIJDENS_VERSCHERPT", "CERTIFICERING_STRENGER_DAN_TOEZICHT",
    ):
        assert onderdeel.replace(" ", "") in tekst.replace(" ", "").replace("\n", ""), onderdeel


@pytest.mark.django_db
def test_csv_heeft_een_rij_per_instelling(register_met_geheimen, beheerder):
    maak.instelling(beheerder, "TWEEDE")
    data = kameroverzicht(2025, klok.vandaag())
    regels = render_csv(data).decode("utf-8-sig").strip().split("\r\n")
    assert len(regels) == 1 + 2
    assert regels[0].startswith("jaar;peildatum;variant;afkorting")
    rij = next(r for r in regels if ";GEHEIM;" in r)
    assert ";niet in de pas;" in rij and "CERTIFICERING_STRENGER_DAN_TOEZICHT" in rij
