"""Writes on accounts: creating them, their roles and access, passwords and API tokens (DESIGN.md §2, §7).

Every write checks the actor, validates, saves and records an Accountwijziging in one transaction; the admin,
the API and the server-side commands all come through here.

- ``beheer`` (and a superuser) manages accounts and assigns roles to others, never to itself.
- Only a superuser changes a superuser or makes an account superuser; a first superuser is made with
  ``manage.py createsuperuser``. Permissions per user are not used: rights come from the roles.
- Accounts are deactivated, never deleted, once the history names them (``vereis_verwijderbaar``).
- System accounts get no password and no token.
- Deactivating an account, or setting its password, ends its sessions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gebruikers import accounts
from gebruikers.models import Accountwijziging, ApiToken
from gebruikers.sessies import sessies_beeindigen
from gebruikers.tweedefactor import tweede_factor_verplicht
from register import roles, tekens

REDEN_MAX = 2000
REDEN_VERPLICHT = "Geef een reden op voor deze wijziging van rollen of toegang; die wordt in de historie bewaard."
# What gebruiker_wijzigen may change, and which of it is about rights (needs a reason, never on oneself).
GEGEVENS = ("voornaam", "achternaam", "email")
TOEGANG = ("rollen", "actief", "admintoegang", "superuser")
VELD_VAN = {"voornaam": "first_name", "achternaam": "last_name", "email": "email",
            "actief": "is_active", "admintoegang": "is_staff", "superuser": "is_superuser"}

Soort = Accountwijziging.Soort


class GeenBeheerrecht(PermissionDenied):
    pass


def vereis_beheerrecht(actor) -> None:
    if not roles.mag_gebruikers_beheren(actor):
        raise GeenBeheerrecht(
            "Alleen functioneel beheer (rol 'beheer') en superusers beheren accounts, rollen en tokens."
        )


def _vereis_mag_superuser_wijzigen(actor, gebruiker) -> None:
    if gebruiker.is_superuser and not roles.is_superuser(actor):
        raise GeenBeheerrecht(
            f"'{gebruiker.get_username()}' is een superuser; alleen een superuser wijzigt dat account, zijn wachtwoord "
            "of zijn API-token."
        )


def _vereis_reden(reden: str, verplicht: bool, standaard: str) -> str:
    reden = (reden or "").strip()
    if len(reden) > REDEN_MAX:
        raise ValidationError(
            {"reden": f"De reden is te lang ({len(reden)} tekens); gebruik er hoogstens {REDEN_MAX}."}
        )
    if verplicht and not reden:
        raise ValidationError({"reden": REDEN_VERPLICHT})
    if (stuurteken := tekens.melding(reden)) is not None:
        raise ValidationError({"reden": stuurteken})
    return reden or standaard


def _geldige_rollen(rollen: Iterable[str]) -> list[str]:
    rollen = sorted(set(rollen))
    onbekend = [rol for rol in rollen if rol not in roles.ROLLEN]
    if onbekend:
        raise ValidationError({"rollen": f"Onbekende rol {', '.join(onbekend)}; kies uit {', '.join(roles.ROLLEN)}."})
    return rollen


def _toestand(gebruiker) -> dict:
    toestand = {sleutel: getattr(gebruiker, veld) for sleutel, veld in VELD_VAN.items()}
    toestand["rollen"] = sorted(roles.toegekende_rollen(gebruiker))
    return toestand


def _vastleggen(*, gebruiker, door, soort: str, reden: str, oud: dict | None = None, nieuw: dict | None = None):
    return Accountwijziging.objects.create(
        gebruiker=gebruiker, door=door, soort=soort, oud=oud or {}, nieuw=nieuw or {}, reden=reden
    )


def _rollen_zetten(gebruiker, rollen: list[str]) -> None:
    gebruiker.groups.set(Group.objects.filter(name__in=rollen))
    gebruiker.__dict__.pop("_gi_rollen", None)


def _vereis_wachtwoord(wachtwoord: str, gebruiker) -> None:
    try:
        validate_password(wachtwoord, gebruiker)
    except ValidationError as exc:
        raise ValidationError({"wachtwoord": exc.messages}) from None


@transaction.atomic
def gebruiker_aanmaken(
    *, actor, gebruikersnaam: str, wachtwoord: str, voornaam: str = "", achternaam: str = "", email: str = "",
    rollen: Iterable[str] = (), admintoegang: bool = True, reden: str = "",
):
    """A personal account with a password; roles as given. Never a superuser (``manage.py createsuperuser``)."""
    vereis_beheerrecht(actor)
    rollen = _geldige_rollen(rollen)
    reden = _vereis_reden(reden, False, "Account aangemaakt")
    if gebruikersnaam in accounts.DEMO_GEBRUIKERS or gebruikersnaam in accounts.SYSTEEMACCOUNTS:
        raise ValidationError(
            {"gebruikersnaam": f"'{gebruikersnaam}' is gereserveerd voor een demo- of systeemaccount; "
             "kies een andere gebruikersnaam."}
        )
    gebruiker = get_user_model()(
        username=gebruikersnaam, first_name=voornaam, last_name=achternaam, email=email, is_staff=admintoegang
    )
    _vereis_wachtwoord(wachtwoord, gebruiker)
    gebruiker.set_password(wachtwoord)
    gebruiker.full_clean()
    gebruiker.save()
    _rollen_zetten(gebruiker, rollen)
    _vastleggen(gebruiker=gebruiker, door=actor, soort=Soort.AANGEMAAKT, nieuw=_toestand(gebruiker), reden=reden)
    return gebruiker


@transaction.atomic
def gebruiker_wijzigen(*, actor, gebruiker, reden: str = "", **wijziging) -> Accountwijziging | None:
    """Change roles, access (actief, admintoegang, superuser) or name and e-mail of ``gebruiker``.

    Only what differs is changed and recorded (old and new value, who, why); None when nothing differs."""
    vereis_beheerrecht(actor)
    _vereis_mag_superuser_wijzigen(actor, gebruiker)
    onbekend = sorted(set(wijziging) - set(GEGEVENS) - set(TOEGANG))
    if onbekend:
        raise ValidationError({naam: f"Onbekend of niet te wijzigen gegeven '{naam}'." for naam in onbekend})
    if "rollen" in wijziging:
        wijziging["rollen"] = _geldige_rollen(wijziging["rollen"])
    oud = _toestand(gebruiker)
    anders = {sleutel: waarde for sleutel, waarde in wijziging.items() if oud[sleutel] != waarde}
    if not anders:
        return None
    rechten = [sleutel for sleutel in TOEGANG if sleutel in anders]
    if rechten and actor.pk == gebruiker.pk:
        raise GeenBeheerrecht(
            "U kunt uw eigen rollen en toegang niet wijzigen (rollen, actief, toegang tot de beheeromgeving, "
            "superuser); vraag dat aan een andere beheerder."
        )
    if "superuser" in anders and not roles.is_superuser(actor):
        raise GeenBeheerrecht(
            "Alleen een superuser maakt een account superuser of neemt dat af. Een eerste superuser maakt u op de "
            "server met 'manage.py createsuperuser'."
        )
    reden = _vereis_reden(reden, bool(rechten), "Gegevens bijgewerkt")
    velden = [VELD_VAN[sleutel] for sleutel in anders if sleutel in VELD_VAN]
    for sleutel in anders:
        if sleutel in VELD_VAN:
            setattr(gebruiker, VELD_VAN[sleutel], anders[sleutel])
    if velden:
        gebruiker.full_clean(exclude=["password"])
        gebruiker.save(update_fields=velden)
    if "rollen" in anders:
        _rollen_zetten(gebruiker, anders["rollen"])
    if anders.get("actief") is False:
        sessies_beeindigen(gebruiker)  # logged out now, and not logged in again when reactivated
    return _vastleggen(
        gebruiker=gebruiker, door=actor, soort=Soort.GEWIJZIGD, reden=reden,
        oud={sleutel: oud[sleutel] for sleutel in anders}, nieuw=anders,
    )


def rollen_wijzigen(*, actor, gebruiker, rollen: Iterable[str], reden: str) -> Accountwijziging | None:
    """Give ``gebruiker`` exactly these roles (never oneself); recorded with the old and new roles."""
    return gebruiker_wijzigen(actor=actor, gebruiker=gebruiker, rollen=rollen, reden=reden)


@transaction.atomic
def wachtwoord_instellen(*, actor, gebruiker, wachtwoord: str, reden: str = "") -> Accountwijziging:
    """Set another account's password (e.g. when it was forgotten); one's own goes through 'Wachtwoord wijzigen'."""
    vereis_beheerrecht(actor)
    _vereis_mag_superuser_wijzigen(actor, gebruiker)
    if actor.pk == gebruiker.pk:
        raise GeenBeheerrecht(
            "Uw eigen wachtwoord wijzigt u via 'Wachtwoord wijzigen' rechtsboven; daar vraagt het register uw "
            "huidige wachtwoord."
        )
    if accounts.is_systeemaccount(gebruiker):
        raise ValidationError(
            {"wachtwoord": f"'{gebruiker.get_username()}' is een systeemaccount; dat krijgt geen wachtwoord en kan "
             "niet inloggen."}
        )
    reden = _vereis_reden(reden, False, "Wachtwoord ingesteld door beheer")
    _vereis_wachtwoord(wachtwoord, gebruiker)
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    sessies_beeindigen(gebruiker)
    return _vastleggen(gebruiker=gebruiker, door=actor, soort=Soort.WACHTWOORD, reden=reden)


def _token_ontvanger(gebruikersnaam: str):
    """The account a token is issued to, by both doors (admin/API and the server command): it must exist and be
    allowed to sign in (not a system, inactive or, with DEBUG off, demo account)."""
    gebruiker = get_user_model().objects.filter(username=gebruikersnaam).first()
    if gebruiker is None:
        raise ValidationError({"gebruiker": f"Er is geen gebruiker '{gebruikersnaam}'."})
    geweigerd = accounts.aanmelden_geweigerd(gebruiker)
    if geweigerd:
        raise ValidationError({"gebruiker": geweigerd})
    return gebruiker


@transaction.atomic
def token_uitgeven(*, actor, gebruikersnaam: str, reden: str = "") -> ApiToken:
    """A new API token for a system of KMI or the inspecties; an earlier token of that account stops working.

    The token is stored as a digest only; its key is on the returned token as ``sleutel``, to be shown this once."""
    vereis_beheerrecht(actor)
    gebruiker = _token_ontvanger(gebruikersnaam)
    _vereis_mag_superuser_wijzigen(actor, gebruiker)
    if gebruiker.pk == actor.pk:
        raise GeenBeheerrecht(
            "U kunt uzelf geen token geven: een token is voor een systeem, niet voor een beheerder. "
            "Laat een andere beheerder het token uitgeven aan het account van dat systeem."
        )
    return _nieuw_token(gebruiker, door=actor, reden=reden)


@transaction.atomic
def token_uitgeven_op_server(gebruikersnaam: str, *, reden: str = "") -> ApiToken:
    """A new API token issued by a command on the server (``manage.py token_uitgeven``; there is no actor): the
    same accounts are refused as by ``token_uitgeven`` (system, inactive and, with DEBUG off, demo accounts); the
    history records it with ``door`` empty."""
    gebruiker = _token_ontvanger(gebruikersnaam)
    return _nieuw_token(gebruiker, door=None, reden=reden)


def _nieuw_token(gebruiker, *, door, reden: str) -> ApiToken:
    reden = _vereis_reden(reden, False, "Token uitgegeven")
    oud = ApiToken.objects.filter(gebruiker=gebruiker).first()
    if oud is not None:
        oud.delete()
    token = ApiToken.nieuw(gebruiker)
    _vastleggen(
        gebruiker=gebruiker, door=door, soort=Soort.TOKEN_UITGEGEVEN, reden=reden,
        oud={"token_van": oud.aangemaakt_op.isoformat()} if oud else {},
        nieuw={"token_van": token.aangemaakt_op.isoformat()},
    )
    return token


@transaction.atomic
def token_intrekken(*, actor, gebruiker, reden: str = "") -> Accountwijziging | None:
    """Revoke the API token of ``gebruiker``; None when it had none. A superuser's token only by a superuser."""
    vereis_beheerrecht(actor)
    _vereis_mag_superuser_wijzigen(actor, gebruiker)
    reden = _vereis_reden(reden, False, "Token ingetrokken")
    token = ApiToken.objects.filter(gebruiker=gebruiker).first()
    if token is None:
        return None
    token.delete()
    return _vastleggen(
        gebruiker=gebruiker, door=actor, soort=Soort.TOKEN_INGETROKKEN, reden=reden,
        oud={"token_van": token.aangemaakt_op.isoformat()},
    )


