"""python manage.py kameroverzicht JAAR [--peildatum D] [--variant openbaar|vertrouwelijk]
[--uitvoer PAD.pdf] [--json PAD.json] [--gebruiker NAAM]"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from gebruikers.accounts import KAMEROVERZICHT as SYSTEEMGEBRUIKER
from gebruikers.accounts import aanmelden_geweigerd
from gebruikers.services import systeemaccount
from reports.overzicht import VARIANTEN
from reports.renderers import render_json
from reports.services import kameroverzicht_genereren


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(f"'{waarde}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-12-31.") from None


class Command(BaseCommand):
    help = "Maakt het jaarlijkse Kameroverzicht (PDF en JSON) en bewaart het in het archief."

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int, help="Het jaar van het overzicht, bijvoorbeeld 2025.")
        parser.add_argument("--peildatum", type=_datum, default=None, help="JJJJ-MM-DD; standaard vandaag.")
        parser.add_argument("--variant", choices=VARIANTEN, default="openbaar")
        parser.add_argument("--uitvoer", type=Path, default=None, help="Pad voor de PDF.")
        parser.add_argument("--json", type=Path, default=None, help="Pad voor de gegevens als JSON.")
        parser.add_argument(
            "--gebruiker",
            default=None,
            help=f"Gebruikersnaam waaronder het overzicht wordt gearchiveerd; standaard '{SYSTEEMGEBRUIKER}'.",
        )

    def handle(self, *args, jaar, peildatum, variant, uitvoer, json, gebruiker, **options):
        if gebruiker:
            try:
                actor = get_user_model().objects.get(username=gebruiker)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Er is geen gebruiker '{gebruiker}'.") from None
            geweigerd = aanmelden_geweigerd(actor)  # e.g. a demo account while DEBUG is off
            if geweigerd:
                raise CommandError(geweigerd)
        else:
            actor = systeemaccount(SYSTEEMGEBRUIKER)  # no password (cannot log in), roles ministerie and rva
        try:
            overzicht = kameroverzicht_genereren(actor=actor, jaar=jaar, peildatum=peildatum, variant=variant)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if uitvoer:
            uitvoer.parent.mkdir(parents=True, exist_ok=True)
            uitvoer.write_bytes(bytes(overzicht.pdf))
            self.stdout.write(f"PDF geschreven naar {uitvoer}")
        if json:
            json.parent.mkdir(parents=True, exist_ok=True)
            json.write_bytes(render_json(overzicht.data))
            self.stdout.write(f"JSON geschreven naar {json}")
        niet = [gi["afkorting"] for gi in overzicht.data["instellingen"] if gi["pasoordeel"]["waarde"] == "niet_in_de_pas"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Kameroverzicht {jaar} ({variant}, {overzicht.kenmerk}) "
                f"{'stond al in het archief met dezelfde gegevens' if getattr(overzicht, 'hergebruikt', False) else 'gearchiveerd'}"
                f" als nummer {overzicht.pk}; sha256 PDF {overzicht.pdf_sha256}. Niet in de pas: {', '.join(niet) or 'geen'}."
            )
        )
