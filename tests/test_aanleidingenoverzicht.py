"""The aanleidingenoverzicht (DESIGN.md §5a, issue 22): what happened between two dates, both inclusive, per GI, as
recorded on a peildatum; in PDF, HTML and CSV; archived like the Kamer overview; made from the archive page, the
command and the API. And the Kamer overview's beleidsreactie and wederhoor of the ministerie (§5)."""

import datetime as dt
import io
import json
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from register import klok
from reports import aanleidingen as bouw
from reports.aanleidingen import SOORTEN, aanleidingen
from reports.aanleidingen_pdf import render_aanleidingen_pdf
from reports.models import Aanleidingenoverzicht
from reports.overzicht import GeenInstellingen, kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_aanleidingen_csv, render_aanleidingen_html, render_csv, render_html
from reports.services import GEEN_VAN, aanleidingenoverzicht_genereren, standaard_van
from reports.teksten import AANLEIDINGEN_NIETS, GEEN_BELEIDSREACTIE, SIGNAAL_GELDT_NIET_MEER
from signalen import regels
from supervision.services import handhavingsmaatregel_registreren, toezichtbesluit_laten_vervallen
from tests import maak
from tests.test_api_basis import client_voor, is_problem
from wederhoor.services import beleidsreactie_registreren, reactie_registreren

D = dt.date
VV = regels.VOLLEDIG_TIJDENS_VERSCHERPT
VAN, TOT = D(2025, 3, 10), D(2025, 3, 20)


