"""Reads of the register for the signals: the register now, or as recorded at the end of a peildatum.

The one as-recorded read of the register (``zoals_vastgelegd``): the overview builder (reports/), wederhoor and
vroegsignalering all read the register of a day through it, so "as recorded at the end of day P" means the same
everywhere. A register read is one query per domain model (register/domein.py), however many GI's and events there
are; it returns a ``Registerstand`` of plain rows (signalen/feiten.py) that the signal rules and the overview
builder work on without querying again.

simple-history's ``latest_of_each`` picks the latest version of each record too, but the overview also needs the
moment of the latest change a reader may see across every version (``laatste_wijziging``), deleted records
included; one ordered pass over the history gives both in one query.
"""

from __future__ import annotations

import datetime as dt
import functools
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Min, Q

from register import domein, klok, vertrouwelijkheid
from signalen import feiten
from signalen.feiten import Registerstand


def _velden(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _rij(values: dict) -> SimpleNamespace:
    values = dict(values)
    values.setdefault("pk", values.get("id"))
    return SimpleNamespace(**values)


def _telt(rij) -> bool:
    return not getattr(rij, "vervallen", False)


def _beperkt(model, qs, instellingen: frozenset[int] | None):
    """Only the rows of the GI's ``instellingen`` (None: all): a GI itself, a record of a GI (national records
    without a GI, such as a landelijke monitormeting, stay), or a record inside one (an oordeel in its report);
    a record of no GI at all (a theme) is never restricted."""
    if instellingen is None:
        return qs
    if model is domein.van("register.instelling").model:
        return qs.filter(id__in=instellingen)
    rapport = _rapport_van_koppeling(model)
    if rapport is not None:
        # A link of a record of several GI's (a report) to one of them: every link of the reports that concern one
        # of the GI's, so each such report comes with its whole list of GI's (the overview names them in each GI's
        # section).
        return qs.filter(**{f"{rapport}_id__in": model.history.filter(instelling_id__in=instellingen).values(f"{rapport}_id")})
    velden = {f.name: f for f in model._meta.concrete_fields}
    if "instelling" in velden:
        veld = velden["instelling"]
        alleen = Q(instelling_id__in=instellingen)
        return qs.filter(alleen | Q(instelling_id__isnull=True) if veld.null else alleen)
    for veld in velden.values():
        if veld.is_relation and any(f.name == "instelling" for f in veld.related_model._meta.concrete_fields):
            return qs.filter(**{f"{veld.name}__instelling_id__in": instellingen})
    instelling_model = domein.van("register.instelling").model
    for veld in getattr(model, "instance_type", model)._meta.many_to_many:
        koppel = veld.remote_field.through
        if veld.related_model is instelling_model and hasattr(koppel, "history"):
            # A record of several GI's (a report): the ones that concern one of them at any moment of their
            # history, so an as-recorded read of an earlier day finds a GI since removed from it too.
            eigen = next(f.name for f in koppel._meta.concrete_fields if f.is_relation and f.related_model is model)
            return qs.filter(id__in=koppel.history.filter(instelling_id__in=instellingen).values(f"{eigen}_id"))
    return qs


@functools.cache
def _rapport_van_koppeling(model) -> str | None:
    """When ``model`` links a record of several GI's (a report) to one of its GI's (the ``through`` of a
    many-to-many to the GI's): the name of its field naming that record; else None."""
    instelling_model = domein.van("register.instelling").model
    for d in domein.DOMEINMODELLEN:
        for veld in d.model._meta.many_to_many:
            if veld.related_model is instelling_model and veld.remote_field.through is model:
                return next(f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is d.model)
    return None


def _huidig(model, instellingen: frozenset[int] | None = None) -> list[SimpleNamespace]:
    rijen = _beperkt(model, model.objects.order_by("id"), instellingen).values(*_velden(model))
    return [r for r in map(_rij, rijen) if _telt(r)]


def zoals_vastgelegd(
    model, peildatum: dt.date, *, lezer=None, instellingen: frozenset[int] | None = None
) -> tuple[list[SimpleNamespace], dt.datetime | None]:
    """The records of ``model`` as recorded at the end of ``peildatum`` (Europe/Amsterdam, register/klok.py): the
    latest historical version of every record from before that moment, in id order; a record deleted or declared
    void (vervallen) by then is absent, one recorded later is absent, a later correction shows its earlier values.
    Each row carries ``vastgelegd_op``: the moment of the version shown. Also returns the moment of the latest
    change by then (with ``lezer``: the latest change that reader may see, register/vertrouwelijkheid.py). One
    query."""
    velden = _velden(model)
    historie = _beperkt(model, model.history.filter(history_date__lt=klok.einde_van_dag(peildatum)), instellingen)
    if lezer is not None:
        historie = vertrouwelijkheid.met_zichtbaarheid(lezer, model, historie)
    # A change of a record under embargo at the end of the peildatum is not a change ``lezer`` could see then (for a
    # record that follows another, an oordeel, the date of the record it belongs to).
    embargo = vertrouwelijkheid.embargo_pad(model) if lezer is not None and not vertrouwelijkheid.ziet_embargo(lezer) else None
    extra = ["zichtbaar"] if lezer is not None else []
    if embargo:
        historie = historie.annotate(_embargodatum=F(embargo))
        extra.append("_embargodatum")
    rijen = historie.order_by("id", "history_date", "history_id").values(*velden, "history_date", "history_type", *extra)
    if instellingen is None:
        # The whole history of a table: in chunks, not at once in memory. The rows of some GI's are few, and a
        # chunked read costs three round trips on PostgreSQL (a cursor declared, fetched from, closed).
        rijen = rijen.iterator(chunk_size=5000)
    laatste: dict[int, dict] = {}
    laatste_wijziging = None
    for r in rijen:
        laatste[r["id"]] = r
        if embargo and vertrouwelijkheid.onder_embargo(r.pop("_embargodatum"), peildatum):
            r.pop("zichtbaar", None)
            continue
        if r.pop("zichtbaar", True) and (laatste_wijziging is None or r["history_date"] > laatste_wijziging):
            laatste_wijziging = r["history_date"]
    result = []
    for r in laatste.values():
        if r.pop("history_type") == "-":
            continue
        r["vastgelegd_op"] = r.pop("history_date")
        rij = _rij(r)
        if _telt(rij):
            result.append(rij)
    return result, laatste_wijziging


def registerstand_nu(*, instellingen: set[int] | None = None) -> Registerstand:
    """The register as it is now (the current tables): one query per domain model. ``instellingen``: only the rows
    of the GI's with these ids (and the themes and national records), for work proportional to a page of GI's."""
    stand = Registerstand()
    instellingen = None if instellingen is None else frozenset(instellingen)
    for d in domein.DOMEINMODELLEN:
        stand.rijen[d.naam] = _huidig(d.model, instellingen)
    return _afgerond(stand)


def registerstand_op(
    peildatum: dt.date, *, openbaar: bool = False, instellingen: set[int] | None = None, alle_instellingen: bool = False
) -> Registerstand:
    """The register as recorded at the end of ``peildatum`` (``zoals_vastgelegd``): one query per domain model.
    ``openbaar``: dated by the latest change the public may see, so an edit of confidential fields only leaves the
    openbaar overview byte for byte the same. ``instellingen``: as ``registerstand_nu``; with ``alle_instellingen``
    only their records, but every GI itself (``instellingen=set(), alle_instellingen=True``: the GI's, the themes
    and the national records, without the records of any GI)."""
    stand = Registerstand()
    instellingen = None if instellingen is None else frozenset(instellingen)
    lezer = AnonymousUser() if openbaar else None
    momenten = []
    instelling_model = domein.van("register.instelling").model
    for d in domein.DOMEINMODELLEN:
        alleen = None if alle_instellingen and d.model is instelling_model else instellingen
        rijen, laatste = zoals_vastgelegd(d.model, peildatum, lezer=lezer, instellingen=alleen)
        for rij in rijen:
            del rij.vastgelegd_op  # the rows of a register state are the records' fields only
        stand.rijen[d.naam] = rijen
        if laatste is not None:
            momenten.append(laatste)
    stand.laatste_wijziging = max(momenten) if momenten else None
    # Seeded themes were created by a data migration without history rows; a theme without any
    # historical version counts with its current values.
    bekend = {t.id for t in stand["themas"]}
    stand.rijen["themas"] += [t for t in _huidig(domein.van("supervision.thema").model) if t.id not in bekend]
    return _afgerond(stand, peildatum)


def _afgerond(stand: Registerstand, op: dt.date | None = None) -> Registerstand:
    """The stand without the reports under embargo on ``op`` (today for the register now; the peildatum for the
    register as recorded at its end) and the oordelen of reports that do not count. A report counts in every
    overview, signal and verdict from its rapportdatum on, for every reader alike (DESIGN.md §3, Embargo): the
    overviews are archived for the Kamer and the signals reach the KMI and the RvA, who may not see it before."""
    op = op or klok.vandaag()
    for d in domein.DOMEINMODELLEN:
        if d.naam in stand.rijen:
            stand.rijen[d.naam] = vertrouwelijkheid.rijen_zonder_embargo(d.model, stand.rijen[d.naam], op=op)
    levend = {o.id for o in stand["inspectieonderzoeken"]}
    stand.rijen["oordelen"] = [o for o in stand["oordelen"] if o.onderzoek_id in levend]
    stand.rijen["onderzochte_instellingen"] = [k for k in stand["onderzochte_instellingen"] if k.onderzoek_id in levend]
    stand["instellingen"].sort(key=lambda i: (i.naam, i.afkorting))
    return stand


def eerste_registratie() -> dt.date | None:
    """The first registration date (signalen/feiten.py ``eerste_registratie``) of the register as it is now, a GI's
    day of recording being the day its first version was recorded (Europe/Amsterdam): for every refusal of an
    overview on a peildatum before it (reports/overzicht.py GeenInstellingen). Two queries."""
    model = domein.van("register.instelling").model
    eerste_versie = dict(model.history.order_by().values("id").annotate(eerst=Min("history_date")).values_list("id", "eerst"))
    return feiten.eerste_registratie(
        (actief_vanaf, eerste_versie.get(pk, aangemaakt_op).astimezone(klok.AMSTERDAM).date())
        for pk, aangemaakt_op, actief_vanaf in model.objects.filter(vervallen=False).values_list("id", "aangemaakt_op", "actief_vanaf")
    )
