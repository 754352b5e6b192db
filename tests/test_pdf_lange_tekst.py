"""Any text the register accepts renders in the Kamer overview PDF (DESIGN.md §7): every text field that
appears in the PDF at its maximum length, in both variants, through the API that generates the archived
overview. Long cells continue on the next page; a word longer than a line is broken, never cut off."""

import datetime as dt
import itertools
import time

import pytest

from certification.models import Audit, Certificaatbesluit
from register.models import LANGE_TEKST, Instelling, Monitormeting
from register.services import corrigeren, monitormeting_registreren
from register.klok import vandaag
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from supervision.models import Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema
from supervision.services import handhavingsmaatregel_registreren, onderzochte_instellingen_vastleggen
from tests import maak
from tests.test_api_basis import client_voor
from tests.test_kameroverzicht_varianten import pdf_tekst

D = dt.date
BRON = Instelling._meta.get_field("bron").max_length
WOORDEN = "toezicht certificaat afwijking jeugdbeschermer veiligheid bestuur verbeterplan hersteltermijn".split()


def tekst(lengte: int, einde: str, zonder_spaties: bool = False) -> str:
    """Exactly ``lengte`` characters of plausible text ending in the marker ``einde``."""
    if zonder_spaties:
        romp = "x" * (lengte - len(einde) - 1)
    else:
        romp = " ".join(itertools.islice(itertools.cycle(WOORDEN), lengte))[: lengte - len(einde) - 1]
    waarde = f"{romp} {einde}"
    assert len(waarde) == lengte
    return waarde


def maximaal_register(beheerder, kmi, inspecteur, afkorting="LANG", zonder_spaties=False):
    """One GI with every text field that appears in the Kamer overview at its maximum length.
    Returns {marker: variant in which it must appear} for the markers at the end of each text."""
    markers = {}

    def lang(naam, lengte, variant="openbaar"):
        marker = f"EINDE{afkorting}{naam}"
        markers[marker] = variant
        return tekst(lengte, marker, zonder_spaties)

    def limiet(model, naam):
        return model._meta.get_field(naam).max_length

    gi = maak.instelling(
        beheerder, afkorting, naam=lang("NAAM", limiet(Instelling, "naam")),
        werkgebied=lang("WERKGEBIED", limiet(Instelling, "werkgebied")), bron=lang("GIBRON", BRON),
    )
    audits = [
        maak.audit(
            kmi, gi, D(2025, maand, 3), D(2025, maand, 5), aantal_kritische_afwijkingen=1,
            samenvatting=lang(f"AUDIT{maand}SAMENVATTING", limiet(Audit, "samenvatting"), "vertrouwelijk"),
            rapportkenmerk=lang(f"AUDIT{maand}KENMERK", limiet(Audit, "rapportkenmerk"), "vertrouwelijk"),
            bron=lang(f"AUDIT{maand}BRON", BRON),
        )
        for maand in (2, 3)
    ]
    for maand in (4, 10):
        maak.certificaat(
            kmi, gi, "overbrugging", D(2025, maand, 1), D(2025, maand + 2, 28), audits=audits,
            motivering_openbaar=lang(f"BESLUIT{maand}OPENBAAR", limiet(Certificaatbesluit, "motivering_openbaar")),
            motivering_vertrouwelijk=lang(
                f"BESLUIT{maand}VERTROUWELIJK", limiet(Certificaatbesluit, "motivering_vertrouwelijk"), "vertrouwelijk"
            ),
            kenmerk=lang(f"BESLUIT{maand}KENMERK", limiet(Certificaatbesluit, "kenmerk")),
            # Under aanleiding (the audits had a kritische afwijking): the afweging is required, public, and printed
            # in full in both variants (marker EINDE<afkorting>AFWEGING<maand>).
            afweging=lang(f"AFWEGING{maand}", limiet(Certificaatbesluit, "afweging")),
            bron=lang(f"BESLUIT{maand}BRON", BRON),
        )
    # aanleiding, zakelijke weergave and the report's samenvatting are not part of the overview; at their
    # maximum length they must not disturb it either
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 6, 1), D(2025, 12, 31), aanleiding=tekst(LANGE_TEKST, "EINDEAANLEIDING"),
                  bron=lang("TOEZICHTBRON", BRON))
    handhavingsmaatregel_registreren(
        actor=inspecteur, instelling=gi, soort="aanwijzing", door="IGJ", datum=D(2025, 7, 1),
        zakelijke_weergave=tekst(LANGE_TEKST, "EINDEWEERGAVE"), bron=lang("MAATREGELBRON", BRON),
    )
    thema = Thema.objects.get(code="passende_hulp")
    if not thema.naam.endswith("EINDETHEMANAAM"):
        corrigeren(thema, actor=beheerder, velden={"naam": tekst(limiet(Thema, "naam"), "EINDETHEMANAAM")}, reden="lang")
    markers["EINDETHEMANAAM"] = "openbaar"
    onderzoek = maak.onderzoek(
        inspecteur, gi, D(2025, 5, 20), {t.code: "onvoldoende" for t in Thema.objects.all()},
        titel=lang("TITEL", limiet(Inspectieonderzoek, "titel")),
        samenvatting=tekst(LANGE_TEKST, "EINDEONDERZOEKSAMENVATTING"), bron=lang("ONDERZOEKBRON", BRON),
    )
    for oordeel in onderzoek.oordelen.all():
        toelichting = lang(f"TOELICHTING{oordeel.thema.volgorde}", limiet(Oordeel, "toelichting"))
        corrigeren(oordeel, actor=inspecteur, velden={"toelichting": toelichting}, reden="toelichting")
    # the GI's zienswijze on the report, as published with it, is printed in the GI's section in both variants
    onderzochte_instellingen_vastleggen(actor=inspecteur, onderzoek=onderzoek, reden="zienswijze", alleen_toevoegen=True, instellingen=[{
        "instelling": gi, "zienswijze": lang("ZIENSWIJZE", limiet(OnderzochteInstelling, "zienswijze")),
        "zienswijze_bron": lang("ZIENSWIJZEBRON", limiet(OnderzochteInstelling, "zienswijze_bron")),
    }])
    if not Monitormeting.objects.exists():  # one national figure per peildatum
        monitormeting_registreren(actor=beheerder, peildatum=D(2025, 9, 1), aantal_kinderen_met_maatregel=1, bron=lang("MONITORBRON", BRON))
    return markers


