"""Every rule is total (DESIGN.md §3): no date the model can hold crashes a rule, a selector, a signal,
a page, an API endpoint or a renderer of the Kamer overview.

The register refuses absurd dates at the door (tests/test_datums.py), but records entered before that
rule existed may hold any date a DateField can store, from 0001-01-01 to 9999-12-31. Such "legacy"
records are inserted here with ``save()``, bypassing the services, as an old database would hold them.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from certification.models import Audit, Certificaatbesluit
from certification.services import audit_registreren, certificaatbesluit_registreren
from register import datums, klok, rules, selectors
from register.models import Instelling, Monitormeting
from register.services import instelling_registreren, monitormeting_registreren, omvang_registreren
from signalen.pasoordeel import PASOORDELEN
from register.teksten import datum_tekst
from signalen import feiten
from signalen import selectors as signalen_selectors
from signalen import regels as signalen
from reports.overzicht import GeenInstellingen, kameroverzicht, signalen_per_instelling
from reports.aanleidingen import aanleidingen
from reports.aanleidingen_pdf import render_aanleidingen_pdf
from reports.pdf import render_pdf
from reports.renderers import render_aanleidingen_csv, render_aanleidingen_html, render_csv, render_html, render_json
from reports.varianten import VARIANTEN
from supervision.models import Door, Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Thema, Toezichtbesluit
from supervision.services import (
    handhavingsmaatregel_registreren,
    inspectieonderzoek_registreren,
    toezichtbesluit_registreren,
)
from tests.test_api_basis import sleutel_voor
from tests.test_kameroverzicht_schema import valideer as valideer_schema

D = dt.date
MIN, MAX = dt.date.min, dt.date.max
pytestmark = pytest.mark.django_db

# Free text in generated records. Kept moderate for now: long text and NUL characters are made safe in
# the PDF and the API separately; widen these two constants to cover them here as well.
TEKST_MAX = 500
TEKST_TEKENS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"))

# Dates a legacy record may hold: the ends of the calendar and the days around the register's range.
EXTREME_DATA = (MIN, D(1, 1, 2), D(1999, 12, 31), D(9999, 12, 30), MAX)


def _token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel_voor(user)}")
    return client


# -- the pure rules at the ends of the calendar ----------------------------------------------------------


class TestRegelsAanDeRandVanDeKalender:
    def test_add_years_blijft_binnen_de_kalender(self):
        assert rules.add_years(MAX, 3) == MAX
        assert rules.add_years(D(9998, 6, 1), 3) == MAX
        assert rules.add_years(MIN, -1) == MIN
        assert rules.add_years(D(9996, 2, 29), 3) == D(9999, 2, 28)

    def test_dag_na_de_laatste_dag_bestaat_niet(self):
        assert rules.dag_na(D(9999, 12, 30)) == MAX
        assert rules.dag_na(MAX) is None

    @pytest.mark.parametrize("einde", [MAX, D(9999, 12, 30), MIN])
    def test_intervallen_met_een_einde_aan_de_rand(self, einde):
        ingang = min(einde, D(2024, 2, 29)) if einde != MIN else MIN
        cert = [rules.CertificaatFeit(1, "geschorst", ingang, einde)]
        toezicht = [rules.ToezichtFeit(2, "verscherpt", ingang, einde)]
        for van, tot in [(MIN, MAX), (D(2024, 1, 1), D(2024, 12, 31)), (MAX, MAX), (MIN, MIN)]:
            c = rules.certificaat_intervallen(cert, van, tot)
            t = rules.toezicht_intervallen(toezicht, van, tot)
            assert c[0].van == van and c[-1].tot == tot
            assert t[0].van == van and t[-1].tot == tot

    def test_geschorst_tot_9999_12_31_is_geschorst_tot_het_einde(self):
        cert = [rules.CertificaatFeit(1, "geschorst", D(2025, 3, 1), MAX)]
        intervallen = rules.certificaat_intervallen(cert, D(2025, 1, 1), MAX)
        assert [(i.van, i.tot, i.waarde) for i in intervallen] == [
            (D(2025, 1, 1), D(2025, 2, 28), "geen"),
            (D(2025, 3, 1), MAX, "geschorst"),
        ]

    @pytest.mark.parametrize("jaar", [1, 2000, 2025, 9999])
    def test_alle_signalen_bij_extreme_data(self, jaar):
        gi = feiten.GIFeiten(
            afkorting="OUD",
            actief_vanaf=MIN,
            actief_tot=MAX,
            certificaten=(
                rules.CertificaatFeit(1, "volledig", MIN, MAX),
                rules.CertificaatFeit(2, "geschorst", D(2025, 3, 1), MAX),
                rules.CertificaatFeit(3, "volledig", MAX, MAX),
            ),
            toezichten=(
                rules.ToezichtFeit(4, "verscherpt", MIN, MAX),
                rules.ToezichtFeit(5, "geintensiveerd", D(2025, 6, 1), D(2025, 6, 1)),
                rules.ToezichtFeit(6, "regulier", MAX, None),
            ),
            rapporten=(
                rules.RapportFeit(7, MAX, "Rapport op de laatste dag", (rules.OordeelFeit("goed_bestuur", "Goed bestuur", "onvoldoende"),)),
                rules.RapportFeit(8, MIN, "Rapport op de eerste dag", (rules.OordeelFeit("x", "X", "grotendeels_onvoldoende"),)),
            ),
        )
        for regel in signalen.REGELS:
            regel(gi, jaar)
        assert signalen.signalen_van(gi, jaar)

    def test_hercertificering_binnen_365_dagen_na_een_rapport_op_de_laatste_dag(self):
        gi = feiten.GIFeiten(
            afkorting="OUD",
            certificaten=(rules.CertificaatFeit(1, "volledig", MAX, MAX),),
            rapporten=(rules.RapportFeit(2, D(9999, 6, 1), "Laat rapport", (rules.OordeelFeit("x", "X", "onvoldoende"),)),),
        )
        [signaal] = signalen.hercertificering_na_kritisch_rapport(gi, 9999)
        assert signaal.perioden == ((MAX, MAX),)

    def test_aansluitende_perioden_tot_de_laatste_dag_worden_samengevoegd(self):
        assert signalen._samenvoegen([(D(9999, 1, 1), MAX), (D(9999, 6, 1), MAX), (MIN, D(1, 1, 1))]) == (
            (MIN, MIN),
            (D(9999, 1, 1), MAX),
        )


# -- finding: one absurd date took down the annual overview ------------------------------------------------


@pytest.fixture
def oud_register(beheerder, kmi_gebruiker, inspecteur):
    """A register with records at the ends of the calendar, stored before the date rule existed."""
    gi = Instelling(naam="Oude Jeugdbescherming", afkorting="OUD", soort="regionaal", bron="oud", actief_vanaf=MIN, actief_tot=MAX)
    gi.save()
    Toezichtbesluit(instelling=gi, niveau="verscherpt", door=Door.IGJ, besluitdatum=D(2025, 1, 1),
                    ingangsdatum=D(2025, 1, 1), voorziene_einddatum=MAX, bron="oud").save()
    Certificaatbesluit(instelling=gi, status="geschorst", besluitdatum=D(2025, 3, 1), ingangsdatum=D(2025, 3, 1),
                       geldig_tot=MAX, bron="oud").save()
    Certificaatbesluit(instelling=gi, status="volledig", besluitdatum=MAX, ingangsdatum=MAX, geldig_tot=MAX, bron="oud").save()
    Audit(instelling=gi, soort="periodiek", startdatum=MIN, einddatum=MAX, hersteltermijn=MAX, bron="oud").save()
    Handhavingsmaatregel(instelling=gi, soort="aanwijzing", door=Door.IGJ, datum=MIN, termijn=MAX, bron="oud").save()
    onderzoek = Inspectieonderzoek(soort="regulier", door=Door.IGJ, bezoek_van=MIN, bezoek_tot=MAX,
                                   rapportdatum=MAX, titel="Rapport uit de verre toekomst", bron="oud")
    onderzoek.save()
    OnderzochteInstelling(onderzoek=onderzoek, instelling=gi).save()
    Oordeel(onderzoek=onderzoek, instelling=gi, thema=Thema.objects.get(code="goed_bestuur"), waarde="onvoldoende").save()
    Monitormeting(peildatum=MIN, bron="oud").save()
    return gi


def test_oude_registratie_met_9999_12_31_laat_signalen_paginas_en_kameroverzicht_heel(oud_register, inspecteur):
    jaar = klok.vandaag().year
    for url in ["/", f"/?datum={MAX}", f"/?datum={MIN}", "/instellingen/OUD", f"/kameroverzicht/?jaar={jaar}",
                f"/kameroverzicht/?jaar={jaar - 1}"]:
        assert Client().get(url).status_code == 200, url
    api = APIClient()
    for url in [f"/api/v1/signalen?jaar={jaar}", "/api/v1/instellingen/OUD/tijdlijn", "/api/v1/instellingen/OUD/status",
                f"/api/v1/instellingen/OUD/tijdlijn?van={MIN}&tot={MAX}", f"/api/v1/instellingen/OUD/status?datum={MAX}"]:
        assert api.get(url).status_code == 200, url
    antwoord = _token_client(inspecteur).post("/api/v1/kameroverzichten", {"jaar": jaar, "variant": "vertrouwelijk"}, format="json")
    assert antwoord.status_code == 201, antwoord.content


def test_oude_registratie_toont_de_tijdlijn_over_de_hele_kalender(oud_register):
    lijn = selectors.tijdlijn("OUD")
    assert (lijn.van, lijn.tot) == (MIN, MAX)
    assert lijn.toezicht_intervallen[-1].tot == MAX
    assert [i.waarde for i in lijn.certificaat_intervallen][-2:] == ["geschorst", "volledig"]


def test_de_signalen_van_een_oude_registratie_noemen_de_laatste_dag(oud_register):
    [signaal] = [s for s in signalen_per_instelling(9999)["OUD"] if s.code == signalen.VOLLEDIG_TIJDENS_VERSCHERPT]
    assert signaal.perioden == ((MAX, MAX),)
    assert "31 december 9999" in signaal.uitleg


# -- property: arbitrary valid registers survive every rule, page, endpoint and renderer -------------------

THEMA_CODES = ("goed_bestuur", "betekenisvol_contact", "tijdig_vaste_jeugdbeschermer", "passende_hulp", "zicht_op_veiligheid")
WAARDEN = [w for w, _ in Oordeel.Waarde.choices]


def _vandaag():
    return klok.vandaag()


def _grens_gepland():
    return datums.bereik(datums.GEPLAND)[1]


def _bijzondere_data():
    vandaag = _vandaag()
    grens = _grens_gepland()
    kandidaten = [datums.EERSTE_DAG, D(2000, 2, 29), D(2004, 2, 29), D(2024, 2, 29), D(2024, 12, 31), D(2025, 1, 1),
                  vandaag, vandaag - dt.timedelta(days=1), grens, grens - dt.timedelta(days=1)]
    return sorted(set(kandidaten))


def datum_tot(laatste: dt.date):
    """A date in [2000-01-01, laatste], often a special day (leap day, year end, today, the last day allowed)."""
    bijzonder = [d for d in _bijzondere_data() if d <= laatste]
    return st.one_of(st.dates(datums.EERSTE_DAG, laatste), st.sampled_from(bijzonder))


def tekst(max_size=TEKST_MAX, min_size=0):
    return st.text(TEKST_TEKENS, min_size=min_size, max_size=max_size)


def inhoud(max_size=TEKST_MAX):
    """Text that is more than whitespace (a required text such as an afweging)."""
    return tekst(max_size, 1).filter(str.strip)


def _na(datum: dt.date, dagen: int, grens: dt.date) -> dt.date:
    return datum + dt.timedelta(days=max(0, min(dagen, (grens - datum).days)))


@st.composite
def datumkwaliteit(draw):
    """Every datumkwaliteit the model accepts; a geschat date with the toelichting it requires."""
    kwaliteit = draw(st.sampled_from(["exact", "maand", "geschat"]))
    # geschat needs a toelichting that is more than whitespace; the others may have any
    toelichting = draw(tekst(200, 1).filter(str.strip)) if kwaliteit == "geschat" else draw(tekst(200))
    return {"datumkwaliteit": kwaliteit, "datum_toelichting": toelichting}


@st.composite
def certificaatbesluit(draw, grens):
    status = draw(st.sampled_from([s for s, _ in Certificaatbesluit.Status.choices]))
    ingang = draw(datum_tot(grens))
    besluit = {"status": status, "ingangsdatum": ingang, "besluitdatum": draw(datum_tot(_vandaag())),
               "bron": draw(tekst(200, 1)), "motivering_openbaar": draw(tekst()), "motivering_vertrouwelijk": draw(tekst()),
               "kenmerk": draw(tekst(100)), **draw(datumkwaliteit())}
    # The afweging in each of its forms (DESIGN.md §3): the KMI's public one, its vertrouwelijke one, a summary from an
    # openbare bron beside a vertrouwelijke one, or none. A volledig or overbrugging besluit may be under aanleiding
    # (an overbrugging always is), so it always has one of the KMI; a summary alone is a legacy record (below).
    vorm = draw(st.sampled_from(["kmi", "vertrouwelijk", "openbare_bron", "geen"]))
    if vorm == "geen" and status in rules.STATUSSEN_MET_AFWEGING:
        vorm = "kmi"
    if vorm == "kmi":
        besluit["afweging"] = draw(inhoud())
    elif vorm == "vertrouwelijk":
        besluit["afweging_vertrouwelijk"] = draw(inhoud())
    elif vorm == "openbare_bron":
        besluit.update(afweging=draw(inhoud()), afweging_herkomst="openbare_bron", afweging_bron=draw(inhoud(200)),
                       afweging_vertrouwelijk=draw(inhoud()))
    if status == "ingetrokken":
        besluit["geldig_tot"] = None
        return besluit
    if draw(st.booleans()):
        besluit.update(geldig_tot=None, geldig_tot_onbekend=True)  # the source gives no end date
        return besluit
    maximum = {"volledig": rules.last_day_of_years(ingang, 3), "voorlopig": rules.last_day_of_years(ingang, 2)}.get(status, grens)
    if status == "volledig" and rules.last_day_of_years(ingang, 3) <= grens and draw(st.booleans()):
        besluit["geldig_tot"] = None  # the standard three years
    else:
        besluit["geldig_tot"] = _na(ingang, draw(st.integers(0, 1200)), min(maximum, grens))
    return besluit


@st.composite
def toezichtbesluit(draw, grens):
    ingang = draw(datum_tot(grens))
    einde = draw(st.none() | st.integers(0, 900).map(lambda n: _na(ingang, n, grens)))
    return {"niveau": draw(st.sampled_from([n for n, _ in Toezichtbesluit.Niveau.choices])),
            "door": draw(st.sampled_from([d for d, _ in Door.choices])), "ingangsdatum": ingang,
            "voorziene_einddatum": einde, "besluitdatum": draw(datum_tot(_vandaag())), "aanleiding": draw(tekst()),
            "bron": draw(tekst(200, 1)), **draw(datumkwaliteit())}


@st.composite
def audit(draw, vandaag, grens):
    start = draw(datum_tot(vandaag))
    einde = _na(start, draw(st.integers(0, 30)), vandaag)
    herstel = draw(st.none() | st.integers(0, 400).map(lambda n: _na(einde, n, grens)))
    return {"soort": draw(st.sampled_from([s for s, _ in Audit.Soort.choices])), "startdatum": start, "einddatum": einde,
            "hersteltermijn": herstel, "aantal_kritische_afwijkingen": draw(st.none() | st.integers(0, 50)),
            "aantal_afwijkingen": draw(st.none() | st.integers(0, 500)), "normenkader_versie": draw(tekst(50)),
            "samenvatting": draw(tekst()), "rapportkenmerk": draw(tekst(100)), "bron": draw(tekst(200, 1)), **draw(datumkwaliteit())}


@st.composite
def maatregel(draw, vandaag, grens):
    datum = draw(datum_tot(vandaag))
    return {"soort": draw(st.sampled_from([s for s, _ in Handhavingsmaatregel.Soort.choices])),
            "door": draw(st.sampled_from([d for d, _ in Door.choices])), "datum": datum,
            "termijn": draw(st.none() | st.integers(0, 400).map(lambda n: _na(datum, n, grens))),
            "zakelijke_weergave": draw(tekst()), "bron": draw(tekst(200, 1)), **draw(datumkwaliteit())}


@st.composite
def onderzoek(draw, vandaag):
    rapport = draw(datum_tot(vandaag))
    bezoek_van = draw(st.none() | st.integers(0, 200).map(lambda n: max(datums.EERSTE_DAG, rapport - dt.timedelta(days=n))))
    bezoek_tot = None if bezoek_van is None else draw(st.none() | st.integers(0, 30).map(lambda n: _na(bezoek_van, n, vandaag)))
    oordelen = draw(st.dictionaries(st.sampled_from(THEMA_CODES), st.sampled_from(WAARDEN), max_size=len(THEMA_CODES)))
    return {"soort": draw(st.sampled_from([s for s, _ in Inspectieonderzoek.Soort.choices])),
            "door": draw(st.sampled_from([d for d, _ in Door.choices])), "rapportdatum": rapport,
            "bezoek_van": bezoek_van, "bezoek_tot": bezoek_tot, "titel": draw(tekst(200, 1)),
            "samenvatting": draw(tekst()), "oorzaken": draw(st.sampled_from(["", *Inspectieonderzoek.Oorzaken.values])),
            "vertrouwen_verbeterkracht": draw(st.sampled_from(Inspectieonderzoek.Vertrouwen.values)),
            "bron": draw(tekst(200, 1)), "oordelen": oordelen, **draw(datumkwaliteit()), "toelichting": draw(tekst())}


@st.composite
def instelling(draw, vandaag, grens):
    vanaf = draw(st.none() | datum_tot(grens))
    tot = draw(st.none() | datum_tot(grens)) if vanaf is None else draw(st.none() | st.integers(0, 6000).map(lambda n: _na(vanaf, n, grens)))
    return {
        "gegevens": {"naam": draw(tekst(200, 1)), "soort": draw(st.sampled_from(["regionaal", "landelijk"])),
                     "werkgebied": draw(tekst(300)), "actief_vanaf": vanaf, "actief_tot": tot, "bron": draw(tekst(200, 1)),
                     **draw(st.one_of(
                         st.fixed_dictionaries({"certificering_vanaf": st.none() | datum_tot(vandaag),
                                                "toezicht_vanaf": st.none() | datum_tot(vandaag)}),
                         st.just({"nog_niets_vastgelegd": True}),
                     ))},
        "certificaatbesluiten": draw(st.lists(certificaatbesluit(grens), max_size=4, unique_by=lambda b: b["ingangsdatum"])),
        "toezichtbesluiten": draw(st.lists(toezichtbesluit(grens), max_size=3, unique_by=lambda b: b["ingangsdatum"])),
        # one audit per soort and startdatum: the register refuses the same audit entered twice
        "audits": draw(st.lists(audit(vandaag, grens), max_size=2, unique_by=lambda a: (a["soort"], a["startdatum"]))),
        "maatregelen": draw(st.lists(maatregel(vandaag, grens), max_size=2)),
        "onderzoeken": draw(st.lists(onderzoek(vandaag), max_size=3)),
        "metingen": draw(st.lists(datum_tot(vandaag), max_size=2, unique=True)),
    }


@st.composite
def oude_registraties(draw):
    """Records with dates outside the register's range, as stored before the date rule existed."""
    extreem = st.sampled_from(EXTREME_DATA)
    return {
        "toezicht_einde": draw(extreem),
        "geschorst_tot": draw(extreem),
        "ingang_ver_weg": draw(st.sampled_from([D(9999, 12, 30), MAX])),
        "rapportdatum": draw(extreem),
        "audit_start": draw(st.sampled_from([MIN, D(1, 1, 2), D(1999, 12, 31)])),
        "actief_tot": draw(extreem),
    }


