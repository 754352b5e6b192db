"""A reactie answers a signal that exists (DESIGN.md §3 Reactie, issue 22): for that GI and year when it is recorded,
as the writer's variant sees it (the ministerie: the openbaar signals; the toezichthouders: all). Refused with one
Dutch message at every door (service, admin, API) with nothing saved. The ministerie records reacties and one
beleidsreactie per overview year; a reactie whose signal disappears later stays and says so. Vroegsignalering tells
the ministerie too (public facts only), e-mails by default with a working link to turn it off, reports signals of
every year, and shows each open signal as it stands now."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from register import roles, vertrouwelijkheid
from signalen import regels
from tests import maak
from tests.test_api_basis import client_voor, is_problem
from vroegsignalering import berichten, services as vroeg
from vroegsignalering.models import Meldingsvoorkeur, Signaalmelding
from wederhoor.models import Beleidsreactie, Reactie
from wederhoor.selectors import beleidsreactie_op, signaal_bestaat_nog
from wederhoor.services import (
    beleidsreactie_corrigeren, beleidsreactie_registreren, reactie_corrigeren, reactie_registreren,
)

D = dt.date
pytestmark = pytest.mark.django_db
VV = regels.VOLLEDIG_TIJDENS_VERSCHERPT
GEEN = regels.GEEN_GELDIG_CERTIFICAAT
AFWEGING = regels.AFWEGING_ONTBREEKT
OPEN = "/admin/vroegsignalering/opensignaal/"
MIJN = "/admin/vroegsignalering/opensignaal/mijn-meldingen/"


def _om(jaar, maand, dag):
    """Noon in Amsterdam on that day."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime(jaar, maand, dag, 11, tzinfo=dt.timezone.utc))


@pytest.fixture(autouse=True)
def klok():
    with _om(2026, 3, 1):
        yield


def _reactie(actor, gi, jaar, code, tekst="Reactie.", **velden):
    return reactie_registreren(actor=actor, instelling=gi, jaar=jaar, signaalcode=code, tekst=tekst, bron="brief", **velden)


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    """Volledig since 2024 (through 31 December 2026); verscherpt toezicht through 31 December 2025, regulier from
    1 January 2026: VOLLEDIG_TIJDENS_VERSCHERPT of 2025 ends the day before 2026 begins."""
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2024, 1, 1))
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))  # geldig tot 31 December 2026
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 1, 1), D(2025, 12, 31))
    maak.toezicht(inspecteur, gi, "regulier", D(2026, 1, 1), besluitdatum=D(2025, 12, 20))
    return gi


