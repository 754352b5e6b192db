"""GI-monitor definitions and revisions (DESIGN.md §3 Monitormeting, §5 Verantwoording): a footnote beside a figure
whose definitie differs from the figure before it, in every renderer and under Verantwoording; a revision kept as a
new meting with its bron, the overview showing the latest as recorded on its peildatum and the earlier one as revised."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from register import klok
from register.models import Monitormeting
from register.services import monitordefinitie_registreren, monitormeting_registreren
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html, render_json
from tests import maak

pytestmark = pytest.mark.django_db
D = dt.date
VERZAMELBRIEF = "Verzamelbrief 2 december 2024"
KAMERBRIEF = "Kamerbrief december 2025"


def _meting(beheerder, peildatum, **velden):
    velden.setdefault("bron", VERZAMELBRIEF)
    return monitormeting_registreren(actor=beheerder, peildatum=peildatum, **velden)


def _definitie(beheerder, vanaf, naam, **velden):
    velden = {"indicator": "gemiddelde_wachttijd_dagen", "omschrijving": f"{naam} (test)", "bron": KAMERBRIEF, **velden}
    return monitordefinitie_registreren(actor=beheerder, geldig_vanaf=vanaf, naam=naam, **velden)


def _alle_vormen(data) -> dict:
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(data))).pages).split())
    return {"json": render_json(data).decode(), "csv": render_csv(data).decode("utf-8-sig"), "html": render_html(data),
            "pdf": pdf}


@pytest.fixture
def monitor(beheerder):
    maak.instelling(beheerder, "JBN")
    _definitie(beheerder, D(2022, 12, 1), "wachttijd bij de start")
    _definitie(beheerder, D(2025, 10, 1), "wachttijd alle wachtende kinderen")
    _meting(beheerder, D(2024, 10, 1), gemiddelde_wachttijd_dagen=29, verloop_pct="15.5", verzuim_pct="6.8")
    _meting(beheerder, D(2025, 4, 1), aantal_kinderen_met_maatregel=31230)  # no wachttijd on this peildatum
    _meting(beheerder, D(2025, 10, 1), gemiddelde_wachttijd_dagen=59, bron=KAMERBRIEF)


def test_een_gewijzigde_definitie_krijgt_een_voetnoot_naast_het_cijfer_in_elke_vorm(monitor):
    data = kameroverzicht(2025, klok.vandaag())
    oktober = next(m for m in data["monitor"] if m["peildatum"] == "2025-10-01")
    assert [(v["indicator"], v["soort"]) for v in oktober["voetnoten"]] == [("gemiddelde_wachttijd_dagen", "definitie")]
    assert oktober["definities"]["gemiddelde_wachttijd_dagen"]["naam"] == "wachttijd alle wachtende kinderen"
    assert "1 oktober 2024" in oktober["voetnoten"][0]["tekst"] and "wachttijd bij de start" in oktober["voetnoten"][0]["tekst"]
    # the figure of 1 April 2025 has no wachttijd, so it is not the comparison: the one before it with a value is
    assert not next(m for m in data["monitor"] if m["peildatum"] == "2025-04-01")["voetnoten"]
    assert [v["soort"] for v in data["verantwoording"]] == ["monitordefinitie"]
    uit = _alle_vormen(data)
    for vorm in ("json", "csv", "html", "pdf"):
        assert "wachttijd alle wachtende kinderen" in uit[vorm], vorm
    assert "59 [1]" in uit["html"] and "59 [1]" in uit["pdf"]
    rij = next(csv.DictReader(io.StringIO(uit["csv"]), delimiter=";"))
    assert rij["monitor_kanttekeningen"].startswith("2025-10-01: Andere definitie")


def test_zonder_wijziging_geen_voetnoot(monitor, beheerder):
    # 2024: the definition of 1 October 2024 is the one of the peildatum before it
    _meting(beheerder, D(2024, 4, 1), gemiddelde_wachttijd_dagen=34)
    data = kameroverzicht(2024, klok.vandaag())
    assert all(not m["voetnoten"] for m in data["monitor"]) and data["verantwoording"] == []


def test_een_definitie_geldt_vanaf_haar_eigen_peildatum(beheerder):
    maak.instelling(beheerder, "JBN")
    _definitie(beheerder, D(2024, 4, 1), "oud")
    _definitie(beheerder, D(2024, 10, 2), "nieuw")  # the day after the peildatum: not yet
    _meting(beheerder, D(2024, 4, 1), gemiddelde_wachttijd_dagen=34)
    _meting(beheerder, D(2024, 10, 1), gemiddelde_wachttijd_dagen=29)
    data = kameroverzicht(2024, klok.vandaag())
    assert [m["definities"]["gemiddelde_wachttijd_dagen"]["naam"] for m in data["monitor"]] == ["oud", "oud"]
    assert all(not m["voetnoten"] for m in data["monitor"])


@pytest.fixture
def herzien(beheerder):
    maak.instelling(beheerder, "JBN")
    eerder = _meting(beheerder, D(2024, 10, 1), verloop_pct="15.5", verzuim_pct="6.8", fte="2604")
    later = _meting(beheerder, D(2024, 10, 1), herziet=eerder, verloop_pct="16.1", verzuim_pct="7.3", bron=KAMERBRIEF)
    return eerder, later


def test_een_herziening_toont_het_nieuwe_cijfer_en_het_eerdere_als_herzien(herzien):
    data = kameroverzicht(2024, klok.vandaag())
    [m] = data["monitor"]
    assert (m["verloop_pct"], m["verzuim_pct"], m["fte"]) == ("16.1", "7.3", "2604.0")  # fte not revised: stays
    assert m["herzien"]["verloop_pct"] == [{"waarde": "15.5", "bron": VERZAMELBRIEF}]
    assert "fte" not in m["herzien"]
    assert {v["indicator"] for v in m["voetnoten"]} == {"verloop_pct", "verzuim_pct"}
    uit = _alle_vormen(data)
    for vorm in ("json", "csv", "html", "pdf"):
        assert f"herzien: eerder 15,5 (bron: {VERZAMELBRIEF})" in uit[vorm].replace("\\n", " "), vorm
    assert "monitorherziening" in {v["soort"] for v in data["verantwoording"]}
    assert "Herzien cijfer in de GI-monitor" in uit["html"]


def test_het_overzicht_toont_de_herziening_zoals_vastgelegd_op_de_peildatum(herzien, beheerder):
    eerder, later = herzien
    vroeg = dt.datetime(2025, 1, 5, 12, tzinfo=dt.timezone.utc)
    Monitormeting.history.filter(id=eerder.id).update(history_date=vroeg)
    from register.models import Instelling
    Instelling.history.all().update(history_date=vroeg)
    [m] = kameroverzicht(2024, D(2025, 6, 1))["monitor"]
    assert (m["verloop_pct"], m["herzien"], m["voetnoten"]) == ("15.5", {}, [])
    [m] = kameroverzicht(2024, klok.vandaag())["monitor"]
    assert m["verloop_pct"] == "16.1"


@pytest.mark.parametrize("velden, veld", [
    ({"peildatum": D(2024, 4, 1)}, "herziet"),  # another peildatum
    ({"verloop_pct": None, "verzuim_pct": None}, "herziet"),  # no figures: revises nothing
])
def test_een_onjuiste_herziening_wordt_geweigerd_en_niets_bewaard(herzien, beheerder, velden, veld):
    _, later = herzien
    voor = Monitormeting.objects.count()
    with pytest.raises(ValidationError) as exc:
        monitormeting_registreren(actor=beheerder, **{"peildatum": D(2024, 10, 1), "herziet": later, "verloop_pct": "17.0",
                                                      "bron": "x", **velden})
    assert veld in exc.value.message_dict
    assert Monitormeting.objects.count() == voor


def test_een_meting_wordt_eenmaal_herzien_en_een_herziening_opnieuw(herzien, beheerder):
    eerder, later = herzien
    with pytest.raises(ValidationError):
        _meting(beheerder, D(2024, 10, 1), herziet=eerder, verloop_pct="17.0")
    derde = _meting(beheerder, D(2024, 10, 1), herziet=later, verloop_pct="17.0", bron="derde bron")
    [m] = kameroverzicht(2024, klok.vandaag())["monitor"]
    assert m["verloop_pct"] == "17.0"
    assert [e["waarde"] for e in m["herzien"]["verloop_pct"]] == ["15.5", "16.1"]
    # the first meting cannot be made to revise the last: no circle
    from register.services import monitormeting_corrigeren
    with pytest.raises(ValidationError):
        monitormeting_corrigeren(actor=beheerder, meting=eerder, reden="kring", herziet=derde)


def test_een_tweede_landelijke_meting_zonder_herziening_blijft_geweigerd(herzien, beheerder):
    with pytest.raises(ValidationError):
        _meting(beheerder, D(2024, 10, 1), verloop_pct="17.0")


def test_de_api_kent_monitordefinities_en_herziet(herzien, beheerder, kmi_gebruiker):
    from tests.test_api_basis import client_voor
    _, later = herzien
    assert client_voor(None).get(f"/api/v1/monitormetingen/{later.pk}").json()["herziet"] == herzien[0].pk
    body = {"indicator": "verloop_pct", "naam": "verloop per jaar", "omschrijving": "o", "geldigVanaf": "2024-10-01",
            "bron": KAMERBRIEF}
    assert client_voor(kmi_gebruiker).post("/api/v1/monitordefinities", body, format="json").status_code == 403
    assert client_voor(beheerder).post("/api/v1/monitordefinities", body, format="json").status_code == 201
    assert json.loads(client_voor(None).get("/api/v1/monitordefinities").content)["results"][0]["naam"] == "verloop per jaar"


def test_een_peildatum_die_alleen_tot_op_de_maand_bekend_is_staat_er_zonder_dag(beheerder):
    """The footnote and the Verantwoording name a monitor peildatum as its datumkwaliteit allows: a figure whose
    peildatum is known only to the month is 'oktober 2024', an estimated one '1 oktober 2025 (geschat)'; never a day
    shown as known."""
    maak.instelling(beheerder, "JBN")
    _definitie(beheerder, D(2022, 12, 1), "wachttijd bij de start")
    _definitie(beheerder, D(2025, 10, 1), "wachttijd alle wachtende kinderen")
    _meting(beheerder, D(2024, 10, 1), gemiddelde_wachttijd_dagen=29, datumkwaliteit="maand")
    _meting(beheerder, D(2025, 10, 1), gemiddelde_wachttijd_dagen=59, bron=KAMERBRIEF, datumkwaliteit="geschat",
            datum_toelichting="De brief noemt alleen het najaar van 2025 (test).")
    data = kameroverzicht(2025, klok.vandaag())
    oktober = next(m for m in data["monitor"] if m["peildatum"] == "2025-10-01")
    assert "(oktober 2024)" in oktober["voetnoten"][0]["tekst"]
    verantwoording = [v["tekst"] for v in data["verantwoording"] if v["soort"] == "monitordefinitie"]
    assert verantwoording and verantwoording[0].startswith("GI-monitor, gemiddelde wachttijd (dagen) op 1 oktober 2025 (geschat): ")
    for vorm, tekst in _alle_vormen(data).items():
        assert "1 oktober 2024" not in tekst, vorm
