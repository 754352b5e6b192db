"""Vroegsignalering (DESIGN.md §4): after every write the register evaluates the GI's signals of every year; when a
hoog or aandacht signal starts or ends, it records a Signaalmelding per variant, e-mails the toezichthouders and the
ministerie (on by default; each can turn it off), and shows it in their Atom feed and on the admin page "Open
signalen", where KMI, inspecties and ministerie record their reactie (wederhoor). The ministerie's meldingen are
computed from the public facts only."""

import datetime as dt
import xml.etree.ElementTree as ET
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests import maak
from tests.test_api_basis import client_voor
from vroegsignalering import services
from vroegsignalering.models import Meldingsvoorkeur, Signaalmelding

# The meldingen of the toezichthouders' variant of 2026. A volledig besluit of 15 December 2025 under the verscherpt
# toezicht of the fixture also starts two signals of 2025 (meldingen for signals in any year).
VERTROUWELIJK = Signaalmelding.objects.filter(variant="vertrouwelijk", jaar=2026)


def _vertrouwelijk(meldingen):
    return [m for m in meldingen if m.variant == "vertrouwelijk"]

D = dt.date
ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/meldingen/feed.atom"
OPEN = "/admin/vroegsignalering/opensignaal/"
VERSCHERPT = "VOLLEDIG_TIJDENS_VERSCHERPT"
# Today is 5 January 2026 (Europe/Amsterdam): the current year is 2026.
NU = dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _klok():
    with mock.patch("django.utils.timezone.now", return_value=NU):
        yield


def _aan(user, email):
    user.email = email
    user.save()
    Meldingsvoorkeur.objects.create(gebruiker=user, email_ontvangen=True)


@pytest.fixture
def ontvangers(kmi_gebruiker, inspecteur, rva_gebruiker):
    _aan(kmi_gebruiker, "kmi@example.nl")
    _aan(inspecteur, "inspecteur@example.nl")
    _aan(rva_gebruiker, "rva@example.nl")
    return {"kmi@example.nl", "inspecteur@example.nl", "rva@example.nl"}


@pytest.fixture
def jbn(beheerder, kmi_gebruiker, inspecteur):
    """A GI under verscherpt toezicht since 1 November 2025 with an overbruggingscertificaat through 2026: no signal
    of severity hoog or aandacht in any year (the set-up is not evaluated: the tests' transaction never commits)."""
    gi = maak.instelling(beheerder, "JBN", naam="Jeugdbescherming Noord", actief_vanaf=D(2025, 6, 1))
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2025, 6, 1), D(2027, 3, 1))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 11, 1), D(2026, 11, 1))
    assert services.signalen_evalueren() == []
    return gi


def _volledig_besluit(client, **extra):
    return client.post("/api/v1/certificaatbesluiten", {
        "instelling": "JBN", "status": "volledig", "besluitdatum": "2025-12-15", "ingangsdatum": "2025-12-15",
        "afweging": "Het verscherpt toezicht betreft de wachtlijst; de normen van het normenkader zijn wel gehaald.",
        "bron": "KMI-besluit 2025-12", "reikwijdte": "beide", **extra,
    }, format="json")


def _opheffen(client, ingang="2026-01-01"):
    return client.post("/api/v1/toezichtbesluiten", {
        "instelling": "JBN", "niveau": "regulier", "door": "IGJ_IJenV", "besluitdatum": "2025-12-22",
        "ingangsdatum": ingang, "aanleiding": "Verbeteringen gerealiseerd", "bron": "IGJ-brief 2025-12-22",
    }, format="json")


def _feed(client) -> list[dict]:
    response = client.get(FEED)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        {"titel": e.findtext(f"{ATOM}title"), "tekst": e.findtext(f"{ATOM}summary") or "", "id": e.findtext(f"{ATOM}id")}
        for e in root.iter(f"{ATOM}entry")
    ]


