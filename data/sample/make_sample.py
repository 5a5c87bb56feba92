#!/usr/bin/env python3
"""Generate the synthetic NPS survey used as nps-text's sample data.

The survey is fictional: "ZoryaNet" (ЗоряНет / ЗораНет), a broadband + mobile +
TV operator in Ukraine and Bulgaria with a self-service app, a website, shops,
a call centre and a voice bot.  No real customer wrote any of this text.

Usage:
    python3 data/sample/make_sample.py                 # writes survey.csv next to this file
    python3 data/sample/make_sample.py --labels x.csv  # also writes the planted ground truth

Only the standard library is used.  The output is deterministic: every random
choice goes through one ``random.Random(2026)``.

Score model (documented in README.md):
    score = round(8 + sum(theme effects) + Normal(0, 1.2)), clipped to 0..10
where each complaint theme in the comment lowers the score and each praise
theme raises it (see EFFECTS), and very short generic replies ("всё супер",
"жахливо", "ok") carry their own effect (see SHORT_GENERIC).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import re
from collections import Counter
from pathlib import Path
import random

SEED = 2026
N_ROWS = 640
BASE_SCORE = 8.0
NOISE_SD = 1.2
HERE = Path(__file__).resolve().parent

THEMES = ["price", "speed", "staff", "waiting", "app", "billing", "technician", "coverage"]

# --------------------------------------------------------------------------
# Score model: effect of a theme mention on the 0-10 score
# --------------------------------------------------------------------------
EFFECTS = {
    ("speed", "neg"): -4.0,       # connection drops / slow
    ("staff", "neg"): -3.5,       # rude or incompetent staff
    ("billing", "neg"): -3.0,     # wrong charges
    ("technician", "neg"): -2.5,  # no-show / late installer
    ("coverage", "neg"): -2.5,    # no signal in village / region
    ("waiting", "neg"): -2.0,     # long wait on the hotline
    ("app", "neg"): -1.5,         # app crashes
    ("price", "neg"): -1.0,       # expensive
    ("staff", "pos"): +1.5,
    ("speed", "pos"): +1.5,
    ("technician", "pos"): +1.0,
    ("coverage", "pos"): +1.0,
    ("price", "pos"): +1.0,
    ("waiting", "pos"): +0.5,
    ("billing", "pos"): +0.5,
    ("app", "pos"): +0.5,
}

# How often each (theme, polarity) is mentioned, relative weights per wave.
# Wave 2 (2026-Q3): app complaints fall and app praise rises (an app update
# shipped), hotline waiting complaints roughly double (call-centre staffing).
THEME_WEIGHTS = {
    "2026-Q1": {
        ("speed", "neg"): 1.2, ("staff", "neg"): 0.8, ("billing", "neg"): 0.7,
        ("technician", "neg"): 0.6, ("coverage", "neg"): 0.6, ("waiting", "neg"): 0.8,
        ("app", "neg"): 1.5, ("price", "neg"): 1.4,
        ("speed", "pos"): 2.8, ("staff", "pos"): 3.0, ("technician", "pos"): 1.5,
        ("coverage", "pos"): 0.9, ("price", "pos"): 1.6, ("waiting", "pos"): 1.2,
        ("billing", "pos"): 0.9, ("app", "pos"): 1.5,
    },
}
THEME_WEIGHTS["2026-Q3"] = dict(THEME_WEIGHTS["2026-Q1"])
THEME_WEIGHTS["2026-Q3"].update({
    ("app", "neg"): 0.4, ("app", "pos"): 2.4,
    ("waiting", "neg"): 1.7, ("waiting", "pos"): 0.6,
})

# --------------------------------------------------------------------------
# Phrase banks: PHRASES[theme][polarity][lang] -> list of clauses.
# Clauses are written lower-case without final punctuation; the composer adds
# capitals and punctuation.  Typos and odd casing are intentional.
# --------------------------------------------------------------------------
PHRASES = {
    "price": {
        "neg": {
            "ru": ["дорого", "тарифы выросли", "тариф опять подняли без предупреждения",
                   "цены кусаются", "слишком дорого за такое качество",
                   "абонплата выросла уже второй раз за год", "переплачиваю за интернет",
                   "у конкурентов дешевле", "цена завышена", "дороговато для пенсионеров",
                   "за эти деньги могли бы и получше"],
            "uk": ["дорого", "ціна завелика", "тарифи зросли", "знову підняли тариф",
                   "занадто дорого за таку якість", "абонплата росте щороку",
                   "у конкурентів дешевше", "ціна не відповідає якості",
                   "переплачую за пакет, яким не користуюсь", "ціни кусаються"],
            "en": ["too expensive", "prices went up again", "the tariff is overpriced",
                   "paying too much for what I get", "expensive compared to other providers"],
            "bg": ["скъпо", "цените се вдигнаха", "тарифата е прекалено скъпа",
                   "плащам твърде много"],
        },
        "pos": {
            "ru": ["цена нормальная", "тариф выгодный", "хорошее соотношение цены и качества",
                   "недорого", "цены адекватные", "за такие деньги отлично",
                   "новый тариф дешевле прежнего", "удобный семейный тариф",
                   "скидка для постоянных клиентов порадовала"],
            "uk": ["ціна нормальна", "вигідний тариф", "гарне співвідношення ціни та якості",
                   "недорого", "ціни адекватні", "за ці гроші все чудово",
                   "новий тариф дешевший за попередній",
                   "знижка для постійних клієнтів дуже приємна", "сімейний пакет вигідний"],
            "en": ["good value", "fair price", "affordable plans", "great value for money",
                   "the new plan is cheaper"],
            "bg": ["добра цена", "изгоден тарифен план", "разумни цени",
                   "цената е добра за това качество"],
        },
    },
    "speed": {
        "neg": {
            "ru": ["интернет постоянно пропадает", "интернет пропадает каждый вечер",
                   "скорость ниже заявленной", "связь обрывается посреди разговора",
                   "постоянные разрывы соединения", "интеренет тормозит",
                   "вечером скорость падает до нуля",
                   "роутер теряет сеть по нескольку раз в день",
                   "телевидение зависает, картинка рассыпается",
                   "пинг огромный, играть невозможно"],
            "uk": ["інтернет постійно зникає", "інтернет пропадає щовечора",
                   "швидкість нижча за заявлену", "зв'язок обривається під час розмови",
                   "постійні розриви з'єднання", "інтернет гальмує",
                   "увечері швидкість падає майже до нуля",
                   "роутер губить мережу кілька разів на день",
                   "телебачення зависає, картинка розсипається", "інтернет то є, то нема"],
            "en": ["internet keeps dropping", "speed is much lower than advertised",
                   "connection drops every evening", "calls cut out all the time",
                   "wifi is unstable"],
            "bg": ["интернетът постоянно прекъсва", "скоростта е много ниска",
                   "връзката пада всяка вечер", "често прекъсва по време на разговор"],
        },
        "pos": {
            "ru": ["быстрый интернет", "скорость отличная", "связь стабильная",
                   "интернет летает", "за полгода ни одного обрыва",
                   "скорость соответствует тарифу", "качество связи хорошее",
                   "фильмы грузятся мгновенно", "стабильное соединение даже вечером"],
            "uk": ["швидкий інтернет", "швидкість чудова", "зв'язок стабільний",
                   "інтернет літає", "за пів року жодного обриву",
                   "швидкість відповідає тарифу", "якість зв'язку гарна",
                   "фільми вантажаться миттєво", "стабільне з'єднання навіть увечері"],
            "en": ["fast internet", "stable connection", "speed is great",
                   "never had an outage", "streaming works perfectly"],
            "bg": ["бърз интернет", "стабилна връзка", "скоростта е отлична",
                   "нито едно прекъсване досега"],
        },
    },
    "staff": {
        "neg": {
            "ru": ["оператор нагрубил", "оператор нагрубил и бросил трубку",
                   "консультант хамил",
                   "в магазине сотрудница разговаривала свысока",
                   "специалист поддержки ничего не понимает в своей работе",
                   "оператор не смог ответить ни на один вопрос",
                   "отвечают по скрипту, толку ноль",
                   "меня футболили от одного специалиста к другому",
                   "некомпетентные консультанты", "оператор мне нахамил"],
            "uk": ["оператор нагрубив", "оператор нагрубив і поклав слухавку",
                   "консультант хамив",
                   "у магазині працівниця розмовляла зверхньо",
                   "фахівець підтримки нічого не тямить",
                   "оператор не зміг відповісти на жодне питання",
                   "відповідають за скриптом, користі нуль",
                   "мене перекидали від одного фахівця до іншого",
                   "некомпетентний персонал"],
            "en": ["the operator was rude", "the support agent had no idea what he was doing",
                   "staff in the shop were unhelpful", "the agent hung up on me",
                   "I was passed from one agent to another"],
            "bg": ["операторът беше груб", "служителят в магазина беше неучтив",
                   "консултантът не знаеше нищо", "затвориха ми телефона"],
        },
        "pos": {
            "ru": ["консультант все объяснил", "оператор был очень вежлив",
                   "девушка на линии всё подробно рассказала",
                   "вежливый и грамотный персонал", "специалист быстро решил проблему",
                   "консультант в магазине помог выбрать тариф",
                   "спасибо оператору Анне за терпение",
                   "поддержка компетентная, разобрались с первого раза",
                   "приятно общаться с сотрудниками"],
            "uk": ["консультант усе пояснив", "оператор був дуже ввічливий",
                   "дівчина на лінії все детально розповіла",
                   "ввічливий і грамотний персонал", "фахівець швидко вирішив проблему",
                   "консультант у магазині допоміг обрати тариф",
                   "дякую оператору Олені за терпіння",
                   "підтримка компетентна, розібралися з першого разу",
                   "приємно спілкуватися з працівниками"],
            "en": ["the agent explained everything", "very polite staff",
                   "support solved my problem quickly", "helpful consultant in the shop",
                   "friendly and competent support"],
            "bg": ["консултантът обясни всичко", "много любезен персонал",
                   "операторът реши проблема бързо", "служителите са компетентни"],
        },
    },
    "waiting": {
        "neg": {
            "ru": ["долго ждать на линии", "висел на линии 40 минут",
                   "невозможно дозвониться", "ждал ответа полчаса",
                   "очередь на горячей линии огромная", "в чате отвечают через час",
                   "по телефону ждать приходится вечность",
                   "на заявку ответили только через три дня",
                   "в магазине простоял в очереди час"],
            "uk": ["довго чекати на лінії", "довго чекав відповіді",
                   "висів на лінії 40 хвилин", "неможливо додзвонитися",
                   "черга на гарячій лінії величезна", "у чаті відповідають через годину",
                   "на заявку відповіли лише через три дні",
                   "у магазині простояв у черзі годину",
                   "чекала на з'єднання з оператором пів години"],
            "en": ["long wait on the hotline", "waited 40 minutes to talk to someone",
                   "impossible to get through", "chat replies take hours"],
            "bg": ["чаках много дълго на линията", "невъзможно е да се свържеш",
                   "чаках отговор половин час"],
        },
        "pos": {
            "ru": ["ответили сразу", "на линии ждал не больше минуты", "дозвонился быстро",
                   "в чате ответили за пару минут", "обслужили без очереди",
                   "быстро соединили со специалистом", "заявку обработали в тот же день",
                   "ждать почти не пришлось"],
            "uk": ["відповіли одразу", "на лінії чекав не більше хвилини",
                   "додзвонився швидко", "у чаті відповіли за кілька хвилин",
                   "обслужили без черги", "швидко з'єднали з фахівцем",
                   "заявку опрацювали того ж дня", "чекати майже не довелося"],
            "en": ["answered right away", "no waiting on the line",
                   "got through to support quickly", "chat replied within minutes"],
            "bg": ["отговориха веднага", "не чаках на линията",
                   "бързо ме свързаха с оператор"],
        },
    },
    "app": {
        "neg": {
            "ru": ["приложение вылетает", "приложение постоянно вылетает при оплате",
                   "в приложении не видно баланс",
                   "после обновления приложение не открывается", "неудобное приложение",
                   "в приложении невозможно сменить тариф", "личный кабинет глючит",
                   "приложение тормозит и каждый раз требует заново входить",
                   "прилога не работает"],
            "uk": ["застосунок вилітає", "застосунок постійно вилітає під час оплати",
                   "у застосунку не видно балансу",
                   "після оновлення застосунок не відкривається", "незручний застосунок",
                   "у застосунку неможливо змінити тариф", "особистий кабінет глючить",
                   "додаток гальмує", "додаток щоразу вимагає входити заново"],
            "en": ["the app keeps crashing", "app crashes when I try to pay",
                   "can't see my balance in the app", "the app logs me out every time"],
            "bg": ["приложението забива", "приложението не работи след обновяването",
                   "в приложението не се вижда балансът"],
        },
        "pos": {
            "ru": ["удобное приложение", "в приложении все понятно",
                   "оплачиваю через приложение за минуту", "приложение работает без сбоев",
                   "новый личный кабинет удобный", "в приложении легко поменять тариф",
                   "приложение стало намного лучше после обновления",
                   "удобно следить за балансом в приложении"],
            "uk": ["зручний застосунок", "у застосунку все зрозуміло",
                   "оплачую через застосунок за хвилину", "застосунок працює без збоїв",
                   "новий особистий кабінет зручний", "у застосунку легко змінити тариф",
                   "додаток став набагато кращим після оновлення",
                   "зручно стежити за балансом у додатку"],
            "en": ["convenient app", "the app is easy to use",
                   "paying in the app takes a minute", "the new app update is great"],
            "bg": ["удобно приложение", "приложението работи добре",
                   "лесно плащам през приложението"],
        },
    },
    "billing": {
        "neg": {
            "ru": ["списали лишние деньги", "неправильный счёт",
                   "выставили счёт за услугу, которую я не подключал",
                   "деньги списали дважды",
                   "подключили платную подписку без моего согласия",
                   "в счёте непонятные начисления",
                   "после отключения продолжают выставлять счета",
                   "платёж не зачислился, а меня отключили", "начислили пеню по ошибке"],
            "uk": ["списали зайві гроші", "неправильний рахунок",
                   "виставили рахунок за послугу, яку я не підключав",
                   "гроші списали двічі",
                   "підключили платну підписку без моєї згоди",
                   "у рахунку незрозумілі нарахування",
                   "після відключення продовжують виставляти рахунки",
                   "платіж не зарахувався, а мене відключили",
                   "нарахували пеню помилково"],
            "en": ["I was charged twice", "wrong bill again",
                   "they charged me for a service I never ordered",
                   "hidden fees on my invoice"],
            "bg": ["таксуваха ме два пъти", "грешна сметка",
                   "начислиха ми услуга, която не съм поръчвал"],
        },
        "pos": {
            "ru": ["счета всегда правильные", "деньги за ошибку вернули быстро",
                   "всё прозрачно в счетах", "сделали перерасчёт без проблем",
                   "начисления понятные", "оплата проходит без проблем",
                   "никаких скрытых платежей", "автоплатёж работает чётко"],
            "uk": ["рахунки завжди правильні", "гроші за помилку повернули швидко",
                   "усе прозоро в рахунках", "зробили перерахунок без проблем",
                   "нарахування зрозумілі", "оплата проходить без проблем",
                   "жодних прихованих платежів", "автоплатіж працює чітко"],
            "en": ["billing is always correct", "the refund was quick", "no hidden fees",
                   "transparent invoices"],
            "bg": ["сметките винаги са точни", "върнаха ми парите бързо",
                   "няма скрити такси"],
        },
    },
    "technician": {
        "neg": {
            "ru": ["мастер не пришёл", "мастер опоздал на три часа",
                   "подключение переносили три раза",
                   "монтажник оставил мусор, провода висят",
                   "техник ничего не починил, просто ушёл",
                   "ждал мастера весь день, никто не пришёл и не позвонил",
                   "установка заняла две недели вместо обещанных двух дней",
                   "мастер пришол без оборудования"],
            "uk": ["майстер не прийшов", "майстер запізнився на три години",
                   "підключення переносили тричі",
                   "монтажник залишив сміття, дроти висять",
                   "технік нічого не полагодив і пішов",
                   "чекав майстра цілий день, ніхто не прийшов і не зателефонував",
                   "встановлення тривало два тижні замість обіцяних двох днів",
                   "майстер прийшов без обладнання"],
            "en": ["the technician never showed up", "installation was postponed three times",
                   "the engineer was three hours late",
                   "the technician left without fixing anything"],
            "bg": ["техникът не дойде", "монтажът се отложи три пъти",
                   "техникът закъсня с три часа"],
        },
        "pos": {
            "ru": ["мастер пришёл вовремя", "мастер пришел вовремя и все быстро настроил",
                   "подключили на следующий день после заявки",
                   "монтажник аккуратный, убрал за собой",
                   "техник всё объяснил и настроил роутер",
                   "установка прошла быстро и чисто", "мастер приехал в тот же день",
                   "спасибо мастеру Сергею, всё сделал на совесть"],
            "uk": ["майстер прийшов вчасно", "майстер прийшов вчасно і все швидко налаштував",
                   "підключили наступного дня після заявки",
                   "монтажник акуратний, прибрав за собою",
                   "технік усе пояснив і налаштував роутер",
                   "встановлення пройшло швидко й охайно", "майстер приїхав того ж дня",
                   "дякую майстру Андрію, все зробив на совість"],
            "en": ["the technician came on time", "installation was quick and tidy",
                   "the engineer set everything up in an hour",
                   "connected the day after I ordered"],
            "bg": ["техникът дойде навреме", "монтажът беше бърз и чист",
                   "свързаха ме още на следващия ден"],
        },
    },
    "coverage": {
        "neg": {
            "ru": ["в селе нет покрытия", "на даче связь не ловит", "в нашем районе нет 4G",
                   "за городом связь пропадает", "дома ловит только у окна",
                   "в посёлке мобильный интернет не работает", "покрытие в области ужасное",
                   "в деревне у родителей сигнала нет вообще"],
            "uk": ["у селі немає покриття", "на дачі зв'язок не ловить",
                   "у нашому районі немає 4G", "за містом зв'язок зникає",
                   "вдома ловить тільки біля вікна",
                   "у селищі мобільний інтернет не працює", "покриття в області жахливе",
                   "у селі в батьків сигналу немає взагалі"],
            "en": ["no coverage in my village", "no signal outside the city",
                   "4G doesn't work in our area", "signal only near the window"],
            "bg": ["в селото няма покритие", "извън града няма сигнал",
                   "в нашия район няма 4G"],
        },
        "pos": {
            "ru": ["хорошее покрытие даже в селе", "связь ловит везде, даже на даче",
                   "4G есть даже за городом", "в дороге связь не пропадает",
                   "покрытие по области отличное",
                   "наконец-то появилась связь в нашем посёлке", "в метро тоже ловит",
                   "сигнал хороший даже в подвале"],
            "uk": ["гарне покриття навіть у селі", "зв'язок ловить усюди, навіть на дачі",
                   "4G є навіть за містом", "у дорозі зв'язок не зникає",
                   "покриття по області відмінне",
                   "нарешті з'явився зв'язок у нашому селищі", "у метро теж ловить",
                   "сигнал добрий навіть у підвалі"],
            "en": ["good coverage even in the countryside", "signal everywhere I travel",
                   "4G works even in small villages", "coverage has improved a lot"],
            "bg": ["добро покритие дори на село", "има сигнал навсякъде",
                   "4G работи дори извън града"],
        },
    },
}

# Code-switched clauses (Cyrillic + English words) for the "mixed" language group.
CODESWITCH = {
    ("price", "neg"): ["тариф вообще не worth it", "ціна за пакет too much"],
    ("price", "pos"): ["тариф норм, good value", "ціна ок, value for money"],
    ("speed", "neg"): ["wifi постоянно пропадает", "wifi слабкий навіть біля роутера",
                       "speedtest показывает 10 мегабит вместо 100"],
    ("speed", "pos"): ["wifi ловить по всій квартирі", "speedtest показує навіть більше, ніж у тарифі"],
    ("staff", "neg"): ["support нагрубил", "оператор був дуже rude"],
    ("staff", "pos"): ["support молодцы, всё объяснили", "оператор дуже friendly і все пояснив"],
    ("waiting", "neg"): ["на hotline чекав пів години", "в chat ждал ответа час"],
    ("waiting", "pos"): ["в chat ответили за минуту", "на hotline відповіли одразу"],
    ("app", "neg"): ["app постоянно вылетает", "ваш app знову не працює", "в app не видно баланс"],
    ("app", "pos"): ["app зручний", "в app всё удобно", "нова версія app топ"],
    ("billing", "neg"): ["списали гроші двічі, refund ждём уже месяц",
                         "в invoice какие-то левые начисления"],
    ("billing", "pos"): ["refund зробили швидко", "invoice всегда понятный"],
    ("technician", "neg"): ["мастер не пришёл, никакого call не было", "installation переносили тричі"],
    ("technician", "pos"): ["майстер прийшов on time", "installation прошла быстро"],
    ("coverage", "neg"): ["coverage в селі нуль", "в селе signal нулевой"],
    ("coverage", "pos"): ["coverage отличный даже в селе", "signal є навіть на дачі"],
}

# Very short generic replies (1-3 words) with their own score effect.
SHORT_GENERIC = {
    "ru": [("всё супер", 1.5), ("спасибо", 1.0), ("всё хорошо", 1.0), ("отлично", 1.5),
           ("всё устраивает", 1.0), ("нормально", -1.0), ("норм", -0.5), ("так себе", -2.0),
           ("ужасно", -4.0), ("без комментариев", -1.0)],
    "uk": [("все супер", 1.5), ("дякую", 1.0), ("все добре", 1.0), ("чудово", 1.5),
           ("все влаштовує", 1.0), ("нормально", -1.0), ("норм", -0.5), ("так собі", -2.0),
           ("жахливо", -4.0), ("без коментарів", -1.0)],
    "en": [("ok", -0.5), ("good", 1.0), ("great service", 1.5), ("thanks", 1.0),
           ("all good", 1.0), ("meh", -2.0), ("terrible", -4.0)],
    "bg": [("благодаря", 1.0), ("всичко е наред", 1.0), ("супер", 1.5), ("добре", 0.0),
           ("ужасно", -4.0), ("горе-долу", -2.0)],
    "mixed": [("все ok", 1.0), ("ok, дякую", 1.0), ("super, спасибо", 1.5),
              ("норм, nothing special", -1.0), ("ну такое, meh", -2.0)],
}

# Contrast connectors: (text, order).  order "pn" = praise first, "np" = complaint first.
CONNECTORS = {
    "ru": [(", но ", "pn"), (", но ", "np"), (", а вот ", "pn"), (", зато ", "np"),
           (". Однако ", "pn"), (", хотя ", "np")],
    "uk": [(", але ", "pn"), (", але ", "np"), (", проте ", "pn"), (", зате ", "np"),
           (". Однак ", "np"), (", хоча ", "pn")],
    "en": [(" but ", "pn"), (" but ", "np"), (", however ", "pn"), (", although ", "np")],
    "bg": [(", но ", "pn"), (", но ", "np"), (", обаче ", "pn"), (", затова пък ", "np")],
}
AND_WORD = {"ru": " и ", "uk": " і ", "en": " and ", "bg": " и "}

OPENERS = {
    "ru": ["Пользуюсь услугами уже пять лет.", "Клиент с 2018 года.", "Подключился недавно.",
           "У меня и мобильный, и домашний интернет.", "Пишу уже не первый раз."],
    "uk": ["Користуюся послугами вже п'ять років.", "Клієнт з 2018 року.",
           "Підключився нещодавно.", "У мене і мобільний, і домашній інтернет.",
           "Пишу вже не вперше."],
    "en": ["I've been a customer for five years.", "Switched to ZoryaNet last year.",
           "I have both mobile and home internet."],
    "bg": ["Клиент съм от пет години.", "Преминах към ЗораНет миналата година."],
}
CLOSERS = {
    "pos": {"ru": ["Рекомендую!", "Спасибо!", "Так держать.", "Всем доволен."],
            "uk": ["Рекомендую!", "Дякую!", "Так тримати.", "Усім задоволений."],
            "en": ["Would recommend.", "Thanks!", "Keep it up."],
            "bg": ["Препоръчвам!", "Благодаря!"]},
    "neg": {"ru": ["Думаю сменить провайдера.", "Разочарован.", "Очень недоволен.",
                   "Верните нормальный сервис."],
            "uk": ["Думаю змінити провайдера.", "Розчарований.", "Дуже незадоволений.",
                   "Поверніть нормальний сервіс."],
            "en": ["Thinking about switching.", "Very disappointed."],
            "bg": ["Мисля да сменя оператора.", "Много съм разочарован."]},
}
# Clause prefixes, only to vary word order a little ("к сожалению, ...").
PREFIXES = {
    "neg": {"ru": ["", "", "", "", "честно говоря, ", "к сожалению, ", "опять "],
            "uk": ["", "", "", "", "чесно кажучи, ", "на жаль, ", "знову "],
            "en": ["", "", "", "unfortunately ", "again "],
            "bg": ["", "", "", "за съжаление "]},
    "pos": {"ru": ["", "", "", "", "честно, ", "приятно удивило: ", "в целом "],
            "uk": ["", "", "", "", "чесно, ", "приємно здивувало: ", "загалом "],
            "en": ["", "", "", "honestly, ", "overall "],
            "bg": ["", "", "", "като цяло "]},
}

# Voice-bot / phone transcripts: fillers and tails (lower case, no punctuation).
FILLERS = {
    "ru": ["ну", "это самое", "ээ", "короче", "как бы", "в общем", "да", "вот"],
    "uk": ["ну", "еее", "коротше", "як би", "от", "значить", "та"],
    "en": ["uh", "um", "like", "you know", "so yeah"],
    "bg": ["ами", "ъъъ", "такова", "абе", "значи"],
}
TRANSCRIPT_OPEN = {
    "ru": ["алло", "да алло", "ну это самое", "здравствуйте ну"],
    "uk": ["алло", "так алло", "ну значить", "добрий день ну"],
    "en": ["hello", "yeah hi", "um hello"],
    "bg": ["ало", "да ало", "ами"],
}
TRANSCRIPT_TAIL = {
    "neg": {"ru": ["ну и вот звонил звонил никто не помог", "сколько можно",
                   "я уже третий раз звоню", "оператора дайте оператора"],
            "uk": ["ну і от дзвонив дзвонив ніхто не допоміг", "скільки можна",
                   "я вже втретє дзвоню", "дайте оператора оператора"],
            "en": ["called and called nobody helped", "how long is this gonna take"],
            "bg": ["звънях звънях никой не помогна", "докога"]},
    "pos": {"ru": ["ну нормально всё в целом", "спасибо", "ну вроде всё хорошо"],
            "uk": ["ну нормально все загалом", "дякую", "ну наче все добре"],
            "en": ["yeah it's fine thanks", "all good thanks"],
            "bg": ["ами добре е", "благодаря"]},
}

EMOJI = {"pos": ["👍", "🙂", "😊", "🔥", "❤️"], "neg": ["😡", "👎", "😤", "🤬"], "mix": ["🤷", "😐"]}

# PII snippets (fictional numbers, reserved example.* e-mail domains).
PII = {
    "ru": ["Перезвоните +380 67 123 45 67.", "Мой номер 067-555-12-34, жду звонка.",
           "Пишите на olga.sydorenko@example.com"],
    "uk": ["Перезвоніть +380 50 765 43 21.", "Пишіть на ivan.petrenko@example.com",
           "Мій номер 093 123 45 67, зателефонуйте."],
    "en": ["Please call me back at +380 63 222 11 00.", "Email me: john.smith@example.org"],
    "bg": ["Обадете ми се на +359 88 123 4567.", "Пишете на maria.ivanova@example.com"],
}
PII["mixed"] = PII["ru"] + PII["uk"]

# --------------------------------------------------------------------------
# Survey metadata
# --------------------------------------------------------------------------
WAVES = {"2026-Q1": (2026, 3), "2026-Q3": (2026, 9)}
LANG_SHARES = {"ru": 0.40, "uk": 0.35, "en": 0.15, "bg": 0.07, "mixed": 0.03}
SHAPE_SHARES = {"short": 0.25, "contrast": 0.20, "transcript": 0.05, "regular": 0.50}
EMPTY_SHARE = 0.03
N_PII = 10

REGIONS_UA = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Vinnytsia",
              "Poltava", "Chernihiv", "Ivano-Frankivsk"]
REGIONS_BG = ["Sofia", "Plovdiv", "Varna", "Burgas", "Ruse"]
REGION_WEIGHTS = {   # Russian comments lean east/south, Ukrainian west/centre
    "ru": [3, 4, 4, 4, 0.5, 3, 1, 1.5, 1.5, 0.3],
    "uk": [4, 1.5, 1.5, 1.5, 4, 1, 3, 2.5, 2.5, 3],
    "en": [6, 1, 2, 1, 2, 0.5, 0.5, 0.5, 0.5, 0.5],
    "mixed": [3, 2, 2, 2, 1, 1, 1, 1, 1, 1],
}
RURAL = {"Vinnytsia", "Poltava", "Chernihiv", "Ruse", "Burgas"}  # coverage complaints cluster here

PRODUCTS = ["Mobile", "Home internet", "TV"]
DEPARTMENTS = ["Billing", "Technical support", "Sales", "Field service", "Digital"]
CHANNELS = ["Call centre", "App", "Shop", "Website", "Voice bot"]

# theme -> (product weights, department weights, channel weights)
THEME_META = {
    "price": ([5, 4, 1.5], [2, 0.5, 3, 0, 0.5], [2, 2, 3, 2, 0.5]),
    "speed": ([3, 6, 1.5], [0, 6, 0, 1, 0], [4, 2, 0.5, 1, 1.5]),
    "staff": ([4, 4, 1], [1.5, 4, 2, 0, 0], [5, 0.5, 3, 0.5, 0.5]),
    "waiting": ([4, 4, 1], [1.5, 5, 0.5, 0, 0], [6, 1, 1, 1, 1]),
    "app": ([5, 3, 1], [0.5, 0.5, 0, 0, 6], [0.5, 7, 0, 1, 0]),
    "billing": ([4, 4, 1.5], [7, 0.5, 0.5, 0, 0.5], [4, 2, 1, 2, 1]),
    "technician": ([0.5, 6, 3], [0, 1, 0, 7, 0], [4, 1, 0.5, 2, 1]),
    "coverage": ([8, 1, 0.5], [0, 5, 0.5, 1, 0], [4, 1, 1, 1, 1]),
    None: ([4, 4, 1.5], [2, 3, 2, 1, 1.5], [3, 2.5, 2, 1.5, 1]),
}

SENT_END = re.compile(r"[.!?…]$")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def quota(n: int, shares: dict[str, float]) -> list[str]:
    """Largest-remainder allocation of n items to keys by shares (deterministic)."""
    raw = {k: n * s / sum(shares.values()) for k, s in shares.items()}
    counts = {k: int(math.floor(v)) for k, v in raw.items()}
    left = n - sum(counts.values())
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[:left]:
        counts[k] += 1
    return [k for k in shares for _ in range(counts[k])]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def end(s: str, mark: str = ".") -> str:
    return s if SENT_END.search(s) else s + mark


class Gen:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)

    # -- themes -------------------------------------------------------------
    def pick_theme(self, wave, polarity=None, exclude=(), need_lang=None):
        items = [(k, w) for k, w in THEME_WEIGHTS[wave].items()
                 if (polarity is None or k[1] == polarity) and k[0] not in exclude
                 and (need_lang != "cs" or k in CODESWITCH)]
        keys, weights = zip(*items)
        return self.rng.choices(keys, weights)[0]

    def clause(self, lang, theme, pol, prefix=True):
        """One clause for theme/polarity in lang ('ru','uk','en','bg','cs')."""
        if lang == "cs":
            return self.rng.choice(CODESWITCH[(theme, pol)])
        text = self.rng.choice(PHRASES[theme][pol][lang])
        if prefix:
            pre = self.rng.choice(PREFIXES[pol][lang])
            if not pre.strip() or pre.split()[0].strip(",:").lower() not in text.lower():
                text = pre + text
        return text

    def sublangs(self, lang, n):
        """Per-clause languages: a 'mixed' comment mixes ru+uk or uses code-switching."""
        if lang != "mixed":
            return [lang] * n
        if n == 1:
            return ["cs"]
        return self.rng.choice([["ru", "uk"], ["uk", "ru"], ["cs", "ru"], ["uk", "cs"], ["cs", "cs"]])

    # -- comment shapes ----------------------------------------------------
    def short(self, lang, wave):
        """1-3 word reply: a generic one or a short theme phrase."""
        if self.rng.random() < 0.5:
            text, delta = self.rng.choice(SHORT_GENERIC[lang])
            return text, [], delta
        for _ in range(50):
            theme, pol = self.pick_theme(wave)
            bank = CODESWITCH[(theme, pol)] if lang == "mixed" else PHRASES[theme][pol][lang]
            options = [p for p in bank if len(p.split()) <= 3]
            if options:
                return self.rng.choice(options), [(theme, pol)], 0.0
        raise RuntimeError("no short phrase found")

    def contrast(self, lang, wave):
        """Driver + barrier joined by a contrast word: 'быстро, но дорого'."""
        pos = self.pick_theme(wave, "pos", need_lang="cs" if lang == "mixed" else None)
        neg = self.pick_theme(wave, "neg", exclude=(pos[0],), need_lang="cs" if lang == "mixed" else None)
        la, lb = self.sublangs(lang, 2)
        conn_lang = lb if lb in CONNECTORS else (la if la in CONNECTORS else "ru")
        conn, order = self.rng.choice(CONNECTORS[conn_lang])
        first, second = (pos, neg) if order == "pn" else (neg, pos)
        a = self.clause(la, *first, prefix=False)
        b = self.clause(lb, *second, prefix=False)
        text = cap(a) + conn + b
        text = end(text, self.rng.choice([".", ".", ".", "!"]))
        if self.rng.random() < 0.15:
            text = text.rstrip(".")
        return text, [first, second], 0.0

    def regular(self, lang, wave):
        """1-3 sentences: optional opener, 1-2 theme sentences, optional closer."""
        n = 1 if self.rng.random() < 0.55 else 2
        themes = []
        for _ in range(n):
            themes.append(self.pick_theme(wave, exclude=[t for t, _ in themes],
                                          need_lang="cs" if lang == "mixed" else None))
        langs = self.sublangs(lang, n)
        # only the first clause may get a prefix ("к сожалению, ..."), to avoid repeats
        clauses = [self.clause(l, t, p, prefix=(i == 0))
                   for i, (l, (t, p)) in enumerate(zip(langs, themes))]
        text_lang = next((l for l in langs if l in OPENERS), "ru")
        if n == 2 and themes[0][1] == themes[1][1] and langs[0] == langs[1] and self.rng.random() < 0.4:
            body = [end(cap(clauses[0] + AND_WORD[text_lang] + clauses[1]))]
        else:
            body = [end(cap(c), "!" if p == "neg" and self.rng.random() < 0.2 else ".")
                    for c, (_, p) in zip(clauses, themes)]
        net = sum(EFFECTS[t] for t in themes)
        sentences = body
        if self.rng.random() < 0.2:
            sentences = [self.rng.choice(OPENERS[text_lang])] + sentences
        if len(sentences) < 3 and self.rng.random() < 0.3 and abs(net) >= 0.5:
            sentences = sentences + [self.rng.choice(CLOSERS["pos" if net > 0 else "neg"][text_lang])]
        return " ".join(sentences), themes, 0.0

    def transcript(self, lang, wave):
        """Voice-bot transcript: lower case, no punctuation, fillers, repetitions."""
        n = 1 if self.rng.random() < 0.6 else 2
        themes = [self.pick_theme(wave, "neg" if self.rng.random() < 0.8 else None)]
        if n == 2:
            themes.append(self.pick_theme(wave, exclude=[themes[0][0]]))
        langs = ["ru", "uk"] if lang == "mixed" else [lang] * n
        fill_lang = langs[0]
        words = self.rng.choice(TRANSCRIPT_OPEN[fill_lang]).split()
        for i, (t, p) in enumerate(themes):
            sub = langs[i % len(langs)]
            for w in self.clause(sub, t, p, prefix=False).split():
                if self.rng.random() < 0.2:
                    words.extend(self.rng.choice(FILLERS[sub]).split())
                words.append(w)
                if len(w) > 3 and self.rng.random() < 0.08:
                    words.append(w)  # repetition
        net = sum(EFFECTS[t] for t in themes)
        if self.rng.random() < 0.7:
            tail_lang = langs[-1]
            words.extend(self.rng.choice(TRANSCRIPT_TAIL["pos" if net > 0 else "neg"][tail_lang]).split())
        text = " ".join(words).lower()
        text = re.sub(r"[^\w\s'’-]", "", text)      # ASR output: no punctuation
        return re.sub(r"\s+", " ", text).strip(), themes, 0.0

    # -- surface noise -------------------------------------------------------
    def roughen(self, text, lang, net):
        r = self.rng
        if lang in ("ru", "mixed") and r.random() < 0.5:
            text = text.replace("ё", "е")
        if r.random() < 0.04:  # swap two adjacent letters in one longer word
            words = text.split(" ")
            idx = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
            if idx:
                i = r.choice(idx)
                w = words[i]
                j = r.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                text = " ".join(words)
        if r.random() < 0.06:
            text = text.replace(", ", ",")
        u = r.random()
        if net <= -3 and u < 0.06:
            text = text.upper()
        elif u < 0.15:
            text = text.lower().rstrip(".")
        if net < 0 and r.random() < 0.08:
            text = text.rstrip(".!") + "!!!"
        return text

    def add_emoji(self, text, net):
        kind = "pos" if net > 0.4 else ("neg" if net < -0.4 else "mix")
        e = self.rng.choice(EMOJI[kind])
        return text + ("" if self.rng.random() < 0.3 else " ") + e

    # -- rows ------------------------------------------------------------------
    def score(self, net):
        x = BASE_SCORE + net + self.rng.gauss(0, NOISE_SD)
        return int(min(10, max(0, math.floor(x + 0.5))))

    def meta(self, lang, themes):
        r = self.rng
        neg = [t for t, p in themes if p == "neg"]
        main = neg[0] if neg else (themes[0][0] if themes else None)
        pw, dw, cw = THEME_META[main]
        product = r.choices(PRODUCTS, pw)[0]
        department = r.choices(DEPARTMENTS, dw)[0]
        channel = r.choices(CHANNELS, cw)[0]
        if lang == "bg":
            weights = [6, 3, 3, 2, 1]
            if "coverage" in neg:
                weights = [w * (4 if reg in RURAL else 1) for w, reg in zip(weights, REGIONS_BG)]
            region = r.choices(REGIONS_BG, weights)[0]
        else:
            weights = list(REGION_WEIGHTS[lang])
            if "coverage" in neg:
                weights = [w * (5 if reg in RURAL else 1) for w, reg in zip(weights, REGIONS_UA)]
            region = r.choices(REGIONS_UA, weights)[0]
        return product, department, channel, region

    def build(self):
        r = self.rng
        rows = []
        waves = [w for w in WAVES for _ in range(N_ROWS // len(WAVES))]
        n_empty = round(N_ROWS * EMPTY_SHARE)
        n_text = N_ROWS - n_empty
        langs = quota(n_text, LANG_SHARES)
        shapes = quota(n_text, SHAPE_SHARES)
        r.shuffle(langs)
        r.shuffle(shapes)
        kinds = [None] * n_empty + list(zip(langs, shapes))
        r.shuffle(kinds)
        for wave, kind in zip(waves, kinds):
            year, month = WAVES[wave]
            day = r.randint(1, 30)
            row = {"date": dt.date(year, month, day).isoformat(), "wave": wave}
            if kind is None:
                lang, shape, text, themes, delta = "", "empty", "", [], 0.0
            else:
                lang, shape = kind
                text, themes, delta = getattr(self, shape)(lang, wave)
            net = sum(EFFECTS[t] for t in themes) + delta
            if shape in ("regular", "contrast", "short"):
                text = self.roughen(text, lang, net)
                if r.random() < 0.07:
                    text = self.add_emoji(text, net)
            product, department, channel, region = self.meta(lang or "ru", themes)
            if shape == "transcript":
                channel = r.choices(["Voice bot", "Call centre"], [4, 1])[0]
            row.update(score=self.score(net), comment=text, product=product,
                       department=department, channel=channel, region=region,
                       _lang=lang, _shape=shape, _themes=themes, _net=net)
            rows.append(row)

        # PII: append a phone number / e-mail to a few longer comments
        cands = [i for i, x in enumerate(rows) if x["_shape"] in ("regular", "contrast")]
        for i in r.sample(cands, N_PII):
            rows[i]["comment"] = end(rows[i]["comment"]) + " " + r.choice(PII[rows[i]["_lang"]])
            rows[i]["_pii"] = True

        # Exclusion-status edge cases: 2 missing scores, 1 out-of-range score.
        text_rows = [i for i, x in enumerate(rows) if x["_shape"] in ("regular", "contrast")]
        odd = r.sample(text_rows, 3)
        rows[odd[0]]["score"] = ""
        rows[odd[1]]["score"] = ""
        rows[odd[2]]["score"] = 11

        # Sort by date within the file and number respondents in that order.
        order = sorted(range(len(rows)), key=lambda i: (rows[i]["date"], r.random()))
        rows = [rows[i] for i in order]
        for k, row in enumerate(rows, 1):
            row["respondent_id"] = f"R{k:04d}"
        return rows


# --------------------------------------------------------------------------
# Checks, output, summary
# --------------------------------------------------------------------------
def check_banks():
    minimum = {"ru": 8, "uk": 8, "en": 4, "bg": 3}
    for theme in THEMES:
        for pol in ("pos", "neg"):
            for lang, k in minimum.items():
                bank = PHRASES[theme][pol][lang]
                assert len(set(bank)) >= k, (theme, pol, lang, len(bank))
                for p in bank:
                    if lang == "ru":
                        assert not re.search(r"[іїєґ]", p), p
                    if lang == "uk":
                        assert not re.search(r"[ыэъё]", p), p
            assert (theme, pol) in CODESWITCH, (theme, pol)
    assert set(EFFECTS) == set(THEME_WEIGHTS["2026-Q1"]) == set(THEME_WEIGHTS["2026-Q3"])


def nps(scores):
    s = [x for x in scores if isinstance(x, int) and 0 <= x <= 10]
    if not s:
        return float("nan"), 0
    pro = sum(x >= 9 for x in s)
    det = sum(x <= 6 for x in s)
    return 100.0 * (pro - det) / len(s), len(s)


COLUMNS = ["respondent_id", "date", "wave", "score", "comment", "product", "department",
           "channel", "region"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "survey.csv")
    ap.add_argument("--labels", type=Path, default=None,
                    help="optionally also write the planted language/shape/themes per respondent")
    args = ap.parse_args()

    check_banks()
    rows = Gen(SEED).build()

    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow([row[c] for c in COLUMNS])

    if args.labels:
        with open(args.labels, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["respondent_id", "lang", "shape", "themes", "net_effect", "has_pii"])
            for row in rows:
                themes = ";".join(f"{t}:{p}" for t, p in row["_themes"])
                w.writerow([row["respondent_id"], row["_lang"], row["_shape"], themes,
                            f"{row['_net']:+.1f}", int(row.get("_pii", False))])

    # ---- summary -------------------------------------------------------------
    print(f"wrote {args.out} ({len(rows)} rows)")
    for wave in WAVES:
        sub = [x for x in rows if x["wave"] == wave]
        v, n = nps([x["score"] for x in sub])
        print(f"  {wave}: {len(sub)} rows, NPS {v:+.1f} (n={n} valid scores)")
    v, n = nps([x["score"] for x in rows])
    print(f"  overall NPS {v:+.1f} (n={n} valid scores)")
    print(f"  empty comments: {sum(x['comment'] == '' for x in rows)}, "
          f"missing score: {sum(x['score'] == '' for x in rows)}, "
          f"out-of-range score: {sum(x['score'] == 11 for x in rows)}")
    langs = Counter(x["_lang"] for x in rows if x["_lang"])
    n_text = sum(langs.values())
    print("  languages (non-empty comments): " +
          ", ".join(f"{k} {c} ({100 * c / n_text:.1f}%)" for k, c in langs.most_common()))
    shapes = Counter(x["_shape"] for x in rows)
    print("  shapes: " + ", ".join(f"{k} {c}" for k, c in shapes.most_common()))
    mentions = Counter((x["wave"], t, p) for x in rows for t, p in x["_themes"])
    print("  theme mentions (Q1 / Q3), complaint | praise:")
    for t in THEMES:
        print(f"    {t:<11} neg {mentions[('2026-Q1', t, 'neg')]:>3} / {mentions[('2026-Q3', t, 'neg')]:<3}"
              f"  pos {mentions[('2026-Q1', t, 'pos')]:>3} / {mentions[('2026-Q3', t, 'pos')]:<3}")
    emo = sum(any(e in x["comment"] for k in EMOJI for e in EMOJI[k]) for x in rows)
    print(f"  with emoji: {emo}, with PII: {sum(bool(x.get('_pii')) for x in rows)}")


if __name__ == "__main__":
    main()
