"""The API tokens of rest_framework.authtoken were stored as plain text. Hashing them in place would keep working
whatever key was already read from the database or a backup, so they are revoked instead: each revocation is in
the account's history (door: empty, the server), and an owner with an e-mail address is told how to get a new
token. The new tokens (gebruikers.ApiToken) are stored as a digest only."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import migrations
from django.utils import timezone

logger = logging.getLogger(__name__)

REDEN = (
    "Token ingetrokken bij de overstap op tokens die alleen als hash worden bewaard: het oude token stond leesbaar "
    "in de database."
)
ONDERWERP = "GI-register: uw API-token is ingetrokken; vraag een nieuw token aan"
BERICHT = """Beste {naam},

Het API-token van uw account '{gebruikersnaam}' in het GI-register is op
{datum} ingetrokken. Het register bewaart tokens voortaan alleen als hash,
zodat niemand ze uit de database of een back-up kan lezen. Oude tokens
stonden leesbaar opgeslagen en konden daarom niet blijven werken.

Systemen die dit token gebruiken (header 'Authorization: Token <sleutel>')
krijgen nu 401. Zo krijgt u een nieuw token:
1. Vraag functioneel beheer (rol 'beheer') om een nieuw token voor
   '{gebruikersnaam}'.
2. Beheer geeft het uit in de beheeromgeving (API-tokens, Toevoegen) of met
   POST /api/v1/tokens; de sleutel wordt dan één keer getoond.
3. Zet de nieuwe sleutel in de instellingen van uw systeem. Het register kan
   hem later niet opnieuw tonen; bent u hem kwijt, vraag dan weer een nieuw
   token aan.

Dit bericht is automatisch verstuurd door het GI-register.
"""


def forwards(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    Accountwijziging = apps.get_model("gebruikers", "Accountwijziging")
    nu = timezone.now()
    berichten = []
    for token in Token.objects.select_related("user").order_by("user__username"):
        gebruiker = token.user
        Accountwijziging.objects.create(
            gebruiker=gebruiker, door=None, op=nu, soort="token_ingetrokken",
            oud={"token_van": token.created.isoformat()}, nieuw={}, reden=REDEN,
        )
        if gebruiker.email:
            tekst = BERICHT.format(
                naam=f"{gebruiker.first_name} {gebruiker.last_name}".strip() or gebruiker.username,
                gebruikersnaam=gebruiker.username,
                datum=timezone.localtime(nu).strftime("%d-%m-%Y"),
            )
            berichten.append((gebruiker.username, gebruiker.email, tekst))
    Token.objects.all().delete()
    # Sent after the rows are gone; a mail server that is down does not keep plain-text tokens in the database.
    for gebruikersnaam, adres, tekst in berichten:
        try:
            send_mail(ONDERWERP, tekst, settings.DEFAULT_FROM_EMAIL, [adres])
        except Exception:  # noqa: BLE001 - any mail failure: log it and go on, the token is revoked either way
            logger.exception("Bericht over het ingetrokken token van '%s' niet verstuurd", gebruikersnaam)


class Migration(migrations.Migration):
    dependencies = [
        ("gebruikers", "0003_apitoken"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