def test_volledig_besluit_tijdens_verscherpt_toezicht_meldt_het_signaal_en_opheffen_beeindigt_het(
    jbn, ontvangers, kmi_gebruiker, inspecteur, rva_gebruiker, django_capture_on_commit_callbacks,
):
    collega = User.objects.create_user("kmi-collega", email="collega@example.nl", password="geheim-wachtwoord-123")
    collega.groups.add(Group.objects.get(name="kmi"))  # never touched a preference: on by default
    ontvangers = ontvangers | {"collega@example.nl"}
    kmi, inspectie, rva = client_voor(kmi_gebruiker), client_voor(inspecteur), client_voor(rva_gebruiker)

    with django_capture_on_commit_callbacks(execute=True):
        response = _volledig_besluit(kmi, motiveringVertrouwelijk="GEHEIM-7731")
    assert response.status_code == 201, response.content

    assert sorted(m.to[0] for m in mail.outbox) == sorted(ontvangers)
    assert not [m for m in mail.outbox if "GEHEIM-7731" in m.subject + m.body]  # signals are public facts only
    assert all(len(m.to) == 1 for m in mail.outbox)
    bericht = mail.outbox[0]
    # 2026 and, in the earlier year, 2025: verscherpt since November 2025, hercertificering under it.
    assert bericht.subject == "GI-register: 3 signaalmeldingen (JBN)"
    assert sorted(Signaalmelding.objects.filter(variant="vertrouwelijk").values_list("jaar", "signaalcode")) == [
        (2025, "HERCERTIFICERING_NA_KRITISCH_RAPPORT"), (2025, VERSCHERPT), (2026, VERSCHERPT),
    ]
    assert "Jeugdbescherming Noord (JBN)" in bericht.body
    assert "Periode: 1 januari 2026 tot en met 31 december 2026" in bericht.body
    assert "/admin/vroegsignalering/opensignaal/" in bericht.body
    [melding] = VERTROUWELIJK.all()
    assert (melding.instelling, melding.jaar, melding.signaalcode, melding.ernst, melding.soort) == (
        jbn, 2026, VERSCHERPT, "hoog", "gestart"
    )
    feed = _feed(kmi)
    [entry] = [e for e in feed if "2026" in e["titel"]]
    assert "GEHEIM-7731" not in entry["tekst"] and "Periode: 1 januari 2026 tot en met 31 december 2026" in entry["tekst"]
    assert entry["titel"] == "JBN: signaal begonnen: Volledig certificaat tijdens verscherpt toezicht (hoog, 2026)"
    assert _feed(rva) == feed

    with django_capture_on_commit_callbacks(execute=True):
        response = _opheffen(inspectie)
    assert response.status_code == 201, response.content

    assert len(mail.outbox) == 8
    assert {m.to[0] for m in mail.outbox[4:]} == ontvangers
    assert mail.outbox[4].subject == "GI-register: signaal beëindigd bij JBN: Volledig certificaat tijdens verscherpt toezicht"
    assert [m.soort for m in VERTROUWELIJK.order_by("id")] == ["gestart", "beeindigd"]
    nieuwste, *eerdere = _feed(inspectie)
    assert eerdere == feed
    assert nieuwste["titel"] == "JBN: signaal beëindigd: Volledig certificaat tijdens verscherpt toezicht (hoog, 2026)"