def _om(jaar, maand, dag):
    """Noon in Amsterdam on that day (register/klok.py: tests set the time by patching timezone.now)."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime(jaar, maand, dag, 11, tzinfo=dt.timezone.utc))


def pdf_tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _omschrijvingen(data, afkorting):
    gi = next(g for g in data["instellingen"] if g["afkorting"] == afkorting)
    return [(i["datum"], i["soort"], i["omschrijving"]) for i in gi["aanleidingen"]]


def _alle_formaten(data) -> dict[str, str]:
    return {
        "pdf": pdf_tekst(render_aanleidingen_pdf(data)),
        "html": render_aanleidingen_html(data),
        "csv": render_aanleidingen_csv(data).decode("utf-8-sig"),
    }


# -- boundaries ---------------------------------------------------------------------------------------------------


@pytest.fixture
def grenzen(beheerder, kmi_gebruiker, inspecteur):
    """Reports the day before van, on van, on tot and the day after tot; a maatregel on tot; a toezicht change on van."""
    gi = maak.instelling(beheerder, "GRENS", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
    for dag in (VAN - dt.timedelta(days=1), VAN, TOT, TOT + dt.timedelta(days=1)):
        maak.onderzoek(inspecteur, gi, dag, {"passende_hulp": "voldoende"}, titel=f"Rapport {dag.isoformat()}")
    handhavingsmaatregel_registreren(actor=inspecteur, instelling=gi, soort="aanwijzing", door="IGJ", datum=TOT,
                                     zakelijke_weergave="Aanwijzing op de laatste dag", bron="aanwijzing (test)")
    maak.toezicht(inspecteur, gi, "geintensiveerd", VAN)
    return gi


@pytest.mark.django_db
def test_een_feit_op_van_en_op_tot_telt_mee_de_dag_ervoor_en_erna_niet(grenzen):
    data = aanleidingen(VAN, TOT, klok.vandaag())
    items = _omschrijvingen(data, "GRENS")
    rapporten = [d for d, soort, _ in items if soort == "inspectierapport"]
    assert rapporten == [VAN.isoformat(), TOT.isoformat()]
    assert (TOT.isoformat(), "handhavingsmaatregel", "Inspecties: aanwijzing") in items
    assert (VAN.isoformat(), "toezichtbesluit", "Inspecties: geïntensiveerd toezicht") in items
    # one day: only that day
    assert [d for d, s, _ in _omschrijvingen(aanleidingen(TOT, TOT, klok.vandaag()), "GRENS") if s == "inspectierapport"] == [TOT.isoformat()]
    for tekst in _alle_formaten(data).values():
        assert "Rapport 2025-03-10" in tekst and "Rapport 2025-03-20" in tekst
        assert "Rapport 2025-03-09" not in tekst and "Rapport 2025-03-21" not in tekst


@pytest.mark.django_db
def test_een_datum_van_alleen_de_maand_telt_als_de_maand_de_periode_raakt(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "MAAND", actief_vanaf=D(2024, 1, 1))
    maak.onderzoek(inspecteur, gi, D(2025, 3, 1), titel="Rapport van maart", datumkwaliteit="maand")
    data = aanleidingen(VAN, TOT, klok.vandaag())
    [item] = next(g for g in data["instellingen"] if g["afkorting"] == "MAAND")["aanleidingen"]
    assert item["datumkwaliteit"] == "maand"
    for formaat, tekst in _alle_formaten(data).items():
        assert "maart 2025" in tekst, formaat
        assert "01-03-2025" not in tekst, formaat  # never a made-up day
    assert not next(g for g in aanleidingen(D(2025, 4, 1), D(2025, 4, 30), klok.vandaag())["instellingen"]
                    if g["afkorting"] == "MAAND")["aanleidingen"]


@pytest.fixture
def verscherpt(beheerder, kmi_gebruiker, inspecteur):
    """A full certificate under verscherpt toezicht from 1 February to 9 March 2025: VOLLEDIG_TIJDENS_VERSCHERPT holds
    those days and ends the day before VAN (toezicht back to regulier on VAN)."""
    gi = maak.instelling(beheerder, "SIG", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
    toezicht = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 2, 1), D(2025, 8, 1))
    maak.toezicht(inspecteur, gi, "regulier", VAN)
    return {"gi": gi, "toezicht": toezicht}


def _signalen(data, afkorting="SIG"):
    return [(d, o.split(":")[0]) for d, s, o in _omschrijvingen(data, afkorting) if s == "signaal"]


@pytest.mark.django_db
def test_een_signaal_dat_de_dag_voor_van_eindigt_staat_er_niet_in(verscherpt):
    assert _signalen(aanleidingen(VAN, TOT, klok.vandaag())) == []
    # the period that holds its last day: it ended there
    assert _signalen(aanleidingen(VAN - dt.timedelta(days=1), TOT, klok.vandaag())) == [("2025-03-09", "Signaal geëindigd")]
    # its first day
    assert _signalen(aanleidingen(D(2025, 2, 1), D(2025, 2, 1), klok.vandaag())) == [("2025-02-01", "Signaal begonnen")]
    # a signal still holding on tot did not end in the period, and one started the day before van did not start in it
    assert _signalen(aanleidingen(D(2025, 2, 2), D(2025, 3, 8), klok.vandaag())) == []


@pytest.mark.django_db
def test_een_signaal_over_de_jaargrens_begint_en_eindigt_een_keer(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "JAAR", actief_vanaf=D(2023, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2023, 1, 1))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2024, 12, 1), D(2025, 6, 1))
    maak.toezicht(inspecteur, gi, "regulier", D(2025, 2, 1))
    data = aanleidingen(D(2024, 11, 1), D(2025, 3, 31), klok.vandaag())
    assert _signalen(data, "JAAR") == [("2024-12-01", "Signaal begonnen"), ("2025-01-31", "Signaal geëindigd")]
    # 31 December and 1 January are not an end and a start
    assert _signalen(aanleidingen(D(2024, 12, 31), D(2025, 1, 1), klok.vandaag()), "JAAR") == []


@pytest.mark.django_db
def test_een_reactie_vastgelegd_op_de_dag_dat_het_signaal_begint(verscherpt, kmi_gebruiker):
    with _om(2025, 2, 1):
        reactie_registreren(actor=kmi_gebruiker, instelling=verscherpt["gi"], jaar=2025, signaalcode=VV,
                            tekst="Het KMI herbeoordeelt het certificaat.", bron="brief KMI", reden="wederhoor")
    data = aanleidingen(D(2025, 2, 1), D(2025, 2, 1), klok.vandaag())
    items = _omschrijvingen(data, "SIG")
    assert [s for _, s, _ in items] == ["toezichtbesluit", "signaal", "reactie"]  # on one day: in the order of the kinds
    gi = data["instellingen"][0]
    _, signaal, reactie = gi["aanleidingen"]
    assert any("Reactie Keurmerkinstituut (01-02-2025): Het KMI herbeoordeelt" in d for d in signaal["details"])
    assert reactie["datum"] == "2025-02-01" and "Reactie Keurmerkinstituut" in reactie["omschrijving"]
    # the day before: neither the signal nor the reactie
    assert _omschrijvingen(aanleidingen(D(2025, 1, 31), D(2025, 1, 31), klok.vandaag()), "SIG") == []


@pytest.mark.django_db
def test_een_signaal_zonder_reactie_zegt_dat(verscherpt):
    [signaal] = [i for i in aanleidingen(D(2025, 2, 1), D(2025, 2, 1), klok.vandaag())["instellingen"][0]["aanleidingen"]
                 if i["soort"] == "signaal"]
    assert "Geen reactie ontvangen (tot en met de peildatum)." in signaal["details"]


# -- as recorded --------------------------------------------------------------------------------------------------


def _morgen():
    morgen = klok.vandaag() + dt.timedelta(days=1)
    return morgen, _om(morgen.year, morgen.month, morgen.day)


@pytest.mark.django_db
def test_zoals_vastgelegd_op_de_peildatum(verscherpt, inspecteur):
    """A fact recorded after the peildatum is not in the overview: a report entered the next day does not appear."""
    morgen, om_morgen = _morgen()
    with om_morgen:
        maak.onderzoek(inspecteur, verscherpt["gi"], VAN, titel="Later ingevoerd rapport")
        later = aanleidingen(VAN, TOT, morgen)
    eerder = aanleidingen(VAN, TOT, klok.vandaag())
    assert [s for _, s, _ in _omschrijvingen(eerder, "SIG")] == ["toezichtbesluit"]
    assert [s for _, s, _ in _omschrijvingen(later, "SIG")] == ["inspectierapport", "toezichtbesluit"]


@pytest.mark.django_db
def test_beleidsreactie_zoals_vastgelegd_in_het_kameroverzicht(verscherpt, ministerie_gebruiker):
    """A beleidsreactie saved after the peildatum is not in the overview; from its day on it is, in every renderer."""
    morgen, om_morgen = _morgen()
    with om_morgen:
        beleidsreactie_registreren(actor=ministerie_gebruiker, jaar=2025, tekst="BELEIDSREACTIE-2025-X7",
                                   bron="Kamerbrief (test)", reden="beleidsreactie")
        voor = kameroverzicht(2025, morgen - dt.timedelta(days=1), "openbaar")
        na = kameroverzicht(2025, morgen, "openbaar")
    assert voor["beleidsreactie"] is None
    assert na["beleidsreactie"] == {"tekst": "BELEIDSREACTIE-2025-X7", "datum": morgen.isoformat(), "bron": "Kamerbrief (test)"}
    for data, verwacht, niet in ((voor, GEEN_BELEIDSREACTIE, "BELEIDSREACTIE-2025-X7"), (na, "BELEIDSREACTIE-2025-X7", GEEN_BELEIDSREACTIE)):
        uitvoer = {"pdf": pdf_tekst(render_pdf(data)), "html": render_html(data), "csv": render_csv(data).decode("utf-8-sig")}
        for formaat, tekst in uitvoer.items():
            assert verwacht in tekst, formaat
            assert niet not in tekst, formaat
    # printed right after the summary table, before the meerjarenbeeld
    tekst = pdf_tekst(render_pdf(na))
    assert tekst.index("Oordeel per instelling en waarop het berust") < tekst.index("BELEIDSREACTIE-2025-X7") < tekst.index("Meerjarenbeeld")
    html = render_html(na)
    assert html.index("Samenvatting per instelling") < html.index("BELEIDSREACTIE-2025-X7") < html.index("Per instelling</h2>")
    # and the aanleidingenoverzicht of that day lists it, about no GI in particular
    with om_morgen:
        [item] = aanleidingen(morgen, morgen, morgen)["landelijk"]
    assert item["soort"] == "beleidsreactie" and item["details"] == ["BELEIDSREACTIE-2025-X7"]


@pytest.mark.django_db
def test_reactie_van_het_ministerie_staat_bij_het_signaal(verscherpt, ministerie_gebruiker):
    reactie_registreren(actor=ministerie_gebruiker, instelling=verscherpt["gi"], jaar=2025, signaalcode=VV,
                        tekst="MINISTERIE-REACTIE-Q4", bron="Kamerbrief (test)", reden="wederhoor")
    data = kameroverzicht(2025, klok.vandaag(), "openbaar")
    [signaal] = [s for s in data["instellingen"][0]["signalen"] if s["code"] == VV]
    assert [r["organisatie"] for r in signaal["reacties"]] == ["ministerie"]
    for tekst in (pdf_tekst(render_pdf(data)), render_html(data), render_csv(data).decode("utf-8-sig")):
        assert "MINISTERIE-REACTIE-Q4" in tekst
    assert "de inspecties en het ministerie" in render_html(data)  # the leeswijzer names all three


@pytest.mark.django_db
@pytest.mark.parametrize("variant", ["openbaar", "vertrouwelijk"])
def test_een_reactie_waarvan_het_signaal_niet_meer_geldt(verscherpt, kmi_gebruiker, inspecteur, variant):
    reactie_registreren(actor=kmi_gebruiker, instelling=verscherpt["gi"], jaar=2025, signaalcode=VV,
                        tekst="REACTIE-ZONDER-SIGNAAL-K2", bron="brief", reden="wederhoor")
    toezichtbesluit_laten_vervallen(actor=inspecteur, besluit=verscherpt["toezicht"], reden="onjuist ingevoerd")
    data = kameroverzicht(2025, klok.vandaag(), variant)
    gi = data["instellingen"][0]
    assert VV not in gi["signaalcodes"]
    assert [g["code"] for g in gi["reacties_zonder_signaal"]] == [VV]
    for formaat, tekst in {"pdf": pdf_tekst(render_pdf(data)), "html": render_html(data),
                           "csv": render_csv(data).decode("utf-8-sig")}.items():
        assert "REACTIE-ZONDER-SIGNAAL-K2" in tekst, formaat
        assert "Dit signaal geldt niet" in tekst, formaat
    if variant == "vertrouwelijk":
        assert SIGNAAL_GELDT_NIET_MEER in render_html(data)
    # the aanleidingenoverzicht says it too, beside the reactie
    [reactie] = [i for i in aanleidingen(klok.vandaag(), klok.vandaag(), klok.vandaag(), variant)["instellingen"][0]["aanleidingen"]
                 if i["soort"] == "reactie"]
    assert any(d.startswith("Dit signaal geldt niet") for d in reactie["details"])


# -- empty, refusals, defaults --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_een_lege_periode_wordt_gearchiveerd_met_de_mededeling_dat_niets_gebeurde(verscherpt, ministerie_gebruiker):
    overzicht = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2023, 1, 1), tot=D(2023, 1, 31))
    assert sum(overzicht.data["aantallen"].values()) == 0
    uitvoer = _alle_formaten(overzicht.data)
    assert AANLEIDINGEN_NIETS in uitvoer["pdf"] and AANLEIDINGEN_NIETS in uitvoer["html"]
    assert uitvoer["csv"].count("\r\n") == 1  # the header only
    assert pdf_tekst(bytes(overzicht.pdf)) == uitvoer["pdf"]


@pytest.mark.django_db
def test_een_leeg_register_wordt_geweigerd_en_niet_gearchiveerd(ministerie_gebruiker):
    with pytest.raises(GeenInstellingen, match="het register bevat nog geen instellingen"):
        aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 1, 1), tot=D(2025, 6, 30))
    assert not Aanleidingenoverzicht.objects.exists()


@pytest.mark.django_db
def test_van_na_tot_geweigerd_bij_elke_deur(verscherpt, ministerie_gebruiker):
    with pytest.raises(ValidationError) as fout:
        aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 3, 21), tot=D(2025, 3, 20))
    assert "De begindatum (2025-03-21) ligt na de einddatum (2025-03-20)" in fout.value.message_dict["van"][0]
    with pytest.raises(CommandError, match="ligt na de einddatum"):
        call_command("aanleidingen", "--van", "2025-03-21", "--tot", "2025-03-20")
    body = is_problem(client_voor(ministerie_gebruiker).post("/api/v1/aanleidingenoverzichten",
                                                             {"van": "2025-03-21", "tot": "2025-03-20"}, format="json"), 400)
    assert any(p["name"] == "van" and "ligt na de einddatum" in p["reason"] for p in body["invalidParams"])
    web = Client()
    web.force_login(ministerie_gebruiker)
    pagina = web.post("/kameroverzicht/aanleidingen/", {"van": "2025-03-21", "tot": "2025-03-20", "variant": "openbaar"})
    assert pagina.status_code == 400 and "ligt na de einddatum" in pagina.content.decode()
    assert not Aanleidingenoverzicht.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("velden, veld, woorden", [
    ({"van": D(1999, 12, 31), "tot": D(2025, 1, 1)}, "van", "vóór 01-01-2000"),
    ({"van": D(2025, 1, 1), "tot": D(2099, 1, 1)}, "tot", "in de toekomst"),
    ({"van": D(2025, 1, 1), "tot": D(2025, 6, 30), "peildatum": D(2025, 6, 29)}, "peildatum", "vóór de einddatum"),
])
def test_data_zijn_zinnig(verscherpt, ministerie_gebruiker, velden, veld, woorden):
    with pytest.raises(ValidationError) as fout:
        aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, **velden)
    assert woorden in fout.value.message_dict[veld][0]
    assert not Aanleidingenoverzicht.objects.exists()


@pytest.mark.django_db
def test_standaard_van_is_tot_van_het_vorige(verscherpt, ministerie_gebruiker):
    assert standaard_van() is None
    with pytest.raises(ValidationError) as fout:
        aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, tot=D(2025, 6, 30))
    assert fout.value.message_dict["van"] == [GEEN_VAN]
    web = Client()
    web.force_login(ministerie_gebruiker)
    assert GEEN_VAN in web.get("/kameroverzicht/aanleidingen/").content.decode()
    aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 1, 1), tot=D(2025, 3, 15))
    volgende = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, tot=D(2025, 6, 30))
    assert (volgende.van, volgende.tot) == (D(2025, 3, 15), D(2025, 6, 30))
    pagina = web.get("/kameroverzicht/aanleidingen/").content.decode()
    assert 'name="van" value="2025-06-30"' in pagina and GEEN_VAN not in pagina


# -- archive ------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_archief_onveranderlijk_en_bytegelijk(verscherpt, ministerie_gebruiker):
    eerste = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 1, 1), tot=D(2025, 6, 30))
    tweede = aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 1, 1), tot=D(2025, 6, 30))
    assert tweede.pk == eerste.pk and getattr(tweede, "hergebruikt", False)
    assert Aanleidingenoverzicht.objects.count() == 1
    assert render_aanleidingen_pdf(eerste.data) == bytes(eerste.pdf)
    assert eerste.data["data_sha256"] == bouw.data_sha256(eerste.data)
    with pytest.raises(ValidationError, match="kan niet worden gewijzigd"):
        eerste.save()
    with pytest.raises(ValidationError, match="kan niet worden verwijderd"):
        eerste.delete()


@pytest.mark.django_db
def test_rechten(verscherpt, ministerie_gebruiker, kmi_gebruiker, beheerder):
    with pytest.raises(PermissionDenied, match="vertrouwelijke variant van het aanleidingenoverzicht"):
        aanleidingenoverzicht_genereren(actor=ministerie_gebruiker, van=D(2025, 1, 1), tot=D(2025, 6, 30), variant="vertrouwelijk")
    with pytest.raises(PermissionDenied, match="U mag geen aanleidingenoverzicht aanmaken"):
        aanleidingenoverzicht_genereren(actor=beheerder, van=D(2025, 1, 1), tot=D(2025, 6, 30))
    geheim = aanleidingenoverzicht_genereren(actor=kmi_gebruiker, van=D(2025, 1, 1), tot=D(2025, 6, 30), variant="vertrouwelijk")
    web = Client()
    web.force_login(ministerie_gebruiker)
    assert web.get(f"/kameroverzicht/aanleidingen/{geheim.pk}/pdf").status_code == 404
    assert client_voor(ministerie_gebruiker).get(f"/api/v1/aanleidingenoverzichten/{geheim.pk}").status_code == 404
    assert client_voor().get("/api/v1/aanleidingenoverzichten").status_code in (401, 403)


@pytest.mark.django_db
def test_de_soorten_staan_op_een_plek(verscherpt):
    data = aanleidingen(VAN, TOT, klok.vandaag())
    assert [s["code"] for s in data["soorten"]] == [s.code for s in SOORTEN] == list(data["aantallen"])
    # every kind is listed per GI, about no GI in particular, or both (an aanvraag of a new organisation by name)
    assert all(s.entries or s.landelijk for s in SOORTEN)
    assert [s.code for s in SOORTEN if s.entries and s.landelijk] == ["aanvraag"]


# -- every door ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_commando_api_en_beheer(verscherpt, ministerie_gebruiker, tmp_path):
    pdf, csv = tmp_path / "a.pdf", tmp_path / "a.csv"
    uit = io.StringIO()
    call_command("aanleidingen", "--van", "2025-01-01", "--tot", "2025-06-30", "--uitvoer", str(pdf), "--csv", str(csv), stdout=uit)
    assert "gearchiveerd als nummer" in uit.getvalue()
    overzicht = Aanleidingenoverzicht.objects.get()
    assert pdf.read_bytes() == bytes(overzicht.pdf)
    assert "Signaal begonnen" in csv.read_text(encoding="utf-8-sig")
    api = client_voor(ministerie_gebruiker)
    antwoord = api.post("/api/v1/aanleidingenoverzichten", {"van": "2025-01-01", "tot": "2025-06-30"}, format="json")
    assert antwoord.status_code == 200 and antwoord.json()["id"] == overzicht.pk  # unchanged data: the archived one
    nieuw = api.post("/api/v1/aanleidingenoverzichten", {"van": "2025-02-01", "tot": "2025-02-01"}, format="json")
    assert nieuw.status_code == 201 and nieuw["Location"].endswith(f"/api/v1/aanleidingenoverzichten/{nieuw.json()['id']}")
    detail = nieuw.json()
    assert api.get(detail["pdfUrl"]).content.startswith(b"%PDF")
    assert "Signaal begonnen" in api.get(detail["csvUrl"]).content.decode("utf-8-sig")
    assert json.loads(api.get(detail["jsonUrl"]).content)["van"] == "2025-02-01"
    assert [o["id"] for o in api.get("/api/v1/aanleidingenoverzichten").json()["results"]] == [detail["id"], overzicht.pk]
    # one click from the archive of Kamer overviews
    web = Client()
    web.force_login(ministerie_gebruiker)
    assert 'href="/kameroverzicht/aanleidingen/"' in web.get("/kameroverzicht/archief/").content.decode()
    antwoord = web.post("/kameroverzicht/aanleidingen/", {"van": "2025-03-01", "tot": "2025-03-31", "variant": "openbaar"})
    assert antwoord.status_code == 302
    gemaakt = Aanleidingenoverzicht.objects.order_by("-id").first()
    assert antwoord["Location"] == f"/kameroverzicht/aanleidingen/{gemaakt.pk}/"
    for formaat in ("pdf", "csv", "json", "html"):
        assert web.get(f"/kameroverzicht/aanleidingen/{gemaakt.pk}/{formaat}").status_code == 200, formaat
    assert web.get("/admin/reports/aanleidingenoverzicht/").status_code == 200


# -- any accepted value renders ------------------------------------------------------------------------------------

_TEKST = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300)
_ITEM = st.fixed_dictionaries({
    "soort": st.sampled_from([s.code for s in SOORTEN]),
    "datum": st.dates(D(2000, 1, 1), D(2035, 12, 31)).map(dt.date.isoformat),
    "datumkwaliteit": st.sampled_from(["exact", "maand", "geschat"]),
    "datum_toelichting": _TEKST,
    "omschrijving": _TEKST,
    "details": st.lists(_TEKST, max_size=3),
    "bron": _TEKST,
})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(items=st.lists(_ITEM, max_size=4), landelijk=st.lists(_ITEM, max_size=2), naam=_TEKST,
       variant=st.sampled_from(["openbaar", "vertrouwelijk"]))
def test_elke_toegestane_waarde_rendert_in_alle_drie_formaten(items, landelijk, naam, variant):
    data = {
        "soort": "aanleidingenoverzicht", "schema_versie": 1, "titel": bouw.titel(D(2025, 1, 1), D(2025, 12, 31)),
        "van": "2025-01-01", "tot": "2025-12-31", "peildatum": "2026-01-05", "peildatum_lopend": False, "variant": variant,
        "kamervraag": None, "registerstand": None,
        "soorten": [{"code": s.code, "naam": s.naam, "enkelvoud": s.enkelvoud} for s in SOORTEN],
        "aantallen": {s.code: 0 for s in SOORTEN}, "landelijk": landelijk,
        "instellingen": [{"afkorting": "HYP", "naam": naam, "aanleidingen": items}],
        "data_sha256": "0" * 64,
    }
    pdf = render_aanleidingen_pdf(data)
    assert pdf.startswith(b"%PDF") and pdf == render_aanleidingen_pdf(data)
    html = render_aanleidingen_html(data)
    csv = render_aanleidingen_csv(data).decode("utf-8-sig")
    assert csv.count("\r\n") >= 1 + len(items) + len(landelijk)
    if items:
        assert "HYP" in html


@pytest.mark.django_db
def test_evenveel_queries_bij_meer_instellingen_en_gebeurtenissen(beheerder, kmi_gebruiker, inspecteur):
    """One read per domain model (signalen/selectors.py), however many GI's or events the period holds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def gi(naam):
        g = maak.instelling(beheerder, naam, actief_vanaf=D(2024, 1, 1))
        maak.certificaat(kmi_gebruiker, g, "volledig", D(2024, 1, 1))
        maak.toezicht(inspecteur, g, "verscherpt", D(2025, 3, 12), D(2025, 9, 1))
        maak.onderzoek(inspecteur, g, D(2025, 3, 15), {"goed_bestuur": "onvoldoende"})

    def tel():
        with CaptureQueriesContext(connection) as queries:
            data = aanleidingen(VAN, TOT, klok.vandaag(), "openbaar")
        return len(queries.captured_queries), sum(data["aantallen"].values())

    gi("Q1")
    klein = tel()
    for naam in ("Q2", "Q3", "Q4"):
        gi(naam)
    groot = tel()
    assert groot[0] == klein[0] and groot[1] == 4 * klein[1] > 0


