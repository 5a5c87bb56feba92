"""Read a survey file of any common format into a DataFrame of raw values.

Everything is read as text so the schema step sees exactly what the analyst typed
("10/10", "n/a") and can name it in messages; nothing is coerced or dropped here.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import SurveyValidationError
from ._aliases import ROLE_ALIASES, normalise_name

ENCODINGS = ("utf-8-sig", "utf-8", "cp1251")
DELIMITERS = ",;\t|"


def read_table(source: Any, *, sheet: str | int | None = None, encoding: str | None = None) -> tuple[pd.DataFrame, str]:
    """Return (raw table, human-readable source name).

    Accepts a DataFrame, or a path to .csv/.tsv/.txt, .xlsx/.xls/.xlsm or .parquet.
    """
    if isinstance(source, pd.DataFrame):
        return source.copy(), "DataFrame"
    path = Path(source)
    name = path.name
    if not path.exists():
        raise SurveyValidationError(f"NPS100: file not found: {path}")
    if path.is_dir():
        raise SurveyValidationError(f"NPS100: {path} is a folder; give the survey file inside it.")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        return _read_excel(path, sheet), name
    if suffix in {".parquet", ".pq"}:
        try:
            return pd.read_parquet(path), name
        except Exception as exc:  # pyarrow raises many types for corrupt files
            raise SurveyValidationError(f"NPS104: {name} could not be read as Parquet: {exc}") from exc
    return _read_csv(path, encoding), name


def decode_bytes(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode with the given encoding, else UTF-8 (with or without BOM), else cp1251."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SurveyValidationError(
                f"NPS105: unknown encoding {encoding!r} for {name}; use e.g. utf-8, cp1251, utf-16."
            ) from None
    tried = (encoding,) if encoding else ENCODINGS
    if not encoding and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        tried = ("utf-16",) + tuple(tried)  # Excel's "Unicode text" export
    elif not encoding and b"\x00" in raw[:4096]:
        raise SurveyValidationError(
            f"NPS105: {name} looks like a binary file, not text (it contains NUL bytes). "
            "Export the survey as CSV (UTF-8), .xlsx or .parquet."
        )
    for enc in tried:
        try:
            return raw.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise SurveyValidationError(
        f"NPS105: {name} is not valid {' / '.join(tried)} text. Save it as UTF-8 or pass --encoding."
    )


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first lines into the most consistent columns."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [ln.count(delim) for ln in lines]
        if counts[0] == 0:
            continue
        agree = sum(c == counts[0] for c in counts) / len(counts)
        if agree * counts[0] > best_score:
            best, best_score = delim, agree * counts[0]
    return best


def _read_csv(path: Path, encoding: str | None) -> pd.DataFrame:
    raw = path.read_bytes()
    if not raw.strip():
        raise SurveyValidationError(f"NPS106: {path.name} is empty: no header and no rows.")
    text, _ = decode_bytes(raw, path.name, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delim = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    try:
        df = pd.read_csv(
            io.StringIO(text), sep=delim, dtype=str, keep_default_na=False,
            skip_blank_lines=True, engine="python",
        )
    except pd.errors.ParserError as exc:
        raise SurveyValidationError(
            f"NPS104: {path.name} could not be parsed as CSV (delimiter {delim!r}): {exc}. "
            + _csv_hint(text, delim, str(exc))
        ) from exc
    except pd.errors.EmptyDataError as exc:
        raise SurveyValidationError(f"NPS106: {path.name} is empty: no header and no rows.") from exc
    return df


def _csv_hint(text: str, delim: str, message: str) -> str:
    """Say where the file breaks: the line with an unclosed quote, or a comment holding the delimiter."""
    if "Expected" in message and "fields" in message:
        return (f"A row has more {delim!r} than the header: quote the comment that contains {delim!r} "
                "(\"like, this\") or save the file again from a spreadsheet.")
    odd_since = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count('"') % 2:
            odd_since = number if odd_since is None else None
    where = f" on line {odd_since}" if odd_since else ""
    return f"Check for an unclosed quote (\"){where} of the file."


def _header_row(grid: pd.DataFrame) -> int | None:
    """Index of the first row that looks like a header (names a known column), else first non-blank row."""
    known = {normalise_name(a) for aliases in ROLE_ALIASES.values() for a in aliases}
    first_nonblank = None
    for i in range(min(len(grid), 30)):
        cells = [str(v) for v in grid.iloc[i].tolist() if pd.notna(v) and str(v).strip()]
        if not cells:
            continue
        if first_nonblank is None:
            first_nonblank = i
        if any(normalise_name(c) in known for c in cells):
            return i
    return first_nonblank


def _read_excel(path: Path, sheet: str | int | None) -> pd.DataFrame:
    try:
        book = pd.read_excel(path, sheet_name=None if sheet is None else sheet, header=None, dtype=object)
    except ValueError as exc:
        raise SurveyValidationError(f"NPS107: {path.name}: {exc}") from exc
    except Exception as exc:
        raise SurveyValidationError(f"NPS104: {path.name} could not be read as Excel: {exc}") from exc
    if isinstance(book, pd.DataFrame):
        book = {sheet: book}
    tables = {}
    for name, grid in book.items():
        grid = grid.dropna(how="all").dropna(axis=1, how="all")
        if grid.empty:
            continue
        h = _header_row(grid.reset_index(drop=True))
        grid = grid.reset_index(drop=True)
        header = [str(c).strip() if pd.notna(c) else f"column_{j + 1}" for j, c in enumerate(grid.iloc[h].tolist())]
        body = grid.iloc[h + 1:].reset_index(drop=True)
        body.columns = header
        tables[name] = body
    if not tables:
        raise SurveyValidationError(f"NPS106: {path.name} has no data in any sheet.")
    if len(tables) == 1 or sheet is not None:
        return next(iter(tables.values()))
    # several sheets: take the first that has a score-like column, and say so
    from ._schema import find_column
    for name, body in tables.items():
        if find_column(list(body.columns), "score") is not None:
            import warnings
            from ..errors import NpsTextWarning
            warnings.warn(
                f"NPS108: {path.name} has {len(tables)} sheets; using sheet {name!r} (first with a score column). "
                "Choose another with --sheet.", NpsTextWarning, stacklevel=3,
            )
            return body
    return next(iter(tables.values()))
