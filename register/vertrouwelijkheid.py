"""The confidentiality policy (DESIGN.md §7): which fields of which model are confidential and who may
read them. This is the only place where that is written down; every door asks this module: the API
serializers and filters, the change feed, the admin (forms, lists, list filters, search, ordering,
query-string lookups, history pages), the public pages, exports and renderers.

A role that may not read a field can neither see it nor learn it by filtering, searching, ordering or
watching the history. The same holds for a whole record under embargo (an inspection report before its rapportdatum,
see "Embargo" below): whoever may not see it finds it at no door. Models are named by their label ("certification.audit") so the ground floor
imports nothing above it; every function also accepts a model class, an instance or a historical
(simple-history) model or row.
"""

from __future__ import annotations

import datetime as dt
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Trim
from django.db.models.lookups import Exact, IsNull

from register import klok, roles

# model label -> confidential field -> the roles that may read it.
VERTROUWELIJK: dict[str, dict[str, frozenset[str]]] = {
    # The audit uitkomst, samenvatting and rapportkenmerk: the KMI publishes the conclusion of a certificaatbesluit,
    # not the audit report or its scores (DESIGN.md §3, Audit; answers of 30 January 2026, vraag 23).
    "certification.audit": {
        "aantal_kritische_afwijkingen": roles.LEZERS_VERTROUWELIJK,
        "aantal_afwijkingen": roles.LEZERS_VERTROUWELIJK,
        "hersteltermijn": roles.LEZERS_VERTROUWELIJK,
        "samenvatting": roles.LEZERS_VERTROUWELIJK,
        "rapportkenmerk": roles.LEZERS_VERTROUWELIJK,
    },
    "certification.certificaatbesluit": {
        "motivering_vertrouwelijk": roles.LEZERS_VERTROUWELIJK,
        "afweging_vertrouwelijk": roles.LEZERS_VERTROUWELIJK,
    },
    # Public by decision, every field (so no entry here):
    # - "certification.bezwaar": a bezwaar or beroep against a certificaatbesluit and its uitkomst are Awb steps whose
    #   outcome is published (a court's uitspraak) and shown beside the public besluit (DESIGN.md §3).
    # - "certification.aanvraag": the names of applicants are public (Aanwijzingsbesluit art. 4 d); its other fields
    #   (soort, dates, the besluit or 'ingetrokken', bron) are of the kind a certificaatbesluit shows in public. It
    #   has no motivering, the only confidential kind of field a certificaatbesluit has.
}

# Confidential fields whose presence is public: the openbaar variant says that one was recorded ("afweging vastgelegd
# (vertrouwelijk)") and the signal AFWEGING_ONTBREEKT depends on it, though its text is hidden. Filling or emptying
# such a field is therefore a change everyone can see (``_openbaar_ongewijzigd``); editing its text is not.
AANWEZIGHEID_OPENBAAR: dict[str, tuple[str, ...]] = {
    "certification.certificaatbesluit": ("afweging_vertrouwelijk",),
}

# Secrets: fields nobody reads, filters, searches or orders on through any door, whatever their role (DESIGN.md §7
# "Secrets stay secret"): a password hash, an API token's key or digest. By model, and by name for a model added
# later, so that a new secret is covered before anyone remembers to list it here.
GEHEIM: dict[str, frozenset[str]] = {
    "auth.user": frozenset({"password"}),
    "authtoken.token": frozenset({"key"}),  # DRF's plain-text tokens, emptied by gebruikers/0004
    "gebruikers.apitoken": frozenset({"digest"}),
}
GEHEIME_VELDNAMEN = frozenset({"password", "key", "digest", "token_key", "sleutel", "wachtwoord"})

# Prefixes that the admin allows in front of a field name in search_fields and ordering.
_VOORVOEGSELS = "-^=@?"


