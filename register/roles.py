"""Roles (DESIGN.md §2): each user group, who holds it, and what it may read and make.

Which role writes which model is a column of the registry of domain models (register/domein.py), which also
holds the write rule ``mag_schrijven``."""

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

# Toezichthouders (and beheer) may read the confidential certification fields.
LEZERS_VERTROUWELIJK = frozenset({KMI, INSPECTIE, RVA, BEHEER})
# The organisations that give a reactie (wederhoor) on a signal, in the order the overview prints them: the KMI, the
# inspecties, and the ministerie (its beleidsreactie on the signal, DESIGN.md §3 Reactie). Defined here only.
WEDERHOOR_ORGANISATIES = (KMI, INSPECTIE, MINISTERIE)
# Only toezichthouders may generate the vertrouwelijk variant of the Kamer overview.
TOEZICHTHOUDERS = frozenset({KMI, INSPECTIE, RVA})
# Who sees an inspection report under embargo, before its rapportdatum (DESIGN.md §3, Inspectieonderzoek: "visible only
# to the toezichthouders and the ministerie (who are informed in advance), and to nobody else"): the toezichthouders
# (KMI, inspecties, RvA: the KMI is told in advance so that certification and toezicht stay in step) and the
# ministerie (DESIGN.md §2: "public fields only (and reports under embargo)"). Not beheer: it reads everything that is
# in the register, but a report under embargo is not yet for anyone outside those told in advance. Used by the policy
# (register/vertrouwelijkheid.py) and by the melding in advance (vroegsignalering/); defined here only.
LEZERS_EMBARGO = TOEZICHTHOUDERS | {MINISTERIE}


def rollen_van(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:  # the public (AnonymousUser) has no role
        return frozenset()
    cached = getattr(user, "_gi_rollen", None)
    if cached is None:
        cached = frozenset(name for name in user.groups.values_list("name", flat=True) if name in ROLLEN)
        user._gi_rollen = cached
    return cached


def heeft_rol(user, rol: str) -> bool:
    return rol in rollen_van(user)


def is_lezer_vertrouwelijk(user) -> bool:
    """Does ``user`` hold a role of LEZERS_VERTROUWELIJK? The roles the policy names as readers of the confidential
    fields (register/vertrouwelijkheid.py) and of the vertrouwelijk Kamer overview. Whether a user may read the
    confidential fields themselves is asked of the policy: ``vertrouwelijkheid.mag_vertrouwelijk_lezen``."""
    return bool(rollen_van(user) & LEZERS_VERTROUWELIJK)


def is_toezichthouder(user) -> bool:
    return bool(rollen_van(user) & TOEZICHTHOUDERS)


def mag_inzien(user) -> bool:
    """Reading the register behind the login (admin, archive): every role; §2 "reads everything"."""
    return bool(rollen_van(user))


def is_superuser(user) -> bool:
    """A superuser (made with ``manage.py createsuperuser``) manages accounts; it holds no role by itself."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def mag_gebruikers_beheren(user) -> bool:
    """Accounts, roles and API tokens: functional admin (``beheer``) and superusers."""
    return heeft_rol(user, BEHEER) or is_superuser(user)


def mag_kameroverzicht_maken(user, *, vertrouwelijk: bool) -> bool:
    """The ministry makes the openbaar Kamer overview; only toezichthouders also the vertrouwelijk one."""
    if vertrouwelijk:
        return is_toezichthouder(user)
    return is_toezichthouder(user) or heeft_rol(user, MINISTERIE)


def mag_kameroverzicht_inzien(user, *, vertrouwelijk: bool) -> bool:
    """Every role reads the archived openbaar overviews; the vertrouwelijk ones the readers of confidential fields."""
    return is_lezer_vertrouwelijk(user) if vertrouwelijk else mag_inzien(user)


def toegekende_rollen(user) -> frozenset[str]:
    """The roles an account holds, also when it is deactivated: for naming the author of a change in the
    history. Rights are asked with ``rollen_van``, which gives an inactive account none."""
    if user is None or not getattr(user, "pk", None):
        return frozenset()
    return frozenset(name for name in user.groups.values_list("name", flat=True) if name in ROLLEN)
