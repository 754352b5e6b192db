"""reportlab's C accelerator (rl_accel) is installed and used, and the PDF is byte-identical without it."""

import json
import subprocess
import sys

from django.conf import settings

from register.klok import vandaag
from reports.overzicht import kameroverzicht
from reports.renderers import render_pdf
from voorbeelddata.services import laden

ZONDER_VERSNELLER = """
import json, sys
sys.modules["_rl_accel"] = None  # as if the package were not installed
from reports.pdf import render_pdf
from reportlab.lib import rl_accel
assert rl_accel.fp_str.__module__ == "reportlab.lib.rl_accel", "the pure-Python fallback is in use"
sys.stdout.buffer.write(render_pdf(json.load(open(sys.argv[1]))))
"""


def test_rl_accel_wordt_gebruikt():
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"


def test_pdf_bytegelijk_met_en_zonder_versneller(db, tmp_path):
    laden()
    data = kameroverzicht(2025, vandaag(), variant="vertrouwelijk")
    bestand = tmp_path / "data.json"
    bestand.write_text(json.dumps(data), encoding="utf-8")
    met = render_pdf(data)
    zonder = subprocess.run(
        [sys.executable, "-c", ZONDER_VERSNELLER, str(bestand)],
        cwd=settings.BASE_DIR, capture_output=True, check=True,
        env={"DJANGO_SETTINGS_MODULE": "register.settings", "DEBUG": "1", "PATH": "/usr/bin:/bin"},
    ).stdout
    assert len(met) > 10_000
    assert met == zonder