def label(model) -> str:
    """The label ("app.model") of a model given as label, class, instance or historical model/row."""
    if isinstance(model, str):
        return model.lower()
    if not isinstance(model, type):
        model = type(model)
    model = getattr(model, "instance_type", model)  # a simple-history model stands for its original
    return model._meta.label_lower


def vertrouwelijke_velden(model) -> tuple[str, ...]:
    """The confidential fields of ``model`` (names), in declaration order of the policy."""
    return tuple(VERTROUWELIJK.get(label(model), {}))


def is_vertrouwelijk(model, veld: str) -> bool:
    return veld in VERTROUWELIJK.get(label(model), {})


def is_geheim(model, veld: str) -> bool:
    """Is ``veld`` of ``model`` a secret, which no door shows, filters, searches or orders on (for anyone)?"""
    return veld in GEHEIME_VELDNAMEN or veld in GEHEIM.get(label(model), frozenset())


def mag_veld_lezen(user, model, veld: str) -> bool:
    """May ``user`` read field ``veld`` of ``model``? Fields that are not confidential: everyone."""
    lezers = VERTROUWELIJK.get(label(model), {}).get(veld)
    return lezers is None or bool(roles.rollen_van(user) & lezers)


# Fields that follow every change, confidential or not: the moment of a record's latest change moves when only a
# confidential field changed, so watching it would tell a reader who may not read that field that it changed.
# Hidden together with the confidential fields; the change feed gives such readers the moments of the changes they
# may see.
VOLGT_ELKE_WIJZIGING = ("gewijzigd_op",)

# Reasons kept as a field of the record: free text written by the same people who write the confidential fields,
# which may quote them, like the reason of a change (see "History" below). They follow that reason's rule: hidden,
# with the confidential fields, from whoever may not read those (``reden_zichtbaar`` is the same condition).
REDENEN = ("vervalreden",)


def verborgen_velden(user, model) -> frozenset[str]:
    """The fields of ``model`` that ``user`` may not read (empty for readers and for public models): the
    confidential fields the user may not read and, when there is one, the fields that follow every change and
    the reasons kept on the record."""
    verborgen = {veld for veld in vertrouwelijke_velden(model) if not mag_veld_lezen(user, model, veld)}
    if verborgen:
        verborgen.update(VOLGT_ELKE_WIJZIGING, REDENEN)
    return frozenset(verborgen)


def volgt_vertrouwelijk(model, veld: str) -> str | None:
    """Why field ``veld`` of ``model``, not confidential itself, is hidden together with the confidential fields:
    "wijziging" (it follows every change), "reden" (free text that may quote them), or None."""
    if not vertrouwelijke_velden(model):
        return None
    if veld in VOLGT_ELKE_WIJZIGING:
        return "wijziging"
    return "reden" if veld in REDENEN else None


def leest_alles(user, model) -> bool:
    return not verborgen_velden(user, model)


def mag_vertrouwelijk_lezen(user) -> bool:
    """May ``user`` read every confidential field of every model?"""
    return all(leest_alles(user, model) for model in VERTROUWELIJK)


# Who made a change (the account name) is shown to the same readers; everyone else sees the organisation.
LEZERS_AUTEUR = roles.LEZERS_VERTROUWELIJK


def mag_auteur_zien(user) -> bool:
    """May ``user`` see which account made a change, or only the organisation it belongs to?"""
    return bool(roles.rollen_van(user) & LEZERS_AUTEUR)


def pad_verborgen(user, model, pad: str) -> bool:
    """Does the lookup, ordering or search path ``pad`` (e.g. ``audits__samenvatting__icontains``,
    ``-rapportkenmerk``, ``^instelling__naam``) touch a field that ``user`` may not read, or a secret
    (``auth_token__key__startswith``, ``gebruiker__password__regex``), which nobody may?"""
    huidig = model if isinstance(model, type) else None
    if huidig is None:
        huidig = apps.get_model(label(model))
    huidig = getattr(huidig, "instance_type", huidig)
    for deel in pad.lstrip(_VOORVOEGSELS).split("__"):
        if deel == "pk":
            deel = huidig._meta.pk.name
        try:
            veld = huidig._meta.get_field(deel)
        except FieldDoesNotExist:
            return False  # the rest are lookups or transforms on a field already checked
        if is_geheim(huidig, veld.name) or veld.name in verborgen_velden(user, huidig):
            return True
        if not veld.is_relation or veld.related_model is None:
            return False
        huidig = veld.related_model
    return False