@st.composite
def registers(draw):
    vandaag, grens = _vandaag(), _grens_gepland()
    return {
        "instellingen": draw(st.lists(instelling(vandaag, grens), min_size=1, max_size=3)),
        "landelijke_metingen": draw(st.lists(datum_tot(vandaag), max_size=2, unique=True)),
        # Omvang: how many GI's are in scope, fewer or more than the register holds, or none recorded
        "omvang": draw(st.lists(st.tuples(datum_tot(vandaag), st.integers(0, 2_000_000_000)), max_size=2,
                                unique_by=lambda o: o[0])),
        "oud": draw(st.none() | oude_registraties()),
        "jaren": draw(st.lists(st.integers(datums.EERSTE_DAG.year, vandaag.year), min_size=1, max_size=2, unique=True)),
        "datum": draw(st.one_of(datum_tot(grens), st.sampled_from(EXTREME_DATA))),
    }


def _bouw(register: dict, *, beheerder, kmi, inspecteur) -> list[str]:
    """Write the generated register through the services (as admin, API and loaders do); returns afkortingen."""
    themas = {t.code: t for t in Thema.objects.all()}
    afkortingen = []
    for nummer, spec in enumerate(register["instellingen"], 1):
        gi = instelling_registreren(actor=beheerder, afkorting=f"GI{nummer}", **spec["gegevens"])
        afkortingen.append(gi.afkorting)
        for b in spec["certificaatbesluiten"]:
            certificaatbesluit_registreren(actor=kmi, instelling=gi, **b)
        for b in spec["toezichtbesluiten"]:
            toezichtbesluit_registreren(actor=inspecteur, instelling=gi, **b)
        for a in spec["audits"]:
            audit_registreren(actor=kmi, instelling=gi, **a)
        for m in spec["maatregelen"]:
            handhavingsmaatregel_registreren(actor=inspecteur, instelling=gi, **m)
        for o in spec["onderzoeken"]:
            o = dict(o)
            toelichting = o.pop("toelichting")
            oordelen = [{"thema": themas[c], "waarde": w, "toelichting": toelichting} for c, w in o.pop("oordelen").items()]
            inspectieonderzoek_registreren(actor=inspecteur, instellingen=[gi], oordelen=oordelen, **o)
        for peildatum in spec["metingen"]:
            monitormeting_registreren(actor=beheerder, instelling=gi, peildatum=peildatum, bron="GI-monitor",
                                      aantal_kinderen_met_maatregel=1000, fte="12.5", verloop_pct="10.0")
    for peildatum in register["landelijke_metingen"]:
        monitormeting_registreren(actor=beheerder, peildatum=peildatum, bron="GI-monitor", wachtlijst_totaal=10)
    for datum, aantal in register["omvang"]:
        omvang_registreren(actor=beheerder, datum=datum, aantal=aantal, bron="antwoorden Kamervragen")
    if register["oud"]:
        afkortingen.append(_oude_registraties(register["oud"], themas))
    return afkortingen


