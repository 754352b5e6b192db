"""Any value the new fields accept (reikwijdte, bezwaar and beroep, aanvragen, monitor definitions and revisions)
survives every page and every renderer of the Kamer overview, and is shown there (DESIGN.md §3: every rule is total;
nothing the model accepts may crash a page or a renderer)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certification import services as kmi
from certification.models import Bezwaar, Certificaatbesluit
from register import klok
from register.models import Monitormeting
from register.services import monitordefinitie_registreren, monitormeting_registreren
from register.teksten import MONITOR_INDICATOREN
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html, render_json
from reports.teksten import MONITOR_KOLOMMEN
from reports.varianten import VARIANTEN

MONITOR_KOLOM_NAMEN = [k for k, _ in MONITOR_KOLOMMEN]
from tests import maak
from tests.test_kameroverzicht_schema import valideer as valideer_schema

pytestmark = pytest.mark.django_db
D = dt.date
TEKST = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=200).filter(str.strip)
# Dates in the register's range: the years the overview shows and the days around a leap day.
DATUMS = st.dates(min_value=D(2024, 1, 1), max_value=D(2025, 12, 31))


@st.composite
def invoer(draw):
    ingang = draw(st.dates(min_value=D(2024, 1, 1), max_value=D(2025, 6, 30)))
    ingediend = draw(st.dates(min_value=ingang, max_value=D(2025, 12, 31)))
    uitkomst = draw(st.sampled_from(Bezwaar.Uitkomst.values))
    datum_uitkomst = None if uitkomst == "lopend" else draw(st.none() | st.dates(min_value=ingediend, max_value=D(2025, 12, 31)))
    indicator = draw(st.sampled_from(list(MONITOR_INDICATOREN)))
    return {
        "reikwijdte": draw(st.sampled_from(Certificaatbesluit.Reikwijdte.values)),
        "ingang": ingang,
        "bezwaar": {"soort": draw(st.sampled_from(Bezwaar.Soort.values)), "ingediend_op": ingediend, "uitkomst": uitkomst,
                    "datum_uitkomst": datum_uitkomst, "bron": draw(TEKST)},
        "aanvraag": {"organisatie": draw(TEKST)[:200], "soort": draw(st.sampled_from(["initieel", "hercertificering",
                                                                                      "uitbreiding_reikwijdte"])),
                     "ingediend_op": draw(DATUMS), "bron": draw(TEKST)},
        "definitie": {"indicator": indicator, "naam": draw(TEKST)[:200], "omschrijving": draw(TEKST),
                      "geldig_vanaf": draw(st.dates(min_value=D(2024, 4, 2), max_value=D(2025, 10, 1))), "bron": draw(TEKST)},
        "waarden": (draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000))),
        "bron_herziening": draw(TEKST),
    }


@contextmanager
def teruggedraaid():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _waarde(indicator: str, n: int):
    """A value the indicator's field accepts: a percentage to one decimal, a decimal within its digits."""
    if indicator.endswith("_pct"):
        return str(min(n, 1000) / 10)
    veld = Monitormeting._meta.get_field(indicator)
    if getattr(veld, "max_digits", None) is not None:
        return min(n, 10 ** (veld.max_digits - veld.decimal_places) - 1)
    return n


@settings(max_examples=5, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(invoer=invoer())
def test_elke_aanvaarde_waarde_overleeft_elke_pagina_en_renderer(invoer, beheerder, kmi_gebruiker):
    cache.clear()
    with teruggedraaid():
        gi = maak.instelling(beheerder, "HYPO", actief_vanaf=D(2023, 1, 1))
        besluit = kmi.certificaatbesluit_registreren(
            actor=kmi_gebruiker, instelling=gi, status="voorlopig", besluitdatum=invoer["ingang"],
            ingangsdatum=invoer["ingang"], geldig_tot=invoer["ingang"] + dt.timedelta(days=365),
            reikwijdte=invoer["reikwijdte"], bron="besluit")
        kmi.bezwaar_registreren(actor=kmi_gebruiker, certificaatbesluit=besluit, **invoer["bezwaar"])
        kmi.aanvraag_registreren(actor=kmi_gebruiker, **invoer["aanvraag"])
        d = invoer["definitie"]
        monitordefinitie_registreren(actor=beheerder, **d)
        indicator = d["indicator"]
        eerste, tweede = (_waarde(indicator, n) for n in invoer["waarden"])
        monitormeting_registreren(actor=beheerder, peildatum=D(2024, 4, 1), bron="eerder", **{indicator: eerste})
        meting = monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), bron="meting", **{indicator: eerste})
        monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), herziet=meting, bron=invoer["bron_herziening"],
                                  **{indicator: tweede})

        vandaag = klok.vandaag()
        m_getoond = set(MONITOR_KOLOM_NAMEN)
        for jaar, variant in [(2025, v) for v in VARIANTEN] + [(2024, "openbaar")]:
            data = kameroverzicht(jaar, vandaag, variant)
            valideer_schema(data)
            assert render_pdf(data).startswith(b"%PDF")
            render_json(data), render_csv(data)
            pagina = render_html(data)
            if jaar == 2025 and indicator in m_getoond:
                [m] = [m for m in data["monitor"] if m["peildatum"] == "2025-10-01"]
                assert m["definities"][indicator]["naam"] == d["naam"]  # the definition of 1 October 2025
                if eerste != tweede:
                    assert m["herzien"][indicator][0]["bron"] == "meting"
                    assert "herzien: eerder" in pagina
        web = Client()
        for url in ("/instellingen/HYPO", f"/instellingen/HYPO?datum={invoer['ingang']}", "/gecertificeerde-instellingen",
                    f"/gecertificeerde-instellingen?datum={invoer['aanvraag']['ingediend_op']}",
                    f"/gecertificeerde-instellingen.csv?datum={invoer['ingang']}", "/open-data/registraties.csv",
                    "/open-data/stand.csv", "/api/v1/bezwaren", "/api/v1/aanvragen", "/api/v1/monitordefinities",
                    "/api/v1/instellingen/HYPO/status"):
            assert web.get(url).status_code == 200, url
        lijst = web.get(f"/gecertificeerde-instellingen?datum={invoer['aanvraag']['ingediend_op']}").content.decode()
        assert escape(invoer["aanvraag"]["organisatie"]) in lijst  # the applicant is on the KMI's public list
