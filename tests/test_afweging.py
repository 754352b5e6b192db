"""Afweging on certificaatbesluiten (DESIGN.md §3): a volledig or overbrugging certificaatbesluit taken under
aanleiding needs a public afweging. Aanleiding: the latest audit before the besluitdatum has kritische afwijkingen,
a report with a kritisch oordeel was published in the 365 days up to the besluitdatum, or toezicht is heightened on
the besluitdatum. The refusal names the aanleiding (which audit, which report, which toezichtbesluit), through the
service, the API and the admin; the afweging is public, kept in the history and read as recorded on a peildatum."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from certification.models import Certificaatbesluit
from certification.services import (
    certificaatbesluit_corrigeren,
    certificaatbesluit_laten_vervallen,
)
from register import rules
from register.rules import AuditFeit, OordeelFeit, RapportFeit, ToezichtFeit
from signalen.selectors import registerstand_op
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
B = D(2025, 9, 16)  # the besluitdatum of JBN's full certificate
AFWEGING = (
    "Normen 2.1 (goed bestuur) en 3.4 (tijdige vaste jeugdbeschermer) nog niet volledig gehaald; het KMI woog het "
    "aangetoonde herstel van de kritische afwijkingen en het lopende verbetertraject onder verscherpt toezicht."
)


def audit(einde, kritisch, start=None, id=1, soort="hercertificering"):
    return AuditFeit(id, soort, start or einde, einde, kritisch)


def rapport(datum, *waarden, id=1, titel="Verdiepend toezicht JBN"):
    return RapportFeit(id, datum, titel, tuple(OordeelFeit("goed_bestuur", "goed bestuur", w) for w in waarden))


def verscherpt(ingang, einde=None, id=1, niveau="verscherpt"):
    return ToezichtFeit(id, niveau, ingang, einde)


class TestAanleidingRegel:
    """The pure rule at its boundary days, without a database."""

    def test_zonder_feiten_geen_aanleiding(self):
        assert not rules.aanleiding(B)
        assert not rules.afweging_vereist("volledig", rules.aanleiding(B))

    @pytest.mark.parametrize("einde, telt", [(B - dt.timedelta(days=1), True), (B, True), (B + dt.timedelta(days=1), False)])
    def test_audit_met_kritische_afwijkingen_op_de_grens(self, einde, telt):
        assert bool(rules.aanleiding(B, [audit(einde, 2)])) is telt

    def test_een_lopende_audit_telt_niet(self):
        assert not rules.aanleiding(B, [audit(D(2025, 9, 20), 3, start=D(2025, 9, 1))])

    def test_alleen_de_laatste_audit_telt(self):
        oud = audit(D(2024, 12, 5), 3, id=1)
        hersteld = audit(D(2025, 9, 3), 0, id=2)
        assert not rules.aanleiding(B, [oud, hersteld])
        assert rules.aanleiding(B, [hersteld, audit(D(2025, 9, 10), 1, id=3)]).audit.id == 3
        onbekend = rules.aanleiding(B, [audit(D(2025, 9, 3), None)])
        assert not onbekend and onbekend.status == rules.AANLEIDING_ONBEKEND  # unknown is unknown, never none

    @pytest.mark.parametrize(
        "rapportdatum, telt",
        [
            (B - dt.timedelta(days=366), False),
            (B - dt.timedelta(days=365), True),  # 16 September 2024: the first day of the 365 days up to B
            (B, True),
            (B + dt.timedelta(days=1), False),
        ],
    )
    def test_kritisch_rapport_in_de_365_dagen_tot_en_met_de_besluitdatum(self, rapportdatum, telt):
        assert bool(rules.aanleiding(B, rapporten=[rapport(rapportdatum, "grotendeels_onvoldoende")])) is telt

    def test_een_rapport_zonder_kritisch_oordeel_telt_niet(self):
        assert not rules.aanleiding(B, rapporten=[rapport(D(2025, 7, 24), "voldoende", "grotendeels_voldoende")])
        assert rules.aanleiding(B, rapporten=[rapport(D(2025, 7, 24), "voldoende", "onvoldoende")])

    @pytest.mark.parametrize(
        "besluiten, telt",
        [
            ([verscherpt(B)], True),
            ([verscherpt(B + dt.timedelta(days=1))], False),
            ([verscherpt(D(2025, 7, 24), D(2025, 8, 1))], True),  # past its termijn, still in force
            ([verscherpt(D(2025, 1, 1), niveau="geintensiveerd")], True),
            ([verscherpt(D(2025, 1, 1), id=1), verscherpt(B, id=2, niveau="regulier")], False),
        ],
    )
    def test_verhoogd_toezicht_op_de_besluitdatum(self, besluiten, telt):
        assert bool(rules.aanleiding(B, toezichten=besluiten)) is telt

    @pytest.mark.parametrize("status, vereist", [
        ("volledig", True), ("overbrugging", True), ("voorlopig", False), ("geschorst", False), ("ingetrokken", False),
    ])
    def test_alleen_volledig_en_overbrugging_vragen_een_afweging(self, status, vereist):
        assert rules.afweging_vereist(status, rules.aanleiding(B, toezichten=[verscherpt(B)])) is vereist

    def test_de_teksten_noemen_de_registraties(self):
        aanleiding = rules.aanleiding(
            B,
            [audit(D(2025, 9, 3), 1, start=D(2025, 9, 1))],
            [rapport(D(2025, 7, 24), "grotendeels_onvoldoende", titel="Verdiepend toezicht JBN")],
            [verscherpt(D(2025, 7, 24), D(2026, 2, 23))],
        )
        assert rules.aanleiding_teksten(aanleiding) == [
            "de laatste audit vóór de besluitdatum (hercertificering, 2025-09-01 tot en met 2025-09-03) had 1 kritische "
            "afwijking",
            "het inspectierapport 'Verdiepend toezicht JBN' van 2025-07-24 oordeelt kritisch (goed bestuur: grotendeels "
            "onvoldoende)",
            "het toezicht was op de besluitdatum verscherpt (toezichtbesluit 'verscherpt' met ingang van 2025-07-24)",
        ]

    def test_geintensiveerd_toezicht_heet_zo(self):
        aanleiding = rules.aanleiding(B, toezichten=[verscherpt(D(2025, 1, 6), niveau="geintensiveerd")])
        assert rules.aanleiding_teksten(aanleiding) == [
            "het toezicht was op de besluitdatum geïntensiveerd (toezichtbesluit 'geïntensiveerd' met ingang van 2025-01-06)"
        ]

    def test_totaal_aan_de_randen_van_de_kalender(self):
        for datum in (dt.date.min, dt.date.max):
            rules.aanleiding(datum, [audit(dt.date.min, 1), audit(dt.date.max, 1, id=2)],
                             [rapport(dt.date.min, "onvoldoende"), rapport(dt.date.max, "onvoldoende", id=2)],
                             [verscherpt(dt.date.min), verscherpt(dt.date.max, id=2)])


# -- through the service, the API and the admin --------------------------------------------------------------


@pytest.fixture
def jbn(beheerder):
    return maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord")


@pytest.fixture
def onder_aanleiding(jbn, kmi_gebruiker, inspecteur):
    """JBN's public record: verscherpt toezicht from 24 July 2025 after a critical report on goed bestuur."""
    maak.audit(kmi_gebruiker, jbn, D(2025, 9, 1), D(2025, 9, 3), soort="hercertificering", aantal_kritische_afwijkingen=1)
    maak.onderzoek(inspecteur, jbn, D(2025, 7, 24), {"goed_bestuur": "grotendeels_onvoldoende"},
                   titel="Verdiepend toezicht Jeugdbescherming Noord")
    maak.toezicht(inspecteur, jbn, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    return jbn


MELDING = (
    "Een volledig certificaat met besluitdatum 16-09-2025 valt onder aanleiding en vraagt daarom een afweging van het "
    "KMI: "
    "de laatste audit vóór de besluitdatum (hercertificering, 01-09-2025 tot en met 03-09-2025) had 1 kritische "
    "afwijking; het inspectierapport 'Verdiepend toezicht Jeugdbescherming Noord' van 24-07-2025 oordeelt kritisch "
    "(Goed bestuur: grotendeels onvoldoende); het toezicht was op de besluitdatum verscherpt (toezichtbesluit "
    "'verscherpt' met ingang van 24-07-2025). Vul het veld 'afweging' in met herkomst 'KMI' (of, als het KMI die "
    "nog niet openbaar mag maken, het veld 'afweging (vertrouwelijk)'): welke normen van het normenkader niet "
    "(volledig) zijn gehaald, welke omstandigheden het KMI heeft gewogen en waarom het het certificaat toch verleent "
    "of voortzet. Een samenvatting uit een openbare bron telt niet als afweging van het KMI."
)

# The API reads and writes dates as JJJJ-MM-DD, so its message names them that way.
MELDING_API = (
    MELDING.replace("16-09-2025", "2025-09-16").replace("01-09-2025", "2025-09-01").replace("03-09-2025", "2025-09-03")
    .replace("24-07-2025", "2025-07-24")
)


@pytest.mark.django_db
class TestService:
    def test_zonder_afweging_geweigerd_met_de_aanleiding_in_de_melding(self, onder_aanleiding, kmi_gebruiker):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B)
        assert exc.value.message_dict == {"afweging": [MELDING]}
        assert not Certificaatbesluit.objects.exists()

    def test_met_afweging_geregistreerd(self, onder_aanleiding, kmi_gebruiker):
        besluit = maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B, afweging=AFWEGING)
        assert Certificaatbesluit.objects.get(pk=besluit.pk).afweging == AFWEGING

    def test_alleen_witruimte_is_geen_afweging(self, onder_aanleiding, kmi_gebruiker):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, onder_aanleiding, "overbrugging", B, D(2026, 6, 15), afweging="  \n ")
        assert exc.value.message_dict["afweging"][0].startswith("Een overbruggingscertificaat met besluitdatum 16-09-2025")

    def test_zonder_aanleiding_of_bij_een_andere_status_geen_afweging_nodig(self, jbn, onder_aanleiding, kmi_gebruiker, beheerder):
        ander = maak.instelling(beheerder, "JBG")
        assert maak.certificaat(kmi_gebruiker, ander, "volledig", B).afweging == ""
        assert maak.certificaat(kmi_gebruiker, onder_aanleiding, "voorlopig", B, D(2026, 9, 15)).pk

    def test_andere_fouten_en_de_afweging_samen_gemeld(self, onder_aanleiding, kmi_gebruiker):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B, bron="")
        assert set(exc.value.message_dict) == {"afweging", "bron"}

    def test_een_correctie_mag_de_afweging_niet_wissen(self, onder_aanleiding, kmi_gebruiker):
        besluit = maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B, afweging=AFWEGING)
        with pytest.raises(ValidationError) as exc:
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="afweging weg", afweging="")
        assert exc.value.message_dict == {"afweging": [MELDING]}
        besluit.refresh_from_db()
        assert besluit.afweging == AFWEGING

    def test_een_besluit_van_voor_de_regel_vraagt_bij_correctie_de_afweging_en_kan_vervallen(self, onder_aanleiding, kmi_gebruiker):
        oud = Certificaatbesluit(instelling=onder_aanleiding, status="volledig", besluitdatum=B, ingangsdatum=B,
                                 geldig_tot=D(2028, 9, 15), bron="KMI")
        oud.save()  # entered before the rule existed
        with pytest.raises(ValidationError) as exc:
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=oud, reden="kenmerk", kenmerk="KMI-1")
        assert exc.value.message_dict == {"afweging": [MELDING]}
        gecorrigeerd = certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=oud, reden="afweging", afweging=AFWEGING)
        assert gecorrigeerd.afweging == AFWEGING
        tweede = Certificaatbesluit(instelling=onder_aanleiding, status="overbrugging", besluitdatum=B,
                                    ingangsdatum=D(2025, 10, 1), geldig_tot=D(2026, 6, 30), bron="KMI")
        tweede.save()
        assert certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=tweede, reden="dubbel").vervallen

    def test_een_vervallen_toezichtbesluit_is_geen_aanleiding(self, jbn, kmi_gebruiker, inspecteur):
        from supervision.services import toezichtbesluit_laten_vervallen

        besluit = maak.toezicht(inspecteur, jbn, "verscherpt", D(2025, 7, 24))
        toezichtbesluit_laten_vervallen(actor=inspecteur, besluit=besluit, reden="onjuist")
        assert maak.certificaat(kmi_gebruiker, jbn, "volledig", B).pk


