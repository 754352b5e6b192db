"""manage.py with a setting missing or wrong says in one Dutch line what to set, without a traceback."""

import os
import subprocess
import sys
from pathlib import Path

MAP = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}} | env
    return subprocess.run([sys.executable, "manage.py", *args], cwd=MAP, env=omgeving, capture_output=True, text=True)


def test_zonder_secret_key_een_regel_zonder_traceback():
    resultaat = _manage("check")
    assert resultaat.returncode == 1
    assert "Traceback" not in resultaat.stderr
    regels = [r for r in resultaat.stderr.splitlines() if r.strip()]
    assert regels == [
        'Het register kan niet starten: SECRET_KEY ontbreekt. Zet SECRET_KEY, of DEBUG=1 voor lokaal gebruik. '
        '(zie README, "Instellingen (omgevingsvariabelen)")'
    ]


def test_een_ongeldige_instelling_ook_in_een_regel():
    resultaat = _manage("check", DEBUG="1", CACHE="redis")
    assert resultaat.returncode == 1
    assert "Traceback" not in resultaat.stderr
    assert "CACHE='redis' is ongeldig" in resultaat.stderr


def test_scripts_start_meldt_elke_stap_voordat_hij_begint():
    """The first run of scripts/start takes minutes (packages, example data): every step says what it does first."""
    regels = [r.strip() for r in (MAP / "scripts" / "start").read_text().splitlines() if r.strip() and not r.startswith("#")]
    for i, regel in enumerate(regels):
        if regel.startswith((".venv/bin/python manage.py", "source ")) and "createcachetable" not in regel:
            assert regels[i - 1].startswith("echo \"["), regel
    venv = (MAP / "scripts" / "_venv.sh").read_text()
    assert "echo \"Pakketten installeren" in venv
