"""Save and load a fitted NpsAnalyzer: a manifest plus each component's own state.

The folder holds ``model.json`` (the manifest: format, package version, the
embedder's name and dimension, the analyzer's parameters and each component's
JSON state) and ``arrays.npz`` (each component's arrays, keys prefixed by the
component). Every component writes and reads its own state
(``get_state``/``from_state``); this module never touches their attributes.
Safe to open from a colleague's share: ``allow_pickle=False``, JSON only.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelLoadError

FORMAT = "nps-text-model/2"
COMPONENTS = ("topic_model", "theme_model", "polarity")


def save_model(analyzer, path: str | Path) -> Path:
    """Write ``model.json`` and ``arrays.npz`` into the folder ``path``."""
    from . import __version__

    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    components: dict[str, Any] = {}
    for name in COMPONENTS:
        component = getattr(analyzer, f"{name}_")
        meta, arrs = component.get_state()
        components[name] = {"class": type(component).__name__, "state": meta}
        arrays.update({f"{name}/{k}": np.asarray(v, dtype=np.float64) for k, v in arrs.items()})
    # the cache folder is where one machine keeps its caches: not part of the model
    params = {k: v for k, v in analyzer.get_params().items() if k != "cache" and (
              v is None or isinstance(v, (bool, int, float, str)) or k == "taxonomy" and isinstance(v, dict))}
    manifest = {
        "format": FORMAT, "nps_text_version": __version__,
        "embedder": {"name": analyzer.embedder_.name, "dim": int(analyzer.embedder_.dim)},
        "label_lang": analyzer.label_lang_, "params": params, "components": components,
    }
    from .embed import save_embedder_state

    # a static embedder learned its word table and projection from the survey: the next wave needs the same
    state = save_embedder_state(analyzer.embedder_, folder)
    if state:
        manifest["embedder"]["state"] = state
    np.savez(folder / "arrays.npz", **arrays)
    (folder / "model.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, default=_plain), "utf-8")
    return folder


def _plain(value: Any):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot save {type(value).__name__}")


def _component_classes() -> dict[str, dict[str, type]]:
    from .polarity import AnchoredPolarity
    from .topics import ThemeModel, TopicModel

    polarity: dict[str, type] = {"AnchoredPolarity": AnchoredPolarity}
    try:
        from .polarity import TextPolarity

        polarity["TextPolarity"] = TextPolarity
    except ImportError:  # pragma: no cover - shipped with the package
        pass
    return {"topic_model": {"TopicModel": TopicModel}, "theme_model": {"ThemeModel": ThemeModel},
            "polarity": polarity}


def load_model(path: str | Path, embedder, analyzer_class, *, cache=None):
    """Rebuild a fitted ``analyzer_class`` (NpsAnalyzer) saved by ``save_model``; ``embedder`` must match.
    ``cache`` is this machine's (``NpsAnalyzer(cache=...)``), never the saved one."""
    from .embed import get_embedder

    NpsAnalyzer = analyzer_class

    folder = Path(path)
    try:
        manifest = json.loads((folder / "model.json").read_text("utf-8"))
        with np.load(folder / "arrays.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"NPS205: cannot load a model from {folder}: {exc}") from exc
    fmt = manifest.get("format")
    if fmt == "nps-text-model/1":
        raise ModelLoadError(f"NPS205: {folder} was saved by nps-text before themes existed (format {fmt}); "
                             "fit it again on the survey and save it with this version.")
    if fmt != FORMAT:
        raise ModelLoadError(f"NPS205: {folder} is not an nps-text model (format {fmt!r}).")
    saved = manifest["embedder"]
    from .embed import spec_of

    if embedder is None or embedder == "auto":
        # a built-in embedder is found from its saved name ("auto" may have chosen either)
        embedder = spec_of(saved["name"])
        if embedder is None:
            raise ModelLoadError(f"NPS206: the model was fitted with embedder {saved['name']!r}; pass it as "
                                 "load(..., embedder=...).")
    emb = get_embedder(embedder, cache=cache)
    if emb.name != saved["name"] or int(emb.dim) != int(saved["dim"]):
        raise ModelLoadError(
            f"NPS206: the model was fitted with embedder {saved['name']!r} ({saved['dim']} dimensions) but "
            f"{emb.name!r} ({emb.dim} dimensions) was given; pass the same embedder as load(..., embedder=...).")
    from .embed import restore_embedder

    try:
        emb = restore_embedder(emb, folder, saved.get("state"))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(f"NPS205: cannot load the embedder's table from {folder}: {exc}") from exc
    analyzer = NpsAnalyzer(**{k: v for k, v in manifest["params"].items() if k in NpsAnalyzer._parameter_constraints
                              and k not in ("embedder", "cache")}, embedder=embedder, cache=cache)
    analyzer.embedder_ = emb
    analyzer.label_lang_ = manifest.get("label_lang") or "en"
    analyzer.timings_ = {}
    classes = _component_classes()
    for name in COMPONENTS:
        entry = manifest["components"][name]
        cls = classes[name].get(entry["class"])
        if cls is None:
            raise ModelLoadError(f"NPS205: {folder}: unknown {name} class {entry['class']!r}.")
        prefix = f"{name}/"
        try:
            component = cls.from_state(entry["state"], {k[len(prefix):]: v for k, v in arrays.items()
                                                         if k.startswith(prefix)})
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelLoadError(f"NPS205: {folder}: the saved {name} is damaged ({exc!r}).") from exc
        setattr(analyzer, f"{name}_", component)
    return analyzer
