"""Nothing claimed that is not known, for the afweging (DESIGN.md §3 Audit and Afweging, §4 signals per variant).

- An audit count that was not recorded is ``onbekend``: the aanleiding that depends on it is ``onbekend``, never
  "geen aanleiding".
- An overbrugging and the besluit that follows one are always under aanleiding.
- Only an afweging of herkomst KMI (public or vertrouwelijk) satisfies the requirement; a summary from an openbare
  bron is printed "Uit openbare bron: … (bron)" beside AFWEGING_ONTBREEKT, never as the KMI's afweging.
- The openbaar variant computes its signals without the confidential audit uitkomst; the two variants differ
  exactly where the aanleiding rests on the counts.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from certification.services import certificaatbesluit_corrigeren
from register import rules
from register.rules import AuditFeit, CertificaatFeit, OordeelFeit, RapportFeit
from register.teksten import (
    AANLEIDING_ONBEKEND_TEKST,
    GEEN_AANLEIDING_TEKST,
    GEEN_OPENBARE_AANLEIDING_TEKST,
)
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_csv, render_html
from reports.teksten import afweging_delen
from signalen import regels as s
from signalen.feiten import GIFeiten
from tests import maak
from tests.test_api_basis import client_voor
from tests.test_kameroverzicht_varianten import pdf_tekst

D = dt.date
B = D(2025, 9, 16)
AUDIT_EINDE = D(2025, 9, 3)


def audit(kritisch, *, zichtbaar=True, einde=AUDIT_EINDE, id=1):
    return AuditFeit(id, "periodiek", einde - dt.timedelta(days=2), einde, kritisch if zichtbaar else None, zichtbaar)


def besluit(i, status, ingang, tot=None, **kw):
    return CertificaatFeit(i, status, ingang, tot, kw.pop("besluitdatum", ingang), **kw)


def kritisch_rapport(datum):
    return RapportFeit(1, datum, "Rapport", (OordeelFeit("goed_bestuur", "goed bestuur", "onvoldoende"),))


# -- the pure rule ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kritisch, status", [
    (None, rules.AANLEIDING_ONBEKEND),  # not recorded: onbekend, never none
    (0, rules.AANLEIDING_NEE),
    (1, rules.AANLEIDING_JA),
])
def test_onbekende_aantallen_maken_de_aanleiding_onbekend(kritisch, status):
    aanleiding = rules.aanleiding(B, [audit(kritisch)])
    assert aanleiding.status == status
    assert bool(aanleiding) is (status == rules.AANLEIDING_JA)
    assert rules.afweging_vereist("volledig", aanleiding) is (status == rules.AANLEIDING_JA)
    assert bool(rules.aanleiding_onbekend_tekst(aanleiding)) is (kritisch is None)


def test_alleen_de_laatste_audit_telt_ook_als_zij_onbekend_is():
    oud_kritisch = audit(3, einde=D(2024, 12, 1), id=1)
    assert rules.aanleiding(B, [oud_kritisch, audit(None, id=2)]).status == rules.AANLEIDING_ONBEKEND
    # an audit still running on the besluitdatum has no uitkomst yet: the earlier one counts
    lopend = audit(None, einde=B + dt.timedelta(days=1), id=3)
    assert rules.aanleiding(B, [oud_kritisch, lopend]).status == rules.AANLEIDING_JA
    assert rules.aanleiding(B, [audit(0, id=1), lopend]).status == rules.AANLEIDING_NEE


def test_een_bekende_aanleiding_gaat_voor_onbekende_aantallen():
    aanleiding = rules.aanleiding(B, [audit(None)], [kritisch_rapport(D(2025, 7, 24))])
    assert aanleiding.status == rules.AANLEIDING_JA
    assert rules.afweging_vereist("volledig", aanleiding)


def test_verborgen_uitkomst_is_geen_onbekende_en_geen_aanleiding():
    """The openbaar variant: the same answer whether the count was 0, 5 or not recorded."""
    for kritisch in (None, 0, 5):
        aanleiding = rules.aanleiding(B, [audit(kritisch, zichtbaar=False)])
        assert aanleiding.status == rules.AANLEIDING_NIET_OPENBAAR and not aanleiding
    assert rules.aanleiding(B).status == rules.AANLEIDING_NEE  # no audit at all: nothing hidden


@pytest.mark.parametrize("status, vorige, onder_aanleiding", [
    ("overbrugging", None, True),
    ("volledig", "overbrugging", True),
    ("voorlopig", "overbrugging", True),
    ("volledig", "volledig", False),
    ("volledig", None, False),
])
def test_overbrugging_en_het_besluit_erna_altijd_onder_aanleiding(status, vorige, onder_aanleiding):
    vorig = besluit(1, vorige, D(2024, 12, 16), D(2025, 9, 15)) if vorige else None
    aanleiding = rules.aanleiding(B, [audit(None)], status=status, vorige=vorig)
    assert bool(aanleiding) is onder_aanleiding
    assert aanleiding.status == (rules.AANLEIDING_JA if onder_aanleiding else rules.AANLEIDING_ONBEKEND)


def test_het_besluit_volgt_het_direct_voorgaande():
    overbrugging = besluit(1, "overbrugging", D(2024, 12, 16), D(2025, 9, 15))
    tussen = besluit(2, "volledig", D(2025, 9, 16), D(2028, 9, 15))
    assert rules.vorig_besluit([overbrugging, tussen], D(2025, 9, 16)) == overbrugging  # not itself
    assert rules.vorig_besluit([overbrugging, tussen], D(2025, 9, 17)) == tussen
    assert rules.vorig_besluit([overbrugging], D(2024, 12, 16)) is None
    assert rules.vorig_besluit([overbrugging], dt.date.min) is None


# -- AFWEGING_ONTBREEKT by herkomst -----------------------------------------------------------------------------


def _gi(*certificaten, audits=()):
    return GIFeiten("GIX", certificaten=tuple(certificaten), audits=tuple(audits))


OVERBRUGGING = besluit(1, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), afweging="Het KMI woog de afwijkingen.")


@pytest.mark.parametrize("afweging, vuurt", [
    ({}, True),
    ({"afweging": "Het KMI woog ..."}, False),
    ({"afweging": "Het KMI woog ...", "afweging_herkomst": "kmi"}, False),
    ({"afweging": "Samenvatting", "afweging_herkomst": "openbare_bron", "afweging_bron": "krant"}, True),
    ({"afweging_vertrouwelijk": True}, False),
    ({"afweging": "Samenvatting", "afweging_herkomst": "openbare_bron", "afweging_bron": "krant",
      "afweging_vertrouwelijk": True}, False),
])
def test_alleen_een_afweging_van_het_kmi_houdt_het_signaal_tegen(afweging, vuurt):
    volledig = besluit(2, "volledig", D(2025, 9, 16), D(2028, 9, 15), **afweging)
    signalen = s.afweging_ontbreekt(_gi(OVERBRUGGING, volledig), 2025)
    assert bool(signalen) is vuurt
    if vuurt and afweging.get("afweging_herkomst") == "openbare_bron":
        assert signalen[0].uitleg.endswith("Uit openbare bron: Samenvatting (krant).")
        assert "volgt op het overbruggingscertificaat met ingang van 16 december 2024" in signalen[0].uitleg


def test_signalen_per_variant_verschillen_precies_waar_de_aanleiding_op_de_aantallen_rust():
    volledig = besluit(1, "volledig", B, D(2028, 9, 15))
    for kritisch, vertrouwelijk_vuurt in ((None, False), (0, False), (2, True)):
        vertrouwelijk = _gi(volledig, audits=[audit(kritisch)])
        openbaar = _gi(volledig, audits=[audit(kritisch, zichtbaar=False)])
        assert bool(s.afweging_ontbreekt(vertrouwelijk, 2025)) is vertrouwelijk_vuurt
        assert s.afweging_ontbreekt(openbaar, 2025) == []
    # with a public aanleiding (an overbrugging before it) both variants fire, the same signal
    overbrugging = besluit(2, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), afweging="Afweging.")
    vertrouwelijk = s.afweging_ontbreekt(_gi(overbrugging, volledig, audits=[audit(2)]), 2025)
    openbaar = s.afweging_ontbreekt(_gi(overbrugging, volledig, audits=[audit(2, zichtbaar=False)]), 2025)
    assert [x.code for x in vertrouwelijk] == [x.code for x in openbaar] == [s.AFWEGING_ONTBREEKT]
    assert "kritische afwijking" in vertrouwelijk[0].uitleg and "kritische afwijking" not in openbaar[0].uitleg


# -- what every renderer prints beside a besluit --------------------------------------------------------------


def _b(**velden):
    basis = {"status": "volledig", "afweging": "", "afweging_vereist": False, "aanleiding": [],
             "aanleiding_status": "nee", "aanleiding_onbekend": ""}
    return {**basis, **velden}


def test_de_woorden_naast_een_besluit():
    assert afweging_delen(_b()) == [("", GEEN_AANLEIDING_TEKST + ".")]
    onbekend = afweging_delen(_b(aanleiding_status="onbekend", aanleiding_onbekend="van audit X is niets vastgelegd"))
    assert onbekend == [("", f"{AANLEIDING_ONBEKEND_TEKST} (van audit X is niets vastgelegd).")]
    assert afweging_delen(_b(aanleiding_status="niet_openbaar")) == [("", GEEN_OPENBARE_AANLEIDING_TEKST + ".")]
    vereist = afweging_delen(_b(afweging_vereist=True, aanleiding_status="ja", aanleiding=["overbrugging"],
                                afweging_openbare_bron="Samenvatting", afweging_bron="krant"))
    assert vereist == [("Aanleiding", "overbrugging."), ("Geen afweging van het KMI vastgelegd.", ""),
                       ("", "Uit openbare bron: Samenvatting (krant).")]
    vertrouwelijk = afweging_delen(_b(afweging_vereist=True, aanleiding_status="ja", aanleiding=["x"],
                                      afweging_vertrouwelijk_vastgelegd=True))
    assert ("", "Afweging vastgelegd (vertrouwelijk).") in vertrouwelijk
    assert not any(k.startswith("Geen afweging") for k, _ in vertrouwelijk)
    assert afweging_delen({"status": "volledig"}) == []  # schema 1 knows no afweging


# -- through the register: the service, the overview in both variants, the API ---------------------------------


@pytest.fixture
def jbn(beheerder, kmi_gebruiker):
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2024, 1, 1))
    maak.audit(kmi_gebruiker, gi, D(2024, 12, 1), D(2024, 12, 15))  # uitkomst not recorded
    return gi


@pytest.mark.django_db
def test_een_afweging_uit_openbare_bron_voldoet_niet(jbn, kmi_gebruiker):
    with pytest.raises(ValidationError) as exc:
        maak.certificaat(kmi_gebruiker, jbn, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), afweging="Samenvatting",
                         afweging_herkomst="openbare_bron", afweging_bron="oogtv.nl")
    [melding] = exc.value.message_dict["afweging"]
    assert "valt onder aanleiding" in melding and "overbruggingscertificaat, dat bestaat vanwege kritische" in melding
    assert "Een samenvatting uit een openbare bron telt niet als afweging van het KMI." in melding
    # a vertrouwelijke afweging of the KMI does
    besluit = maak.certificaat(kmi_gebruiker, jbn, "overbrugging", D(2024, 12, 16), D(2025, 9, 15),
                               afweging_vertrouwelijk="Het KMI woog ...")
    # the besluit that follows the overbrugging is under aanleiding as well, also on correction
    volledig = maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 9, 16), afweging="Hersteld.")
    with pytest.raises(ValidationError) as exc:
        certificaatbesluit_corrigeren(actor=kmi_gebruiker, besluit=volledig, reden="weg", afweging="")
    assert "volgt op het overbruggingscertificaat met ingang van 16-12-2024" in exc.value.message_dict["afweging"][0]
    assert besluit.pk


@pytest.mark.django_db
@pytest.mark.parametrize("velden, veld", [
    ({"afweging": "Samenvatting", "afweging_herkomst": "openbare_bron"}, "afweging_bron"),
    ({"afweging_herkomst": "openbare_bron", "afweging_bron": "krant"}, "afweging"),
    ({"afweging": "Afweging", "afweging_bron": "krant"}, "afweging_bron"),
])
def test_herkomst_en_bron_horen_bij_elkaar(beheerder, kmi_gebruiker, velden, veld):
    gi = maak.instelling(beheerder, "JBG")
    with pytest.raises(ValidationError) as exc:
        maak.certificaat(kmi_gebruiker, gi, "voorlopig", D(2025, 1, 1), D(2026, 1, 1), **velden)
    assert veld in exc.value.message_dict


@pytest.fixture
def jbn_volledig(jbn, kmi_gebruiker, beheerder):
    """JBN: a volledig certificaat after an audit with 2 kritische afwijkingen (the only aanleiding, and
    confidential); JBG: after an audit whose uitkomst was not recorded."""
    maak.audit(kmi_gebruiker, jbn, D(2025, 9, 1), D(2025, 9, 3), aantal_kritische_afwijkingen=2, aantal_afwijkingen=4)
    # entered before the rule: a besluit without afweging under a confidential aanleiding
    from certification.models import Certificaatbesluit

    Certificaatbesluit(instelling=jbn, status="volledig", besluitdatum=B, ingangsdatum=B, geldig_tot=D(2028, 9, 15),
                       bron="KMI").save()
    jbg = maak.instelling(beheerder, "JBG", naam="Jeugdbescherming Gelderland", actief_vanaf=D(2024, 1, 1))
    maak.audit(kmi_gebruiker, jbg, D(2025, 9, 1), D(2025, 9, 3))
    maak.certificaat(kmi_gebruiker, jbg, "volledig", B)
    return jbn


def _gi_data(data, afkorting):
    return next(gi for gi in data["instellingen"] if gi["afkorting"] == afkorting)


@pytest.mark.django_db
def test_het_overzicht_per_variant(jbn_volledig):
    vandaag = dt.date.today()
    openbaar, vertrouwelijk = kameroverzicht(2025, vandaag, "openbaar"), kameroverzicht(2025, vandaag, "vertrouwelijk")
    # the signal rests on the confidential count: only in the vertrouwelijk variant
    assert "AFWEGING_ONTBREEKT" in _gi_data(vertrouwelijk, "JBN")["signaalcodes"]
    assert "AFWEGING_ONTBREEKT" not in _gi_data(openbaar, "JBN")["signaalcodes"]
    [b_v] = _gi_data(vertrouwelijk, "JBN")["certificaatbesluiten"]
    [b_o] = _gi_data(openbaar, "JBN")["certificaatbesluiten"]
    assert b_v["aanleiding_status"] == "ja" and "2 kritische afwijkingen" in b_v["aanleiding"][0]
    assert b_o["aanleiding_status"] == "niet_openbaar" and b_o["aanleiding"] == []
    # JBG: unknown counts are onbekend in the vertrouwelijk variant, never "geen aanleiding"
    [g_v] = _gi_data(vertrouwelijk, "JBG")["certificaatbesluiten"]
    [g_o] = _gi_data(openbaar, "JBG")["certificaatbesluiten"]
    assert g_v["aanleiding_status"] == "onbekend" and "niet vastgelegd" in g_v["aanleiding_onbekend"]
    assert g_o["aanleiding_status"] == "niet_openbaar" and g_o["aanleiding_onbekend"] == ""
    # the audits: the counts in the vertrouwelijk variant, unknown as null; absent from the openbaar one
    a_v = _gi_data(vertrouwelijk, "JBG")["audits"][0]
    assert a_v["aantal_kritische_afwijkingen"] is None and a_v["hersteltermijn"] is None
    assert "aantal_kritische_afwijkingen" not in _gi_data(openbaar, "JBG")["audits"][0]
    # every door says the same words: PDF and HTML the aanleiding and the audit uitkomst, CSV the aanleiding
    for data, aanleiding, uitkomst, niet in (
        (vertrouwelijk, AANLEIDING_ONBEKEND_TEKST, ["kritische afwijkingen: onbekend", "hersteltermijn: onbekend"],
         [GEEN_AANLEIDING_TEKST]),
        (openbaar, GEEN_OPENBARE_AANLEIDING_TEKST, ["uitkomst vertrouwelijk"],
         [GEEN_AANLEIDING_TEKST, AANLEIDING_ONBEKEND_TEKST, "kritische afwijkingen:"]),
    ):
        csv = render_csv(data)
        deuren = {
            "pdf": " ".join(pdf_tekst(render_pdf(data))),
            "html": render_html(data),
            "csv": csv.decode("utf-8-sig") if isinstance(csv, bytes) else csv,
        }
        for deur, tekst in deuren.items():
            tekst = " ".join(tekst.split())
            woorden = [aanleiding] + (uitkomst if deur != "csv" else [])
            for woord in woorden:
                assert woord in tekst, (data["variant"], deur, woord)
            for woord in niet:
                assert woord not in tekst, (data["variant"], deur, woord)


@pytest.mark.django_db
def test_geen_niet_vereist_naast_een_overbrugging(jbn, kmi_gebruiker):
    """The overbrugging of the example data's shape: no afweging recorded (entered before the rule), unknown audit
    counts. Both variants say the afweging is missing, never 'niet vereist: geen aanleiding'."""
    from certification.models import Certificaatbesluit

    Certificaatbesluit(instelling=jbn, status="overbrugging", besluitdatum=D(2024, 12, 16),
                       ingangsdatum=D(2024, 12, 16), geldig_tot=D(2025, 9, 15), bron="oogtv.nl").save()
    for variant in ("openbaar", "vertrouwelijk"):
        data = kameroverzicht(2024, dt.date.today(), variant)
        [b] = _gi_data(data, "JBN")["certificaatbesluiten"]
        assert b["afweging_vereist"] is True and b["aanleiding_status"] == "ja"
        assert "AFWEGING_ONTBREEKT" in _gi_data(data, "JBN")["signaalcodes"]
        pdf = " ".join(" ".join(pdf_tekst(render_pdf(data))).split())
        assert "Niet vereist" not in pdf and GEEN_AANLEIDING_TEKST not in pdf
        assert GEEN_AANLEIDING_TEKST not in render_html(data)
        assert "Geen afweging van het KMI vastgelegd" in pdf


@pytest.mark.django_db
@pytest.mark.parametrize("rol, vuurt", [("publiek", False), ("ministerie", False), ("kmi", True), ("rva", True)])
def test_api_signalen_uit_de_feiten_die_de_lezer_mag_zien(request, jbn_volledig, rol, vuurt):
    actor = None if rol == "publiek" else request.getfixturevalue(f"{rol}_gebruiker")
    items = client_voor(actor).get("/api/v1/signalen?jaar=2025").json()["results"]
    jbn = next(i for i in items if i["instelling"] == "JBN")
    assert ("AFWEGING_ONTBREEKT" in [x["code"] for x in jbn["signalen"]]) is vuurt


@pytest.mark.django_db
def test_vroegsignalering_meldt_niets_dat_op_de_vertrouwelijke_uitkomst_rust(jbn_volledig):
    """The ministerie's meldingen (the openbaar variant) hold no signal that rests only on the confidential audit
    count; the toezichthouders' (vertrouwelijk) do."""
    from vroegsignalering import services
    from vroegsignalering.models import OPENBAAR, VERTROUWELIJK

    with pytest.MonkeyPatch.context() as m:
        m.setattr("register.klok.vandaag", lambda: D(2025, 12, 31))
        meldingen = services.signalen_evalueren(versturen=False)
    assert not any(x.signaalcode == "AFWEGING_ONTBREEKT" for x in meldingen if x.variant == OPENBAAR)
    assert any(x.signaalcode == "AFWEGING_ONTBREEKT" for x in meldingen if x.variant == VERTROUWELIJK)