@transaction.atomic
def serveraccount_inrichten(
    gebruikersnaam: str,
    *,
    naam: str,
    rollen: Iterable[str],
    reden: str,
    wachtwoord: str | None = None,
    admintoegang: bool = False,
):
    """An account set up by a command on the server (there is no actor): a system account without a password
    (``wachtwoord`` None) or a demo account. Idempotent; a change of its roles is recorded with ``door`` empty."""
    rollen = _geldige_rollen(rollen)
    gebruiker, nieuw = get_user_model().objects.get_or_create(
        username=gebruikersnaam, defaults={"first_name": naam, "is_staff": admintoegang}
    )
    if wachtwoord is None and (nieuw or gebruiker.has_usable_password()):
        gebruiker.set_unusable_password()
        gebruiker.save(update_fields=["password"])
    elif nieuw:
        gebruiker.set_password(wachtwoord)
        gebruiker.save(update_fields=["password"])
    oude_rollen = sorted(roles.toegekende_rollen(gebruiker))
    if nieuw or oude_rollen != rollen:
        _rollen_zetten(gebruiker, rollen)
        _vastleggen(
            gebruiker=gebruiker, door=None, soort=Soort.AANGEMAAKT if nieuw else Soort.GEWIJZIGD, reden=reden,
            oud={} if nieuw else {"rollen": oude_rollen}, nieuw=_toestand(gebruiker) if nieuw else {"rollen": rollen},
        )
    return gebruiker


