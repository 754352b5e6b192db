"""Supervision by the inspecties (IGJ, Inspectie JenV): toezichtbesluiten, measures, reports, oordelen."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from register.models import KORTE_TEKST, LANGE_TEKST, BegrensdeTekst, Feit, Instelling, ZonderStuurtekens
from register.teksten import OORDEELWAARDE, TOEZICHTNIVEAU, datum_cijfers


class Door(models.TextChoices):
    IGJ = "IGJ", "IGJ"
    IJENV = "IJenV", "Inspectie JenV"
    BEIDE = "IGJ_IJenV", "IGJ en Inspectie JenV"


class Toezichtbesluit(Feit):
    class Niveau(models.TextChoices):
        REGULIER = "regulier", TOEZICHTNIVEAU["regulier"]
        GEINTENSIVEERD = "geintensiveerd", TOEZICHTNIVEAU["geintensiveerd"]
        VERSCHERPT = "verscherpt", TOEZICHTNIVEAU["verscherpt"]

    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="toezichtbesluiten"
    )
    niveau = models.CharField("niveau", max_length=20, choices=Niveau.choices)
    door = models.CharField("door", max_length=10, choices=Door.choices)
    besluitdatum = models.DateField("besluitdatum")
    ingangsdatum = models.DateField("ingangsdatum")
    voorziene_einddatum = models.DateField(
        "voorziene einddatum", null=True, blank=True, help_text="Einde van de gestelde termijn (inclusief)."
    )
    aanleiding = BegrensdeTekst("aanleiding", max_length=LANGE_TEKST, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "toezichtbesluit"
        verbose_name_plural = "toezichtbesluiten"
        ordering = ["instelling__afkorting", "ingangsdatum"]
        constraints = [
            models.UniqueConstraint(
                fields=["instelling", "ingangsdatum"],
                condition=Q(vervallen=False),
                name="toezichtbesluit_uniek_per_ingangsdatum",
                violation_error_message="Deze instelling heeft al een toezichtbesluit met deze ingangsdatum. "
                "Kies een andere ingangsdatum of corrigeer het bestaande besluit.",
            ),
            models.CheckConstraint(
                condition=Q(voorziene_einddatum__isnull=True) | Q(voorziene_einddatum__gte=F("ingangsdatum")),
                name="toezichtbesluit_einddatum_na_ingang",
                violation_error_message="De voorziene einddatum ligt vóór de ingangsdatum.",
            ),
        ]

    def __str__(self):
        return f"{self.get_niveau_display()} {self.instelling.afkorting} per {datum_cijfers(self.ingangsdatum)}"

    def clean(self):
        super().clean()
        if self.ingangsdatum and self.voorziene_einddatum and self.voorziene_einddatum < self.ingangsdatum:
            raise ValidationError(
                {"voorziene_einddatum": "De voorziene einddatum ligt vóór de ingangsdatum; kies een latere datum."}
            )


class Handhavingsmaatregel(Feit):
    class Soort(models.TextChoices):
        AANWIJZING = "aanwijzing", "aanwijzing"
        BEVEL = "bevel", "bevel"
        LAST_ONDER_DWANGSOM = "last_onder_dwangsom", "last onder dwangsom"
        BESTUURSDWANG = "bestuursdwang", "bestuursdwang"
        BESTUURLIJKE_BOETE = "bestuurlijke_boete", "bestuurlijke boete"

    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="handhavingsmaatregelen"
    )
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    door = models.CharField("door", max_length=10, choices=Door.choices)
    datum = models.DateField("datum")
    termijn = models.DateField("termijn", null=True, blank=True, help_text="Uiterste datum om aan de maatregel te voldoen.")
    zakelijke_weergave = BegrensdeTekst("zakelijke weergave", max_length=LANGE_TEKST, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "handhavingsmaatregel"
        verbose_name_plural = "handhavingsmaatregelen"
        ordering = ["instelling__afkorting", "datum"]
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn__isnull=True) | Q(termijn__gte=F("datum")),
                name="handhavingsmaatregel_termijn_na_datum",
                violation_error_message="De termijn ligt vóór de datum van de maatregel.",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.instelling.afkorting} {datum_cijfers(self.datum)}"

    def clean(self):
        super().clean()
        if self.datum and self.termijn and self.termijn < self.datum:
            raise ValidationError({"termijn": "De termijn ligt vóór de datum van de maatregel; kies een latere datum."})


class Oorzaken(models.TextChoices):
    """Where the causes of a normafwijking lie, as the inspecties weigh them (DESIGN.md §3, Oordeel)."""

    BINNEN = "binnen_invloedssfeer", "binnen de invloedssfeer van de GI"
    DEELS = "deels", "deels binnen de invloedssfeer"
    BUITEN = "buiten_invloedssfeer", "buiten de invloedssfeer van de GI"
    ONBEKEND = "onbekend", "onbekend"


class Inspectieonderzoek(Feit):
    class Soort(models.TextChoices):
        REGULIER = "regulier", "regulier"
        THEMATISCH = "thematisch", "thematisch"
        VERDIEPEND = "verdiepend", "verdiepend"
        CALAMITEITEN = "calamiteiten", "calamiteiten"
        VERVOLG = "vervolg", "vervolg"
        INCIDENT = "incident", "incident"

    class Oorzaken(models.TextChoices):
        """The report's own summary of the causes (blank: the report does not give one)."""

        BINNEN = "binnen_invloedssfeer", "binnen de invloedssfeer van de GI"
        DEELS = "deels", "deels binnen de invloedssfeer"
        BUITEN = "buiten_invloedssfeer", "buiten de invloedssfeer van de GI"

    class Vertrouwen(models.TextChoices):
        JA = "ja", "ja"
        NEE = "nee", "nee"
        ONBEKEND = "onbekend", "onbekend"

    # The GI's the report concerns: OnderzochteInstelling (one or more; an overarching report names several).
    instellingen = models.ManyToManyField(
        Instelling, verbose_name="instellingen", through="OnderzochteInstelling", related_name="inspectieonderzoeken"
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    door = models.CharField("door", max_length=10, choices=Door.choices)
    bezoek_van = models.DateField("bezoek van", null=True, blank=True)
    bezoek_tot = models.DateField("bezoek tot", null=True, blank=True)
    rapportdatum = models.DateField("rapportdatum", help_text="Datum van publicatie van het rapport.")
    titel = models.CharField("titel", max_length=300)
    url = models.URLField("url", max_length=500, blank=True)
    samenvatting = BegrensdeTekst("samenvatting", max_length=LANGE_TEKST, blank=True)
    # The report-level summary of the causes as the report states it (blank: the report does not say); each oordeel
    # has its own (Oordeel.oorzaken). Not copied into the oordelen: the summary does not say which oordeel it is about.
    oorzaken = models.CharField(
        "oorzaken (samenvatting van het rapport)", max_length=25,
        choices=Oorzaken.choices, blank=True,
    )
    vertrouwen_verbeterkracht = models.CharField(
        "vertrouwen in verbeterkracht", max_length=10, choices=Vertrouwen.choices, default=Vertrouwen.ONBEKEND
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "inspectieonderzoek"
        verbose_name_plural = "inspectieonderzoeken"
        ordering = ["rapportdatum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bezoek_van__isnull=True) | Q(bezoek_tot__isnull=True) | Q(bezoek_tot__gte=F("bezoek_van")),
                name="inspectieonderzoek_bezoek_tot_na_van",
                violation_error_message="Het einde van de bezoekperiode ligt vóór het begin.",
            ),
            models.CheckConstraint(
                condition=Q(bezoek_van__isnull=True) | Q(rapportdatum__gte=F("bezoek_van")),
                name="inspectieonderzoek_rapport_na_bezoek",
                violation_error_message="De rapportdatum ligt vóór het begin van het bezoek.",
            ),
        ]

    def __str__(self):
        return f"{self.titel} ({datum_cijfers(self.rapportdatum)})"

    def clean(self):
        super().clean()
        errors = {}
        if self.bezoek_van and self.bezoek_tot and self.bezoek_tot < self.bezoek_van:
            errors["bezoek_tot"] = "Het einde van de bezoekperiode ligt vóór het begin; pas een van beide data aan."
        if self.bezoek_van and self.rapportdatum and self.rapportdatum < self.bezoek_van:
            errors["rapportdatum"] = "De rapportdatum ligt vóór het begin van het bezoek; een rapport volgt op het bezoek."
        if errors:
            raise ValidationError(errors)


class OnderzochteInstelling(ZonderStuurtekens):
    """One GI an inspectieonderzoek concerns (an overarching report names several), with the GI's zienswijze as
    published with the report (hoor en wederhoor). Its history is kept like that of the oordelen."""

    onderzoek = models.ForeignKey(
        Inspectieonderzoek, verbose_name="inspectieonderzoek", on_delete=models.PROTECT,
        related_name="onderzochte_instellingen",
    )
    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="onderzochte_instellingen"
    )
    zienswijze = BegrensdeTekst(
        "zienswijze van de GI", max_length=LANGE_TEKST, blank=True,
        help_text="De zienswijze van de GI zoals die met het rapport is gepubliceerd; leeg: geen zienswijze gepubliceerd.",
    )
    zienswijze_bron = models.CharField(
        "bron van de zienswijze", max_length=500, blank=True,
        help_text="Waar de zienswijze is gepubliceerd (bijlage van het rapport, URL).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "onderzochte instelling"
        verbose_name_plural = "onderzochte instellingen"
        ordering = ["onderzoek_id", "instelling__afkorting"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "instelling"],
                name="onderzochte_instelling_uniek",
                violation_error_message="Deze instelling is al aan dit onderzoek gekoppeld; noem elke instelling één keer.",
            ),
        ]

    def __str__(self):
        return f"{self.instelling.afkorting} in {self.onderzoek.titel}"

    def clean(self):
        super().clean()
        if self.zienswijze_bron.strip() and not self.zienswijze.strip():
            raise ValidationError(
                {"zienswijze": "Er is een bron van de zienswijze opgegeven maar geen tekst; vul de zienswijze in of "
                 "maak de bron leeg."}
            )
        if self.zienswijze.strip() and not self.zienswijze_bron.strip():
            raise ValidationError(
                {"zienswijze_bron": "Geef aan waar de zienswijze is gepubliceerd (bijlage van het rapport of URL)."}
            )


