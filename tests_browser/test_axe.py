"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page the public and each role use."""

from __future__ import annotations

import re

import pytest

from tests_browser.conftest import axe_overtredingen, beschrijf, horizontale_scroll, inloggen, url

OPENBARE_PAGINAS = [
    "/",
    "/?datum=2025-08-01",
    "/?datum=2020-01-01",
    "/instellingen/JBN",
    "/instellingen/JBN?datum=2025-08-01&jaar=2025",
    "/instellingen/WSS",
    "/toegankelijkheid",
    "/over-de-gegevens",
    "/kameroverzicht/",
    "/kameroverzicht/?jaar=2024",
    "/open-data/",
    "/gecertificeerde-instellingen",
    "/gecertificeerde-instellingen?datum=2025-09-16",
    "/?datum=2025-02-30",
]


@pytest.mark.parametrize("pad", OPENBARE_PAGINAS)
def test_openbare_pagina(pagina, pad):
    pagina.goto(url(pad))
    overtredingen = axe_overtredingen(pagina, "openbaar")
    assert not overtredingen, beschrijf(overtredingen)


def test_api_documentatie(pagina):
    pagina.goto(url("/api/v1/docs"))
    pagina.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert pagina.evaluate("document.documentElement.lang") == "nl"
    overtredingen = axe_overtredingen(pagina, "api-docs")
    assert not overtredingen, beschrijf(overtredingen)
    # one operation opened with the keyboard, as a developer reads it
    pagina.locator(".opblock-summary-control").first.focus()
    pagina.keyboard.press("Enter")
    pagina.wait_for_selector(".opblock-body", timeout=10000)
    overtredingen = axe_overtredingen(pagina, "api-docs")
    assert not overtredingen, "met een geopende operatie:\n" + beschrijf(overtredingen)


def _adminpaginas(page) -> list[str]:
    """Index, every changelist in the menu, per list the first record's change form and history, the import and
    meldingen pages its buttons open, and add forms."""
    page.goto(url("/admin/"))
    lijsten = sorted({a for a in page.eval_on_selector_all("#content-main a", "els => els.map(e => e.getAttribute('href'))")
                      if a and re.fullmatch(r"/admin/\w+/\w+/", a)})
    toevoegen = sorted({a for a in page.eval_on_selector_all("#content-main a.addlink", "els => els.map(e => e.getAttribute('href'))")})
    paginas = ["/admin/", *lijsten, *toevoegen]
    for lijst in lijsten:
        page.goto(url(lijst))
        # the pages a list's buttons open: the import of historic records, the user's own meldingen
        paginas += sorted({a for a in page.eval_on_selector_all("#content a", "els => els.map(e => e.getAttribute('href'))")
                           if a and re.fullmatch(r"/admin/[\w/-]+/(importeren|mijn-meldingen)/", a)} - set(paginas))
        eerste = page.locator("#result_list tbody th a").first
        if eerste.count():
            wijzig = eerste.get_attribute("href")
            paginas += [wijzig, wijzig.replace("/change/", "/history/")]
    return paginas


@pytest.mark.parametrize("rol", ["kmi", "inspectie", "rva", "ministerie", "beheer"])
def test_adminpaginas_per_rol(pagina, rol):
    inloggen(pagina, rol)
    fouten = []
    paden = _adminpaginas(pagina)
    # the crawl reaches the pages behind the lists' buttons: the import for the writing roles (the ministerie imports its
    # reacties), meldingen for toezichthouders and the ministerie
    assert any(p.endswith("/importeren/") for p in paden) == (rol in ("kmi", "inspectie", "ministerie", "beheer")), paden
    assert any(p.endswith("/mijn-meldingen/") for p in paden) == (rol in ("kmi", "inspectie", "rva", "ministerie")), paden
    for pad in paden:
        pagina.goto(url(pad))
        overtredingen = axe_overtredingen(pagina, f"admin-{rol}")
        if overtredingen:
            fouten.append(f"{pad}:\n{beschrijf(overtredingen)}")
    assert not fouten, "\n".join(fouten)


