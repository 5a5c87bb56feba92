"""Stage 6: clause topics (BERTopic with neutralised embeddings and lemma keywords)."""
from ._model import OUTLIER, TopicModel, auto_min_topic_size, fit_centering, make_label, neutralize
from ._words import WordView

__all__ = ["TopicModel", "WordView", "neutralize", "fit_centering", "auto_min_topic_size", "make_label", "OUTLIER"]
