from django.core.management.base import BaseCommand

from vroegsignalering.services import signaaloverzicht_versturen


class Command(BaseCommand):
    help = (
        "Stuurt elke toezichthouder die signaalmeldingen ontvangt één e-mail met de open signalen van dit jaar zonder "
        "reactie van de eigen organisatie (de RvA: zonder enige reactie). Bepaalt eerst de signalen van alle "
        "instellingen opnieuw. Bedoeld voor cron, bijvoorbeeld elke maandag om 7 uur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Niets versturen en niets vastleggen; alleen tonen wat verstuurd zou worden."
        )

    def handle(self, *args, dry_run=False, **options):
        overzichten = signaaloverzicht_versturen(proef=dry_run)
        for o in overzichten:
            naam = o.gebruiker.get_username()
            if not o.signalen:
                self.stdout.write(f"{naam}: geen open signalen zonder reactie; geen e-mail.")
            elif dry_run:
                self.stdout.write(f"{naam}: {len(o.signalen)} open signalen zonder reactie (proef: niet verstuurd).")
            elif o.verstuurd:
                self.stdout.write(f"{naam}: e-mail met {len(o.signalen)} open signalen zonder reactie verstuurd.")
            else:
                self.stderr.write(f"{naam}: e-mail met {len(o.signalen)} open signalen kon niet worden verstuurd (zie log).")
        verstuurd = sum(1 for o in overzichten if o.verstuurd)
        self.stdout.write(self.style.SUCCESS(
            f"Signaaloverzicht: {len(overzichten)} ontvangers, {verstuurd} e-mails verstuurd{' (proef)' if dry_run else ''}."
        ))
