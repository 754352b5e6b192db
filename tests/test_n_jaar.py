""""N years" of a certificate (DESIGN.md §3): up to and including the day before the N-year anniversary of the
ingangsdatum; the anniversary of 29 February is 1 March in a year without one. For the maximum (volledig 3
years, voorlopig 2 years) and for the default geldig tot of a volledig certificaat, at the boundary days,
through the service, the API and the data migration that brings existing records under the rule."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from certification.models import Certificaatbesluit
from certification.services import certificaatbesluit_corrigeren
from register import rules
from register.klok import AMSTERDAM
from signalen.selectors import registerstand_nu, registerstand_op
from tests import maak
from tests.test_api_basis import client_voor

D = dt.date
MIGRATIE = importlib.import_module("certification.migrations.0003_n_jaar_tot_en_met_dag_voor_verjaardag")


class TestRegel:
    """The pure rule, without a database."""

    @pytest.mark.parametrize(
        "ingang, jaren, laatste_dag",
        [
            (D(2025, 9, 16), 3, D(2028, 9, 15)),  # the JBN case of DESIGN.md
            (D(2024, 2, 29), 3, D(2027, 2, 28)),  # anniversary 1 March 2027
            (D(2024, 2, 29), 4, D(2028, 2, 28)),  # anniversary 29 February 2028 exists
            (D(2024, 2, 29), 2, D(2026, 2, 28)),
            (D(2023, 3, 1), 1, D(2024, 2, 29)),  # the day before 1 March in a leap year
            (D(2023, 2, 28), 1, D(2024, 2, 27)),
            (D(2024, 1, 1), 3, D(2026, 12, 31)),
            (D(2025, 12, 31), 3, D(2028, 12, 30)),
        ],
    )
    def test_tot_en_met_de_dag_voor_de_verjaardag(self, ingang, jaren, laatste_dag):
        assert rules.last_day_of_years(ingang, jaren) == laatste_dag

    def test_de_verjaardag_van_29_februari_is_1_maart_in_een_gewoon_jaar(self):
        assert rules.anniversary(D(2024, 2, 29), 3) == D(2027, 3, 1)
        assert rules.anniversary(D(2024, 2, 29), 4) == D(2028, 2, 29)
        assert rules.anniversary(D(2025, 9, 16), 3) == D(2028, 9, 16)

    def test_blijft_binnen_de_kalender(self):
        assert rules.last_day_of_years(D(9998, 1, 1), 3) == dt.date.max
        assert rules.anniversary(D(9998, 1, 1), 3) == dt.date.max
        assert rules.last_day_of_years(D(9996, 12, 31), 3) == D(9999, 12, 30)
        assert rules.last_day_of_years(D(9996, 2, 29), 3) == D(9999, 2, 28)
        assert rules.last_day_of_years(dt.date.min, 0) == dt.date.min
        assert rules.last_day_of_years(dt.date.max, 3) == dt.date.max


@pytest.fixture
def gi(beheerder):
    return maak.instelling(beheerder, "JBN")


def melding(exc) -> str:
    return " ".join(exc.value.message_dict["geldig_tot"])


@pytest.mark.django_db
class TestService:
    def test_standaard_drie_jaar_eindigt_de_dag_voor_de_derde_verjaardag(self, kmi_gebruiker, gi):
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16)).geldig_tot == D(2028, 9, 15)
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 2, 29)).geldig_tot == D(2027, 2, 28)

    def test_volledig_hoogstens_tot_en_met_de_dag_voor_de_verjaardag(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), D(2028, 9, 16))
        assert melding(exc) == (
            "Een certificaat met status 'volledig' is hoogstens 3 jaar geldig: tot en met de dag vóór de 3-jarige "
            "verjaardag van de ingangsdatum. 'Geldig tot' mag niet later zijn dan 15-09-2028; kies die datum of een eerdere."
        )
        assert Certificaatbesluit.objects.count() == 0
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), D(2028, 9, 15)).pk

    def test_volledig_vanaf_schrikkeldag(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 2, 29), D(2027, 3, 1))
        assert "28-02-2027" in melding(exc)
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 2, 29), D(2027, 2, 28)).pk

    def test_voorlopig_hoogstens_twee_jaar(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2025, 1, 1), D(2027, 1, 1))
        assert "hoogstens 2 jaar" in melding(exc) and "31-12-2026" in melding(exc)
        assert maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2025, 1, 1), D(2026, 12, 31)).pk

    def test_een_correctie_volgt_dezelfde_regel(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        with pytest.raises(ValidationError) as exc:
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="verlengd", geldig_tot=D(2028, 9, 16))
        assert "15-09-2028" in melding(exc)
        besluit.refresh_from_db()
        assert besluit.geldig_tot == D(2028, 9, 15)


@pytest.mark.django_db
def test_api_vult_de_standaard_in_en_noemt_de_grens(gi, kmi_gebruiker):
    kmi = client_voor(kmi_gebruiker)
    besluit = {"instelling": "JBN", "status": "volledig", "besluitdatum": "2025-09-16", "ingangsdatum": "2025-09-16",
               "bron": "KMI-besluit", "reikwijdte": "beide"}
    response = kmi.post("/api/v1/certificaatbesluiten", besluit, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["geldigTot"] == "2028-09-15"
    te_lang = kmi.post("/api/v1/certificaatbesluiten", {**besluit, "ingangsdatum": "2024-02-29", "geldigTot": "2027-03-01"},
                       format="json")
    assert te_lang.status_code == 400
    assert "2027-02-28" in te_lang.json()["invalidParams"][0]["reason"]


@pytest.mark.django_db
class TestMigratie:
    """Records stored under the old rule (geldig tot = the anniversary itself) are shortened by one day, visibly."""

    def _oud(self, gi, status, ingang, tot, **velden):
        besluit = Certificaatbesluit(instelling=gi, status=status, besluitdatum=ingang, ingangsdatum=ingang,
                                     geldig_tot=tot, bron="KMI-besluit", **velden)
        besluit._history_user = None
        besluit._change_reason = "Geregistreerd"
        besluit.save()  # as the old rule let the services save it
        return besluit

    def test_een_dag_te_lang_wordt_ingekort_met_reden_in_de_historie(self, kmi_gebruiker, gi):
        audit = maak.audit(kmi_gebruiker, gi, D(2025, 9, 1), D(2025, 9, 3))
        volledig = self._oud(gi, "volledig", D(2025, 9, 16), D(2028, 9, 16))
        volledig.audits.set([audit])
        voorlopig = self._oud(gi, "voorlopig", D(2023, 1, 1), D(2025, 1, 1))
        schrikkel = self._oud(gi, "volledig", D(2024, 2, 29), D(2027, 2, 28))
        korter = self._oud(gi, "volledig", D(2022, 1, 1), D(2024, 6, 1))
        overbrugging = self._oud(gi, "overbrugging", D(2021, 1, 1), D(2024, 1, 1))
        vervallen = self._oud(gi, "volledig", D(2020, 5, 1), D(2023, 5, 1), vervallen=True, vervalreden="dubbel")
        versies_voor = Certificaatbesluit.history.filter(id=volledig.pk).count()

        MIGRATIE.geldig_tot_inkorten(apps, None)

        def tot(besluit):
            besluit.refresh_from_db()
            return besluit.geldig_tot

        assert tot(volledig) == D(2028, 9, 15)
        assert tot(voorlopig) == D(2024, 12, 31)
        # Nothing else changes: a leap day was already right, shorter and bridging certificates are valid, a void
        # record stays as it was registered.
        assert (tot(schrikkel), tot(korter), tot(overbrugging), tot(vervallen)) == (
            D(2027, 2, 28), D(2024, 6, 1), D(2024, 1, 1), D(2023, 5, 1)
        )
        for besluit in (schrikkel, korter, overbrugging, vervallen):
            assert Certificaatbesluit.history.filter(id=besluit.pk).count() == 1

        versie = Certificaatbesluit.history.filter(id=volledig.pk).latest()
        assert Certificaatbesluit.history.filter(id=volledig.pk).count() == versies_voor + 1
        assert (versie.history_type, versie.history_user, versie.geldig_tot) == ("~", None, D(2028, 9, 15))
        assert versie.history_change_reason.startswith(
            "'Geldig tot' met één dag ingekort, van 2028-09-16 naar 2028-09-15: 3 jaar geldigheid loopt tot en met de "
            "dag vóór de 3-jarige verjaardag van de ingangsdatum"
        )
        # The new version keeps the linked audits (the change feed and as-recorded reads see no unlinking).
        assert [a.audit_id for a in versie.audits.all()] == [audit.pk]

    def test_het_besluit_is_daarna_weer_te_corrigeren(self, kmi_gebruiker, gi):
        besluit = self._oud(gi, "volledig", D(2025, 9, 16), D(2028, 9, 16))
        with pytest.raises(ValidationError):
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="kenmerk", kenmerk="KMI-1")
        MIGRATIE.geldig_tot_inkorten(apps, None)
        besluit = certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="kenmerk", kenmerk="KMI-1")
        assert (besluit.kenmerk, besluit.geldig_tot) == ("KMI-1", D(2028, 9, 15))

    def test_de_registratie_van_voor_de_overgang_blijft_zoals_vastgelegd(self, gi):
        besluit = self._oud(gi, "volledig", D(2025, 9, 16), D(2028, 9, 16))
        eerder = besluit.aangemaakt_op - dt.timedelta(days=1)
        Certificaatbesluit.history.filter(id=besluit.pk).update(history_date=eerder)
        MIGRATIE.geldig_tot_inkorten(apps, None)
        gisteren = eerder.astimezone(AMSTERDAM).date()
        # As the Kamer overview reads the register on an earlier peildatum: the value then, not the shortened one.
        [zoals_toen] = registerstand_op(gisteren)["certificaatbesluiten"]
        assert zoals_toen.geldig_tot == D(2028, 9, 16)
        [nu] = registerstand_nu()["certificaatbesluiten"]
        assert nu.geldig_tot == D(2028, 9, 15)
