from django.core.management.base import BaseCommand

from gebruikers.accounts import DEMO_WACHTWOORD
from voorbeelddata import services


class Command(BaseCommand):
    help = "Laadt de openbare gegevens van DESIGN.md §1 (elke registratie met bron). Tweemaal draaien verandert niets."

    def handle(self, *args, **options):
        nieuw = services.laden()
        totaal = sum(nieuw.values())
        regels = ", ".join(f"{aantal} {soort}" for soort, aantal in nieuw.items())
        self.stdout.write(f"Voorbeelddata: {totaal} nieuwe registraties ({regels}).")
        if services.demo_toegestaan():
            namen = services.demo_gebruikers_aanmaken()
            self.stdout.write(
                "Demo-gebruikers (alleen met DEBUG aan): "
                + ", ".join(f"{n} / {DEMO_WACHTWOORD.format(rol=n)}" for n in namen)
            )