def _oude_registraties(oud: dict, themas) -> str:
    gi = Instelling(naam="Oude GI", afkorting="OUD", soort="regionaal", bron="oud", actief_vanaf=MIN, actief_tot=oud["actief_tot"])
    gi.save()
    Toezichtbesluit(instelling=gi, niveau="verscherpt", door=Door.IGJ, besluitdatum=D(2020, 1, 1), ingangsdatum=MIN,
                    voorziene_einddatum=max(MIN, oud["toezicht_einde"]), bron="oud").save()
    Certificaatbesluit(instelling=gi, status="geschorst", besluitdatum=D(2020, 1, 1), ingangsdatum=D(2020, 1, 1),
                       geldig_tot=max(D(2020, 1, 1), oud["geschorst_tot"]), bron="oud").save()
    Certificaatbesluit(instelling=gi, status="volledig", besluitdatum=MAX, ingangsdatum=oud["ingang_ver_weg"], geldig_tot=MAX, bron="oud").save()
    Audit(instelling=gi, soort="extra", startdatum=oud["audit_start"], einddatum=MAX, bron="oud").save()
    # Entered before the afweging needed a herkomst KMI: an overbrugging with only a summary from an openbare bron,
    # the volledig besluit after it without any, and an audit whose uitkomst is onbekend just before it.
    Certificaatbesluit(instelling=gi, status="overbrugging", besluitdatum=D(2021, 1, 1), ingangsdatum=D(2021, 1, 1),
                       geldig_tot=D(2021, 6, 30), afweging="Samenvatting.", afweging_herkomst="openbare_bron",
                       afweging_bron="krant", bron="oud").save()
    Certificaatbesluit(instelling=gi, status="volledig", besluitdatum=D(2021, 7, 1), ingangsdatum=D(2021, 7, 1),
                       geldig_tot=D(2024, 6, 30), bron="oud").save()
    Audit(instelling=gi, soort="periodiek", startdatum=D(2021, 6, 1), einddatum=D(2021, 6, 2), bron="oud").save()
    o = Inspectieonderzoek(soort="incident", door=Door.IJENV, rapportdatum=oud["rapportdatum"], titel="Oud rapport", bron="oud")
    o.save()
    OnderzochteInstelling(onderzoek=o, instelling=gi).save()
    Oordeel(onderzoek=o, instelling=gi, thema=themas["goed_bestuur"], waarde="onvoldoende").save()
    return gi.afkorting


