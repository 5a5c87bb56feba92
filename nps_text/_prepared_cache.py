"""A persistent on-disk cache of per-text results (language scores, clauses, lemmas).

Re-running the report on a 100k survey spent ~45 s detecting languages and
splitting and lemmatising the same comments it had prepared the run before. Those
stages are pure functions of one distinct comment (language detection before the
survey's prior, which is applied afterwards from the cached scores; clauses and
lemmas of a comment in its language), so each result is stored under the SHA-1 of
the text in a *namespace* that names the stage, its options and a salt: the hash of
the source files the result depends on and the versions of the libraries behind it
(lingua, spaCy, pymorphy3 and its dictionaries). Editing a stop-word list or
upgrading spaCy therefore starts a fresh namespace instead of serving stale
results: a cached run gives exactly the tables an uncached one does.

Layout: ``<cache root>/prepared/<namespace>/`` (cache root = ``$NPS_TEXT_CACHE`` or
``~/.cache/nps-text/embeddings``, as for embeddings; ``NPS_TEXT_CACHE=off`` turns
both off) holds append-only shards, each three files: ``<id>.vals.npy`` (the UTF-8
JSON values joined, uint8), ``<id>.offs.npy`` (n + 1 int64 offsets) and
``<id>.keys.npy`` (n SHA-1 digests, uint8 n x 20), written to temporary files and
renamed into place, keys last, so a reader never sees a half-written shard and two
processes writing at once add two shards. Values are JSON (no pickle): floats
round-trip exactly.
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
import warnings
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .embed._cache import _atomic_save, _pack, _unpack, default_cache_dir, warn_unreadable_shard
from .errors import NpsTextWarning

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".keys.npy", ".vals.npy", ".offs.npy")


def resolve_cache_root(cache: bool | str | Path | None) -> Path | None:
    """Folder of the prepared-text cache: None/True = the default root's ``prepared/``, False = off, a path = it."""
    if cache is False:
        return None
    if cache is None or cache is True:
        root = default_cache_dir()
        return None if root is None else root / "prepared"
    return Path(cache).expanduser()


@lru_cache(maxsize=None)
def code_salt(parts: tuple[str, ...], libraries: tuple[str, ...]) -> str:
    """SHA-1 (12 hex) of the package source files under ``parts`` and the installed versions of ``libraries``.

    ``parts`` are paths relative to the package (a folder means every ``.py`` file in it, recursively).
    """
    from importlib import metadata

    h = hashlib.sha1()
    for part in parts:
        path = _PACKAGE / part
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            h.update(str(f.relative_to(_PACKAGE)).encode())
            h.update(f.read_bytes())
    for lib in libraries:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}={version};".encode())
    return h.hexdigest()[:12]


# what each stage's results depend on: (package files, libraries) hashed into its namespace's salt
STAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "language": (("language",), ("lingua-language-detector",)),
    "clauses": (("text", "language/_resources.py", "language/ru", "language/uk", "language/bg", "language/en"),
                ("spacy", "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk")),
    "pii": (("text/_pii.py",), ()),
    "polarity": (("polarity/_lexical.py", "polarity/_patterns.py", "polarity/_readings.py", "language",
                  "text/_lemmatize.py"), ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk")),
}
STAGES["stopwords"] = STAGES["clauses"]


# the cache setting of the running analysis, for stages behind a pluggable interface that has no cache
# parameter (the polarity model's text rules, stop-word lists): ``NpsAnalyzer`` sets it around fit and
# transform; None = the default root
_ACTIVE: ContextVar[bool | str | Path | None] = ContextVar("nps_text_prepared_cache", default=None)


@contextmanager
def using_setting(cache: bool | str | Path | None):
    """Within the block, ``active_setting()`` is ``cache``."""
    token = _ACTIVE.set(cache)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active_setting() -> bool | str | Path | None:
    """The prepared-text cache setting of the running analysis (None outside one: the default root)."""
    return _ACTIVE.get()


