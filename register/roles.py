"""Roles (DESIGN.md §2): each user group, what it writes and whether it reads confidential fields."""

from django.contrib.auth.models import AnonymousUser

KMI = "kmi"
INSPECTIE = "inspectie"
RVA = "rva"
MINISTERIE = "ministerie"
BEHEER = "beheer"
ROLLEN = (KMI, INSPECTIE, RVA, MINISTERIE, BEHEER)

ROL_NAMEN = {
    KMI: "Keurmerkinstituut",
    INSPECTIE: "Inspecties (IGJ / Inspectie JenV)",
    RVA: "Raad voor Accreditatie",
    MINISTERIE: "Ministerie (JenV / VWS)",
    BEHEER: "Functioneel beheer",
}

# Which role writes which model ("app_label.modelname"). No role writes another role's records.
SCHRIJVER = {
    "certification.audit": KMI,
    "certification.certificaatbesluit": KMI,
    "supervision.toezichtbesluit": INSPECTIE,
    "supervision.handhavingsmaatregel": INSPECTIE,
    "supervision.inspectieonderzoek": INSPECTIE,
    "supervision.oordeel": INSPECTIE,
    "supervision.thema": BEHEER,
    "register.instelling": BEHEER,
    "register.monitormeting": BEHEER,
}

# Toezichthouders (and beheer) may read the confidential certification fields.
LEZERS_VERTROUWELIJK = frozenset({KMI, INSPECTIE, RVA, BEHEER})
# Only toezichthouders may generate the vertrouwelijk variant of the Kamer overview.
TOEZICHTHOUDERS = frozenset({KMI, INSPECTIE, RVA})


def rollen_van(user) -> frozenset[str]:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_gi_rollen", None)
    if cached is None:
        cached = frozenset(name for name in user.groups.values_list("name", flat=True) if name in ROLLEN)
        user._gi_rollen = cached
    return cached


def heeft_rol(user, rol: str) -> bool:
    return rol in rollen_van(user)


def mag_vertrouwelijk_lezen(user) -> bool:
    return bool(rollen_van(user) & LEZERS_VERTROUWELIJK)


def is_toezichthouder(user) -> bool:
    return bool(rollen_van(user) & TOEZICHTHOUDERS)


def schrijver_van(model) -> str:
    return SCHRIJVER[model._meta.label_lower]


def mag_schrijven(user, model) -> bool:
    return schrijver_van(model) in rollen_van(user)
