"""Sane dates (DESIGN.md §3), through every door: the service, the API and the admin.

Nothing before 1 January 2000; what has happened not after today; what is planned at most 10 years
after today; a rapportdatum (published on a set day) at most 30 days after today, the embargo. Each refusal is a Dutch message on the field that names the allowed range, and nothing
is saved. The clock is set to 15 March 2026 (Amsterdam) so the boundaries are fixed days.
"""

import datetime as dt
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from register.camel import camel
from certification.models import Certificaatbesluit
from register import datums, domein, roles
from register.services import corrigeren, laten_vervallen, registreren
from register.teksten import datum_cijfers
from supervision.models import Door, Inspectieonderzoek, Toezichtbesluit
from tests import maak
from tests.test_api_basis import PROBLEM, client_voor

D = dt.date
pytestmark = pytest.mark.django_db

VANDAAG = D(2026, 3, 15)
MORGEN = D(2026, 3, 16)
OVER_TIEN_JAAR = D(2036, 3, 15)
OVER_DERTIG_DAGEN = D(2026, 4, 14)
EERSTE_DAG = D(2000, 1, 1)
DAG_ERVOOR = D(1999, 12, 31)
NEUTRAAL = D(2020, 6, 1)  # a day every field accepts


@pytest.fixture(autouse=True)
def klok():
    """15 March 2026, 12:00 in Amsterdam."""
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, 15, 11, 0, tzinfo=dt.timezone.utc)):
        yield


@pytest.fixture
def gi(beheerder):
    return maak.instelling(beheerder, "JBN")


def _model(label):
    return apps.get_model(label)


# Every (model, field, kind) of the one table in register/datums.py.
VELDEN = [(label, veld, soort) for label, velden in datums.DATUMSOORTEN.items() for veld, soort in velden.items()]


