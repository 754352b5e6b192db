"""The register as it was recorded: answers "what did the register say at the end of day P"."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings


def einde_van_dag(datum: dt.date) -> dt.datetime:
    """The last instant of ``datum`` in Europe/Amsterdam, as an aware datetime."""
    return dt.datetime.combine(datum, dt.time.max, tzinfo=ZoneInfo(settings.TIME_ZONE))


def zoals_geregistreerd_op(model, datum: dt.date):
    """The records of ``model`` as recorded at the end of ``datum`` (one query); void records included,
    each with the values it had then."""
    return model.history.as_of(einde_van_dag(datum))
