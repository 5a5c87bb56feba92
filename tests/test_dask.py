"""Scoring on a Dask cluster gives exactly the single-machine numbers (NPS and impact are additive counts)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_text import _columns as C
from nps_text.ingest import read_survey
from nps_text.pipeline import NpsAnalyzer

from conftest import HashEmbedder, make_survey

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

from nps_text.distributed import combine_counts, partition_counts, score_dask, signature_sizes  # noqa: E402

pytestmark = pytest.mark.slow  # a Dask LocalCluster scoring the survey end to end

COMPARE = [C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR,
           C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT]


@pytest.fixture(scope="module")
def fitted():
    responses, schema = read_survey(make_survey(150, seed=1), id="respondent_id", score="score",
                                    comment="comment", segments=["department"])
    analyzer = NpsAnalyzer(embedder=HashEmbedder(), min_topic_size=5, min_respondents=30, n_boot=50,
                           progress=False)
    analyzer.fit(responses, schema.segments)
    return analyzer


@pytest.fixture(scope="module")
def wave():
    raw = make_survey(240, seed=7, wave="2026-Q2")
    responses, schema = read_survey(raw, id="respondent_id", score="score", comment="comment",
                                    segments=["department"])
    return raw, responses, schema


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _single(fitted, responses, segments):
    topics = fitted.transform(responses, segments).themes
    return topics.sort_values([C.THEME_ID, C.KIND]).reset_index(drop=True)


def _assert_same(dist: pd.DataFrame, single: pd.DataFrame):
    dist = dist.assign(**{C.KIND: dist[C.KIND].replace("", np.nan)})
    single = single.assign(**{C.KIND: single[C.KIND].replace("", np.nan)})
    dist = dist.sort_values([C.THEME_ID, C.KIND]).reset_index(drop=True)
    single = single.sort_values([C.THEME_ID, C.KIND]).reset_index(drop=True)
    assert list(zip(dist[C.THEME_ID], dist[C.KIND].fillna(""))) == list(zip(single[C.THEME_ID],
                                                                           single[C.KIND].fillna("")))
    for col in COMPARE:
        np.testing.assert_allclose(dist[col].to_numpy(float), single[col].to_numpy(float), rtol=0, atol=1e-9,
                                   err_msg=col)


def test_distributed_equals_single_machine_on_validated_responses(fitted, wave, client):
    _, responses, schema = wave
    single = _single(fitted, responses, schema.segments)
    ddf = dd.from_pandas(responses, npartitions=4)
    out = score_dask(fitted, ddf, client=client, segments=schema.segments)
    assert out.n_partitions == 4 and out.n_rows == len(responses)
    _assert_same(out.themes, single)
    whole = fitted.transform(responses, schema.segments)
    assert out.nps == pytest.approx(whole.nps, abs=1e-12)
    assert (single[C.THEME_ID] == -1).any() and out.meta["small_rows_merged"]  # the merge rule was exercised


def test_distributed_reads_raw_partitions(fitted, wave, client):
    raw, responses, schema = wave
    single = _single(fitted, responses, schema.segments)
    ddf = dd.from_pandas(raw, npartitions=3)
    out = score_dask(fitted, ddf, client=client, id="respondent_id", score="score", comment="comment",
                     segments=["department"])
    _assert_same(out.themes, single)
    cols = ["segment", "value", "n", "promoters", "passives", "detractors", "nps", "moe", "band", "flag"]
    whole = fitted.transform(responses, schema.segments).summary
    assert len(whole) == 4  # overall and three departments
    pd.testing.assert_frame_equal(out.summary[cols], whole[cols], check_dtype=False)


def test_partition_merge_is_decided_on_the_whole_survey(fitted, wave):
    """A topic row small in every partition but large overall must stay a row (and the reverse)."""
    _, responses, schema = wave
    bounds = np.linspace(0, len(responses), 9).astype(int)
    parts = [partition_counts(fitted, responses.iloc[a:b], segments=schema.segments)
             for a, b in zip(bounds[:-1], bounds[1:])]
    per_part_max = pd.concat([pd.Series(signature_sizes(p["signatures"])) for p in parts]).groupby(level=[0, 1]).max()
    topics, overall = combine_counts(parts, min_respondents=fitted.min_respondents)
    shown = topics[topics[C.THEME_ID] != -1].set_index([C.THEME_ID, C.KIND])
    assert (per_part_max.reindex(shown.index) < fitted.min_respondents).any()
    _assert_same(topics, _single(fitted, responses, schema.segments))
    assert overall["n"] == (responses[C.STATUS] != C.EXCLUDED).sum()


def test_unfitted_analyzer_is_refused(client, wave):
    from nps_text.errors import NotFittedError

    with pytest.raises(NotFittedError, match="NPS204"):
        score_dask(NpsAnalyzer(embedder=HashEmbedder()), dd.from_pandas(wave[1], npartitions=2), client=client)
