"""One truth for the dependencies: pyproject.toml names the direct ones with the ranges the tests prove, the lock
files (made from it by scripts/vergrendel) hold the whole tree with exact versions and hashes, and the suite runs on
exactly those versions."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASIS = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((BASIS / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REGEL = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)")


def vergrendeld(bestand: str) -> dict[str, str]:
    """name -> version of a lock file; every entry carries at least one sha256."""
    versies, naam = {}, None
    for regel in (BASIS / bestand).read_text(encoding="utf-8").splitlines():
        if gevonden := REGEL.match(regel):
            naam = canonicalize_name(gevonden[1])
            assert naam not in versies, f"{naam} staat twee keer in {bestand}"
            versies[naam] = gevonden[2]
        elif regel.strip().startswith("--hash=sha256:") and naam:
            versies.setdefault(f"{naam} hash", "ja")
        elif regel.strip() and not regel.lstrip().startswith("#"):
            pytest.fail(f"onverwachte regel in {bestand}: {regel!r}")
    zonder_hash = [n for n in versies if " " not in n and f"{n} hash" not in versies]
    assert not zonder_hash, f"{bestand}: geen sha256 voor {zonder_hash}; draai scripts/vergrendel"
    return {n: v for n, v in versies.items() if " " not in n}


def direct(*extras: str) -> list[Requirement]:
    regels = PROJECT["dependencies"] + [r for extra in extras for r in PROJECT["optional-dependencies"][extra]]
    return [Requirement(r) for r in regels]


@pytest.mark.parametrize(
    "bestand, extras", [("requirements.lock", ("test",)), ("requirements-browser.lock", ("test", "browser"))]
)
def test_elke_directe_afhankelijkheid_staat_in_de_lock_binnen_haar_bereik(bestand, extras):
    """Fails when pyproject.toml changed (a dependency added or a range narrowed) without scripts/vergrendel."""
    versies = vergrendeld(bestand)
    for eis in direct(*extras):
        naam = canonicalize_name(eis.name)
        assert naam in versies, f"{eis.name} staat in pyproject.toml maar niet in {bestand}: draai scripts/vergrendel"
        assert eis.specifier.contains(versies[naam], prereleases=True), (
            f"{bestand} heeft {eis.name}=={versies[naam]}, pyproject.toml vraagt {eis.specifier}: draai scripts/vergrendel"
        )


def test_de_browserlock_is_de_testlock_plus_de_browserpakketten():
    basis, browser = vergrendeld("requirements.lock"), vergrendeld("requirements-browser.lock")
    assert {n: browser.get(n) for n in basis} == basis
    alleen_browser = {canonicalize_name(Requirement(r).name) for r in PROJECT["optional-dependencies"]["browser"]}
    assert alleen_browser <= set(browser) - set(basis)


def test_de_suite_draait_op_de_vergrendelde_versies():
    """scripts/test installs requirements.lock; a package of another version in .venv means the lock was not used."""
    afwijkend = {
        naam: (versie, metadata.version(naam))
        for naam, versie in vergrendeld("requirements.lock").items()
        if metadata.version(naam) != versie
    }
    assert not afwijkend, f"geïnstalleerd wijkt af van requirements.lock (vergrendeld, geïnstalleerd): {afwijkend}"


def test_reportlab_is_begrensd_tot_de_geteste_minor_versie():
    """The vertrouwelijk overview fails with reportlab 4.0.9 and 4.4.4 (LayoutError in the table split), and an
    archived pdf_sha256 holds for one reportlab version: the range admits only the minor version the suite runs on."""
    (reportlab,) = [e for e in direct() if canonicalize_name(e.name) == "reportlab"]
    for versie in ("4.0.9", "4.4.4", "5.0.0", "5.2.0", "6.0"):
        assert not reportlab.specifier.contains(versie), versie
    assert reportlab.specifier.contains(metadata.version("reportlab"))
