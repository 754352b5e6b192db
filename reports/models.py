"""The archive of generated Kamer overviews (DESIGN.md §5): every generated overview is kept, unchanged."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from register.teksten import datum_cijfers, moment_cijfers

from reports import varianten


# The characters of the data's sha256 that an archive label shows: enough to tell any two overviews apart by eye.
SHA256_KORT = 12


class GearchiveerdDocument(models.Model):
    """What every archived document of the register shares (DESIGN.md §5 Archive, §5a): who made it and when, the
    peildatum and variant, the PDF with its sha256 and reportlab version, and the data as JSON with its sha256. Never
    changed or deleted once stored."""

    class Variant(models.TextChoices):
        OPENBAAR = varianten.OPENBAAR, varianten.OPENBAAR
        VERTROUWELIJK = varianten.VERTROUWELIJK, varianten.VERTROUWELIJK

    peildatum = models.DateField("peildatum", help_text="Het register zoals vastgelegd aan het einde van deze dag.")
    variant = models.CharField("variant", max_length=20, choices=Variant.choices)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="aangemaakt door", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    pdf_sha256 = models.CharField("sha256 van de PDF", max_length=64)
    reportlab_versie = models.CharField(
        "reportlab-versie van de PDF", max_length=20, blank=True,
        help_text="De versie van reportlab die de PDF maakte: dezelfde gegevens geven alleen met deze versie dezelfde "
        "PDF (en sha256). Leeg bij overzichten van vóór deze registratie.",
    )
    data_sha256 = models.CharField("sha256 van de gegevens", max_length=64)
    pdf = models.BinaryField("PDF")
    data = models.JSONField("gegevens (JSON)")

    # How the document is named in messages ("Een gearchiveerd Kameroverzicht kan niet ...").
    documentnaam = "document"

    class Meta:
        abstract = True
        ordering = ["-aangemaakt_op", "-id"]

    @property
    def registerstand(self) -> dt.datetime | None:
        """The moment of the register state the document shows (Europe/Amsterdam), from its data."""
        if "registerstand_waarde" in self.__dict__:  # annotated by reports/selectors.py, without reading the data
            waarde = self.registerstand_waarde
        else:
            waarde = (self.data or {}).get("registerstand")
        return dt.datetime.fromisoformat(waarde) if waarde else None

    @property
    def kenmerk(self) -> str:
        """What tells archived documents apart in every list (admin, public page, API): the peildatum, the time of the
        register state and the start of the sha256 of the data. Two documents with different contents never carry the
        same label; an identical one is never archived twice (reports/services.py)."""
        stand = self.registerstand
        return (f"peildatum {datum_cijfers(self.peildatum)}, registerstand "
                f"{moment_cijfers(stand) if stand else 'geen vastgelegde wijzigingen'}, sha256 {self.sha256_kort}")

    @property
    def sha256_kort(self) -> str:
        return self.data_sha256[:SHA256_KORT]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(f"Een gearchiveerd {self.documentnaam} kan niet worden gewijzigd; maak een nieuw overzicht aan.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"Een gearchiveerd {self.documentnaam} kan niet worden verwijderd.")


class Kameroverzicht(GearchiveerdDocument):
    jaar = models.PositiveSmallIntegerField("jaar")

    documentnaam = "Kameroverzicht"

    class Meta(GearchiveerdDocument.Meta):
        verbose_name = "Kameroverzicht"
        verbose_name_plural = "Kameroverzichten"

    def __str__(self):
        return f"Kameroverzicht {self.jaar} ({self.variant}, {self.kenmerk})"

    @property
    def bestandsnaam(self) -> str:
        return f"kameroverzicht-{self.jaar}-{self.variant}-peildatum-{self.peildatum:%Y-%m-%d}"


class Aanleidingenoverzicht(GearchiveerdDocument):
    """An archived aanleidingenoverzicht (DESIGN.md §5a): what happened between ``van`` and ``tot``. A model of its
    own beside the Kameroverzicht rather than a kind of it: its period is two dates where the Kamer overview has a
    year, and the public page, the API filters and the archive list of the Kamer overview all select by that year."""

    van = models.DateField("van", help_text="De eerste dag van de periode (telt mee).")
    tot = models.DateField("tot en met", help_text="De laatste dag van de periode (telt mee).")

    documentnaam = "aanleidingenoverzicht"

    class Meta(GearchiveerdDocument.Meta):
        verbose_name = "aanleidingenoverzicht"
        verbose_name_plural = "aanleidingenoverzichten"

    def __str__(self):
        return f"Aanleidingenoverzicht {datum_cijfers(self.van)} t/m {datum_cijfers(self.tot)} ({self.variant}, {self.kenmerk})"

    @property
    def bestandsnaam(self) -> str:
        return f"aanleidingenoverzicht-{self.van:%Y-%m-%d}-tot-en-met-{self.tot:%Y-%m-%d}-{self.variant}-peildatum-{self.peildatum:%Y-%m-%d}"
