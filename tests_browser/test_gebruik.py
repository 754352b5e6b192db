"""The register used as its users use it, in Chromium: an inspecteur enters a report with oordelen, a KMI auditor
registers a besluit, the ministry generates the Kamer overview, the public looks up a GI. Each test names the finding
of the issue it proves. Forms are filled with the keyboard only: a field is reached by its label (as a screen reader
user jumps to it) or with Tab, values are typed, choices made with the arrow keys, forms sent with Enter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests_browser.conftest import axe_overtredingen, beschrijf, horizontale_scroll, inloggen, scherm, url

OPENBARE_PAGINAS = ["/", "/?datum=2020-01-01", "/instellingen/JBN", "/instellingen/LJR", "/toegankelijkheid", "/over-de-gegevens",
                    "/kameroverzicht/", "/open-data/"]


def typ(page: Page, label: str, tekst: str, exact: bool = True) -> None:
    """Go to the field with this label and type, as a keyboard user does (select all first: replace, not append)."""
    veld = page.get_by_label(label, exact=exact)
    veld.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(tekst)


def kies(page: Page, label: str, optie: str, exact: bool = True) -> None:
    """Choose an option of a select with the arrow keys until it shows ``optie``."""
    veld = page.get_by_label(label, exact=exact)
    veld.focus()
    opties = veld.evaluate("s => Array.from(s.options).map(o => o.text.trim())")
    doel = next(i for i, tekst in enumerate(opties) if tekst == optie or tekst.startswith(optie))
    huidig = veld.evaluate("s => s.selectedIndex")
    toets = "ArrowDown" if doel >= huidig else "ArrowUp"
    for _ in range(abs(doel - huidig)):
        page.keyboard.press(toets)
    assert veld.evaluate("s => s.selectedIndex") == doel


def opslaan(page: Page) -> None:
    page.locator('input[name="_save"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()


# -- Finding 1: the certificaatbesluit form keeps what was typed ---------------------------------------------------


def test_certificaatbesluit_met_dubbele_ingangsdatum_behoudt_alle_invoer(pagina):
    inloggen(pagina, "kmi")
    pagina.goto(url("/admin/certification/certificaatbesluit/add/"))
    expect(pagina.get_by_role("heading", name=re.compile("kies de instelling"))).to_be_visible()
    pagina.get_by_role("link", name="Jeugdbescherming Noord (JBN)").focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"instelling=\d+"))
    kies(pagina, "Status:", "geschorst")
    kies(pagina, "Reikwijdte:", "jeugdbescherming en jeugdreclassering")
    typ(pagina, "Besluitdatum:", "16-09-2025")
    typ(pagina, "Ingangsdatum:", "16-09-2025")  # JBN already has a besluit taking effect on this day
    typ(pagina, "Geldig tot:", "31-12-2025")
    typ(pagina, "Motivering (openbaar):", "Schorsing na herhaalde kritische afwijkingen.")
    typ(pagina, "Motivering (vertrouwelijk):", "Interne notitie bij het besluit.")
    typ(pagina, "Kenmerk:", "KMI-B-2025-99")
    typ(pagina, "Bron:", "KMI-besluit 2025-99")
    opslaan(pagina)
    expect(pagina.locator(".errornote")).to_be_visible()
    expect(pagina.get_by_text("al een certificaatbesluit met deze ingangsdatum")).to_be_visible()
    assert pagina.get_by_label("Status:").input_value() == "geschorst"
    assert pagina.get_by_label("Geldig tot:").input_value() == "31-12-2025"
    assert pagina.get_by_label("Motivering (openbaar):").input_value() == "Schorsing na herhaalde kritische afwijkingen."
    assert pagina.get_by_label("Motivering (vertrouwelijk):").input_value() == "Interne notitie bij het besluit."
    assert pagina.get_by_label("Kenmerk:").input_value() == "KMI-B-2025-99"
    assert pagina.get_by_label("Bron:").input_value() == "KMI-besluit 2025-99"
    assert pagina.locator("#id_instelling option:checked").inner_text().startswith("Jeugdbescherming Noord")
    scherm(pagina, "kmi-certificaatbesluit-fout-1280")
    overtredingen = axe_overtredingen(pagina, "admin-kmi")
    assert not overtredingen, beschrijf(overtredingen)


# -- Finding 3: the audit picker, and a duplicate audit ---------------------------------------------------------------


def test_auditkeuze_toont_alleen_audits_van_de_instelling_in_het_nederlands(pagina):
    inloggen(pagina, "kmi")
    pagina.goto(url("/admin/certification/certificaatbesluit/"))
    rij = pagina.locator("#result_list tbody tr").filter(has_text="Jeugdbescherming Noord").filter(has_text="september 2025")
    rij.locator("th a").first.focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"/change/$"))
    keuzes = pagina.locator('input[name="audits"]')
    labels = [pagina.locator(f'label[for="{keuzes.nth(i).get_attribute("id")}"]').inner_text() for i in range(keuzes.count())]
    assert labels and all(" JBN " in label for label in labels), labels
    tekst = pagina.locator("#content-main").inner_text()
    assert "Hold down" not in tekst and "Choose" not in tekst and "Available" not in tekst
    overtredingen = axe_overtredingen(pagina, "admin-kmi")
    assert not overtredingen, beschrijf(overtredingen)


def test_dezelfde_audit_twee_keer_wordt_geweigerd(pagina):
    inloggen(pagina, "kmi")
    for poging in (1, 2):
        pagina.goto(url("/admin/certification/audit/add/"))
        kies(pagina, "Instelling:", "Jeugdbescherming west")
        kies(pagina, "Soort:", "extra")
        typ(pagina, "Startdatum:", "03-03-2025")
        typ(pagina, "Einddatum:", "04-03-2025")
        typ(pagina, "Bron:", "Auditrapport extra audit JBw")
        opslaan(pagina)
        if poging == 1:
            expect(pagina.locator(".messagelist .success")).to_contain_text("De audit")
    expect(pagina.get_by_text(re.compile(r"Er staat al een audit van soort 'extra' met startdatum 03-03-2025 voor JBW"))).to_be_visible()
    assert pagina.get_by_label("Bron:").input_value() == "Auditrapport extra audit JBw"


# -- Finding 2 and the keyboard-only flow: an inspecteur enters a report with oordelen ------------------------------


def test_inspecteur_voert_een_rapport_met_oordelen_in_met_alleen_het_toetsenbord(pagina):
    inloggen(pagina, "inspectie")
    pagina.goto(url("/admin/supervision/inspectieonderzoek/add/"))
    rijen = pagina.locator("table.gi-oordelen tbody tr.form-row")
    themas = [rijen.nth(i).locator("th").inner_text().strip() for i in range(rijen.count())]
    assert len(themas) == 5 and themas[0] == "Goed bestuur", themas
    tekst = pagina.locator("#content-main").inner_text()
    assert "Aangemaakt op" not in tekst and "Vervallen" not in tekst
    # Instelling comes before Bron
    assert tekst.index("Instelling") < tekst.index("Bron")
    scherm(pagina, "inspectie-onderzoek-leeg-1280")
    overtredingen = axe_overtredingen(pagina, "admin-inspectie")
    assert not overtredingen, beschrijf(overtredingen)

    pagina.get_by_label("Instellingen:").select_option(label="Jeugdbescherming Gelderland (JBG)")
    kies(pagina, "Soort:", "thematisch")
    kies(pagina, "Door:", "IGJ en Inspectie JenV")
    typ(pagina, "Rapportdatum:", "10-03-2025")
    typ(pagina, "Titel:", "Thematisch onderzoek sturing en contact")
    typ(pagina, "Url:", "https://www.igj.nl/publicaties/rapporten/jbg-2025")
    typ(pagina, "Bron:", "Rapport IGJ/IJenV 10-03-2025")
    # The oordelen: from the first theme's oordeel, Tab leads to its toelichting and then to the next theme.
    kies(pagina, f"Oordeel over {themas[0]}", "grotendeels voldoende")
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.id") == "id_oordelen-0-toelichting"
    pagina.keyboard.type("De sturing is verbeterd.")
    pagina.keyboard.press("Tab")  # the oorzaken of the oordeel (onbekend unless the report says)
    assert pagina.evaluate("document.activeElement.id") == "id_oordelen-0-oorzaken"
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.id") == "id_oordelen-1-waarde"
    pagina.keyboard.press("ArrowDown")  # voldoende
    pagina.keyboard.press("Tab")
    pagina.keyboard.type("Kinderen kennen hun jeugdbeschermer.")
    # A toelichting without an oordeel: the error names the theme and everything typed stays.
    typ(pagina, f"Toelichting bij {themas[3]}", "Nog geen oordeel gekozen.")
    opslaan(pagina)
    expect(pagina.get_by_text(f"{themas[3]}: kies een oordeel")).to_be_visible()
    assert pagina.get_by_label(f"Toelichting bij {themas[0]}").input_value() == "De sturing is verbeterd."
    assert pagina.get_by_label("Titel:").input_value() == "Thematisch onderzoek sturing en contact"
    scherm(pagina, "inspectie-onderzoek-fout-1280")
    overtredingen = axe_overtredingen(pagina, "admin-inspectie")
    assert not overtredingen, beschrijf(overtredingen)
    # Fix it with the keyboard and save.
    typ(pagina, f"Toelichting bij {themas[3]}", "")
    pagina.keyboard.press("Backspace")
    opslaan(pagina)
    melding = pagina.locator(".messagelist .success")
    expect(melding).to_contain_text("Het inspectieonderzoek")
    assert "De inspectieonderzoek" not in melding.inner_text()
    # The public GI page links to the report where it is published.
    pagina.goto(url("/instellingen/JBG?datum=2025-03-10"))
    rapport = pagina.get_by_role("link", name="Thematisch onderzoek sturing en contact", exact=True)
    assert rapport.get_attribute("href") == "https://www.igj.nl/publicaties/rapporten/jbg-2025"
    expect(pagina.locator("main")).to_contain_text("Goed bestuur: grotendeels voldoende")


# -- Finding 4 and the keyboard-only flow: the ministry generates the overview --------------------------------------


def test_ministerie_vindt_het_archief_en_maakt_het_overzicht_met_het_toetsenbord(pagina):
    inloggen(pagina, "ministerie")
    link = pagina.get_by_role("link", name="Archief Kameroverzichten")
    expect(link).to_be_visible()
    link.focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(url("/kameroverzicht/archief/"))
    # the archive carries the site header, the user and log-out
    expect(pagina.locator("#site-name")).to_contain_text("GI-register")
    expect(pagina.get_by_role("button", name="Uitloggen")).to_be_visible()
    typ(pagina, "Jaar", "2025")
    kies(pagina, "Variant", "openbaar")
    pagina.keyboard.press("Tab")  # to the button
    assert pagina.evaluate("document.activeElement.value") == "Aanmaken en archiveren"
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"/kameroverzicht/archief/\d+/$"))
    expect(pagina.get_by_text(re.compile("is aangemaakt en gearchiveerd"))).to_be_visible()
    expect(pagina.get_by_role("link", name="PDF (A4)")).to_be_visible()
    expect(pagina.get_by_role("button", name="Uitloggen")).to_be_visible()
    scherm(pagina, "ministerie-archief-detail-1280")
    overtredingen = axe_overtredingen(pagina, "archief")
    assert not overtredingen, beschrijf(overtredingen)
    pagina.get_by_role("button", name="Uitloggen").focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(url("/admin/logout/"))
    expect(pagina.locator("#content")).to_contain_text("Bedankt")


# -- Finding 6: Dutch whatever the browser asks ---------------------------------------------------------------------


def test_nederlands_ook_in_een_engelse_browser(pagina):
    assert pagina.evaluate("navigator.language") == "en-US"
    pagina.goto(url("/?datum=2025-09-16"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Gecertificeerde instellingen op 16 september 2025")
    inloggen(pagina, "kmi")
    tekst = pagina.locator("body").inner_text().lower()
    assert "uitloggen" in tekst and "log out" not in tekst and "welcome" not in tekst
    pagina.goto(url("/admin/certification/audit/"))
    assert "Select audit to change" not in pagina.content() and "Filter" in pagina.content()


# -- Finding 5: the public pages --------------------------------------------------------------------------------------


def test_gi_pagina_datumkeuze_tijdlijn_en_links(pagina):
    pagina.goto(url("/instellingen/JBN"))
    expect(pagina.get_by_text(re.compile(r"sinds september 2025 \(geldig tot en met 15-09-2028\)"))).to_be_visible()
    datum = pagina.get_by_label("Datum", exact=True)
    assert datum.get_attribute("type") == "date"
    datum.fill("2025-08-01")
    kies(pagina, "Jaar van de tijdlijn", "2025")
    pagina.get_by_role("button", name="Toon").focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"datum=2025-08-01"))
    expect(pagina.locator(".gi-gegevens")).to_contain_text("overbruggingscertificaat sinds december 2024")
    expect(pagina.locator(".gi-gegevens")).to_contain_text("verscherpt toezicht sinds 24 juli 2025")
    svg = pagina.get_by_role("img", name=re.compile("Tijdlijn 2025 van Jeugdbescherming Noord"))
    expect(svg).to_be_visible()
    assert "verscherpt van 24 juli 2025" in svg.locator("desc").text_content()
    scherm(pagina, "publiek-gi-pagina-1280")


def test_voor_de_registergegevens_staat_onbekend_en_niet_geen(pagina):
    pagina.goto(url("/?datum=2020-01-01"))
    tekst = pagina.locator("main").inner_text()
    assert "geen certificaat" not in tekst
    assert tekst.count("onbekend") >= 5


def test_openbaar_kameroverzicht_jaarkeuze_downloads_en_print(pagina):
    pagina.goto(url("/kameroverzicht/"))
    kies(pagina, "Jaar", "2025")
    pagina.get_by_role("button", name="Toon").focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"jaar=2025"))
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("2025")
    links = pagina.locator("a[href^='/kameroverzicht/openbaar/']")
    assert links.count() >= 3
    for i in range(3):
        response = pagina.request.get(url(links.nth(i).get_attribute("href")))  # no login in this browser
        assert response.status == 200 and response.headers["content-type"].split(";")[0] in (
            "application/pdf", "text/csv", "application/json")
    scherm(pagina, "publiek-kameroverzicht-1280")
    pagina.emulate_media(media="print")
    assert not pagina.locator(".gi-menu").is_visible() and not pagina.locator("form.gi-formulier").is_visible()
    assert pagina.locator("h1").is_visible()
    pagina.emulate_media(media="screen")


def test_toegankelijkheidsverklaring_heeft_een_contactadres(pagina):
    pagina.goto(url("/toegankelijkheid"))
    expect(pagina.locator("a[href^='mailto:']")).to_be_visible()


@pytest.mark.parametrize("pad", OPENBARE_PAGINAS)
def test_geen_horizontale_scroll_op_375_px(telefoon, pad):
    telefoon.goto(url(pad))
    assert horizontale_scroll(telefoon) == 0, f"{pad} is breder dan het scherm"
    naam = "telefoon-" + (pad.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "start")
    scherm(telefoon, naam)


# -- Finding 8: one style sheet, one palette, one focus style --------------------------------------------------------


def _stijl(page: Page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "e => { e.focus(); const s = getComputedStyle(e); return {kleur: s.color, outline: s.outlineColor + ' ' + s.outlineWidth + ' ' + s.outlineStyle}; }"
    )


def test_een_stylesheet_dezelfde_linkkleur_en_focus_in_publiek_en_beheer(pagina):
    pagina.goto(url("/instellingen/JBN"))
    pagina.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    publiek = _stijl(pagina, "main a.utrecht-link")
    assert pagina.locator("style").count() == 0
    inloggen(pagina, "rva")
    pagina.keyboard.press("Tab")
    beheer = _stijl(pagina, "#content-main table th[scope=row] a")
    bladen = pagina.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.getAttribute('href'))")
    assert any(b.endswith("/register/register.css") for b in bladen)
    assert publiek["kleur"] == beheer["kleur"] == "rgb(1, 104, 155)"  # hemelblauw #01689b
    assert publiek["outline"] == beheer["outline"] == "rgb(0, 0, 0) 3px solid"
    # the public form controls are NL Design System controls: the register's border, not the browser's default
    pagina.goto(url("/"))
    rand = pagina.get_by_label("Toon de stand op datum").evaluate(
        "e => [getComputedStyle(e).borderBottomWidth, getComputedStyle(e).borderBottomColor]")
    assert rand == ["2px", "rgb(118, 118, 118)"], rand


# -- Issue 24, finding 10: the "Reactie vastleggen" button keeps its label inside its background ----------------------


@pytest.mark.parametrize("breedte", [1280, 375])
def test_knop_reactie_vastleggen_houdt_zijn_tekst_binnen_de_achtergrond(pagina, breedte):
    """On Open signalen the action link styled as a button in a table cell: every line of its label lies within the
    button's own box (the background), at desktop width and on a phone, where the label wraps."""
    pagina.set_viewport_size({"width": breedte, "height": 900})
    inloggen(pagina, "kmi")
    pagina.goto(url("/admin/vroegsignalering/opensignaal/"))
    knoppen = pagina.locator("#content td a.button", has_text="Reactie vastleggen")
    assert knoppen.count() > 0, "de voorbeelddata hebben open signalen zonder reactie van het KMI"
    # One box per button: an inline link that wraps is painted as a background per line fragment, and the label runs
    # out of it between the lines.
    assert knoppen.evaluate_all("ks => ks.map(k => k.getClientRects().length)") == [1] * knoppen.count()
    buiten = knoppen.evaluate_all("""ks => ks.flatMap(k => {
        const vak = k.getBoundingClientRect();
        const r = document.createRange(); r.selectNodeContents(k);
        return Array.from(r.getClientRects())
          .filter(t => t.left < vak.left - 0.5 || t.right > vak.right + 0.5 || t.top < vak.top - 0.5 || t.bottom > vak.bottom + 0.5)
          .map(t => [k.textContent.trim(), [t.left, t.top, t.right, t.bottom], [vak.left, vak.top, vak.right, vak.bottom]]);
    })""")
    scherm(pagina, f"open-signalen-knop-{breedte}")
    assert not buiten, buiten
