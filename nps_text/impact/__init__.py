"""Stage 8: NPS arithmetic, the link from themes to NPS points, and the result tables."""
from ._impact import item_impact, topic_impact
from ._nps import add_bands, band, nps_from_counts, nps_of, nps_summary
from ._tables import (UNASSIGNED_LABEL, accounting, annotate_responses, build_tables, callbacks, drop_small_rows,
                      examples, theme_table, topic_table, unassigned_label, valid_responses)

__all__ = ["nps_from_counts", "nps_of", "nps_summary", "add_bands", "band", "item_impact", "topic_impact",
           "theme_table", "topic_table", "examples", "annotate_responses", "callbacks", "accounting",
           "drop_small_rows", "valid_responses", "UNASSIGNED_LABEL", "unassigned_label", "build_tables"]

# Statistics of issue 11: uncertainty, key drivers, segment gaps, waves, benchmarks, department priorities.
from ._benchmarks import BandNote, band_note, compare_to_industry, industry_benchmark, read_industry_table
from ._bootstrap import bootstrap_impact, impact_intervals, union_impact
from ._indicators import Indicators, build_indicators
from ._keydrivers import (bootstrap_key_drivers, decompose_difference, fit_linear, key_drivers,
                          theme_statistics)
from ._priorities import department_priorities
from ._segments import gap_contributions, segment_table
from ._waves import (assign_periods, change_decomposition, choose_period, emerging_themes, wave_change,
                     wave_table, wave_themes)

__all__ += [
    "Indicators", "build_indicators", "bootstrap_impact", "impact_intervals", "union_impact",
    "bootstrap_key_drivers", "key_drivers", "theme_statistics", "fit_linear", "decompose_difference",
    "segment_table", "gap_contributions", "assign_periods", "choose_period", "wave_table", "wave_themes",
    "emerging_themes", "change_decomposition", "wave_change", "industry_benchmark", "read_industry_table",
    "compare_to_industry", "band_note", "BandNote", "department_priorities",
]
