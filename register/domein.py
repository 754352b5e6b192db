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
from django.contrib.auth import get_user_model

from register import roles, vertrouwelijkheid


@dataclass(frozen=True)
class Domeinmodel:
    naam: str  # the resource: API path, change-feed "resource", key of the register state
    label: str  # app_label.modelname
    schrijver: str  # the one role that writes it (register/roles.py); no role writes another role's records
    sleutel: str = "id"  # how the API and the change feed name one record (a GI by afkorting, a theme by code)
    # A model that several roles write, each only the records of its own organisation (wederhoor: a Reactie of the
    # KMI, the inspecties or the ministerie): those roles, ``schrijver`` first. The record names its organisation in the field
    # ``organisatie`` (ORGANISATIEVELD), which the services fill in from the writer's role; it is never typed.
    organisaties: tuple[str, ...] = ()

    @functools.cached_property
    def model(self):
        return apps.get_model(self.label)

    @property
    def vertrouwelijke_velden(self) -> tuple[str, ...]:
        """The confidential fields, as the confidentiality policy (register/vertrouwelijkheid.py) lists them."""
        return vertrouwelijkheid.vertrouwelijke_velden(self.label)

    @property
    def schrijvers(self) -> tuple[str, ...]:
        """Every role that writes this model (for a model per organisation, each only its own records)."""
        return self.organisaties or (self.schrijver,)

    @property
    def m2m_historie(self) -> tuple[str, ...]:
        """The many-to-many fields whose history is kept with the record (simple-history ``m2m_fields``)."""
        return tuple(veld.name for veld in getattr(self.model.history.model, "_history_m2m_fields", ()))


DOMEINMODELLEN: tuple[Domeinmodel, ...] = (
    Domeinmodel("instellingen", "register.instelling", roles.BEHEER, sleutel="afkorting"),
    Domeinmodel("audits", "certification.audit", roles.KMI),
    Domeinmodel("certificaatbesluiten", "certification.certificaatbesluit", roles.KMI),
    Domeinmodel("bezwaren", "certification.bezwaar", roles.KMI),
    Domeinmodel("aanvragen", "certification.aanvraag", roles.KMI),
    Domeinmodel("toezichtbesluiten", "supervision.toezichtbesluit", roles.INSPECTIE),
    Domeinmodel("handhavingsmaatregelen", "supervision.handhavingsmaatregel", roles.INSPECTIE),
    Domeinmodel("inspectieonderzoeken", "supervision.inspectieonderzoek", roles.INSPECTIE),
    Domeinmodel("onderzochte_instellingen", "supervision.onderzochteinstelling", roles.INSPECTIE),
    Domeinmodel("oordelen", "supervision.oordeel", roles.INSPECTIE),
    Domeinmodel("themas", "supervision.thema", roles.BEHEER, sleutel="code"),
    Domeinmodel("monitormetingen", "register.monitormeting", roles.BEHEER),
    Domeinmodel("monitordefinities", "register.monitordefinitie", roles.BEHEER),
    Domeinmodel("omvang", "register.omvang", roles.BEHEER),
    Domeinmodel("reacties", "wederhoor.reactie", roles.KMI, organisaties=roles.WEDERHOOR_ORGANISATIES),
    Domeinmodel("beleidsreacties", "wederhoor.beleidsreactie", roles.MINISTERIE),
)
ORGANISATIEVELD = "organisatie"
_PER_LABEL = {d.label: d for d in DOMEINMODELLEN}


def van(model) -> Domeinmodel:
    """The registry entry of ``model``: a label, a model class or instance, or a historical (simple-history) one."""
    return _PER_LABEL[vertrouwelijkheid.label(model)]


def schrijver_van(model) -> str:
    return van(model).schrijver


def schrijvers_van(model) -> tuple[str, ...]:
    return van(model).schrijvers


def mag_schrijven(user, model) -> bool:
    """The write-permission rule (DESIGN.md §2): only the role that writes ``model`` writes it, whatever the door
    (services, admin, API); no role writes another role's records. For a model per organisation: each of its
    roles, for its own records (``mag_wijzigen``)."""
    return bool(set(schrijvers_van(model)) & roles.rollen_van(user))


def organisatie_van(user, model) -> str | None:
    """The organisation in whose name ``user`` records ``model`` when it is kept per organisation: the first of its
    roles that the user holds. None for other models, or for a user without such a role."""
    return next((rol for rol in van(model).organisaties if roles.heeft_rol(user, rol)), None)


def rollen_per_gebruiker(gebruiker_ids) -> dict[int, frozenset[str]]:
    """The roles of each account (active or not), in one query."""
    if not gebruiker_ids:
        return {}
    koppeling = get_user_model().groups.through.objects.filter(user_id__in=gebruiker_ids, group__name__in=roles.ROLLEN)
    rollen: dict[int, set[str]] = {}
    for gebruiker_id, naam in koppeling.values_list("user_id", "group__name"):
        rollen.setdefault(gebruiker_id, set()).add(naam)
    return {gebruiker_id: frozenset(namen) for gebruiker_id, namen in rollen.items()}


def organisatie_naam(rollen: frozenset[str], model) -> str | None:
    """The organisation in whose name a change was made, for readers who may not see the account
    (register/vertrouwelijkheid.py ``mag_auteur_zien``): the role that writes ``model`` when the account holds it
    (the first of them for a model kept per organisation), otherwise every role of the account; None for an
    account without a role."""
    schrijver = next((rol for rol in schrijvers_van(model) if rol in rollen), None)
    if schrijver is not None:
        return roles.ROL_NAMEN[schrijver]
    return " / ".join(roles.ROL_NAMEN[rol] for rol in roles.ROLLEN if rol in rollen) or None


def mag_wijzigen(user, record) -> bool:
    """May ``user`` correct or declare void this record? The write rule, and for a model per organisation only a
    record of the user's own organisation."""
    if not mag_schrijven(user, type(record)):
        return False
    return not van(record).organisaties or getattr(record, ORGANISATIEVELD) in roles.rollen_van(user)