def test_elk_datumveld_van_het_register_staat_in_de_tabel():
    """A new date field must be classified (happened or planned) before the register accepts it."""
    ontbrekend = []
    for app in ("register", "certification", "supervision"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for veld in model._meta.concrete_fields:
                if isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
                    if veld.name not in datums.DATUMSOORTEN.get(model._meta.label, {}):
                        ontbrekend.append(f"{model._meta.label}.{veld.name}")
    assert ontbrekend == []


def test_de_indeling_volgt_design():
    gebeurd = {veld for _, veld, soort in VELDEN if soort == datums.GEBEURD}
    gepland = {veld for _, veld, soort in VELDEN if soort == datums.GEPLAND}
    aangekondigd = {veld for _, veld, soort in VELDEN if soort == datums.AANGEKONDIGD}
    assert aangekondigd == {"rapportdatum"}
    assert {"besluitdatum", "startdatum", "einddatum", "bezoek_van", "bezoek_tot", "datum", "peildatum",
            "certificering_vanaf", "toezicht_vanaf", "ingediend_op", "datum_uitkomst", "afgehandeld_op", "geldig_vanaf"} == gebeurd
    assert {"ingangsdatum", "geldig_tot", "voorziene_einddatum", "hersteltermijn", "termijn", "actief_vanaf", "actief_tot"} == gepland


def velden_met(label: str, veld: str, waarde: dt.date, gi) -> dict:
    """A complete, otherwise valid record of ``label`` with ``veld`` = ``waarde``; other dates are chosen to
    satisfy the ordering rules (einddatum >= startdatum, geldig tot >= ingangsdatum, …)."""
    vroeg = min(NEUTRAAL, waarde)
    if label == "register.Instelling":
        return {"naam": "Nieuwe GI", "afkorting": "NIEUW", "soort": "regionaal", "bron": "test", veld: waarde}
    if label == "register.Monitormeting":
        return {"peildatum": waarde, "bron": "GI-monitor"}
    if label == "register.Monitordefinitie":
        return {"indicator": "fte", "naam": "fte", "omschrijving": "o", "geldig_vanaf": waarde, "bron": "test"}
    if label == "register.Omvang":
        return {"datum": waarde, "aantal": 13, "bron": "antwoorden Kamervragen"}
    if label == "certification.Audit":
        start = {"startdatum": waarde}.get(veld, vroeg)
        einde = {"einddatum": waarde, "startdatum": waarde}.get(veld, vroeg)
        return {"instelling": gi, "soort": "periodiek", "startdatum": start, "einddatum": einde,
                "hersteltermijn": waarde if veld == "hersteltermijn" else None, "bron": "test"}
    if label == "certification.Certificaatbesluit":
        velden = {"instelling": gi, "status": "ingetrokken", "besluitdatum": NEUTRAAL, "ingangsdatum": NEUTRAAL,
                  "geldig_tot": None, "bron": "test", "reikwijdte": "beide"}
        if veld == "geldig_tot":
            velden.update(status="geschorst", ingangsdatum=vroeg)
        return {**velden, veld: waarde}
    if label == "certification.Bezwaar":
        from certification.models import Certificaatbesluit

        besluit, _ = Certificaatbesluit.objects.get_or_create(
            instelling=gi, ingangsdatum=EERSTE_DAG,
            # stored directly (a legacy date before the register's first day), so that a bezwaar on any day can follow it
            defaults={"status": "ingetrokken", "besluitdatum": D(1999, 1, 1), "bron": "test", "reikwijdte": "beide"},
        )
        if veld == "datum_uitkomst":
            return {"certificaatbesluit": besluit, "soort": "bezwaar", "ingediend_op": vroeg, "uitkomst": "ongegrond",
                    "datum_uitkomst": waarde, "bron": "test"}
        return {"certificaatbesluit": besluit, "soort": "bezwaar", "ingediend_op": waarde, "uitkomst": "lopend", "bron": "test"}
    if label == "certification.Aanvraag":
        if veld == "afgehandeld_op":
            return {"instelling": gi, "soort": "initieel", "ingediend_op": vroeg, "afgehandeld_op": waarde,
                    "ingetrokken": True, "bron": "test"}
        return {"instelling": gi, "soort": "initieel", "ingediend_op": waarde, "bron": "test"}
    if label == "supervision.Toezichtbesluit":
        velden = {"instelling": gi, "niveau": "verscherpt", "door": Door.IGJ, "besluitdatum": NEUTRAAL,
                  "ingangsdatum": vroeg if veld == "voorziene_einddatum" else NEUTRAAL, "voorziene_einddatum": None, "bron": "test"}
        return {**velden, veld: waarde}
    if label == "supervision.Handhavingsmaatregel":
        velden = {"instelling": gi, "soort": "aanwijzing", "door": Door.IGJ, "datum": vroeg if veld == "termijn" else NEUTRAAL,
                  "termijn": None, "bron": "test"}
        return {**velden, veld: waarde}
    if label == "supervision.Inspectieonderzoek":
        # the report's GI's are records of their own (OnderzochteInstelling); the dates are the report's
        velden = {"soort": "regulier", "door": Door.IGJ, "titel": "Rapport", "bron": "test",
                  "rapportdatum": max(NEUTRAAL, waarde) if veld == "bezoek_van" else NEUTRAAL}
        return {**velden, veld: waarde}
    raise AssertionError(label)


def schrijver(request, label):
    actor = {roles.KMI: "kmi_gebruiker", roles.INSPECTIE: "inspecteur", roles.BEHEER: "beheerder"}
    return request.getfixturevalue(actor[domein.schrijver_van(_model(label))])


def _laatste_dag(soort):
    return {datums.GEBEURD: VANDAAG, datums.AANGEKONDIGD: OVER_DERTIG_DAGEN}.get(soort, OVER_TIEN_JAAR)


def _grenzen(soort):
    """(accepted, refused) boundary days of a field of ``soort``."""
    laatste = _laatste_dag(soort)
    return [EERSTE_DAG, laatste, D(2024, 2, 29)], [DAG_ERVOOR, laatste + dt.timedelta(days=1)]


class TestService:
    @pytest.mark.parametrize("label, veld, soort", VELDEN)
    def test_grensdagen_worden_aanvaard(self, request, beheerder, label, veld, soort):
        actor = schrijver(request, label)
        for nummer, waarde in enumerate(_grenzen(soort)[0]):
            velden = velden_met(label, veld, waarde, maak.instelling(beheerder, f"GRENS{nummer}"))
            if label == "register.Instelling":
                velden["afkorting"] = f"NIEUW{nummer}"
            record = registreren(_model(label), actor=actor, velden=velden)
            assert getattr(record, veld) == waarde

    @pytest.mark.parametrize("label, veld, soort", VELDEN)
    def test_een_dag_buiten_het_bereik_wordt_geweigerd_met_het_bereik_in_de_melding(self, request, gi, label, veld, soort):
        actor = schrijver(request, label)
        model = _model(label)
        voor = model.objects.count()
        for waarde in _grenzen(soort)[1]:
            with pytest.raises(ValidationError) as exc:
                registreren(model, actor=actor, velden=velden_met(label, veld, waarde, gi))
            melding = " ".join(exc.value.message_dict[veld])
            assert f"Kies een datum van 01-01-2000 tot en met {datum_cijfers(_laatste_dag(soort))}." in melding
            assert f"({datum_cijfers(waarde)})" in melding
        assert model.objects.count() == voor

    def test_de_melding_zegt_wat_er_mis_is(self, inspecteur, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.onderzoek(inspecteur, gi, D(2027, 1, 15))
        assert exc.value.message_dict["rapportdatum"] == [
            "'Rapportdatum' (15-01-2027) ligt meer dan 30 dagen na vandaag; een rapport kan hoogstens 30 dagen vóór "
            "de publicatie worden vastgelegd (onder embargo tot die dag). Kies een datum van 01-01-2000 tot en met "
            "14-04-2026."
        ]
        with pytest.raises(ValidationError) as exc:
            maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(9999, 12, 31))
        assert exc.value.message_dict["voorziene_einddatum"] == [
            "'Voorziene einddatum' (31-12-9999) ligt meer dan 10 jaar na vandaag. "
            "Kies een datum van 01-01-2000 tot en met 15-03-2036."
        ]
        with pytest.raises(ValidationError) as exc:
            maak.audit(kmi_gebruiker, gi, DAG_ERVOOR)
        assert "ligt vóór 01-01-2000, de eerste dag van het register" in " ".join(exc.value.message_dict["startdatum"])

    def test_ingangsdatum_9999_12_31_is_een_nette_fout_geen_crash(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(9999, 12, 31))
        assert "ligt meer dan 10 jaar na vandaag" in " ".join(exc.value.message_dict["ingangsdatum"])
        assert Certificaatbesluit.objects.count() == 0

    def test_standaard_geldigheid_die_voorbij_tien_jaar_reikt_wordt_geweigerd(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", OVER_TIEN_JAAR, besluitdatum=VANDAAG)
        assert "Kies een datum van 01-01-2000 tot en met 15-03-2036." in " ".join(exc.value.message_dict["geldig_tot"])
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", OVER_TIEN_JAAR, OVER_TIEN_JAAR, besluitdatum=VANDAAG)
        assert besluit.geldig_tot == OVER_TIEN_JAAR

    def test_correctie_naar_een_datum_buiten_het_bereik_wordt_geweigerd(self, inspecteur, gi):
        besluit = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        with pytest.raises(ValidationError) as exc:
            corrigeren(besluit, actor=inspecteur, velden={"voorziene_einddatum": D(9999, 12, 31)}, reden="termijn")
        assert "voorziene_einddatum" in exc.value.message_dict
        besluit.refresh_from_db()
        assert besluit.voorziene_einddatum == D(2026, 2, 23)


class TestOudeRegistraties:
    """A record stored before the rule existed keeps its date until someone changes that date."""

    @pytest.fixture
    def oud_besluit(self, gi):
        besluit = Toezichtbesluit(instelling=gi, niveau="verscherpt", door=Door.IGJ, besluitdatum=D(2025, 1, 1),
                                  ingangsdatum=D(2025, 1, 1), voorziene_einddatum=D(9999, 12, 31), bron="oud")
        besluit.save()
        return besluit

    def test_andere_velden_corrigeren_kan(self, inspecteur, oud_besluit):
        besluit = corrigeren(oud_besluit, actor=inspecteur, velden={"bron": "Toezichtbesluit 2025-01"}, reden="bron aangevuld")
        assert (besluit.bron, besluit.voorziene_einddatum) == ("Toezichtbesluit 2025-01", D(9999, 12, 31))

    def test_laten_vervallen_kan(self, inspecteur, oud_besluit):
        assert laten_vervallen(oud_besluit, actor=inspecteur, reden="onjuiste termijn").vervallen

    def test_de_datum_herstellen_kan_en_een_andere_absurde_datum_niet(self, inspecteur, oud_besluit):
        with pytest.raises(ValidationError):
            corrigeren(oud_besluit, actor=inspecteur, velden={"voorziene_einddatum": D(9999, 12, 30)}, reden="x")
        besluit = corrigeren(oud_besluit, actor=inspecteur, velden={"voorziene_einddatum": D(2026, 1, 1)}, reden="termijn hersteld")
        assert besluit.voorziene_einddatum == D(2026, 1, 1)


class TestApi:
    def _post(self, user, pad, body):
        return client_voor(user).post(pad, body, format="json")

    def _fout(self, antwoord, veld) -> str:
        assert antwoord.status_code == 400, antwoord.content
        assert antwoord["Content-Type"] == PROBLEM
        namen = {p["name"]: p["reason"] for p in antwoord.json()["invalidParams"]}
        assert camel(veld) in namen, namen
        return namen[camel(veld)]

    def test_voorziene_einddatum_9999_12_31_geeft_400_en_bewaart_niets(self, inspecteur, gi):
        antwoord = self._post(inspecteur, "/api/v1/toezichtbesluiten", {
            "instelling": "JBN", "niveau": "verscherpt", "door": "IGJ", "besluitdatum": "2025-07-24",
            "ingangsdatum": "2025-07-24", "voorzieneEinddatum": "9999-12-31", "bron": "test"})
        assert "tot en met 2036-03-15" in self._fout(antwoord, "voorziene_einddatum")
        assert Toezichtbesluit.objects.count() == 0

    @pytest.mark.parametrize("velden, veld", [
        ({"status": "volledig", "ingangsdatum": "9999-12-31"}, "ingangsdatum"),
        ({"status": "geschorst", "ingangsdatum": "2025-03-01", "geldigTot": "9999-12-31"}, "geldig_tot"),
        ({"status": "voorlopig", "ingangsdatum": "1999-12-31", "geldigTot": "2000-06-30"}, "ingangsdatum"),
        ({"status": "volledig", "ingangsdatum": "2025-09-16", "besluitdatum": "2026-03-16"}, "besluitdatum"),
    ])
    def test_certificaatbesluit_buiten_het_bereik_geeft_400(self, kmi_gebruiker, gi, velden, veld):
        body = {"instelling": "JBN", "besluitdatum": "2025-03-01", "bron": "test", "reikwijdte": "beide", **velden}
        self._fout(self._post(kmi_gebruiker, "/api/v1/certificaatbesluiten", body), veld)
        assert Certificaatbesluit.objects.count() == 0

    def test_rapport_in_de_toekomst_wordt_niet_gepubliceerd(self, inspecteur, gi):
        antwoord = self._post(inspecteur, "/api/v1/inspectieonderzoeken", {
            "instellingen": [{"instelling": "JBN"}], "soort": "thematisch", "door": "IGJ", "rapportdatum": "2027-01-15",
            "titel": "Rapport uit de toekomst", "bron": "test"})
        assert "ligt meer dan 30 dagen na vandaag" in self._fout(antwoord, "rapportdatum")
        assert "tot en met 2026-04-14" in self._fout(antwoord, "rapportdatum")
        assert Inspectieonderzoek.objects.count() == 0
        assert client_voor().get("/api/v1/inspectieonderzoeken").json()["count"] == 0

    def test_vandaag_en_over_tien_jaar_worden_aanvaard_een_dag_later_niet(self, inspecteur, gi):
        basis = {"instelling": "JBN", "niveau": "geintensiveerd", "door": "IGJ", "besluitdatum": "2026-03-15", "bron": "test"}
        goed = self._post(inspecteur, "/api/v1/toezichtbesluiten", {**basis, "ingangsdatum": "2026-03-15", "voorzieneEinddatum": "2036-03-15"})
        assert goed.status_code == 201, goed.content
        fout = self._post(inspecteur, "/api/v1/toezichtbesluiten", {**basis, "ingangsdatum": "2026-03-16", "voorzieneEinddatum": "2036-03-16"})
        self._fout(fout, "voorziene_einddatum")
        morgen = self._post(inspecteur, "/api/v1/toezichtbesluiten", {**basis, "besluitdatum": "2026-03-16", "ingangsdatum": "2026-04-01"})
        self._fout(morgen, "besluitdatum")
        assert Toezichtbesluit.objects.count() == 1

    def test_correctie_met_patch_naar_9999_12_31_geeft_400(self, inspecteur, gi):
        besluit = maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        antwoord = client_voor(inspecteur).patch(f"/api/v1/toezichtbesluiten/{besluit.pk}",
                                                 {"voorzieneEinddatum": "9999-12-31", "reden": "termijn"}, format="json")
        self._fout(antwoord, "voorziene_einddatum")
        besluit.refresh_from_db()
        assert besluit.voorziene_einddatum == D(2026, 2, 23)


def login(user):
    client = Client()
    client.force_login(user)
    return client


class TestAdmin:
    TOEZICHT = "/admin/supervision/toezichtbesluit/add/"

    def _toezicht(self, gi, **extra):
        return {"instelling": gi.pk, "niveau": "verscherpt", "door": "IGJ", "besluitdatum": "2025-07-24",
                "ingangsdatum": "2025-07-24", "voorziene_einddatum": "", "aanleiding": "", "bron": "test",
                "datumkwaliteit": "exact", "datum_toelichting": "", "wijzigingsreden": "", **extra}

    def test_voorziene_einddatum_9999_12_31_toont_de_fout_bij_het_veld(self, inspecteur, gi):
        antwoord = login(inspecteur).post(self.TOEZICHT, self._toezicht(gi, voorziene_einddatum="9999-12-31"))
        assert antwoord.status_code == 200
        inhoud = antwoord.content.decode()
        assert "ligt meer dan 10 jaar na vandaag. Kies een datum van 01-01-2000 tot en met 15-03-2036." in inhoud
        assert Toezichtbesluit.objects.count() == 0

    def test_grensdagen_in_de_admin(self, inspecteur, gi):
        client = login(inspecteur)
        assert client.post(self.TOEZICHT, self._toezicht(gi, besluitdatum="2026-03-16")).status_code == 200
        assert client.post(self.TOEZICHT, self._toezicht(gi, ingangsdatum="1999-12-31")).status_code == 200
        assert Toezichtbesluit.objects.count() == 0
        assert client.post(self.TOEZICHT, self._toezicht(gi, besluitdatum="2026-03-15", voorziene_einddatum="2036-03-15")).status_code == 302
        assert client.post(self.TOEZICHT, self._toezicht(gi, ingangsdatum="2000-01-01", besluitdatum="2000-01-01")).status_code == 302
        assert Toezichtbesluit.objects.count() == 2

    def test_certificaat_met_ingangsdatum_9999_12_31_in_de_admin(self, kmi_gebruiker, gi):
        data = {"instelling": gi.pk, "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "9999-12-31",
                "geldig_tot": "", "bron": "KMI-besluit", "motivering_openbaar": "", "motivering_vertrouwelijk": "",
                "kenmerk": "", "wijzigingsreden": ""}
        antwoord = login(kmi_gebruiker).post("/admin/certification/certificaatbesluit/add/", data)
        assert antwoord.status_code == 200
        assert "ligt meer dan 10 jaar na vandaag" in antwoord.content.decode()
        assert Certificaatbesluit.objects.count() == 0

    def test_oude_registratie_kan_in_de_admin_vervallen(self, inspecteur, gi):
        besluit = Toezichtbesluit(instelling=gi, niveau="verscherpt", door=Door.IGJ, besluitdatum=D(2025, 1, 1),
                                  ingangsdatum=D(2025, 1, 1), voorziene_einddatum=D(9999, 12, 31), bron="oud")
        besluit.save()
        antwoord = login(inspecteur).post(
            f"/admin/supervision/toezichtbesluit/{besluit.pk}/change/",
            self._toezicht(gi, besluitdatum="2025-01-01", ingangsdatum="2025-01-01", voorziene_einddatum="9999-12-31",
                           bron="oud", wijzigingsreden="onjuiste termijn", laten_vervallen="on"),
        )
        assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
        besluit.refresh_from_db()
        assert besluit.vervallen
