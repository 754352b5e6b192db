"""The one clock of the register (DESIGN.md §3): "today" is the calendar date in Europe/Amsterdam, and a day
ends at midnight Amsterdam time.

Nothing else in the code computes today. It does not depend on the server's time zone or on
settings.TIME_ZONE: a server on UTC still answers for the Amsterdam date between 00:00 and 02:00.
Tests set the time by patching ``django.utils.timezone.now``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag() -> dt.date:
    """Today's date in Europe/Amsterdam."""
    return timezone.now().astimezone(AMSTERDAM).date()


def einde_van_dag(datum: dt.date) -> dt.datetime:
    """The end of ``datum`` in Europe/Amsterdam, as the first instant of the next day: what was recorded on
    ``datum`` lies strictly before it (the register "as recorded at the end of the peildatum")."""
    return dt.datetime.combine(datum + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)
