"""Checks made on an input file before any parser sees it.

`preflight(path)` returns the problems that make a file unreadable or unsafe. Limits are in
`config` and can be set by environment variables. Facts the reader needs about the cells
(merged ranges, formulas without a stored value) are found by `kuanalys.excel`.

In order, a file is refused when it is:

- missing, empty or over `MAX_FILE_BYTES`;
- not a zip: an OLE container (an old .xls, or an encrypted/password-protected workbook, told
  apart by the container's stream names), a CSV or other text file, a PDF, HTML or anything else;
- a zip that is no .xlsx workbook (.ods, .xlsb, a Word document, …) or that cannot be opened;
- a zip bomb: unpacked size over `MAX_UNPACKED_BYTES`, or a compression ratio over
  `MAX_COMPRESSION_RATIO`, for the whole file or one large part;
- an XML entity bomb: any XML part with a DOCTYPE (Excel never writes one);
- a sheet whose `<dimension>` element (read from the first bytes of the sheet) claims more rows
  than `MAX_ROWS`, before any parser builds a table (`kuanalys.excel` checks the rows it finds).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET
import olefile

from kuanalys import config
from kuanalys.errors import Problem
from kuanalys.formatting import format_plain

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls and encrypted .xlsx
# A part smaller than this may be highly compressed without being suspicious.
ENTRY_RATIO_GRACE_BYTES = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")

SAVE_AS_XLSX = "Öppna den i Excel och välj Spara som → Excel-arbetsbok (.xlsx)."
XML_BOMB_MESSAGE = (
    "Filen innehåller XML med DOCTYPE- eller ENTITY-deklarationer, vilket Excel aldrig skriver. "
    "Den kan vara en så kallad XML-bomb och läses inte. Spara om originalet från Excel."
)


def preflight(path: Path) -> list[Problem]:
    """Return the problems that stop `path` from being read safely (empty list if none).
    Never raises for a bad file."""
    path = Path(path)
    name = str(path)
    problem = file_problem(path)
    if problem:
        return [problem]
    try:
        with zipfile.ZipFile(path) as zf:
            problem = zip_problem(zf, name)
            if problem:
                return [problem]
            declared = {sheet: declared_rows(zf, part) for sheet, part in sheet_parts(zf).items()}
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        KeyError,
        NotImplementedError,
        ValueError,
        RuntimeError,
        zlib.error,
        SafeET.ParseError,
    ):
        return [corrupt_problem(name)]
    return [row_limit_problem(name, sheet, rows) for sheet, rows in declared.items() if rows > config.MAX_ROWS]


def corrupt_problem(file: str) -> Problem:
    """Return the error for a file whose zip or XML structure is broken."""
    return Problem(file, "Filen är trasig eller ofullständig och kan inte öppnas. Spara om den från Excel som .xlsx.")


def row_limit_problem(file: str, sheet: str, rows: int) -> Problem:
    """Return the error for a sheet with more rows than `config.MAX_ROWS`."""
    return Problem(
        file,
        f"Bladet har {format_plain(rows)} rader, fler än gränsen {format_plain(config.MAX_ROWS)} (KUANALYS_MAX_ROWS). "
        "Dela upp filen, eller ta bort tomma rader och celler längst ned på bladet.",
        sheet=sheet,
    )


# --- the file as bytes -------------------------------------------------------------------------
def file_problem(path: Path) -> Problem | None:
    """Return the problem of a file that is missing, empty, too large or not a zip, else None."""
    name = str(path)
    if not path.is_file():
        return Problem(name, "Filen finns inte.")
    size = path.stat().st_size
    if size == 0:
        return Problem(name, "Filen är tom (0 byte).")
    if size > config.MAX_FILE_BYTES:
        return Problem(
            name,
            f"Filen är för stor ({size / 1e6:.1f} MB); gränsen är {config.MAX_FILE_BYTES / 1e6:.0f} MB "
            "(KUANALYS_MAX_FILE_BYTES). Dela upp filen.",
        )
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(_ZIP_MAGIC):
        return None
    if head.startswith(_OLE_MAGIC):
        return Problem(name, ole_message(ole_stream_names(path), path.suffix))
    return Problem(name, non_zip_message(head))


def ole_stream_names(path: Path) -> set[str]:
    """Return the stream names in an OLE2 compound file (empty set if unreadable), with olefile."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return {entry[-1] for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError):
        return set()


