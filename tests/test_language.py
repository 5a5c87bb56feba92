"""Stage 2: language per comment, with the survey's own mix as a prior for short replies."""
from __future__ import annotations

import pytest

from nps_text.language import LanguageDetector, detect_languages

RU = ["Интернет работает стабильно, но цены слишком высокие для меня.",
      "Оператор очень долго не отвечал, пришлось ждать полчаса.",
      "Мастер пришёл вовремя и всё быстро настроил, спасибо.",
      "Связь постоянно пропадает по вечерам, это раздражает.",
      "Очень доволен скоростью интернета и качеством связи.",
      "Тариф подорожал без предупреждения, это неприятно."]
UK = ["Підключення пройшло швидко, майстер був дуже ввічливий.",
      "Ціна за тариф зросла без попередження, це неприємно.",
      "Інтернет працює стабільно, але служба підтримки відповідає повільно.",
      "Дуже задоволений швидкістю інтернету та якістю зв'язку.",
      "Оператор швидко вирішив мою проблему, дякую.",
      "Постійно зникає сигнал ввечері, це дратує."]
BG = ["Интернетът е бърз, но обслужването в магазина беше ужасно.",
      "Много съм доволен от скоростта на интернета.",
      "Операторът реши проблема ми бързо и учтиво."]
EN = ["Internet is fast and the support team was very helpful today.",
      "The price went up again without any warning, not happy."]


def test_known_sentences():
    texts = RU[:2] + UK[:2] + BG[:2] + EN
    out = detect_languages(texts)
    assert out["lang"].tolist() == ["ru"] * 2 + ["uk"] * 2 + ["bg"] * 2 + ["en"] * 2
    assert (out["lang_confidence"] > 0.9).all()
    assert list(out.columns) == ["lang", "lang_confidence"]


def test_other_scripts_and_no_words():
    out = detect_languages(["这个服务很好，我很满意", "ეს მომსახურება ძალიან კარგია", "😀😀👍", "12345", "", None])
    assert out["lang"].tolist() == ["other", "other", "und", "und", "und", "und"]


def test_short_replies_with_survey_prior():
    """A mostly Ukrainian survey (with some ru/bg): short replies resolve as a reader would."""
    survey = UK + RU[:2] + BG[:1]
    short = ["все добре", "оператор нагрубив", "благодаря"]
    out = LanguageDetector().detect(survey + short)
    assert out["lang"].tolist()[-3:] == ["uk", "uk", "bg"]
    assert out["lang"].tolist()[: len(survey)] == ["uk"] * 6 + ["ru"] * 2 + ["bg"]


@pytest.mark.parametrize("majority, expected", [("ru", "ru"), ("uk", "uk")])
def test_prior_decides_ambiguous_short_reply(majority, expected):
    """'дорого' is spelled the same in ru and uk: it follows the survey's majority language."""
    survey = RU + UK[:2] if majority == "ru" else UK + RU[:2]
    detector = LanguageDetector()
    out = detector.detect(survey + ["дорого"])
    assert out["lang"].iloc[-1] == expected
    assert detector.prior_[majority] > 0.4
    assert max(detector.prior_, key=detector.prior_.get) == majority
    assert sum(detector.prior_.values()) == pytest.approx(1.0)


def test_prior_can_be_switched_off():
    """Without the prior the same reply gets the same answer in a ru and in a uk survey."""
    a = LanguageDetector(use_prior=False).detect(RU + ["дорого"])["lang"].iloc[-1]
    b = LanguageDetector(use_prior=False).detect(UK + ["дорого"])["lang"].iloc[-1]
    assert a == b


FOREIGN = {"Das Internet ist sehr langsam und der Kundenservice antwortet nicht.": "de",
           "La connexion internet coupe tous les soirs, c'est inacceptable.": "fr",
           "Het internet is traag en de klantenservice reageert niet.": "nl",
           "Internet jest bardzo wolny, a obsługa klienta nie odpowiada.": "pl",
           "Müşteri hizmetleri çok yavaş ve kimse cevap vermiyor.": "tr",
           "Kundtjänsten är mycket långsam och ingen svarar.": "sv",
           "Клиенттерге қызмет көрсету өте баяу және ешкім жауап бермейді.": "kk"}
# English replies lingua's fast mode is unsure of (it ranks da / sv / tr first): the slow check keeps them ours
UNSURE_EN = ["Took a month to sort out internet and still no landline",
             "Hours of phone calls, lots of delays and still no internet",
             "Hmmm order my internet on Feb still waiting", "Where do I start...."]


def test_other_languages_reported_as_themselves_and_unsure_english_stays_english():
    """The slow check weighs only the fast mode's first candidates; it must still name the language."""
    import nps_text.language._detect as L

    texts = list(FOREIGN) + UNSURE_EN
    detector = LanguageDetector(cache=False)
    seen = []
    detector._wide_values = lambda t, c, f=detector._wide_values: (seen.append(dict(c)), f(t, c))[1]
    out = detector.detect(texts)
    assert out["lang"].tolist() == list(FOREIGN.values()) + ["en"] * len(UNSURE_EN)
    assert seen and all(len(c) == L.CANDIDATE_TOP for c in seen[0].values())
    assert len(set().union(*seen[0].values())) < len(L.WIDE_LATIN)


def test_english_word_screen_skips_the_slow_check_only_for_english(monkeypatch):
    """Known-English replies skip the slow models; no sentence of another language passes the screen."""
    from pathlib import Path

    import nps_text.language._detect as L

    foreign = [t.strip() for t in (Path(__file__).parents[1] / "benchmarks" / "data" / "foreign_sentences.txt")
               .read_text("utf-8").splitlines() if t.strip()]
    assert len(foreign) > 40
    assert max(L.english_share(t) for t in foreign + list(FOREIGN)) < L.ENGLISH_SHARE
    assert min(L.english_share(t) for t in UNSURE_EN) >= L.ENGLISH_SHARE
    assert L.english_share("Walk-ins are slow, the staff weren't helpful") == 1.0
    assert L.english_share("123 !!") == 0.0

    seen = []
    detector = LanguageDetector(cache=False)
    detector._wide_values = lambda t, c, f=detector._wide_values: (seen.append(dict(c)), f(t, c))[1]
    assert detector.detect(UNSURE_EN)["lang"].tolist() == ["en"] * len(UNSURE_EN)
    assert not any(seen)  # screened: no slow model asked
    # with the screen off the slow check must still call them English
    monkeypatch.setattr(L, "ENGLISH_SHARE", 1.01)
    seen.clear()
    detector = LanguageDetector(cache=False)
    detector._wide_values = lambda t, c, f=detector._wide_values: (seen.append(dict(c)), f(t, c))[1]
    assert detector.detect(UNSURE_EN)["lang"].tolist() == ["en"] * len(UNSURE_EN)
    assert any(seen)
