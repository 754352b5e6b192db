"""Every validation rule of DESIGN.md §3, through the services: a clear Dutch error, and nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certification.models import Audit, Certificaatbesluit
from certification.services import certificaatbesluit_corrigeren, certificaatbesluit_laten_vervallen
from register.models import Instelling, Monitormeting
from register.services import monitormeting_registreren
from supervision.models import Inspectieonderzoek, Oordeel, Toezichtbesluit
from tests import maak

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def gi(beheerder):
    return maak.instelling(beheerder, "JBN")


def fout(exc_info, veld):
    return " ".join(exc_info.value.message_dict[veld])


class TestCertificaatbesluit:
    @pytest.mark.parametrize("status", ["overbrugging", "voorlopig", "geschorst"])
    def test_status_needs_geldig_tot(self, kmi_gebruiker, gi, status):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, status, D(2024, 12, 16), None)
        assert "verplicht" in fout(exc, "geldig_tot")
        assert Certificaatbesluit.objects.count() == 0

    def test_volledig_defaults_to_three_years(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        assert besluit.geldig_tot == D(2028, 9, 15)  # through the day before the third anniversary

    def test_volledig_on_leap_day_defaults_to_28_february(self, kmi_gebruiker, gi):
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2024, 2, 29)).geldig_tot == D(2027, 2, 28)

    def test_voorlopig_exactly_two_years_allowed_one_day_more_refused(self, kmi_gebruiker, gi):
        maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2025, 1, 1), D(2026, 12, 31))
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2027, 6, 1), D(2029, 6, 1))
        assert "hoogstens 2 jaar" in fout(exc, "geldig_tot")
        assert "31-05-2029" in fout(exc, "geldig_tot")
        assert Certificaatbesluit.objects.count() == 1

    def test_voorlopig_from_leap_day(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError):
            maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2024, 2, 29), D(2026, 3, 1))
        assert maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2024, 2, 29), D(2026, 2, 28)).pk

    def test_volledig_longer_than_three_years_refused(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1), D(2028, 1, 2))
        assert "hoogstens 3 jaar" in fout(exc, "geldig_tot")

    def test_overbrugging_has_no_legal_maximum(self, kmi_gebruiker, gi):
        assert maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 1, 1), D(2028, 6, 1)).pk

    def test_geldig_tot_before_ingangsdatum(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 1, 10), D(2025, 1, 9))
        assert "vóór de ingangsdatum" in fout(exc, "geldig_tot")

    def test_geldig_tot_on_ingangsdatum_is_one_valid_day(self, kmi_gebruiker, gi):
        assert maak.certificaat(kmi_gebruiker, gi, "geschorst", D(2025, 1, 10), D(2025, 1, 10)).pk

    def test_ingetrokken_has_no_geldig_tot(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "ingetrokken", D(2025, 1, 1), D(2025, 6, 1))
        assert "leeg" in fout(exc, "geldig_tot")
        assert maak.certificaat(kmi_gebruiker, gi, "ingetrokken", D(2025, 1, 1)).geldig_tot is None

    def test_two_decisions_on_one_ingangsdatum_refused(self, kmi_gebruiker, gi):
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 9, 16), D(2026, 1, 1))
        assert "al een certificaatbesluit met deze ingangsdatum" in " ".join(exc.value.messages)
        assert Certificaatbesluit.objects.count() == 1

    def test_same_ingangsdatum_at_another_gi_is_fine(self, kmi_gebruiker, beheerder, gi):
        ander = maak.instelling(beheerder, "JBG")
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        assert maak.certificaat(kmi_gebruiker, ander, "volledig", D(2025, 9, 16)).pk

    def test_void_decision_frees_its_ingangsdatum(self, kmi_gebruiker, gi):
        fout_besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=fout_besluit, reden="Verkeerde GI ingevoerd")
        assert maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16)).pk
        assert Certificaatbesluit.objects.count() == 2

    def test_database_holds_the_uniqueness_rule_too(self, kmi_gebruiker, gi):
        maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        dubbel = Certificaatbesluit(instelling=gi, status="volledig", besluitdatum=D(2025, 9, 16),
                                    ingangsdatum=D(2025, 9, 16), geldig_tot=D(2026, 1, 1), bron="x")
        with pytest.raises(IntegrityError), transaction.atomic():
            dubbel.save()

    def test_database_holds_date_order(self, gi):
        with pytest.raises(IntegrityError), transaction.atomic():
            Certificaatbesluit.objects.create(instelling=gi, status="overbrugging", besluitdatum=D(2025, 1, 1),
                                              ingangsdatum=D(2025, 1, 10), geldig_tot=D(2025, 1, 1), bron="x")

    def test_correction_needs_a_reason_and_keeps_rules(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
        with pytest.raises(ValidationError) as exc:
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="  ", geldig_tot=D(2025, 9, 30))
        assert "reden" in exc.value.message_dict
        with pytest.raises(ValidationError):
            certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=besluit, reden="tikfout", geldig_tot=D(2024, 1, 1))
        besluit.refresh_from_db()
        assert besluit.geldig_tot == D(2025, 9, 15)

    def test_void_needs_a_reason(self, kmi_gebruiker, gi):
        besluit = maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16))
        with pytest.raises(ValidationError):
            certificaatbesluit_laten_vervallen(actor=kmi_gebruiker, besluit=besluit, reden="")
        besluit.refresh_from_db()
        assert besluit.vervallen is False


class TestToezichtbesluit:
    def test_two_decisions_on_one_ingangsdatum_refused(self, inspecteur, gi):
        maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
        with pytest.raises(ValidationError) as exc:
            maak.toezicht(inspecteur, gi, "regulier", D(2025, 7, 24))
        assert "al een toezichtbesluit met deze ingangsdatum" in " ".join(exc.value.messages)
        assert Toezichtbesluit.objects.count() == 1

    def test_einddatum_before_ingangsdatum_refused(self, inspecteur, gi):
        with pytest.raises(ValidationError) as exc:
            maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2025, 7, 23))
        assert "voorziene_einddatum" in exc.value.message_dict


class TestOnderzoekEnOordelen:
    def test_oordeel_twice_for_one_theme_refused_and_nothing_saved(self, inspecteur, gi):
        from supervision.models import Thema
        from supervision.services import inspectieonderzoek_registreren

        goed_bestuur = Thema.objects.get(code="goed_bestuur")
        with pytest.raises(ValidationError) as exc:
            inspectieonderzoek_registreren(
                actor=inspecteur, instellingen=[gi], soort="verdiepend", door="IGJ_IJenV", rapportdatum=D(2025, 7, 24),
                titel="Verdiepend onderzoek", bron="rapport",
                oordelen=[{"thema": goed_bestuur, "waarde": "onvoldoende"}, {"thema": goed_bestuur, "waarde": "voldoende"}],
            )
        assert "twee keer" in " ".join(exc.value.messages)
        assert Inspectieonderzoek.objects.count() == 0
        assert Oordeel.objects.count() == 0

    def test_database_refuses_second_oordeel_for_theme(self, inspecteur, gi):
        from supervision.models import Thema

        onderzoek = maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "onvoldoende"})
        with pytest.raises(IntegrityError), transaction.atomic():
            Oordeel.objects.create(onderzoek=onderzoek, thema=Thema.objects.get(code="goed_bestuur"), waarde="voldoende")

    def test_unknown_waarde_refused(self, inspecteur, gi):
        with pytest.raises(ValidationError):
            maak.onderzoek(inspecteur, gi, D(2025, 7, 24), {"goed_bestuur": "matig"})
        assert Inspectieonderzoek.objects.count() == 0

    def test_report_before_visit_refused(self, inspecteur, gi):
        with pytest.raises(ValidationError) as exc:
            maak.onderzoek(inspecteur, gi, D(2025, 2, 1), bezoek_van=D(2025, 3, 1), bezoek_tot=D(2025, 3, 15))
        assert "rapportdatum" in exc.value.message_dict

    def test_visit_end_before_start_refused(self, inspecteur, gi):
        with pytest.raises(ValidationError) as exc:
            maak.onderzoek(inspecteur, gi, D(2025, 7, 1), bezoek_van=D(2025, 3, 15), bezoek_tot=D(2025, 3, 1))
        assert "bezoek_tot" in exc.value.message_dict


class TestOverigeRegels:
    def test_audit_end_before_start(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.audit(kmi_gebruiker, gi, D(2024, 12, 10), D(2024, 12, 1))
        assert "einddatum" in exc.value.message_dict
        assert Audit.objects.count() == 0

    def test_audit_counts_not_negative(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), aantal_kritische_afwijkingen=-1)
        assert "aantal_kritische_afwijkingen" in exc.value.message_dict

    def test_every_fact_needs_a_bron(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), bron="")
        assert "bron" in exc.value.message_dict

    @pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a"])
    def test_kvk_nummer_is_eight_digits(self, beheerder, kvk):
        with pytest.raises(ValidationError) as exc:
            maak.instelling(beheerder, "ABC", kvk_nummer=kvk)
        assert "8 cijfers" in fout(exc, "kvk_nummer")
        assert not Instelling.objects.filter(afkorting="ABC").exists()

    def test_afkorting_unique(self, beheerder, gi):
        with pytest.raises(ValidationError):
            maak.instelling(beheerder, "JBN")

    def test_actief_tot_before_vanaf(self, beheerder):
        with pytest.raises(ValidationError):
            maak.instelling(beheerder, "OUD", actief_vanaf=D(2020, 1, 1), actief_tot=D(2019, 12, 31))

    def test_one_national_measurement_per_peildatum(self, beheerder):
        monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), aantal_kinderen_met_maatregel=30000, bron="GI-monitor")
        with pytest.raises(ValidationError):
            monitormeting_registreren(actor=beheerder, peildatum=D(2025, 10, 1), aantal_kinderen_met_maatregel=1, bron="GI-monitor")
        assert Monitormeting.objects.count() == 1

    def test_unknown_field_refused(self, kmi_gebruiker, gi):
        with pytest.raises(ValidationError) as exc:
            maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 1, 1), vervallen=True)
        assert "vervallen" in exc.value.message_dict
