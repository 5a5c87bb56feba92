"""Read a survey file of any common format into a DataFrame of raw values.

Everything is read as text so the schema step sees exactly what the analyst typed
("10/10", "n/a") and can name it in messages; nothing is coerced or dropped here.

Reading is split in two so a big file never has to fit in memory whole: ``read_head``
reads the header rows (recognising survey-tool exports) and the first rows, enough to
decide the columns; ``read_body`` then reads the rows, keeping only the columns the
schema needs, in chunks when asked.
"""
from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import SurveyValidationError
from ._aliases import ROLE_ALIASES, normalise_name
from ._exports import ExportHeader, detect_export

ENCODINGS = ("utf-8-sig", "utf-8", "cp1251")
DELIMITERS = ",;\t|"
STREAM_BYTES = 16 * 2**20   # CSV files larger than this are streamed (header and sample first, then chunks)
SAMPLE_ROWS = 500           # rows looked at to decide the columns
CHUNK_ROWS = 50_000         # rows per internal chunk when streaming


@dataclass
class TableHead:
    """The header of a survey table and its first rows: all that is needed to decide the columns.

    ``header`` says which tool wrote the file (if any), the column names to use and the
    question of each column; ``sample`` holds the first rows (header rows removed).
    """

    name: str
    header: ExportHeader
    sample: pd.DataFrame
    frame: pd.DataFrame | None = None           # the whole table, when it is already in memory
    csv: dict[str, Any] = field(default_factory=dict)  # how to stream a big CSV (path, sep, encoding)
    parquet: Path | None = None
    source_names: list[Any] = field(default_factory=list)  # Parquet: the file's names of ``columns``, in order

    @property
    def columns(self) -> list[Any]:
        return list(self.sample.columns)


def read_table(source: Any, *, sheet: str | int | None = None, encoding: str | None = None) -> tuple[pd.DataFrame, str]:
    """Return (raw table, human-readable source name): every column, every row, as text.

    Accepts a DataFrame, or a path to .csv/.tsv/.txt, .xlsx/.xls/.xlsm or .parquet. Survey-tool
    header rows (Qualtrics, SurveyMonkey) are taken off and their column names used.
    """
    head = read_head(source, sheet=sheet, encoding=encoding)
    return pd.concat(list(read_body(head)), ignore_index=True) if head.frame is None else head.frame, head.name


def read_head(source: Any, *, sheet: str | int | None = None, encoding: str | None = None) -> TableHead:
    """Read the header and the first ``SAMPLE_ROWS`` rows (the whole table when it is small or not a CSV)."""
    if isinstance(source, pd.DataFrame):
        return _in_memory(source, "DataFrame")
    path = Path(source)
    name = path.name
    if not path.exists():
        raise SurveyValidationError(f"NPS100: file not found: {path}")
    if path.is_dir():
        raise SurveyValidationError(f"NPS100: {path} is a folder; give the survey file inside it.")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        return _in_memory(_read_excel(path, sheet), name)
    if suffix in {".parquet", ".pq"}:
        return _parquet_head(path)
    return _csv_head(path, encoding)


def read_body(head: TableHead, columns: list[Any] | None = None, *, chunksize: int | None = None
              ) -> Iterator[pd.DataFrame]:
    """Yield the table's rows (only ``columns``, default all), in chunks of ``chunksize`` rows (default one)."""
    names = head.columns
    columns = names if columns is None else list(columns)
    if head.frame is not None:
        frame = head.frame[columns]
        step = chunksize or max(len(frame), 1)
        for start in range(0, len(frame), step):
            yield frame.iloc[start:start + step]
        return
    positions = [names.index(c) for c in columns]
    skip = head.header.n_header_rows
    if head.parquet is not None:
        import pyarrow.parquet as pq

        wanted = sorted(set(positions))
        for batch in _rebatch(pq.ParquetFile(head.parquet).iter_batches(
                batch_size=chunksize or CHUNK_ROWS, columns=[head.source_names[i] for i in wanted]),
                skip - 1, chunksize):
            batch.columns = [names[i] for i in wanted]
            yield batch[columns]
        return
    yield from _csv_body(head, positions, columns, skip, chunksize)


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
        f"NPS105: {name} is not valid {' / '.join(tried)} text. Save it as UTF-8 or pass encoding='<name>'."
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