def zonder_verborgen(user, model, paden) -> list:
    """``paden`` (field names, lookups, ordering or search entries) without those touching hidden fields.
    Entries that are not strings (callables, list filter classes) are kept."""
    result = []
    for pad in paden:
        naam = pad[0] if isinstance(pad, (list, tuple)) else pad
        if isinstance(naam, str) and pad_verborgen(user, model, naam):
            continue
        result.append(pad)
    return result


# --- History ---------------------------------------------------------------------------------------
# A reader without the right must not learn from the history that a confidential field changed: an
# edit that changed no field they can read is not shown to them at all. The reason of a change is free
# text written by the same people who write the confidential fields and may quote them, so for a model
# with confidential fields only readers of those fields see it (for every change alike, so that whether
# a reason is shown says nothing either).


def _bijgehouden(veld) -> bool:
    """Bookkeeping timestamps that change on every save (auto_now/auto_now_add); not content."""
    return getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False)


def _openbare_inhoud(model) -> list:
    """The concrete fields of ``model`` that everyone may read, without the id and the bookkeeping."""
    geheim = {*vertrouwelijke_velden(model), *REDENEN}
    return [f for f in model._meta.concrete_fields if not f.primary_key and not _bijgehouden(f) and f.name not in geheim]


def _gelijk(velden) -> Q:
    """Q on a historical row: each of ``velden`` equals the same field of the outer row (NULL = NULL)."""
    q = Q()
    for veld in velden:
        naam = veld.attname
        gelijk = Q(**{naam: OuterRef(naam)})
        if veld.null:
            gelijk |= Q(**{f"{naam}__isnull": True}) & Q(IsNull(OuterRef(naam), True))
        q &= gelijk
    return q


def _m2m_historie(model):
    """(history model of the m2m snapshot, target column) per many-to-many field kept in the history."""
    historie = model.history.model
    result = []
    for veld in getattr(historie, "_history_m2m_fields", ()):
        through = veld.remote_field.through
        snapshot = next(
            r.related_model for r in historie._meta.related_objects
            if getattr(r.related_model, "instance_type", None) is through
        )
        result.append((snapshot, snapshot._meta.get_field(veld.m2m_reverse_field_name()).attname))
    return result


def _m2m_gelijk(model) -> Q:
    """Q on a historical row P (the previous version) inside an Exists on the outer row R: every m2m
    snapshot of P equals that of R (no item in one that is missing from the other)."""
    q = Q()
    for snapshot, doel in _m2m_historie(model):
        alleen_in_r = snapshot.objects.filter(history_id=OuterRef(OuterRef("history_id"))).exclude(
            Exists(snapshot.objects.filter(history_id=OuterRef(OuterRef("history_id")), **{doel: OuterRef(doel)}))
        )
        alleen_in_p = snapshot.objects.filter(history_id=OuterRef("history_id")).exclude(
            Exists(
                snapshot.objects.filter(history_id=OuterRef(OuterRef(OuterRef("history_id"))), **{doel: OuterRef(doel)})
            )
        )
        q &= ~Q(Exists(alleen_in_r)) & ~Q(Exists(alleen_in_p))
    return q


