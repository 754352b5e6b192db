"""The history of accounts: who changed whose roles or access, issued or revoked whose token, when and why.

One immutable row per change, written by gebruikers/services.py in the same transaction as the change.
A model of its own rather than django-simple-history on auth.User: the user table also holds the password
hash and the last login (history would copy the hash and record every login), and token events are not
changes of the user row. Both account columns are PROTECT: an account that appears here is never deleted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from register.teksten import moment_cijfers


class Accountwijziging(models.Model):
    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", "account aangemaakt"
        GEWIJZIGD = "gewijzigd", "rollen, toegang of gegevens gewijzigd"
        WACHTWOORD = "wachtwoord", "wachtwoord ingesteld"
        TOKEN_UITGEGEVEN = "token_uitgegeven", "API-token uitgegeven"
        TOKEN_INGETROKKEN = "token_ingetrokken", "API-token ingetrokken"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="account", on_delete=models.PROTECT, related_name="accountwijzigingen"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: een opdracht op de server (manage.py).",
    )
    op = models.DateTimeField("op", default=timezone.now, db_index=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    oud = models.JSONField("oud", default=dict, blank=True, help_text="Alleen wat veranderde, zoals het was.")
    nieuw = models.JSONField("nieuw", default=dict, blank=True, help_text="Alleen wat veranderde, zoals het werd.")
    reden = models.TextField("reden", max_length=2000, blank=True)

    class Meta:
        verbose_name = "accountwijziging"
        verbose_name_plural = "accountwijzigingen"
        ordering = ["-op", "-id"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.gebruiker} ({moment_cijfers(self.op)})"

    def wijziging(self) -> str:
        """What changed, in words: ``rollen: kmi → kmi, rva; actief: ja → nee``."""

        def tekst(waarde) -> str:
            if isinstance(waarde, bool):
                return "ja" if waarde else "nee"
            if isinstance(waarde, list):
                return ", ".join(waarde) or "geen"
            return "—" if waarde in (None, "") else str(waarde)

        delen = []
        for sleutel in dict.fromkeys([*self.oud, *self.nieuw]):
            if sleutel in self.oud and sleutel in self.nieuw:
                delen.append(f"{sleutel}: {tekst(self.oud[sleutel])} → {tekst(self.nieuw[sleutel])}")
            else:
                delen.append(f"{sleutel}: {tekst(self.nieuw.get(sleutel, self.oud.get(sleutel)))}")
        return "; ".join(delen)
