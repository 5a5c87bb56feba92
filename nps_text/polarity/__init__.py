"""Stage 7: is a mention praise (driver) or complaint (barrier)?"""
from ._anchors import anchor_scores, anchor_texts, sentiment_axis
from ._base import PolarityModel
from ._classifier import AnchoredPolarity
from ._head import BasePolarity, TextPolarity

__all__ = ["PolarityModel", "AnchoredPolarity", "anchor_texts", "anchor_scores", "sentiment_axis"]
__all__ += ["BasePolarity", "TextPolarity"]
