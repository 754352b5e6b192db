"""Change counters per part of the register: what the cache (register/cache.py) keys derived state by.

A write to one GI must leave every other GI's cached answers valid (the status, the tijdlijn and the page of a GI
depend on that GI's records and on what belongs to no GI: themes, the national size and monitor figures, the GI's
themselves, whose names and successors every list shows). So the register is split into parts, each with a counter
in the table ``register_standversie`` (register.models.Standversie):

- ``gi:<afkorting>``: every record of one GI (its audits, besluiten, maatregelen, onderzoeken with their oordelen,
  reacties, monitor figures), and the links of its reports to other GI's (the report's list of GI's is part of it);
- ``globaal``: every record of no one GI, and the GI's themselves (a new GI, a new name, a successor: every list);
- ``notities`` and ``archief``: the notes about the data and the archive of Kamer overviews (append-only, no history).

Each part has a second counter ``<part>:openbaar`` that moves only with a change everyone may see: whether an update
changed a field a reader without rights may read is decided by the one policy (register/vertrouwelijkheid.py,
``zichtbare_historie`` for AnonymousUser), the same rule the change feed and the public history follow. So an edit of
confidential fields only leaves every public key as it was (DESIGN.md §7), while the public part of the content
(which includes the presence of a confidential afweging) moves it.

When: every history row (simple-history's ``post_create_historical_record``) bumps its part inside the writing
transaction, with one upsert per counter (``teller = teller + 1``). The counter therefore commits together with the
data: a reader who sees counter n sees the data of every write that made it n (PostgreSQL's READ COMMITTED: the
counter is read before the data, in an earlier statement). Bumping in the transaction instead of after commit
(``on_commit``) means no write can be missed by a crash between commit and bump, and the test suite (which never
commits) sees the same invalidation as production. Two writers of one GI wait for each other's commit on its
counter row; writers of different GI's do not meet. A writer that writes records without history (a bulk insert
with ``bulk_history_create``, which sends no signal) calls ``gewijzigd`` itself, once, with every part it touched.

The version of a value derived from the whole register (a list, ``/``, ``/signalen``, the overview of today) is the
sum of the counters of a class (every counter only grows, so the sum moves with any of them); read in one query
of a table of two rows per GI.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from register import vertrouwelijkheid

OPENBAAR = ":openbaar"
GLOBAAL = "globaal"
NOTITIES = "notities"
ARCHIEF = "archief"


def gi(afkorting: str) -> str:
    return f"gi:{afkorting}"


def _tabel() -> str:
    from register.models import Standversie

    return connection.ops.quote_name(Standversie._meta.db_table)


def gewijzigd(delen: Iterable[str], *, openbaar: bool = True) -> None:
    """Bump the counters of ``delen`` (``gi(afkorting)``, GLOBAAL, …) in the current transaction; with ``openbaar``
    also their public counters (a change everyone may see). In sorted order, so two writers that touch the same
    parts take their row locks in the same order. After commit, the cache refreshes what it can of those parts
    (register/cache.py, ``na_schrijven``)."""
    sleutels = sorted({s for deel in delen for s in ((deel, deel + OPENBAAR) if openbaar else (deel,))})
    if not sleutels:
        return
    tabel = _tabel()
    with connection.cursor() as cursor:
        for sleutel in sleutels:
            cursor.execute(
                f"INSERT INTO {tabel} (sleutel, teller) VALUES (%s, 1) "
                f"ON CONFLICT (sleutel) DO UPDATE SET teller = {tabel}.teller + 1",
                [sleutel],
            )
    delen_gi = {s.split(":")[1] for s in sleutels if s.startswith("gi:")}
    if not connection.in_atomic_block:
        _Verversen(delen_gi)()
        return
    # One refresh per transaction, however many history rows it makes: joined to any refresh still waiting. One asked
    # for in a savepoint that was rolled back is no longer there (Django drops it with the rollback); one asked for
    # in an open or released savepoint is dropped by the same rollback that would undo this write (its savepoint ids
    # hold every level this write is inside of).
    verversen = next((f for _, f, _ in connection.run_on_commit if isinstance(f, _Verversen)), None)
    if verversen is None:
        transaction.on_commit(_Verversen(delen_gi), robust=True)
    else:
        verversen.delen_gi |= delen_gi


# What runs after the commit of a write, with the afkortingen of the GI's written: the cache registers its refresh
# here (register/cache.py, ``na_schrijven``), so this module needs no import of the cache (which imports it).
NA_SCHRIJVEN: list = []


class _Verversen:
    """After the commit: the cache refreshes the public pages of the GI's written (register/cache.py)."""

    def __init__(self, delen_gi: set[str]):
        self.delen_gi = set(delen_gi)

    def __call__(self) -> None:
        for verversen in NA_SCHRIJVEN:
            verversen(sorted(self.delen_gi))