def zonder_witruimte(pagina_teksten) -> str:
    return "".join("".join(pagina_teksten).split())


@pytest.mark.parametrize("variant", ["openbaar", "vertrouwelijk"])
def test_elk_tekstveld_op_maximale_lengte_staat_volledig_in_de_pdf(beheerder, kmi_gebruiker, inspecteur, variant, capsys):
    markers = maximaal_register(beheerder, kmi_gebruiker, inspecteur)
    client = client_voor(kmi_gebruiker)
    begin = time.perf_counter()
    response = client.post("/api/v1/kameroverzichten", {"jaar": 2025, "variant": variant}, format="json")
    duur = time.perf_counter() - begin
    assert response.status_code == 201, response.content[:1000]
    pdf = client.get(response.json()["pdfUrl"]).content
    paginas = pdf_tekst(pdf)
    with capsys.disabled():
        print(f"\n  Kameroverzicht {variant} met elk tekstveld op maximale lengte: {len(paginas)} pagina's in {duur:.1f} s")
    inhoud = zonder_witruimte(paginas)
    for marker, waar in markers.items():
        if variant == "vertrouwelijk" or waar == "openbaar":
            assert marker in inhoud, marker
        else:
            assert marker not in inhoud, marker


def test_woorden_langer_dan_een_regel_worden_afgebroken_niet_afgekapt(beheerder, kmi_gebruiker, inspecteur):
    markers = maximaal_register(beheerder, kmi_gebruiker, inspecteur, zonder_spaties=True)
    pdf = render_pdf(kameroverzicht(2025, vandaag(), "vertrouwelijk"))
    inhoud = zonder_witruimte(pdf_tekst(pdf))
    for marker in markers:
        assert marker in inhoud, marker
    # the 10,000 x's of the first oordeel's toelichting are all printed (broken over lines and pages, not cut off):
    # read without what each page repeats (page header and footer, the table's header row)
    doorlopend = zonder_witruimte(zonder_paginakader(pdf_tekst(pdf))).replace("ThemaOordeelToelichtingOorzaken", "").replace("onbekend", "")
    assert "x" * 9_000 in doorlopend


PAGINAKADER = ("Kameroverzicht gecertificeerde instellingen", "Gegevens-sha256", "Pagina ", "vervolg ", "VERTROUWELIJK – niet")


def zonder_paginakader(pagina_teksten) -> list[str]:
    """The page texts without the lines every page carries (reports/pdf.py _paginakader, _vervolg)."""
    return ["\n".join(r for r in tekst.splitlines() if not r.startswith(PAGINAKADER)) for tekst in pagina_teksten]


def test_vertrouwelijk_overzicht_met_veel_maximale_teksten_blijft_snel(beheerder, kmi_gebruiker, inspecteur, capsys):
    for n in range(4):
        maximaal_register(beheerder, kmi_gebruiker, inspecteur, afkorting=f"LANG{n}")
    begin = time.perf_counter()
    data = kameroverzicht(2025, vandaag(), "vertrouwelijk")
    pdf = render_pdf(data)
    duur = time.perf_counter() - begin
    paginas = len(pdf_tekst(pdf))
    with capsys.disabled():
        print(f"\n  Vertrouwelijk Kameroverzicht, 4 GI's met alle teksten op maximale lengte: {paginas} pagina's in {duur:.1f} s")
    # 4 GI's with 2 audits, 2 besluiten, 5 oordelen and a zienswijze each of 10,000 characters: about 5 pages per
    # 10,000 characters of small print, so well under 230 pages
    assert paginas < 230


@pytest.mark.parametrize("kop", [0, 1])
def test_een_rij_die_net_niet_op_een_pagina_past_wordt_gesplitst_niet_geweigerd(kop):
    """reportlab splits a row only into the largest part that fits plus the rest, and refuses when the rest is lower
    than the table's splitInRow; a row that (after one split) is left just over a page high could then be neither
    placed nor split. Every length in steps of one repeated phrase: each renders."""
    import io

    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from reports import pdf

    zin = "JBN vanaf 1 januari 2024; "
    for herhalingen in range(4500 // len(zin), 5600 // len(zin)):
        rijen = [[pdf._p("Kop", "celkop"), pdf._p("kop", "cel")]] if kop else []
        rijen.append([pdf._p("Volledigheid", "celkop"), pdf._p(zin * herhalingen, "cel")])
        uitvoer = io.BytesIO()
        SimpleDocTemplate(uitvoer).build([pdf._tabel(rijen, [50 * mm, 120 * mm], kop=kop)])
        assert uitvoer.getvalue().startswith(b"%PDF"), herhalingen
