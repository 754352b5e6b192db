"""A CSV cell that is safe to open in a spreadsheet: every CSV the register writes (the Kamer overview, open data,
the historical export) passes ``csv_cel``, and the import takes its apostrophe off again (historisch/soorten.py)."""

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def csv_cel(waarde):
    """A CSV cell that a spreadsheet shows and never runs: text starting with =, +, -, @, tab or CR gets a
    leading apostrophe (OWASP). A number the overview computed itself (aantal audits, …) is written as a
    number, also when negative: it comes from an int, never from entered text, so it cannot be a formula."""
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return waarde
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_BEGIN) else tekst