def ole_message(streams: set[str], suffix: str) -> str:
    """Return the Swedish message for an OLE file: encrypted workbook, old .xls, or either."""
    if streams & {"EncryptedPackage", "EncryptionInfo"}:
        return (
            "Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel "
            "(Arkiv → Information → Skydda arbetsbok → Kryptera med lösenord, töm fältet) och spara igen."
        )
    if streams & {"Workbook", "Book"} or suffix.casefold() == ".xls":
        return f"Filen är en gammal Excel-fil (.xls) och läses inte. {SAVE_AS_XLSX}"
    return (
        "Filen är antingen lösenordsskyddad/krypterad eller en gammal .xls-fil. "
        "Ta bort ett eventuellt lösenord och spara den som .xlsx."
    )


def non_zip_message(head: bytes) -> str:
    """Return the Swedish message for a file that is no zip, naming what it looks like."""
    text = _as_text(head)
    if head.startswith(b"%PDF"):
        return "Filen är en PDF-fil, ingen Excel-arbetsbok. Använd originalet i Excel (.xlsx)."
    if text is not None:
        lower = text.lstrip("\ufeff \r\n\t").casefold()
        if lower.startswith(("<!doctype html", "<html")) or "<table" in lower[:2000]:
            return f"Filen är en webbsida (HTML) med Excel-namn, ingen Excel-arbetsbok. {SAVE_AS_XLSX}"
        if lower.startswith("<?xml") or lower.startswith("<"):
            return f"Filen är en XML-fil, ingen Excel-arbetsbok (.xlsx). {SAVE_AS_XLSX}"
        if looks_like_csv(text):
            return (
                "Filen är en textfil med avgränsade värden (CSV), ingen Excel-arbetsbok. "
                f"{SAVE_AS_XLSX} Kontrollera efteråt att belopp och datum blev tal och datum."
            )
        return f"Filen är en textfil, ingen Excel-arbetsbok (.xlsx). {SAVE_AS_XLSX}"
    return f"Filen är ingen Excel-arbetsbok (.xlsx). {SAVE_AS_XLSX}"


