"""Issue 11 statistics at real size: telecom (2,353 respondents) with a keyword theme assignment.

The themes are a stand-in (keywords, polarity from the score), not the engine's:
this measures the cost of the statistics and shows their tables on real scores,
dates and journey stages. Run:

    PYTHONPATH=$PWD python benchmarks/stats_telecom.py [--n-boot 1000]
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd

from nps_text import _columns as C
from nps_text.impact import (assign_periods, build_indicators, change_decomposition, emerging_themes,
                             segment_table, theme_statistics, union_impact, wave_table)

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "nps_telecom_en" / "nps_telecom_en.csv"

KEYWORDS = {
    "Engineer visit": r"engineer|technician|visit|turn(ed)? up|no show",
    "Installation": r"install|set ?up|activation|activate|connect(ed|ion)? date",
    "Broadband speed": r"speed|slow|fast|bandwidth|mbps",
    "Connection drops": r"drop|disconnect|outage|down\b|cut off|unstable|intermittent",
    "Customer service": r"customer service|staff|agent|advisor|representative|helpful|rude|polite|friendly",
    "Phone waiting": r"on hold|wait(ing|ed)? (for|on)|call centre|call center|queue|hours on the phone",
    "Call back": r"call(ed)? (me )?back|never called|no one called|nobody called",
    "Price": r"price|cost|cheap|expensive|value|money|offer|deal|discount",
    "Billing": r"bill|charge|payment|paid|refund|direct debit|invoice",
    "Order process": r"order|ordering|online|website|easy|simple|straightforward|smooth",
    "Delays": r"delay|late|weeks|months|still (no|not|waiting)|took \d+",
    "Communication": r"communicat|inform|update|email|text message|letter|kept me",
    "Router / equipment": r"router|hub|box|equipment|device|modem|wifi|wi-fi",
    "TV service": r"\btv\b|channel|record|programme|sport",
    "Promises broken": r"promis|lied|lie\b|told (me )?(that|it)|mislead|misled",
    "Cancelled order": r"cancel",
    "Problem solved": r"sorted|resolved|fixed|solved",
    "Incompetence": r"incompeten|useless|rubbish|terrible|awful|shambles|disgrac|worst",
    "Reliability": r"reliab|no problem|works? (well|fine|great)|never (had|been) (a )?(problem|issue)",
    "Contract": r"contract|tie[d]? in|minimum term|notice",
    "Complaints": r"complain",
    "Moving home": r"mov(e|ed|ing) (home|house)|new (home|house|address)",
    "Phone line": r"landline|phone line|dial tone|line fault",
    "Mobile / app": r"\bapp\b|mobile|sim\b",
    "Recommend": r"recommend|family|friend",
}


def fake_tables(path: Path = DATA) -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """responses and mentions of the telecom survey with keyword themes (kind from the score)."""
    d = pd.read_csv(path)
    group = np.where(d["score"] >= 9, C.PROMOTER, np.where(d["score"] >= 7, C.PASSIVE, C.DETRACTOR))
    responses = pd.DataFrame({C.ROW: np.arange(1, len(d) + 1), C.GROUP: group, C.STATUS: C.ANALYSED,
                              C.DATE: d["date"], "journey_stage": d["journey_stage"]})
    labels = dict(enumerate(KEYWORDS))
    recs = []
    for row, comment, score in zip(responses[C.ROW], d["comment"].fillna(""), d["score"]):
        text = comment.lower()
        for tid, pattern in enumerate(KEYWORDS.values()):
            if re.search(pattern, text):
                recs.append((row, tid, C.BARRIER if score <= 6 else C.DRIVER))
    mentions = pd.DataFrame(recs, columns=[C.ROW, C.THEME_ID, C.KIND])
    return responses, mentions, labels


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n-boot", type=int, default=1000)
    args = parser.parse_args()
    responses, mentions, labels = fake_tables()
    timings = {}

    t = time.perf_counter()
    ind = build_indicators(responses, mentions)
    timings["indicators"] = time.perf_counter() - t
    t = time.perf_counter()
    stats = theme_statistics(ind, n_boot=args.n_boot)
    union = union_impact(ind, ind.items[C.KIND] == C.BARRIER, n_boot=args.n_boot)
    timings["impact + key drivers + union (bootstrap)"] = time.perf_counter() - t
    t = time.perf_counter()
    seg = segment_table(responses, mentions, ["journey_stage"], labels=labels)
    timings["segments"] = time.perf_counter() - t
    t = time.perf_counter()
    responses[C.WAVE] = assign_periods(responses[C.DATE])
    waves = wave_table(responses)
    emerging = emerging_themes(responses, mentions, labels=labels)
    first, last = waves[C.WAVE].iloc[0], waves[C.WAVE].iloc[-1]
    change = change_decomposition(responses[responses[C.WAVE] == first], mentions,
                                  responses[responses[C.WAVE] == last], mentions, labels=labels)
    timings["waves + emerging + change"] = time.perf_counter() - t

    print(f"respondents {ind.n}, items {ind.X.shape[1]}, mention pairs {ind.X.nnz}, n_boot {args.n_boot}")
    for name, sec in timings.items():
        print(f"  {name}: {sec:.2f} s")
    print(f"  total: {sum(timings.values()):.2f} s")
    stats[C.LABEL] = stats[C.THEME_ID].map(labels)
    barriers = stats[stats[C.KIND] == C.BARRIER].sort_values(C.IMPACT).head(5)
    cols = [C.LABEL, C.N_RESPONDENTS, C.IMPACT, C.IMPACT_LOW, C.IMPACT_HIGH, C.SIGNIFICANT, C.KEY_DRIVER,
            C.KEY_DRIVER_LOW, C.KEY_DRIVER_HIGH]
    print("\nTop 5 barriers:\n" + barriers[cols].round(1).to_string(index=False))
    print(f"sum of barrier impacts {stats.loc[stats[C.KIND] == C.BARRIER, C.IMPACT].sum():.1f}, "
          f"union impact {union[C.IMPACT]:.1f} [{union[C.IMPACT_LOW]:.1f}, {union[C.IMPACT_HIGH]:.1f}], "
          f"sum of barrier key drivers {stats.loc[stats[C.KIND] == C.BARRIER, C.KEY_DRIVER].sum():.1f}")
    print("\nSegments:\n" + seg.round(3).to_string(index=False))
    print("\nWaves:\n" + waves.round(3).to_string(index=False))
    print(f"\nChange {first} -> {last} (NPS {change.attrs['nps_old']:.1f} -> {change.attrs['nps_new']:.1f}):\n"
          + change.head(6).round(2).to_string(index=False) + "\n...\n" + change.tail(1).round(2).to_string(
              index=False, header=False) + f"\nsum of totals {change[C.TOTAL].sum():.6f}")
    flagged = emerging[emerging[C.TREND] != ""]
    print("\nEmerging / fading:\n" + flagged.round(3).to_string(index=False))


if __name__ == "__main__":
    main()
