"""The kinds of historic records that can be imported and exported (README, "Historische gegevens importeren"):
per kind its columns, the natural key that makes a second import of the same file change nothing, and the
services that write a row (the same ones the admin and the API use, so role, validation and history are theirs).

A column is named after the model field it fills; a relation is named by its natural key (a GI by afkorting, an
audit of a certificaatbesluit by soort and startdatum, a theme by code). How a cell is read is decided by the
model field (register/…/models.py), so a rule on a value is never written twice."""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import ClassVar
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from certification import services as kmi
from certification.models import Audit, Bezwaar, Certificaatbesluit
from register import datums, domein, roles
from register import services as register_services
from register.models import Instelling, Monitormeting
from register.csvcel import FORMULE_BEGIN
from register.teksten import MAANDEN
from supervision import services as inspecties
from supervision.models import (
    Handhavingsmaatregel, Inspectieonderzoek, OnderzochteInstelling, Oordeel, Oorzaken, Thema, Toezichtbesluit,
)
from wederhoor import services as wederhoor
from wederhoor.models import Reactie

FEIT = ("bron", "datumkwaliteit", "datum_toelichting")
# The column files from before the datumkwaliteit carry (ja: only the month is known). Still read: ja becomes
# datumkwaliteit 'maand', nee 'exact', unless the row also fills in datumkwaliteit.
OUDE_DATUMKOLOM = "datum_bij_benadering"
# The export writes this column too; an import reads it only to skip a void record (an import never voids).
VERVALLEN = "vervallen"
JA = frozenset({"ja", "j", "waar", "true", "1", "x"})
NEE = frozenset({"nee", "n", "onwaar", "false", "0", ""})
ISO_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OORDEEL = "oordeel_"
TOELICHTING = "toelichting_"
OORZAKEN = "oorzaken_"
INSTELLINGEN = "instellingen"
ZIENSWIJZE = "zienswijze"
ZIENSWIJZE_BRON = "zienswijze_bron"
BESLUIT_INGANGSDATUM = "besluit_ingangsdatum"
ORGANISATIE = domein.ORGANISATIEVELD


# The help of a field speaks of the admin's checkbox; a column of a file is filled with ja or nee.
_VINKJE = (("is aangevinkt", "op 'ja' staat"), ("Aanvinken", "Op 'ja' zetten"), ("aanvinken", "op 'ja' zetten"),
           ("Uitvinken", "Op 'nee' zetten"), ("uitvinken", "op 'nee' zetten"))


def in_een_cel(hulp: str) -> str:
    """A field's help text as it applies to a column of a file: a checkbox there is 'ja' or 'nee' here."""
    for vinkje, cel in _VINKJE:
        hulp = hulp.replace(vinkje, cel)
    return hulp


class Celfout(Exception):
    """A cell that cannot be read: the message says what is wrong and how to write it."""


def tekst(waarde) -> str:
    """A cell as text: stripped, a whole number from a spreadsheet without '.0', and the apostrophe that an
    export puts before a formula-like value (register.csvcel.csv_cel) taken off again."""
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    if isinstance(waarde, dt.datetime):
        waarde = waarde.date() if waarde.time() == dt.time() else waarde
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    waarde = regels(str(waarde))
    if waarde.startswith("'") and waarde[1:].startswith((*FORMULE_BEGIN, "\n")):
        waarde = waarde[1:]
    return waarde.strip()


def regels(waarde: str) -> str:
    """Line breaks as one character: a spreadsheet (XLSX is XML) keeps no carriage return."""
    return waarde.replace("\r\n", "\n").replace("\r", "\n")


def zelfde(a, b) -> bool:
    return regels(a) == regels(b) if isinstance(a, str) and isinstance(b, str) else a == b


def lees_datum(waarde) -> dt.date | None:
    if isinstance(waarde, dt.datetime) and waarde.time() == dt.time():
        return waarde.date()
    if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime):
        return waarde
    waarde = tekst(waarde)
    if not waarde:
        return None
    try:
        if not ISO_DATUM.match(waarde):
            raise ValueError
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise Celfout(_geen_datum(waarde)) from None


def _geen_datum(waarde: str) -> str:
    """Why ``waarde`` is no date: written in another form, or in the right form but a day that does not exist."""
    vorm = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", waarde)
    if vorm:
        jaar, maand, dag = (int(deel) for deel in vorm.groups())
        if not 1 <= maand <= 12:
            return f"'{waarde}' bestaat niet: er is geen maand {maand}. Controleer de maand (01 tot en met 12)."
        dagen = calendar.monthrange(jaar, maand)[1]
        return (
            f"'{waarde}' bestaat niet: {MAANDEN[maand - 1]} {jaar} heeft {dagen} dagen. Controleer de dag en de maand."
        )
    return f"'{waarde}' is geen datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2024-03-01 voor 1 maart 2024."


def lees_ja_nee(waarde) -> bool:
    if isinstance(waarde, bool):
        return waarde
    waarde = tekst(waarde).lower()
    if waarde in JA:
        return True
    if waarde in NEE:
        return False
    raise Celfout(f"'{waarde}' is geen ja of nee. Schrijf 'ja' of 'nee' (leeg is nee).")


def lees_geheel_getal(waarde) -> int | None:
    waarde = tekst(waarde)
    if not waarde:
        return None
    if not re.fullmatch(r"-?\d+", waarde):
        raise Celfout(f"'{waarde}' is geen geheel getal. Schrijf alleen cijfers, bijvoorbeeld 12.")
    return int(waarde)


def lees_decimaal(waarde) -> Decimal | None:
    if isinstance(waarde, float):
        waarde = repr(waarde)
    waarde = tekst(waarde)
    if not waarde:
        return None
    try:
        getal = Decimal(waarde.replace(",", "."))
    except InvalidOperation:
        getal = None
    if getal is None or not getal.is_finite():
        raise Celfout(f"'{waarde}' is geen getal. Schrijf een getal met een komma of punt, bijvoorbeeld 12,5.")
    return getal


def lees_keuze(veld: models.Field, waarde) -> str:
    waarde = tekst(waarde)
    if not waarde:
        return veld.get_default() if veld.has_default() else ""
    for opslag, label in veld.choices:
        if waarde.lower() in (str(opslag).lower(), str(label).lower()):
            return opslag
    toegestaan = ", ".join(str(opslag) for opslag, _ in veld.choices)
    raise Celfout(f"'{waarde}' is geen geldige waarde. Kies een van: {toegestaan}.")


