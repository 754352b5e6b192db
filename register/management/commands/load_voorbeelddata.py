from django.core.management.base import BaseCommand

from register import voorbeelddata


class Command(BaseCommand):
    help = "Laadt de openbare gegevens van DESIGN.md §1 (elke registratie met bron). Tweemaal draaien verandert niets."

    def handle(self, *args, **options):
        nieuw = voorbeelddata.laden()
        totaal = sum(nieuw.values())
        regels = ", ".join(f"{aantal} {soort}" for soort, aantal in nieuw.items())
        self.stdout.write(f"Voorbeelddata: {totaal} nieuwe registraties ({regels}).")
        if voorbeelddata.demo_toegestaan():
            namen = voorbeelddata.demo_gebruikers_aanmaken()
            self.stdout.write(
                "Demo-gebruikers (alleen met DEBUG aan): "
                + ", ".join(f"{n} / {voorbeelddata.DEMO_WACHTWOORD.format(rol=n)}" for n in namen)
            )