class TestAlleenOpEenSignaalDatBestaat:
    def test_een_signaal_dat_de_dag_voor_het_jaar_eindigt_geldt_niet_in_dat_jaar(self, jbn, kmi_gebruiker):
        assert _reactie(kmi_gebruiker, jbn, 2025, VV).jaar == 2025
        with pytest.raises(ValidationError) as exc:
            _reactie(kmi_gebruiker, jbn, 2026, VV)
        [melding] = exc.value.message_dict["signaalcode"]
        assert melding.startswith(
            "Het signaal 'Volledig certificaat tijdens verscherpt toezicht' (VOLLEDIG_TIJDENS_VERSCHERPT) bestaat niet "
            "voor JBN in 2026; een reactie kan alleen op een signaal dat het register voor die instelling en dat jaar "
            "vaststelt. JBN heeft in 2026 geen signaal met ernst hoog of aandacht"
        )
        assert Reactie.objects.count() == 1

    def test_een_reactie_op_de_dag_dat_het_signaal_begint(self, beheerder, kmi_gebruiker, inspecteur):
        gi = maak.instelling(beheerder, "GAM", actief_vanaf=D(2024, 1, 1))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
        with _om(2026, 2, 10):
            with pytest.raises(ValidationError):  # the day before the toezichtbesluit is recorded: no signal yet
                _reactie(kmi_gebruiker, gi, 2026, VV)
            maak.toezicht(inspecteur, gi, "verscherpt", D(2026, 2, 10), D(2026, 8, 10))
            assert _reactie(kmi_gebruiker, gi, 2026, VV).signaalcode == VV  # recorded the day it starts

    def test_een_instelling_zonder_signaal_in_dat_jaar(self, beheerder, kmi_gebruiker, inspecteur, jbn):
        zeta = maak.instelling(beheerder, "ZETA", actief_vanaf=D(2024, 1, 1))
        maak.certificaat(kmi_gebruiker, zeta, "volledig", D(2024, 1, 1))
        for code in (VV, GEEN):
            with pytest.raises(ValidationError) as exc:
                _reactie(inspecteur, zeta, 2025, code)
            assert "ZETA heeft in 2025 geen signaal met ernst hoog of aandacht" in exc.value.message_dict["signaalcode"][0]
        # A signal of another year does not count for this one (GAMMA: its signal is in 2026, not in 2025).
        maak.toezicht(inspecteur, zeta, "verscherpt", D(2026, 1, 1), D(2026, 6, 30))
        with pytest.raises(ValidationError):
            _reactie(inspecteur, zeta, 2025, VV)
        assert not Reactie.objects.exists()

    def test_een_code_die_nooit_afging_wordt_geweigerd_met_de_codes_die_wel_gelden(self, jbn, kmi_gebruiker):
        with pytest.raises(ValidationError) as exc:
            _reactie(kmi_gebruiker, jbn, 2025, GEEN)
        assert ("Wel geldt in 2025 voor JBN: 'Volledig certificaat tijdens verscherpt toezicht' "
                "(VOLLEDIG_TIJDENS_VERSCHERPT). Kies een van die signalen.") in exc.value.message_dict["signaalcode"][0]
        assert not Reactie.objects.exists()

    def test_geweigerd_in_de_api_en_niets_bewaard(self, jbn, kmi_gebruiker):
        body = {"instelling": "JBN", "jaar": 2025, "signaalcode": GEEN, "tekst": "t", "bron": "b"}
        fout = is_problem(client_voor(kmi_gebruiker).post("/api/v1/reacties", body, format="json"), 400)
        assert fout["invalidParams"][0]["name"] == "signaalcode"
        assert "bestaat niet voor JBN in 2025" in fout["invalidParams"][0]["reason"]
        assert not Reactie.objects.exists()

    def test_geweigerd_in_de_admin_en_niets_bewaard(self, jbn, kmi_gebruiker):
        client = Client()
        client.force_login(kmi_gebruiker)
        antwoord = client.post("/admin/wederhoor/reactie/add/", {
            "instelling": jbn.pk, "jaar": 2025, "signaalcode": GEEN, "tekst": "Reactie.", "bron": "brief",
        })
        assert antwoord.status_code == 200
        assert "bestaat niet voor JBN in 2025" in antwoord.content.decode()
        assert not Reactie.objects.exists()

    def test_een_correctie_naar_een_ander_signaal_wordt_opnieuw_beoordeeld(self, jbn, kmi_gebruiker):
        reactie = _reactie(kmi_gebruiker, jbn, 2025, VV)
        with pytest.raises(ValidationError):
            reactie_corrigeren(actor=kmi_gebruiker, reactie=reactie, reden="ander jaar", jaar=2026)
        reactie.refresh_from_db()
        assert reactie.jaar == 2025


class TestSignaalVerdwenen:
    def test_de_reactie_blijft_en_zegt_dat_het_signaal_niet_meer_geldt(self, jbn, kmi_gebruiker, inspecteur):
        reactie = _reactie(kmi_gebruiker, jbn, 2025, VV, tekst="Het KMI reageert.")
        api = client_voor()
        assert api.get(f"/api/v1/reacties/{reactie.pk}").json()["signaalBestaatNog"] is True
        # The inspecties correct the toezichtbesluit: it was geintensiveerd, not verscherpt. The signal is gone.
        verscherpt = jbn.toezichtbesluiten.get(niveau="verscherpt")
        from supervision.services import toezichtbesluit_corrigeren

        toezichtbesluit_corrigeren(actor=inspecteur, besluit=verscherpt, niveau="geintensiveerd", reden="onjuist niveau")
        assert signaal_bestaat_nog([reactie]) == {reactie.pk: False}
        assert Reactie.objects.get(pk=reactie.pk).tekst == "Het KMI reageert."  # kept
        assert api.get(f"/api/v1/reacties/{reactie.pk}").json()["signaalBestaatNog"] is False
        assert api.get("/api/v1/reacties").json()["results"][0]["signaalBestaatNog"] is False
        # The text can still be corrected (same signal); Open signalen says the signal no longer stands.
        reactie_corrigeren(actor=kmi_gebruiker, reactie=reactie, reden="aangevuld", tekst="Aangevuld.")
        client = Client()
        client.force_login(kmi_gebruiker)
        pagina = client.get(OPEN).content.decode()
        assert "Reacties op signalen die niet meer gelden" in pagina and "het signaal geldt niet meer" in pagina