class Naslag:
    """What the rows of one file look up again and again, read once per file instead of once per row: the GI's by
    afkorting (all of the file in one query, ``vooraf``), the themes, and the records of the file's kind by natural
    key (of all GI's of the file in one query). A GI that is not there yet is asked of the database again, unless the
    file cannot register one (only an import of instellingen may register a GI higher in the file). Lives as long
    as one import, inside its transaction."""

    def __init__(self, actor=None):
        self.actor = actor  # who imports: a kind kept per organisation names its records by the actor's role
        self.instellingen: dict[str, Instelling] = {}
        self._ontbrekend: set[str] = set()
        self._themas: dict[bool, list[Thema]] = {}
        self._records: dict[tuple, dict[tuple, models.Model]] = {}

    def vooraf(self, soort: Soort, rijen: list[tuple[int, dict]]) -> None:
        """Read the GI's every row of ``rijen`` names (in a column that refers to a GI) in one query."""
        kolommen = [k for k in soort.kolommen if soort.model._meta.get_field(k).related_model is Instelling]
        afkortingen = {tekst(cellen.get(k)).upper() for _, cellen in rijen for k in kolommen} - {""}
        if not afkortingen:
            return
        for instelling in Instelling.objects.filter(afkorting__in=afkortingen):
            self.instellingen[instelling.afkorting] = instelling
        if soort.model is not Instelling:
            self._ontbrekend = afkortingen - set(self.instellingen)

    def bestaand(self) -> dict[type, set]:
        """The records this naslag read, by model: for register.beperkingen.vooraf_gelezen."""
        result: dict[type, set] = {Instelling: {i.pk for i in self.instellingen.values()}}
        if False in self._themas:
            result[Thema] = {t.pk for t in self._themas[False]}
        return result

    def instelling(self, afkorting: str) -> Instelling | None:
        if afkorting not in self.instellingen:
            if afkorting in self._ontbrekend:
                return None
            gevonden = Instelling.objects.filter(afkorting=afkorting).first()
            if gevonden is None:
                return None
            self.instellingen[afkorting] = gevonden
        return self.instellingen[afkorting]

    def themas(self, alleen_actief: bool) -> list[Thema]:
        if alleen_actief not in self._themas:
            self._themas[alleen_actief] = Inspectieonderzoeken.themas(alleen_actief)
        return self._themas[alleen_actief]

    def records(self, soort: Soort, instelling_id: int | None) -> dict[tuple, models.Model]:
        """The records of ``soort`` of one GI (None: those without a GI) that are not void, by natural key (the
        oldest first, as ``Soort.bestaande``). The first call reads those of every GI this naslag knows at once."""
        sleutel = (soort.naam, instelling_id)
        if sleutel not in self._records:
            ids = {instelling_id} | {i.pk for i in self.instellingen.values()}
            for gi in ids:
                self._records.setdefault((soort.naam, gi), {})
            filter_ = Q(instelling_id__in=ids - {None})
            if None in ids:
                filter_ |= Q(instelling__isnull=True)
            for record in soort.naslagqueryset(soort.model.objects.filter(filter_, vervallen=False)).order_by("pk"):
                self._records[(soort.naam, record.instelling_id)].setdefault(soort.recordsleutel(record), record)
        return self._records[sleutel]


def lees_instelling(waarde, naslag: Naslag | None = None) -> Instelling | None:
    afkorting = tekst(waarde).upper()
    if not afkorting:
        return None
    if naslag is not None:
        instelling = naslag.instelling(afkorting)
    else:
        instelling = Instelling.objects.filter(afkorting=afkorting).first()
    if instelling is None:
        raise Celfout(
            f"Er is geen instelling met afkorting '{afkorting}' in het register. Gebruik de afkorting van een "
            "instelling uit Register → Instellingen (bijvoorbeeld JBN), of importeer eerst de instellingen."
        )
    return instelling


def lees_veld(veld: models.Field, waarde, naslag: Naslag | None = None):
    """A cell as the value of model field ``veld`` (an empty cell: the field's default, None or "")."""
    if veld.is_relation:
        return lees_instelling(waarde, naslag)
    if veld.choices:
        return lees_keuze(veld, waarde)
    if isinstance(veld, models.BooleanField):
        return lees_ja_nee(waarde)
    if isinstance(veld, models.DateField):
        return lees_datum(waarde)
    if isinstance(veld, (models.IntegerField, models.PositiveIntegerField)):
        return lees_geheel_getal(waarde)
    if isinstance(veld, models.DecimalField):
        return lees_decimaal(waarde)
    waarde = tekst(waarde)
    if not waarde and veld.null:
        return None
    return waarde