# Each version below is one SQL expression (text) with its parameters, so that a reader can read it in the same
# statement as the value it checks (register/cache.py with the database cache: one query instead of two); read on
# its own it is ``SELECT <expressie>``. PostgreSQL and SQLite alike.


def _tellers_sql(voorvoegsel: str, sleutels: list[str]) -> tuple[str, list]:
    """``<voorvoegsel><teller>,<teller>,…`` of ``sleutels`` in that order, 0 for a part never written
    (``voorvoegsel``: a constant of this module, "gi:" or "g:")."""
    tabel = _tabel()
    delen = " || ',' || ".join(f"COALESCE((SELECT teller FROM {tabel} WHERE sleutel = %s), 0)" for _ in sleutels)
    return f"'{voorvoegsel}' || {delen}", list(sleutels)


def sql_gi(afkorting: str, *, openbaar: bool) -> tuple[str, list]:
    """The version of what is derived from one GI: its counter and the global one (of the class)."""
    klasse = OPENBAAR if openbaar else ""
    return _tellers_sql("gi:", [gi(afkorting) + klasse, GLOBAAL + klasse])


def sql_register(*, openbaar: bool) -> tuple[str, list]:
    """The version of what is derived from the whole register: the sum of every counter of the class, and how many
    there are (a new part with counter 1 moves the sum too; the count only makes the version easier to read)."""
    conditie = "sleutel LIKE %s" if openbaar else "sleutel NOT LIKE %s"
    return (
        f"(SELECT 'r:' || COALESCE(SUM(teller), 0) || '.' || COUNT(*) FROM {_tabel()} WHERE {conditie})",
        ["%" + OPENBAAR],
    )


def sql_globaal(*, openbaar: bool, ook: Iterable[str] = ()) -> tuple[str, list]:
    """The version of what depends only on the parts of no one GI (and ``ook``: NOTITIES, ARCHIEF)."""
    klasse = OPENBAAR if openbaar else ""
    return _tellers_sql("g:", [GLOBAAL + klasse, *(o + klasse for o in ook)])


def lezen(versie_sql: tuple[str, list]) -> str:
    """A version of the SQL functions above, read on its own: one query."""
    expressie, parameters = versie_sql
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {expressie}", parameters)
        return str(cursor.fetchone()[0])


def versie_gi(afkorting: str, *, openbaar: bool) -> str:
    """See ``sql_gi``. One query."""
    return lezen(sql_gi(afkorting, openbaar=openbaar))


def versie_register(*, openbaar: bool) -> str:
    """See ``sql_register``. One query."""
    return lezen(sql_register(openbaar=openbaar))


def versie_globaal(*, openbaar: bool, ook: Iterable[str] = ()) -> str:
    """See ``sql_globaal``. One query."""
    return lezen(sql_globaal(openbaar=openbaar, ook=ook))


def versies_per_gi(*, openbaar: bool):
    """``versie_gi`` of every GI at once, as a function of the afkorting: one query for the whole table."""
    klasse = OPENBAAR if openbaar else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sleutel, teller FROM {_tabel()}")
        alle = dict(cursor.fetchall())
    globaal = alle.get(GLOBAAL + klasse, 0)
    return lambda afkorting: f"gi:{alle.get(gi(afkorting) + klasse, 0)},{globaal}"


# --- Which part a history row belongs to ------------------------------------------------------------------------------


KOPPELING = "supervision.onderzochteinstelling"


def delen_van(instance, afkortingen: dict | None = None, *, andere_gis: bool = True) -> list[str]:
    """The parts of the register a record of a domain model belongs to: its GI, or GLOBAAL (a GI itself, a theme, a
    national figure, a beleidsreactie of a year). A report (which may concern several GI's) belongs to each GI it
    concerns; a new one has none yet, and its links to its GI's (each a record of its GI) move those parts."""
    from register.models import Instelling

    if isinstance(instance, Instelling):
        return [GLOBAAL]
    if hasattr(instance, "onderzochte_instellingen"):  # a report: each GI it concerns
        afkortingen = instance.onderzochte_instellingen.values_list("instelling__afkorting", flat=True)
        return [gi(a) for a in afkortingen]
    instelling_id = getattr(instance, "instelling_id", None)
    if instelling_id is None:
        return [GLOBAAL]
    afkorting = _afkorting(instelling_id, afkortingen)
    eigen = gi(afkorting) if afkorting else GLOBAAL
    if andere_gis and instance._meta.label_lower == KOPPELING:
        # A link of a report to one of its GI's belongs to that GI and to the report's other GI's: the Kamer overview
        # names every GI of a report in each GI's section, so adding or removing one changes them all.
        return sorted({eigen} | set(_gis_van_rapporten([instance.onderzoek_id])))
    return [eigen]


def _gis_van_rapporten(rapporten) -> list[str]:
    """The parts of every GI linked to one of the reports with these ids: one query."""
    from register import domein

    afkortingen = domein.van(KOPPELING).model.objects.filter(onderzoek_id__in=list(rapporten)).values_list("instelling__afkorting", flat=True)
    return [gi(a) for a in afkortingen]