class TestMinisterie:
    def test_de_ministerie_geeft_een_reactie_voor_zichzelf(self, jbn, ministerie_gebruiker, kmi_gebruiker):
        reactie = _reactie(ministerie_gebruiker, jbn, 2025, VV, tekst="Beleidsreactie op het signaal.")
        assert reactie.organisatie == "ministerie"
        with pytest.raises(Exception, match="vastgelegd namens Ministerie"):
            reactie_corrigeren(actor=kmi_gebruiker, reactie=reactie, reden="x", tekst="y")
        antwoord = client_voor(ministerie_gebruiker).post("/api/v1/reacties", {
            "instelling": "JBN", "jaar": 2025, "signaalcode": VV, "tekst": "Tweede", "bron": "b"}, format="json")
        assert is_problem(antwoord, 400)["invalidParams"][0]["name"] == "signaalcode"  # one per organisation

    def test_de_ministerie_reageert_alleen_op_openbare_signalen(self, beheerder, kmi_gebruiker, ministerie_gebruiker):
        """A signal that rests on a confidential fact (here the audit's count of kritische afwijkingen, made
        confidential for this test) exists for the toezichthouders, not in the ministerie's openbaar variant."""
        gi = maak.instelling(beheerder, "JBX", actief_vanaf=D(2024, 1, 1))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))  # no afweging: no aanleiding yet
        maak.audit(kmi_gebruiker, gi, D(2025, 9, 1), D(2025, 9, 3), aantal_kritische_afwijkingen=2)  # recorded later
        beleid = {**vertrouwelijkheid.VERTROUWELIJK["certification.audit"],
                  "aantal_kritische_afwijkingen": roles.LEZERS_VERTROUWELIJK}
        with mock.patch.dict(vertrouwelijkheid.VERTROUWELIJK, {"certification.audit": beleid}):
            with pytest.raises(ValidationError):
                _reactie(ministerie_gebruiker, gi, 2025, AFWEGING)
            assert _reactie(kmi_gebruiker, gi, 2025, AFWEGING).organisatie == "kmi"
            meldingen = vroeg.signalen_evalueren(versturen=False)
        per_variant = {(m.variant, m.signaalcode) for m in meldingen}
        assert ("vertrouwelijk", AFWEGING) in per_variant and ("openbaar", AFWEGING) not in per_variant

    def test_beleidsreactie_per_jaar_met_historie_en_zoals_vastgelegd(self, ministerie_gebruiker, kmi_gebruiker):
        with _om(2026, 2, 10):
            eerste = beleidsreactie_registreren(actor=ministerie_gebruiker, jaar=2025, tekst="Eerste.", bron="Kamerbrief")
        with _om(2026, 2, 12):
            beleidsreactie_corrigeren(actor=ministerie_gebruiker, beleidsreactie=eerste, reden="aangevuld", tekst="Tweede.")
            with pytest.raises(ValidationError, match="per jaar is er één"):
                beleidsreactie_registreren(actor=ministerie_gebruiker, jaar=2025, tekst="Nog een.", bron="b")
            with pytest.raises(Exception, match="voorbehouden aan de rol 'ministerie'"):
                beleidsreactie_registreren(actor=kmi_gebruiker, jaar=2024, tekst="KMI.", bron="b")
        assert beleidsreactie_op(2025, D(2026, 2, 9)) is None
        assert beleidsreactie_op(2025, D(2026, 2, 10)).tekst == "Eerste."
        assert beleidsreactie_op(2025, D(2026, 2, 11)).tekst == "Eerste."
        assert beleidsreactie_op(2025, D(2026, 2, 12)).tekst == "Tweede."
        assert beleidsreactie_op(2024, D(2026, 2, 12)) is None
        assert [h.tekst for h in eerste.history.order_by("history_date")] == ["Eerste.", "Tweede."]
        assert Beleidsreactie.objects.count() == 1

    def test_beleidsreactie_in_de_api(self, ministerie_gebruiker, inspecteur):
        body = {"jaar": 2025, "tekst": "De beleidsreactie.", "bron": "Kamerbrief"}
        is_problem(client_voor(inspecteur).post("/api/v1/beleidsreacties", body, format="json"), 403)
        nieuw = client_voor(ministerie_gebruiker).post("/api/v1/beleidsreacties", body, format="json")
        assert nieuw.status_code == 201, nieuw.content
        lijst = client_voor().get("/api/v1/beleidsreacties", {"jaar": 2025}).json()
        assert [r["tekst"] for r in lijst["results"]] == ["De beleidsreactie."]


