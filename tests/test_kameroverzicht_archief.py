"""Generating, archiving and downloading the Kamer overview: who may do what, immutability,
byte-identical PDFs, the management command and the web pages."""

import datetime as dt
import hashlib
import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from register import klok
from reports import selectors
from reports.models import Kameroverzicht
from reports.overzicht import kameroverzicht
from reports.pdf import render_pdf
from reports.renderers import render_json
from reports.services import kameroverzicht_genereren
from tests import maak

D = dt.date


def vandaag():
    return klok.vandaag()


@pytest.fixture
def register(beheerder, kmi_gebruiker, inspecteur):
    gi = maak.instelling(beheerder, "ARCH")
    maak.certificaat(kmi_gebruiker, gi, "overbrugging", D(2024, 12, 16), D(2025, 9, 15), motivering_vertrouwelijk="GEHEIMMOTIEF")
    maak.certificaat(kmi_gebruiker, gi, "volledig", D(2025, 9, 16), D(2028, 9, 15))
    maak.toezicht(inspecteur, gi, "verscherpt", D(2025, 7, 24), D(2026, 2, 23))
    return gi


@pytest.mark.django_db
def test_ministerie_maakt_openbaar_en_het_wordt_gearchiveerd(register, ministerie_gebruiker):
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    opgeslagen = Kameroverzicht.objects.get(pk=overzicht.pk)
    assert (opgeslagen.jaar, opgeslagen.peildatum, opgeslagen.variant) == (2025, vandaag(), "openbaar")
    assert opgeslagen.aangemaakt_door == ministerie_gebruiker
    assert bytes(opgeslagen.pdf).startswith(b"%PDF")
    assert opgeslagen.pdf_sha256 == hashlib.sha256(bytes(opgeslagen.pdf)).hexdigest()
    assert opgeslagen.data["instellingen"][0]["afkorting"] == "ARCH"
    assert opgeslagen.data_sha256 == opgeslagen.data["data_sha256"]


@pytest.mark.django_db
def test_het_archief_legt_de_reportlab_versie_van_de_pdf_vast(register, ministerie_gebruiker, client):
    """The same data give the same PDF bytes (and pdf_sha256) only with the same reportlab: the row says which."""
    import reportlab

    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="openbaar")
    assert Kameroverzicht.objects.get(pk=overzicht.pk).reportlab_versie == reportlab.Version != ""
    client.force_login(ministerie_gebruiker)
    lijst = client.get(reverse("admin:reports_kameroverzicht_changelist"))
    assert f"<td class=\"field-reportlab_versie\">{reportlab.Version}</td>" in lijst.content.decode()


@pytest.mark.django_db
def test_alleen_toezichthouders_maken_de_vertrouwelijke_variant(register, ministerie_gebruiker, inspecteur, kmi_gebruiker, rva_gebruiker, beheerder, publiek):
    with pytest.raises(PermissionDenied, match="Alleen toezichthouders"):
        kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025, variant="vertrouwelijk")
    for actor in (inspecteur, kmi_gebruiker, rva_gebruiker):
        assert kameroverzicht_genereren(actor=actor, jaar=2025, variant="vertrouwelijk").variant == "vertrouwelijk"
    for actor in (beheerder, publiek):
        with pytest.raises(PermissionDenied, match="voorbehouden aan het ministerie en de toezichthouders"):
            kameroverzicht_genereren(actor=actor, jaar=2025, variant="openbaar")
    # the three toezichthouders asked for the same data: one archived entry, not three identical ones
    assert Kameroverzicht.objects.count() == 1


@pytest.mark.django_db
def test_peildatum_in_de_toekomst_en_onbekende_variant_worden_geweigerd(register, inspecteur):
    with pytest.raises(ValidationError) as fout:
        kameroverzicht_genereren(actor=inspecteur, jaar=2025, peildatum=vandaag() + dt.timedelta(days=1))
    assert "peildatum" in fout.value.message_dict
    with pytest.raises(ValidationError):
        kameroverzicht_genereren(actor=inspecteur, jaar=2025, variant="geheim")
    assert not Kameroverzicht.objects.exists()


