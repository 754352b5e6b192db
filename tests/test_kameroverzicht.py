"""The overview builder: the register as recorded at the end of the peildatum, a fixed number of
queries, and the example data of DESIGN.md §1 (JBN in 2025)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.services import certificaatbesluit_corrigeren, certificaatbesluit_laten_vervallen
from register.domein import DOMEINMODELLEN
from register.klok import AMSTERDAM
from reports.overzicht import GeenInstellingen, kameroverzicht, signalen_per_instelling
from tests import maak

D = dt.date


def _alles_vastgelegd_op(moment: dt.datetime) -> None:
    """Pretend every record so far was recorded at ``moment``."""
    for domeinmodel in DOMEINMODELLEN:
        domeinmodel.model.history.all().update(history_date=moment)


def _laatste_versie_op(obj, moment: dt.datetime) -> None:
    laatste = type(obj).history.filter(id=obj.pk).order_by("-history_date", "-history_id").first()
    type(obj).history.filter(history_id=laatste.history_id).update(history_date=moment)


def _moment(datum: dt.date, uur=12, minuut=0, seconde=0) -> dt.datetime:
    return dt.datetime(datum.year, datum.month, datum.day, uur, minuut, seconde, tzinfo=AMSTERDAM)


def _gi(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


@pytest.mark.django_db
def test_voorbeelddata_jbn_2025_niet_in_de_pas_met_precies_vier_signalen():
    call_command("load_voorbeelddata")
    data = kameroverzicht(2025, dt.datetime.now(AMSTERDAM).date())
    jbn = _gi(data, "JBN")
    signalen = {s["code"]: s for s in jbn["signalen"]}
    assert set(signalen) == {
        "CERTIFICERING_STRENGER_DAN_TOEZICHT",
        "VOLLEDIG_TIJDENS_VERSCHERPT",
        "HERCERTIFICERING_NA_KRITISCH_RAPPORT",
        "AFWEGING_ONTBREEKT",  # the afweging of the example data is a summary from an openbare bron
    }
    assert signalen["CERTIFICERING_STRENGER_DAN_TOEZICHT"]["perioden"] == [["2025-01-01", "2025-07-23"]]
    assert "overbruggingscertificaat" in signalen["CERTIFICERING_STRENGER_DAN_TOEZICHT"]["uitleg"]
    assert signalen["VOLLEDIG_TIJDENS_VERSCHERPT"]["perioden"] == [["2025-09-16", "2025-12-31"]]
    assert signalen["HERCERTIFICERING_NA_KRITISCH_RAPPORT"]["perioden"] == [["2025-09-16", "2025-09-16"]]
    assert "24 juli 2025" in signalen["HERCERTIFICERING_NA_KRITISCH_RAPPORT"]["uitleg"]
    assert jbn["pasoordeel"]["waarde"] == "niet_in_de_pas"
    assert (jbn["certificaat_1_jan"], jbn["certificaat_31_dec"]) == ("overbrugging", "volledig")
    assert (jbn["toezicht_1_jan"], jbn["toezicht_31_dec"]) == ("regulier", "verscherpt")
    assert jbn["laatste_oordeel_goed_bestuur"]["waarde"] == "grotendeels_onvoldoende"
    # the other GI's of the example data are in de pas or there is not enough data to say
    assert {gi["afkorting"] for gi in data["instellingen"] if gi["pasoordeel"]["waarde"] == "niet_in_de_pas"} == {"JBN"}
    # the signal API on the current register agrees
    assert sorted(s.code for s in signalen_per_instelling(2025)["JBN"]) == sorted(signalen)
    assert data["monitor"] and all(m["peildatum"].startswith("2025") for m in data["monitor"])


@pytest.mark.django_db
def test_register_zoals_vastgelegd_aan_het_einde_van_de_peildatum(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "ASOF")
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), D(2026, 12, 31))
    _alles_vastgelegd_op(_moment(D(2025, 1, 10)))

    # corrected on 1 July 2025 at 00:00 Amsterdam: the first instant after the peildatum 30 June
    certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="typefout", geldig_tot=D(2025, 3, 31))
    _laatste_versie_op(besluit, _moment(D(2025, 7, 1), 0, 0, 0))
    # a record created on 30 June at 23:59:59 Amsterdam is part of the peildatum 30 June
    verscherpt = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 5, 1))
    _laatste_versie_op(verscherpt, _moment(D(2025, 6, 30), 23, 59, 59))
    # a record created afterwards is absent
    onderzoek = maak.onderzoek(inspecteur, gi, D(2025, 6, 1), {"goed_bestuur": "onvoldoende"})
    _alles_na = _moment(D(2025, 8, 1))
    _laatste_versie_op(onderzoek, _alles_na)
    for oordeel in onderzoek.oordelen.all():
        _laatste_versie_op(oordeel, _alles_na)
    for koppeling in onderzoek.onderzochte_instellingen.all():  # the report's GI is recorded with it
        _laatste_versie_op(koppeling, _alles_na)

    oud_data = kameroverzicht(2025, D(2025, 6, 30))
    # the cover's "generation time" is the latest recorded change up to the end of the peildatum
    assert oud_data["registerstand"] == "2025-06-30T23:59:59+02:00"
    oud = _gi(oud_data, "ASOF")
    assert oud["certificaat_31_dec"] == "volledig"  # the old geldig tot
    assert oud["toezicht_31_dec"] == "verscherpt"
    assert oud["aantal_rapporten"] == 0
    assert oud["signaalcodes"] == ["VOLLEDIG_TIJDENS_VERSCHERPT"]

    nieuw = _gi(kameroverzicht(2025, D(2025, 7, 1)), "ASOF")
    assert nieuw["certificaat_31_dec"] == "verlopen"
    assert "GEEN_GELDIG_CERTIFICAAT" in nieuw["signaalcodes"]
    assert nieuw["aantal_rapporten"] == 0

    later = _gi(kameroverzicht(2025, D(2025, 8, 1)), "ASOF")
    assert later["aantal_rapporten"] == 1
    assert later["laatste_oordeel_goed_bestuur"]["waarde"] == "onvoldoende"

    # before the GI was recorded at all the register held none: refused, naming the day it was first recorded
    with pytest.raises(GeenInstellingen) as exc:
        kameroverzicht(2025, D(2025, 1, 9))
    assert exc.value.messages == [
        "Op de peildatum 2025-01-09 stond nog geen instelling in het register; de eerste instelling is geregistreerd "
        "per 2025-01-10. Kies een latere peildatum."
    ]
    assert _gi(kameroverzicht(2025, D(2025, 1, 10)), "ASOF")["signaalcodes"] == []


@pytest.mark.django_db
def test_vervallen_verklaard_telt_vanaf_het_moment_van_vervallen_niet_meer(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "VERV")
    besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1), D(2026, 12, 31))
    _alles_vastgelegd_op(_moment(D(2025, 1, 10)))
    certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=besluit, reden="verkeerde instelling")
    _laatste_versie_op(besluit, _moment(D(2025, 3, 1)))

    assert _gi(kameroverzicht(2025, D(2025, 2, 28)), "VERV")["signaalcodes"] == []
    assert _gi(kameroverzicht(2025, D(2025, 3, 1)), "VERV")["signaalcodes"] == ["GEEN_GELDIG_CERTIFICAAT"]


def _vul(beheerder, kmi, inspecteur, n, start):
    for i in range(start, start + n):
        gi = maak.instelling(beheerder, f"Q{i}")
        maak.audit(kmi, gi, D(2025, 2, 1), D(2025, 2, 3), samenvatting="x")
        maak.certificaat(kmi, gi, "overbrugging", D(2025, 1, 1), D(2025, 5, 31))
        maak.certificaat(kmi, gi, "volledig", D(2025, 6, 1), D(2028, 5, 31))
        maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 3, 1), D(2025, 9, 30))
        maak.onderzoek(inspecteur, gi, D(2025, 3, 1), {"goed_bestuur": "onvoldoende", "passende_hulp": "voldoende"})


@pytest.mark.django_db
def test_vast_aantal_queries_bij_n_en_2n_instellingen(beheerder, kmi_gebruiker, inspecteur):
    vandaag = dt.datetime.now(AMSTERDAM).date()
    _vul(beheerder, kmi_gebruiker, inspecteur, 3, 0)
    with CaptureQueriesContext(connection) as bij_n:
        data = kameroverzicht(2025, vandaag, "vertrouwelijk")
    assert len(data["instellingen"]) == 3
    _vul(beheerder, kmi_gebruiker, inspecteur, 3, 3)
    with CaptureQueriesContext(connection) as bij_2n:
        data = kameroverzicht(2025, vandaag, "vertrouwelijk")
    assert len(data["instellingen"]) == 6
    assert all(len(gi["signalen"]) >= 3 for gi in data["instellingen"])
    # one per domain model, one for the themes seeded without history, one for the notes about the data
    assert len(bij_n.captured_queries) == len(bij_2n.captured_queries) <= len(DOMEINMODELLEN) + 2


@pytest.mark.django_db
def test_signalen_per_instelling_leest_het_huidige_register_met_vaste_queries(
    beheerder, kmi_gebruiker, inspecteur, django_assert_num_queries
):
    _vul(beheerder, kmi_gebruiker, inspecteur, 2, 10)
    with django_assert_num_queries(len(DOMEINMODELLEN)):  # one per domain model (register/domein.py)
        resultaat = signalen_per_instelling(2025)
    _vul(beheerder, kmi_gebruiker, inspecteur, 2, 12)
    with django_assert_num_queries(len(DOMEINMODELLEN)):
        resultaat = signalen_per_instelling(2025)
    assert set(resultaat) == {"Q10", "Q11", "Q12", "Q13"}
    assert {s.code for s in resultaat["Q10"]} >= {"VOLLEDIG_TIJDENS_VERSCHERPT", "HERCERTIFICERING_NA_KRITISCH_RAPPORT"}


@pytest.mark.django_db
def test_leeg_register_wordt_geweigerd():
    with pytest.raises(GeenInstellingen) as exc:
        kameroverzicht(2025, D(2025, 12, 31))
    assert exc.value.messages == [
        "Op de peildatum 2025-12-31 stond nog geen instelling in het register; het register bevat nog geen instellingen. "
        "Registreer eerst een instelling, of kies een latere peildatum."
    ]
    assert exc.value.code == "geen_instellingen" and exc.value.eerste_registratie is None


@pytest.mark.django_db
def test_gi_zonder_records_telt_en_heeft_een_meerjarenbeeld(beheerder):
    maak.instelling(beheerder, "LEEG", actief_vanaf=D(2024, 2, 29))
    vandaag = dt.datetime.now(AMSTERDAM).date()
    data = kameroverzicht(2025, vandaag)
    [gi] = data["instellingen"]
    # none recorded: complete since actief vanaf
    assert (gi["certificering_vanaf"], gi["toezicht_vanaf"]) == ("2024-02-29", "2024-02-29")
    assert gi["signaalcodes"] == ["GEEN_GELDIG_CERTIFICAAT"]
    assert (data["volledigheid"]["aantal_instellingen"], data["volledigheid"]["eerste_registratie"]) == (1, "2024-02-29")
    [rij] = data["meerjarenbeeld"]["instellingen"]
    assert [(j["jaar"], j["bekend"], j["signaalcodes"]) for j in rij["jaren"]] == [
        (2021, False, []), (2022, False, []), (2023, False, []),
        (2024, True, ["GEEN_GELDIG_CERTIFICAAT"]), (2025, True, ["GEEN_GELDIG_CERTIFICAAT"]),
    ]
    assert kameroverzicht(2023, vandaag)["volledigheid"]["aantal_instellingen"] == 0  # held, but not active in 2023


@pytest.mark.django_db
def test_een_gi_die_pas_na_de_peildatum_actief_wordt_telt_niet(beheerder):
    vandaag = dt.datetime.now(AMSTERDAM).date()
    maak.instelling(beheerder, "LATER", actief_vanaf=vandaag)
    with pytest.raises(GeenInstellingen) as exc:
        from reports.overzicht import bouw
        from signalen.selectors import registerstand_nu

        bouw(registerstand_nu(), jaar=2025, peildatum=vandaag - dt.timedelta(days=1), variant="openbaar")
    assert f"de eerste instelling is geregistreerd per {vandaag.isoformat()}" in exc.value.messages[0]
    # the same day counts
    assert kameroverzicht(vandaag.year, vandaag)["volledigheid"]["aantal_instellingen"] == 1


@pytest.mark.django_db
def test_de_gegevens_hebben_een_sha256_die_verandert_met_de_inhoud(beheerder):
    maak.instelling(beheerder, "SHA")
    vandaag = dt.datetime.now(AMSTERDAM).date()
    a = kameroverzicht(2025, vandaag)
    b = kameroverzicht(2025, vandaag)
    assert a["data_sha256"] == b["data_sha256"] and len(a["data_sha256"]) == 64
    assert kameroverzicht(2024, vandaag)["data_sha256"] != a["data_sha256"]


def test_signaalcodes_breken_alleen_na_een_liggend_streepje():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.pdf import _codes

    codes = ["VOLLEDIG_TIJDENS_VERSCHERPT", "HERCERTIFICERING_NA_KRITISCH_RAPPORT", "CERTIFICERING_STRENGER_DAN_TOEZICHT"]
    breedte = 90
    regels = _codes(codes, breedte).text.split("<br/>")
    assert len(regels) > len(codes)  # at this width the codes must break
    assert all(r.endswith("_") or any(c.endswith("_" + r) or c == r for c in codes) for r in regels)
    assert all(stringWidth(r, "Helvetica", 7) <= breedte for r in regels)
    assert "".join(regels) == "".join(codes)
    assert _codes(codes, 1000).text.split("<br/>") == codes
    assert _codes([], breedte).text == "–"
