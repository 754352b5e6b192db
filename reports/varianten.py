"""The two variants of the Kamer overview and who may make or read each (DESIGN.md §2, §5).

The roles' rights are register/roles.py's; this module is the one place that turns a variant into them, asked by
the archive pages, the form, the API, the command and the renderers alike. Like them it needs no database.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from register import roles

OPENBAAR = "openbaar"  # public fields only
VERTROUWELIJK = "vertrouwelijk"  # adds the confidential audit findings; for toezichthouders
VARIANTEN = (OPENBAAR, VERTROUWELIJK)
ONBEKENDE_VARIANT = "Onbekende variant '{variant}'; kies 'openbaar' of 'vertrouwelijk'."


def is_vertrouwelijk(variant: str) -> bool:
    return variant == VERTROUWELIJK


def mag_genereren(actor, variant: str) -> bool:
    """Making (generating and archiving) an overview: the ministry the openbaar variant, toezichthouders both."""
    return roles.mag_kameroverzicht_maken(actor, vertrouwelijk=is_vertrouwelijk(variant))


def mag_inzien(actor, variant: str) -> bool:
    """Reading the archive: every role the openbaar variant (beheer reads everything, DESIGN.md §2), the
    vertrouwelijk variant whoever reads confidential fields."""
    return roles.mag_kameroverzicht_inzien(actor, vertrouwelijk=is_vertrouwelijk(variant))


def leesbare_varianten(actor) -> list[str]:
    return [variant for variant in VARIANTEN if mag_inzien(actor, variant)]


def vereis_inzagerecht(actor) -> None:
    if not mag_inzien(actor, OPENBAAR):
        raise PermissionDenied("U mag het archief van Kameroverzichten niet inzien; daarvoor is een rol in het register nodig.")


def vereis_bekende_variant(variant: str) -> None:
    if variant not in VARIANTEN:
        raise ValidationError({"variant": ONBEKENDE_VARIANT.format(variant=variant)})


def vereis_recht_op_variant(actor, variant: str, document: str = "Kameroverzicht") -> None:
    """Making (generating and archiving) an overview of ``variant``: the annual ``Kameroverzicht`` or an
    ``aanleidingenoverzicht`` (the same rights, DESIGN.md §2)."""
    vereis_bekende_variant(variant)
    if mag_genereren(actor, variant):
        return
    if is_vertrouwelijk(variant):
        raise PermissionDenied(
            "Alleen toezichthouders (KMI, inspecties, Raad voor Accreditatie) mogen de vertrouwelijke variant van "
            f"het {document} aanmaken. Kies de openbare variant."
        )
    raise PermissionDenied(
        f"U mag geen {document} aanmaken; dat is voorbehouden aan het ministerie en de toezichthouders."
    )
