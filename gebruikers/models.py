"""The history of accounts: who changed whose roles or access, issued or revoked whose token, when and why.

One immutable row per change, written by gebruikers/services.py in the same transaction as the change.
A model of its own rather than django-simple-history on auth.User: the user table also holds the password
hash and the last login (history would copy the hash and record every login), and token events are not
changes of the user row. Both account columns are PROTECT: an account that appears here is never deleted."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
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
        TWEEDE_FACTOR = "tweede_factor", "tweede factor ingesteld"
        TWEEDE_FACTOR_WEG = "tweede_factor_weg", "tweede factor verwijderd"

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
            if isinstance(waarde, str) and (moment := _moment(waarde)) is not None:
                return moment_cijfers(moment)  # a moment stored as ISO in UTC (token_van), shown in Amsterdam time
            return "—" if waarde in (None, "") else str(waarde)

        delen = []
        for sleutel in dict.fromkeys([*self.oud, *self.nieuw]):
            if sleutel in self.oud and sleutel in self.nieuw:
                delen.append(f"{sleutel}: {tekst(self.oud[sleutel])} → {tekst(self.nieuw[sleutel])}")
            else:
                delen.append(f"{sleutel}: {tekst(self.nieuw.get(sleutel, self.oud.get(sleutel)))}")
        return "; ".join(delen)


def _moment(waarde: str) -> dt.datetime | None:
    """An ISO moment with a time zone ('2026-12-07T06:19:00+00:00'), or None for any other text."""
    if "T" not in waarde:
        return None
    try:
        moment = dt.datetime.fromisoformat(waarde)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class ApiToken(models.Model):
    """The API token of one account (``Authorization: Token <sleutel>``), stored only as the SHA-256 digest of the
    key: the key is shown once, when it is issued (gebruikers/services.py ``token_uitgeven``), and cannot be read
    back from the database, a backup, the admin or the API.

    A plain digest rather than a password hasher: the key is 256 random bits, so there is nothing to guess that a
    slow hash would protect, and a slow hash on every API request would hand anyone sending bad tokens a lever
    against the register. The key is found by its digest (a unique index), so an answer's timing depends on the
    digest of the guess, never on how much of the real key it matches. One token per account, addressed by the
    account (admin, API); issuing a new one replaces it. Not django-rest-knox: see README "API-tokens"."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="api_token",
    )
    digest = models.CharField("digest", max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["gebruiker__username"]

    def __str__(self):
        return f"API-token van {self.gebruiker}"

    @staticmethod
    def digest_van(sleutel: str) -> str:
        return hashlib.sha256(sleutel.encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def nieuw(cls, gebruiker) -> "ApiToken":
        """A new token for ``gebruiker``, saved as its digest; the key is on the returned object as ``sleutel``
        (not a field: it is never saved) so that the caller can show it once."""
        sleutel = secrets.token_hex(32)
        token = cls.objects.create(gebruiker=gebruiker, digest=cls.digest_van(sleutel))
        token.sleutel = sleutel
        return token

    @classmethod
    def bij_sleutel(cls, sleutel: str) -> "ApiToken | None":
        return cls.objects.select_related("gebruiker").filter(digest=cls.digest_van(sleutel)).first()


class Sessie(AbstractBaseSession):
    """A login session (Django's database session) that knows its account, so that deactivating an account ends
    every session it has (gebruikers/services.py), and a reactivated account starts again from its login page.
    The engine is gebruikers/sessies.py (SESSION_ENGINE)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="account", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", db_constraint=False,
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = "sessie"
        verbose_name_plural = "sessies"