class TestMeldingen:
    @pytest.fixture
    def ministerie(self, ministerie_gebruiker):
        ministerie_gebruiker.email = "ministerie@example.nl"
        ministerie_gebruiker.save()
        return ministerie_gebruiker

    def test_ministerie_en_toezichthouders_krijgen_e_mail_zonder_voorkeur(
        self, jbn, ministerie, inspecteur, kmi_gebruiker, django_capture_on_commit_callbacks,
    ):
        inspecteur.email = "inspecteur@example.nl"
        inspecteur.save()
        assert not Meldingsvoorkeur.objects.exists()  # nobody touched a preference
        with django_capture_on_commit_callbacks(execute=True):
            maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2026, 1, 1), besluitdatum=D(2026, 1, 1),
                             motivering_vertrouwelijk="GEHEIM-4411")
        # No signal changed (certificate volledig throughout, toezicht regulier in 2026): nothing sent. Now one that does.
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            maak.toezicht(inspecteur, jbn, "verscherpt", D(2026, 2, 1), D(2026, 8, 1), besluitdatum=D(2026, 2, 1))
        ontvangers = sorted(m.to[0] for m in mail.outbox)
        assert ontvangers == ["inspecteur@example.nl", "ministerie@example.nl"]
        voor_ministerie = next(m for m in mail.outbox if m.to == ["ministerie@example.nl"])
        assert "Volledig certificaat tijdens verscherpt toezicht" in voor_ministerie.body
        assert "GEHEIM-4411" not in voor_ministerie.body
        assert berichten.voorkeur_url().endswith(MIJN) and MIJN in voor_ministerie.body

    def test_de_ministerie_leest_alleen_de_openbare_meldingen(self, jbn, ministerie, kmi_gebruiker):
        vroeg.signalen_evalueren(versturen=False)
        assert set(Signaalmelding.objects.values_list("variant", flat=True)) == {"vertrouwelijk", "openbaar"}
        client = Client()
        client.force_login(ministerie)
        lijst = client.get("/admin/vroegsignalering/signaalmelding/")
        assert lijst.status_code == 200
        assert {m.variant for m in lijst.context["cl"].result_list} == {"openbaar"}
        feed = client_voor(ministerie).get("/meldingen/feed.atom")
        assert feed.status_code == 200
        openbaar = Signaalmelding.objects.filter(variant="openbaar")
        assert feed.content.decode().count("<entry>") == openbaar.count()

    def test_de_uitschrijflink_werkt(self, jbn, ministerie, kmi_gebruiker):
        client = Client()
        client.force_login(ministerie)
        pagina = client.get(MIJN)
        assert pagina.status_code == 200
        tekst = pagina.content.decode()
        assert "Mijn meldingen" in tekst and "ministerie@example.nl" in tekst
        assert 'name="email_ontvangen"' in tekst and "checked" in tekst  # on by default
        assert client.post(MIJN, {}).status_code == 302  # turned off
        assert not Meldingsvoorkeur.objects.get(gebruiker=ministerie).email_ontvangen
        from vroegsignalering.selectors import ontvangers

        assert ministerie not in ontvangers()
        niet_ingelogd = Client().get(MIJN)
        assert niet_ingelogd.status_code == 302 and "/login" in niet_ingelogd["Location"]

    def test_meldingen_voor_een_signaal_in_een_eerder_jaar(self, beheerder, kmi_gebruiker, inspecteur):
        gi = maak.instelling(beheerder, "LAT", actief_vanaf=D(2022, 1, 1))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2022, 1, 1), D(2024, 12, 31))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1))
        vroeg.signalen_evalueren(versturen=False)
        assert not Signaalmelding.objects.exists()
        # A late registration: verscherpt toezicht in 2023, recorded now.
        maak.toezicht(inspecteur, gi, "verscherpt", D(2023, 3, 1), D(2023, 9, 1), besluitdatum=D(2023, 3, 1))
        maak.toezicht(inspecteur, gi, "regulier", D(2023, 9, 2), besluitdatum=D(2023, 9, 2))
        nieuw = vroeg.signalen_evalueren(versturen=False)
        assert {(m.variant, m.jaar, m.signaalcode, m.soort) for m in nieuw} == {
            ("vertrouwelijk", 2023, VV, "gestart"), ("openbaar", 2023, VV, "gestart"),
        }

    def test_open_signalen_toont_het_signaal_zoals_het_nu_is(self, beheerder, kmi_gebruiker, inspecteur, ministerie):
        gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2024, 1, 1))
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 1, 1))
        maak.toezicht(inspecteur, gi, "verscherpt", D(2026, 1, 1), D(2026, 12, 31))
        vroeg.signalen_evalueren(versturen=False)
        eerste = Signaalmelding.objects.get(variant="openbaar", jaar=2026, signaalcode=VV)
        assert "31 december 2026" in eerste.perioden
        # A correction: the verscherpt toezicht ends on 23 February 2026 (a regulier besluit from the 24th).
        maak.toezicht(inspecteur, gi, "regulier", D(2026, 2, 24), besluitdatum=D(2026, 2, 20))
        vroeg.signalen_evalueren(versturen=False)  # the signal still stands: no new melding
        assert Signaalmelding.objects.filter(variant="openbaar").count() == 1
        client = Client()
        client.force_login(ministerie)
        pagina = client.get(OPEN)
        assert pagina.status_code == 200
        tekst = pagina.content.decode()
        assert "1 januari 2026 tot en met 23 februari 2026" in tekst
        assert "1 januari 2026 tot en met 31 december 2026" not in tekst  # the period as first reported
        assert f'id="melding-{eerste.pk}"' in tekst  # the first melding's moment kept beside it


