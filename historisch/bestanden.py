"""Reading and writing the files of an import or export: CSV (semicolon or comma, UTF-8 or Windows-1252) and
XLSX (the first sheet). A file is a header row with column names and one row per record; nothing else."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from xml.parsers import expat

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from register import tekens
from register.csvcel import csv_cel

CSV, XLSX = "csv", "xlsx"
FORMATEN = (CSV, XLSX)
# The bounds of one file (README, "Historische gegevens importeren"): every one is checked before the part of the
# file it bounds is read, so no file costs more time or memory than a file at the bounds.
MAX_BYTES = 1_000_000  # a file of historic records; larger files are split
MAX_RIJEN = 5_000
MAX_KOLOMMEN = 200  # the widest kind has some 20 columns plus two per theme
MAX_UITGEPAKT = 20_000_000  # an XLSX is a zip archive: its unpacked size is bounded too
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
OPNIEUW_OPSLAAN = "Sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV (UTF-8) en probeer opnieuw."


class Bestandsfout(Exception):
    """A file that cannot be read as a table: the message says what to do."""


def formaat_van(bestandsnaam: str) -> str:
    naam = bestandsnaam.lower()
    for formaat in FORMATEN:
        if naam.endswith("." + formaat):
            return formaat
    raise Bestandsfout(
        f"Het bestand '{bestandsnaam}' is geen CSV- of XLSX-bestand. Sla het op als .csv of .xlsx en probeer opnieuw."
    )


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _te_veel_rijen() -> Bestandsfout:
    return Bestandsfout(f"Het bestand heeft meer dan {_getal(MAX_RIJEN)} rijen. Verdeel de rijen over meer bestanden.")


def _te_veel_kolommen(aantal: int | str) -> Bestandsfout:
    return Bestandsfout(
        f"De eerste rij noemt {aantal} kolommen; hoogstens {MAX_KOLOMMEN} worden gelezen. Laat alleen de kolommen "
        "van het sjabloon staan (verwijder lege of overbodige kolommen rechts)."
    )


def lees(bestandsnaam: str, inhoud: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (column names, lower case) and the rows as (row number in the file, {column: cell}); empty rows
    are skipped. Raises Bestandsfout for a file that is not a table the register can read or is beyond the bounds
    (bytes, rows, columns, unpacked size): the file is read row by row and refused at the first bound it passes."""
    if len(inhoud) > MAX_BYTES:
        raise Bestandsfout(
            f"Het bestand is {_getal(len(inhoud))} bytes; hoogstens {_getal(MAX_BYTES)} bytes worden in één keer "
            "ingelezen. Verdeel de rijen over meer bestanden."
        )
    if formaat_van(bestandsnaam) == XLSX:
        with _xlsx(inhoud) as tabel:
            return _tabel(tabel)
    return _tabel(_csv_rijen(inhoud))


def _tabel(tabel: Iterator[Sequence]) -> tuple[list[str], list[tuple[int, dict]]]:
    eerste = next(tabel, None)
    if eerste is None or not any(_gevuld(c) for c in eerste):
        raise Bestandsfout("Het bestand is leeg. De eerste rij noemt de kolommen; download het sjabloon als voorbeeld.")
    if len(eerste) > MAX_KOLOMMEN and any(_gevuld(c) for c in eerste[MAX_KOLOMMEN:]):
        raise _te_veel_kolommen(_getal(len(eerste)))
    kop = [str(c or "").strip().lower() for c in eerste[:MAX_KOLOMMEN]]
    while kop and not kop[-1]:
        kop.pop()
    dubbel = sorted(k for k, n in Counter(kop).items() if k and n > 1)
    if dubbel:
        raise Bestandsfout(f"De kolom {', '.join(dubbel[:10])} staat meer dan eens in de eerste rij. Laat er één staan.")
    if "" in kop:
        raise Bestandsfout(
            f"Kolom {kop.index('') + 1} van de eerste rij heeft geen naam. Geef elke kolom de naam uit het sjabloon."
        )
    rijen = []
    for nummer, cellen in enumerate(tabel, start=2):
        if not any(_gevuld(c) for c in cellen):
            continue
        if any(_gevuld(c) for c in cellen[len(kop):]):
            raise Bestandsfout(f"Rij {nummer} heeft meer cellen dan de eerste rij kolommen noemt. Geef elke kolom een naam.")
        rijen.append((nummer, {k: (cellen[i] if i < len(cellen) else None) for i, k in enumerate(kop)}))
        if len(rijen) > MAX_RIJEN:
            raise _te_veel_rijen()
    return kop, rijen


def _gevuld(cel) -> bool:
    return cel is not None and str(cel).strip() != ""


def _csv_rijen(inhoud: bytes) -> Iterator[list[str]]:
    """The rows of a CSV file, one at a time (a cell longer than the csv module's limit, 128 KiB, is refused)."""
    if b"\x00" in inhoud:
        raise Bestandsfout("Het bestand bevat NUL-tekens en is dus geen tekstbestand. Sla het op als CSV (UTF-8).")
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252", errors="replace")
    eerste = tekst[: tekst.find("\n") if "\n" in tekst else len(tekst)]
    scheiding = max((";", ",", "\t"), key=eerste.count)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    while True:
        try:
            rij = next(lezer)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Bestandsfout(
                f"Het CSV-bestand kan niet worden gelezen bij rij {lezer.line_num} ({exc}). Sla het opnieuw op als "
                "CSV (UTF-8, puntkomma of komma als scheidingsteken)."
            ) from exc
        yield rij


