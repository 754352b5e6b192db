"""Issue 22, "done means", on the example data: the ministerie records its reactie on JBN's 2025 signals and a
beleidsreactie on the year; the 2025 Kamer overview prints both, and the aanleidingenoverzicht of 1 July to
31 December 2025 lists JBN's report, the verscherpt toezicht, the certificaatbesluit of 16 September (recorded with
its month only, so shown as "september 2025"), the signals that started and the reacties."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from register import klok
from register.models import Instelling
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_aanleidingen_csv, render_aanleidingen_html, render_csv, render_html
from reports.services import aanleidingenoverzicht_genereren
from signalen import regels
from wederhoor.selectors import openbaar_voor, signalen_nu
from wederhoor.services import beleidsreactie_registreren, reactie_registreren

D = dt.date
# Test texts, marked as such: no organisation wrote them, and no real document is named as their source.
REACTIE = "Testtekst, geen uitspraak van het ministerie: reactie op de signalen van JBN (MINISTERIE-JBN-2025)."
BELEID = "Testtekst, geen uitspraak van het ministerie: beleidsreactie op het jaar (BELEID-2025)."


def _tekst(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.django_db
def test_het_ministerie_op_de_voorbeelddata(ministerie_gebruiker):
    call_command("load_voorbeelddata", verbosity=0)
    jbn = Instelling.objects.get(afkorting="JBN")
    codes = sorted(signalen_nu({jbn.pk}, 2025, openbaar=openbaar_voor(ministerie_gebruiker))[(jbn.pk, 2025)])
    assert regels.VOLLEDIG_TIJDENS_VERSCHERPT in codes
    for code in codes:
        reactie_registreren(actor=ministerie_gebruiker, instelling=jbn, jaar=2025, signaalcode=code, tekst=REACTIE,
                            bron="Testbron (geen bestaand document)", reden="beleidsreactie")
    beleidsreactie_registreren(actor=ministerie_gebruiker, jaar=2025, tekst=BELEID, bron="Testbron (geen bestaand document)",
                               reden="beleidsreactie")

    overzicht = kameroverzicht(2025, klok.vandaag(), "openbaar")
    assert overzicht["beleidsreactie"]["tekst"] == BELEID
    signalen = [s for gi in overzicht["instellingen"] if gi["afkorting"] == "JBN" for s in gi["signalen"] if s["wederhoor"]]
    assert {s["code"] for s in signalen} == set(codes)
    assert all([r["organisatie"] for r in s["reacties"]] == ["ministerie"] for s in signalen)
    for tekst in ("".join(_tekst(render_pdf(overzicht))), render_html(overzicht), render_csv(overzicht).decode("utf-8-sig")):
        assert BELEID in tekst and "MINISTERIE-JBN-2025" in tekst

    archief = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 7, 1), tot=D(2025, 12, 31))
    jbn_items = next(gi for gi in archief.data["instellingen"] if gi["afkorting"] == "JBN")["aanleidingen"]
    soorten = [(i["datum"], i["soort"]) for i in jbn_items]
    assert ("2025-07-24", "inspectierapport") in soorten
    assert ("2025-07-24", "toezichtbesluit") in soorten
    assert ("2025-09-16", "certificaatbesluit") in soorten
    begonnen = [i for i in jbn_items if i["omschrijving"].startswith(("Signaal begonnen", "Signaal op", "Signaal in"))]
    assert {c for i in begonnen for c in codes if c in i["omschrijving"]} == set(codes)
    # the signals that started on the certificaatbesluit's ingangsdatum are dated by its month, as the besluit is
    op_besluit = [i for i in jbn_items if i["soort"] == "signaal" and i["datum"] == "2025-09-16"]
    assert op_besluit and all(i["datumkwaliteit"] == "maand" for i in op_besluit)
    assert any(i["omschrijving"].startswith("Signaal in september 2025: ") for i in op_besluit)
    assert all(any("MINISTERIE-JBN-2025" in d for d in i["details"]) for i in begonnen)
    paginas = _tekst(bytes(archief.pdf))
    html = render_aanleidingen_html(archief.data)
    csv = render_aanleidingen_csv(archief.data).decode("utf-8-sig")
    for tekst in ("".join(paginas), html, csv):
        assert "Verdiepend toezicht Jeugdbescherming Noord" in tekst
        assert "verscherpt toezicht" in tekst
        assert "september 2025" in tekst  # the certificaatbesluit, by its month
        assert "Signaal begonnen: Volledig certificaat tijdens verscherpt toezicht" in tekst
        assert "MINISTERIE-JBN-2025" in tekst
        # the day of the besluit (known to the month only) is in no door
        assert "16 september 2025" not in tekst and "16-09-2025" not in tekst
    overzicht_pdf, overzicht_html = " ".join(_tekst(render_pdf(overzicht))), render_html(overzicht)
    for tekst in (overzicht_pdf, overzicht_html, render_csv(overzicht).decode("utf-8-sig")):
        assert "16 september 2025" not in tekst and "16-09-2025" not in tekst
    for tekst in (overzicht_pdf, overzicht_html):
        assert "van september 2025 tot en met 31 december 2025 een volledig certificaat" in tekst
        assert "september 2025 t/m 31-12-2025" in tekst  # the signal's period beside its title
    for nummer, pagina in enumerate(paginas, 1):
        print(f"--- pagina {nummer} ---\n{pagina}")
