"""The Instelling (a GI), the national GI-monitor and the shared base of every recorded fact."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from register import beperkingen, tekens
from register.datums import datumfouten
from register.teksten import DATUMKWALITEIT, GEGEVENSNOTITIE_SOORTEN, MONITOR_INDICATOREN, datum_cijfers


# Longest text a free-text field accepts (DESIGN.md §7: a limit on every text field). Long enough for a
# summary of a report; short enough that the Kamer overview PDF stays a readable document.
LANGE_TEKST = 10_000
# Longest short free text: a reason (correction, declaring void, also the API's Reden header), a description.
KORTE_TEKST = 2_000


class BegrensdeTekst(models.TextField):
    """A TextField whose max_length is also checked by full_clean, so the services refuse overlong text
    whatever the door (Django checks a TextField's max_length only in forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))


def weiger_stuurtekens(waarde) -> None:
    """Validator: text holding a character the register never stores (register/tekens.py) is refused."""
    if isinstance(waarde, str) and (bericht := tekens.melding(waarde)) is not None:
        raise ValidationError(bericht, code=tekens.CODE)


class ZonderStuurtekens(models.Model):
    """Every text field of the record is refused when it holds a control character (register/tekens.py), by
    ``full_clean``: the one check every door passes (admin forms through their model validation, the API, the
    import and the commands through the services), for every text field of every model that has this base."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        fouten: dict = {}
        # A foreign key to a record read in advance (register/beperkingen.py) needs no query to know it exists.
        bekend = beperkingen.bekende_verwijzingen(self)
        try:
            super().clean_fields(exclude=set(exclude or ()) | bekend if bekend else exclude)
        except ValidationError as exc:
            fouten = exc.update_error_dict(fouten)
        for veld in self._meta.concrete_fields:
            if veld.name in fouten or (exclude and veld.name in exclude):
                continue
            try:
                weiger_stuurtekens(getattr(self, veld.attname))
            except ValidationError as exc:
                fouten[veld.name] = exc.error_list
        if fouten:
            raise ValidationError(fouten)


class Feit(ZonderStuurtekens):
    """Base of every domain record: it carries its source and can be declared void, never deleted."""

    bron = models.CharField(
        "bron",
        max_length=500,
        help_text="Document, kenmerk of URL waar dit feit op berust.",
    )
    datumkwaliteit = models.CharField(
        "datumkwaliteit",
        max_length=10,
        choices=[(k, v) for k, v in DATUMKWALITEIT.items()],
        default="exact",
        help_text="Hoe goed de hoofddatum van dit feit bekend is (de besluit- en ingangsdatum van een besluit, de "
        "start- en einddatum van een audit, de rapportdatum van een onderzoek, de datum van een maatregel, de "
        "peildatum van een meting): exact; maand (alleen de maand is bekend: getoond als de maand, zonder dag); of "
        "geschat (een schatting: getoond met '(geschat)'; zeg in de toelichting waar de schatting op berust). "
        "'Geldig tot' en 'voorziene einddatum' vallen er niet onder.",
    )
    datum_toelichting = BegrensdeTekst(
        "toelichting op de datum",
        max_length=KORTE_TEKST,
        blank=True,
        help_text="Verplicht bij datumkwaliteit 'geschat': waar de schatting op berust.",
    )
    vervallen = models.BooleanField(
        "vervallen",
        default=False,
        help_text="Een onjuiste registratie wordt vervallen verklaard (met reden), nooit verwijderd.",
    )
    vervalreden = BegrensdeTekst("reden van vervallen", max_length=KORTE_TEKST, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.vervallen and not self.vervalreden.strip():
            raise ValidationError({"vervalreden": "Geef aan waarom deze registratie vervalt."})
        if self.datumkwaliteit == "geschat" and not (self.datum_toelichting or "").strip():
            raise ValidationError({
                "datum_toelichting": "Bij datumkwaliteit 'geschat' is een toelichting verplicht: schrijf waar de "
                "schatting op berust (bijvoorbeeld welke bron welke periode noemt), of kies 'maand' of 'exact'."
            })

    def validate_constraints(self, exclude=None):
        """Django's judgement of Meta.constraints, without a query for a condition Python can judge
        (register/beperkingen.py)."""
        beperkingen.valideren(self, exclude)

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        """Django's validation plus the sane-date rule (register/datums.py), judged after clean() has filled
        in defaults such as a volledig certificate's geldig tot. Every write (admin form, API, loader) comes
        through here via register.services."""
        fouten: dict = {}
        try:
            super().full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints)
        except ValidationError as exc:
            fouten = exc.update_error_dict(fouten)
        for veld, bericht in datumfouten(self, exclude=set(exclude or ()) | set(fouten)).items():
            fouten.setdefault(veld, []).append(ValidationError(bericht, code="datum_buiten_bereik"))
        if fouten:
            raise ValidationError(fouten)


class Soort(models.TextChoices):
    REGIONAAL = "regionaal", "regionaal"
    LANDELIJK = "landelijk", "landelijk"


afkorting_validator = RegexValidator(
    r"^[A-Z][A-Z0-9]{1,9}$",
    "Gebruik 2 tot 10 hoofdletters of cijfers, beginnend met een letter (bijvoorbeeld JBN).",
)
kvk_validator = RegexValidator(r"^\d{8}$", "Een KvK-nummer bestaat uit precies 8 cijfers.")


class Instelling(Feit):
    """A gecertificeerde instelling (GI) for jeugdbescherming and jeugdreclassering."""

    naam = models.CharField("naam", max_length=200)
    afkorting = models.CharField("afkorting", max_length=10, unique=True, validators=[afkorting_validator])
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    werkgebied = models.CharField("werkgebied", max_length=300, blank=True)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, blank=True, validators=[kvk_validator])
    actief_vanaf = models.DateField("actief vanaf", null=True, blank=True)
    actief_tot = models.DateField("actief tot", null=True, blank=True)
    # Gegevens vanaf, one per side (DESIGN.md §3): before that day the status of that side is 'onbekend'.
    certificering_vanaf = models.DateField(
        "certificering vanaf",
        null=True,
        blank=True,
        help_text="De eerste dag vanaf welke het register de gegevens van het KMI over deze GI volledig bevat. Leeg: "
        "volledig sinds 'actief vanaf'. Vóór deze dag is de certificaatstatus 'onbekend'.",
    )
    toezicht_vanaf = models.DateField(
        "toezicht vanaf",
        null=True,
        blank=True,
        help_text="De eerste dag vanaf welke het register de gegevens van de inspecties over deze GI volledig bevat. "
        "Leeg: volledig sinds 'actief vanaf'. Vóór deze dag is het toezichtniveau 'onbekend'.",
    )
    nog_niets_vastgelegd = models.BooleanField(
        "nog niets vastgelegd",
        default=False,
        help_text="Aanvinken als de GI wel geregistreerd is maar er nog niets over haar is vastgelegd: elke status is "
        "dan 'onbekend' en de GI telt wel mee. Uitvinken en 'certificering vanaf' en 'toezicht vanaf' invullen "
        "zodra de gegevens er zijn.",
    )
    opvolger = models.ForeignKey(
        "self",
        verbose_name="opvolger",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorgangers",
        help_text="De instelling die deze GI na een fusie voortzet.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "instelling"
        verbose_name_plural = "instellingen"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actief_tot__isnull=True) | Q(actief_vanaf__isnull=True) | Q(actief_tot__gte=F("actief_vanaf")),
                name="instelling_actief_tot_na_vanaf",
                violation_error_message="'Actief tot' ligt vóór 'actief vanaf'; pas een van beide data aan.",
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.afkorting})"

    def clean(self):
        super().clean()
        if self.actief_vanaf and self.actief_tot and self.actief_tot < self.actief_vanaf:
            raise ValidationError({"actief_tot": "'Actief tot' ligt vóór 'actief vanaf'; pas een van beide data aan."})
        if self.opvolger_id and self.pk and self.opvolger_id == self.pk:
            raise ValidationError({"opvolger": "Een instelling kan niet haar eigen opvolger zijn."})
        if self.nog_niets_vastgelegd and (self.certificering_vanaf or self.toezicht_vanaf):
            raise ValidationError({"nog_niets_vastgelegd": "'Nog niets vastgelegd' gaat niet samen met een datum "
                                   "'certificering vanaf' of 'toezicht vanaf'. Vink het uit als de gegevens er zijn, of "
                                   "maak de datums leeg."})


class Omvang(Feit):
    """On a date, how many GI's are in scope (certified or applied, per the KMI's public list), with its bron: the N of
    every "n van de N" (DESIGN.md §3, Omvang). Several dates give its history; the latest on or before a day counts."""

    datum = models.DateField("peildatum", help_text="De dag waarop dit aantal GI's in beeld was.")
    aantal = models.PositiveIntegerField("aantal GI's", help_text="Hoeveel GI's er op de peildatum in beeld waren.")
    toelichting = BegrensdeTekst("toelichting", max_length=KORTE_TEKST, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "omvang"
        verbose_name_plural = "omvang"
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["datum"],
                condition=Q(vervallen=False),
                name="omvang_uniek_per_datum",
                violation_error_message="Er is al een omvang op deze peildatum; corrigeer die in plaats van een tweede "
                "vast te leggen.",
            ),
        ]

    def __str__(self):
        return f"{self.aantal} GI's op {datum_cijfers(self.datum)}"


class Monitormeting(Feit):
    """GI-monitor figures on a peildatum, for one GI or (without instelling) national."""

    peildatum = models.DateField("peildatum")
    instelling = models.ForeignKey(
        Instelling,
        verbose_name="instelling",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitormetingen",
        help_text="Leeg laten voor het landelijke cijfer.",
    )
    aantal_kinderen_met_maatregel = models.PositiveIntegerField("aantal kinderen met maatregel", null=True, blank=True)
    workload_per_fte = models.DecimalField("workload per fte", max_digits=6, decimal_places=2, null=True, blank=True)
    wachtlijst_start = models.PositiveIntegerField("wachtlijst start", null=True, blank=True)
    wachtlijst_intern = models.PositiveIntegerField("wachtlijst intern", null=True, blank=True)
    wachtlijst_totaal = models.PositiveIntegerField("wachtlijst totaal", null=True, blank=True)
    gemiddelde_wachttijd_dagen = models.PositiveIntegerField("gemiddelde wachttijd (dagen)", null=True, blank=True)
    fte = models.DecimalField("fte", max_digits=8, decimal_places=1, null=True, blank=True)
    verloop_pct = models.DecimalField("verloop %", max_digits=5, decimal_places=1, null=True, blank=True)
    verzuim_pct = models.DecimalField("verzuim %", max_digits=5, decimal_places=1, null=True, blank=True)
    # A later revision of figures of the same peildatum (and GI), published in a later source: a new meting with its own
    # bron that names the meting it revises. The earlier one stays and is shown as revised. A revision holds only the
    # figures it revises: an empty field leaves the earlier figure standing.
    herziet = models.ForeignKey(
        "self",
        verbose_name="herziet meting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="herzieningen",
        help_text="Alleen bij een herziening: de eerdere meting (zelfde peildatum en instelling) waarvan deze meting "
        "cijfers herziet. Vul alleen de herziene cijfers in; een leeg veld laat het eerdere cijfer staan.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "monitormeting"
        verbose_name_plural = "monitormetingen"
        ordering = ["peildatum", "instelling__afkorting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peildatum"],
                condition=Q(instelling__isnull=True, vervallen=False, herziet__isnull=True),
                name="monitormeting_landelijk_uniek_per_peildatum",
                violation_error_message="Er is al een landelijke meting op deze peildatum. Leg een herziening vast als "
                "een nieuwe meting die de eerdere herziet.",
            ),
            models.UniqueConstraint(
                fields=["peildatum", "instelling"],
                condition=Q(instelling__isnull=False, vervallen=False, herziet__isnull=True),
                name="monitormeting_uniek_per_instelling_peildatum",
                violation_error_message="Er is al een meting voor deze instelling op deze peildatum. Leg een "
                "herziening vast als een nieuwe meting die de eerdere herziet.",
            ),
            # A revision is revised in its turn by a later one: one chain per peildatum, never two branches.
            models.UniqueConstraint(
                fields=["herziet"],
                condition=Q(vervallen=False),
                name="monitormeting_een_herziening_per_meting",
                violation_error_message="Deze meting is al herzien. Een latere herziening herziet de laatste herziening.",
            ),
            models.CheckConstraint(
                condition=Q(workload_per_fte__isnull=True) | Q(workload_per_fte__gte=0),
                name="monitormeting_workload_niet_negatief",
                violation_error_message="Workload per fte kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(fte__isnull=True) | Q(fte__gte=0),
                name="monitormeting_fte_niet_negatief",
                violation_error_message="Het aantal fte kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(verloop_pct__isnull=True) | Q(verloop_pct__gte=0, verloop_pct__lte=100),
                name="monitormeting_verloop_percentage",
                violation_error_message="Verloop is een percentage tussen 0 en 100.",
            ),
            models.CheckConstraint(
                condition=Q(verzuim_pct__isnull=True) | Q(verzuim_pct__gte=0, verzuim_pct__lte=100),
                name="monitormeting_verzuim_percentage",
                violation_error_message="Verzuim is een percentage tussen 0 en 100.",
            ),
        ]

    def __str__(self):
        wie = self.instelling.afkorting if self.instelling_id else "landelijk"
        herzien = " (herziening)" if self.herziet_id else ""
        return f"GI-monitor {wie} {datum_cijfers(self.peildatum)}{herzien}"

    def clean(self):
        super().clean()
        if not self.herziet_id:
            return
        eerder = self.herziet
        if self.pk and eerder.pk == self.pk:
            raise ValidationError({"herziet": "Een meting kan zichzelf niet herzien; kies de eerdere meting."})
        if eerder.peildatum != self.peildatum or eerder.instelling_id != self.instelling_id:
            raise ValidationError({"herziet": "Een herziening gaat over dezelfde peildatum en dezelfde instelling (of "
                                              "landelijk) als de meting die zij herziet; kies die meting of pas de "
                                              "peildatum aan."})
        if eerder.vervallen:
            raise ValidationError({"herziet": "De meting die u wilt herzien is vervallen; kies een geldige meting."})
        gezien, stap = set(), eerder
        while stap is not None and stap.pk not in gezien:
            if self.pk and stap.pk == self.pk:
                raise ValidationError({"herziet": "Deze meting zou dan (via andere herzieningen) zichzelf herzien; kies "
                                                  "de laatste eerdere meting."})
            gezien.add(stap.pk)
            stap = stap.herziet
        if not any(getattr(self, veld) is not None for veld in MONITOR_INDICATOREN):
            raise ValidationError({"herziet": "Een herziening zonder cijfers herziet niets; vul de herziene cijfers in."})


class Monitordefinitie(Feit):
    """How the GI-monitor defines an indicator from a peildatum on (DESIGN.md §3, Monitormeting): each figure of that
    indicator on that peildatum or later, until a later definition, is measured by it. Where the definition of a
    figure differs from that of the figure before it, the overview prints a footnote beside it and lists the change
    under Verantwoording."""

    indicator = models.CharField("indicator", max_length=40, choices=list(MONITOR_INDICATOREN.items()))
    naam = models.CharField("naam", max_length=200, help_text="Kort, zoals het overzicht de definitie noemt.")
    omschrijving = BegrensdeTekst("omschrijving", max_length=KORTE_TEKST, help_text="Wat er precies gemeten wordt.")
    geldig_vanaf = models.DateField(
        "geldig vanaf (peildatum)",
        help_text="De eerste peildatum waarvoor de bron een cijfer volgens deze definitie geeft.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "monitordefinitie"
        verbose_name_plural = "monitordefinities"
        ordering = ["indicator", "geldig_vanaf", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "geldig_vanaf"],
                condition=Q(vervallen=False),
                name="monitordefinitie_uniek_per_indicator_en_datum",
                violation_error_message="Er is al een definitie van deze indicator vanaf deze peildatum; corrigeer die.",
            ),
        ]

    def __str__(self):
        return f"{MONITOR_INDICATOREN.get(self.indicator, self.indicator)}: {self.naam} (vanaf {datum_cijfers(self.geldig_vanaf)})"


class Gegevensnotitie(ZonderStuurtekens):
    """A caveat about the register's data, kept beside the facts (DESIGN.md §5, Verantwoording): what was assumed
    where the sources are silent, where sources differ, a monitor definition that changed. The overview's
    Verantwoording appendix and the public page about the data print them. Append-only: a note is never changed or
    deleted, so an overview shows the notes as recorded at the end of its peildatum (``vastgelegd_op``)."""

    soort = models.CharField("soort", max_length=30, choices=list(GEGEVENSNOTITIE_SOORTEN.items()), default="aanname")
    instelling = models.ForeignKey(
        Instelling, verbose_name="instelling", null=True, blank=True, on_delete=models.PROTECT,
        related_name="gegevensnotities", help_text="Leeg laten als de notitie over de gegevens als geheel gaat.",
    )
    tekst = BegrensdeTekst("tekst", max_length=KORTE_TEKST)
    bron = models.CharField("bron", max_length=500, blank=True, help_text="Waar de notitie op berust, als dat een document is.")
    vastgelegd_op = models.DateTimeField("vastgelegd op")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "notitie bij de gegevens"
        verbose_name_plural = "notities bij de gegevens"
        ordering = ["vastgelegd_op", "id"]

    def __str__(self):
        return self.tekst[:80]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("Een notitie bij de gegevens kan niet worden gewijzigd; leg een nieuwe notitie vast.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Een notitie bij de gegevens kan niet worden verwijderd.")


class Standversie(models.Model):
    """A change counter per part of the register (register/standversie.py): per GI (``gi:<afkorting>``), for what is
    tied to no one GI (``globaal``), the notes about the data and the archive of overviews; each with a second counter
    (``…:openbaar``) that moves only with a change everyone can see. Derived state cached per GI carries the counters
    it was built at (register/cache.py), so a write to one GI leaves every other GI's cached answers valid. Bookkeeping
    of the cache only: no history, no door shows it."""

    sleutel = models.CharField(max_length=120, primary_key=True)
    teller = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "standversie"
        verbose_name_plural = "standversies"
        default_permissions = ()
