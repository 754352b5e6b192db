"""Pure rules for derived state (DESIGN.md §3): plain data in, plain data out, no database.

Decisions are events; the state on a day is derived from them:
- certificaatstatus op D = status of the certificaatbesluit with the latest ingangsdatum <= D;
  ``verlopen`` if its geldig tot < D; ``geen`` if there is none.
- toezichtniveau op D = niveau of the toezichtbesluit with the latest ingangsdatum <= D;
  ``regulier`` if there is none; a heightened level past its voorziene einddatum stays in force
  and is reported as ``termijn verstreken``.
All dates are inclusive calendar dates.

Every rule is total: it accepts any date a DateField can hold (dt.date.min up to dt.date.max), also
dates entered before the register validated date ranges. Date arithmetic therefore goes through
``add_years``, ``anniversary``, ``last_day_of_years`` and ``dag_na``, which stay within the calendar instead
of overflowing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Derived certificate states beyond the stored statuses.
VERLOPEN = "verlopen"
GEEN = "geen"
REGULIER = "regulier"
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


@dataclass(frozen=True)
class CertificaatFeit:
    """What the status rule needs of one certificaatbesluit."""

    id: int
    status: str
    ingangsdatum: dt.date
    geldig_tot: dt.date | None


@dataclass(frozen=True)
class ToezichtFeit:
    """What the level rule needs of one toezichtbesluit."""

    id: int
    niveau: str
    ingangsdatum: dt.date
    voorziene_einddatum: dt.date | None


@dataclass(frozen=True)
class CertificaatStatus:
    status: str  # volledig | voorlopig | overbrugging | geschorst | ingetrokken | verlopen | geen
    besluit_id: int | None = None
    geldig_tot: dt.date | None = None


@dataclass(frozen=True)
class ToezichtStatus:
    niveau: str  # regulier | geintensiveerd | verscherpt
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


def certificaatstatus(besluiten: Iterable[CertificaatFeit], datum: dt.date) -> CertificaatStatus:
    besluit = _latest_on(_sorted(besluiten), datum)
    if besluit is None:
        return CertificaatStatus(GEEN)
    if besluit.geldig_tot is not None and besluit.geldig_tot < datum:
        return CertificaatStatus(VERLOPEN, besluit.id, besluit.geldig_tot)
    return CertificaatStatus(besluit.status, besluit.id, besluit.geldig_tot)


def toezichtniveau(besluiten: Iterable[ToezichtFeit], datum: dt.date) -> ToezichtStatus:
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


def _change_days(besluiten: Sequence, van: dt.date, tot: dt.date, end_attr: str) -> list[dt.date]:
    """Days in [van, tot] on which the derived state may change."""
    days = {van}
    for b in besluiten:
        if van <= b.ingangsdatum <= tot:
            days.add(b.ingangsdatum)
        end = getattr(b, end_attr)
        na = dag_na(end) if end is not None else None
        if na is not None and van <= na <= tot:
            days.add(na)
    return sorted(days)


def _intervals(besluiten, van, tot, end_attr, state_on) -> list[Interval]:
    if tot < van:
        return []
    ordered = _sorted(besluiten)
    days = _change_days(ordered, van, tot, end_attr)
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


def certificaat_intervallen(besluiten: Iterable[CertificaatFeit], van: dt.date, tot: dt.date) -> list[Interval]:
    """The certificate status over [van, tot] as consecutive intervals."""

    def state(ordered, day):
        s = certificaatstatus(ordered, day)
        return s.status, s.besluit_id, False

    return _intervals(list(besluiten), van, tot, "geldig_tot", state)


def toezicht_intervallen(besluiten: Iterable[ToezichtFeit], van: dt.date, tot: dt.date) -> list[Interval]:
    """The toezicht level over [van, tot] as consecutive intervals."""

    def state(ordered, day):
        s = toezichtniveau(ordered, day)
        return s.niveau, s.besluit_id, s.termijn_verstreken

    return _intervals(list(besluiten), van, tot, "voorziene_einddatum", state)