def _csv_head(path: Path, encoding: str | None) -> TableHead:
    size = path.stat().st_size
    small = size <= STREAM_BYTES
    with open(path, "rb") as fh:
        raw = fh.read(size if small else 1 << 20)
    if not raw.strip():
        raise SurveyValidationError(f"NPS106: {path.name} is empty: no header and no rows.")
    if small:
        text, enc = decode_bytes(raw, path.name, encoding)
    else:
        enc = _stream_encoding(path, raw, encoding)
        text = raw[: raw.rfind(b"\n") + 1 or len(raw)].decode(enc, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delim = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    options = dict(sep=delim, dtype=str, keep_default_na=False, skip_blank_lines=True, header=None)
    try:
        if small:
            grid = pd.read_csv(io.StringIO(text), engine="python", **options)
        else:
            grid = pd.read_csv(path, encoding=enc, nrows=SAMPLE_ROWS + 3, engine="c", **options)
    except pd.errors.ParserError as exc:
        raise _parse_error(path, text, delim, exc) from exc
    except pd.errors.EmptyDataError as exc:
        raise SurveyValidationError(f"NPS106: {path.name} is empty: no header and no rows.") from exc
    head = _from_grid(grid, path.name, plain_names=_pandas_names)
    if small:
        head.frame = head.sample
    else:
        head.sample = head.sample.iloc[:SAMPLE_ROWS]
        head.csv = {"path": path, "sep": delim, "encoding": enc}
    return head


def _csv_body(head: TableHead, positions: list[int], columns: list[Any], skip: int,
              chunksize: int | None) -> Iterator[pd.DataFrame]:
    info = head.csv
    options = dict(sep=info["sep"], dtype=str, keep_default_na=False, skip_blank_lines=True, header=None,
                   encoding=info["encoding"], engine="c")
    # every column is tokenised (so a row with too many fields raises instead of being cut, as
    # usecols would do silently) but only the schema's columns are kept from each chunk
    reader = pd.read_csv(info["path"], chunksize=CHUNK_ROWS, **options)
    try:
        for chunk in _rebatch((c.iloc[:, positions] for c in reader), skip, chunksize):
            chunk.columns = columns
            yield chunk
    except pd.errors.ParserError as exc:
        raise SurveyValidationError(
            f"NPS104: {head.name} could not be parsed as CSV (delimiter {info['sep']!r}): {exc}. "
            + _csv_hint("", info["sep"], str(exc)), _line_failure(str(exc), "NPS104")) from exc


def _rebatch(frames: Iterator[Any], skip: int, chunksize: int | None) -> Iterator[pd.DataFrame]:
    """Drop the first ``skip`` rows (header rows) and regroup into chunks of ``chunksize`` (None: one)."""
    pending: list[pd.DataFrame] = []
    held = 0
    for frame in frames:
        if not isinstance(frame, pd.DataFrame):
            frame = frame.to_pandas()
        if skip > 0:
            cut = min(skip, len(frame))
            frame, skip = frame.iloc[cut:], skip - cut
        if len(frame) == 0:
            continue
        pending.append(frame)
        held += len(frame)
        while chunksize and held >= chunksize:
            joined = pd.concat(pending, ignore_index=True)
            yield joined.iloc[:chunksize].reset_index(drop=True)
            rest = joined.iloc[chunksize:]
            pending, held = ([rest] if len(rest) else []), len(rest)
    if pending:
        yield pd.concat(pending, ignore_index=True)


def _stream_encoding(path: Path, head: bytes, encoding: str | None) -> str:
    """The encoding of a big file: decode it block by block (constant memory) with each candidate."""
    if encoding:
        decode_bytes(b"", path.name, encoding)  # NPS105 for an unknown name
        tried = (encoding,)
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        tried = ("utf-16",)
    else:
        if b"\x00" in head[:4096]:
            decode_bytes(head[:4096], path.name)  # raises NPS105: a binary file
        tried = ENCODINGS
    for enc in tried:
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            with open(path, "rb") as fh:
                while block := fh.read(1 << 20):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            return enc
        except UnicodeDecodeError:
            continue
    raise SurveyValidationError(
        f"NPS105: {path.name} is not valid {' / '.join(tried)} text. Save it as UTF-8 or pass encoding='<name>'."
    )


def _parse_error(path: Path, text: str, delim: str, exc: Exception) -> SurveyValidationError:
    message = (f"NPS104: {path.name} could not be parsed as CSV (delimiter {delim!r}): {exc}. "
               + _csv_hint(text, delim, str(exc)))
    return SurveyValidationError(message, _line_failure(message, "NPS104", _odd_quote_line(text)))


def _line_failure(message: str, code: str, line: int | None = None) -> pd.DataFrame:
    import re

    from ..errors import FAILURE_COLUMNS

    if line is None:
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
    return pd.DataFrame([{"row": line, "column": None, "value": None, "code": code, "message": message}],
                        columns=FAILURE_COLUMNS)


def _odd_quote_line(text: str) -> int | None:
    odd_since = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.count('"') % 2:
            odd_since = number if odd_since is None else None
    return odd_since


def _pandas_names(cells: list[Any]) -> list[str]:
    """Column names as ``pd.read_csv(header=0)`` gives them: 'Unnamed: 3' for blanks, 'a.1' for repeats."""
    names, seen = [], {}
    for i, cell in enumerate(cells):
        name = "" if cell is None or (isinstance(cell, float) and cell != cell) else str(cell)
        name = name if name != "" else f"Unnamed: {i}"
        base = name
        while name in seen:
            seen[base] += 1
            name = f"{base}.{seen[base]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def _from_grid(grid: pd.DataFrame, name: str, plain_names=None) -> TableHead:
    """A head from a grid whose first row is the header (header=None reading)."""
    rows = [grid.iloc[i].tolist() for i in range(min(3, len(grid)))]
    header = detect_export(rows)
    if header.n_header_rows == 1 and plain_names is not None:
        header.names = plain_names(rows[0])
        header.questions = {n: n for n in header.names}
    body = grid.iloc[header.n_header_rows:].reset_index(drop=True)
    body.columns = header.names
    return TableHead(name, header, body)


def _in_memory(frame: pd.DataFrame, name: str) -> TableHead:
    """A head for a table already in memory (DataFrame, Excel sheet): its columns are the header row."""
    rows = [list(frame.columns)] + [frame.iloc[i].tolist() for i in range(min(2, len(frame)))]
    header = detect_export(rows)
    if header.n_header_rows == 1:  # keep the columns as they are (they may not be strings)
        header.names = list(frame.columns)
        header.questions = {c: str(c) for c in frame.columns}
        body = frame
    else:
        body = frame.iloc[header.n_header_rows - 1:].set_axis(header.names, axis=1).reset_index(drop=True)
    return TableHead(name, header, body.iloc[:SAMPLE_ROWS], frame=body)


def _parquet_head(path: Path) -> TableHead:
    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        first = next(pf.iter_batches(batch_size=SAMPLE_ROWS + 2), None)
        sample = first.to_pandas() if first is not None else pf.schema_arrow.empty_table().to_pandas()
    except Exception as exc:  # pyarrow raises many types for corrupt files
        raise SurveyValidationError(f"NPS104: {path.name} could not be read as Parquet: {exc}") from exc
    head = _in_memory(sample, path.name)
    head.source_names = list(sample.columns)
    head.frame = None
    head.parquet = path
    head.sample = head.sample.iloc[:SAMPLE_ROWS]
    return head


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
                "Choose another with sheet='<name>'.", NpsTextWarning, stacklevel=3,
            )
            return body
    return next(iter(tables.values()))
