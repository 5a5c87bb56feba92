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