@pytest.mark.django_db
class TestApi:
    BESLUIT = {"instelling": "JBN", "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
               "bron": "skipr.nl", "reikwijdte": "beide"}

    def test_zonder_afweging_400_met_de_aanleiding(self, onder_aanleiding, kmi_gebruiker):
        response = client_voor(kmi_gebruiker).post("/api/v1/certificaatbesluiten", self.BESLUIT, format="json")
        assert response.status_code == 400
        assert response.json()["invalidParams"] == [{"name": "afweging", "code": "afweging_vereist", "reason": MELDING_API}]
        assert not Certificaatbesluit.objects.exists()

    def test_afweging_is_openbaar_en_te_corrigeren(self, onder_aanleiding, kmi_gebruiker):
        kmi = client_voor(kmi_gebruiker)
        response = kmi.post("/api/v1/certificaatbesluiten", {**self.BESLUIT, "afweging": AFWEGING}, format="json")
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        assert client_voor().get(f"/api/v1/certificaatbesluiten/{pk}").json()["afweging"] == AFWEGING
        leeg = kmi.patch(f"/api/v1/certificaatbesluiten/{pk}", {"afweging": "", "reden": "weg"}, format="json")
        assert leeg.status_code == 400 and leeg.json()["invalidParams"][0]["name"] == "afweging"
        nieuw = kmi.patch(f"/api/v1/certificaatbesluiten/{pk}", {"afweging": "Herzien.", "reden": "aangevuld"}, format="json")
        assert nieuw.status_code == 200 and nieuw.json()["afweging"] == "Herzien."

    def test_de_wijzigingenfeed_toont_de_afweging_aan_iedereen(self, onder_aanleiding, kmi_gebruiker):
        maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B, afweging=AFWEGING)
        items = client_voor().get("/api/v1/wijzigingen").json()["results"]
        besluit = next(i for i in items if i["resource"] == "certificaatbesluiten")
        assert besluit["gegevens"]["afweging"] == AFWEGING

    def test_openapi_beschrijft_het_veld(self):
        schema = client_voor().get("/api/v1/openapi.json").json()["components"]["schemas"]
        veld = schema["Certificaatbesluit"]["properties"]["afweging"]
        assert veld["maxLength"] == 10_000 and "aanleiding" in veld["description"]