def _vorige_versie(model):
    """Subquery: history_id of the previous version of the same record (the outer row's predecessor)."""
    historie = model.history.model
    pk = model._meta.pk.attname
    return Subquery(
        historie.objects.filter(**{pk: OuterRef(pk)}, history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )


def _aanwezigheid_gelijk(model) -> Q:
    """Q on a historical row P inside an Exists on the outer row R: each field of AANWEZIGHEID_OPENBAAR is empty in
    both or filled in both (blank after trimming counts as empty, as register/rules.py reads it)."""
    q = Q()
    for naam in AANWEZIGHEID_OPENBAAR.get(label(model), ()):
        tekst = models.TextField()
        leeg_p = Q(Exact(Coalesce(Trim(naam), models.Value(""), output_field=tekst), ""))
        leeg_r = Q(Exact(Coalesce(Trim(OuterRef(naam)), models.Value(""), output_field=tekst), ""))
        q &= (leeg_p & leeg_r) | (~leeg_p & ~leeg_r)
    return q


def _openbaar_ongewijzigd(model) -> Q:
    """Q on a historical row: an update whose readable content (fields and m2m, and whether a field of
    AANWEZIGHEID_OPENBAAR is filled) equals the previous version."""
    historie = model.history.model
    zelfde = historie.objects.filter(
        _gelijk(_openbare_inhoud(model)),
        _m2m_gelijk(model),
        _aanwezigheid_gelijk(model),
        history_id=OuterRef("_vorige_versie"),
    )
    return Q(history_type="~") & Q(Exists(zelfde))


def met_zichtbaarheid(user, model, qs):
    """``qs`` (historical rows of ``model``) annotated with ``zichtbaar``: False for an update that changed
    nothing ``user`` may read. For reads that need every row but may only date what the user can see."""
    if leest_alles(user, model):
        return qs.annotate(zichtbaar=models.Value(True, output_field=models.BooleanField()))
    return qs.alias(_vorige_versie=_vorige_versie(model)).annotate(
        zichtbaar=models.ExpressionWrapper(~_openbaar_ongewijzigd(model), output_field=models.BooleanField())
    )


def zichtbare_historie(user, model, qs):
    """The historical rows of ``model`` in ``qs`` that ``user`` may see: for a reader without the right,
    updates that changed nothing they can read are left out, in the query, so counts and pages stay right."""
    if leest_alles(user, model):
        return qs
    return qs.alias(_vorige_versie=_vorige_versie(model)).exclude(_openbaar_ongewijzigd(model))


def reden_zichtbaar(user, model) -> bool:
    """May ``user`` read the reasons given for changes of ``model`` (and the REDENEN fields of its records)?"""
    return leest_alles(user, model)


def reden_voor(user, rij) -> str | None:
    """The reason of historical row ``rij`` as ``user`` may read it: None when withheld."""
    return rij.history_change_reason if reden_zichtbaar(user, rij) else None


# --- Embargo ---------------------------------------------------------------------------------------
# DESIGN.md §3, Inspectieonderzoek: a report may be entered up to 30 days before its rapportdatum (register/datums.py);
# until that day it is visible only to roles.LEZERS_EMBARGO, and to nobody else at any door (admin, API, change feed,
# Atom, open data, public pages, overviews, the response cache). Visibility follows the date: on the rapportdatum
# (Europe/Amsterdam, register/klok.py) the report is public without anyone touching it. A record under embargo is
# treated as absent (a 404 where it is asked for by id), never as refused, so that asking does not reveal it.

# Per model label: the path from a record to the date from which it is public. A model whose records belong to a
# report (its oordelen) follows the report, by a path through the relation.
EMBARGO: dict[str, str] = {
    "supervision.inspectieonderzoek": "rapportdatum",
    "supervision.oordeel": "onderzoek__rapportdatum",
    "supervision.onderzochteinstelling": "onderzoek__rapportdatum",  # a GI of a report, with its zienswijze
}


def embargo_pad(model) -> str | None:
    """The path to the date from which a record of ``model`` is public, or None for a model without embargo."""
    return EMBARGO.get(label(model))


def ziet_embargo(user) -> bool:
    """May ``user`` see records under embargo (roles.LEZERS_EMBARGO)? The public and a role-less account: no."""
    return bool(roles.rollen_van(user) & roles.LEZERS_EMBARGO)


def onder_embargo(datum, op=None) -> bool:
    """Is a record public from ``datum`` still under embargo on ``op`` (default: today in Amsterdam)?"""
    return datum is not None and datum > (op or klok.vandaag())


def _model(model):
    return getattr(model, "instance_type", None) or (model if isinstance(model, type) else apps.get_model(label(model)))


def zonder_embargo(user, model, qs, *, op=None):
    """``qs`` (records of ``model``) without the records under embargo on ``op`` (today) that ``user`` may not see;
    ``user`` None: the public. The one filter every door applies to what it lists, finds by id or counts."""
    pad = embargo_pad(model)
    if pad is None or (user is not None and ziet_embargo(user)):
        return qs
    return qs.filter(**{f"{pad}__lte": op or klok.vandaag()})


def rijen_zonder_embargo(model, rijen, *, op=None) -> list:
    """Plain rows of ``model`` (an as-recorded read, signalen/selectors.py) without those under embargo on ``op``: for
    what everyone may read, an overview or a signal. Only for a model whose date is its own field; the rows of a
    model that follows another (an oordeel) are left out with the record they belong to."""
    pad = embargo_pad(model)
    if pad is None or "__" in pad:
        return list(rijen)
    return [r for r in rijen if not onder_embargo(getattr(r, pad), op)]


def historie_zonder_embargo(user, model, qs):
    """``qs`` (historical rows of ``model``) without the history of records ``user`` may not see now because they are
    under embargo: as long as a report is, it has no history at any door for them (admin history, change feed)."""
    pad = embargo_pad(model)
    if pad is None or ziet_embargo(user):
        return qs
    if "__" in pad:  # a historical row's relation points at the current record it belongs to
        return qs.filter(**{f"{pad}__lte": klok.vandaag()})
    origineel = _model(model)
    zichtbaar = zonder_embargo(None, origineel, origineel._base_manager.all()).values("pk")
    return qs.filter(**{f"{origineel._meta.pk.attname}__in": zichtbaar})


def met_moment(user, model, qs):
    """``qs`` (historical rows of ``model``) annotated with ``moment``: when ``user`` could first see that change. That
    is its history_date, except for a change of a record that was under embargo for ``user`` when it was made: that
    one became visible at the start (Europe/Amsterdam) of the record's rapportdatum, so it is dated then. A reader of
    the change feed who asks for the changes since yesterday thus gets a report published today, whenever it was
    entered. One query to find the few rapportdata concerned."""
    pad = embargo_pad(model)
    if pad is None or ziet_embargo(user):
        return qs.annotate(moment=F("history_date"))
    rapport_pad = pad.rsplit("__", 1)[0] if "__" in pad else None
    rapport = _model(model)._meta.get_field(rapport_pad).related_model if rapport_pad else _model(model)
    datumveld = pad.rsplit("__", 1)[-1]
    vandaag = klok.vandaag()
    # The reports entered before their rapportdatum (recorded on an earlier day, in Amsterdam) that are public now.
    datums = sorted({
        datum for datum, aangemaakt in rapport._base_manager.filter(**{f"{datumveld}__lte": vandaag})
        .values_list(datumveld, "aangemaakt_op")
        if aangemaakt is not None and aangemaakt.astimezone(klok.AMSTERDAM).date() < datum
    })
    if not datums:
        return qs.annotate(moment=F("history_date"))
    if rapport_pad:
        publicatie = F(pad)
    else:
        publicatie = Subquery(rapport._base_manager.filter(pk=OuterRef(rapport._meta.pk.attname)).values(datumveld)[:1])
    begin = {datum: klok.einde_van_dag(datum - dt.timedelta(days=1)) for datum in datums}
    return qs.alias(_publicatie=publicatie).annotate(moment=Case(
        *(When(Q(_publicatie=datum, history_date__lt=begin[datum]), then=Value(begin[datum])) for datum in datums),
        default=F("history_date"),
        output_field=DateTimeField(),
    ))