@contextmanager
def _xlsx(inhoud: bytes) -> Iterator[Iterator[Sequence]]:
    """The rows of the first sheet of an XLSX file, one at a time, never wider than the bounds: the archive's
    unpacked size is checked before anything is unpacked, the sheet's declared size before a row is read, and every
    row is read only as wide as the header (a cell in column XFD is never expanded to a row of 16,384 cells).
    Whatever the XML parser makes of a damaged file is a Bestandsfout."""
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
        uitgepakt = sum(info.file_size for info in archief.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Bestandsfout(f"Het XLSX-bestand kan niet worden gelezen: het is geen zip-archief. {OPNIEUW_OPSLAAN}") from exc
    if uitgepakt > MAX_UITGEPAKT:  # a small file that unpacks to gigabytes is no table of records
        raise Bestandsfout(
            f"Het XLSX-bestand is uitgepakt te groot ({_getal(uitgepakt)} bytes; hoogstens {_getal(MAX_UITGEPAKT)}). "
            "Verdeel de rijen over meer bestanden."
        )
    try:
        werkmap = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a third-party parser of an untrusted file: any failure is a bad file
        raise Bestandsfout(f"Het XLSX-bestand kan niet worden gelezen (het is beschadigd). {OPNIEUW_OPSLAAN}") from exc
    try:
        yield _xlsx_rijen(werkmap)
    finally:
        werkmap.close()


def _tel_cellen(werkmap, blad) -> None:
    """Counts the cells of every row of the sheet's XML before openpyxl reads a row (which holds all cells of a row
    at once, however many the XML repeats): a streaming pass with expat, no tree, constant memory."""
    per_rij = 0

    def begin(naam, attributen):
        nonlocal per_rij
        lokaal = naam.rpartition(" ")[2]  # "namespace local-name"
        if lokaal == "row":
            per_rij = 0
        elif lokaal == "c":
            per_rij += 1
            if per_rij > MAX_KOLOMMEN:
                raise Bestandsfout(
                    f"Een rij van het eerste werkblad heeft meer dan {MAX_KOLOMMEN} cellen; hoogstens {MAX_KOLOMMEN} "
                    "kolommen worden gelezen. Kopieer alleen de kolommen van het sjabloon naar een nieuw werkblad."
                )

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = begin
    # The sheet's part in the archive as openpyxl found it (openpyxl is pinned; its read-only sheet keeps the path).
    with werkmap._archive.open(blad._worksheet_path) as bron:
        while stuk := bron.read(1 << 16):
            parser.Parse(stuk, False)
    parser.Parse(b"", True)


def _xlsx_rijen(werkmap) -> Iterator[Sequence]:
    try:
        if not werkmap.worksheets:
            raise Bestandsfout(f"Het XLSX-bestand heeft geen werkblad. {OPNIEUW_OPSLAAN}")
        blad = werkmap.worksheets[0]
        # The size the sheet declares (<dimension ref="A1:L5001"/>), when it declares one.
        kolommen, rijen = blad.max_column, blad.max_row
        if kolommen is not None and kolommen > MAX_KOLOMMEN:
            raise Bestandsfout(
                f"Het eerste werkblad loopt tot kolom {get_column_letter(kolommen)} ({_getal(kolommen)} kolommen); "
                f"hoogstens {MAX_KOLOMMEN} worden gelezen. Kopieer alleen de kolommen van het sjabloon naar een nieuw "
                "werkblad."
            )
        if rijen is not None and rijen > MAX_RIJEN + 1:
            raise Bestandsfout(
                f"Het eerste werkblad loopt tot rij {_getal(rijen)}; hoogstens {_getal(MAX_RIJEN)} rijen onder de "
                "kopregel worden gelezen. Verdeel de rijen over meer bestanden, of verwijder lege rijen onderaan."
            )
        _tel_cellen(werkmap, blad)
        kop = next(blad.iter_rows(min_row=1, max_row=1, max_col=kolommen or MAX_KOLOMMEN + 1, values_only=True), ())
        yield kop
        breedte = len(kop)
        while breedte and not _gevuld(kop[breedte - 1]):
            breedte -= 1
        # One column more than the header names, so a value beside the last named column is still noticed.
        breedte = max(breedte + 1, kolommen or 0)
        gelezen = 0
        for rij in blad.iter_rows(min_row=2, max_row=MAX_RIJEN + 2, max_col=breedte, values_only=True):
            gelezen += 1
            if gelezen > MAX_RIJEN:
                raise _te_veel_rijen()
            yield rij
    except Bestandsfout:
        raise
    except Exception as exc:  # noqa: BLE001 - damaged XML inside the archive surfaces while rows are read
        raise Bestandsfout(f"Het XLSX-bestand kan niet worden gelezen (het is beschadigd). {OPNIEUW_OPSLAAN}") from exc


def schrijf(formaat: str, kolommen: list[str], rijen: list[dict]) -> bytes:
    """A table as CSV (semicolon-separated, UTF-8 with BOM, like the open data) or XLSX; every cell passes
    ``csv_cel``, so no cell is ever run as a formula, also not in a spreadsheet program opening the XLSX, and
    ``tekens.leesbaar``, so text stored before control characters were refused still makes a valid file."""
    waarden = [[csv_cel(tekens.leesbaar_in(rij.get(k, ""))) for k in kolommen] for rij in rijen]
    if formaat == CSV:
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        schrijver.writerow(kolommen)
        schrijver.writerows(waarden)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    werkmap = Workbook(write_only=True)
    blad = werkmap.create_sheet("gegevens")
    blad.append(kolommen)
    for rij in waarden:
        blad.append(rij)
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()
