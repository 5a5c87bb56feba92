"""Stage 7: is a mention praise (driver), complaint (barrier) or a statement of fact (neutral)?"""
from ._anchors import anchor_scores, anchor_texts, sentiment_axis
from ._base import CLASSES, PolarityModel
from ._classifier import AnchoredPolarity

__all__ = ["PolarityModel", "AnchoredPolarity", "CLASSES", "default_polarity", "anchor_texts", "anchor_scores",
           "sentiment_axis"]


def default_polarity(embedder) -> PolarityModel:
    """The default polarity model for ``embedder`` (the shipped text model needs its own embedder)."""
    return AnchoredPolarity()
