"""The README says what the code does: its list of signals names every signal code of the rules with its severity."""

import re
from pathlib import Path

from signalen import regels

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_de_signalenlijst_noemt_elke_code_met_zijn_ernst():
    lijst = README[README.index("**Signalen**"):]
    lijst = lijst[: lijst.index("\n\n")]
    genoemd = dict(re.findall(r"`([A-Z_]+)` \((\w+)\)", lijst))
    assert genoemd == {d.code: d.ernst for d in regels.DEFINITIES}