def stage_namespace(stage: str, *options: object) -> str:
    """``<stage>-<options...>-<salt>``: the namespace of a stage's results with this code and these libraries."""
    parts, libraries = STAGES[stage]
    return "-".join([stage, *(str(o) for o in options), code_salt(parts, libraries)])


def folder_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


def prune(cache: bool | str | Path | None = None, *, dry_run: bool = False) -> list[dict]:
    """Remove the namespaces an earlier version left behind; one record per namespace found.

    A namespace is *stale* when its stage is known and its salt is not the one this
    installation computes (code or library versions changed: nothing will read it again).
    Namespaces of unknown stages (a newer nps-text sharing the folder) are kept. Records:
    ``namespace``, ``stage``, ``status`` (current / stale / unknown), ``bytes``, ``removed``.
    """
    import shutil

    root = resolve_cache_root(cache)
    out: list[dict] = []
    if root is None or not root.is_dir():
        return out
    current = {stage: code_salt(*spec) for stage, spec in STAGES.items()}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        stage, _, rest = folder.name.partition("-")
        salt = rest.rsplit("-", 1)[-1] if rest else ""
        status = "unknown" if stage not in current else "current" if salt == current[stage] else "stale"
        size = folder_bytes(folder)
        removed = False
        if status == "stale" and not dry_run:
            shutil.rmtree(folder, ignore_errors=True)
            removed = not folder.exists()
        out.append({"namespace": folder.name, "stage": stage, "status": status, "bytes": size, "removed": removed})
    return out