def test_twee_signalen_tegelijk_geven_een_e_mail_per_ontvanger_en_twee_meldingen(
    jbn, ontvangers, kmi_gebruiker, django_capture_on_commit_callbacks,
):
    # Taking effect in 2026 under verscherpt toezicht: also "hercertificering tijdens verhoogd toezicht" (aandacht).
    with django_capture_on_commit_callbacks(execute=True):
        response = _volledig_besluit(client_voor(kmi_gebruiker), besluitdatum="2026-01-02", ingangsdatum="2026-01-02")
    assert response.status_code == 201, response.content
    assert sorted(VERTROUWELIJK.values_list("signaalcode", flat=True)) == [
        "HERCERTIFICERING_NA_KRITISCH_RAPPORT", VERSCHERPT,
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(ontvangers)
    assert mail.outbox[0].subject == "GI-register: 2 signaalmeldingen (JBN)"
    assert len(_feed(client_voor(kmi_gebruiker))) == 2


def test_uitgezet_geen_e_mail_maar_wel_de_melding(jbn, kmi_gebruiker, inspecteur, django_capture_on_commit_callbacks):
    kmi_gebruiker.email = "kmi@example.nl"
    kmi_gebruiker.save()
    Meldingsvoorkeur.objects.create(gebruiker=kmi_gebruiker, email_ontvangen=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _volledig_besluit(client_voor(kmi_gebruiker)).status_code == 201
    assert mail.outbox == []
    assert VERTROUWELIJK.count() == 1
    assert len(_feed(client_voor(inspecteur))) == 3  # 2026, and the two signals of 2025


def test_een_wijziging_die_geen_signaal_verandert_meldt_niets(jbn, ontvangers, kmi_gebruiker, django_capture_on_commit_callbacks):
    kmi = client_voor(kmi_gebruiker)
    with django_capture_on_commit_callbacks(execute=True):
        besluit = _volledig_besluit(kmi).json()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = kmi.patch(f"/api/v1/certificaatbesluiten/{besluit['id']}", {"kenmerk": "KMI-2025-12", "reden": "Kenmerk"},
                             format="json")
    assert response.status_code == 200, response.content
    assert callbacks  # the write was evaluated ...
    assert Signaalmelding.objects.count() == 6  # ... and changed nothing (three signals, a melding per variant)
    assert mail.outbox == []


def test_een_teruggedraaide_wijziging_meldt_niets(jbn, ontvangers, kmi_gebruiker, beheerder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 12, 15), afweging="Afgewogen.")
            raise RuntimeError("afgebroken")
    assert callbacks == []
    # The next committed write of the GI (a correction of its name) evaluates it again: still nothing changed.
    from register.services import corrigeren

    with django_capture_on_commit_callbacks(execute=True):
        corrigeren(jbn, actor=beheerder, velden={"naam": "Jeugdbescherming Noord-Nederland"}, reden="Naam gewijzigd")
    assert Signaalmelding.objects.count() == 0
    assert mail.outbox == []


def test_een_transactie_met_veel_schrijfacties_evalueert_elke_gi_een_keer(
    beheerder, kmi_gebruiker, inspecteur, django_capture_on_commit_callbacks,
):
    with mock.patch.object(services, "signalen_evalueren", wraps=services.signalen_evalueren) as evalueren:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            a = maak.instelling(beheerder, "AAA")
            b = maak.instelling(beheerder, "BBB")
            maak.certificaat(kmi_gebruiker, a, "volledig", D(2025, 1, 1))
            maak.certificaat(kmi_gebruiker, b, "volledig", D(2025, 1, 1))
            maak.onderzoek(inspecteur, a, D(2026, 1, 2), {"goed_bestuur": "onvoldoende"})
    assert evalueren.call_count == 1
    assert evalueren.call_args.kwargs["instelling_ids"] == {a.pk, b.pk}
    # No mail to nobody: nobody asked for it, the meldingen are recorded (A: a certificate with a kritisch report).
    assert mail.outbox == []
    assert set(Signaalmelding.objects.values_list("instelling__afkorting", "soort")) == {("AAA", "gestart")}
    assert set(Signaalmelding.objects.values_list("jaar", flat=True)) == {2026}


def test_een_reactie_start_geen_evaluatie(jbn, kmi_gebruiker, django_capture_on_commit_callbacks):
    from wederhoor.services import reactie_registreren

    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 12, 15), afweging="Afgewogen.")  # the signal exists
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reactie_registreren(actor=kmi_gebruiker, instelling=jbn, jaar=2026, signaalcode=VERSCHERPT, tekst="Reactie", bron="brief")
    assert callbacks == []


def test_een_onbereikbare_mailserver_breekt_de_schrijfactie_niet(jbn, ontvangers, kmi_gebruiker, django_capture_on_commit_callbacks):
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("geen verbinding")):
        with django_capture_on_commit_callbacks(execute=True):
            response = _volledig_besluit(client_voor(kmi_gebruiker))
    assert response.status_code == 201
    assert VERTROUWELIJK.count() == 1
    assert mail.outbox == []


def test_een_melding_is_onveranderlijk(jbn):
    melding = Signaalmelding.objects.create(instelling=jbn, jaar=2026, signaalcode=VERSCHERPT, ernst="hoog", soort="gestart",
                                            perioden="x", uitleg="y")
    melding.uitleg = "anders"
    with pytest.raises(Exception, match="niet worden gewijzigd"):
        melding.save()
    with pytest.raises(Exception, match="niet worden verwijderd"):
        melding.delete()


# -- who reads the feed ------------------------------------------------------------------------------


def test_de_feed_is_voor_toezichthouders_en_ministerie(jbn, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder):
    assert client_voor().get(FEED).status_code == 401
    assert Client().get(FEED).status_code == 401
    fout = client_voor()
    fout.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert fout.get(FEED).status_code == 401
    assert client_voor(beheerder).get(FEED).status_code == 403
    for user in (kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker):
        assert client_voor(user).get(FEED).status_code == 200
    sessie = Client()
    sessie.force_login(rva_gebruiker)
    response = sessie.get(FEED)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rva_gebruiker.is_active = False
    rva_gebruiker.save()
    assert client_voor(rva_gebruiker).get(FEED).status_code == 401