@pytest.mark.django_db
def test_tweemaal_genereren_geeft_een_bytegelijke_pdf(register, inspecteur, kmi_gebruiker):
    for variant in ("openbaar", "vertrouwelijk"):
        a = kameroverzicht_genereren(actor=inspecteur, jaar=2025, variant=variant)
        # built and rendered again from the unchanged register: byte for byte the archived PDF
        opnieuw = render_pdf(kameroverzicht(2025, vandaag(), variant))
        assert opnieuw == bytes(a.pdf)
        assert hashlib.sha256(opnieuw).hexdigest() == a.pdf_sha256
        # so generating again reuses the archived entry instead of adding an identical one
        b = kameroverzicht_genereren(actor=kmi_gebruiker, jaar=2025, variant=variant)
        assert b.pk == a.pk and b.hergebruikt
    openbaar, vertrouwelijk = Kameroverzicht.objects.filter(aangemaakt_door=inspecteur).order_by("id")
    assert openbaar.pdf_sha256 != vertrouwelijk.pdf_sha256
    assert Kameroverzicht.objects.count() == 2


@pytest.mark.django_db
def test_andere_gegevens_geven_een_nieuw_overzicht_met_een_ander_kenmerk(register, inspecteur, kmi_gebruiker, beheerder):
    eerste = kameroverzicht_genereren(actor=inspecteur, jaar=2025)
    maak.instelling(beheerder, "ARCX")  # the register changes on the same peildatum
    tweede = kameroverzicht_genereren(actor=inspecteur, jaar=2025)
    assert tweede.pk != eerste.pk and not getattr(tweede, "hergebruikt", False)
    assert tweede.data_sha256 != eerste.data_sha256
    # same year, variant and peildatum, different contents: the labels differ (registerstand, start of the sha256)
    assert str(eerste) != str(tweede)
    for o in (eerste, tweede):
        assert f"sha256 {o.data_sha256[:12]}" in str(o)
        assert o.kenmerk.startswith(f"peildatum {vandaag():%d-%m-%Y}, registerstand ")
    # and in every list: read without the data, as the lists read them
    lijst = {o.pk: o.kenmerk for o in selectors.kameroverzichten_voor(inspecteur)}
    assert lijst == {eerste.pk: eerste.kenmerk, tweede.pk: tweede.kenmerk}


@pytest.mark.django_db
def test_gearchiveerd_overzicht_is_onveranderlijk(register, ministerie_gebruiker):
    overzicht = kameroverzicht_genereren(actor=ministerie_gebruiker, jaar=2025)
    overzicht.jaar = 2024
    with pytest.raises(ValidationError, match="kan niet worden gewijzigd"):
        overzicht.save()
    with pytest.raises(ValidationError, match="kan niet worden verwijderd"):
        overzicht.delete()
    assert Kameroverzicht.objects.get(pk=overzicht.pk).jaar == 2025


@pytest.mark.django_db
def test_commando_schrijft_pdf_en_json_en_archiveert_als_systeemgebruiker(register, tmp_path):
    pdf, js = tmp_path / "uit" / "k.pdf", tmp_path / "k.json"
    call_command("kameroverzicht", "2025", "--peildatum", vandaag().isoformat(), "--variant", "openbaar",
                 "--uitvoer", str(pdf), "--json", str(js))
    overzicht = Kameroverzicht.objects.get()
    assert pdf.read_bytes() == bytes(overzicht.pdf)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data == overzicht.data and data["instellingen"][0]["signaalcodes"]
    assert js.read_bytes() == render_json(overzicht.data)
    assert overzicht.aangemaakt_door.username == "systeem-kameroverzicht"
    assert not overzicht.aangemaakt_door.has_usable_password()
    call_command("kameroverzicht", "2025", "--variant", "vertrouwelijk")
    assert Kameroverzicht.objects.filter(variant="vertrouwelijk").count() == 1


@pytest.mark.django_db
def test_commando_met_gebruiker_en_foutmeldingen(register, ministerie_gebruiker):
    call_command("kameroverzicht", "2025", "--gebruiker", ministerie_gebruiker.username)
    assert Kameroverzicht.objects.get().aangemaakt_door == ministerie_gebruiker
    with pytest.raises(CommandError, match="Alleen toezichthouders"):
        call_command("kameroverzicht", "2025", "--variant", "vertrouwelijk", "--gebruiker", ministerie_gebruiker.username)
    with pytest.raises(CommandError, match="geen gebruiker"):
        call_command("kameroverzicht", "2025", "--gebruiker", "onbekend")
    with pytest.raises(CommandError, match="geen geldige datum"):
        call_command("kameroverzicht", "2025", "--peildatum", "31-12-2025")


