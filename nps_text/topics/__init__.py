"""Stage 6: sub-topics of comment clauses (BERTopic with neutralized embeddings) and the themes over them."""
from ._assemble import label_themes, term_profiles
from ._model import OUTLIER, TopicModel, auto_min_topic_size, fit_centering, make_label, neutralize
from ._taxonomy import build_taxonomy, read_taxonomy, taxonomy_yaml
from ._themes import ThemeModel
from ._words import WordView

__all__ = ["TopicModel", "ThemeModel", "WordView", "label_themes", "read_taxonomy", "build_taxonomy",
           "taxonomy_yaml", "term_profiles", "neutralize", "fit_centering", "auto_min_topic_size", "make_label", "OUTLIER"]
