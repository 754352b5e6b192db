"""Which accounts may sign in (password or token): the one rule asked by the login backend, the token
authentication of the API and the token service.

- A *system account* has no usable password. Server-side commands (``manage.py load_voorbeelddata``,
  ``manage.py kameroverzicht``) record their writes under one, so the history names the process; it never
  signs in and gets no token.
- A *demo account* (one per role, username = the role) exists for local use; it works only while DEBUG is on,
  also when the database was loaded with DEBUG on and the server runs with DEBUG off.
"""

from __future__ import annotations

from django.conf import settings

from register import roles

# Demo accounts: username -> role. Created by voorbeelddata/services.py only with DEBUG on; named in the README.
DEMO_GEBRUIKERS = {rol: rol for rol in roles.ROLLEN}
DEMO_WACHTWOORD = "demo-{rol}-2026"

# The system accounts of the server-side commands: username -> (display name, roles).
VOORBEELDDATA = "voorbeelddata"
KAMEROVERZICHT = "systeem-kameroverzicht"
SYSTEEMACCOUNTS = {
    VOORBEELDDATA: ("Laadproces voorbeelddata", (roles.KMI, roles.INSPECTIE, roles.BEHEER)),
    # ministerie and rva (a read-only toezichthouder): both variants of the overview can be made on the server.
    KAMEROVERZICHT: ("Systeem Kameroverzicht", (roles.MINISTERIE, roles.RVA)),
}


def is_systeemaccount(user) -> bool:
    return not user.has_usable_password()


def is_demogebruiker(user) -> bool:
    return user.get_username() in DEMO_GEBRUIKERS


def aanmelden_geweigerd(user) -> str | None:
    """Why ``user`` may not sign in or use a token, in Dutch; None when it may."""
    if not user.is_active:
        return "Dit account is gedeactiveerd. Vraag functioneel beheer om het weer te activeren."
    if is_systeemaccount(user):
        return (
            f"'{user.get_username()}' is een systeemaccount zonder wachtwoord; het kan niet inloggen en krijgt "
            "geen token. Gebruik een persoonlijk account."
        )
    if is_demogebruiker(user) and not settings.DEBUG:
        return (
            f"'{user.get_username()}' is een demo-account; dat werkt alleen met DEBUG aan. "
            "Gebruik een persoonlijk account."
        )
    return None
