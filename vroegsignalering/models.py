"""Vroegsignalering (DESIGN.md §4): when a signal of severity hoog or aandacht starts or ends for a GI in any year
(also one that a late registration or an import changes), the register records a ``Signaalmelding`` and tells the
toezichthouders (kmi, inspectie, rva) and the ministerie by e-mail, unless they turned it off (``Meldingsvoorkeur``).

Meldingen are kept per variant: the ``vertrouwelijk`` ones are computed from all facts and read by the
toezichthouders (and functional admin); the ``openbaar`` ones from the public facts only and read by the ministerie,
which reads public fields only (DESIGN.md §2), so its meldingen, feed and pages never rest on a confidential field.

Its own app, one floor above ``signalen`` (the signal rules) and ``wederhoor`` (the reacties shown beside an open
signal); nothing below imports it. A melding is not part of the register's facts: it records what the register
said about a signal at a moment, and is never changed or deleted."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from register.models import Instelling
from signalen import regels
from supervision.models import Inspectieonderzoek

GESTART = "gestart"
BEEINDIGD = "beeindigd"
SOORTEN = [(GESTART, "gestart"), (BEEINDIGD, "beëindigd")]
# The severities that are reported (DESIGN.md §4: "when a hoog or aandacht signal starts or ends"): those that count.
ERNSTEN = [(ernst, ernst) for ernst in sorted(regels.ERNST_TELT, key=regels.ERNST_VOLGORDE.get)]
VERTROUWELIJK = "vertrouwelijk"
OPENBAAR = "openbaar"
VARIANTEN = [(VERTROUWELIJK, "vertrouwelijk (alle feiten)"), (OPENBAAR, "openbaar (alleen openbare feiten)")]


class Signaalmelding(models.Model):
    """One start or end of a signal of one GI in one year, in one variant, with the signal's periods and explanation at
    that moment."""

    instelling = models.ForeignKey(Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField("jaar")
    signaalcode = models.CharField("signaal", max_length=60)
    ernst = models.CharField("ernst", max_length=10, choices=ERNSTEN)
    soort = models.CharField("soort", max_length=10, choices=SOORTEN)
    variant = models.CharField(
        "variant", max_length=15, choices=VARIANTEN, default=VERTROUWELIJK,
        help_text="Uit welke feiten het signaal is bepaald: alle (toezichthouders) of alleen de openbare (ministerie).",
    )
    perioden = models.TextField("perioden", help_text="De dagen van het jaar waarop het signaal gold, bij de melding.")
    uitleg = models.TextField("uitleg", help_text="De uitleg van het signaal, zoals het register die bij de melding gaf.")
    aangemaakt_op = models.DateTimeField("gemeld op", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "signaalmelding"
        verbose_name_plural = "signaalmeldingen"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["jaar", "instelling", "signaalcode"], name="melding_jaar_gi_code"),
            models.Index(fields=["variant", "instelling"], name="melding_variant_gi"),
        ]

    def __str__(self):
        return f"{self.titel} ({self.instelling.afkorting}, {self.jaar}): {self.get_soort_display()}"

    @property
    def titel(self) -> str:
        definitie = regels.DEFINITIE.get(self.signaalcode)
        return definitie.titel if definitie else self.signaalcode

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Een signaalmelding kan niet worden gewijzigd; zij legt vast wat het register toen meldde.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Een signaalmelding kan niet worden verwijderd.")


class OpenSignaal(Signaalmelding):
    """The admin page "Open signalen" (vroegsignalering/admin.py): the signals open now, read from the meldingen."""

    class Meta:
        proxy = True
        verbose_name = "open signaal"
        verbose_name_plural = "open signalen"


class Meldingsvoorkeur(models.Model):
    """Whether a user of the four roles (kmi, inspectie, rva, ministerie) receives the signaalmeldingen and the weekly
    overview by e-mail. On by default: a user without a preference receives them (when the account has an address);
    each turns it off under "Mijn meldingen" or with the link in every e-mail."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="meldingsvoorkeur"
    )
    email_ontvangen = models.BooleanField(
        "signaalmeldingen per e-mail ontvangen",
        default=True,
        help_text="Een e-mail als een signaal (ernst hoog of aandacht) begint of eindigt, en elke week een overzicht "
        "van de open signalen zonder reactie. Gaat naar het e-mailadres van het account.",
    )

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"
        ordering = ["gebruiker__username"]

    def __str__(self):
        return f"Meldingen voor {self.gebruiker.get_username()}: {'aan' if self.email_ontvangen else 'uit'}"


EMBARGO_VASTGELEGD = "vastgelegd"
EMBARGO_GEWIJZIGD = "gewijzigd"
EMBARGO_VERVALLEN = "vervallen"
EMBARGO_SOORTEN = [
    (EMBARGO_VASTGELEGD, "vastgelegd onder embargo"),
    (EMBARGO_GEWIJZIGD, "gewijzigd onder embargo"),
    (EMBARGO_VERVALLEN, "vervallen verklaard onder embargo"),
]


class Embargomelding(models.Model):
    """A report under embargo was saved (DESIGN.md §3, Embargo): those who may see it before its rapportdatum
    (roles.LEZERS_EMBARGO: the inspecties and the ministerie) are told in advance, here and by e-mail; nobody else.
    The title and rapportdatum are those of the moment of the melding. Never changed or deleted."""

    onderzoek = models.ForeignKey(
        Inspectieonderzoek, verbose_name="inspectieonderzoek", on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField("soort", max_length=12, choices=EMBARGO_SOORTEN)
    titel = models.CharField("titel", max_length=300)
    rapportdatum = models.DateField("rapportdatum", help_text="De dag waarop het rapport openbaar wordt.")
    aangemaakt_op = models.DateTimeField("gemeld op", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "embargomelding"
        verbose_name_plural = "embargomeldingen"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self):
        return f"{self.titel}: {self.get_soort_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Een embargomelding kan niet worden gewijzigd; zij legt vast wat het register toen meldde.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Een embargomelding kan niet worden verwijderd.")
