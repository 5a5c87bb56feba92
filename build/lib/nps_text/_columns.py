"""Column names of every output table, in one place so tables stay stable."""
from __future__ import annotations

# responses
ROW = "row"                  # 1-based row number in the input file (data rows, header excluded)
RESPONDENT = "respondent_id"
SCORE = "score"              # original score on the survey's scale
SCORE10 = "score_0_10"       # score mapped to 0-10 (equal to score for 0-10 surveys)
GROUP = "group"              # promoter / passive / detractor
COMMENT = "comment"
STATUS = "status"            # analysed / nps_only / excluded
REASON = "status_reason"
LANG = "lang"
LANG_CONF = "lang_confidence"
WAVE = "wave"
DATE = "date"
TOPICS = "topics"
N_CLAUSES = "n_clauses"

# statuses
ANALYSED = "analysed"
NPS_ONLY = "nps_only"        # counts for NPS, no text to analyse
EXCLUDED = "excluded"

PROMOTER, PASSIVE, DETRACTOR = "promoter", "passive", "detractor"

# topics / priorities
TOPIC_ID = "topic_id"
LABEL = "label"
KIND = "kind"                # driver / barrier
DRIVER, BARRIER = "driver", "barrier"
KEYWORDS = "keywords"
EXAMPLES = "examples"
N_MENTIONS = "n_mentions"
N_RESPONDENTS = "n_respondents"
PCT_RESPONDENTS = "pct_respondents"
SHARE_PROM = "share_promoters"
SHARE_PASS = "share_passives"
SHARE_DETR = "share_detractors"
NPS_MENTIONERS = "nps_mentioners"
NPS_MENTIONERS_MOE = "nps_mentioners_moe"
NPS_WITHOUT = "nps_without"
IMPACT = "impact"
LANGS = "languages"

# mentions
CLAUSE = "clause"
CLAUSE_NO = "clause_no"
LEMMAS = "lemmas"
P_DRIVER = "p_driver"
P_BARRIER = "p_barrier"
P_NEUTRAL = "p_neutral"
NEUTRAL = "neutral"          # a mention that states a fact: counts for its theme, never decides a direction

# themes (two levels: a theme holds sub-topics)
THEME_ID = "theme_id"
THEME_LABEL = "theme_label"
N_TOPICS = "n_topics"
IMPACT_LOW = "impact_low"
IMPACT_HIGH = "impact_high"
NPS_MENTIONERS_LOW = "nps_mentioners_low"
NPS_MENTIONERS_HIGH = "nps_mentioners_high"
SIGNIFICANT = "significant"
KEY_DRIVER = "key_driver"
KEY_DRIVER_LOW = "key_driver_low"
KEY_DRIVER_HIGH = "key_driver_high"
SCORES_AGREE = "scores_agree"

# priorities
RANK = "rank"
SCOPE = "scope"              # "overall" or a department name
POINTS = "points"
POINTS_LOW = "points_low"
POINTS_HIGH = "points_high"
ACTION = "action"
DEPARTMENT = "department"
OWNER = "owner"
KPI = "kpi"
KPI_BASELINE = "kpi_baseline"
TARGET = "target"

# summary / segments / waves / change
SEGMENT = "segment"
VALUE = "value"
N = "n"
NPS = "nps"
MOE = "moe"
BAND = "band"
FLAG = "flag"
P_VALUE = "p_value"
GAP_THEMES = "gap_themes"
MIX = "mix"
RATE = "rate"
TOTAL = "total"
UNEXPLAINED_LABEL = "(not explained by a theme)"

# waves (issue 11)
PERIOD = "period"
CHANGE = "change"            # NPS (or share) minus the previous wave's
PCT_BEFORE = "pct_before"    # share of respondents mentioning an item in the previous waves
TREND = "trend"              # emerging / fading / ""
EMERGING, FADING = "emerging", "fading"
GAP = "gap"                  # NPS of a segment value minus NPS of the rest
BASELINE = "baseline"
