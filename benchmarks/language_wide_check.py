#!/usr/bin/env python
"""The slow language check restricted to the fast mode's candidates, against the full slow model (issue 13).

    python benchmarks/language_wide_check.py [--data ../shared/data]

Texts: the English ones with more than three words among every NPS comment of nps_telecom_en, the first 1,500
SemEval-14 sentences and the first 3,000 womens_clothing_en reviews, and ``benchmarks/data/foreign_sentences.txt`` (51 sentences in 20 other languages, written for this
check). For each text it compares lingua's slow model over all of ``LanguageDetector``'s languages (ours + the
wide ones) with what ``LanguageDetector`` now does: no slow check when the fast mode ranks one of ours first,
else the slow model over ours + the fast mode's first ``CANDIDATE_TOP``. A decision is "another language" (its
code) when the slow model gives it >= ``OTHER_MIN_CONFIDENCE``, else "ours". Prints the texts whose decision
differs and the slow-model languages each way needs. A text the fast mode ranks another language first whose
words are at least ``ENGLISH_SHARE`` known English words is English with no slow check (``english_share``).
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pandas as pd

from nps_text.language._detect import (CANDIDATE_TOP, ENGLISH_SHARE, OTHER_MIN_CONFIDENCE, WIDE_CYRILLIC,
                                       WIDE_LATIN, _WORDS, _lingua_detector, english_share)
from nps_text.language._resources import SUPPORTED

HERE = Path(__file__).resolve().parent


def _code(language) -> str:
    return language.iso_code_639_1.name.lower()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("NPS_TEXT_DATA", str(HERE.parent.parent / "shared" / "data")))
    args = ap.parse_args(argv)
    data = Path(args.data)
    foreign = [t.strip() for t in (HERE / "data" / "foreign_sentences.txt").read_text("utf-8").splitlines() if t.strip()]
    english = pd.read_csv(data / "nps_telecom_en" / "nps_telecom_en.csv")["comment"].dropna().astype(str).tolist()
    english += pd.read_csv(data / "semeval14_rest_en" / "semeval14_rest_en.csv")["comment"].dropna().astype(str).tolist()[:1500]
    english += pd.read_csv(data / "womens_clothing_en" / "womens_clothing_en.csv")["comment"].dropna().astype(str).tolist()[:3000]
    texts = foreign + [t for t in english if len(_WORDS.findall(t)) > 3]
    ours = tuple(SUPPORTED)
    everything = ours + tuple(c for c in WIDE_LATIN + WIDE_CYRILLIC if c not in ours)

    def decide(vals) -> str:
        top = _code(vals[0].language) if vals and vals[0].value >= OTHER_MIN_CONFIDENCE else "ours"
        return "ours" if top in ours else top

    fast = _lingua_detector(everything, True).compute_language_confidence_values_in_parallel(texts)
    t = time.time()
    full = [decide(v) for v in _lingua_detector(everything).compute_language_confidence_values_in_parallel(texts)]
    print(f"{len(texts)} texts ({len(foreign)} in other languages); full slow model over {len(everything)} "
          f"languages: {time.time() - t:.1f} s")
    differ, slow, loaded, screened = [], 0, set(), 0
    for text, f, vals in zip(texts, full, fast):
        if vals and _code(vals[0].language) in ours:
            now = "ours"
        elif english_share(text) >= ENGLISH_SHARE:
            now, screened = "ours", screened + 1
        else:
            slow += 1
            cands = {_code(v.language) for v in vals[:CANDIDATE_TOP]}
            loaded |= cands - set(ours)
            now = decide(_lingua_detector(tuple(sorted(set(ours) | cands))).compute_language_confidence_values(text))
        if now != f:
            differ.append((text, f, now))
    print(f"English by the word screen (>= {ENGLISH_SHARE} known English words), no slow check: {screened} texts")
    print(f"slow check on {slow} texts, over {len(loaded)} other languages in all (the full check: all texts, "
          f"{len(everything) - len(ours)})")
    print(f"decisions that differ from the full slow model: {len(differ)}")
    for text, f, now in differ:
        print(f"  {text[:80]!r}: full {f} -> now {now}")
    print("other-language sentences:", ", ".join(f for f in full[:len(foreign)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