@pytest.mark.django_db
class TestAdmin:
    def test_zonder_afweging_blijft_het_formulier_staan_met_de_melding_bij_het_veld(self, onder_aanleiding, kmi_gebruiker):
        client = Client()
        client.force_login(kmi_gebruiker)
        velden = {"instelling": onder_aanleiding.pk, "status": "volledig", "besluitdatum": "2025-09-16",
                  "ingangsdatum": "2025-09-16", "kenmerk": "KMI-B-2025-77", "bron": "skipr.nl",
                  "reikwijdte": "beide"}
        response = client.post("/admin/certification/certificaatbesluit/add/", velden)
        html = response.content.decode()
        assert response.status_code == 200
        assert "valt onder aanleiding en vraagt daarom een afweging" in html
        assert "Verdiepend toezicht Jeugdbescherming Noord" in html and 'value="KMI-B-2025-77"' in html
        assert not Certificaatbesluit.objects.exists()
        response = client.post("/admin/certification/certificaatbesluit/add/", {**velden, "afweging": AFWEGING})
        assert response.status_code == 302
        assert Certificaatbesluit.objects.get().afweging == AFWEGING

    def test_het_veld_staat_met_uitleg_in_het_formulier(self, jbn, kmi_gebruiker):
        client = Client()
        client.force_login(kmi_gebruiker)
        html = client.get(f"/admin/certification/certificaatbesluit/add/?instelling={jbn.pk}").content.decode()
        assert 'name="afweging"' in html
        assert "Verplicht als het besluit onder aanleiding valt" in html