def schrijf_waarde(waarde):
    """A stored value as a cell of an export, in the form an import reads back."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.date):
        return datums.tekst(waarde)
    if isinstance(waarde, Instelling):
        return waarde.afkorting
    if isinstance(waarde, Decimal):
        return str(waarde)
    return "" if waarde is None else waarde


@dataclass
class Rij:
    """One row of a file, read: the model fields, the extras of a kind (audits, oordelen) and the cell errors."""

    velden: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    fouten: dict[str, list[str]] = field(default_factory=dict)

    def fout(self, kolom: str, melding: str) -> None:
        self.fouten.setdefault(kolom, []).append(melding)


@dataclass
class Nieuw:
    """A new record of a row, validated and unsaved, and the records that refer to it (the oordelen of an
    onderzoek), saved after it."""

    record: models.Model
    onderdelen: list = field(default_factory=list)


@dataclass(frozen=True)
class Soort:
    """One kind of record that can be imported and exported."""

    naam: str  # the resource name of the registry of domain models (register/domein.py)
    model: type[models.Model]
    kolommen: tuple[str, ...]  # model fields, in the order of the template
    sleutel: tuple[str, ...]  # the natural key: the columns that name one record

    # --- columns

    def alle_kolommen(self) -> list[str]:
        return list(self.kolommen)

    def exportkolommen(self) -> list[str]:
        """The columns of an export (before ``vervallen``): those of the template, and what an export tells besides
        that an import reads only to check (``extra_kolom``)."""
        return self.alle_kolommen()

    def extra_kolom(self, kolom: str) -> bool:
        """Does this kind read ``kolom`` besides the model fields (an oordeel per theme)?"""
        return False

    def uitleg(self) -> list[tuple[str, str, str]]:
        """(column, meaning, how to write it) for every column, for the import page."""
        rijen = []
        for kolom in self.alle_kolommen():
            rijen.append((kolom, *self._kolomuitleg(kolom)))
        return rijen

    def _kolomuitleg(self, kolom: str) -> tuple[str, str]:
        veld = self.model._meta.get_field(kolom)
        betekenis = str(veld.verbose_name)
        if veld.help_text:
            betekenis += f": {in_een_cel(str(veld.help_text))}"
        verplicht = kolom in self.sleutel or not (veld.blank or veld.has_default())
        if veld.is_relation:
            vorm = "afkorting van de instelling, bijvoorbeeld JBN"
        elif veld.choices:
            vorm = "een van: " + ", ".join(str(w) for w, _ in veld.choices)
        elif isinstance(veld, models.BooleanField):
            vorm = "ja of nee (leeg is nee)"
        elif isinstance(veld, models.DateField):
            vorm = "datum JJJJ-MM-DD"
        elif isinstance(veld, models.DecimalField):
            vorm = "getal, bijvoorbeeld 12,5"
        elif isinstance(veld, models.IntegerField):
            vorm = "geheel getal"
        else:
            vorm = f"tekst, hoogstens {veld.max_length} tekens" if veld.max_length else "tekst"
        return betekenis, ("verplicht; " if verplicht else "") + vorm

    # --- reading a row

    def lees(self, cellen: dict, naslag: Naslag | None = None) -> Rij:
        rij = Rij()
        for kolom in self.kolommen:
            if kolom not in cellen:
                continue
            try:
                rij.velden[kolom] = lees_veld(self.model._meta.get_field(kolom), cellen[kolom], naslag)
            except Celfout as exc:
                rij.fout(kolom, str(exc))
        if OUDE_DATUMKOLOM in cellen and "datumkwaliteit" in self.kolommen and not tekst(cellen.get("datumkwaliteit")):
            try:
                rij.velden["datumkwaliteit"] = "maand" if lees_ja_nee(cellen[OUDE_DATUMKOLOM]) else "exact"
            except Celfout as exc:
                rij.fout(OUDE_DATUMKOLOM, str(exc))
        for kolom in self.sleutel:
            if kolom not in rij.fouten and rij.velden.get(kolom) in (None, "") and not self._sleutel_mag_leeg(kolom):
                rij.fout(kolom, "Deze kolom is verplicht: zij bepaalt welke registratie de rij is. Vul haar in.")
        return rij

    def _sleutel_mag_leeg(self, kolom: str) -> bool:
        return False

    def sleutelwaarden(self, rij: Rij) -> dict:
        return {kolom: rij.velden.get(kolom) for kolom in self.sleutel}

    def sleuteltekst(self, rij: Rij) -> str:
        return " ".join(tekst(schrijf_waarde(w)) or "—" for w in self.sleutelwaarden(rij).values())

    def sleutel_van(self, rij: Rij) -> tuple:
        """The row's natural key as plain values (a GI as its id)."""
        return tuple(getattr(w, "pk", w) for w in self.sleutelwaarden(rij).values())

    def recordsleutel(self, record) -> tuple:
        """A record's natural key, in the form of ``sleutel_van``."""
        return tuple(getattr(record, self.model._meta.get_field(kolom).attname) for kolom in self.sleutel)

    def bestaande(self, rij: Rij, naslag: Naslag | None = None):
        """The record the row names (its natural key), among records that are not void; None if there is none.
        With a ``naslag``, a kind keyed by GI reads the records of each GI once."""
        if naslag is not None and "instelling" in self.sleutel:
            instelling = rij.velden.get("instelling")
            return naslag.records(self, getattr(instelling, "pk", None)).get(self.sleutel_van(rij))
        return self.model.objects.filter(vervallen=False, **self.sleutelwaarden(rij)).order_by("pk").first()

    # --- comparing and writing

    def wijzigingen(self, bestaand, rij: Rij) -> dict:
        """The fields of the row that differ from ``bestaand`` (after the defaults the model fills in itself)."""
        kandidaat = copy.copy(bestaand)  # a model instance's copy has its own field values and cache
        for naam, waarde in rij.velden.items():
            setattr(kandidaat, naam, waarde)
        if hasattr(kandidaat, "vul_standaarden_aan"):
            kandidaat.vul_standaarden_aan()
        gewijzigd = {}
        for naam in rij.velden:
            veld = self.model._meta.get_field(naam)
            if not zelfde(veld.value_from_object(kandidaat), veld.value_from_object(bestaand)):
                gewijzigd[naam] = rij.velden[naam]
        return gewijzigd

    def extra_gewijzigd(self, bestaand, rij: Rij) -> bool:
        return False

    def naslagqueryset(self, qs):
        """The existing records as the import compares them (what ``extra_gewijzigd`` reads, fetched with them)."""
        return qs

    def registreer(self, *, actor, reden: str, rij: Rij):
        raise NotImplementedError

    # --- writing in bulk (historisch/importeren.py): new rows validated as ``registreer`` does, saved at once

    in_bulk: ClassVar[bool] = True  # False: every new row through ``registreer``, one at a time

    def voorbereid(self, *, actor, reden: str, rij: Rij) -> Nieuw | None:
        """The new record of ``rij`` as ``registreer`` would save it, validated by the same service, unsaved; None
        when this row is written through ``registreer`` instead (a kind or a column the bulk path does not know).
        Raises the ValidationError of the service."""
        if not self.in_bulk or rij.extra:
            return None
        return Nieuw(register_services.voorbereiden(self.model, actor=actor, velden=rij.velden, reden=reden))

    def in_bulk_opslaan(self, *, actor, nieuwe: list[Nieuw]) -> None:
        """Save what ``voorbereid`` prepared: the records, then what refers to them, each model in one go."""
        register_services.in_bulk_registreren(self.model, actor=actor, records=[n.record for n in nieuwe])
        per_model: dict[type, list] = {}
        for nieuw in nieuwe:
            for onderdeel in nieuw.onderdelen:
                per_model.setdefault(type(onderdeel), []).append(onderdeel)
        for model, records in per_model.items():
            register_services.in_bulk_registreren(model, actor=actor, records=records)

    def corrigeer(self, bestaand, *, actor, reden: str, velden: dict, rij: Rij):
        raise NotImplementedError

    # --- exporting

    def exportrij(self, obj) -> dict:
        return {kolom: schrijf_waarde(getattr(obj, kolom)) for kolom in self.kolommen}

    def exportrijen(self, obj) -> list[dict]:
        """The rows of one record in an export (one, except for a kind kept per GI of a record)."""
        return [self.exportrij(obj)]

    def exportqueryset(self, qs):
        return qs.select_related(*[k for k in self.kolommen if self.model._meta.get_field(k).is_relation])


