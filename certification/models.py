"""Certification by the Keurmerkinstituut (KMI): audits and certificaatbesluiten."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from register import beperkingen
from register.models import LANGE_TEKST, BegrensdeTekst, Feit, Instelling
from register.teksten import CERTIFICAATSTATUS, datum_cijfers, datum_melding
from register.rules import last_day_of_years

class Audit(Feit):
    class Soort(models.TextChoices):
        INITIEEL = "initieel", "initieel"
        PERIODIEK = "periodiek", "periodiek"
        HERCERTIFICERING = "hercertificering", "hercertificering"
        VERVOLG = "vervolg", "vervolg"
        EXTRA = "extra", "extra"

    instelling = models.ForeignKey(Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="audits")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum")
    normenkader_versie = models.CharField("normenkader-versie", max_length=50, blank=True)
    # The uitkomst (vertrouwelijk, register/vertrouwelijkheid.py). Empty is ``onbekend`` (not recorded), never 0.
    aantal_kritische_afwijkingen = models.PositiveIntegerField(
        "aantal kritische afwijkingen (vertrouwelijk)", null=True, blank=True,
        help_text="Leeg (null) = onbekend: niet vastgelegd. Nooit als 0 gelezen.",
    )
    aantal_afwijkingen = models.PositiveIntegerField(
        "aantal afwijkingen (vertrouwelijk)", null=True, blank=True,
        help_text="Leeg (null) = onbekend: niet vastgelegd. Nooit als 0 gelezen.",
    )
    hersteltermijn = models.DateField(
        "hersteltermijn (vertrouwelijk)", null=True, blank=True,
        help_text="Uiterste datum waarop afwijkingen hersteld moeten zijn. Leeg (null) = onbekend.",
    )
    samenvatting = BegrensdeTekst("samenvatting (vertrouwelijk)", max_length=LANGE_TEKST, blank=True)
    rapportkenmerk = models.CharField("rapportkenmerk (vertrouwelijk)", max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "audit"
        verbose_name_plural = "audits"
        ordering = ["instelling__afkorting", "startdatum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")),
                name="audit_einddatum_na_startdatum",
                violation_error_message="De einddatum van de audit ligt vóór de startdatum; pas een van beide aan.",
            ),
            models.CheckConstraint(
                condition=Q(hersteltermijn__isnull=True) | Q(hersteltermijn__gte=F("einddatum")),
                name="audit_hersteltermijn_na_einddatum",
                violation_error_message="De hersteltermijn ligt vóór de einddatum van de audit.",
            ),
            # The database's own guard behind _geen_dubbele_audit (which gives the message naming the audit): two
            # writes at the same moment cannot both store the same audit.
            models.UniqueConstraint(
                fields=["instelling", "soort", "startdatum"],
                condition=Q(vervallen=False),
                name="audit_een_per_soort_en_startdatum",
                violation_error_message="Er staat al een audit van deze soort met deze startdatum voor deze instelling "
                "in het register. Corrigeer die audit, of laat haar vervallen als zij onjuist is.",
            ),
        ]

    def __str__(self):
        return f"Audit {self.get_soort_display()} {self.instelling.afkorting} {datum_cijfers(self.startdatum)}"

    def clean(self):
        super().clean()
        if self.startdatum and self.einddatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": "De einddatum van de audit ligt vóór de startdatum; pas een van beide aan."})
        if self.hersteltermijn and self.einddatum and self.hersteltermijn < self.einddatum:
            raise ValidationError({"hersteltermijn": "De hersteltermijn ligt vóór de einddatum van de audit."})
        self._geen_dubbele_audit()

    def _geen_dubbele_audit(self) -> None:
        """One audit of a GI per soort and startdatum (among audits that are not void): the same audit entered twice
        would count twice in the Kamer overview. Checked here, so every door (admin, API, loaders) refuses it."""
        if not (self.instelling_id and self.soort and self.startdatum) or self.vervallen:
            return
        # Ordered by pk, not the listing order (which joins the GI for its afkorting); answered from what a bulk
        # write read in advance when there is such a read (register/beperkingen.py).
        dubbel = beperkingen.andere_met(
            Audit, {"instelling_id": self.instelling_id, "soort": self.soort, "startdatum": self.startdatum},
            Q(vervallen=False), self.pk,
        )
        if dubbel is not None:
            raise ValidationError({
                "startdatum": f"Er staat al een audit van soort '{self.soort}' met startdatum {datum_melding(self.startdatum)} "
                f"voor {self.instelling.afkorting} in het register (audit {dubbel}). Corrigeer die audit, of laat "
                "haar vervallen als zij onjuist is."
            })


def audits_van_andere_instelling(instelling_id, audits) -> str | None:
    """The rule that a certificaatbesluit rests only on audits of its own GI: a Dutch message naming the first
    audit of another GI, or None. Asked by the services (API, loaders) and by the admin form."""
    for audit in audits:
        if instelling_id is not None and audit.instelling_id != instelling_id:
            return (
                f"{audit} hoort bij {audit.instelling.naam}, niet bij de instelling van dit besluit. "
                "Kies alleen audits van de instelling waarover het besluit gaat."
            )
    return None


class Certificaatbesluit(Feit):
    class Status(models.TextChoices):
        VOLLEDIG = "volledig", CERTIFICAATSTATUS["volledig"]
        VOORLOPIG = "voorlopig", CERTIFICAATSTATUS["voorlopig"]
        OVERBRUGGING = "overbrugging", CERTIFICAATSTATUS["overbrugging"]
        GESCHORST = "geschorst", CERTIFICAATSTATUS["geschorst"]
        INGETROKKEN = "ingetrokken", CERTIFICAATSTATUS["ingetrokken"]

    # Maximum validity in years per status (Jeugdwet art. 3.4); None = no maximum in the law. "N years" runs up to
    # and including the day before the N-year anniversary of the ingangsdatum (register.rules.last_day_of_years).
    MAXIMALE_GELDIGHEID = {Status.VOLLEDIG: 3, Status.VOORLOPIG: 2}
    STANDAARD_GELDIGHEID_VOLLEDIG = 3

    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="certificaatbesluiten"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices)
    besluitdatum = models.DateField("besluitdatum")
    ingangsdatum = models.DateField("ingangsdatum")
    geldig_tot = models.DateField(
        "geldig tot",
        null=True,
        blank=True,
        help_text="Inclusief. Verplicht bij voorlopig, overbrugging en geschorst, tenzij 'geldig tot onbekend' is "
        "aangevinkt; leeg bij ingetrokken; "
        "bij volledig standaard 3 jaar: tot en met de dag vóór de derde verjaardag van de ingangsdatum.",
    )
    geldig_tot_onbekend = models.BooleanField(
        "geldig tot onbekend",
        default=False,
        help_text="Aanvinken als de bron geen einddatum geeft (laat 'geldig tot' dan leeg). Het certificaat geldt dan "
        "tot een later besluit en verloopt nooit vanzelf; overal staat 'geldig tot: onbekend'.",
    )
    audits = models.ManyToManyField(Audit, verbose_name="audits", blank=True, related_name="certificaatbesluiten")
    motivering_openbaar = BegrensdeTekst("motivering (openbaar)", max_length=LANGE_TEKST, blank=True)
    motivering_vertrouwelijk = BegrensdeTekst("motivering (vertrouwelijk)", max_length=LANGE_TEKST, blank=True)
    kenmerk = models.CharField("kenmerk", max_length=100, blank=True)
    class AfwegingHerkomst(models.TextChoices):
        KMI = "kmi", "KMI (door het KMI vastgelegd)"
        OPENBARE_BRON = "openbare_bron", "openbare bron (samenvatting van wat het KMI openbaar zei)"

    afweging = BegrensdeTekst(
        "afweging (openbaar)",
        max_length=LANGE_TEKST,
        blank=True,
        help_text="Bij een volledig of overbruggingscertificaat: welke normen van het normenkader niet (volledig) zijn "
        "gehaald, welke omstandigheden het KMI heeft gewogen en waarom het het certificaat toch verleent of voortzet. "
        "Verplicht als het besluit onder aanleiding valt (een afweging van herkomst KMI, openbaar of vertrouwelijk): "
        "het is een overbrugging of volgt op een overbrugging, de laatste audit vóór de besluitdatum had kritische "
        "afwijkingen, een inspectierapport met een kritisch oordeel verscheen in de 365 dagen tot en met de "
        "besluitdatum, of het toezicht was op de besluitdatum geïntensiveerd of verscherpt.",
    )
    afweging_herkomst = models.CharField(
        "herkomst van de afweging",
        max_length=20,
        choices=AfwegingHerkomst.choices,
        default=AfwegingHerkomst.KMI,
        help_text="KMI: het KMI heeft deze afweging zelf vastgelegd. Openbare bron: een samenvatting van wat het KMI "
        "in het openbaar zei (vul dan de bron in); die telt niet als afweging van het KMI.",
    )
    afweging_bron = models.CharField(
        "bron van de afweging", max_length=500, blank=True, help_text="Verplicht bij herkomst 'openbare bron'."
    )
    afweging_vertrouwelijk = BegrensdeTekst(
        "afweging (vertrouwelijk)",
        max_length=LANGE_TEKST,
        blank=True,
        help_text="De afweging van het KMI, als het die (nog) niet openbaar mag maken. De openbare variant meldt "
        "alleen 'afweging vastgelegd (vertrouwelijk)'.",
    )

    history = HistoricalRecords(m2m_fields=[audits])

    class Meta:
        verbose_name = "certificaatbesluit"
        verbose_name_plural = "certificaatbesluiten"
        ordering = ["instelling__afkorting", "ingangsdatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["instelling", "ingangsdatum"],
                condition=Q(vervallen=False),
                name="certificaatbesluit_uniek_per_ingangsdatum",
                violation_error_message="Deze instelling heeft al een certificaatbesluit met deze ingangsdatum. "
                "Kies een andere ingangsdatum of corrigeer het bestaande besluit.",
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("ingangsdatum")),
                name="certificaatbesluit_geldig_tot_na_ingang",
                violation_error_message="'Geldig tot' ligt vóór de ingangsdatum.",
            ),
            models.CheckConstraint(
                condition=Q(status="ingetrokken", geldig_tot__isnull=True, geldig_tot_onbekend=False)
                | (~Q(status="ingetrokken") & Q(geldig_tot__isnull=False, geldig_tot_onbekend=False))
                | (~Q(status="ingetrokken") & Q(geldig_tot__isnull=True, geldig_tot_onbekend=True)),
                name="certificaatbesluit_geldig_tot_volgens_status",
                violation_error_message="Een ingetrokken certificaat heeft geen 'geldig tot'; elke andere status een "
                "datum, of uitdrukkelijk 'geldig tot onbekend' zonder datum.",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.instelling.afkorting} per {datum_cijfers(self.ingangsdatum)}"

    def vul_standaarden_aan(self) -> None:
        """A volledig certificaat without geldig tot is valid for the standard 3 years (through the day before the
        third anniversary of its ingangsdatum)."""
        if (
            self.status == self.Status.VOLLEDIG and self.geldig_tot is None and not self.geldig_tot_onbekend
            and self.ingangsdatum
        ):
            self.geldig_tot = last_day_of_years(self.ingangsdatum, self.STANDAARD_GELDIGHEID_VOLLEDIG)

    def clean(self):
        super().clean()
        self.vul_standaarden_aan()
        self._afweging_herkomst_volledig()
        if not self.ingangsdatum or not self.status:
            return
        if self.status == self.Status.INGETROKKEN:
            if self.geldig_tot is not None:
                raise ValidationError({"geldig_tot": "Een ingetrokken certificaat heeft geen 'geldig tot'; laat dit veld leeg."})
            if self.geldig_tot_onbekend:
                raise ValidationError({
                    "geldig_tot_onbekend": "Een ingetrokken certificaat heeft geen 'geldig tot'; vink 'geldig tot "
                    "onbekend' uit."
                })
            return
        if self.geldig_tot_onbekend:
            if self.geldig_tot is not None:
                raise ValidationError({
                    "geldig_tot": "'Geldig tot onbekend' is aangevinkt en er staat toch een datum; laat 'geldig tot' "
                    "leeg of vink 'geldig tot onbekend' uit."
                })
            # Accepted explicitly: the source gives no end date, so the certificate holds until a later besluit.
            return
        if self.geldig_tot is None:
            raise ValidationError(
                {"geldig_tot": f"Bij status '{self.status}' is 'geldig tot' verplicht; vul de einddatum in, of vink "
                 "'geldig tot onbekend' aan als de bron geen einddatum geeft."}
            )
        if self.geldig_tot < self.ingangsdatum:
            raise ValidationError({"geldig_tot": "'Geldig tot' ligt vóór de ingangsdatum; kies een latere datum."})
        jaren = self.MAXIMALE_GELDIGHEID.get(self.status)
        if jaren is not None:
            uiterst = last_day_of_years(self.ingangsdatum, jaren)
            if self.geldig_tot > uiterst:
                raise ValidationError(
                    {
                        "geldig_tot": f"Een certificaat met status '{self.status}' is hoogstens {jaren} jaar geldig: "
                        f"tot en met de dag vóór de {jaren}-jarige verjaardag van de ingangsdatum. "
                        f"'Geldig tot' mag niet later zijn dan {datum_melding(uiterst)}; kies die datum of een eerdere."
                    }
                )

    def _afweging_herkomst_volledig(self) -> None:
        """An afweging from an openbare bron names its bron and has a text; a bron belongs only to such a summary."""
        if self.afweging_herkomst == self.AfwegingHerkomst.OPENBARE_BRON:
            if not (self.afweging or "").strip():
                raise ValidationError({
                    "afweging": "Bij herkomst 'openbare bron' hoort een samenvatting van wat het KMI openbaar zei; vul "
                    "de afweging in, of kies herkomst 'KMI'."
                })
            if not (self.afweging_bron or "").strip():
                raise ValidationError({
                    "afweging_bron": "Een afweging uit een openbare bron vraagt de bron (document, kenmerk of URL); "
                    "vul die in."
                })
        elif (self.afweging_bron or "").strip():
            raise ValidationError({
                "afweging_bron": "Een bron van de afweging hoort alleen bij herkomst 'openbare bron'; kies die "
                "herkomst of laat de bron leeg."
            })
