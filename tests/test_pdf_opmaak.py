"""Small defects of the Kamer PDF: the last character of the sha256 alone on a line of the cover, a row of the signal
table split over two pages (the title on one, the code on the next), and the running head "vervolg JBN" on a page
that is mostly about JBW."""

import re

import pytest
from reportlab.platypus import Table

from register import klok
from reports import pdf
from reports.overzicht import kameroverzicht
from tests.test_kameroverzicht_varianten import pdf_tekst
from voorbeelddata.services import laden

pytestmark = pytest.mark.django_db


@pytest.fixture
def voorbeeld(beheerder):
    laden()
    return kameroverzicht(2025, klok.vandaag(), "vertrouwelijk")


def test_sha256_in_vier_groepen():
    waarde = "0123456789abcdef" * 4
    assert pdf.sha256_in_groepen(waarde) == " ".join(["0123456789abcdef"] * 4)
    assert pdf.sha256_in_groepen(waarde).replace(" ", "") == waarde


@pytest.mark.parametrize("breed", [False, True])
def test_het_omslag_breekt_de_sha256_alleen_tussen_groepen(voorbeeld, breed):
    if breed:  # the widest hash the cover can get: 64 wide digits
        voorbeeld = {**voorbeeld, "data_sha256": "0" * 64}
    omslag = pdf_tekst(pdf.render_pdf(voorbeeld))[0]
    # With every line break read as a space, the cover holds the four groups exactly: a break inside a group
    # (the last character alone on a line) would put a space inside a group.
    assert pdf.sha256_in_groepen(voorbeeld["data_sha256"]) in " ".join(omslag.split())


def _signaaltabel(data) -> Table:
    return next(f for f in pdf._leeswijzer(data) if isinstance(f, Table))


def test_de_signaaltabel_breekt_alleen_tussen_rijen(voorbeeld):
    tabel = _signaaltabel(voorbeeld)
    breedte, _ = tabel.wrap(170 * pdf.mm, 10_000)
    origineel = [list(map(id, rij)) for rij in tabel._cellvalues]
    gesplitst = 0
    for hoogte in range(40, int(tabel._height), 9):  # every place a page could end inside the table
        _signaaltabel(voorbeeld)  # a fresh table per height (split changes reportlab's state)
        tabel = _signaaltabel(voorbeeld)
        tabel.wrap(170 * pdf.mm, 10_000)
        origineel = [list(map(id, rij)) for rij in tabel._cellvalues]
        delen = tabel.split(170 * pdf.mm, hoogte)
        if len(delen) < 2:
            continue
        gesplitst += 1
        for deel in delen:  # each part holds whole rows of the original (the header repeated on the next part)
            for rij in deel._cellvalues:
                assert list(map(id, rij)) in origineel, hoogte
    assert gesplitst > 0


def test_de_kopregel_noemt_ook_de_gi_die_op_de_pagina_begint(voorbeeld):
    paginas = pdf_tekst(pdf.render_pdf(voorbeeld))
    namen = [f"{gi['afkorting']} – {gi['naam']}" for gi in voorbeeld["instellingen"]]
    gecontroleerd = 0
    for tekst in paginas:
        vervolg = re.search(r"vervolg (.+)", tekst)
        if not vervolg:
            continue
        regels = [r.strip() for r in tekst.splitlines()]
        # the GI headings on this page (a long name wraps: its first line starts the heading)
        begint_hier = [n for n in namen if any(r and n.startswith(r) and r.startswith(n[:12]) for r in regels)]
        if begint_hier:
            gecontroleerd += 1
            assert vervolg.group(1).endswith(f"· hierna {begint_hier[-1]}"), tekst[:300]
        else:
            assert "hierna" not in vervolg.group(1)
    assert gecontroleerd > 0