class Thema(ZonderStuurtekens):
    """A theme the inspecties judge (goed bestuur, betekenisvol contact, …)."""

    GOED_BESTUUR = "goed_bestuur"

    code = models.SlugField("code", max_length=50, unique=True)
    naam = models.CharField("naam", max_length=200, unique=True)
    omschrijving = BegrensdeTekst("omschrijving", max_length=KORTE_TEKST, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Oordeel(ZonderStuurtekens):
    class Waarde(models.TextChoices):
        VOLDOENDE = "voldoende", OORDEELWAARDE["voldoende"]
        GROTENDEELS_VOLDOENDE = "grotendeels_voldoende", OORDEELWAARDE["grotendeels_voldoende"]
        GROTENDEELS_ONVOLDOENDE = "grotendeels_onvoldoende", OORDEELWAARDE["grotendeels_onvoldoende"]
        ONVOLDOENDE = "onvoldoende", OORDEELWAARDE["onvoldoende"]

    onderzoek = models.ForeignKey(
        Inspectieonderzoek, verbose_name="inspectieonderzoek", on_delete=models.PROTECT, related_name="oordelen"
    )
    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", on_delete=models.PROTECT, related_name="oordelen",
        help_text="De GI waarover het oordeel gaat: een van de instellingen van het onderzoek.",
    )
    thema = models.ForeignKey(Thema, verbose_name="thema", on_delete=models.PROTECT, related_name="oordelen")
    waarde = models.CharField("waarde", max_length=30, choices=Waarde.choices)
    toelichting = BegrensdeTekst("toelichting", max_length=LANGE_TEKST, blank=True)
    oorzaken = models.CharField(
        "oorzaken", max_length=25, choices=Oorzaken.choices, default=Oorzaken.ONBEKEND,
        help_text="Waar de oorzaken van de afwijking liggen, zoals de inspecties die wegen; 'onbekend' als het "
        "rapport het niet zegt.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "oordeel"
        verbose_name_plural = "oordelen"
        ordering = ["onderzoek_id", "instelling__afkorting", "thema__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "instelling", "thema"],
                name="oordeel_uniek_per_onderzoek_instelling_thema",
                violation_error_message="Dit onderzoek heeft al een oordeel over dit thema voor deze instelling; pas dat "
                "oordeel aan.",
            ),
        ]

    def __str__(self):
        return f"{self.thema}: {self.get_waarde_display()}"

    def clean(self):
        super().clean()
        if self.onderzoek_id and self.instelling_id and not OnderzochteInstelling.objects.filter(
            onderzoek_id=self.onderzoek_id, instelling_id=self.instelling_id
        ).exists():
            raise ValidationError(
                {"instelling": "Deze instelling hoort niet bij het onderzoek; kies een van de instellingen van het "
                 "onderzoek, of voeg de instelling eerst aan het onderzoek toe."}
            )
