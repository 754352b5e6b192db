"""python manage.py token_uitgeven GEBRUIKER [--reden TEKST]: issues an API token on the server (for set-up and
scripts such as scripts/schemathesis) and prints its key, once. Replaces DRF's drf_create_token, whose tokens are
kept in plain text and are not accepted by the API."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gebruikers.services import token_uitgeven_op_server


class Command(BaseCommand):
    help = (
        "Geeft een account een nieuw API-token (een eerder token van dat account vervalt) en toont de sleutel één "
        "keer. Het register bewaart alleen een hash; de uitgifte staat in de historie van het account."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruiker", help="Gebruikersnaam van het account dat het token krijgt.")
        parser.add_argument("--reden", default="Uitgegeven met manage.py token_uitgeven", help="Voor de historie.")

    def handle(self, *args, gebruiker, reden, **options):
        try:
            token = token_uitgeven_op_server(gebruiker, reden=reden)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(token.sleutel)
