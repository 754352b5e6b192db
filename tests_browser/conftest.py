"""Browser tests: Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core, against a running
register with the example data. Started by scripts/browsertest, which sets BROWSER_BASE_URL; not part of the unit
suite (scripts/test collects tests/ only).

The browser asks for English on purpose: the register must answer in Dutch whatever the browser prefers."""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

CHROMIUM = os.environ.get("BROWSER_CHROMIUM", "/usr/bin/chromium")
BASIS_URL = os.environ.get("BROWSER_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SCHERMEN = Path(os.environ.get("BROWSER_SCREENSHOTS", "/tmp/gi-register-schermen"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BREED, SMAL = {"width": 1280, "height": 900}, {"width": 375, "height": 740}

# Demo accounts of the example data (scripts/browsertest runs the server with DEBUG=1).
WACHTWOORDEN = {rol: f"demo-{rol}-2026" for rol in ("kmi", "inspectie", "rva", "ministerie", "beheer")}

_axe = Axe()
AXE_TOTALEN: dict[str, dict[str, int]] = defaultdict(lambda: {"paginas": 0, "overtredingen": 0})


def url(pad: str) -> str:
    return BASIS_URL + pad


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


class CspBewaker:
    """Collects Content-Security-Policy violations the browser reports on the console."""

    def __init__(self, page: Page):
        self.meldingen: list[str] = []
        self.page = page
        page.on("console", self._console)

    def _console(self, bericht):
        if getattr(self.page, "_axe_bezig", False):
            return  # axe-core itself sets inline styles while it measures; that is not the page's doing
        if "Content Security Policy" in bericht.text or "Content-Security-Policy" in bericht.text:
            self.meldingen.append(f"{self.page.url}: {bericht.text[:160]} ({bericht.location.get('url')}:{bericht.location.get('lineNumber')})")


def _context(browser, viewport):
    return browser.new_context(
        viewport=viewport, locale="en-US", timezone_id="Europe/Amsterdam",
        extra_http_headers={"Accept-Language": "en-US,en;q=0.9"},
    )


@pytest.fixture
def pagina(browser):
    """A page at 1280 px in an English-speaking browser; fails the test on any CSP violation."""
    context = _context(browser, BREED)
    page = context.new_page()
    bewaker = CspBewaker(page)
    yield page
    context.close()
    assert not bewaker.meldingen, bewaker.meldingen


@pytest.fixture
def telefoon(browser):
    """A page at 375 px (a phone)."""
    context = _context(browser, SMAL)
    page = context.new_page()
    bewaker = CspBewaker(page)
    yield page
    context.close()
    assert not bewaker.meldingen, bewaker.meldingen


def inloggen(page: Page, rol: str) -> None:
    """Log in through the admin's login form with the keyboard only."""
    page.goto(url("/admin/login/"))
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type(rol)
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORDEN[rol])
    page.keyboard.press("Enter")
    page.wait_for_url(url("/admin/"))


def axe_overtredingen(page: Page, groep: str) -> list[dict]:
    """The axe-core violations (WCAG 2.0/2.1 A and AA) on the page as it is now; counted per page group."""
    page._axe_bezig = True
    try:
        resultaat = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    finally:
        page._axe_bezig = False
    overtredingen = resultaat.response["violations"]
    AXE_TOTALEN[groep]["paginas"] += 1
    AXE_TOTALEN[groep]["overtredingen"] += sum(len(o["nodes"]) for o in overtredingen)
    return overtredingen


def beschrijf(overtredingen: list[dict]) -> str:
    return "\n".join(
        f"{o['id']} ({o['impact']}): {o['help']} — {[n['target'] for n in o['nodes'][:3]]} {o['nodes'][0]['html'][:200]}"
        for o in overtredingen
    )


def scherm(page: Page, naam: str) -> Path:
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    pad = SCHERMEN / f"{re.sub(r'[^a-z0-9-]+', '-', naam.lower())}.png"
    page.screenshot(path=str(pad), full_page=True)
    return pad


def horizontale_scroll(page: Page) -> int:
    """How many pixels the page is wider than the viewport (0: no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def pytest_terminal_summary(terminalreporter):
    if not AXE_TOTALEN:
        return
    terminalreporter.section("axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa)")
    for groep, t in sorted(AXE_TOTALEN.items()):
        terminalreporter.write_line(f"{groep}: {t['paginas']} pagina's, {t['overtredingen']} overtredingen")
    uitvoer = os.environ.get("BROWSER_AXE_TOTALEN")
    if uitvoer:
        Path(uitvoer).write_text(json.dumps(AXE_TOTALEN, indent=2, sort_keys=True))
