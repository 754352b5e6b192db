"""The one registry of the domain models: what the register holds, by resource name, and which role writes it.

Every door that goes over "all models" reads this list: the API routes and the change feed (the resource
names and keys), the Kamer overview's register state (the history read of every model), the write-permission
rule (``mag_schrijven``, asked by the services and the admin) and, through the confidentiality policy
(register/vertrouwelijkheid.py), the confidential fields of each model.

The ground floor imports nothing above it, so a model is named by its label ("certification.audit") and
looked up in Django's app registry when it is first asked for, the same way a ForeignKey names a model of
another app. The order is the order of the change feed for changes made at the same instant.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.apps import apps

from register import roles, vertrouwelijkheid


@dataclass(frozen=True)
class Domeinmodel:
    naam: str  # the resource: API path, change-feed "resource", key of the register state
    label: str  # app_label.modelname
    schrijver: str  # the one role that writes it (register/roles.py); no role writes another role's records
    sleutel: str = "id"  # how the API and the change feed name one record (a GI by afkorting, a theme by code)

    @functools.cached_property
    def model(self):
        return apps.get_model(self.label)

    @property
    def vertrouwelijke_velden(self) -> tuple[str, ...]:
        """The confidential fields, as the confidentiality policy (register/vertrouwelijkheid.py) lists them."""
        return vertrouwelijkheid.vertrouwelijke_velden(self.label)

    @property
    def m2m_historie(self) -> tuple[str, ...]:
        """The many-to-many fields whose history is kept with the record (simple-history ``m2m_fields``)."""
        return tuple(veld.name for veld in getattr(self.model.history.model, "_history_m2m_fields", ()))


DOMEINMODELLEN: tuple[Domeinmodel, ...] = (
    Domeinmodel("instellingen", "register.instelling", roles.BEHEER, sleutel="afkorting"),
    Domeinmodel("audits", "certification.audit", roles.KMI),
    Domeinmodel("certificaatbesluiten", "certification.certificaatbesluit", roles.KMI),
    Domeinmodel("toezichtbesluiten", "supervision.toezichtbesluit", roles.INSPECTIE),
    Domeinmodel("handhavingsmaatregelen", "supervision.handhavingsmaatregel", roles.INSPECTIE),
    Domeinmodel("inspectieonderzoeken", "supervision.inspectieonderzoek", roles.INSPECTIE),
    Domeinmodel("oordelen", "supervision.oordeel", roles.INSPECTIE),
    Domeinmodel("themas", "supervision.thema", roles.BEHEER, sleutel="code"),
    Domeinmodel("monitormetingen", "register.monitormeting", roles.BEHEER),
)
_PER_LABEL = {d.label: d for d in DOMEINMODELLEN}


def van(model) -> Domeinmodel:
    """The registry entry of ``model``: a label, a model class or instance, or a historical (simple-history) one."""
    return _PER_LABEL[vertrouwelijkheid.label(model)]


def schrijver_van(model) -> str:
    return van(model).schrijver


def mag_schrijven(user, model) -> bool:
    """The write-permission rule (DESIGN.md §2): only the role that writes ``model`` writes it, whatever the door
    (services, admin, API); no role writes another role's records."""
    return roles.heeft_rol(user, schrijver_van(model))