# -- the admin page "Open signalen" and "Mijn meldingen" ---------------------------------------------


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_open_signalen_met_reactie_vastleggen_vanuit_het_signaal(
    jbn, kmi_gebruiker, inspecteur, rva_gebruiker, ministerie_gebruiker, beheerder, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _volledig_besluit(client_voor(kmi_gebruiker))

    kmi = _login(kmi_gebruiker)
    pagina = kmi.get(OPEN).content.decode()
    assert "Volledig certificaat tijdens verscherpt toezicht" in pagina and "Jeugdbescherming Noord (JBN)" in pagina
    assert "geen reactie" in pagina
    toevoegen = f"/admin/wederhoor/reactie/add/?instelling={jbn.pk}&amp;jaar=2026&amp;signaalcode={VERSCHERPT}"
    assert toevoegen in pagina and "Reactie vastleggen" in pagina

    # The link opens wederhoor's own form, prefilled; saving it goes through wederhoor's rules.
    formulier = kmi.get(toevoegen.replace("&amp;", "&")).content.decode()
    assert f'<option value="{jbn.pk}" selected>' in formulier
    assert f'<option value="{VERSCHERPT}" selected>' in formulier
    with django_capture_on_commit_callbacks(execute=True):
        response = kmi.post("/admin/wederhoor/reactie/add/", {
            "instelling": jbn.pk, "jaar": 2026, "signaalcode": VERSCHERPT, "tekst": "Het KMI heeft de afweging gemaakt.",
            "bron": "KMI-brief",
        })
    assert response.status_code == 302, response.content.decode()[:2000]

    pagina = kmi.get(OPEN).content.decode()
    assert "Het KMI heeft de afweging gemaakt." in pagina and "Reactie corrigeren" in pagina
    inspectie = _login(inspecteur).get(OPEN).content.decode()
    assert "Het KMI heeft de afweging gemaakt." in inspectie and "Reactie vastleggen" in inspectie
    for lezer in (rva_gebruiker, beheerder):
        response = _login(lezer).get(OPEN)
        assert response.status_code == 200 and "Volledig certificaat tijdens verscherpt toezicht" in response.content.decode()
        assert "Reactie vastleggen" not in response.content.decode()
    ministerie = _login(ministerie_gebruiker).get(OPEN)
    assert ministerie.status_code == 200 and "Reactie vastleggen" in ministerie.content.decode()
    assert Client().get(OPEN).status_code == 302  # to the login page


def test_mijn_meldingen_aan_en_uit(kmi_gebruiker, ministerie_gebruiker):
    url = "/admin/vroegsignalering/opensignaal/mijn-meldingen/"
    kmi = _login(kmi_gebruiker)
    response = kmi.post(url, {"email_ontvangen": "on"})
    assert response.status_code == 400
    assert "heeft geen e-mailadres" in response.content.decode()
    assert not Meldingsvoorkeur.objects.filter(email_ontvangen=True).exists()

    kmi_gebruiker.email = "kmi@example.nl"
    kmi_gebruiker.save()
    assert kmi.post(url, {"email_ontvangen": "on"}).status_code == 302
    assert Meldingsvoorkeur.objects.get(gebruiker=kmi_gebruiker).email_ontvangen
    assert kmi.post(url, {}).status_code == 302
    assert not Meldingsvoorkeur.objects.get(gebruiker=kmi_gebruiker).email_ontvangen
    assert _login(ministerie_gebruiker).get(url).status_code == 200


def test_een_toezichthouder_stelt_niet_de_voorkeur_van_een_ander_in(kmi_gebruiker, inspecteur, beheerder, ministerie_gebruiker):
    from django.core.exceptions import PermissionDenied, ValidationError

    inspecteur.email = "inspecteur@example.nl"
    inspecteur.save()
    with pytest.raises(PermissionDenied):
        services.meldingsvoorkeur_instellen(actor=kmi_gebruiker, gebruiker=inspecteur, email_ontvangen=True)
    assert services.meldingsvoorkeur_instellen(actor=beheerder, gebruiker=inspecteur, email_ontvangen=True).email_ontvangen
    with pytest.raises(ValidationError, match="geen rol van toezichthouder"):
        services.meldingsvoorkeur_instellen(actor=beheerder, gebruiker=beheerder, email_ontvangen=True)


# -- the weekly overview -----------------------------------------------------------------------------


def test_signaaloverzicht_noemt_per_ontvanger_de_open_signalen_zonder_reactie_van_de_eigen_organisatie(
    jbn, ontvangers, kmi_gebruiker, capsys,
):
    from wederhoor.services import reactie_registreren

    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 12, 15), afweging="Afgewogen.")  # not evaluated yet
    call_command("signaaloverzicht", "--dry-run")
    assert mail.outbox == [] and Signaalmelding.objects.count() == 0
    assert "3 ontvangers, 0 e-mails verstuurd (proef)" in capsys.readouterr().out

    call_command("signaaloverzicht")  # evaluates every GI first: the signal starts (3 meldingen), then the overview
    assert VERTROUWELIJK.count() == 1
    overzichten = [m for m in mail.outbox if "zonder reactie" in m.subject]
    assert sorted(m.to[0] for m in overzichten) == sorted(ontvangers)
    assert "Jeugdbescherming Noord (JBN): Volledig certificaat tijdens verscherpt toezicht" in overzichten[0].body
    assert "3 ontvangers, 3 e-mails verstuurd" in capsys.readouterr().out

    mail.outbox.clear()
    for jaar, code in ((2026, VERSCHERPT), (2025, VERSCHERPT), (2025, "HERCERTIFICERING_NA_KRITISCH_RAPPORT")):
        reactie_registreren(actor=kmi_gebruiker, instelling=jbn, jaar=jaar, signaalcode=code, tekst="Reactie", bron="brief")
    call_command("signaaloverzicht")
    # The KMI has answered: nothing waits for it; the inspecties still owe a reactie; the RvA sees a reactie given.
    assert [m.to[0] for m in mail.outbox] == ["inspecteur@example.nl"]
    uit = capsys.readouterr().out
    assert "kmi-medewerker: geen open signalen zonder reactie; geen e-mail." in uit
    assert "rva-lezer: geen open signalen zonder reactie; geen e-mail." in uit


