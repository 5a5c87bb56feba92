"""Stage 8: NPS arithmetic, the link from themes to NPS points, and the result tables."""
from ._impact import item_impact, priorities, topic_impact
from ._nps import band, nps_from_counts, nps_of, nps_summary
from ._tables import (UNASSIGNED_LABEL, accounting, build_tables, annotate_responses, callbacks, drop_small_rows, examples,
                      theme_table, topic_table, trends, valid_responses)

__all__ = ["nps_from_counts", "nps_of", "nps_summary", "band", "item_impact", "topic_impact", "priorities",
           "theme_table", "topic_table", "examples", "annotate_responses", "trends", "callbacks", "accounting",
           "drop_small_rows", "valid_responses", "UNASSIGNED_LABEL", "build_tables"]
