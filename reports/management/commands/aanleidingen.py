"""python manage.py aanleidingen [--van D] [--tot D] [--peildatum D] [--variant openbaar|vertrouwelijk]
[--uitvoer PAD.pdf] [--csv PAD.csv] [--gebruiker NAAM]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from gebruikers.accounts import KAMEROVERZICHT as SYSTEEMGEBRUIKER
from gebruikers.accounts import aanmelden_geweigerd
from gebruikers.services import systeemaccount
from reports.management.commands.kameroverzicht import _datum
from reports.renderers import render_aanleidingen_csv
from reports.services import aanleidingenoverzicht_genereren
from reports.varianten import VARIANTEN


class Command(BaseCommand):
    help = "Maakt het aanleidingenoverzicht (wat er tussen twee data gebeurde; PDF) en bewaart het in het archief."

    def add_arguments(self, parser):
        parser.add_argument("--van", type=_datum, default=None,
                            help="JJJJ-MM-DD, telt mee; standaard de einddatum van het vorige gearchiveerde aanleidingenoverzicht.")
        parser.add_argument("--tot", type=_datum, default=None, help="JJJJ-MM-DD, telt mee; standaard vandaag.")
        parser.add_argument("--peildatum", type=_datum, default=None, help="JJJJ-MM-DD; standaard vandaag.")
        parser.add_argument("--variant", choices=VARIANTEN, default="openbaar")
        parser.add_argument("--uitvoer", type=Path, default=None, help="Pad voor de PDF.")
        parser.add_argument("--csv", type=Path, default=None, help="Pad voor de aanleidingen als CSV.")
        parser.add_argument(
            "--gebruiker",
            default=None,
            help=f"Gebruikersnaam waaronder het overzicht wordt gearchiveerd; standaard '{SYSTEEMGEBRUIKER}'.",
        )

    def handle(self, *args, van, tot, peildatum, variant, uitvoer, csv, gebruiker, **options):
        if gebruiker:
            try:
                actor = get_user_model().objects.get(username=gebruiker)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Er is geen gebruiker '{gebruiker}'.") from None
            geweigerd = aanmelden_geweigerd(actor)
            if geweigerd:
                raise CommandError(geweigerd)
        else:
            actor = systeemaccount(SYSTEEMGEBRUIKER)  # no password (cannot log in), roles ministerie and rva
        try:
            overzicht = aanleidingenoverzicht_genereren(actor=actor, van=van, tot=tot, peildatum=peildatum, variant=variant)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if uitvoer:
            uitvoer.parent.mkdir(parents=True, exist_ok=True)
            uitvoer.write_bytes(bytes(overzicht.pdf))
            self.stdout.write(f"PDF geschreven naar {uitvoer}")
        if csv:
            csv.parent.mkdir(parents=True, exist_ok=True)
            csv.write_bytes(render_aanleidingen_csv(overzicht.data))
            self.stdout.write(f"CSV geschreven naar {csv}")
        aantal = sum(overzicht.data["aantallen"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{overzicht} "
                f"{'stond al in het archief met dezelfde gegevens' if getattr(overzicht, 'hergebruikt', False) else 'gearchiveerd'}"
                f" als nummer {overzicht.pk}; sha256 PDF {overzicht.pdf_sha256}. Aanleidingen: {aantal}."
            )
        )