def test_een_beoordeling_van_de_ene_gi_raakt_de_andere_niet(jbn, beheerder, kmi_gebruiker):
    maak.instelling(beheerder, "AND")  # no certificate: GEEN_GELDIG_CERTIFICAAT
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 12, 15), afweging="Afgewogen.")
    meldingen = _vertrouwelijk(services.signalen_evalueren(instelling_ids={jbn.pk}))
    assert {m.instelling for m in meldingen} == {jbn}
    # The weekly command evaluates every GI: now the other one's signal is reported too, JBN's not again.
    call_command("signaaloverzicht")
    assert list(VERTROUWELIJK.order_by("id").values_list("instelling__afkorting", "signaalcode")) == [
        ("JBN", VERSCHERPT), ("AND", "GEEN_GELDIG_CERTIFICAAT"),
    ]


@pytest.mark.parametrize(("moment", "jaar"), [
    (dt.datetime(2026, 12, 31, 22, 59, tzinfo=dt.timezone.utc), 2026),  # 23:59 in Amsterdam: still 2026
    (dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.timezone.utc), 2027),  # midnight in Amsterdam: the new year
])
def test_het_lopende_jaar_is_het_jaar_in_amsterdam(jbn, kmi_gebruiker, moment, jaar):
    maak.certificaat(kmi_gebruiker, jbn, "volledig", D(2025, 12, 15), afweging="Afgewogen.")
    with mock.patch("django.utils.timezone.now", return_value=moment):
        meldingen = _vertrouwelijk(services.signalen_evalueren())
    # Verscherpt toezicht stays in force past its voorziene einddatum until a new besluit: a signal of each year,
    # reported for every year up to the one that is running in Amsterdam.
    assert [(m.jaar, m.signaalcode) for m in meldingen if m.signaalcode == VERSCHERPT] == [
        (j, VERSCHERPT) for j in range(2025, jaar + 1)
    ]


def test_functioneel_beheer_zet_de_meldingen_van_een_toezichthouder_aan(beheerder, rva_gebruiker, kmi_gebruiker):
    beheer = _login(beheerder)
    response = beheer.post("/admin/vroegsignalering/meldingsvoorkeur/add/", {"gebruiker": rva_gebruiker.pk, "email_ontvangen": "on"})
    assert response.status_code == 200
    assert "heeft geen e-mailadres" in response.content.decode()
    assert not Meldingsvoorkeur.objects.exists()

    rva_gebruiker.email = "rva@example.nl"
    rva_gebruiker.save()
    response = beheer.post("/admin/vroegsignalering/meldingsvoorkeur/add/", {"gebruiker": rva_gebruiker.pk, "email_ontvangen": "on"})
    assert response.status_code == 302
    assert Meldingsvoorkeur.objects.get().gebruiker == rva_gebruiker
    assert _login(kmi_gebruiker).get("/admin/vroegsignalering/meldingsvoorkeur/").status_code == 403
