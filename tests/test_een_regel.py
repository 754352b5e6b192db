"""Each rule exists once (CONVENTIONS.md "One of each"): which severities count, the register as recorded at the end of
a day, and the first registration date. Each test fails when a second copy of the rule drifts from the first."""

import datetime as dt
import re
from pathlib import Path
from unittest import mock

import pytest

from reports.overzicht import GeenInstellingen, kameroverzicht
from signalen import pasoordeel, regels
from signalen.feiten import GIFeiten
from signalen.selectors import registerstand_op
from tests import maak
from wederhoor.models import signaalcodes
from wederhoor.selectors import reacties_op
from wederhoor.services import reactie_corrigeren, reactie_laten_vervallen, reactie_registreren

D = dt.date
BASIS = Path(__file__).resolve().parent.parent


def om(dag, maand=2):
    """Noon in Amsterdam on ``dag`` ``maand`` 2026."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, maand, dag, 11, tzinfo=dt.timezone.utc))


def _bronbestanden():
    for pad in sorted(BASIS.rglob("*.py")):
        deel = pad.relative_to(BASIS).parts
        # Hidden folders (.venv, .venv-vergrendel, .venv-schemathesis, ...) hold installed packages, not the register.
        if deel[0].startswith(".") or deel[0] in ("tests", "tests_browser") or "migrations" in deel:
            continue
        yield pad


def test_welke_ernst_telt_staat_alleen_in_de_signaalregels():
    # A collection of hoog and aandacht in code anywhere but signalen/regels.py is a second copy of ERNST_TELT (the
    # prose of the PDF and the API documentation names them too; that is text, not the rule).
    paar = re.compile(r"\bHOOG\s*,\s*(\w+\.)?AANDACHT\b|[\"']hoog[\"']\s*,\s*[\"']aandacht[\"']")
    kopieen = [
        f"{pad.relative_to(BASIS)}:{nummer}"
        for pad in _bronbestanden()
        if pad.relative_to(BASIS).as_posix() != "signalen/regels.py"
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1)
        if paar.search(regel) and not regel.lstrip().startswith("#")
    ]
    assert kopieen == []


def niet_in_de_pas(signalen) -> bool:
    return pasoordeel.pasoordeel(GIFeiten("GI"), 2025, signalen).waarde == pasoordeel.NIET_IN_DE_PAS


def test_wat_telt_volgt_overal_de_ene_constante(monkeypatch):
    aandacht = regels.Signaal("X", regels.AANDACHT, (), "", "GI")
    codes_aandacht = {d.code for d in regels.DEFINITIES if d.ernst == regels.AANDACHT}
    assert niet_in_de_pas([aandacht]) and codes_aandacht <= {code for code, _ in signaalcodes()}
    monkeypatch.setattr(regels, "ERNST_TELT", frozenset({regels.HOOG}))
    assert not niet_in_de_pas([aandacht])  # the verdict
    assert not regels.telt(aandacht)  # wederhoor in the overview, vroegsignalering
    assert not codes_aandacht & {code for code, _ in signaalcodes()}  # the codes a reactie may answer


@pytest.mark.django_db
def test_het_wederhoor_en_het_overzicht_lezen_dezelfde_registerstand(beheerder, kmi_gebruiker, inspecteur):
    with om(10):
        gi = maak.instelling(beheerder, "JBN")
        van_kmi = reactie_registreren(actor=kmi_gebruiker, instelling=gi, jaar=2025, bron="Brief",
                                      signaalcode=regels.GEEN_GELDIG_CERTIFICAAT, tekst="Eerste tekst.")
    with om(12):
        reactie_registreren(actor=inspecteur, instelling=gi, jaar=2025, bron="Brief",
                            signaalcode=regels.GEEN_GELDIG_CERTIFICAAT, tekst="Van de inspecties.")
        reactie_corrigeren(actor=kmi_gebruiker, reactie=van_kmi, reden="aangevuld", tekst="Aangevuld.")
    with om(14):
        reactie_laten_vervallen(actor=kmi_gebruiker, reactie=van_kmi, reden="onjuist signaal")
    with om(20):
        for dag in (9, 10, 11, 12, 13, 14, 15):
            wederhoor = sorted((r.id, r.tekst) for r in reacties_op(D(2026, 2, dag)))
            overzicht = sorted((r.id, r.tekst) for r in registerstand_op(D(2026, 2, dag))["reacties"])
            assert wederhoor == overzicht, dag
        assert [r.tekst for r in reacties_op(D(2026, 2, 12))] == ["Aangevuld.", "Van de inspecties."]


@pytest.mark.django_db
def test_de_eerste_registratiedatum_hangt_niet_af_van_de_weg_naar_de_weigering(beheerder):
    # LATER is recorded on 10 February but only active from 20 March; VROEG is recorded on 12 February, active since
    # 2025: the first day an overview can be made is 12 February, whether the register of the peildatum held no GI
    # (9 February) or only one not yet active (11 February).
    with om(10):
        maak.instelling(beheerder, "LATER", actief_vanaf=D(2026, 3, 20))
    with om(12):
        maak.instelling(beheerder, "VROEG", actief_vanaf=D(2025, 1, 1))
        genoemd = []
        for peildatum in (D(2026, 2, 9), D(2026, 2, 11)):
            with pytest.raises(GeenInstellingen) as exc:
                kameroverzicht(2025, peildatum)
            genoemd.append(exc.value.eerste_registratie)
        assert genoemd == [D(2026, 2, 12), D(2026, 2, 12)]
        assert kameroverzicht(2025, D(2026, 2, 12))["volledigheid"]["aantal_instellingen"] == 1


@pytest.mark.django_db
def test_de_peildatum_heeft_een_standaard_in_de_service(beheerder, ministerie_gebruiker, monkeypatch):
    # Every door without a peildatum asks reports/services.py; a second default (today somewhere else) would not
    # follow this one.
    from django.test import Client

    from reports import services
    from reports.forms import GenereerForm

    gi = maak.instelling(beheerder, "JBN", actief_vanaf=D(2020, 1, 1))
    gi.history.all().update(history_date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    monkeypatch.setattr(services, "standaard_peildatum", lambda: D(2025, 3, 3))
    assert services.kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2024).peildatum == D(2025, 3, 3)
    assert GenereerForm(user=ministerie_gebruiker).fields["peildatum"].initial == D(2025, 3, 3)
    pagina = Client().get("/kameroverzicht/?jaar=2024").content.decode()
    assert "3 maart 2025" in pagina or "03-03-2025" in pagina


def test_de_woorden_van_het_overzicht_staan_een_keer():
    # The renderers take these from reports/teksten.py; a copy in a renderer or template would drift.
    for zin in ("Geen reactie ontvangen", "Twee stelsels, twee vragen", "die tijd heet 'onbekend'"):
        plekken = [
            pad.relative_to(BASIS).as_posix()
            for pad in list(_bronbestanden()) + sorted(BASIS.glob("*/templates/**/*.html"))
            if zin.lower() in pad.read_text(encoding="utf-8").lower()
        ]
        assert plekken == ["reports/teksten.py"], (zin, plekken)


@pytest.mark.django_db
def test_wie_het_vertrouwelijke_overzicht_leest_mag_elk_vertrouwelijk_veld_lezen():
    # The vertrouwelijk overview prints every confidential field: the roles that read it (roles.is_lezer_vertrouwelijk)
    # are exactly those the policy lets read every confidential field (vertrouwelijkheid.mag_vertrouwelijk_lezen).
    from django.contrib.auth.models import AnonymousUser

    from register import roles, vertrouwelijkheid
    from tests.conftest import _gebruiker

    lezers = [AnonymousUser()] + [_gebruiker(f"lezer-{rol}", rol) for rol in roles.ROLLEN]
    assert [roles.is_lezer_vertrouwelijk(u) for u in lezers] == [vertrouwelijkheid.mag_vertrouwelijk_lezen(u) for u in lezers]
    assert [roles.mag_kameroverzicht_inzien(u, vertrouwelijk=True) for u in lezers] == [
        vertrouwelijkheid.mag_vertrouwelijk_lezen(u) for u in lezers
    ]


def test_een_datum_wordt_alleen_in_de_woorden_van_het_register_opgemaakt():
    # register/teksten.py is the one module of date forms; a strftime pattern elsewhere is a second, drifting copy.
    # (reports/forms.py reads 31-12-2025 as input: a parse format, not a way of writing a date.)
    opmaak = re.compile(r"%d-%m-%Y|%d %B|strftime\(")
    kopieen = [
        f"{pad.relative_to(BASIS)}:{nummer}"
        for pad in _bronbestanden()
        if pad.relative_to(BASIS).as_posix() != "register/teksten.py"
        for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1)
        if opmaak.search(regel) and "input_formats" not in regel
    ]
    assert kopieen == []