def systeemaccount(gebruikersnaam: str):
    """The system account a server-side command records its writes under (gebruikers.accounts.SYSTEEMACCOUNTS)."""
    naam, rollen = accounts.SYSTEEMACCOUNTS[gebruikersnaam]
    return serveraccount_inrichten(
        gebruikersnaam, naam=naam, rollen=rollen, reden="Systeemaccount ingericht door een opdracht op de server"
    )


def vereis_verwijderbaar(gebruiker) -> None:
    """Users are deactivated, never deleted, once a record that outlives them names them (DESIGN.md §7): the
    history of every register model, the archive of Kamer overviews and the account history. Records that go
    with the account (its token, sessions, admin log) do not count."""
    for model in apps.get_models(include_auto_created=True):
        for veld in model._meta.concrete_fields:
            if (
                veld.is_relation
                and veld.related_model is type(gebruiker)
                and veld.remote_field.on_delete is not models.CASCADE
                and model._default_manager.filter(**{veld.name: gebruiker}).exists()
            ):
                raise models.ProtectedError(
                    f"Het account '{gebruiker.get_username()}' komt voor in de historie van het register en wordt "
                    "daarom niet verwijderd. Zet het op inactief (vinkje 'Actief' uit); het blijft dan in de historie "
                    "staan maar kan niet meer inloggen.",
                    set(),
                )