def text_digest(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


class PreparedCache:
    """JSON values keyed by text, kept on disk per namespace (see the module docstring).

    Parameters
    ----------
    namespace : str
        Names the stage, its options and its code salt; different namespaces never share values.
    cache : bool, str/Path or None, default=None
        None/True: ``<$NPS_TEXT_CACHE or ~/.cache/nps-text/embeddings>/prepared`` (off when
        ``NPS_TEXT_CACHE=off``); False: off (``lookup`` finds nothing, ``store`` writes nothing);
        a path: that folder.
    max_shards : int, default=32
        When the namespace holds more shards than this, they are merged into one.
    """

    def __init__(self, namespace: str, cache: bool | str | Path | None = None, *, max_shards: int = 32) -> None:
        self.namespace = re.sub(r"[^A-Za-z0-9._-]+", "_", namespace)
        root = resolve_cache_root(cache)
        self.folder = None if root is None else root / self.namespace
        self.max_shards = max_shards
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get_or_compute(self, texts: Sequence[str], compute: Callable[[list[str]], list[Any]]) -> list[Any]:
        """Values of distinct ``texts`` (same order): cached ones read, the rest ``compute``-d and stored.

        ``compute`` gets the missing texts (in order) and returns one JSON-able value each.
        """
        texts = list(texts)
        found = self.lookup(texts)
        missing = [i for i, v in enumerate(found) if v is None]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            values = list(compute([texts[i] for i in missing]))
            if len(values) != len(missing):
                raise ValueError(f"compute returned {len(values)} values for {len(missing)} texts")
            for i, v in zip(missing, values):
                found[i] = v
            self.store([texts[i] for i in missing], values)
        return found

    def lookup(self, texts: Sequence[str]) -> list[Any]:
        """The cached value of each text, None where there is none."""
        out: list[Any] = [None] * len(texts)
        if self.folder is None or not len(texts) or not self.folder.is_dir():
            return out
        wanted: dict[bytes, list[int]] = {}
        for i, t in enumerate(texts):
            wanted.setdefault(text_digest(t), []).append(i)
        for keys_path in sorted(self.folder.glob("*.keys.npy")):
            if not wanted:
                break
            shard = keys_path.name[: -len(".keys.npy")]
            try:
                K = np.load(keys_path, allow_pickle=False)
                offs = np.load(self.folder / f"{shard}.offs.npy", allow_pickle=False)
                vals = np.load(self.folder / f"{shard}.vals.npy", mmap_mode="r", allow_pickle=False)
                if K.dtype != np.uint8 or K.ndim != 2 or K.shape[1] != 20 or offs.shape != (len(K) + 1,) \
                        or vals.dtype != np.uint8 or (len(K) and int(offs[-1]) != len(vals)):
                    raise ValueError(f"shapes {K.shape}/{offs.shape}/{vals.shape}")
                hits = [(i, k) for i, k in enumerate(_unpack(K)) if k in wanted]
                if not hits:
                    continue
                blob = bytes(vals)
                # one JSON array for the whole shard's hits: a json.loads per value cost ~1 s per 100k
                joined = b"[" + b",".join(blob[offs[i]:offs[i + 1]] for i, _ in hits) + b"]"
                decoded = list(zip((k for _, k in hits), json.loads(joined.decode("utf-8", "surrogatepass"))))
            except FileNotFoundError:  # merged away by another process meanwhile: recomputed if missing
                continue
            except Exception as exc:  # a corrupt shard costs a recomputation, never the run
                warn_unreadable_shard("prepared-text cache", keys_path, self.folder, exc, "entries")
                continue
            for k, value in decoded:
                for i in wanted.pop(k, ()):
                    out[i] = value
        return out

    def store(self, texts: Sequence[str], values: Iterable[Any]) -> None:
        """Write ``values`` (one per text) as one new shard; merge shards when they pile up."""
        if self.folder is None or not len(texts):
            return
        encoded = [json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
                   for v in values]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write_shard([text_digest(t) for t in texts], encoded)
            self._maybe_compact()
        except OSError as exc:  # a read-only or full disk costs the next run time, never this run
            warnings.warn(f"NPS205: could not write the prepared-text cache in {self.folder} ({exc}).",
                          NpsTextWarning, stacklevel=3)

    def _write_shard(self, keys: list[bytes], encoded: list[bytes]) -> str:
        shard = uuid.uuid4().hex
        offs = np.zeros(len(encoded) + 1, dtype=np.int64)
        offs[1:] = np.cumsum([len(e) for e in encoded])
        _atomic_save(self.folder / f"{shard}.vals.npy", np.frombuffer(b"".join(encoded), dtype=np.uint8))
        _atomic_save(self.folder / f"{shard}.offs.npy", offs)
        _atomic_save(self.folder / f"{shard}.keys.npy", _pack(keys))  # the commit marker
        return shard

    def _maybe_compact(self) -> None:
        shards = sorted(p.name[: -len(".keys.npy")] for p in self.folder.glob("*.keys.npy"))
        if len(shards) <= self.max_shards:
            return
        seen: set[bytes] = set()
        keys: list[bytes] = []
        encoded: list[bytes] = []
        merged = []
        for shard in shards:
            try:
                K = np.load(self.folder / f"{shard}.keys.npy", allow_pickle=False)
                offs = np.load(self.folder / f"{shard}.offs.npy", allow_pickle=False)
                blob = np.load(self.folder / f"{shard}.vals.npy", allow_pickle=False).tobytes()
                if offs.shape != (len(K) + 1,) or (len(K) and int(offs[-1]) != len(blob)):
                    continue  # leave bad shards alone: the reader warns about them
            except Exception:
                continue
            for i, k in enumerate(_unpack(K)):
                if k not in seen:
                    seen.add(k)
                    keys.append(k)
                    encoded.append(blob[offs[i]:offs[i + 1]])
            merged.append(shard)
        if len(merged) < 2:
            return
        new = self._write_shard(keys, encoded)
        for shard in merged:
            if shard == new:
                continue
            for suffix in _SUFFIXES:  # keys first: the shard disappears as a whole
                try:
                    (self.folder / f"{shard}{suffix}").unlink()
                except FileNotFoundError:
                    pass
