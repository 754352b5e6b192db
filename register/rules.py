"""Pure rules for derived state (DESIGN.md §3): plain data in, plain data out, no database.

Decisions are events; the state on a day is derived from them:
- certificaatstatus op D = ``onbekend`` if D is before the GI's gegevens vanaf; otherwise the status of the
  certificaatbesluit with the latest ingangsdatum <= D; ``verlopen`` if its geldig tot < D; ``geen`` if
  there is none.
- toezichtniveau op D = ``onbekend`` if D is before the GI's gegevens vanaf; otherwise the niveau of the
  toezichtbesluit with the latest ingangsdatum <= D; ``regulier`` if there is none; a heightened level past
  its voorziene einddatum stays in force and is reported as ``termijn verstreken``.
"Gegevens vanaf" is the first day from which the register's record of a GI is complete; empty (None) means
complete since the GI became active, so nothing is ``onbekend``.
All dates are inclusive calendar dates.

Every rule is total: it accepts any date a DateField can hold (dt.date.min up to dt.date.max), also
dates entered before the register validated date ranges. Date arithmetic therefore goes through
``add_years``, ``anniversary``, ``last_day_of_years`` and ``dag_na``, which stay within the calendar instead
of overflowing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from register.teksten import REIKWIJDTE_ONBEKEND_REDEN, TOEZICHT_LABEL, VOOR_GEGEVENS_VANAF_REDEN, waarde_tekst

# Derived certificate states beyond the stored statuses.
VERLOPEN = "verlopen"
GEEN = "geen"
REGULIER = "regulier"
# Before the GI's gegevens vanaf nothing is known: neither its certificate nor its toezicht.
ONBEKEND = "onbekend"
VERHOOGDE_NIVEAUS = frozenset({"geintensiveerd", "verscherpt"})


def add_years(datum: dt.date, jaren: int) -> dt.date:
    """The same calendar date ``jaren`` years later; 29 February becomes 28 February. For the sane-date range
    (register/datums.py); the validity of a certificate ("N years") is ``last_day_of_years``.

    Beyond the calendar (after year 9999 or before year 1) the result is its last or first day."""
    jaar = datum.year + jaren
    if jaar > dt.MAXYEAR:
        return dt.date.max
    if jaar < dt.MINYEAR:
        return dt.date.min
    try:
        return datum.replace(year=jaar)
    except ValueError:  # 29 February in a non-leap target year
        return datum.replace(year=jaar, day=28)


def anniversary(datum: dt.date, jaren: int) -> dt.date:
    """The ``jaren``-year anniversary of ``datum`` (DESIGN.md §3): the same calendar date ``jaren`` years later,
    where the anniversary of 29 February is 1 March in a year without one.

    Beyond the calendar (after year 9999 or before year 1) the result is its last or first day."""
    jaar = datum.year + jaren
    if jaar > dt.MAXYEAR:
        return dt.date.max
    if jaar < dt.MINYEAR:
        return dt.date.min
    try:
        return datum.replace(year=jaar)
    except ValueError:  # 29 February in a non-leap target year
        return dt.date(jaar, 3, 1)


def last_day_of_years(datum: dt.date, jaren: int) -> dt.date:
    """The last day (inclusive) of a period of ``jaren`` years that starts on ``datum``: "N years" runs up to and
    including the day before the N-year anniversary (DESIGN.md §3). 16-09-2025 + 3 years -> 15-09-2028;
    29-02-2024 + 3 years -> 28-02-2027 (the anniversary is 1 March 2027).

    A period whose anniversary lies beyond the calendar runs to its last day, 9999-12-31."""
    if datum.year + jaren > dt.MAXYEAR:
        return dt.date.max
    verjaardag = anniversary(datum, jaren)
    return verjaardag if verjaardag == dt.date.min else verjaardag - dt.timedelta(days=1)


def dag_na(datum: dt.date) -> dt.date | None:
    """The day after ``datum``; None after the last day of the calendar (nothing follows it)."""
    return None if datum == dt.date.max else datum + dt.timedelta(days=1)


# How well a fact's main date is known (register.models.Feit.datumkwaliteit); a fact that does not say is exact.
EXACT = "exact"


def kwaliteit_van(feit) -> str:
    """The datumkwaliteit of a record (a model instance, a historical version or a plain row); exact when it has
    none."""
    return getattr(feit, "datumkwaliteit", "") or EXACT


# The herkomst of the public afweging (DESIGN.md §3, Afweging): recorded by the KMI, or a summary of what the KMI
# said in public, taken from an openbare bron.
HERKOMST_KMI = "kmi"
HERKOMST_OPENBARE_BRON = "openbare_bron"


@dataclass(frozen=True)
class CertificaatFeit:
    """What the status rule needs of one certificaatbesluit; the signal of a missing afweging (signalen/regels.py)
    also needs its besluitdatum, its public afweging ("" when none is recorded) with its herkomst and bron, and
    whether the KMI recorded an afweging vertrouwelijk (only that it did: the text is confidential)."""

    id: int
    status: str
    ingangsdatum: dt.date
    geldig_tot: dt.date | None
    besluitdatum: dt.date | None = None
    afweging: str = ""
    # The source gives no end date: the certificate holds until a later besluit and never expires by itself.
    geldig_tot_onbekend: bool = False
    afweging_herkomst: str = HERKOMST_KMI
    afweging_bron: str = ""
    afweging_vertrouwelijk: bool = False
    # The tasks the certificate covers (register/teksten.py REIKWIJDTE); 'onbekend' when the source does not say.
    reikwijdte: str = ONBEKEND
    # How well its besluitdatum and ingangsdatum are known (register.models.Feit.datumkwaliteit): exact, maand or
    # geschat. Texts show those dates as it allows; geldig tot is not covered by it.
    datumkwaliteit: str = EXACT

    @classmethod
    def van(cls, besluit) -> CertificaatFeit:
        """From a certificaatbesluit: a model instance, a historical version or a plain row."""
        return cls(
            besluit.id, besluit.status, besluit.ingangsdatum, besluit.geldig_tot,
            getattr(besluit, "besluitdatum", None), getattr(besluit, "afweging", "") or "",
            bool(getattr(besluit, "geldig_tot_onbekend", False)),
            getattr(besluit, "afweging_herkomst", "") or HERKOMST_KMI, getattr(besluit, "afweging_bron", "") or "",
            bool((getattr(besluit, "afweging_vertrouwelijk", "") or "").strip()),
            getattr(besluit, "reikwijdte", "") or ONBEKEND, kwaliteit_van(besluit),
        )

    @property
    def heeft_afweging(self) -> bool:
        """Is an afweging of the KMI recorded, public or vertrouwelijk (whitespace alone is none)? Only such an
        afweging satisfies the requirement; a summary from an openbare bron does not."""
        return self.afweging_vertrouwelijk or (self.afweging_herkomst == HERKOMST_KMI and bool(self.afweging.strip()))

    @property
    def afweging_uit_openbare_bron(self) -> str:
        """The public afweging when it is a summary from an openbare bron ("" otherwise)."""
        return self.afweging.strip() if self.afweging_herkomst == HERKOMST_OPENBARE_BRON else ""


@dataclass(frozen=True)
class ToezichtFeit:
    """What the level rule needs of one toezichtbesluit; ``datumkwaliteit``: how well its ingangsdatum is known (not
    its voorziene einddatum)."""

    id: int
    niveau: str
    ingangsdatum: dt.date
    voorziene_einddatum: dt.date | None
    datumkwaliteit: str = EXACT

    @classmethod
    def van(cls, besluit) -> ToezichtFeit:
        """From a toezichtbesluit: a model instance, a historical version or a plain row."""
        return cls(besluit.id, besluit.niveau, besluit.ingangsdatum, besluit.voorziene_einddatum, kwaliteit_van(besluit))


@dataclass(frozen=True)
class CertificaatStatus:
    status: str  # volledig | voorlopig | overbrugging | geschorst | ingetrokken | verlopen | geen | onbekend
    besluit_id: int | None = None
    geldig_tot: dt.date | None = None
    geldig_tot_onbekend: bool = False
    # The reikwijdte of the besluit that gives the status (None when no besluit gives it: geen, onbekend).
    reikwijdte: str | None = None


@dataclass(frozen=True)
class ToezichtStatus:
    niveau: str  # regulier | geintensiveerd | verscherpt | onbekend
    besluit_id: int | None = None
    termijn_verstreken: bool = False
    voorziene_einddatum: dt.date | None = None


def _latest_on(feiten: Sequence, datum: dt.date):
    """The fact with the latest ingangsdatum <= datum, from facts sorted by ingangsdatum."""
    keys = [f.ingangsdatum for f in feiten]
    index = bisect.bisect_right(keys, datum)
    return feiten[index - 1] if index else None


def _sorted(feiten: Iterable) -> list:
    return sorted(feiten, key=lambda f: f.ingangsdatum)


# "Nog niets vastgelegd" (DESIGN.md §3): a GI registered before anything about it is recorded. Its gegevens vanaf of
# either side is then a day after every day, so every status of it is 'onbekend'.
NOG_NIETS_VASTGELEGD = dt.date.max


def gegevens_vanaf(instelling, kant: str) -> dt.date | None:
    """The gegevens vanaf of one side (``certificering`` or ``toezicht``) of a GI (a model instance or a plain row):
    None when complete since actief vanaf, NOG_NIETS_VASTGELEGD when nothing about it is recorded yet."""
    if getattr(instelling, "nog_niets_vastgelegd", False):
        return NOG_NIETS_VASTGELEGD
    return getattr(instelling, f"{kant}_vanaf", None)


def is_bekend(datum: dt.date, gegevens_vanaf: dt.date | None) -> bool:
    """Does the register know the state of a side on ``datum``: on or after that side's gegevens vanaf (always,
    without one; never when nothing is recorded yet, not even on the last day a date can have)?"""
    return gegevens_vanaf is None or (gegevens_vanaf != NOG_NIETS_VASTGELEGD and gegevens_vanaf <= datum)


def certificaatstatus(
    besluiten: Iterable[CertificaatFeit], datum: dt.date, gegevens_vanaf: dt.date | None = None
) -> CertificaatStatus:
    if not is_bekend(datum, gegevens_vanaf):
        return CertificaatStatus(ONBEKEND)
    besluit = _latest_on(_sorted(besluiten), datum)
    if besluit is None:
        return CertificaatStatus(GEEN)
    # A geldig tot that is onbekend (no date) never expires: the certificate holds until a later besluit.
    if besluit.geldig_tot is not None and besluit.geldig_tot < datum:
        return CertificaatStatus(VERLOPEN, besluit.id, besluit.geldig_tot, reikwijdte=besluit.reikwijdte)
    return CertificaatStatus(besluit.status, besluit.id, besluit.geldig_tot, besluit.geldig_tot_onbekend, besluit.reikwijdte)


# The reikwijdte of a certificaatbesluit (DESIGN.md §3): one task, both, or onbekend.
BEIDE = "beide"
TAKEN = ("jeugdbescherming", "jeugdreclassering")


@dataclass(frozen=True)
class TaakStatus:
    """The certificate status of one task (jeugdbescherming or jeugdreclassering) on a date. ``reden``: why it is
    'onbekend' (before the gegevens vanaf, or the reikwijdte of the besluit that holds is not known)."""

    taak: str
    status: str
    besluit_id: int | None = None
    geldig_tot: dt.date | None = None
    geldig_tot_onbekend: bool = False
    reden: str = ""


def dekt(reikwijdte: str, taak: str) -> bool | None:
    """Does a besluit of ``reikwijdte`` cover ``taak``? None when its reikwijdte is not known."""
    if reikwijdte == BEIDE:
        return True
    if reikwijdte in TAKEN:
        return reikwijdte == taak
    return None


def certificaatstatus_per_taak(
    besluiten: Iterable[CertificaatFeit], datum: dt.date, gegevens_vanaf: dt.date | None = None
) -> dict[str, TaakStatus]:
    """The certificate status per task on ``datum``, by the same rule as ``certificaatstatus``: the besluit with the
    latest ingangsdatum <= datum gives the certificate as a whole; for a task within its reikwijdte the status is
    that besluit's (``verlopen`` after its geldig tot), for a task outside it ``geen`` (the certificate no longer
    covers it), and when its reikwijdte is ``onbekend`` the task's status is ``onbekend`` with that reason, never a
    guess. ``geen`` without any besluit; ``onbekend`` before the gegevens vanaf."""
    geheel = certificaatstatus(besluiten, datum, gegevens_vanaf)
    if geheel.status == ONBEKEND:
        return {taak: TaakStatus(taak, ONBEKEND, reden=VOOR_GEGEVENS_VANAF_REDEN) for taak in TAKEN}
    if geheel.status == GEEN:
        return {taak: TaakStatus(taak, GEEN) for taak in TAKEN}
    result = {}
    for taak in TAKEN:
        gedekt = dekt(geheel.reikwijdte or ONBEKEND, taak)
        if gedekt is None:
            result[taak] = TaakStatus(taak, ONBEKEND, geheel.besluit_id, reden=REIKWIJDTE_ONBEKEND_REDEN)
        elif gedekt:
            result[taak] = TaakStatus(taak, geheel.status, geheel.besluit_id, geheel.geldig_tot, geheel.geldig_tot_onbekend)
        else:
            result[taak] = TaakStatus(taak, GEEN, geheel.besluit_id)
    return result


def toezichtniveau(
    besluiten: Iterable[ToezichtFeit], datum: dt.date, gegevens_vanaf: dt.date | None = None
) -> ToezichtStatus:
    if not is_bekend(datum, gegevens_vanaf):
        return ToezichtStatus(ONBEKEND)
    besluit = _latest_on(_sorted(besluiten), datum)
    if besluit is None:
        return ToezichtStatus(REGULIER)
    verstreken = (
        besluit.niveau in VERHOOGDE_NIVEAUS
        and besluit.voorziene_einddatum is not None
        and besluit.voorziene_einddatum < datum
    )
    return ToezichtStatus(besluit.niveau, besluit.id, verstreken, besluit.voorziene_einddatum)


@dataclass(frozen=True)
class Interval:
    """A run of days [van, tot] (inclusive) with one value."""

    van: dt.date
    tot: dt.date
    waarde: str
    besluit_id: int | None = None
    termijn_verstreken: bool = False


def _change_days(
    besluiten: Sequence, van: dt.date, tot: dt.date, end_attr: str, gegevens_vanaf: dt.date | None = None
) -> list[dt.date]:
    """Days in [van, tot] on which the derived state may change."""
    days = {van}
    if gegevens_vanaf is not None and van <= gegevens_vanaf <= tot:
        days.add(gegevens_vanaf)
    for b in besluiten:
        if van <= b.ingangsdatum <= tot:
            days.add(b.ingangsdatum)
        end = getattr(b, end_attr)
        na = dag_na(end) if end is not None else None
        if na is not None and van <= na <= tot:
            days.add(na)
    return sorted(days)


def _intervals(besluiten, van, tot, end_attr, state_on, gegevens_vanaf=None) -> list[Interval]:
    if tot < van:
        return []
    ordered = _sorted(besluiten)
    days = _change_days(ordered, van, tot, end_attr, gegevens_vanaf)
    result: list[Interval] = []
    for i, start in enumerate(days):
        end = days[i + 1] - dt.timedelta(days=1) if i + 1 < len(days) else tot
        waarde, besluit_id, verstreken = state_on(ordered, start)
        if result and (result[-1].waarde, result[-1].besluit_id, result[-1].termijn_verstreken) == (
            waarde,
            besluit_id,
            verstreken,
        ):
            result[-1] = Interval(result[-1].van, end, waarde, besluit_id, verstreken)
        else:
            result.append(Interval(start, end, waarde, besluit_id, verstreken))
    return result


def certificaat_intervallen(
    besluiten: Iterable[CertificaatFeit], van: dt.date, tot: dt.date, gegevens_vanaf: dt.date | None = None
) -> list[Interval]:
    """The certificate status over [van, tot] as consecutive intervals (``onbekend`` before ``gegevens_vanaf``)."""

    def state(ordered, day):
        s = certificaatstatus(ordered, day, gegevens_vanaf)
        return s.status, s.besluit_id, False

    return _intervals(list(besluiten), van, tot, "geldig_tot", state, gegevens_vanaf)


def toezicht_intervallen(
    besluiten: Iterable[ToezichtFeit], van: dt.date, tot: dt.date, gegevens_vanaf: dt.date | None = None
) -> list[Interval]:
    """The toezicht level over [van, tot] as consecutive intervals (``onbekend`` before ``gegevens_vanaf``)."""

    def state(ordered, day):
        s = toezichtniveau(ordered, day, gegevens_vanaf)
        return s.niveau, s.besluit_id, s.termijn_verstreken

    return _intervals(list(besluiten), van, tot, "voorziene_einddatum", state, gegevens_vanaf)


# -- Aanleiding: when a certificaatbesluit needs an afweging (DESIGN.md §3, Afweging) ----------------------

# "Kritisch oordeel" (DESIGN.md §4): one of these two values on the four-point scale.
KRITISCHE_WAARDEN = frozenset({"grotendeels_onvoldoende", "onvoldoende"})
# A report with a kritisch oordeel is aanleiding when published in the 365 days up to (and on) the besluitdatum.
AANLEIDING_VENSTER = dt.timedelta(days=365)
# The statuses of a certificaatbesluit that need an afweging when taken under aanleiding.
STATUSSEN_MET_AFWEGING = frozenset({"volledig", "overbrugging"})


@dataclass(frozen=True)
class AuditFeit:
    """What the aanleiding rule needs of one audit. ``aantal_kritische_afwijkingen`` None: not recorded
    (``onbekend``, never 0). ``uitkomst_zichtbaar`` False: the reader may not see the uitkomst (the openbaar
    variant, DESIGN.md §4), so the count is not part of the facts at all."""

    id: int
    soort: str
    startdatum: dt.date
    einddatum: dt.date
    aantal_kritische_afwijkingen: int | None
    uitkomst_zichtbaar: bool = True
    # How well its startdatum and einddatum are known.
    datumkwaliteit: str = EXACT

    @classmethod
    def van(cls, audit, *, uitkomst_zichtbaar: bool = True) -> AuditFeit:
        """From an audit: a model instance, a historical version or a plain row; without its uitkomst when the
        reader may not see it."""
        aantal = audit.aantal_kritische_afwijkingen if uitkomst_zichtbaar else None
        return cls(audit.id, audit.soort, audit.startdatum, audit.einddatum, aantal, uitkomst_zichtbaar, kwaliteit_van(audit))


@dataclass(frozen=True)
class OordeelFeit:
    """One oordeel of a report: the theme (code and name) and the value on the four-point scale."""

    thema: str
    thema_naam: str
    waarde: str


@dataclass(frozen=True)
class RapportFeit:
    """What the rules need of one inspection report: its publication date (and how well it is known), title and
    oordelen."""

    id: int
    rapportdatum: dt.date
    titel: str
    oordelen: tuple[OordeelFeit, ...] = ()
    datumkwaliteit: str = EXACT


# What is known of the aanleiding of a certificaatbesluit (DESIGN.md §3): three values, never two.
AANLEIDING_JA = "ja"
AANLEIDING_NEE = "nee"
AANLEIDING_ONBEKEND = ONBEKEND  # the latest audit's counts were not recorded and nothing else is aanleiding
# The reader may not see the audit uitkomst (openbaar variant) and nothing public is aanleiding: whether the
# uitkomst was aanleiding is not for this reader to know, and the answer is the same whether counts exist or not.
AANLEIDING_NIET_OPENBAAR = "niet_openbaar"
AANLEIDING_STATUSSEN = (AANLEIDING_JA, AANLEIDING_NEE, AANLEIDING_ONBEKEND, AANLEIDING_NIET_OPENBAAR)


@dataclass(frozen=True)
class Aanleiding:
    """Why a certificaatbesluit taken on ``besluitdatum`` needs an afweging; false when no aanleiding is known.

    ``audit``: the latest audit before the besluitdatum, when it had kritische afwijkingen; ``rapporten``: the
    reports with a kritisch oordeel published in the 365 days up to the besluitdatum (oldest first); ``toezicht``:
    the toezichtbesluit by which toezicht was heightened on the besluitdatum; ``overbrugging``: the besluit is an
    overbrugging itself (``zelf``: it exists because of kritische afwijkingen) or follows one (the overbrugging
    besluit). ``audit_onbekend``: the latest audit before the besluitdatum, when its count of kritische afwijkingen
    was not recorded; ``audit_verborgen``: there is such an audit but the reader may not see its uitkomst."""

    besluitdatum: dt.date
    audit: AuditFeit | None = None
    rapporten: tuple = ()
    toezicht: ToezichtFeit | None = None
    overbrugging: CertificaatFeit | str | None = None
    audit_onbekend: AuditFeit | None = None
    audit_verborgen: bool = False

    def __bool__(self) -> bool:
        return (
            self.audit is not None or bool(self.rapporten) or self.toezicht is not None or self.overbrugging is not None
        )

    @property
    def status(self) -> str:
        """``ja`` (a known aanleiding), ``onbekend`` (none known, but the latest audit's counts were not recorded),
        ``niet_openbaar`` (none known to a reader who may not see the audit uitkomst) or ``nee``."""
        if self:
            return AANLEIDING_JA
        if self.audit_onbekend is not None:
            return AANLEIDING_ONBEKEND
        return AANLEIDING_NIET_OPENBAAR if self.audit_verborgen else AANLEIDING_NEE


def is_kritisch(waarde: str) -> bool:
    """Is an oordeel with this value a kritisch oordeel (DESIGN.md §4)?"""
    return waarde in KRITISCHE_WAARDEN


def kritische_oordelen(rapport) -> list:
    """The oordelen of ``rapport`` with a kritisch value (any object with ``oordelen``, each with ``waarde``)."""
    return [o for o in rapport.oordelen if is_kritisch(o.waarde)]


def laatste_audit_voor(audits: Iterable[AuditFeit], besluitdatum: dt.date) -> AuditFeit | None:
    """The latest audit before the besluitdatum: of the audits that ended on or before it, the one that ended last
    (then the one that started last). An audit that ends on the day of the decision is one the decision can rest
    on; an audit still running on that day has no outcome yet."""
    afgerond = [a for a in audits if a.einddatum <= besluitdatum]
    return max(afgerond, key=lambda a: (a.einddatum, a.startdatum, a.id), default=None)


OVERBRUGGING = "overbrugging"
# ``Aanleiding.overbrugging`` of a besluit that is an overbrugging itself.
ZELF = "zelf"


def vorig_besluit(besluiten: Iterable[CertificaatFeit], ingangsdatum: dt.date) -> CertificaatFeit | None:
    """The certificaatbesluit a besluit taking effect on ``ingangsdatum`` follows: the one with the latest
    ingangsdatum before it (ingangsdata of one GI are unique)."""
    eerder = [b for b in besluiten if b.ingangsdatum < ingangsdatum]
    return max(eerder, key=lambda b: (b.ingangsdatum, b.id), default=None)


def aanleiding(
    besluitdatum: dt.date,
    audits: Iterable[AuditFeit] = (),
    rapporten: Iterable = (),
    toezichten: Iterable[ToezichtFeit] = (),
    *,
    status: str | None = None,
    vorige: CertificaatFeit | None = None,
) -> Aanleiding:
    """The aanleiding of a certificaatbesluit taken on ``besluitdatum`` (DESIGN.md §3), from one GI's facts:
    - the besluit (``status``) is an overbrugging, or it follows one (``vorige``: the besluit it follows);
    - the latest audit before the besluitdatum has kritische afwijkingen (at least one); when its count was not
      recorded that part is ``onbekend`` (``audit_onbekend``), never "none"; when the reader may not see the
      uitkomst it is not part of the aanleiding at all (``audit_verborgen``);
    - a report with a kritisch oordeel was published in the 365 days up to the besluitdatum (rapportdatum in
      [besluitdatum - 365 days, besluitdatum]); ``rapporten`` are ``RapportFeit``s (or objects with the same
      attributes);
    - toezicht is heightened (geintensiveerd or verscherpt) on the besluitdatum.
    Total: any dates a DateField holds."""
    laatste = laatste_audit_voor(audits, besluitdatum)
    audit = audit_onbekend = None
    audit_verborgen = False
    if laatste is not None:
        if not laatste.uitkomst_zichtbaar:
            audit_verborgen = True
        elif laatste.aantal_kritische_afwijkingen is None:
            audit_onbekend = laatste
        elif laatste.aantal_kritische_afwijkingen > 0:
            audit = laatste
    overbrugging: CertificaatFeit | str | None = None
    if status == OVERBRUGGING:
        overbrugging = ZELF
    elif vorige is not None and vorige.status == OVERBRUGGING:
        overbrugging = vorige
    kritisch = tuple(
        sorted(
            (
                r for r in rapporten
                if r.rapportdatum <= besluitdatum
                and besluitdatum - r.rapportdatum <= AANLEIDING_VENSTER
                and kritische_oordelen(r)
            ),
            key=lambda r: (r.rapportdatum, r.id),
        )
    )
    toezichten = list(toezichten)
    niveau = toezichtniveau(toezichten, besluitdatum)
    toezicht = (
        next((t for t in toezichten if t.id == niveau.besluit_id), None) if niveau.niveau in VERHOOGDE_NIVEAUS else None
    )
    return Aanleiding(besluitdatum, audit, kritisch, toezicht, overbrugging, audit_onbekend, audit_verborgen)


def afweging_vereist(status: str, aanleiding_: Aanleiding) -> bool:
    """A certificaatbesluit needs an afweging when its status is volledig or overbrugging and it is taken under
    aanleiding."""
    return status in STATUSSEN_MET_AFWEGING and bool(aanleiding_)


def _iso(datum: dt.date, kwaliteit: str = EXACT) -> str:
    """A fact's date in ISO form as its datumkwaliteit allows: 2025-09 for a month, "(geschat)" after an estimate."""
    if kwaliteit == "maand":
        return datum.isoformat()[:7]
    return datum.isoformat() + (" (geschat)" if kwaliteit == "geschat" else "")


# How a text names a fact's date: ``datum_tekst(datum, datumkwaliteit)``, so a date known only to the month or
# estimated is never written as a known day (register/teksten.py feitdatum_tekst).
DatumTekst = Callable[[dt.date, str], str]


def aanleiding_teksten(aanleiding_: Aanleiding, datum_tekst: DatumTekst = _iso) -> list[str]:
    """The aanleiding in Dutch, one phrase per cause, naming the records behind it (which audit: soort and dates;
    which report: titel and rapportdatum; which toezichtbesluit: niveau and ingangsdatum). Dates in ISO form
    unless ``datum_tekst`` says otherwise, each as its fact's datumkwaliteit allows."""
    teksten = []
    if aanleiding_.overbrugging == ZELF:
        teksten.append("het besluit is een overbruggingscertificaat, dat bestaat vanwege kritische afwijkingen")
    elif aanleiding_.overbrugging is not None:
        o = aanleiding_.overbrugging
        teksten.append(f"het besluit volgt op het overbruggingscertificaat met ingang van {datum_tekst(o.ingangsdatum, o.datumkwaliteit)}")
    if aanleiding_.audit is not None:
        a = aanleiding_.audit
        aantal = a.aantal_kritische_afwijkingen
        teksten.append(
            f"de laatste audit vóór de besluitdatum ({a.soort.replace('_', ' ')}, {datum_tekst(a.startdatum, a.datumkwaliteit)} tot "
            f"en met {datum_tekst(a.einddatum, a.datumkwaliteit)}) had {aantal} kritische afwijking{'en' if aantal != 1 else ''}"
        )
    for r in aanleiding_.rapporten:
        oordelen = ", ".join(
            f"{getattr(o, 'thema_naam', None) or getattr(o, 'thema', '')}: {waarde_tekst(o.waarde)}"
            for o in kritische_oordelen(r)
        )
        teksten.append(
            f"het inspectierapport '{r.titel}' van {datum_tekst(r.rapportdatum, kwaliteit_van(r))} oordeelt kritisch ({oordelen})"
        )
    if aanleiding_.toezicht is not None:
        t = aanleiding_.toezicht
        niveau = TOEZICHT_LABEL.get(t.niveau, t.niveau)
        teksten.append(
            f"het toezicht was op de besluitdatum {niveau} (toezichtbesluit '{niveau}' met ingang van "
            f"{datum_tekst(t.ingangsdatum, t.datumkwaliteit)})"
        )
    return teksten


def aanleiding_onbekend_tekst(aanleiding_: Aanleiding, datum_tekst: DatumTekst = _iso) -> str:
    """Which audit's uitkomst was not recorded ("" when none): the part of the aanleiding that is ``onbekend``."""
    a = aanleiding_.audit_onbekend
    if a is None:
        return ""
    return (
        f"van de laatste audit vóór de besluitdatum ({a.soort.replace('_', ' ')}, {datum_tekst(a.startdatum, a.datumkwaliteit)} "
        f"tot en met {datum_tekst(a.einddatum, a.datumkwaliteit)}) is het aantal kritische afwijkingen niet vastgelegd"
    )