def _as_text(head: bytes) -> str | None:
    """Return the bytes decoded as text when they look like text (UTF-8/16 or Windows-1252), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "utf-8":  # the 4096-byte cut may split a character
                try:
                    text = head[:-3].decode(encoding)
                except UnicodeDecodeError:
                    continue
            else:
                continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return text if printable >= 0.95 * max(len(text), 1) else None
    return None


def looks_like_csv(text: str) -> bool:
    """True when the first lines share a separator (; , or tab) the same number of times."""
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    if not lines:
        return False
    for sep in (";", "\t", ","):
        counts = {line.count(sep) for line in lines[:-1] or lines}
        if len(counts) == 1 and counts.pop() >= 1:
            return True
    return False


# --- the zip ----------------------------------------------------------------------------------
def zip_problem(zf: zipfile.ZipFile, file: str) -> Problem | None:
    """Return the problem of a zip that is no .xlsx workbook, is too large unpacked, has an
    abnormal compression ratio (zip bomb) or carries a DOCTYPE in an XML part; else None.
    """
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if "mimetype" in names and "content.xml" in names:
        return Problem(file, f"Filen är en OpenDocument-fil (.ods), ingen Excel-arbetsbok. {SAVE_AS_XLSX}")
    if "xl/workbook.bin" in names:
        return Problem(file, f"Filen är en binär Excel-arbetsbok (.xlsb). {SAVE_AS_XLSX}")
    if "word/document.xml" in names:
        return Problem(file, "Filen är ett Word-dokument, ingen Excel-arbetsbok.")
    if "xl/workbook.xml" not in names:
        return Problem(file, f"Filen är ett zip-arkiv men ingen Excel-arbetsbok. {SAVE_AS_XLSX}")
    problem = compression_problem(infos, file)
    if problem:
        return problem
    for info in infos:
        if PurePosixPath(info.filename).suffix.casefold() in XML_SUFFIXES and has_doctype(zf, info.filename):
            return Problem(file, XML_BOMB_MESSAGE)
    return None


def compression_problem(infos: list[zipfile.ZipInfo], file: str) -> Problem | None:
    """Return an error when the zip unpacks to more than `MAX_UNPACKED_BYTES`, or its ratio of
    unpacked to packed size (all parts, or one part over 1 MB) exceeds `MAX_COMPRESSION_RATIO`.
    """
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > config.MAX_UNPACKED_BYTES:
        return Problem(
            file,
            f"Filen packas upp till {unpacked / 1e6:.0f} MB, mer än gränsen {config.MAX_UNPACKED_BYTES / 1e6:.0f} MB "
            "(KUANALYS_MAX_UNPACKED_BYTES). Den läses inte.",
        )
    ratios = [(unpacked / packed, unpacked)] + [
        (i.file_size / max(i.compress_size, 1), i.file_size) for i in infos if i.file_size > ENTRY_RATIO_GRACE_BYTES
    ]
    worst = max(ratio for ratio, _ in ratios)
    if worst > config.MAX_COMPRESSION_RATIO:
        return Problem(
            file,
            f"Filen har en onormal komprimeringsgrad ({worst:.0f}:1, gränsen är {config.MAX_COMPRESSION_RATIO:.0f}:1, "
            "KUANALYS_MAX_COMPRESSION_RATIO) och kan vara en zip-bomb. Den läses inte.",
        )
    return None


def has_doctype(zf: zipfile.ZipFile, part: str, limit: int = 1 << 16) -> bool:
    """True when the XML part's prolog (before its root element) holds a DOCTYPE or ENTITY,
    or is not finished within `limit` bytes (Excel's prologs are a few dozen bytes).

    Only the prolog is read: the XML declaration, comments and processing instructions are
    skipped; a DOCTYPE can stand nowhere else. The part is unpacked a little at a time, as far
    as the prolog goes.
    """
    with zf.open(part) as fh:
        head = fh.read(min(_PROLOG_CHUNK, limit))
        while True:
            verdict = _prolog_doctype(head)
            if verdict is not None or len(head) >= limit:
                return bool(verdict) if verdict is not None else True
            more = fh.read(min(len(head), limit - len(head)))  # doubles what is read
            if not more:
                return _prolog_doctype(head, complete=True) is not False
            head += more


_PROLOG_CHUNK = 1024


def _prolog_doctype(head: bytes, complete: bool = False) -> bool | None:
    """Return whether the prolog in `head` holds a DOCTYPE or ENTITY (True/False), or None when
    `head` ends before the prolog does (unless `complete`: then an unfinished prolog is True)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace").lstrip("\ufeff")
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if text.startswith("<?", pos):
            closing = "?>"
        elif text.startswith("<!--", pos):
            closing = "-->"
        elif len(text) - pos < 9 and not complete:
            return None  # too little left to tell what comes next
        else:
            return text[pos : pos + 9].upper().startswith(("<!DOCTYPE", "<!ENTITY"))
        end = text.find(closing, pos)
        if end < 0:
            return True if complete else None
        pos = end + len(closing)


# --- the sheets ---------------------------------------------------------------------------------
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix
_DIMENSION_RE = re.compile(rb"<" + _P + rb"dimension\b[^>]*?\bref=\"([^\"]+)\"")
_LAST_ROW_OF_REF = re.compile(r"[A-Za-z]*(\d+)$")


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Return sheet name → zip part of each worksheet, from workbook.xml and its relations
    (parsed with defusedxml). Chart sheets and broken relations are left out.
    """
    workbook = SafeET.fromstring(zf.read("xl/workbook.xml"))
    try:
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")}
    names = set(zf.namelist())
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        part = _normalise(part)
        if part in names:
            parts[str(sheet.get("name"))] = part
    return parts


def _normalise(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def last_row_of_ref(ref: str) -> int:
    """Return the last row of a range such as 'A1:E300001' (0 when it has none)."""
    m = _LAST_ROW_OF_REF.search(ref.split(":")[-1])
    return int(m.group(1)) if m else 0


def declared_rows(zf: zipfile.ZipFile, part: str) -> int:
    """Return the last row the sheet's `<dimension>` claims, reading only its first 64 KB (0 if none).

    Excel writes `<dimension>` near the start, so the part is unpacked 4 KB at a time until it is found.
    """
    limit, head, m = 1 << 16, b"", None
    with zf.open(part) as fh:
        while len(head) < limit and not (m := _DIMENSION_RE.search(head)):
            more = fh.read(min(4096, limit - len(head)))
            if not more:
                break
            head += more
    m = m or _DIMENSION_RE.search(head)
    return last_row_of_ref(m.group(1).decode("ascii", "replace")) if m else 0