def _onbekende_dagen(f: feiten.GIFeiten, tekst: str) -> list[str]:
    """The days in ``tekst`` that the register does not know: a date of a fact of datumkwaliteit 'maand' written with
    its day, or one of 'geschat' without "(geschat)" after it. A day some source gives exactly (an exact fact, a
    geldig tot, a voorziene einddatum, the GI's own dates, a year's first or last day) or the day next to one may be
    written, so it is not counted."""
    exact, vaag = set(), {}
    for datums_, kwaliteit in (
        *(((b.ingangsdatum, b.besluitdatum), b.datumkwaliteit) for b in f.certificaten),
        *(((t.ingangsdatum,), t.datumkwaliteit) for t in f.toezichten),
        *(((r.rapportdatum,), r.datumkwaliteit) for r in f.rapporten),
        *(((a.startdatum, a.einddatum), a.datumkwaliteit) for a in f.audits),
    ):
        for d in datums_:
            if d is not None and kwaliteit == "exact":
                exact.add(d)
            elif d is not None:
                vaag.setdefault(d, set()).add(kwaliteit)
    exact |= {b.geldig_tot for b in f.certificaten} | {t.voorziene_einddatum for t in f.toezichten}
    exact |= {f.actief_vanaf, f.actief_tot, f.certificering_vanaf, f.toezicht_vanaf}
    naast = {d + dt.timedelta(days=n) for d in exact if d is not None and MIN < d < MAX for n in (-1, 0, 1)}
    gevonden = []
    for d, kwaliteiten in vaag.items():
        if d in naast or (d.month, d.day) in {(1, 1), (1, 2), (12, 30), (12, 31)}:
            continue
        dag = rf"(?<!\d){re.escape(datum_tekst(d))}"
        gevonden += re.findall(dag if kwaliteiten == {"maand"} else dag + r"(?! \(geschat\))", tekst)
    return gevonden