@pytest.mark.django_db
def test_aanvragen_ingediend_of_afgehandeld_in_de_periode(beheerder, kmi_gebruiker):
    """DESIGN.md §5a: certificaatbesluiten and aanvragen. An application lodged on van and one decided on tot count;
    one lodged the day before van does not; a new organisation by name is listed apart from the GI's."""
    from certification.services import aanvraag_registreren

    gi = maak.instelling(beheerder, "AANV", actief_vanaf=D(2024, 1, 1))
    aanvraag_registreren(actor=kmi_gebruiker, instelling=gi, soort="hercertificering", ingediend_op=VAN, bron="KMI-lijst")
    aanvraag_registreren(actor=kmi_gebruiker, instelling=gi, soort="uitbreiding_reikwijdte", ingediend_op=VAN - dt.timedelta(days=1),
                         afgehandeld_op=TOT, ingetrokken=True, bron="KMI-lijst")
    aanvraag_registreren(actor=kmi_gebruiker, organisatie="Nieuwe Jeugdbescherming BV", soort="initieel",
                         ingediend_op=TOT, bron="KMI-lijst")
    data = aanleidingen(VAN, TOT, klok.vandaag())
    items = [(i["datum"], i["omschrijving"]) for i in next(g for g in data["instellingen"] if g["afkorting"] == "AANV")["aanleidingen"]
             if i["soort"] == "aanvraag"]
    assert items == [(VAN.isoformat(), "Aanvraag (hercertificering) ingediend"), (TOT.isoformat(), "Aanvraag (uitbreiding reikwijdte) ingetrokken")]
    assert [i["omschrijving"] for i in data["landelijk"] if i["soort"] == "aanvraag"] == [
        "Aanvraag (initieel) ingediend door Nieuwe Jeugdbescherming BV"
    ]
    for tekst in _alle_formaten(data).values():
        assert "Nieuwe Jeugdbescherming BV" in tekst