class TestReactieformulier:
    def test_het_formulier_toont_het_signaal_en_geen_datumkwaliteit_en_keert_terug(self, jbn, kmi_gebruiker):
        client = Client()
        client.force_login(kmi_gebruiker)
        formulier = client.get(f"/admin/wederhoor/reactie/add/?instelling={jbn.pk}&jaar=2025&signaalcode={VV}")
        tekst = formulier.content.decode()
        assert formulier.status_code == 200
        assert "Het signaal waarop u reageert" in tekst and "Volledig certificaat tijdens verscherpt toezicht" in tekst
        assert "1 januari 2025 tot en met 31 december 2025" in tekst
        assert "datum_bij_benadering" not in tekst and "Datum bij benadering" not in tekst
        antwoord = client.post("/admin/wederhoor/reactie/add/", {
            "instelling": jbn.pk, "jaar": 2025, "signaalcode": VV, "tekst": "Reactie.", "bron": "brief",
        })
        assert antwoord.status_code == 302 and antwoord["Location"] == OPEN
        reactie = Reactie.objects.get()
        gewijzigd = client.post(f"/admin/wederhoor/reactie/{reactie.pk}/change/", {
            "instelling": jbn.pk, "jaar": 2025, "signaalcode": VV, "tekst": "Aangevuld.", "bron": "brief",
            "wijzigingsreden": "aangevuld",
        })
        assert gewijzigd.status_code == 302 and gewijzigd["Location"] == OPEN