@contextmanager
def teruggedraaid():
    """Each generated register lives in its own transaction and is rolled back afterwards."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(register=registers())
def test_elk_geldig_register_overleeft_elke_regel_pagina_en_renderer(register, beheerder, kmi_gebruiker, inspecteur, ministerie_gebruiker):
    cache.clear()  # the API's throttle counts per client; every example starts fresh
    with teruggedraaid():
        afkortingen = _bouw(register, beheerder=beheerder, kmi=kmi_gebruiker, inspecteur=inspecteur)
        vandaag = klok.vandaag()
        data = sorted({register["datum"], vandaag, MIN, MAX, datums.EERSTE_DAG})

        # selectors and rules
        for datum in data:
            assert len(selectors.statussen_op(datum)) == len(afkortingen)
            for afkorting in afkortingen:
                selectors.certificaatstatus_op(afkorting, datum)
                selectors.toezichtniveau_op(afkorting, datum)
        for afkorting in afkortingen:
            lijn = selectors.tijdlijn(afkorting)
            assert lijn.van <= lijn.tot
            selectors.tijdlijn(afkorting, MIN, MAX)
        per_gi = {f.afkorting: f for f in feiten.gi_feiten(signalen_selectors.registerstand_nu())}
        for jaar in {*register["jaren"], vandaag.year, 1, 2021, 9999}:
            assert set(signalen_per_instelling(jaar)) == set(afkortingen)
            assert set(signalen_per_instelling(jaar, openbaar=True)) == set(afkortingen)
            # a date known only to the month (or estimated) is never written as a known day (DESIGN.md §3)
            for afkorting, lijst in signalen_per_instelling(jaar).items():
                for s in lijst:
                    assert _onbekende_dagen(per_gi[afkorting], f"{s.uitleg} {signalen.perioden_tekst(s)}") == [], s.uitleg

        # public pages
        web = Client()
        urls = ["/", f"/?datum={register['datum']}", f"/?datum={MAX}"] + [f"/instellingen/{a}" for a in afkortingen]
        for url in urls:
            assert web.get(url).status_code == 200, url
        # the public overview: refused with the message (400) when no GI was active yet on the peildatum (today)
        geweigerd = not register["oud"] and all(
            spec["gegevens"]["actief_vanaf"] is not None and spec["gegevens"]["actief_vanaf"] > vandaag
            for spec in register["instellingen"]
        )
        for jaar in register["jaren"]:
            pagina = web.get(f"/kameroverzicht/?jaar={jaar}")
            assert pagina.status_code == (400 if geweigerd else 200), jaar
            assert ("stond nog geen instelling in het register" in pagina.content.decode()) is geweigerd

        # API
        api = APIClient()
        urls = [f"/api/v1/signalen?jaar={jaar}" for jaar in register["jaren"]]
        for a in afkortingen:
            urls += [f"/api/v1/instellingen/{a}/tijdlijn", f"/api/v1/instellingen/{a}/status",
                     f"/api/v1/instellingen/{a}/status?datum={register['datum']}"]
        for url in urls:
            antwoord = api.get(url)
            assert antwoord.status_code == 200, (url, antwoord.content[:500])
        for jaar in register["jaren"]:
            for item in api.get(f"/api/v1/signalen?jaar={jaar}").json()["results"]:
                assert item["pasoordeel"]["waarde"] in PASOORDELEN

        # the Kamer overview: both variants, every renderer, the data against its JSON Schema, and the archive through
        # the API; refused (400, nothing archived) when no GI was active yet on the peildatum
        jaar = register["jaren"][0]
        for variant in VARIANTEN:
            if geweigerd:
                with pytest.raises(GeenInstellingen):
                    kameroverzicht(jaar, vandaag, variant)
                continue
            overzicht = kameroverzicht(jaar, vandaag, variant)
            assert len(overzicht["instellingen"]) == len(afkortingen)
            # a GI with nothing recorded is never 'in de pas'; without an Omvang the data are never complete
            for gi in overzicht["instellingen"]:
                if gi["nog_niets_vastgelegd"]:
                    assert gi["pasoordeel"]["waarde"] == "onvoldoende_gegevens" and gi["signaalcodes"] == []
            if overzicht["volledigheid"]["omvang"] is None:
                assert overzicht["volledigheid"]["volledig"] is False
            valideer_schema(overzicht)
            assert render_pdf(overzicht).startswith(b"%PDF")
            render_json(overzicht), render_csv(overzicht), render_html(overzicht)
            # the aanleidingenoverzicht of everything up to today: every value the register accepted renders in its
            # three formats
            gebeurd = aanleidingen(datums.EERSTE_DAG, vandaag, vandaag, variant)
            assert len(gebeurd["instellingen"]) == len(afkortingen)
            assert render_aanleidingen_pdf(gebeurd).startswith(b"%PDF")
            render_aanleidingen_csv(gebeurd), render_aanleidingen_html(gebeurd)
        antwoord = _token_client(ministerie_gebruiker).post("/api/v1/kameroverzichten", {"jaar": jaar}, format="json")
        assert antwoord.status_code == (400 if geweigerd else 201), antwoord.content[:500]