def _afkorting(instelling_id: int, afkortingen: dict | None) -> str | None:
    """The afkorting of the GI with ``instelling_id`` (kept in ``afkortingen`` when given, read once)."""
    from register.models import Instelling

    if afkortingen is not None and instelling_id in afkortingen:
        return afkortingen[instelling_id]
    afkorting = Instelling.objects.filter(pk=instelling_id).values_list("afkorting", flat=True).first()
    if afkortingen is not None:
        afkortingen[instelling_id] = afkorting
    return afkorting


def openbaar_gewijzigd(model, history_instance) -> bool:
    """Did this history row change something a reader without rights may see? A creation and a deletion always do;
    an update when the one policy shows it to AnonymousUser (``zichtbare_historie``). The policy's query is compiled
    once per model and database (``_zichtbaar_sql``) and run with this row's history_id: compiling it (nested
    EXISTS over the fields and m2m of the previous version) costs the ORM several milliseconds per write, running
    it a fraction of one."""
    if history_instance.history_type != "~" or not vertrouwelijkheid.vertrouwelijke_velden(model):
        return True
    sql, parameters, plaats = _zichtbaar_sql(connection.alias, model)
    parameters = list(parameters)
    parameters[plaats] = history_instance.history_id
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone() is not None


# A history_id no row has: it marks where the row's own id goes in the compiled query of ``_zichtbaar_sql``.
_PLAATSHOUDER = -1_987_654_321  # within the range of an integer column (outside it the ORM answers "empty")


@functools.cache
def _zichtbaar_sql(alias: str, model) -> tuple[str, tuple, int]:
    """The SQL of "does AnonymousUser see history row X of ``model``" (``zichtbare_historie`` of the rows with that
    history_id, as ``exists()`` asks it), its parameters and the place of X among them."""
    rijen = model.history.filter(history_id=_PLAATSHOUDER)
    vraag = vertrouwelijkheid.zichtbare_historie(AnonymousUser(), model, rijen).query.exists()
    sql, parameters = vraag.get_compiler(using=alias).as_sql()
    plaatsen = [i for i, p in enumerate(parameters) if p == _PLAATSHOUDER]
    if len(plaatsen) != 1:
        raise RuntimeError(f"De vraag naar zichtbare historie van {model._meta.label} noemt de history_id {len(plaatsen)} keer.")
    return sql, tuple(parameters), plaatsen[0]


# While a bulk write runs (register/services.py ``in_bulk_registreren``): the parts its history rows belong to,
# collected and bumped once at the end instead of once per row, and the afkorting of each GI read once.
_samen: ContextVar[dict | None] = ContextVar("standversie_samen", default=None)


@contextmanager
def samen():
    """Bump the parts of every history row written inside this block once, when it ends (in the same transaction)."""
    if _samen.get() is not None:
        yield
        return
    verzameld: dict = {"openbaar": set(), "intern": set(), "afkortingen": {}, "rapporten": {"openbaar": set(), "intern": set()}}
    token = _samen.set(verzameld)
    try:
        yield
    finally:
        _samen.reset(token)
    for klasse, rapporten in verzameld["rapporten"].items():  # the other GI's of reports whose links were written
        if rapporten:
            verzameld[klasse].update(_gis_van_rapporten(rapporten))
    if verzameld["openbaar"]:
        gewijzigd(verzameld["openbaar"], openbaar=True)
    if verzameld["intern"] - verzameld["openbaar"]:
        gewijzigd(verzameld["intern"] - verzameld["openbaar"], openbaar=False)


def bij_historie(sender, instance, history_instance, **kwargs) -> None:
    """simple-history's signal after a history row of a domain model: bump its part."""
    from register import domein

    try:
        model = domein.van(instance).model
    except KeyError:  # a model with history outside the register's domain (users, tokens)
        return
    if getattr(history_instance, "history_type", "") == "+" and instance._meta.label_lower == "supervision.inspectieonderzoek":
        return  # a new report has no GI yet: the links to its GI's (records of those GI's) move their parts
    verzameld = _samen.get()
    delen = delen_van(instance, None if verzameld is None else verzameld["afkortingen"], andere_gis=verzameld is None)
    if not delen:
        return
    openbaar = openbaar_gewijzigd(model, history_instance)
    if verzameld is not None:
        klasse = "openbaar" if openbaar else "intern"
        verzameld[klasse].update(delen)
        if instance._meta.label_lower == KOPPELING:  # its report's other GI's: read once, at the end
            verzameld["rapporten"][klasse].add(instance.onderzoek_id)
        return
    gewijzigd(delen, openbaar=openbaar)


def bij_opslaan(deel: str):
    """A post_save receiver for an append-only model without history (notes, the archive) that bumps ``deel``."""

    def ontvanger(sender, instance, created, **kwargs):
        if created:
            gewijzigd([deel])

    return ontvanger