class Instellingen(Soort):
    in_bulk = False  # a row may name as opvolger a GI registered higher in the same file

    def registreer(self, *, actor, reden, rij):
        return register_services.instelling_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return register_services.instelling_wijzigen(actor=actor, instelling=bestaand, reden=reden, **velden)

    def _kolomuitleg(self, kolom):
        if kolom == "opvolger":
            return ("opvolger: de instelling die deze GI na een fusie voortzet",
                    "afkorting van een instelling in het register of hoger in het bestand")
        return super()._kolomuitleg(kolom)

    def bestaande(self, rij, naslag=None):
        return self.model.objects.filter(**self.sleutelwaarden(rij)).first()  # the afkorting is unique, void or not


class Audits(Soort):
    def registreer(self, *, actor, reden, rij):
        return kmi.audit_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return kmi.audit_corrigeren(actor=actor, audit=bestaand, reden=reden, **velden)


AUDITS = "audits"


class Certificaatbesluiten(Soort):
    """The audits a besluit rests on: one column ``audits``, each audit of the same GI as 'soort JJJJ-MM-DD' (or
    only the startdatum when the GI has one audit that day), separated by commas.

    Written one row at a time: whether a besluit needs an afweging depends on what the register holds on its
    besluitdatum, which includes a besluit higher in the same file (an overbrugging), and its audits are an m2m
    field with a history of their own."""

    in_bulk = False

    def alle_kolommen(self):
        kolommen = list(self.kolommen)
        kolommen.insert(kolommen.index("geldig_tot_onbekend") + 1, AUDITS)
        return kolommen

    def extra_kolom(self, kolom):
        return kolom == AUDITS

    def _kolomuitleg(self, kolom):
        if kolom == AUDITS:
            return (
                "de audits waarop het besluit berust (van dezelfde instelling)",
                "per audit 'soort JJJJ-MM-DD' (of alleen de startdatum), gescheiden door komma's; "
                "bijvoorbeeld: periodiek 2023-03-01, vervolg 2023-09-12",
            )
        return super()._kolomuitleg(kolom)

    def lees(self, cellen, naslag=None):
        rij = super().lees(cellen, naslag)
        if AUDITS in cellen and "instelling" not in rij.fouten:
            try:
                rij.extra[AUDITS] = self._audits(rij.velden.get("instelling"), cellen[AUDITS])
            except Celfout as exc:
                rij.fout(AUDITS, str(exc))
        return rij

    @staticmethod
    def _audits(instelling, cel) -> list[Audit]:
        gevonden = []
        for deel in filter(None, (d.strip() for d in tekst(cel).replace(";", ",").split(","))):
            stukken = deel.split()
            soort = stukken[0].lower() if len(stukken) == 2 else None
            try:
                startdatum = lees_datum(stukken[-1])
            except Celfout:
                startdatum = None
            if startdatum is None or len(stukken) > 2:
                raise Celfout(f"'{deel}' noemt geen audit. Schrijf 'soort JJJJ-MM-DD', bijvoorbeeld 'periodiek 2023-03-01'.")
            qs = Audit.objects.filter(instelling=instelling, startdatum=startdatum, vervallen=False)
            if soort:
                qs = qs.filter(soort=soort)
            audits = list(qs.order_by("pk")[:2])
            wie = instelling.afkorting if instelling else "deze instelling"
            if not audits:
                raise Celfout(
                    f"Er is geen audit '{deel}' van {wie} in het register. Importeer eerst de audits, of verbeter "
                    "de soort of de startdatum."
                )
            if len(audits) > 1:
                raise Celfout(
                    f"{wie} heeft meer audits met startdatum {datums.tekst(startdatum)}. Zet de soort ervoor, "
                    f"bijvoorbeeld '{audits[0].soort} {datums.tekst(startdatum)}'."
                )
            gevonden.append(audits[0])
        return gevonden

    def extra_gewijzigd(self, bestaand, rij):
        if AUDITS not in rij.extra:
            return False
        return {a.pk for a in rij.extra[AUDITS]} != {a.pk for a in bestaand.audits.all()}

    def naslagqueryset(self, qs):
        return qs.prefetch_related("audits")

    def registreer(self, *, actor, reden, rij):
        return kmi.certificaatbesluit_registreren(actor=actor, reden=reden, audits=rij.extra.get(AUDITS, ()), **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return kmi.certificaatbesluit_corrigeren(
            actor=actor, besluit=bestaand, reden=reden, audits=rij.extra.get(AUDITS), **velden
        )

    def exportrij(self, obj):
        rij = super().exportrij(obj)
        audits = sorted(obj.audits.all(), key=lambda a: (a.startdatum, a.pk))
        rij[AUDITS] = ", ".join(f"{a.soort} {datums.tekst(a.startdatum)}" for a in audits)
        return rij

    def exportqueryset(self, qs):
        return super().exportqueryset(qs).prefetch_related("audits")


class Bezwaren(Soort):
    """Bezwaar, beroep and hoger beroep against a certificaatbesluit: one row per stage, as the register keeps them
    (certification/models.py ``Bezwaar``). The besluit is named by its natural key in the kind certificaatbesluiten:
    ``instelling`` and ``besluit_ingangsdatum`` (a GI has one besluit per ingangsdatum). A kind of its own rather than
    columns of certificaatbesluiten, because one besluit can have several stages, each with its own uitkomst, and a
    bezwaar is often recorded long after the besluit (a new row, not a wider row of the besluit).

    Written one row at a time through the services: bezwaren are few, and a row looks up its besluit."""

    in_bulk = False
    BESLUIT_KOLOMMEN = ("instelling", BESLUIT_INGANGSDATUM)

    def alle_kolommen(self):
        return [*self.BESLUIT_KOLOMMEN, *self.kolommen]

    def extra_kolom(self, kolom):
        return kolom in self.BESLUIT_KOLOMMEN

    def _kolomuitleg(self, kolom):
        if kolom == "instelling":
            return ("de instelling van het certificaatbesluit waartegen het bezwaar of beroep zich richt",
                    "verplicht; afkorting van de instelling, bijvoorbeeld JBN")
        if kolom == BESLUIT_INGANGSDATUM:
            return ("de ingangsdatum van dat certificaatbesluit (een GI heeft één besluit per ingangsdatum)",
                    "verplicht; datum JJJJ-MM-DD; importeer de certificaatbesluiten eerst")
        return super()._kolomuitleg(kolom)

    def _sleutel_mag_leeg(self, kolom):
        return kolom in self.BESLUIT_KOLOMMEN  # read by ``lees`` itself: they name the besluit, not a field

    def lees(self, cellen, naslag=None):
        rij = super().lees(cellen, naslag)
        instelling = ingangsdatum = None
        try:
            instelling = lees_instelling(cellen.get("instelling"), naslag)
        except Celfout as exc:
            rij.fout("instelling", str(exc))
        try:
            ingangsdatum = lees_datum(cellen.get(BESLUIT_INGANGSDATUM))
        except Celfout as exc:
            rij.fout(BESLUIT_INGANGSDATUM, str(exc))
        for kolom, waarde in (("instelling", instelling), (BESLUIT_INGANGSDATUM, ingangsdatum)):
            if waarde is None and kolom not in rij.fouten:
                rij.fout(kolom, "Deze kolom is verplicht: zij bepaalt welk certificaatbesluit de rij noemt. Vul haar in.")
        rij.extra["instelling"], rij.extra[BESLUIT_INGANGSDATUM] = instelling, ingangsdatum
        if instelling is not None and ingangsdatum is not None:
            besluit = (
                Certificaatbesluit.objects.filter(instelling=instelling, ingangsdatum=ingangsdatum, vervallen=False)
                .order_by("pk").first()
            )
            if besluit is None:
                rij.fout(BESLUIT_INGANGSDATUM, (
                    f"Er is geen certificaatbesluit van {instelling.afkorting} met ingangsdatum "
                    f"{datums.tekst(ingangsdatum)} in het register. Importeer eerst de certificaatbesluiten, of "
                    "verbeter de instelling of de ingangsdatum van het besluit."
                ))
            else:
                rij.velden["certificaatbesluit"] = besluit
        return rij

    def sleutelwaarden(self, rij):
        return {
            "instelling": rij.extra.get("instelling"), BESLUIT_INGANGSDATUM: rij.extra.get(BESLUIT_INGANGSDATUM),
            **{k: rij.velden.get(k) for k in self.sleutel if k not in self.BESLUIT_KOLOMMEN},
        }

    def bestaande(self, rij, naslag=None):
        besluit = rij.velden.get("certificaatbesluit")
        if besluit is None:
            return None
        return (
            self.model.objects.filter(
                vervallen=False, certificaatbesluit=besluit, soort=rij.velden.get("soort"),
                ingediend_op=rij.velden.get("ingediend_op"),
            )
            .order_by("pk").first()
        )

    def registreer(self, *, actor, reden, rij):
        return kmi.bezwaar_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return kmi.bezwaar_corrigeren(actor=actor, bezwaar=bestaand, reden=reden, **velden)

    def exportrij(self, obj):
        besluit = obj.certificaatbesluit
        return {"instelling": besluit.instelling.afkorting, BESLUIT_INGANGSDATUM: datums.tekst(besluit.ingangsdatum),
                **super().exportrij(obj)}

    def exportqueryset(self, qs):
        return qs.select_related("certificaatbesluit__instelling")


class Reacties(Soort):
    """The reacties (wederhoor) of the importer's organisation: one row per GI, year and signal code. The organisation
    is never read from a cell: it follows from the importer's role (register/domein.py ``organisatie_van``), as in the
    admin and the API, and it is part of the identity of a row (each organisation has its own reactie on a signal),
    so a file read in by the KMI names the KMI's reacties only.

    An export names the organisation of each reactie in a column ``organisatie``, so that it can be read back in: a
    row of another organisation's reactie is refused (an import never records a reactie in another organisation's
    name), an empty cell or the importer's own organisation is accepted.

    Written one row at a time through the services of wederhoor: they judge whether the signal exists for that GI
    and year as the importer's variant sees it (wederhoor/services.py ``signaal_controleren``), which the bulk path
    does not ask."""

    in_bulk = False

    def exportkolommen(self):
        kolommen = self.alle_kolommen()
        kolommen.insert(kolommen.index("signaalcode") + 1, ORGANISATIE)
        return kolommen

    def extra_kolom(self, kolom):
        return kolom == ORGANISATIE

    def lees(self, cellen, naslag=None):
        rij = super().lees(cellen, naslag)
        organisatie = domein.organisatie_van(naslag.actor, self.model) if naslag and naslag.actor else None
        rij.extra[ORGANISATIE] = organisatie
        try:
            genoemd = lees_keuze(self.model._meta.get_field(ORGANISATIE), cellen.get(ORGANISATIE))
        except Celfout as exc:
            rij.fout(ORGANISATIE, str(exc))
            return rij
        if genoemd and organisatie and genoemd != organisatie:
            rij.fout(ORGANISATIE, (
                f"Deze reactie is van {roles.ROL_NAMEN[genoemd]}; u legt reacties vast namens "
                f"{roles.ROL_NAMEN[organisatie]}, en een import legt nooit een reactie namens een andere organisatie "
                "vast. Haal de rij weg, of exporteer alleen de reacties van uw organisatie (filter de lijst op "
                "organisatie)."
            ))
        return rij

    def sleutel_van(self, rij):
        return (*super().sleutel_van(rij), rij.extra.get(ORGANISATIE))

    def recordsleutel(self, record):
        return (*super().recordsleutel(record), record.organisatie)

    def bestaande(self, rij, naslag=None):
        """The importer's own reactie on this signal of this GI in this year (the records of every organisation are
        read, each under its own key); None when the organisation is not known (the service then refuses)."""
        organisatie = rij.extra.get(ORGANISATIE)
        if organisatie is None:
            return None
        if naslag is not None:
            return super().bestaande(rij, naslag)
        return (
            self.model.objects.filter(vervallen=False, organisatie=organisatie, **self.sleutelwaarden(rij))
            .order_by("pk").first()
        )

    def registreer(self, *, actor, reden, rij):
        return wederhoor.reactie_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return wederhoor.reactie_corrigeren(actor=actor, reactie=bestaand, reden=reden, **velden)

    def exportrij(self, obj):
        return {**super().exportrij(obj), ORGANISATIE: obj.organisatie}


class Toezichtbesluiten(Soort):
    def registreer(self, *, actor, reden, rij):
        return inspecties.toezichtbesluit_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return inspecties.toezichtbesluit_corrigeren(actor=actor, besluit=bestaand, reden=reden, **velden)


class Handhavingsmaatregelen(Soort):
    def registreer(self, *, actor, reden, rij):
        return inspecties.handhavingsmaatregel_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return inspecties.handhavingsmaatregel_corrigeren(actor=actor, maatregel=bestaand, reden=reden, **velden)


class Inspectieonderzoeken(Soort):
    """One row per onderzoek and GI: ``instelling`` names the GI whose oordelen and zienswijze the row carries,
    ``instellingen`` (optional) every GI of the report, comma-separated (an overarching report: one row per GI, each
    with the same rapportdatum, titel and instellingen). Without that column a row is a report on its one GI, as in
    the layout before reports on several GI's. The oordelen of the row's GI in a column per theme: ``oordeel_<code>``
    (the waarde), ``toelichting_<code>`` and ``oorzaken_<code>`` (empty: onbekend). An empty oordeel cell records
    no oordeel on that theme; a column left out leaves what is recorded as it is."""

    GI_KOLOMMEN = ("instelling", INSTELLINGEN, ZIENSWIJZE, ZIENSWIJZE_BRON)

    @staticmethod
    def themas(alleen_actief: bool) -> list[Thema]:
        qs = Thema.objects.order_by("volgorde", "naam")
        return list(qs.filter(actief=True) if alleen_actief else qs)

    def alle_kolommen(self, alleen_actief: bool = True):
        kolommen = ["instelling", INSTELLINGEN, *self.kolommen, ZIENSWIJZE, ZIENSWIJZE_BRON]
        for thema in self.themas(alleen_actief):
            kolommen += [OORDEEL + thema.code, TOELICHTING + thema.code, OORZAKEN + thema.code]
        return kolommen

    def extra_kolom(self, kolom):
        return kolom in self.GI_KOLOMMEN or kolom.startswith((OORDEEL, TOELICHTING, OORZAKEN))

    def _kolomuitleg(self, kolom):
        if kolom == "instelling":
            return ("de instelling waarvan de rij de oordelen en de zienswijze bevat",
                    "verplicht; afkorting van de instelling, bijvoorbeeld JBN")
        if kolom == INSTELLINGEN:
            return ("alle instellingen waarover het rapport gaat (een overkoepelend rapport: één rij per instelling, "
                    "elk met dezelfde rapportdatum, titel en instellingen)",
                    "afkortingen gescheiden door komma's, bijvoorbeeld JBN, WSS; leeg: alleen de instelling van de rij")
        if kolom in (ZIENSWIJZE, ZIENSWIJZE_BRON):
            veld = OnderzochteInstelling._meta.get_field(kolom)
            return f"{veld.verbose_name}: {veld.help_text}", f"tekst, hoogstens {veld.max_length} tekens"
        if kolom.startswith(OORDEEL):
            thema = Thema.objects.get(code=kolom.removeprefix(OORDEEL))
            waarden = ", ".join(Oordeel.Waarde.values)
            return f"oordeel over het thema '{thema.naam}'", f"een van: {waarden}; leeg: geen oordeel over dit thema"
        if kolom.startswith(TOELICHTING):
            thema = Thema.objects.get(code=kolom.removeprefix(TOELICHTING))
            return f"toelichting bij het oordeel over '{thema.naam}'", "tekst (alleen met een oordeel)"
        if kolom.startswith(OORZAKEN):
            thema = Thema.objects.get(code=kolom.removeprefix(OORZAKEN))
            waarden = ", ".join(Oorzaken.values)
            return (f"oorzaken bij het oordeel over '{thema.naam}'",
                    f"een van: {waarden}; leeg: onbekend (alleen met een oordeel)")
        return super()._kolomuitleg(kolom)

    def _sleutel_mag_leeg(self, kolom):
        return kolom == "instelling"  # read by ``lees`` itself: it is not a field of the report

    def sleutelwaarden(self, rij):
        return {"instelling": rij.extra.get("instelling"), **{k: rij.velden.get(k) for k in self.sleutel if k != "instelling"}}

    def lees(self, cellen, naslag=None):
        rij = super().lees(cellen, naslag)
        try:
            instelling = lees_instelling(cellen.get("instelling"), naslag)
        except Celfout as exc:
            rij.fout("instelling", str(exc))
            instelling = None
        if instelling is None and "instelling" not in rij.fouten:
            rij.fout("instelling", "Deze kolom is verplicht: zij bepaalt welke registratie de rij is. Vul haar in.")
        rij.extra["instelling"] = instelling
        instellingen = [instelling] if instelling is not None else []
        for afkorting in (a.strip() for a in tekst(cellen.get(INSTELLINGEN)).split(",")):
            if not afkorting:
                continue
            try:
                andere = lees_instelling(afkorting, naslag)
            except Celfout as exc:
                rij.fout(INSTELLINGEN, str(exc))
                continue
            if andere not in instellingen:
                instellingen.append(andere)
        if instelling is not None and tekst(cellen.get(INSTELLINGEN)) and instelling.afkorting not in {
            a.strip().upper() for a in tekst(cellen.get(INSTELLINGEN)).split(",")
        }:
            rij.fout(INSTELLINGEN, f"De instelling van de rij ({instelling.afkorting}) staat niet in de kolom "
                     f"{INSTELLINGEN}; voeg haar toe, of maak de kolom leeg.")
        rij.extra["instellingen"] = instellingen
        rij.extra["zienswijze"] = {k: tekst(cellen[k]) for k in (ZIENSWIJZE, ZIENSWIJZE_BRON) if k in cellen}

        alle = naslag.themas(alleen_actief=False) if naslag is not None else self.themas(alleen_actief=False)
        themas = {t.code: t for t in alle}
        waardeveld = Oordeel._meta.get_field("waarde")
        oorzakenveld = Oordeel._meta.get_field("oorzaken")
        oordelen = []
        for kolom in cellen:
            if not kolom.startswith(OORDEEL):
                continue
            code = kolom.removeprefix(OORDEEL)
            toelichting = tekst(cellen.get(TOELICHTING + code))
            oorzaken = tekst(cellen.get(OORZAKEN + code))
            if code not in themas:
                rij.fout(kolom, f"Er is geen thema met code '{code}'. Gebruik de kolommen van het sjabloon.")
                continue
            try:
                waarde = lees_keuze(waardeveld, cellen[kolom])
            except Celfout as exc:
                rij.fout(kolom, str(exc))
                continue
            try:
                oorzaken = lees_keuze(oorzakenveld, oorzaken) or Oorzaken.ONBEKEND
            except Celfout as exc:
                rij.fout(OORZAKEN + code, str(exc))
                continue
            if not waarde:
                if toelichting:
                    rij.fout(TOELICHTING + code, f"Er staat een toelichting maar geen oordeel over '{themas[code].naam}'. "
                             f"Vul kolom {kolom} in, of maak de toelichting leeg.")
                elif tekst(cellen.get(OORZAKEN + code)):
                    rij.fout(OORZAKEN + code, f"Er staan oorzaken maar geen oordeel over '{themas[code].naam}'. "
                             f"Vul kolom {kolom} in, of maak de oorzaken leeg.")
                continue
            oordeel = {"instelling": instelling, "thema": themas[code], "waarde": waarde, "toelichting": toelichting}
            if OORZAKEN + code in cellen:
                oordeel["oorzaken"] = oorzaken
            oordelen.append(oordeel)
        for kolom in cellen:
            for voorvoegsel in (TOELICHTING, OORZAKEN):
                if kolom.startswith(voorvoegsel) and OORDEEL + kolom.removeprefix(voorvoegsel) not in cellen:
                    rij.fout(kolom, f"Bij deze kolom hoort een kolom {OORDEEL}{kolom.removeprefix(voorvoegsel)}; voeg die toe.")
        rij.extra["oordelen"] = oordelen
        return rij

    def bestaande(self, rij, naslag=None):
        """The report the row names: not void, with this rapportdatum and titel, concerning the row's GI. With a
        ``naslag``, the reports of each GI are read once per file (with their oordelen and GI's), not once per row."""
        instelling = rij.extra.get("instelling")
        if naslag is not None and instelling is not None:
            return self._van_gi(naslag, instelling).get((rij.velden.get("rapportdatum"), rij.velden.get("titel")))
        return (
            self.model.objects.filter(
                vervallen=False, onderzochte_instellingen__instelling=instelling,
                rapportdatum=rij.velden.get("rapportdatum"), titel=rij.velden.get("titel"),
            )
            .order_by("pk")
            .first()
        )

    def _van_gi(self, naslag, instelling) -> dict:
        """The reports of one GI that are not void, by (rapportdatum, titel), the oldest first: read once per naslag."""
        sleutel = (self.naam, "per_gi", instelling.pk)
        if sleutel not in naslag._records:
            qs = self.naslagqueryset(self.model.objects.filter(vervallen=False, onderzochte_instellingen__instelling=instelling))
            per_sleutel: dict = {}
            for onderzoek in qs.prefetch_related("onderzochte_instellingen").distinct().order_by("pk"):
                per_sleutel.setdefault((onderzoek.rapportdatum, onderzoek.titel), onderzoek)
            naslag._records[sleutel] = per_sleutel
        return naslag._records[sleutel]

    @staticmethod
    def _huidig(bestaand, instelling) -> dict:
        return {
            o.thema_id: (o.waarde, o.toelichting, o.oorzaken)
            for o in bestaand.oordelen.all()
            if o.instelling_id == getattr(instelling, "pk", None)
        }

    def naslagqueryset(self, qs):
        return qs.prefetch_related("oordelen")

    def voorbereid(self, *, actor, reden, rij):
        """A report on the row's one GI in bulk; a row of a report on several GI's (the rows of one report depend on
        each other) through the service, one at a time."""
        instelling = rij.extra["instelling"]
        if list(rij.extra["instellingen"]) != [instelling]:
            return None
        onderzoek, koppeling, oordelen = inspecties.inspectieonderzoek_voorbereiden(
            actor=actor, reden=reden, instelling=instelling, zienswijze=rij.extra["zienswijze"],
            oordelen=rij.extra["oordelen"], **rij.velden
        )
        return Nieuw(onderzoek, [koppeling, *oordelen])

    @staticmethod
    def _zelfde_oordeel(huidig, oordeel) -> bool:
        return (
            huidig is not None and huidig[0] == oordeel["waarde"] and zelfde(huidig[1], oordeel["toelichting"])
            and huidig[2] == oordeel.get("oorzaken", huidig[2])
        )

    def _gi_gegevens(self, bestaand, rij) -> list[dict] | None:
        """The GI's to add to ``bestaand`` (or whose zienswijze changes); None when nothing changes."""
        koppelingen = {k.instelling_id: k for k in bestaand.onderzochte_instellingen.all()} if bestaand else {}
        eigen = rij.extra["instelling"]
        result, gewijzigd = [], False
        for gi in rij.extra["instellingen"]:
            gegevens = {"instelling": gi}
            if gi == eigen:
                gegevens.update(rij.extra["zienswijze"])
            huidig = koppelingen.get(gi.pk)
            if huidig is None or any(not zelfde(getattr(huidig, k), v) for k, v in gegevens.items() if k != "instelling"):
                gewijzigd = True
            result.append(gegevens)
        return result if gewijzigd else None

    def extra_gewijzigd(self, bestaand, rij):
        huidig = self._huidig(bestaand, rij.extra["instelling"])
        return self._gi_gegevens(bestaand, rij) is not None or any(
            not self._zelfde_oordeel(huidig.get(o["thema"].pk), o) for o in rij.extra["oordelen"]
        )

    def registreer(self, *, actor, reden, rij):
        if len(rij.extra["instellingen"]) > 1:
            # a later row of a report on several GI's: an earlier row of this file may have registered the report
            eerder = self.bestaande(rij)
            if eerder is not None:
                return self.corrigeer(eerder, actor=actor, reden=reden, velden={}, rij=rij)
        instellingen = self._gi_gegevens(None, rij) or []
        return inspecties.inspectieonderzoek_registreren(
            actor=actor, reden=reden, instellingen=instellingen, oordelen=rij.extra["oordelen"], **rij.velden
        )

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        huidig = self._huidig(bestaand, rij.extra["instelling"])
        oordelen = [o for o in rij.extra["oordelen"] if not self._zelfde_oordeel(huidig.get(o["thema"].pk), o)]
        with transaction.atomic():
            gi_s = self._gi_gegevens(bestaand, rij)
            if gi_s is not None:
                inspecties.onderzochte_instellingen_vastleggen(
                    actor=actor, onderzoek=bestaand, instellingen=gi_s, reden=reden, alleen_toevoegen=True
                )
            return inspecties.inspectieonderzoek_corrigeren(
                actor=actor, onderzoek=bestaand, reden=reden, oordelen=oordelen, **velden
            )

    def exportrijen(self, obj) -> list[dict]:
        """One row per GI of the report, each with that GI's oordelen and zienswijze."""
        basis = super().exportrij(obj)
        koppelingen = list(obj.onderzochte_instellingen.all())
        alle = ", ".join(k.instelling.afkorting for k in koppelingen)
        rijen = []
        for k in koppelingen:
            rij = {**basis, "instelling": k.instelling.afkorting, INSTELLINGEN: alle,
                   ZIENSWIJZE: k.zienswijze, ZIENSWIJZE_BRON: k.zienswijze_bron}
            for oordeel in obj.oordelen.all():
                if oordeel.instelling_id == k.instelling_id:
                    rij[OORDEEL + oordeel.thema.code] = oordeel.waarde
                    rij[TOELICHTING + oordeel.thema.code] = oordeel.toelichting
                    rij[OORZAKEN + oordeel.thema.code] = oordeel.oorzaken
            rijen.append(rij)
        return rijen

    def exportqueryset(self, qs):
        return super().exportqueryset(qs).prefetch_related("oordelen__thema", "onderzochte_instellingen__instelling")


class Monitormetingen(Soort):
    """The first meting of each peildatum. A revision (``herziet``) is entered in the admin or the API; it is not part
    of this layout, so a row always names the first meting of its peildatum and never a revision."""

    def _sleutel_mag_leeg(self, kolom):
        return kolom == "instelling"  # empty: the national figure

    def exportqueryset(self, qs):
        return super().exportqueryset(qs.filter(herziet__isnull=True))

    def registreer(self, *, actor, reden, rij):
        return register_services.monitormeting_registreren(actor=actor, reden=reden, **rij.velden)

    def corrigeer(self, bestaand, *, actor, reden, velden, rij):
        return register_services.monitormeting_corrigeren(actor=actor, meting=bestaand, reden=reden, **velden)


SOORTEN: dict[str, Soort] = {
    s.naam: s
    for s in (
        Instellingen(
            "instellingen", Instelling,
            ("afkorting", "naam", "soort", "werkgebied", "kvk_nummer", "actief_vanaf", "actief_tot",
             "certificering_vanaf", "toezicht_vanaf", "nog_niets_vastgelegd", "opvolger", *FEIT),
            ("afkorting",),
        ),
        Audits(
            "audits", Audit,
            ("instelling", "soort", "startdatum", "einddatum", "normenkader_versie", "aantal_kritische_afwijkingen",
             "aantal_afwijkingen", "hersteltermijn", "samenvatting", "rapportkenmerk", *FEIT),
            ("instelling", "soort", "startdatum"),
        ),
        Certificaatbesluiten(
            "certificaatbesluiten", Certificaatbesluit,
            # reikwijdte: a file of the earlier layout, without the column, still imports (a new besluit then gets
            # 'onbekend', an existing one keeps its reikwijdte)
            ("instelling", "status", "reikwijdte", "besluitdatum", "ingangsdatum", "geldig_tot", "geldig_tot_onbekend",
             "motivering_openbaar", "motivering_vertrouwelijk", "afweging", "kenmerk", *FEIT),
            ("instelling", "ingangsdatum"),
        ),
        Bezwaren(
            "bezwaren", Bezwaar,
            ("soort", "ingediend_op", "uitkomst", "datum_uitkomst", *FEIT),
            ("instelling", BESLUIT_INGANGSDATUM, "soort", "ingediend_op"),
        ),
        Toezichtbesluiten(
            "toezichtbesluiten", Toezichtbesluit,
            ("instelling", "niveau", "door", "besluitdatum", "ingangsdatum", "voorziene_einddatum", "aanleiding", *FEIT),
            ("instelling", "ingangsdatum"),
        ),
        Handhavingsmaatregelen(
            "handhavingsmaatregelen", Handhavingsmaatregel,
            ("instelling", "soort", "door", "datum", "termijn", "zakelijke_weergave", *FEIT),
            ("instelling", "datum", "soort"),
        ),
        Inspectieonderzoeken(
            "inspectieonderzoeken", Inspectieonderzoek,
            ("soort", "door", "bezoek_van", "bezoek_tot", "rapportdatum", "titel", "url", "samenvatting",
             "oorzaken", "vertrouwen_verbeterkracht", *FEIT),
            ("instelling", "rapportdatum", "titel"),
        ),
        Monitormetingen(
            "monitormetingen", Monitormeting,
            ("peildatum", "instelling", "aantal_kinderen_met_maatregel", "workload_per_fte", "wachtlijst_start",
             "wachtlijst_intern", "wachtlijst_totaal", "gemiddelde_wachttijd_dagen", "fte", "verloop_pct",
             "verzuim_pct", *FEIT),
            ("instelling", "peildatum"),
        ),
        Reacties(
            "reacties", Reactie,
            ("instelling", "jaar", "signaalcode", "tekst", "bron"),
            ("instelling", "jaar", "signaalcode"),
        ),
    )
}
PER_MODEL = {s.model: s for s in SOORTEN.values()}


def validatiefouten(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as messages per field (None: the record as a whole)."""
    if not hasattr(exc, "error_dict"):
        return {None: exc.messages}
    fouten = {veld if veld != "__all__" else None: ValidationError(f).messages for veld, f in exc.error_dict.items()}
    # A database constraint repeats, without the fix, the message that the model's clean() gives on the field.
    per_veld = [m for veld, meldingen in fouten.items() if veld for m in meldingen]
    algemeen = [m for m in fouten.pop(None, []) if not any(v.startswith(m.rstrip(".")) for v in per_veld)]
    return {**({None: algemeen} if algemeen else {}), **fouten}
