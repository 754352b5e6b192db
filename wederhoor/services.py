"""Writes of wederhoor: a reactie of the KMI (role ``kmi``) or the inspecties (role ``inspectie``). Each organisation
records, corrects and declares void only its own reacties; the organisation follows from the writer's role
(register/domein.py, register/services.py). At most one reactie per GI, year, signal code and organisation among
the records that count (the model's constraint, with a Dutch message)."""

from register.services import corrigeren, laten_vervallen, registreren
from wederhoor.models import Reactie


def reactie_registreren(*, actor, reden: str = "", **velden) -> Reactie:
    return registreren(Reactie, actor=actor, velden=velden, reden=reden)


def reactie_corrigeren(*, actor, reactie: Reactie, reden: str, **velden) -> Reactie:
    return corrigeren(reactie, actor=actor, velden=velden, reden=reden)


def reactie_laten_vervallen(*, actor, reactie: Reactie, reden: str) -> Reactie:
    return laten_vervallen(reactie, actor=actor, reden=reden)
