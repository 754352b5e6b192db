"""Arrows run one way (README, "Architectuur"): no import cycle between the project's modules, the ground floor
(register/) imports no app above it except register/selectors.py reading the models of certification and
supervision for the timeline (DESIGN.md §8), and the pure part of the Kamer overview pipeline needs no database.

Read from the source with ``ast``: every import counts, also one inside a function."""

import ast
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
PAKKETTEN = sorted(p.name for p in BASIS.iterdir() if (p / "__init__.py").exists() and p.name not in ("tests", "tests_browser"))


def _modulenaam(pad: Path) -> str:
    naam = ".".join(pad.relative_to(BASIS).with_suffix("").parts)
    return naam.removesuffix(".__init__")


MODULES = {
    _modulenaam(pad): pad
    for pakket in PAKKETTEN
    for pad in (BASIS / pakket).rglob("*.py")
    if "migrations" not in pad.parts
}


def _imports(pad: Path) -> set[str]:
    """The project modules that ``pad`` imports (``from register import roles`` imports register.roles)."""
    namen = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            namen.update(alias.name for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            namen.add(knoop.module)
            namen.update(f"{knoop.module}.{alias.name}" for alias in knoop.names)
    return {naam for naam in namen if naam in MODULES and MODULES[naam].name != "__init__.py"}


PIJLEN = {module: _imports(pad) - {module} for module, pad in MODULES.items()}


def _cirkels() -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan)."""
    index, laag, stapel, op_stapel, groepen = {}, {}, [], set(), []

    def bezoek(module):
        index[module] = laag[module] = len(index)
        stapel.append(module)
        op_stapel.add(module)
        for doel in PIJLEN[module]:
            if doel not in index:
                bezoek(doel)
                laag[module] = min(laag[module], laag[doel])
            elif doel in op_stapel:
                laag[module] = min(laag[module], index[doel])
        if laag[module] == index[module]:
            groep = []
            while True:
                lid = stapel.pop()
                op_stapel.discard(lid)
                groep.append(lid)
                if lid == module:
                    break
            if len(groep) > 1:
                groepen.append(sorted(groep))

    for module in sorted(PIJLEN):
        if module not in index:
            bezoek(module)
    return groepen


def test_de_modules_importeren_elkaar_niet_in_een_kring():
    assert _cirkels() == []


def test_de_begane_grond_importeert_niets_van_de_apps_erboven():
    # The one exception of DESIGN.md §8: the timeline and status on a date read the decisions of both systems.
    toegestaan = {"register.selectors": {"certification.models", "supervision.models"}}
    omhoog = {
        module: sorted(doel for doel in doelen if not doel.startswith("register") and doel not in toegestaan.get(module, ()))
        for module, doelen in PIJLEN.items()
        if module.startswith("register")
    }
    assert {module: doelen for module, doelen in omhoog.items() if doelen} == {}


def _bereikbaar(module: str) -> set[str]:
    gezien, te_doen = set(), [module]
    while te_doen:
        huidig = te_doen.pop()
        for doel in PIJLEN[huidig] - gezien:
            gezien.add(doel)
            te_doen.append(doel)
    return gezien


def test_de_pdf_en_wat_hij_leest_hebben_geen_database_nodig():
    # The PDF renders from the archived JSON alone (tests/test_pdf_versneller.py renders it without Django set up).
    for module in ("reports.pdf", "signalen.regels", "signalen.feiten", "register.rules", "register.teksten"):
        assert not [doel for doel in _bereikbaar(module) if doel.endswith(("models", "selectors"))], module


def test_vroegsignalering_staat_boven_de_signalen_en_het_wederhoor():
    # vroegsignalering/ evaluates the signals (signalen/) and shows the reacties (wederhoor/) beside them; nothing on
    # those floors or below imports it, so a write never depends on the meldingen that follow it.
    onder = ("register", "certification", "supervision", "gebruikers", "signalen", "reports", "wederhoor")
    omhoog = {
        module: sorted(doel for doel in doelen if doel.startswith("vroegsignalering"))
        for module, doelen in PIJLEN.items()
        if module.split(".")[0] in onder
    }
    assert {module: doelen for module, doelen in omhoog.items() if doelen} == {}



def test_de_signalen_staan_onder_het_overzicht_het_wederhoor_en_de_vroegsignalering():
    # The alignment signals are a domain of their own (DESIGN.md §8): signalen/ imports only the ground floor and the
    # two systems' models, and the apps that use the signals (wederhoor/, vroegsignalering/) do not reach into the
    # overview builder (reports/) to get them.
    boven = ("reports", "wederhoor", "vroegsignalering", "api", "historisch", "opendata", "gebruikers", "voorbeelddata")
    omhoog = {
        module: sorted(doel for doel in doelen if doel.split(".")[0] in boven)
        for module, doelen in PIJLEN.items()
        if module.startswith("signalen")
    }
    assert {module: doelen for module, doelen in omhoog.items() if doelen} == {}
    naar_reports = {
        module: sorted(doel for doel in doelen if doel.startswith("reports"))
        for module, doelen in PIJLEN.items()
        if module.split(".")[0] in ("wederhoor", "vroegsignalering")
    }
    assert {module: doelen for module, doelen in naar_reports.items() if doelen} == {}


def test_historisch_en_opendata_laden_geen_pdf_bibliotheek():
    # The CSV safety helper and the change feed sit on the ground floor (register/csvcel.py, register/wijzigingen.py):
    # importing the import/export and the open data loads nothing of the PDF renderer.
    import subprocess
    import sys

    programma = (
        "import importlib, pkgutil, sys, django\n"
        "django.setup()\n"
        "for naam in ('historisch', 'opendata'):\n"
        "    for m in pkgutil.walk_packages(importlib.import_module(naam).__path__, naam + '.'):\n"
        "        if 'migrations' not in m.name:\n"
        "            importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] == 'reportlab' or k == 'reports.pdf'))\n"
    )
    omgeving = {**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "register.settings", "DEBUG": "1"}
    uit = subprocess.run([sys.executable, "-c", programma], cwd=BASIS, env=omgeving, capture_output=True, text=True,
                         check=True)
    assert uit.stdout.strip().splitlines()[-1] == "[]"