def tweede_factor_nieuwe_app(*, gebruiker) -> TOTPDevice:
    """The authenticator app ``gebruiker`` is setting up: a new secret, not yet in use (``tweede_factor_bevestigen``
    puts it in use). The same one until it is confirmed, so reloading the page keeps the secret typed into the app."""
    if accounts.is_systeemaccount(gebruiker):
        raise ValidationError(
            {"gebruiker": f"'{gebruiker.get_username()}' is een systeemaccount; dat logt niet in en krijgt geen tweede factor."}
        )
    app = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).first()
    return app or TOTPDevice.objects.create(user=gebruiker, name="authenticator-app", confirmed=False)


@transaction.atomic
def tweede_factor_bevestigen(*, gebruiker, app: TOTPDevice, code: str) -> bool:
    """Confirms the authenticator app ``gebruiker`` is setting up with a code it shows; it replaces an earlier app.
    False (nothing changed) when the code is wrong. Recorded in the account's history."""
    app = TOTPDevice.objects.select_for_update().get(pk=app.pk, user=gebruiker, confirmed=False)
    if not app.verify_token(code):
        return False
    eerder = TOTPDevice.objects.filter(user=gebruiker).exclude(pk=app.pk)
    vervangen = eerder.filter(confirmed=True).exists()
    eerder.delete()
    app.confirmed = True
    app.save(update_fields=["confirmed"])
    _vastleggen(
        gebruiker=gebruiker, door=gebruiker, soort=Soort.TWEEDE_FACTOR,
        reden="Authenticator-app vervangen" if vervangen else "Authenticator-app ingesteld",
    )
    return True


@transaction.atomic
def tweede_factor_verwijderen(*, actor, gebruiker, reden: str = "") -> Accountwijziging | None:
    """Removes the second factor of ``gebruiker``: by functional admin (a lost phone; the account sets up a new
    app at its next login when its role requires one), or by the account itself when its role does not require
    one. Ends the account's sessions. None when it had none."""
    if actor.pk == gebruiker.pk:
        if tweede_factor_verplicht(gebruiker):
            raise GeenBeheerrecht(
                "Voor uw rol is een tweede factor verplicht; u kunt die vervangen door een nieuwe app, niet "
                "uitzetten. Bent u uw telefoon kwijt, vraag dan een andere beheerder de tweede factor te verwijderen."
            )
    else:
        vereis_beheerrecht(actor)
        _vereis_mag_superuser_wijzigen(actor, gebruiker)
    reden = _vereis_reden(reden, actor.pk != gebruiker.pk, "Tweede factor uitgezet")
    apps_ = TOTPDevice.objects.filter(user=gebruiker)
    had = apps_.filter(confirmed=True).exists()
    apps_.delete()
    if not had:
        return None
    if actor.pk != gebruiker.pk:
        sessies_beeindigen(gebruiker)
    return _vastleggen(gebruiker=gebruiker, door=actor, soort=Soort.TWEEDE_FACTOR_WEG, reden=reden)
