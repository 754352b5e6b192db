"""Embargo (DESIGN.md §3, Inspectieonderzoek): a report may be entered up to 30 days before its rapportdatum; until
that day only the toezichthouders (KMI, inspecties, RvA) and the ministerie (roles.LEZERS_EMBARGO) see it, at every door; on the day itself it is
public without anyone touching it. The confidentiality matrix for a record under embargo: per door and per reader,
the day before the rapportdatum (23:30 in Amsterdam) and the day itself (00:30 in Amsterdam, still the day before in
UTC)."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from register import klok, roles, vertrouwelijkheid
from reports.overzicht import kameroverzicht
from reports.varianten import OPENBAAR, VERTROUWELIJK
from supervision.models import Inspectieonderzoek
from supervision.services import inspectieonderzoek_corrigeren
from tests import maak
from tests.test_api_basis import client_voor
from vroegsignalering.models import Embargomelding

D = dt.date
pytestmark = pytest.mark.django_db

AMS = klok.AMSTERDAM
TITEL = "EMBARGO-RAPPORT-9Z"
RAPPORTDATUM = D(2026, 7, 24)
INVOER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=AMS)  # entered 23 days before publication
DAG_ERVOOR = dt.datetime(2026, 7, 23, 23, 30, tzinfo=AMS)
DE_DAG = dt.datetime(2026, 7, 24, 0, 30, tzinfo=AMS)  # 22:30 UTC on 23 July: the Amsterdam date decides

# Who sees a report under embargo: the decision of DESIGN.md §3 as this register reads it (roles.py LEZERS_EMBARGO).
ZIEN_VOORAF = ("kmi", "inspectie", "rva", "ministerie")
ZIEN_NIET_VOORAF = ("publiek", "zonder_rol", "beheer")
LEZERS = ZIEN_VOORAF + ZIEN_NIET_VOORAF


@contextmanager
def klok_op(moment: dt.datetime):
    with mock.patch("django.utils.timezone.now", return_value=moment.astimezone(dt.timezone.utc)):
        yield


def test_de_lezers_van_het_embargo_staan_op_een_plek():
    assert roles.LEZERS_EMBARGO == frozenset(ZIEN_VOORAF)


@pytest.fixture
def lezers(kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder):
    zonder_rol = User.objects.create_user(username="zonder-rol", password="geheim-wachtwoord-123", is_staff=True)
    return {"publiek": None, "zonder_rol": zonder_rol, "kmi": kmi_gebruiker, "inspectie": inspecteur,
            "rva": rva_gebruiker, "ministerie": ministerie_gebruiker, "beheer": beheerder}


@pytest.fixture
def wereld(beheerder, kmi_gebruiker, inspecteur):
    """JBN, certified volledig since 16 September 2025, with a public report of 2025 and, entered on 1 July 2026, a
    report under embargo until 24 July 2026 with a kritisch oordeel on goed bestuur (which fires a signal once it
    counts)."""
    with klok_op(dt.datetime(2025, 10, 1, 12, 0, tzinfo=AMS)):
        gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        openbaar = maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "grotendeels_voldoende"},
                                  titel="OPENBAAR-RAPPORT")
    with klok_op(INVOER):
        embargo = maak.onderzoek(inspecteur, gi, RAPPORTDATUM, {"goed_bestuur": "onvoldoende"}, titel=TITEL,
                                 samenvatting="Samenvatting onder embargo")
    return {"gi": gi, "embargo": embargo, "openbaar": openbaar}


def _api(lezers, rol):
    return client_voor(lezers[rol])


def _web(lezers, rol):
    client = Client()
    if lezers[rol] is not None:
        client.force_login(lezers[rol])
    return client


def _ziet(rol: str, moment: dt.datetime) -> bool:
    return moment >= DE_DAG or rol in ZIEN_VOORAF


MOMENTEN = [pytest.param(DAG_ERVOOR, id="dag-ervoor"), pytest.param(DE_DAG, id="de-dag")]


# --- The doors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("moment", MOMENTEN)
@pytest.mark.parametrize("rol", LEZERS)
def test_api_lijst_detail_filters_en_tijdlijn(wereld, lezers, rol, moment):
    onderzoek = wereld["embargo"]
    client = _api(lezers, rol)
    with klok_op(moment):
        zichtbaar = _ziet(rol, moment)
        lijst = client.get("/api/v1/inspectieonderzoeken")
        assert lijst.status_code == 200
        assert (TITEL in lijst.content.decode()) is zichtbaar
        assert lijst.json()["count"] == (2 if zichtbaar else 1)
        # filters and counts: guessing the date, the theme or the waarde tells nothing
        for vraag in ("rapportdatumVanaf=2026-07-24", "thema=goed_bestuur&waarde=onvoldoende", "instelling=JBN",
                      "ordering=-rapportdatum"):
            antwoord = client.get(f"/api/v1/inspectieonderzoeken?{vraag}")
            assert antwoord.status_code in (200, 400), vraag
            assert (TITEL in antwoord.content.decode()) is (zichtbaar and antwoord.status_code == 200), vraag
        detail = client.get(f"/api/v1/inspectieonderzoeken/{onderzoek.pk}")
        assert detail.status_code == (200 if zichtbaar else 404)
        if not zichtbaar:  # absent, exactly as an id that does not exist
            bestaat_niet = client.get("/api/v1/inspectieonderzoeken/999999")
            assert detail.status_code == bestaat_niet.status_code
            assert detail.json()["title"] == bestaat_niet.json()["title"]
        tijdlijn = client.get("/api/v1/instellingen/JBN/tijdlijn")
        assert tijdlijn.status_code == 200
        assert (TITEL in tijdlijn.content.decode()) is zichtbaar
        assert "OPENBAAR-RAPPORT" in tijdlijn.content.decode()


@pytest.mark.parametrize("moment", MOMENTEN)
@pytest.mark.parametrize("rol", LEZERS)
def test_api_signalen_tellen_het_rapport_pas_vanaf_de_rapportdatum(wereld, lezers, rol, moment):
    """A signal or verdict resting on a report under embargo would reveal it to the KMI and the RvA (who receive the
    signals) and to the public: a report counts in the signals from its rapportdatum, for every reader alike."""
    with klok_op(moment):
        antwoord = _api(lezers, rol).get("/api/v1/signalen?jaar=2026")
        assert antwoord.status_code == 200
        jbn = next(i for i in antwoord.json()["results"] if i["instelling"] == "JBN")
        codes = {s["code"] for s in jbn["signalen"]}
        assert ("VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL" in codes) is (moment >= DE_DAG)
        assert (TITEL in antwoord.content.decode()) is (moment >= DE_DAG)


def _wijzigingen(client, sinds: str | None = None) -> list[dict]:
    url = "/api/v1/wijzigingen" + (f"?sinds={sinds}" if sinds else "")
    items, antwoord = [], client.get(url)
    while True:
        assert antwoord.status_code == 200
        items += antwoord.json()["results"]
        if not antwoord.json().get("next"):
            return items
        antwoord = client.get(antwoord.json()["next"])


@pytest.mark.parametrize("moment", MOMENTEN)
@pytest.mark.parametrize("rol", LEZERS)
def test_wijzigingenstroom(wereld, lezers, rol, moment):
    onderzoek = wereld["embargo"]
    with klok_op(moment):
        items = _wijzigingen(_api(lezers, rol))
    eigen = [i for i in items if i["resource"] == "inspectieonderzoeken" and i["id"] == onderzoek.pk]
    oordelen = [i for i in items if i["resource"] == "oordelen" and i["gegevens"].get("onderzoekId") == onderzoek.pk]
    zichtbaar = _ziet(rol, moment)
    assert bool(eigen) is zichtbaar and bool(oordelen) is zichtbaar
    if zichtbaar and rol not in ZIEN_VOORAF:
        # dated by its publication: the start of the rapportdatum in Amsterdam, not the day it was entered
        assert {i["tijdstip"] for i in eigen + oordelen} == {"2026-07-23T22:00:00Z"}
    if rol in ZIEN_VOORAF:
        assert eigen[0]["tijdstip"] == "2026-07-01T08:00:00Z"


def test_wie_de_wijzigingen_sinds_gisteren_vraagt_krijgt_het_rapport_op_de_dag(wereld, lezers):
    """A system that polls the feed with sinds = its last poll gets the report on its rapportdatum, although it was
    entered three weeks earlier; the day before, the same question gives nothing of it."""
    client = _api(lezers, "publiek")
    with klok_op(DAG_ERVOOR):
        ervoor = _wijzigingen(client, "2026-07-23T00:00:00Z")
    with klok_op(DE_DAG):
        erna = _wijzigingen(client, "2026-07-23T00:00:00Z")
        later = _wijzigingen(client, "2026-07-23T22:00:00Z")  # asked again after the moment it appeared: not twice
    assert not [i for i in ervoor if i["resource"] in ("inspectieonderzoeken", "oordelen", "onderzochte_instellingen")]
    assert {(i["resource"], i["type"]) for i in erna} == {
        ("inspectieonderzoeken", "create"), ("oordelen", "create"), ("onderzochte_instellingen", "create"),
    }
    assert later == []


@pytest.mark.parametrize("moment", MOMENTEN)
def test_atom_feed_van_de_open_data(wereld, moment):
    with klok_op(moment):
        antwoord = Client().get("/open-data/wijzigingen.atom")
    assert antwoord.status_code == 200
    assert (TITEL in antwoord.content.decode()) is (moment >= DE_DAG)


@pytest.mark.parametrize("moment", MOMENTEN)
def test_open_data_exports(wereld, moment):
    with klok_op(moment):
        csv = Client().get("/open-data/registraties.csv").content.decode("utf-8-sig")
        data = json.loads(Client().get("/open-data/registraties.json").content)
    zichtbaar = moment >= DE_DAG
    assert (TITEL in csv) is zichtbaar
    onderzoek = wereld["embargo"].pk
    rijen = [r for r in data["rijen"] if r["soort"] in ("inspectieonderzoek", "oordeel")
             and (r["id"] == onderzoek or r["onderzoek_id"] == onderzoek)]
    assert bool(rijen) is zichtbaar


@pytest.mark.parametrize("moment", MOMENTEN)
@pytest.mark.parametrize("rol", LEZERS)
def test_openbare_paginas(wereld, lezers, rol, moment):
    """The public pages show what the public may read, whoever reads them: the GI page (with its timeline SVG) and
    the public Kamer overview of the year."""
    client = _web(lezers, rol)
    with klok_op(moment):
        for url in ("/", "/kameroverzicht/"):  # the start page and the overview's summary name no report
            antwoord = client.get(url)
            assert antwoord.status_code == 200 and TITEL not in antwoord.content.decode()
        for url in ("/instellingen/JBN", "/instellingen/JBN?jaar=2026", "/kameroverzicht/2026/JBN"):
            antwoord = client.get(url)
            assert antwoord.status_code == 200, url
            assert (TITEL in antwoord.content.decode()) is (moment >= DE_DAG), (url, rol)


@pytest.mark.parametrize("moment", MOMENTEN)
@pytest.mark.parametrize("rol", LEZERS)
def test_admin_lijst_formulier_en_historie(wereld, lezers, rol, moment):
    onderzoek = wereld["embargo"]
    client = _web(lezers, rol)
    with klok_op(moment):
        lijst = client.get("/admin/supervision/inspectieonderzoek/")
        wijzigen = client.get(f"/admin/supervision/inspectieonderzoek/{onderzoek.pk}/change/")
        historie = client.get(f"/admin/supervision/inspectieonderzoek/{onderzoek.pk}/history/")
        bestaat_niet = client.get("/admin/supervision/inspectieonderzoek/999999/change/")
        gi = client.get(f"/admin/register/instelling/{wereld['gi'].pk}/change/")
    if rol == "publiek":
        for antwoord in (lijst, wijzigen, historie):
            assert antwoord.status_code == 302 and "/admin/login/" in antwoord["Location"]
        return
    zichtbaar = _ziet(rol, moment)
    if rol == "zonder_rol":  # may read nothing; the history of a report under embargo: as of an id that does not exist
        assert lijst.status_code == wijzigen.status_code == 403
        assert historie.status_code == (403 if zichtbaar else 404)
        return
    assert lijst.status_code == 200
    assert (TITEL in lijst.content.decode()) is zichtbaar
    if zichtbaar:
        assert wijzigen.status_code == historie.status_code == 200
        assert TITEL in wijzigen.content.decode()
    else:
        # answered as an id that does not exist: the same redirect, and a 404 for its history
        assert wijzigen.status_code == bestaat_niet.status_code == 302
        assert wijzigen["Location"] == bestaat_niet["Location"]
        assert historie.status_code == 404
    assert gi.status_code == 200
    assert (TITEL in gi.content.decode()) is zichtbaar
    with klok_op(moment):  # the export of the admin's list (historisch/) reads the same list
        export = client.get("/admin/historisch/inspectieonderzoeken/exporteren.csv")
    assert export.status_code == 200
    assert (TITEL in export.content.decode("utf-8-sig")) is zichtbaar


@pytest.mark.parametrize("variant", [OPENBAAR, VERTROUWELIJK])
def test_kameroverzicht_van_beide_varianten_op_de_dag_ervoor_en_de_dag_zelf(wereld, variant):
    """Archived for the Kamer and read by the KMI and the RvA: an overview holds a report from its rapportdatum on."""
    def codes(overzicht) -> set[str]:
        return {s["code"] for gi in overzicht["instellingen"] for s in gi["signalen"]}

    with klok_op(DAG_ERVOOR):
        ervoor = kameroverzicht(2026, D(2026, 7, 23), variant)
    with klok_op(DE_DAG):
        erna = kameroverzicht(2026, D(2026, 7, 24), variant)
        # the overview of the day before, made again on the day itself, stays as it was recorded that day
        opnieuw = kameroverzicht(2026, D(2026, 7, 23), variant)
    assert TITEL not in json.dumps(ervoor, default=str) and "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL" not in codes(ervoor)
    assert TITEL in json.dumps(erna, default=str) and "VOLLEDIG_ONDANKS_KRITISCH_BESTUURSOORDEEL" in codes(erna)
    assert TITEL not in json.dumps(opnieuw, default=str)


def test_openbaar_overzicht_verandert_niet_door_het_invoeren_onder_embargo(wereld):
    """The moment of the latest public change (printed on the overview) is not moved by a report under embargo, nor
    by its oordelen: the overview of 23 July says the same as that of 30 June."""
    with klok_op(dt.datetime(2026, 6, 30, 12, 0, tzinfo=AMS)):
        voor = kameroverzicht(2026, D(2026, 6, 30), OPENBAAR)
    with klok_op(DAG_ERVOOR):
        na = kameroverzicht(2026, D(2026, 7, 23), OPENBAAR)
    assert voor["registerstand"] is not None
    assert voor["registerstand"] == na["registerstand"]
    assert TITEL not in json.dumps(na, default=str)


# --- The response cache ------------------------------------------------------------------------------


def test_een_antwoord_van_de_dag_ervoor_verbergt_het_rapport_niet_op_de_dag(wereld):
    client = client_voor()
    with klok_op(DAG_ERVOOR):
        assert TITEL not in client.get("/api/v1/inspectieonderzoeken").content.decode()
        assert TITEL not in Client().get("/instellingen/JBN").content.decode()
    with klok_op(DE_DAG):
        assert TITEL in client.get("/api/v1/inspectieonderzoeken").content.decode()
        assert TITEL in Client().get("/instellingen/JBN").content.decode()


@pytest.mark.parametrize("rol", ZIEN_NIET_VOORAF)
def test_een_antwoord_voor_de_inspecties_gaat_nooit_naar_een_ander(wereld, lezers, rol):
    """Beheer reads every field an inspecteur reads; the key of an answer still differs, so the inspecteur's answer
    (with the report) is never served to it, nor to anyone else who may not see it yet."""
    with klok_op(DAG_ERVOOR):
        for url in ("/api/v1/inspectieonderzoeken", "/api/v1/instellingen/JBN/tijdlijn", "/api/v1/signalen?jaar=2026"):
            voor_inspecties = client_voor(lezers["inspectie"]).get(url)
            assert voor_inspecties.status_code == 200
            assert _api(lezers, rol).get(url).content != voor_inspecties.content or TITEL not in voor_inspecties.content.decode()
            assert TITEL not in _api(lezers, rol).get(url).content.decode()
        assert TITEL in client_voor(lezers["inspectie"]).get("/api/v1/inspectieonderzoeken").content.decode()


# --- Validation: at most 30 days before publication ----------------------------------------------------


@pytest.mark.parametrize("vandaag, laatste", [
    (D(2026, 7, 1), D(2026, 7, 31)),
    (D(2028, 2, 10), D(2028, 3, 11)),  # across a leap day: 29 February 2028 counts
    (D(2027, 2, 10), D(2027, 3, 12)),  # no leap day
])
def test_dertig_dagen_vooruit_wel_een_dag_later_niet(beheerder, inspecteur, vandaag, laatste):
    with klok_op(dt.datetime.combine(vandaag, dt.time(12, 0), tzinfo=AMS)):
        gi = maak.instelling(beheerder, "JBN")
        aanvaard = maak.onderzoek(inspecteur, gi, laatste)
        assert aanvaard.rapportdatum == laatste
        with pytest.raises(ValidationError) as exc:
            maak.onderzoek(inspecteur, gi, laatste + dt.timedelta(days=1), titel="Een dag te vroeg")
        melding = " ".join(exc.value.message_dict["rapportdatum"])
        assert "ligt meer dan 30 dagen na vandaag" in melding
        assert f"tot en met {laatste.strftime('%d-%m-%Y')}." in melding
        assert Inspectieonderzoek.objects.count() == 1


def test_de_api_weigert_31_dagen_vooruit_en_slaat_niets_op(beheerder, inspecteur):
    with klok_op(INVOER):
        maak.instelling(beheerder, "JBN")
        body = {"instellingen": [{"instelling": "JBN"}], "soort": "thematisch", "door": "IGJ", "titel": "Te vroeg", "bron": "test"}
        te_vroeg = client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {**body, "rapportdatum": "2026-08-01"}, format="json")
        assert te_vroeg.status_code == 400
        reden = next(p["reason"] for p in te_vroeg.json()["invalidParams"] if p["name"] == "rapportdatum")
        assert "tot en met 2026-07-31" in reden
        assert Inspectieonderzoek.objects.count() == 0
        goed = client_voor(inspecteur).post("/api/v1/inspectieonderzoeken", {**body, "rapportdatum": "2026-07-31"}, format="json")
        assert goed.status_code == 201


def test_het_bezoek_blijft_niet_na_vandaag(beheerder, inspecteur):
    """Only the rapportdatum may lie ahead: the visit of a report under embargo has happened."""
    with klok_op(INVOER):
        gi = maak.instelling(beheerder, "JBN")
        with pytest.raises(ValidationError) as exc:
            maak.onderzoek(inspecteur, gi, RAPPORTDATUM, bezoek_van=D(2026, 7, 2), bezoek_tot=D(2026, 7, 3))
        assert "ligt na vandaag" in " ".join(exc.value.message_dict["bezoek_van"])
        assert Inspectieonderzoek.objects.count() == 0


# --- Meldingen in advance ------------------------------------------------------------------------------


def test_wie_het_rapport_vooraf_ziet_krijgt_een_melding_en_niemand_anders(
    beheerder, lezers, settings, django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for rol, user in lezers.items():
        if user is not None:
            user.email = f"{rol}@example.org"
            user.save()
    with klok_op(INVOER):
        gi = maak.instelling(beheerder, "JBN")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            onderzoek = maak.onderzoek(lezers["inspectie"], gi, RAPPORTDATUM, {"goed_bestuur": "onvoldoende"}, titel=TITEL)
    meldingen = list(Embargomelding.objects.all())
    assert [(m.onderzoek_id, m.soort, m.rapportdatum) for m in meldingen] == [(onderzoek.pk, "vastgelegd", RAPPORTDATUM)]
    embargo_mails = [m for m in mail.outbox if "embargo" in m.subject]
    assert sorted(a for m in embargo_mails for a in m.to) == ["inspectie@example.org", "kmi@example.org", "ministerie@example.org", "rva@example.org"]
    assert all(TITEL in m.body and "24 juli 2026" in m.body for m in embargo_mails)
    # no other e-mail names the report (the signal it will fire starts on the rapportdatum)
    assert not [m for m in mail.outbox if m not in embargo_mails and TITEL in m.body]

    with klok_op(dt.datetime(2026, 7, 2, 9, 0, tzinfo=AMS)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            inspectieonderzoek_corrigeren(actor=lezers["inspectie"], onderzoek=onderzoek, reden="Titel aangepast",
                                          titel=TITEL + " (herzien)")
    assert Embargomelding.objects.latest("id").soort == "gewijzigd"
    assert len([m for m in mail.outbox if "embargo" in m.subject]) == len(ZIEN_VOORAF)

    # a public report (rapportdatum today) needs no melding in advance
    with klok_op(INVOER), django_capture_on_commit_callbacks(execute=True):
        maak.onderzoek(lezers["inspectie"], gi, D(2026, 7, 1), titel="Vandaag openbaar")
    assert Embargomelding.objects.count() == 2


@pytest.mark.parametrize("rol", LEZERS)
def test_de_embargomeldingen_leest_alleen_wie_het_rapport_vooraf_ziet(wereld, lezers, rol):
    from vroegsignalering.services import embargomeldingen_vastleggen

    with klok_op(INVOER):
        embargomeldingen_vastleggen(onderzoeken={wereld["embargo"].pk: True}, versturen=False)
    with klok_op(DAG_ERVOOR):
        antwoord = _web(lezers, rol).get("/admin/vroegsignalering/embargomelding/")
    if rol in ZIEN_VOORAF:
        assert antwoord.status_code == 200 and TITEL in antwoord.content.decode()
    else:
        assert antwoord.status_code in (302, 403)
        assert TITEL not in antwoord.content.decode()


# --- The one rule ----------------------------------------------------------------------------------------


def test_de_regel_volgt_de_datum_in_amsterdam(wereld):
    qs = Inspectieonderzoek.objects.all()
    with klok_op(DAG_ERVOOR):
        assert vertrouwelijkheid.onder_embargo(RAPPORTDATUM)
        assert TITEL not in {o.titel for o in vertrouwelijkheid.zonder_embargo(None, Inspectieonderzoek, qs)}
    with klok_op(DE_DAG):
        assert not vertrouwelijkheid.onder_embargo(RAPPORTDATUM)
        assert TITEL in {o.titel for o in vertrouwelijkheid.zonder_embargo(None, Inspectieonderzoek, qs)}


# --- Every offset, every reader ------------------------------------------------------------------------------


@contextmanager
def _teruggedraaid():
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


VANDAAG = dt.datetime(2026, 3, 15, 12, 0, tzinfo=AMS)


@hypothesis_settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(verschuiving=st.integers(min_value=-400, max_value=30), rol=st.sampled_from(LEZERS))
def test_een_rapport_verschijnt_precies_wanneer_het_mag(verschuiving, rol, beheerder, lezers):
    """For a rapportdatum from 400 days ago to 30 days ahead and every reader: the report is in the API list exactly
    when its rapportdatum has come or the reader may see it in advance, and on the public GI page exactly when its
    rapportdatum has come."""
    from django.core.cache import cache

    from register.cache import VERTROUWELIJK

    cache.clear()
    VERTROUWELIJK.clear()  # every example is rolled back: its ids come back, its answers must not
    rapportdatum = VANDAAG.date() + dt.timedelta(days=verschuiving)
    titel = f"RAPPORT-{verschuiving}-{rol}"
    with klok_op(VANDAAG), _teruggedraaid():
        gi = maak.instelling(beheerder, "JBN")
        maak.onderzoek(lezers["inspectie"], gi, rapportdatum, {"goed_bestuur": "onvoldoende"}, titel=titel)
        openbaar = verschuiving <= 0
        lijst = _api(lezers, rol).get("/api/v1/inspectieonderzoeken")
        assert lijst.status_code == 200
        assert (titel in lijst.content.decode()) is (openbaar or rol in ZIEN_VOORAF)
        pagina = _web(lezers, rol).get("/instellingen/JBN")
        assert pagina.status_code == 200
        assert (titel in pagina.content.decode()) is openbaar
