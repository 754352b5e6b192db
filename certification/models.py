"""Certification by the Keurmerkinstituut (KMI): audits and certificaatbesluiten."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from register import beperkingen
from register.models import LANGE_TEKST, BegrensdeTekst, Feit, Instelling
from register.teksten import (
    AANVRAAGSOORT, BEZWAARSOORT, BEZWAARUITKOMST, CERTIFICAATSTATUS, REIKWIJDTE, datum_cijfers, datum_melding,
)
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

    class Reikwijdte(models.TextChoices):
        JEUGDBESCHERMING = "jeugdbescherming", REIKWIJDTE["jeugdbescherming"]
        JEUGDRECLASSERING = "jeugdreclassering", REIKWIJDTE["jeugdreclassering"]
        BEIDE = "beide", REIKWIJDTE["beide"]
        ONBEKEND = "onbekend", REIKWIJDTE["onbekend"]

    # Stored 'onbekend' for every besluit recorded before the field existed (migration 0008_d), and by a loader whose
    # source layout has no reikwijdte; the admin and the API ask a choice for every new besluit (no default there).
    reikwijdte = models.CharField(
        "reikwijdte",
        max_length=20,
        choices=Reikwijdte.choices,
        default=Reikwijdte.ONBEKEND,
        help_text="Voor welke taken het certificaat geldt: jeugdbescherming, jeugdreclassering of beide. 'Onbekend' "
        "als de bron het niet zegt; de status per taak is dan 'onbekend'. Voor een taak buiten de reikwijdte geldt "
        "vanaf de ingangsdatum geen certificaat (een beperking van het toepassingsbereik is een nieuw besluit).",
    )
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


class Bezwaar(Feit):
    """Bezwaar or beroep against a certificaatbesluit (an Awb besluit), beside the besluit (DESIGN.md §3): one record
    per stage, so a besluit can have a bezwaar and then a beroep and a hoger beroep, each with its own uitkomst. Every
    field is public (register/vertrouwelijkheid.py says why)."""

    class Soort(models.TextChoices):
        BEZWAAR = "bezwaar", BEZWAARSOORT["bezwaar"]
        BEROEP = "beroep", BEZWAARSOORT["beroep"]
        HOGER_BEROEP = "hoger_beroep", BEZWAARSOORT["hoger_beroep"]

    class Uitkomst(models.TextChoices):
        LOPEND = "lopend", BEZWAARUITKOMST["lopend"]
        ONGEGROND = "ongegrond", BEZWAARUITKOMST["ongegrond"]
        GEGROND = "gegrond", BEZWAARUITKOMST["gegrond"]
        NIET_ONTVANKELIJK = "niet_ontvankelijk", BEZWAARUITKOMST["niet_ontvankelijk"]
        INGETROKKEN = "ingetrokken", BEZWAARUITKOMST["ingetrokken"]
        ONBEKEND = "onbekend", BEZWAARUITKOMST["onbekend"]

    certificaatbesluit = models.ForeignKey(
        Certificaatbesluit, verbose_name="certificaatbesluit", on_delete=models.PROTECT, related_name="bezwaren"
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    ingediend_op = models.DateField("ingediend op")
    uitkomst = models.CharField(
        "uitkomst", max_length=20, choices=Uitkomst.choices,
        help_text="Lopend zolang er geen uitspraak is; onbekend als de bron de uitkomst niet noemt.",
    )
    datum_uitkomst = models.DateField(
        "datum uitkomst", null=True, blank=True,
        help_text="De dag van de beslissing op bezwaar of de uitspraak; leeg zolang het loopt of als die dag onbekend is.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bezwaar of beroep"
        verbose_name_plural = "bezwaren en beroepen"
        ordering = ["certificaatbesluit__instelling__afkorting", "ingediend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(datum_uitkomst__isnull=True) | Q(datum_uitkomst__gte=F("ingediend_op")),
                name="bezwaar_uitkomst_na_indiening",
                violation_error_message="De datum van de uitkomst ligt vóór de dag van indienen.",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} tegen {self.certificaatbesluit} ({datum_cijfers(self.ingediend_op)})"

    def clean(self):
        super().clean()
        if self.datum_uitkomst and self.ingediend_op and self.datum_uitkomst < self.ingediend_op:
            raise ValidationError({
                "datum_uitkomst": f"De datum van de uitkomst ({datum_melding(self.datum_uitkomst)}) ligt vóór de dag "
                f"van indienen ({datum_melding(self.ingediend_op)}); pas een van beide aan."
            })
        if self.uitkomst == self.Uitkomst.LOPEND and self.datum_uitkomst:
            raise ValidationError({
                "datum_uitkomst": "Een lopend bezwaar of beroep heeft nog geen datum van de uitkomst; laat die leeg, "
                "of kies de uitkomst."
            })
        besluit = self.certificaatbesluit if self.certificaatbesluit_id else None
        if besluit is not None and self.ingediend_op and besluit.besluitdatum and self.ingediend_op < besluit.besluitdatum:
            raise ValidationError({
                "ingediend_op": f"Het {self.get_soort_display() or 'bezwaar'} is ingediend vóór de besluitdatum "
                f"({datum_melding(besluit.besluitdatum)}) van het besluit waartegen het zich richt; kies een latere "
                "datum of een ander besluit."
            })


class Aanvraag(Feit):
    """An application for a certificate (DESIGN.md §3, Aanvraag): by a registered GI, or by a new organisation named
    here. Pending while it has no uitkomst; handled when it has a certificaatbesluit or is withdrawn, with the day it
    was handled. The names of applicants are public (Aanwijzingsbesluit art. 4 d); so is the rest, as the public
    fields of a certificaatbesluit are (register/vertrouwelijkheid.py says why)."""

    class Soort(models.TextChoices):
        INITIEEL = "initieel", AANVRAAGSOORT["initieel"]
        HERCERTIFICERING = "hercertificering", AANVRAAGSOORT["hercertificering"]
        UITBREIDING_REIKWIJDTE = "uitbreiding_reikwijdte", AANVRAAGSOORT["uitbreiding_reikwijdte"]

    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", null=True, blank=True, on_delete=models.PROTECT, related_name="aanvragen",
        help_text="De geregistreerde GI die aanvraagt; leeg bij een nieuwe organisatie (vul dan de naam in).",
    )
    organisatie = models.CharField(
        "naam nieuwe organisatie", max_length=200, blank=True,
        help_text="Alleen bij een organisatie die (nog) geen geregistreerde GI is.",
    )
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    ingediend_op = models.DateField("ingediend op")
    afgehandeld_op = models.DateField(
        "afgehandeld op", null=True, blank=True, help_text="Leeg zolang de aanvraag in behandeling is."
    )
    certificaatbesluit = models.ForeignKey(
        Certificaatbesluit, verbose_name="uitkomst: certificaatbesluit", null=True, blank=True,
        on_delete=models.PROTECT, related_name="aanvragen",
        help_text="Het besluit op de aanvraag (van dezelfde instelling).",
    )
    ingetrokken = models.BooleanField("uitkomst: ingetrokken", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        ordering = ["ingediend_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(afgehandeld_op__isnull=True) | Q(afgehandeld_op__gte=F("ingediend_op")),
                name="aanvraag_afgehandeld_na_indiening",
                violation_error_message="'Afgehandeld op' ligt vóór 'ingediend op'.",
            ),
            models.CheckConstraint(
                condition=~Q(ingetrokken=True, certificaatbesluit__isnull=False),
                name="aanvraag_een_uitkomst",
                violation_error_message="Een aanvraag is ingetrokken of heeft een besluit, niet beide.",
            ),
        ]

    def __str__(self):
        return f"Aanvraag {self.get_soort_display()} {self.aanvrager} ({datum_cijfers(self.ingediend_op)})"

    @property
    def aanvrager(self) -> str:
        if self.instelling_id:
            return self.instelling.naam
        return self.organisatie

    @property
    def in_behandeling(self) -> bool:
        return self.certificaatbesluit_id is None and not self.ingetrokken

    def clean(self):
        super().clean()
        naam = (self.organisatie or "").strip()
        if self.instelling_id and naam:
            raise ValidationError({"organisatie": "Kies een geregistreerde instelling of vul de naam van een nieuwe "
                                                  "organisatie in, niet beide."})
        if not self.instelling_id and not naam:
            raise ValidationError({"instelling": "Kies de instelling die aanvraagt, of vul de naam van de nieuwe "
                                                 "organisatie in."})
        if self.afgehandeld_op and self.ingediend_op and self.afgehandeld_op < self.ingediend_op:
            raise ValidationError({
                "afgehandeld_op": f"'Afgehandeld op' ({datum_melding(self.afgehandeld_op)}) ligt vóór 'ingediend op' "
                f"({datum_melding(self.ingediend_op)}); pas een van beide aan."
            })
        if self.ingetrokken and self.certificaatbesluit_id:
            raise ValidationError({"ingetrokken": "Een aanvraag is ingetrokken of heeft een besluit, niet beide; kies "
                                                  "één uitkomst."})
        afgehandeld = self.ingetrokken or self.certificaatbesluit_id is not None
        if afgehandeld and not self.afgehandeld_op:
            raise ValidationError({"afgehandeld_op": "Een aanvraag met een uitkomst heeft een datum van afhandeling; "
                                                     "vul 'afgehandeld op' in."})
        if not afgehandeld and self.afgehandeld_op:
            raise ValidationError({"afgehandeld_op": "Een aanvraag zonder uitkomst is nog in behandeling; laat "
                                                     "'afgehandeld op' leeg, of kies het besluit of 'ingetrokken'."})
        if self.certificaatbesluit_id:
            besluit = self.certificaatbesluit
            if not self.instelling_id or besluit.instelling_id != self.instelling_id:
                raise ValidationError({"certificaatbesluit": "Het besluit hoort bij een andere instelling dan de "
                                                             "aanvrager. Een nieuwe organisatie wordt eerst als "
                                                             "instelling geregistreerd; kies dan die instelling."})
