"""PII masking: contact details go, ordinary numbers stay."""
from __future__ import annotations

import time
import warnings

import pandas as pd
import pytest

import nps_text
from nps_text.text import mask_pii

from conftest import HashEmbedder

MASKED = [
    ("Перезвоните мне +380 67 123 45 67, пожалуйста", "Перезвоните мне [phone], пожалуйста"),
    ("мій номер +380671234567", "мій номер [phone]"),
    ("звоните на 067-123-45-67 после обеда", "звоните на [phone] после обеда"),
    ("мой телефон +7 (912) 345-67-89", "мой телефон [phone]"),
    ("горячая линия 8 800 555 35 35 не отвечает", "горячая линия [phone] не отвечает"),
    ("телефон +359 88 123 4567", "телефон [phone]"),
    ("обадете се на 0888 123 456", "обадете се на [phone]"),
    ("тел. (044) 123-45-67", "тел. [phone]"),
    ("номер 0671234567, звоните", "номер [phone], звоните"),
    ("+38(067)1234567", "[phone]"),
    ("call me at 555-123-4567", "call me at [phone]"),
    ("пишите на ivan.petrov@gmail.com", "пишите на [email]"),
    ("my email: j.smith+nps@example.co.uk.", "my email: [email]."),
    ("карта 4111 1111 1111 1111 заблокирована", "карта [card] заблокирована"),
    ("card 4111-1111-1111-1111", "card [card]"),
    ("4111111111111111", "[card]"),
    ("IBAN UA213223130000026007233566001", "IBAN [card]"),
    ("ссылка https://shop.example.com/order?token=abc123def456 не работает", "ссылка [url] не работает"),
    ("відписка http://mail.example.com/unsub?email=olena%40ukr.net", "відписка [url]"),
    ("личный кабинет https://my.example.com/s/Zx9Qw7Er5Ty3Ui1Op0AsDf", "личный кабинет [url]"),
]

KEPT = [
    "заплатил 500 грн за месяц",
    "ціна 1 200 грн за 3 місяці",
    "1 500 000 грн за подключение дома",
    "в 2024 году было лучше",
    "10/10 рекомендую",
    "заказ 12345678 так и не пришел",
    "order #1234567 was late",
    "рахунок № 2024-000123",
    "12.03.2026 отключили интернет",
    "с 12.03.2026 по 15.03.2026 не было связи",
    "10.03.2026 14:35 звонил в поддержку",
    "2024-03-12",
    "с 10:00 до 18:00",
    "звонил 3 раза за 2 недели",
    "тариф 150 грн/мес, 100 ГБ",
    "2023-2024",
    "справка на https://example.com/help",
    "",
]


@pytest.mark.parametrize("text,expected", MASKED, ids=[m[0][:30] for m in MASKED])
def test_masked(text, expected):
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_are_kept(text):
    assert mask_pii(text) == text


def test_masking_is_idempotent():
    for text, expected in MASKED:
        assert mask_pii(expected) == expected


def test_masking_is_linear_on_huge_text():
    """Regression: the e-mail pattern used to backtrack quadratically ('a'*20_000 took seconds)."""
    for text in ["a" * 200_000, ("x" * 1000 + "@") * 200, "1" * 200_000, "слово 12 " * 20_000]:
        t = time.perf_counter()
        mask_pii(text)
        assert time.perf_counter() - t < 1.0


def test_date_time_is_not_a_phone():
    """Regression: '10.03.2026 14:35' became '[phone]:35'."""
    assert mask_pii("10.03.2026 14:35") == "10.03.2026 14:35"


def test_trunk_prefix_8_is_part_of_the_phone():
    """Regression: '8 800 555 35 35' became '8 [phone]', leaking the prefix."""
    assert mask_pii("8 800 555 35 35") == "[phone]"


PII_SURVEY = pd.DataFrame({
    "respondent_id": ["r1", "r2", "r3", "r4"],
    "score": ["2", "1", "10", "9"],
    "comment": [
        "интернет пропадает, перезвоните +380 67 123 45 67",
        "оператор грубый, пишите ivan.petrov@gmail.com",
        "все отлично, карта 4111 1111 1111 1111 работает",
        "быстрый интернет, спасибо",
    ],
})
RAW = ["+380 67 123 45 67", "ivan.petrov@gmail.com", "4111 1111 1111 1111"]


@pytest.fixture(scope="module")
def masked_result():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return (nps_text.analyze(PII_SURVEY, embedder=HashEmbedder()),
                nps_text.analyze(PII_SURVEY, embedder=HashEmbedder(), mask_pii=False))


def test_analyze_masks_pii_everywhere(masked_result, tmp_path):
    result, _ = masked_result
    blobs = {
        "responses.comment": " ".join(result.responses["comment"]),
        "mentions": " ".join(result.mentions["clause"]),
        "callbacks": result.callbacks.to_string(),
        "topics": result.topics.to_string(),
    }
    paths = result.save_report(tmp_path, excel=False)
    blobs["report.html"] = paths["html"].read_text(encoding="utf-8")
    blobs["csv files"] = " ".join(p.read_text(encoding="utf-8-sig") for k, p in paths.items() if k != "html")
    for where, text in blobs.items():
        for raw in RAW:
            assert raw not in text, (raw, where)
    assert "[phone]" in blobs["responses.comment"] and "[email]" in blobs["callbacks"]
    assert "[card]" in blobs["report.html"] or "[card]" in blobs["responses.comment"]
    assert result.meta["pii_masked"] is True


def test_mask_pii_false_keeps_text(masked_result):
    _, raw = masked_result
    joined = " ".join(raw.responses["comment"])
    for value in RAW:
        assert value in joined
    assert raw.meta["pii_masked"] is False
