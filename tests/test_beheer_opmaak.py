"""Small things of the admin's markup that a browser or a screen reader trips over: every element id once on the
inspection report form, the ministry's overview form in the admin's own aligned markup, action links in a table
cell that keep their label inside their background."""

import collections
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from supervision.models import Thema
from tests import maak

pytestmark = pytest.mark.django_db


def _dubbele_ids(html: str) -> dict[str, int]:
    return {i: n for i, n in collections.Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1}


def test_het_rapportformulier_heeft_elk_id_een_keer(inspecteur, beheerder):
    gi = maak.instelling(beheerder, "JBN")
    for code in ("goed_bestuur", "veiligheid"):
        Thema.objects.get_or_create(code=code, defaults={"naam": code.replace("_", " ")})
    onderzoek = maak.onderzoek(inspecteur, gi, dt.date(2025, 7, 24))
    client = Client()
    client.force_login(inspecteur)
    for pad in ("/admin/supervision/inspectieonderzoek/add/", f"/admin/supervision/inspectieonderzoek/{onderzoek.pk}/change/"):
        html = client.get(pad).content.decode()
        assert "oordelen-0-" in html, pad
        assert not _dubbele_ids(html), (pad, _dubbele_ids(html))


def test_het_overzichtformulier_is_uitgelijnd_als_de_rest_van_de_admin(ministerie_gebruiker):
    client = Client()
    client.force_login(ministerie_gebruiker)
    html = client.get("/kameroverzicht/archief/").content.decode()
    formulier = html[html.index('<form method="post" novalidate'):]
    formulier = formulier[: formulier.index("</form>")]
    # as admin/includes/fieldset.html: the heading inside the aligned fieldset, not a module around the form
    assert re.search(r'<fieldset class="module aligned">\s*<h2 id="nieuw-kop"', formulier)
    assert '<div class="module">\n<h2 id="nieuw-kop">' not in html
    for veld in ("jaar", "variant"):
        assert re.search(
            rf'<div class="form-row field-{veld}">\s*<div>\s*<div class="flex-container">\s*<label for="id_{veld}"', formulier
        ), veld
    assert not _dubbele_ids(html)


def test_een_actieknop_in_een_tabel_houdt_zijn_tekst_binnen_de_achtergrond():
    css = (Path(settings.BASE_DIR) / "static" / "register" / "register.css").read_text()
    regel = re.search(r"#content td a\.button[^{]*\{([^}]*)\}", css)
    assert regel and "display: inline-block" in regel.group(1)
