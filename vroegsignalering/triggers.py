"""When to evaluate: after every write of a domain model, once per GI per committed transaction.

Every write through the services, the admin, the API or a loader saves a historical record (django-simple-history)
in the write's transaction. ``wijziging_genoteerd`` notes the GI that write concerns and asks for an evaluation on
commit (``transaction.on_commit``): a rolled-back write is never evaluated, and a transaction that writes many
records of one GI (the example data, a report with its oordelen) evaluates each GI once.

This is only the trigger (no rule lives here); the evaluation is ``services.signalen_evalueren``. A historical
record is the hook rather than ``post_save``: it is what every write of the register leaves, including a
correction or a record declared void, and a model of the register is named once, in register/domein.py."""

from __future__ import annotations

import logging

from django.db import transaction

from register import domein, vertrouwelijkheid
from vroegsignalering import services

logger = logging.getLogger(__name__)

ALLE = None  # a change that may concern every GI (a theme: the signal rules read theme codes)
# A reactie answers a signal and changes none (and must not start an evaluation of its own); a monitor figure
# is read by no signal rule.
ZONDER_GEVOLG = frozenset({"wederhoor.reactie", "register.monitormeting", "register.omvang"})


def _instellingen_van(instance) -> set[int] | None | bool:
    """The GI's whose signals a write of ``instance`` may change: their ids, ALLE, or False for none."""
    label = instance._meta.label_lower
    if label == "register.instelling":
        return {instance.pk}
    if hasattr(instance, "instelling_id"):  # an oordeel and a GI of a report name their GI
        return {instance.instelling_id} if instance.instelling_id else False
    if hasattr(instance, "onderzochte_instellingen"):  # a report: each GI it concerns
        return set(instance.onderzochte_instellingen.values_list("instelling_id", flat=True)) or False
    return ALLE


class _Wachtrij:
    """The GI's noted on one connection, waiting for its transaction's commit. Filled by every write and emptied
    by the first commit callback that runs; callbacks of a rolled-back transaction are dropped by Django, and what
    they noted is at worst evaluated once more after the next commit, which changes nothing (an evaluation that finds
    the same signals records no melding)."""

    def __init__(self):
        self.instellingen: set[int] = set()
        self.alle = False
        self.embargo: dict[int, bool] = {}  # reports under embargo saved: id -> created in this transaction

    def leeg(self) -> tuple[bool, set[int], dict[int, bool]]:
        alle, instellingen, embargo = self.alle, self.instellingen, self.embargo
        self.alle, self.instellingen, self.embargo = False, set(), {}
        return alle, instellingen, embargo


def _wachtrij(using: str) -> _Wachtrij:
    verbinding = transaction.get_connection(using)
    wachtrij = getattr(verbinding, "_vroegsignalering", None)
    if wachtrij is None:
        wachtrij = verbinding._vroegsignalering = _Wachtrij()
    return wachtrij


def wijziging_genoteerd(sender, instance, using=None, **kwargs):
    """Receiver of simple-history's ``post_create_historical_record``."""
    label = instance._meta.label_lower
    if label in ZONDER_GEVOLG or label not in {d.label for d in domein.DOMEINMODELLEN}:
        return
    using = using or "default"
    wachtrij = _wachtrij(using)
    if vertrouwelijkheid.embargo_pad(instance) == "rapportdatum" and vertrouwelijkheid.onder_embargo(instance.rapportdatum):
        # a report under embargo: told in advance to those who may see it (services.embargomeldingen_vastleggen);
        # noted before its GI's, which a new report gets only after its own record
        history = kwargs.get("history_instance")
        nieuw = getattr(history, "history_type", "") == "+"
        wachtrij.embargo[instance.pk] = wachtrij.embargo.get(instance.pk, False) or nieuw
        transaction.on_commit(lambda: _na_commit(using), using=using, robust=True)
    history = kwargs.get("history_instance")
    if getattr(history, "history_type", "") == "+" and label == "supervision.inspectieonderzoek":
        return  # a new report has no GI yet: the links to its GI's note them
    instellingen = _instellingen_van(instance)
    if instellingen is False:
        return
    if instellingen is ALLE:
        wachtrij.alle = True
    else:
        wachtrij.instellingen |= instellingen
    transaction.on_commit(lambda: _na_commit(using), using=using, robust=True)


def _na_commit(using: str) -> None:
    alle, instellingen, embargo = _wachtrij(using).leeg()
    if embargo:
        services.embargomeldingen_vastleggen(onderzoeken=embargo)
    if not alle and not instellingen:
        return  # an earlier callback of this commit did the work
    services.signalen_evalueren(instelling_ids=None if alle else instellingen)