def test_aanleidingenpaginas(pagina):
    """The aanleidingenoverzicht (DESIGN.md §5a): the archive with its form, an archived one and its web page
    (scripts/browsertest archives one of the example data's second half of 2025)."""
    inloggen(pagina, "ministerie")
    fouten = []
    pagina.goto(url("/kameroverzicht/aanleidingen/"))
    paden = ["/kameroverzicht/aanleidingen/"]
    detail = pagina.locator("table a").first
    assert detail.count(), "scripts/browsertest archives an aanleidingenoverzicht"
    paden += [detail.get_attribute("href"), detail.get_attribute("href") + "html"]
    for pad in paden:
        pagina.goto(url(pad))
        overtredingen = axe_overtredingen(pagina, "aanleidingen")
        if overtredingen:
            fouten.append(f"{pad}:\n{beschrijf(overtredingen)}")
    assert not fouten, "\n".join(fouten)


def test_archiefpaginas(pagina):
    inloggen(pagina, "ministerie")
    fouten = []
    pagina.goto(url("/kameroverzicht/archief/"))
    paden = ["/kameroverzicht/archief/"]
    detail = pagina.locator("table a").first
    if detail.count():
        paden.append(detail.get_attribute("href"))
    for pad in paden:
        pagina.goto(url(pad))
        overtredingen = axe_overtredingen(pagina, "archief")
        if overtredingen:
            fouten.append(f"{pad}:\n{beschrijf(overtredingen)}")
    assert not fouten, "\n".join(fouten)


# English UI strings found on Dutch pages before (Django's and django-simple-history's own words, the admin's
# hidden table headers, the "Error:" prefix of a page title); none may appear on any page of the register.
ENGELSE_WOORDEN = (
    "View history", "Changed by", "Change reason", "Changes", "Model name", "Add link", "Change or view list link",
    "Error:", "Not Found", "Select all", "Add another", "Show counts", "Filter", "Search", "Welcome",
)


def _engels_op(page) -> list[str]:
    tekst = page.evaluate(
        "() => document.title + '\\n' + document.body.innerText + '\\n' + "
        "[...document.querySelectorAll('.visually-hidden, [aria-label], [title]')].map(e => "
        "(e.textContent || '') + ' ' + (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '')).join('\\n')"
    )
    return [w for w in ENGELSE_WOORDEN if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", tekst)]


@pytest.mark.parametrize("rol", ["kmi", "inspectie", "rva", "ministerie", "beheer"])
def test_adminpaginas_op_375_px_en_in_het_nederlands(telefoon, rol):
    """Every admin page of each role at 375 px (a phone), with a browser that asks for English: no page wider than
    the screen, no English UI string."""
    inloggen(telefoon, rol)
    fouten = []
    for pad in _adminpaginas(telefoon):
        telefoon.goto(url(pad))
        if (breder := horizontale_scroll(telefoon)) > 0:
            fouten.append(f"{pad}: {breder} px breder dan het scherm")
        if engels := _engels_op(telefoon):
            fouten.append(f"{pad}: Engels: {engels}")
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("pad", OPENBARE_PAGINAS)
def test_openbare_paginas_in_het_nederlands(pagina, pad):
    pagina.goto(url(pad))
    assert not _engels_op(pagina)


def test_api_documentatie_op_375_px(telefoon):
    """Swagger UI at 375 px: the expand button of a long tag and an opened operation's responses table stayed
    outside the screen (379 and 413 px)."""
    telefoon.goto(url("/api/v1/docs"))
    telefoon.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert horizontale_scroll(telefoon) == 0
    telefoon.locator(".opblock-summary-control").first.click()
    telefoon.wait_for_selector(".opblock-body", timeout=10000)
    assert horizontale_scroll(telefoon) == 0
