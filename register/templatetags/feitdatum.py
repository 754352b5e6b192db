"""Template filters for a fact's date as its datumkwaliteit allows (register/teksten.py): a ``maand`` date as its
month, a ``geschat`` one with "(geschat)"."""

from django import template

from register.teksten import feitdatum_tekst

register = template.Library()


@register.filter
def feitdatum(feit, veld: str) -> str:
    """``{{ onderzoek|feitdatum:"rapportdatum" }}``: the field of the fact in digits (01-09-2025)."""
    return feitdatum_tekst(getattr(feit, veld, None), getattr(feit, "datumkwaliteit", "exact"))


@register.filter
def feitdatum_zin(feit, veld: str) -> str:
    """``{{ besluit|feitdatum_zin:"ingangsdatum" }}``: the field of the fact in a sentence (1 september 2025)."""
    return feitdatum_tekst(getattr(feit, veld, None), getattr(feit, "datumkwaliteit", "exact"), vorm="tekst")
