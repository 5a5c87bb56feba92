"""Big inputs (issue #13 item 4, ingest side): head first, then only the needed columns, in chunks."""
from __future__ import annotations

import random
import warnings

import pandas as pd
import pytest

from nps_text.errors import ParameterError
from nps_text.ingest import _readers, iter_survey, read_survey
from nps_text.ingest._status import DUPLICATE


def _write_survey(path, n=2_000, seed=3):
    """A CSV with every kind of row: duplicates far apart, bad scores, empty comments, extra columns."""
    rng = random.Random(seed)
    lines = ["id,date,score,comment,department,noise_a,noise_b"]
    for i in range(n):
        rid = f"R{rng.randrange(n * 9 // 10)}"  # ~10% of ids repeat, often in another chunk
        score = rng.choice(["10", "9", "7", "3", "0", "", "11", "n/a", "8 - likely"])
        comment = rng.choice(["fast and cheap", "", "  ", "👍", '"slow, expensive"', "нет данных", "ok"])
        day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(f"{rid},{day},{score},{comment},{rng.choice(['Billing', 'Sales', ''])},x{i},{'y' * 50}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def survey(tmp_path):
    path = tmp_path / "big.csv"
    _write_survey(path)
    return path


def test_chunks_equal_one_read(survey):
    whole, schema = read_survey(survey)
    parts = list(iter_survey(survey, chunksize=137))
    assert len(parts) == -(-len(whole) // 137)
    assert all(len(p) == 137 for p, _ in parts[:-1])
    joined = pd.concat([p for p, _ in parts], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole)
    assert joined["row"].tolist() == list(range(1, 2_001))
    # duplicates across chunk borders were found: some first rows are in an earlier chunk
    dup = joined[joined["status_reason"].str.startswith("duplicate")]
    firsts = dup["status_reason"].str.extract(r"row (\d+)")[0].astype(int)
    assert ((dup["row"] - 1) // 137 > (firsts - 1) // 137).any()
    assert parts[0][1] == schema


def test_streamed_read_equals_in_memory_read(survey, monkeypatch):
    small, schema = read_survey(survey)
    monkeypatch.setattr(_readers, "STREAM_BYTES", 1_000)   # force the big-file path
    monkeypatch.setattr(_readers, "CHUNK_ROWS", 300)
    monkeypatch.setattr(_readers, "SAMPLE_ROWS", 50)
    big, schema_big = read_survey(survey)
    pd.testing.assert_frame_equal(big, small)
    assert schema_big == schema
    streamed = pd.concat([p for p, _ in iter_survey(survey, chunksize=250)], ignore_index=True)
    pd.testing.assert_frame_equal(streamed, small)


def test_only_the_schema_columns_are_kept(survey, monkeypatch):
    monkeypatch.setattr(_readers, "STREAM_BYTES", 1_000)
    head = _readers.read_head(survey)
    chunks = list(_readers.read_body(head, ["score", "comment"], chunksize=500))
    assert [list(c.columns) for c in chunks] == [["score", "comment"]] * 4
    assert sum(len(c) for c in chunks) == 2_000


def test_streamed_file_with_a_bad_row_far_down_raises_NPS104(tmp_path, monkeypatch):
    path = tmp_path / "bad.csv"
    rows = ["score,comment"] + ["9,ok"] * 500 + ["3,bad,extra"] + ["9,ok"] * 10
    path.write_text("\n".join(rows) + "\n")
    monkeypatch.setattr(_readers, "STREAM_BYTES", 100)
    monkeypatch.setattr(_readers, "SAMPLE_ROWS", 20)
    monkeypatch.setattr(_readers, "CHUNK_ROWS", 100)
    with pytest.raises(Exception, match=r"^NPS104: bad\.csv could not be parsed as CSV .*line 502") as exc:
        read_survey(path)
    assert exc.value.failure_cases["row"].tolist() == [502]


def test_streamed_cp1251_file_is_decoded(tmp_path, monkeypatch):
    path = tmp_path / "cp.csv"
    path.write_bytes(("оценка;комментарий\n" + "9;Хорошо\n" * 300 + "2;Плохо, дорого\n").encode("cp1251"))
    monkeypatch.setattr(_readers, "STREAM_BYTES", 100)
    r, schema = read_survey(path)
    assert schema.score == "оценка" and r["comment"].iloc[-1] == "Плохо, дорого" and len(r) == 301


def test_warnings_come_once_for_the_whole_file(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("score,comment,date\n" + "9,ok,yesterday\n" * 10)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parts = list(iter_survey(path, chunksize=3))
    assert len(parts) == 4
    nps110 = [str(w.message) for w in caught if "NPS110" in str(w.message)]
    assert nps110 == ["NPS110: 10 dates in column 'date' could not be read; those rows keep their other data."]


@pytest.mark.parametrize("bad", [0, -5, 2.5, True])
def test_chunksize_must_be_a_positive_int(survey, bad):
    with pytest.raises(ParameterError, match=r"^NPS201: the 'chunksize' parameter of iter_survey must be an int "
                                             r"in \[1, inf\)\. Got .* instead\.$"):
        next(iter_survey(survey, chunksize=bad))


def test_excel_and_dataframe_sources_chunk_too(tmp_path):
    df = pd.DataFrame({"id": ["a", "b", "a", "c", "a"], "score": ["9", "3", "10", "x", "8"],
                       "comment": ["ok", "bad", "dup", "n", "dup again"]})
    whole, _ = read_survey(df)
    parts = pd.concat([p for p, _ in iter_survey(df, chunksize=2)], ignore_index=True)
    pd.testing.assert_frame_equal(parts, whole)
    path = tmp_path / "s.parquet"
    df.to_parquet(path)
    parts = pd.concat([p for p, _ in iter_survey(path, chunksize=2)], ignore_index=True)
    pd.testing.assert_frame_equal(parts, whole)


@pytest.mark.parametrize("chunksize", [1, 137, 5_000])
def test_duplicates_follow_the_first_valid_answer_rule(survey, chunksize):
    """Hashed keys (24 bytes each, kept across chunks) find exactly the duplicates a dict of ids finds."""
    got = pd.concat([p for p, _ in iter_survey(survey, chunksize=chunksize)], ignore_index=True)
    is_dup = got["status_reason"].fillna("").str.startswith("duplicate")
    first: dict = {}
    expected = []
    for rid, wave, status, dup in zip(got["respondent_id"], got["wave"], got["status"], is_dup):
        if status == "excluded" and not dup:  # no valid score: never the first answer
            expected.append(None)
            continue
        key = (rid, wave)
        expected.append(first.get(key))
        first.setdefault(key, len(expected))
    want = [DUPLICATE.format(row=r) if r else None for r in expected]
    found = [r if d else None for r, d in zip(got["status_reason"], is_dup)]
    assert is_dup.sum() > 40
    assert found == want


def test_sample_survey_is_a_uniform_sample_of_one_read(survey):
    from nps_text.ingest import sample_survey

    whole, schema = read_survey(survey)
    sample, schema_s, rows = sample_survey(survey, 300, seed=1, chunksize=137)
    assert rows == len(whole) and schema_s == schema and len(sample) == 300
    assert sample["row"].is_monotonic_increasing
    # each sampled row is that row of the whole read, status (duplicates across chunks) included
    pd.testing.assert_frame_equal(sample, whole.set_index("row", drop=False).loc[sample["row"]].reset_index(drop=True))
    again, _, _ = sample_survey(survey, 300, seed=1, chunksize=500)
    assert sample["row"].tolist() == again["row"].tolist()  # the seed decides, not the chunk size
    assert sample_survey(survey, 300, seed=2)[0]["row"].tolist() != sample["row"].tolist()
    # every part of the file is drawn from: about 15% of each fifth (300 of 2,000)
    fifths = ((sample["row"] - 1) // 400).value_counts()
    assert len(fifths) == 5 and fifths.min() >= 35
    everything, _, _ = sample_survey(survey, 5_000, chunksize=137)
    pd.testing.assert_frame_equal(everything, whole)
    with pytest.raises(ParameterError, match=r"^NPS201: the 'n' parameter of sample_survey"):
        sample_survey(survey, 0)


def test_auto_waves_of_a_streamed_file_follow_every_date_not_the_first_chunk(tmp_path, monkeypatch):
    """A two-year export sorted by date: the first chunks span weeks, the file spans quarters."""
    days = pd.date_range("2024-01-01", "2025-12-31", periods=1_200)
    lines = ["id,date,score,comment"] + [f"R{i},{d:%Y-%m-%d},{9 if i % 2 else 3},ok" for i, d in enumerate(days)]
    path = tmp_path / "sorted.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, _ = read_survey(path)
    assert whole["wave"].str.contains("Q").all() and whole["wave"].nunique() == 8  # quarters, read in memory
    monkeypatch.setattr(_readers, "STREAM_BYTES", 1_000)   # the big-file path: head first, then chunks
    monkeypatch.setattr(_readers, "CHUNK_ROWS", 50)
    streamed, _ = read_survey(path)
    pd.testing.assert_frame_equal(streamed, whole)
    for chunksize in (30, 500):
        parts = pd.concat([p for p, _ in iter_survey(path, chunksize=chunksize)], ignore_index=True)
        assert parts["wave"].tolist() == whole["wave"].tolist()