@pytest.mark.django_db
def test_de_afweging_zoals_vastgelegd_op_een_peildatum(onder_aanleiding, kmi_gebruiker):
    """The Kamer overview reads the register as recorded at the end of a peildatum (from the history): a later
    correction of the afweging does not change what the register said that day."""

    def om(dag):
        return mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 3, dag, 11, tzinfo=dt.timezone.utc))

    with om(10):
        besluit = maak.certificaat(kmi_gebruiker, onder_aanleiding, "volledig", B, afweging="Eerste afweging.")
    with om(12):
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="aangevuld", afweging=AFWEGING)
    assert [b.afweging for b in registerstand_op(D(2026, 3, 9))["certificaatbesluiten"]] == []
    assert [b.afweging for b in registerstand_op(D(2026, 3, 11))["certificaatbesluiten"]] == ["Eerste afweging."]
    assert [b.afweging for b in registerstand_op(D(2026, 3, 11), openbaar=True)["certificaatbesluiten"]] == ["Eerste afweging."]
    assert [b.afweging for b in registerstand_op(D(2026, 3, 12))["certificaatbesluiten"]] == [AFWEGING]
    versies = list(Certificaatbesluit.history.filter(id=besluit.pk).order_by("history_id"))
    assert [(v.afweging, v.history_change_reason) for v in versies][-1] == (AFWEGING, "aangevuld")
