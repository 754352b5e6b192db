"""Writes of the register. Every write checks the actor's role, validates, saves and records its history
(who, when, why) in one transaction; admin, API and loaders all come through here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from register import domein, roles, tekens
from register.models import KORTE_TEKST, Gegevensnotitie, Instelling, Monitordefinitie, Monitormeting, Omvang

# Error code of a write refused because the record is void (a conflict with its state, not bad input).
VERVALLEN = "vervallen"


class GeenSchrijfrecht(PermissionDenied):
    pass


def vereis_schrijfrecht(actor, model: type[models.Model]) -> None:
    if not domein.mag_schrijven(actor, model):
        rollen = " of ".join(f"'{rol}' ({roles.ROL_NAMEN[rol]})" for rol in domein.schrijvers_van(model))
        raise GeenSchrijfrecht(
            f"U mag geen {model._meta.verbose_name_plural} vastleggen of wijzigen; "
            f"dat is voorbehouden aan de rol {rollen}."
        )


def vereis_wijzigrecht(actor, instance: models.Model) -> None:
    """The write rule for one existing record: for a model kept per organisation (register/domein.py), only the
    organisation that recorded it corrects it or declares it void."""
    vereis_schrijfrecht(actor, type(instance))
    if not domein.mag_wijzigen(actor, instance):
        eigenaar = getattr(instance, domein.ORGANISATIEVELD)
        raise GeenSchrijfrecht(
            f"Deze {instance._meta.verbose_name} is vastgelegd namens {roles.ROL_NAMEN.get(eigenaar, eigenaar)}; u mag "
            f"alleen {instance._meta.verbose_name_plural} van uw eigen organisatie corrigeren of laten vervallen."
        )


def _met_organisatie(actor, model, velden: dict[str, Any]) -> dict[str, Any]:
    """For a model kept per organisation: the record's organisation is the writer's role, never typed."""
    organisatie = domein.organisatie_van(actor, model)
    return velden if organisatie is None else {**velden, domein.ORGANISATIEVELD: organisatie}


def _opslaan(instance: models.Model, *, actor, reden: str) -> None:
    """Validate (``full_clean``, which includes the sane-date rule of register/datums.py) and save with history
    attribution; a database constraint violation becomes a ValidationError. Called only inside the ``atomic`` of
    ``registreren``, ``corrigeren`` or ``laten_vervallen``: the ValidationError leaves that block, which rolls back
    to its own savepoint, so no second savepoint is needed here (one less pair of queries per record)."""
    instance.full_clean()
    instance._history_user = actor
    instance._change_reason = reden
    try:
        instance.save()
    except IntegrityError as exc:
        raise _botsing(exc) from exc


def _botsing(exc: IntegrityError) -> ValidationError:
    return ValidationError(
        f"De registratie botst met een bestaande registratie of een regel van het register ({exc.__class__.__name__}). "
        "Controleer de ingangsdatum en de overige gegevens."
    )


def _relaties_in_deze_versie(instance: models.Model, m2m: dict | None) -> None:
    """Set the many-to-many relations (a besluit's audits) as part of the version just saved. simple-history
    would otherwise write a second version for the relation alone, so one registration showed as two rows in
    the history ("Aangemaakt", then "Audits: [] → [...]"). The relations are set without that second version,
    and the version ``_opslaan`` wrote gets the relations as they now are."""
    if not m2m:
        return
    instance.skip_history_when_saving = True
    try:
        for naam, waarden in m2m.items():
            getattr(instance, naam).set(waarden)
    finally:
        del instance.skip_history_when_saving
    versie = instance.history.order_by("-history_id").first()  # ours: the row is locked or new in this transaction
    for veld in versie._history_m2m_fields:
        HistoricalRecords.m2m_models[veld].objects.filter(history=versie).delete()
    # The library's own snapshot of the relations; its relation models are kept on the class.
    HistoricalRecords.create_historical_record_m2ms(HistoricalRecords, versie, instance)


def _reden(reden: str) -> str:
    """The reason as kept in the history: stripped, at most KORTE_TEKST characters and without control characters
    (like every short text)."""
    reden = (reden or "").strip()
    if len(reden) > KORTE_TEKST:
        raise ValidationError(
            {"reden": f"De reden telt {len(reden)} tekens; hoogstens {KORTE_TEKST} zijn toegestaan. Kort de reden in."}
        )
    if (stuurteken := tekens.melding(reden)) is not None:
        raise ValidationError({"reden": stuurteken})
    return reden


def _vereis_reden(reden: str) -> str:
    reden = _reden(reden)
    if not reden:
        raise ValidationError({"reden": "Geef een reden op voor deze wijziging; die wordt in de historie bewaard."})
    return reden


def _onbekende_velden(model, velden: dict[str, Any]) -> None:
    bekend = {f.name for f in model._meta.get_fields() if getattr(f, "concrete", False)} | {
        f.attname for f in model._meta.concrete_fields
    }
    verboden = {"id", "vervallen", "vervalreden", "aangemaakt_op", "gewijzigd_op"}
    if domein.van(model).organisaties:
        verboden.add(domein.ORGANISATIEVELD)  # follows from the writer's role
    onbekend = sorted(set(velden) - (bekend - verboden))
    if onbekend:
        raise ValidationError({naam: f"Onbekend of niet te wijzigen veld '{naam}'." for naam in onbekend})


def voorbereiden(model: type[models.Model], *, actor, velden: dict[str, Any], reden: str = "", exclude=()):
    """Everything ``registreren`` checks before it saves, without saving: the actor's role, the fields, the
    organisation, the reason and ``full_clean``. Returns the new record, unsaved, with its history attribution (who,
    why); ``registreren`` saves one, ``in_bulk_registreren`` many at once. ``exclude``: fields that cannot be judged
    yet because they refer to a record prepared in the same write (an oordeel's onderzoek), as ``full_clean``'s."""
    vereis_schrijfrecht(actor, model)
    _onbekende_velden(model, velden)
    instance = model(**_met_organisatie(actor, model, velden))
    reden = _reden(reden) or "Geregistreerd"
    instance.full_clean(exclude=exclude or None)
    instance._history_user = actor
    instance._change_reason = reden
    return instance


@transaction.atomic
def registreren(model: type[models.Model], *, actor, velden: dict[str, Any], reden: str = "", m2m: dict | None = None):
    """Create one record of ``model`` for ``actor``."""
    instance = voorbereiden(model, actor=actor, velden=velden, reden=reden)
    try:
        instance.save()
    except IntegrityError as exc:
        raise _botsing(exc) from exc
    _relaties_in_deze_versie(instance, m2m)
    return instance


BULK_GROOTTE = 1000  # records per INSERT statement
# From this many records at once, PostgreSQL's planner statistics of the tables written are refreshed in the write.
ANALYSE_VANAF = 1000


def _statistieken_bijwerken(using: str, model: type[models.Model], aantal: int) -> None:
    """After a bulk insert that may have grown a table many times over, ANALYZE the record's table and its history
    table in the same transaction (PostgreSQL counts the transaction's own new rows), as autovacuum would only a
    minute later. The reads right after the commit (vroegsignalering's evaluation, the next pages) otherwise plan for
    the tables as they were: measured on 5,000 inspectieonderzoeken with 15,000 oordelen, the evaluation of 50 GI's
    after the import took 42-64 s instead of 3 s. ANALYZE samples a fixed number of rows, so it costs little."""
    verbinding = connections[using]
    if verbinding.vendor != "postgresql" or aantal < ANALYSE_VANAF:
        return
    tabellen = ", ".join(verbinding.ops.quote_name(m._meta.db_table) for m in (model, model.history.model))
    with verbinding.cursor() as cursor:
        cursor.execute(f"ANALYZE {tabellen}")


@transaction.atomic
def in_bulk_registreren(model: type[models.Model], *, actor, records: list[models.Model]) -> list[models.Model]:
    """Save new records prepared by ``voorbereiden`` (validated, with their history attribution) as ``registreren``
    would one by one, in a few statements: the records with ``bulk_create``, then their history rows with
    simple-history's ``bulk_history_create``, each with the actor and reason of its record (``_history_user``,
    ``_change_reason``, which that function reads before its defaults). simple-history sends no signal for a bulk
    history row, so the signal a save sends (``post_create_historical_record``) is sent here for each record:
    whatever follows a write (vroegsignalering/triggers.py) follows these too, on commit. A database constraint
    violation is the ValidationError of ``registreren``; the caller's transaction keeps all or nothing."""
    vereis_schrijfrecht(actor, model)
    if model.history.model._history_m2m_fields:  # bulk_history_create keeps no m2m history: one by one
        raise ValueError(f"{model.__name__} bewaart de historie van een m2m-veld; registreer het één voor één.")
    if not records:
        return []
    try:
        with transaction.atomic():
            opgeslagen = model._default_manager.bulk_create(records, batch_size=BULK_GROOTTE)
    except IntegrityError as exc:
        raise _botsing(exc) from exc
    if any(r.pk is None for r in opgeslagen):  # every database of the register returns the new keys
        raise RuntimeError(f"bulk_create gaf geen sleutels terug voor {model.__name__}")
    historie = model.history.bulk_history_create(opgeslagen, batch_size=BULK_GROOTTE, default_user=actor)
    using = router.db_for_write(model)
    _statistieken_bijwerken(using, model, len(opgeslagen))
    from register import standversie  # noqa: PLC0415 (standversie reads the models this module writes)

    with standversie.samen():  # the parts of the register these records belong to, moved once
        for record, rij in zip(opgeslagen, historie):
            post_create_historical_record.send(
                sender=rij.__class__, instance=record, history_instance=rij, history_date=rij.history_date,
                history_user=rij.history_user, history_change_reason=rij.history_change_reason, using=using,
            )
    return opgeslagen


@transaction.atomic
def corrigeren(instance: models.Model, *, actor, velden: dict[str, Any], reden: str, m2m: dict | None = None):
    """Correct a record; the reason is kept in its history together with the old and new values."""
    model = type(instance)
    vereis_schrijfrecht(actor, model)
    reden = _vereis_reden(reden)
    _onbekende_velden(model, velden)
    instance = model.objects.select_for_update().get(pk=instance.pk)
    vereis_wijzigrecht(actor, instance)
    if getattr(instance, "vervallen", False):
        raise ValidationError("Deze registratie is vervallen en kan niet meer worden gecorrigeerd.", code=VERVALLEN)
    for naam, waarde in velden.items():
        setattr(instance, naam, waarde)
    _opslaan(instance, actor=actor, reden=reden)
    _relaties_in_deze_versie(instance, m2m)
    return instance


@transaction.atomic
def laten_vervallen(instance: models.Model, *, actor, reden: str):
    """Declare a wrong record void: it stays in the register and its history, but no longer counts."""
    model = type(instance)
    vereis_schrijfrecht(actor, model)
    reden = _vereis_reden(reden)
    instance = model.objects.select_for_update().get(pk=instance.pk)
    vereis_wijzigrecht(actor, instance)
    if instance.vervallen:
        raise ValidationError("Deze registratie is al vervallen.", code=VERVALLEN)
    instance.vervallen = True
    instance.vervalreden = reden
    _opslaan(instance, actor=actor, reden=f"Vervallen: {reden}")
    return instance


def instelling_registreren(*, actor, reden: str = "", **velden) -> Instelling:
    return registreren(Instelling, actor=actor, velden=velden, reden=reden)


def instelling_wijzigen(*, actor, instelling: Instelling, reden: str, **velden) -> Instelling:
    return corrigeren(instelling, actor=actor, velden=velden, reden=reden)


def instelling_laten_vervallen(*, actor, instelling: Instelling, reden: str) -> Instelling:
    return laten_vervallen(instelling, actor=actor, reden=reden)


def monitormeting_registreren(*, actor, reden: str = "", **velden) -> Monitormeting:
    return registreren(Monitormeting, actor=actor, velden=velden, reden=reden)


def monitormeting_corrigeren(*, actor, meting: Monitormeting, reden: str, **velden) -> Monitormeting:
    return corrigeren(meting, actor=actor, velden=velden, reden=reden)


def monitormeting_laten_vervallen(*, actor, meting: Monitormeting, reden: str) -> Monitormeting:
    return laten_vervallen(meting, actor=actor, reden=reden)


def monitordefinitie_registreren(*, actor, reden: str = "", **velden) -> Monitordefinitie:
    return registreren(Monitordefinitie, actor=actor, velden=velden, reden=reden)


def monitordefinitie_corrigeren(*, actor, definitie: Monitordefinitie, reden: str, **velden) -> Monitordefinitie:
    return corrigeren(definitie, actor=actor, velden=velden, reden=reden)


def monitordefinitie_laten_vervallen(*, actor, definitie: Monitordefinitie, reden: str) -> Monitordefinitie:
    return laten_vervallen(definitie, actor=actor, reden=reden)


def gegevensnotitie_registreren(*, actor, tekst: str, soort: str = "aanname", instelling: Instelling | None = None,
                                bron: str = "") -> Gegevensnotitie:
    """Record a caveat about the data (functional admin, like the GI's themselves). Never changed afterwards."""
    if not roles.heeft_rol(actor, roles.BEHEER):
        raise PermissionDenied("Alleen functioneel beheer legt notities bij de gegevens vast.")
    notitie = Gegevensnotitie(
        soort=soort, instelling=instelling, tekst=(tekst or "").strip(), bron=(bron or "").strip(),
        vastgelegd_op=timezone.now(), vastgelegd_door=actor,
    )
    notitie.full_clean()
    notitie.save()
    return notitie


def omvang_registreren(*, actor, reden: str = "", **velden) -> Omvang:
    return registreren(Omvang, actor=actor, velden=velden, reden=reden)


def omvang_corrigeren(*, actor, omvang: Omvang, reden: str, **velden) -> Omvang:
    return corrigeren(omvang, actor=actor, velden=velden, reden=reden)


def omvang_laten_vervallen(*, actor, omvang: Omvang, reden: str) -> Omvang:
    return laten_vervallen(omvang, actor=actor, reden=reden)