# -- web pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ministerie_genereert_lijst_en_downloadt_via_de_webpagina(client, register, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    url = reverse("reports:archief")
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'value="vertrouwelijk"' not in pagina.content.decode()
    antwoord = client.post(url, {"jaar": "2025", "peildatum": vandaag().isoformat(), "variant": "openbaar"})
    overzicht = Kameroverzicht.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("reports:detail", args=[overzicht.pk])
    assert "2025" in client.get(url).content.decode()
    pdf = client.get(reverse("reports:download", args=[overzicht.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == bytes(overzicht.pdf)
    assert "attachment" in pdf["Content-Disposition"]
    csv = client.get(reverse("reports:download", args=[overzicht.pk, "csv"]))
    assert "ARCH" in csv.content.decode("utf-8-sig")
    html = client.get(reverse("reports:download", args=[overzicht.pk, "html"]))
    assert '<html lang="nl"' in html.content.decode() and "ARCH" in html.content.decode()
    # the vertrouwelijk variant is not on offer for the ministerie
    fout = client.post(url, {"jaar": "2025", "peildatum": vandaag().isoformat(), "variant": "vertrouwelijk"})
    assert fout.status_code == 400 and Kameroverzicht.objects.count() == 1


@pytest.mark.django_db
def test_vertrouwelijk_overzicht_is_onzichtbaar_voor_het_ministerie(client, register, inspecteur, ministerie_gebruiker):
    client.force_login(inspecteur)
    client.post(reverse("reports:archief"), {"jaar": "2025", "peildatum": "", "variant": "vertrouwelijk"})
    overzicht = Kameroverzicht.objects.get()
    assert overzicht.variant == "vertrouwelijk" and overzicht.peildatum == vandaag()
    detail = client.get(reverse("reports:detail", args=[overzicht.pk]))
    assert "Vertrouwelijk" in detail.content.decode()
    assert "GEHEIMMOTIEF" in client.get(reverse("reports:download", args=[overzicht.pk, "json"])).content.decode()
    client.force_login(ministerie_gebruiker)
    assert client.get(reverse("reports:detail", args=[overzicht.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[overzicht.pk, "pdf"])).status_code == 404
    assert "GEHEIMMOTIEF" not in client.get(reverse("reports:archief")).content.decode()


@pytest.mark.django_db
def test_archief_vereist_inloggen_en_een_rol(client, register, beheerder):
    antwoord = client.get(reverse("reports:archief"))
    assert antwoord.status_code == 302 and reverse("admin:login") in antwoord["Location"]
    client.force_login(User.objects.create_user("zonder-rol", password="geheim-wachtwoord-123"))
    assert client.get(reverse("reports:archief")).status_code == 403
    # beheer reads everything (DESIGN.md §2), but makes no overview
    client.force_login(beheerder)
    pagina = client.get(reverse("reports:archief"))
    assert pagina.status_code == 200 and "Nieuw overzicht aanmaken" not in pagina.content.decode()
    assert client.post(reverse("reports:archief"), {"jaar": "2025", "variant": "openbaar"}).status_code == 403
    assert not Kameroverzicht.objects.exists()


@pytest.mark.django_db
def test_openbare_html_pagina_zonder_inloggen(client, register):
    antwoord = client.get(reverse("reports:openbaar"), {"jaar": "2025"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert '<html lang="nl"' in tekst and "<caption" in tekst and 'scope="col"' in tekst
    assert "VOLLEDIG_TIJDENS_VERSCHERPT" in tekst and "ARCH" in tekst
    assert "GEHEIMMOTIEF" not in tekst
    assert client.get(reverse("reports:openbaar"), {"jaar": "abc"}).status_code == 400
    morgen = (vandaag() + dt.timedelta(days=1)).isoformat()
    assert client.get(reverse("reports:openbaar"), {"jaar": "2025", "peildatum": morgen}).status_code == 400


@pytest.mark.django_db
def test_admin_is_alleen_lezen(client, register, inspecteur):
    overzicht = kameroverzicht_genereren(actor=inspecteur, jaar=2025)
    admin = User.objects.create_superuser("super", password="geheim-wachtwoord-123")
    client.force_login(admin)
    assert client.get(reverse("admin:reports_kameroverzicht_delete", args=[overzicht.pk])).status_code in (403, 302)
    assert client.get(reverse("admin:reports_kameroverzicht_add")).status_code == 403
    client.post(reverse("admin:reports_kameroverzicht_change", args=[overzicht.pk]), {"jaar": "1999"})
    assert Kameroverzicht.objects.get(pk=overzicht.pk).jaar == 2025
