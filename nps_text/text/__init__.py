"""Stage 3-4: normalise comments, mask personal data, split clauses, lemmatise."""
from ._clauses import split_clauses
from ._lemmatize import all_stop_words, lemma_runs, lemmatize, stop_words
from ._normalize import for_embedding, looks_like_transcript, normalize
from ._pii import mask_pii, mask_pii_column
from ._table import clause_table, mention_table

__all__ = ["normalize", "looks_like_transcript", "split_clauses", "lemmatize", "stop_words", "all_stop_words",
           "mask_pii", "lemma_runs", "clause_table", "for_embedding",
           "mention_table", "mask_pii_column"]
