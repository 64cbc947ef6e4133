"""Names and report sentences for generate_incidents.

People's names: common given names (Belarusian, Russian and Ukrainian forms,
weighted) and surnames built from stems and suffixes, a few common and most rare
(a Zipf-like law over a vocabulary of tens of thousands). A surname is made in
Cyrillic (Russian spelling, with Belarusian and Ukrainian spellings derived by
a few rules) and declined for the sentences that need a genitive or an
accusative; its Latin form is transliterated as each language does.

Sentences: several shapes per language (English, Russian, Belarusian,
Ukrainian) and kind of incident, with the person's or organization's name, the
city and the date. The inflections are approximate, as the module can afford.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from bisect import bisect
from itertools import accumulate

LANGUAGES = ("en", "ru", "be", "uk")
LANGUAGE_WEIGHTS = (55, 20, 15, 10)
ORIGINS = ("be", "ru", "uk")  # where a person's name comes from
ORIGIN_WEIGHTS = (60, 25, 15)
ORIGIN_SUMS = list(accumulate(ORIGIN_WEIGHTS))
MALE, FEMALE = 0, 1

# -- given names -----------------------------------------------------------------
# gender, weight, Latin forms (be ru uk), then "nominative genitive" in
# Belarusian, Russian and Ukrainian Cyrillic. The accusative is derived (-а ->
# -у, -я -> -ю, else the genitive).
_GIVEN = [
    (
        "m",
        10,
        "Aliaksandr Alexander Oleksandr",
        "Аляксандр Аляксандра",
        "Александр Александра",
        "Олександр Олександра",
    ),
    ("m", 9, "Siarhei Sergei Serhii", "Сяргей Сяргея", "Сергей Сергея", "Сергій Сергія"),
    ("m", 8, "Dzmitry Dmitry Dmytro", "Дзмітрый Дзмітрыя", "Дмитрий Дмитрия", "Дмитро Дмитра"),
    ("m", 7, "Andrei Andrei Andrii", "Андрэй Андрэя", "Андрей Андрея", "Андрій Андрія"),
    (
        "m",
        6,
        "Uladzimir Vladimir Volodymyr",
        "Уладзімір Уладзіміра",
        "Владимир Владимира",
        "Володимир Володимира",
    ),
    ("m", 6, "Aliaksei Alexei Oleksii", "Аляксей Аляксея", "Алексей Алексея", "Олексій Олексія"),
    ("m", 5, "Ihar Igor Ihor", "Ігар Ігара", "Игорь Игоря", "Ігор Ігоря"),
    ("m", 4, "Aleh Oleg Oleh", "Алег Алега", "Олег Олега", "Олег Олега"),
    ("m", 5, "Mikalai Nikolai Mykola", "Мікалай Мікалая", "Николай Николая", "Микола Миколи"),
    (
        "m",
        3,
        "Valiantsin Valentin Valentyn",
        "Валянцін Валянціна",
        "Валентин Валентина",
        "Валентин Валентина",
    ),
    ("m", 3, "Ales Ales Ales", "Алесь Алеся", "Алесь Алеся", "Алесь Алеся"),
    ("m", 5, "Maksim Maxim Maksym", "Максім Максіма", "Максим Максима", "Максим Максима"),
    ("m", 4, "Pavel Pavel Pavlo", "Павел Паўла", "Павел Павла", "Павло Павла"),
    ("m", 4, "Viktar Viktor Viktor", "Віктар Віктара", "Виктор Виктора", "Віктор Віктора"),
    ("m", 4, "Yury Yuri Yurii", "Юрый Юрыя", "Юрий Юрия", "Юрій Юрія"),
    ("m", 3, "Raman Roman Roman", "Раман Рамана", "Роман Романа", "Роман Романа"),
    ("m", 3, "Kiryl Kirill Kyrylo", "Кірыл Кірыла", "Кирилл Кирилла", "Кирило Кирила"),
    ("m", 3, "Mikhail Mikhail Mykhailo", "Міхаіл Міхаіла", "Михаил Михаила", "Михайло Михайла"),
    ("m", 4, "Ivan Ivan Ivan", "Іван Івана", "Иван Ивана", "Іван Івана"),
    ("m", 3, "Artsiom Artyom Artem", "Арцём Арцёма", "Артём Артёма", "Артем Артема"),
    ("m", 3, "Yauhen Evgeny Yevhen", "Яўген Яўгена", "Евгений Евгения", "Євген Євгена"),
    (
        "m",
        2,
        "Anatol Anatoly Anatolii",
        "Анатоль Анатоля",
        "Анатолий Анатолия",
        "Анатолій Анатолія",
    ),
    ("m", 2, "Vasil Vasily Vasyl", "Васіль Васіля", "Василий Василия", "Василь Василя"),
    (
        "m",
        2,
        "Stanislau Stanislav Stanislav",
        "Станіслаў Станіслава",
        "Станислав Станислава",
        "Станіслав Станіслава",
    ),
    ("m", 2, "Leanid Leonid Leonid", "Леанід Леаніда", "Леонид Леонида", "Леонід Леоніда"),
    (
        "m",
        2,
        "Uladzislau Vladislav Vladyslav",
        "Уладзіслаў Уладзіслава",
        "Владислав Владислава",
        "Владислав Владислава",
    ),
    ("m", 2, "Yahor Egor Yehor", "Ягор Ягора", "Егор Егора", "Єгор Єгора"),
    ("m", 2, "Mikita Nikita Mykyta", "Мікіта Мікіты", "Никита Никиты", "Микита Микити"),
    ("m", 3, "Anton Anton Anton", "Антон Антона", "Антон Антона", "Антон Антона"),
    ("m", 2, "Ilya Ilya Illia", "Ілья Ільі", "Илья Ильи", "Ілля Іллі"),
    ("m", 2, "Vadzim Vadim Vadym", "Вадзім Вадзіма", "Вадим Вадима", "Вадим Вадима"),
    ("m", 2, "Ryhor Grigory Hryhorii", "Рыгор Рыгора", "Григорий Григория", "Григорій Григорія"),
    ("f", 7, "Tatsiana Tatiana Tetiana", "Таццяна Таццяны", "Татьяна Татьяны", "Тетяна Тетяни"),
    ("f", 7, "Volha Olga Olha", "Вольга Вольгі", "Ольга Ольги", "Ольга Ольги"),
    ("f", 6, "Alena Elena Olena", "Алена Алены", "Елена Елены", "Олена Олени"),
    ("f", 5, "Hanna Anna Hanna", "Ганна Ганны", "Анна Анны", "Ганна Ганни"),
    ("f", 5, "Natallia Natalia Nataliia", "Наталля Наталлі", "Наталья Натальи", "Наталія Наталії"),
    ("f", 5, "Iryna Irina Iryna", "Ірына Ірыны", "Ирина Ирины", "Ірина Ірини"),
    (
        "f",
        5,
        "Sviatlana Svetlana Svitlana",
        "Святлана Святланы",
        "Светлана Светланы",
        "Світлана Світлани",
    ),
    ("f", 4, "Maryia Maria Mariia", "Марыя Марыі", "Мария Марии", "Марія Марії"),
    (
        "f",
        4,
        "Katsiaryna Ekaterina Kateryna",
        "Кацярына Кацярыны",
        "Екатерина Екатерины",
        "Катерина Катерини",
    ),
    ("f", 3, "Yulia Yulia Yuliia", "Юлія Юліі", "Юлия Юлии", "Юлія Юлії"),
    ("f", 3, "Darya Daria Dariia", "Дар'я Дар'і", "Дарья Дарьи", "Дар'я Дар'ї"),
    (
        "f",
        3,
        "Valiantsina Valentina Valentyna",
        "Валянціна Валянціны",
        "Валентина Валентины",
        "Валентина Валентини",
    ),
    ("f", 3, "Liudmila Lyudmila Liudmyla", "Людміла Людмілы", "Людмила Людмилы", "Людмила Людмили"),
    ("f", 2, "Palina Polina Polina", "Паліна Паліны", "Полина Полины", "Поліна Поліни"),
    ("f", 3, "Maryna Marina Maryna", "Марына Марыны", "Марина Марины", "Марина Марини"),
    ("f", 2, "Aksana Oksana Oksana", "Аксана Аксаны", "Оксана Оксаны", "Оксана Оксани"),
    (
        "f",
        2,
        "Viktoryia Viktoria Viktoriia",
        "Вікторыя Вікторыі",
        "Виктория Виктории",
        "Вікторія Вікторії",
    ),
    ("f", 2, "Halina Galina Halyna", "Галіна Галіны", "Галина Галины", "Галина Галини"),
    (
        "f",
        2,
        "Nasta Anastasia Anastasiia",
        "Наста Насты",
        "Анастасия Анастасии",
        "Анастасія Анастасії",
    ),
    ("f", 2, "Ksenia Ksenia Kseniia", "Ксенія Ксеніі", "Ксения Ксении", "Ксенія Ксенії"),
    ("f", 2, "Alina Alina Alina", "Аліна Аліны", "Алина Алины", "Аліна Аліни"),
    ("f", 2, "Nadzeya Nadezhda Nadiia", "Надзея Надзеі", "Надежда Надежды", "Надія Надії"),
]


def _accusative(nominative: str, genitive: str) -> str:
    if nominative.endswith("а"):
        return nominative[:-1] + "у"
    if nominative.endswith("я"):
        return nominative[:-1] + "ю"
    return genitive


def _parse_given() -> list[tuple[int, int, dict[str, str], dict[str, tuple[str, str, str]]]]:
    given = []
    for gender, weight, latin, *cyrillic in _GIVEN:
        forms = {}
        for lang, pair in zip(ORIGINS, cyrillic, strict=True):
            nom, gen = pair.split()
            forms[lang] = (nom, gen, _accusative(nom, gen))
        given.append(
            (
                MALE if gender == "m" else FEMALE,
                weight,
                dict(zip(ORIGINS, latin.split(), strict=True)),
                forms,
            )
        )
    return given


GIVEN = _parse_given()
GIVEN_BY_GENDER = [[i for i, g in enumerate(GIVEN) if g[0] == gender] for gender in (0, 1)]
GIVEN_CUM_WEIGHTS = [list(accumulate(GIVEN[i][1] for i in ids)) for ids in GIVEN_BY_GENDER]

# -- surnames --------------------------------------------------------------------
# Each suffix: its forms in Russian, Belarusian and Ukrainian, as "male
# nominative, genitive, accusative, female nominative, genitive, accusative"
# ("·" is nothing: the stem alone).
_SUFFIXES = {
    "ович": ("ович овича овича ович ович ович", "овіч овіча овіча овіч овіч овіч", None),
    "евич": ("евич евича евича евич евич евич", "евіч евіча евіча евіч евіч евіч", None),
    "ич": ("ич ича ича ич ич ич", "іч іча іча іч іч іч", None),
    "енко": (
        "енко енко енко енко енко енко",
        "енка енкі енку енка енка енка",
        "енко енка енка енко енко енко",
    ),
    "ко": ("ко ко ко ко ко ко", "ка кі ку ка ка ка", "ко ка ка ко ко ко"),
    "ук": ("ук ука ука ук ук ук", None, None),
    "чук": ("чук чука чука чук чук чук", None, None),
    "юк": ("юк юка юка юк юк юк", None, None),
    "ик": ("ик ика ика ик ик ик", "ік іка іка ік ік ік", None),
    "ак": ("ак ака ака ак ак ак", None, None),
    "ец": ("ец ца ца ец ец ец", None, "ець ця ця ець ець ець"),
    "ский": (
        "ский ского ского ская ской скую",
        "скі скага скага ская скай скую",
        "ський ського ського ська ської ську",
    ),
    "цкий": (
        "цкий цкого цкого цкая цкой цкую",
        "цкі цкага цкага цкая цкай цкую",
        "цький цького цького цька цької цьку",
    ),
    "овский": (
        "овский овского овского овская овской овскую",
        "оўскі оўскага оўскага оўская оўскай оўскую",
        "овський овського овського овська овської овську",
    ),
    "евский": (
        "евский евского евского евская евской евскую",
        "еўскі еўскага еўскага еўская еўскай еўскую",
        "евський евського евського евська евської евську",
    ),
    # -ов with the stress on the suffix (Belarusian -оў) or before it (-аў).
    "ов": ("ов ова ова ова овой ову", "оў ова ова ова овай ову", "ов ова ова ова ової ову"),
    "ов~": ("ов ова ова ова овой ову", "аў ава ава ава авай аву", "ов ова ова ова ової ову"),
    "ев": ("ев ева ева ева евой еву", "еў ева ева ева евай еву", "ев ева ева ева евої еву"),
    "ёв": ("ёв ёва ёва ёва ёвой ёву", "ёў ёва ёва ёва ёвай ёву", "ьов ьова ьова ьова ьової ьову"),
    "ин": ("ин ина ина ина иной ину", "ін іна іна іна інай іну", "ін іна іна іна іної іну"),
    "": ("· а а · · ·", None, None),
}


def _suffix_forms() -> dict[str, dict[str, tuple[str, ...]]]:
    table = {}
    for code, (ru, be, uk) in _SUFFIXES.items():
        forms = {"ru": ru, "be": be or ru, "uk": uk or ru}
        table[code] = {
            lang: tuple(f.replace("·", "") for f in s.split()) for lang, s in forms.items()
        }
    return table


SUFFIX_FORMS = _suffix_forms()

# The common surnames: Russian stems with their suffixes.
_HEAD = """
Ковал:ёв Козл:ов Мороз:ов~ Сокол:ов Новик:ов~ Поп:ов Лобк:ович Сазон:ович Мацк:евич
Грин:евич Роман:чук Лукаш:евич Пашк:евич Ярош:евич Васил:евич Голуб:ович Акул:ич
Дубр:овский Бондар:енко Шевч:енко Ткач:ук Коваль:чук Мельн:ик Кравч:енко Савч:енко
Петр:енко Лыс:енко Клим:ович Кузьм:ич Жук: Шпак: Кравц:ов Лапт:ик Зайц:ев Наумч:ик
Черныш: Шушк:евич Мясник:ович Рыбак: Гончар:ук Мар:чук Павл:юк Степан:юк Дашк:евич
Станк:евич Юрк:евич Кирил:ов Семен:ов Федор:ов~ Михайл:ов~ Андре:ев Сидор:ов~ Павл:ов~
Лебед:ев Волк:ов Остров:ский Ковал:евский Жук:овский Камин:ский Высо:цкий Карп:ович
Статк:евич Гурин:ович Марцинк:евич Будь:ко Лап:ко Бабич: Сакович: Сень:ко Гриц:ук
Кулеш:ов Ермак:ов Бел:ов Богдан:ович Шамк:ович Якимч:ук Ильюш:енко Радк:евич Верби:цкий
Прокоп:ович Король:ко Тарас:евич Левч:ук Бур:ак Сач:ко Дуд:ик Хмел:евский Гаврил:ов~
"""

# Invented surnames: a root, perhaps a formative, and a suffix.
_ROOT_WORDS = """
Бар Бел Бер Бог Бор Брат Бук Бур Бых Вал Ван Вас Вед Вер Вил Вит Вол Вор Выс Гав Гал Гар
Гол Гон Гор Град Гриш Гуд Гул Гур Дав Дан Дем Дер Дор Дуб Дуд Жар Жил Жур Заб Зар Зел Зим
Зуб Кал Кап Кар Кас Кач Кир Клим Кол Кон Коп Кос Кот Крав Крас Крут Куз Кул Кур Кух Лаз Лап
Лев Лен Лес Лис Лоб Лоз Лук Луц Лыс Мак Мал Мар Мат Мах Мел Мил Мир Мих Мох Нес Ник Нос Ос
Пав Пал Пан Пар Пас Пах Пет Пил Пол Рад Рак Рам Рат Реш Роз Рок Руд Рыж Сав Сал Сам Сан Сев
Сел Сем Сер Сид Сил Сит Скор Слав Сок Сол Сор Стас Степ Суд Сух Тар Тер Тим Тих Ток Трав Труб
Тур Фед Фил Ход Хол Хом Цар Цыб Чар Чер Чиж Чуб Шаб Шал Шар Шах Шев Шил Шиш Шпил Шум Юр Явор
Як Ян Яр Ясен Бабк Вась Гриб Дзик Жданк Зайк Ивас Карн Кисл Лагут Марк Носк Пятр Рогач Сытн
Тарн Усц Федч Хвед Цвирк Чайк Шалк Юшк Ящ Быч Горб Дроз Зорк Ковр Лопат Мороч Ореш Рябц Снег
"""
_ROOTS = _ROOT_WORDS.split()
# (Nothing three times: a root alone is as common as the commonest formative.)
_FORMATIVES = [
    "",
    "",
    "",
    *"к ан ен ин ул аш еш ош уш ик ач ар ут ян ов ел ил он ун ч ш ок".split(),
]
_SECOND_FORMATIVES = "к ч ш ов ен ан ул".split()
# How often each suffix ends a generated surname.
_TAIL_SUFFIXES = {
    "ович": 12,
    "евич": 12,
    "ич": 4,
    "енко": 8,
    "ко": 3,
    "ук": 6,
    "чук": 5,
    "юк": 3,
    "ик": 4,
    "ак": 3,
    "ец": 2,
    "ский": 5,
    "овский": 3,
    "евский": 2,
    "ов": 8,
    "ов~": 6,
    "ев": 5,
    "ин": 5,
    "": 2,
}
VOCABULARY_SIZE = 40_000
# The last entries of the vocabulary are kept for protected people, one each:
# nobody else has their surname (a protected surname standing in someone
# else's name would be withheld from it, see incidents.redaction).
RESERVED = 10_000
ZIPF_Q = 10  # p(rank) ~ 1 / (rank + ZIPF_Q): the commonest holds about 1% of people


def _with_case(word: str, lower: str) -> str:
    return lower[:1].upper() + lower[1:] if word[:1].isupper() else lower


_HARD_VOWELS = {"и": "ы", "і": "ы", "е": "э", "я": "а", "ё": "о", "ю": "у"}
_CONSONANTS = set("бвгґджзйклмнпрстфхцчшщў")


@functools.cache
def belarusian_stem(stem: str) -> str:
    """A Russian stem spelled the Belarusian way, roughly: akanne (о -> а), soft
    д and т (дз, ц), hard ж ш ч р ц, ў before a consonant."""
    s = stem.lower().replace("щ", "шч").replace("ъ", "'")
    s = re.sub("ц([иеяёю])", lambda m: "ц" + _HARD_VOWELS[m.group(1)], s)
    s = re.sub("д(?=[еёиюяь])", "дз", s)
    s = re.sub("т(?=[еёиюяь])", "ц", s)
    s = re.sub("([жшчр])([иеяёю])", lambda m: m.group(1) + _HARD_VOWELS[m.group(2)], s)
    s = s.replace("рь", "р").replace("и", "і").replace("о", "а")
    s = re.sub("в(?=[бвгджзйклмнпрстфхцчшщ])", "ў", s)
    return _with_case(stem, s)


@functools.cache
def ukrainian_stem(stem: str) -> str:
    s = stem.lower().replace("ы", "и").replace("э", "е").replace("ъ", "'")
    s = re.sub("(?<=[бвгджзклмнпрстфхцчшщ])ё", "ьо", s).replace("ё", "йо")
    return _with_case(stem, s)


def join(stem: str, suffix: str, lang: str) -> str:
    if lang == "be" and suffix and stem:
        first, last = suffix[0], stem[-1]
        if last in "жшчр" and first in _HARD_VOWELS:
            suffix = _HARD_VOWELS[first] + suffix[1:]
        elif last in "дт" and first in "ієяёюь":
            stem = stem[:-1] + ("дз" if last == "д" else "ц")
        elif last == "в" and first in _CONSONANTS:
            stem = stem[:-1] + "ў"
    return stem + suffix


@functools.cache
def vocabulary() -> tuple[list[str], list[str]]:
    """Stems and suffix codes of the surnames, commonest first: the head, then
    invented ones, distinct in every language (tens of thousands)."""
    rng = random.Random(20240611)  # the vocabulary is the same for every seed
    stems: list[str] = []
    suffixes: list[str] = []
    seen: set[str] = set()

    def add(stem: str, suffix: str) -> bool:
        forms = SUFFIX_FORMS[suffix]
        keys = {
            join(stem, forms["ru"][0], "ru"),
            join(belarusian_stem(stem), forms["be"][0], "be"),
            join(ukrainian_stem(stem), forms["uk"][0], "uk"),
        }
        if keys & seen:
            return False
        seen.update(keys)
        stems.append(stem)
        suffixes.append(suffix)
        return True

    head = [item.split(":") for item in _HEAD.split()]
    rng.shuffle(head)
    for stem, suffix in head:
        add(stem, suffix)
    codes, weights = list(_TAIL_SUFFIXES), list(_TAIL_SUFFIXES.values())
    while len(stems) < VOCABULARY_SIZE:
        parts = [rng.choice(_ROOTS), rng.choice(_FORMATIVES)]
        if len(parts[1]) > 1 and rng.random() < 0.3:
            parts.append(rng.choice(_SECOND_FORMATIVES))
        suffix = rng.choices(codes, weights)[0]
        if not _pronounceable([*parts, suffix]):
            continue
        stem = "".join(parts)
        if suffix in ("ский", "евский", "овский") and stem[-1] not in "нлрв":
            continue
        add(stem, suffix)
    return stems, suffixes


_SIBILANTS = set("жшчщцсз")


def _pronounceable(parts: list[str]) -> bool:
    """No doubled letters, sibilant pairs or three consonants where the parts
    meet, no part repeated by the next (-ов-ов, -ик-ик)."""
    word, previous = parts[0].lower(), ""
    for part in parts[1:]:
        if not part:
            continue
        a, b = word[-1], part[0]
        if a == b or (a in _SIBILANTS and b in _SIBILANTS) or part[:2] == previous[-2:]:
            return False
        if b in _CONSONANTS and a in _CONSONANTS and len(word) > 1 and word[-2] in _CONSONANTS:
            return False
        word, previous = word + part, part
    return True


def zipf_rank(rng: random.Random, size: int) -> int:
    """A rank in [0, size), p(rank) ~ 1 / (rank + ZIPF_Q) (inverse of the CDF)."""
    rank = int(ZIPF_Q * (((size + ZIPF_Q) / ZIPF_Q) ** rng.random() - 1))
    return min(rank, size - 1)


@functools.lru_cache(maxsize=1 << 16)
def surname_forms(entry: int, lang: str, gender: int) -> tuple[str, str, str]:
    """Nominative, genitive and accusative of a surname in ru, be or uk."""
    stems, suffixes = vocabulary()
    stem = stems[entry]
    stem = belarusian_stem(stem) if lang == "be" else ukrainian_stem(stem) if lang == "uk" else stem
    forms = SUFFIX_FORMS[suffixes[entry]][lang][3 * gender : 3 * gender + 3]
    return (join(stem, forms[0], lang), join(stem, forms[1], lang), join(stem, forms[2], lang))


# -- transliteration -----------------------------------------------------------------

_LATIN = {
    "be": dict(
        zip(
            "абвгґдежзійклмнопрстуўфхцчшыьэюяёʼ'",
            "a b v h g d e zh z i i k l m n o p r s t u u f kh ts ch sh y - e iu ia io - -".split(),
            strict=True,
        )
    ),
    "ru": dict(
        zip(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
            strict=True,
        )
    ),
    "uk": dict(
        zip(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ'",
            (
                "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch - iu ia - -"
            ).split(),
            strict=True,
        )
    ),
}
for _table in _LATIN.values():
    for _k, _v in _table.items():
        if _v == "-":
            _table[_k] = ""
# Iotated letters begin with y at the start of a word and, in Russian and
# Belarusian, after a vowel.
_IOTATED = {
    "ru": {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    "be": {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"},
    "uk": {"є": "ye", "ї": "yi", "ю": "yu", "я": "ya", "й": "y"},
}
_VOWEL_LETTERS = set("аеёиоуыэюяіїєьъ'ʼ")


@functools.lru_cache(maxsize=1 << 16)
def latin(word: str, lang: str) -> str:
    """A Cyrillic word in Latin letters, roughly as passports and the press of
    that language write it."""
    lower = word.lower()
    tail = ""
    if lang == "ru" and lower.endswith(("ий", "ый")):
        lower, tail = lower[:-2], "y"
    table, iotated = _LATIN[lang], _IOTATED[lang]
    out = []
    start = True
    for char in lower:
        if start and char in iotated:
            out.append(iotated[char])
        else:
            out.append(table.get(char, char))
        start = lang != "uk" and char in _VOWEL_LETTERS
    text = "".join(out) + tail
    return text[:1].upper() + text[1:]


# -- people ------------------------------------------------------------------------------


# A generated person is one integer: given name (8 bits), surname (its entry
# in the vocabulary, 20 bits), origin (2), Cyrillic record (1), protected (1).


def pack(given: int, entry: int, origin: int, cyrillic: bool, protected: bool) -> int:
    return given | entry << 8 | origin << 28 | int(cyrillic) << 30 | int(protected) << 31


def unpack(packed: int) -> tuple[int, int, int, bool, bool]:
    return (
        packed & 0xFF,
        packed >> 8 & 0xFFFFF,
        packed >> 28 & 3,
        bool(packed >> 30 & 1),
        bool(packed >> 31 & 1),
    )


def is_protected(packed: int) -> bool:
    return bool(packed >> 31 & 1)


def draw_person(rng: random.Random, protected: bool, reserved: int) -> int:
    """A packed person; `reserved` is the protected person's own surname."""
    gender = MALE if rng.random() < 0.58 else FEMALE
    ids = GIVEN_BY_GENDER[gender]
    sums = GIVEN_CUM_WEIGHTS[gender]
    given = ids[bisect(sums, rng.random() * sums[-1])]
    origin = bisect(ORIGIN_SUMS, rng.random() * ORIGIN_SUMS[-1])
    cyrillic = rng.random() < 0.15
    entry = reserved if protected else draw_surname(rng)
    return pack(given, entry, origin, cyrillic, protected)


def draw_surname(rng: random.Random) -> int:
    return zipf_rank(rng, VOCABULARY_SIZE - RESERVED)


_RESERVED: list[int] = []  # found so far, in order


def reserved_surname(k: int) -> int:
    """The surname of the k-th protected person, from the last entries of the
    vocabulary, which no one else draws (shared only past the thousands kept).
    Five letters or more in every spelling, so that the surname alone is
    withheld wherever it stands (a shorter one is withheld only with the given
    name, see incidents.redaction.name_forms)."""
    entry = _RESERVED[-1] + 1 if _RESERVED else VOCABULARY_SIZE - RESERVED
    while len(_RESERVED) <= k and entry < VOCABULARY_SIZE:
        if min(len(form) for form in _nominatives(entry)) >= 5:
            _RESERVED.append(entry)
        entry += 1
    return _RESERVED[k % len(_RESERVED)]


def _nominatives(entry: int) -> list[str]:
    forms = []
    for lang in ORIGINS:
        for gender in (MALE, FEMALE):
            nominative = surname_forms(entry, lang, gender)[0]
            forms += [nominative, latin(nominative, lang)]
    return forms


def with_surname(packed: int, entry: int) -> int:
    return packed & ~(0xFFFFF << 8) | entry << 8


def gender_of(packed: int) -> int:
    return GIVEN[packed & 0xFF][0]


@functools.lru_cache(maxsize=1 << 16)
def latin_name(given: int, entry: int, origin: int) -> str:
    lang = ORIGINS[origin]
    gender = GIVEN[given][0]
    return f"{GIVEN[given][2][lang]} {latin(surname_forms(entry, lang, gender)[0], lang)}"


def stored_name(packed: int) -> str:
    """The name as the person's record holds it."""
    given, entry, origin, cyrillic, _ = unpack(packed)
    if not cyrillic:
        return latin_name(given, entry, origin)
    lang = ORIGINS[origin]
    return f"{GIVEN[given][3][lang][0]} {surname_forms(entry, lang, GIVEN[given][0])[0]}"


def name_forms(packed: int, lang: str) -> tuple[str, str, str]:
    """Nominative, genitive and accusative of the name in a sentence in `lang`:
    in Latin letters in English, in that language's Cyrillic otherwise."""
    given, entry, origin, _, _ = unpack(packed)
    if lang == "en":
        name = latin_name(given, entry, origin)
        return name, name, name
    first = GIVEN[given][3][lang]
    last = surname_forms(entry, lang, GIVEN[given][0])
    return (f"{first[0]} {last[0]}", f"{first[1]} {last[1]}", f"{first[2]} {last[2]}")


# -- sentences -------------------------------------------------------------------------
# [male|female] picks a form by the person's gender. Placeholders: {p} {p_gen}
# {p_acc} (the person), {org}, {city} (needs a city), {in_city} (" in X", or
# nothing without a city), {date}. Subjects: "p" a person, "po" a person and
# their organization, "o" an organization.

_TEMPLATES: dict[str, dict[str, dict[str, list[str]]]] = {
    "en": {
        "search": {
            "p": [
                "Police searched the home of {p}{in_city} on {date}.",
                "On {date}, security officers searched the flat of {p}{in_city}.",
                "The home of {p}{in_city} was searched on {date}; computers and phones were "
                "seized.",
                "{p} reported that [his|her] apartment{in_city} was searched on {date}.",
                "In {city}, plain-clothes officers searched the home of {p} on {date}.",
            ],
            "po": [
                "{p}, a member of {org}, had [his|her] home searched{in_city} on {date}.",
                "Police searched the home of {p}{in_city} on {date}; [he|she] works with {org}.",
                "On {date}, the flat of {p} of {org} was searched{in_city}.",
            ],
            "o": [
                "The office of {org}{in_city} was raided on {date}.",
                "On {date}, police searched the premises of {org}{in_city} and seized documents.",
                "Security officers searched the office of {org}{in_city} on {date}.",
            ],
        },
        "detention": {
            "p": [
                "{p} was detained{in_city} on {date}.",
                "On {date}, {p} was detained{in_city} and taken to a police station.",
                "{p} was detained{in_city} on {date} and charged with taking part in a protest.",
                "Police detained {p}{in_city} on {date}; [he|she] faces criminal charges.",
                "{p} was taken from [his|her] home{in_city} on {date} and is held in a "
                "detention centre.",
                "In {city}, police detained {p} on {date}.",
            ],
            "po": [
                "{p}, a member of {org}, was detained{in_city} on {date}.",
                "On {date}, police detained {p} of {org}{in_city}.",
                "{org} reports that {p} was detained{in_city} on {date}.",
            ],
            "o": [
                "Several members of {org} were detained{in_city} on {date}.",
                "On {date}, police detained volunteers of {org}{in_city}.",
                "{org} reports that its staff were detained{in_city} on {date}.",
            ],
        },
        "disappearance": {
            "p": [
                "{p} has not been in touch since {date}; [his|her] whereabouts are unknown.",
                "Relatives of {p} have had no news of [him|her] since {date}, when [he|she] was "
                "last seen{in_city}.",
                "{p} went missing{in_city} on {date}; the police deny holding [him|her].",
                "Nothing is known of {p} since [his|her] detention{in_city} on {date}.",
            ],
            "po": [
                "{org} has lost contact with {p}, who was last seen{in_city} on {date}.",
                "{p}, a member of {org}, has been missing since {date}.",
            ],
            "o": [
                "{org} reports that one of its volunteers has been missing{in_city} since {date}.",
                "{org} has had no contact with its coordinator{in_city} since {date}.",
            ],
        },
    },
    "ru": {
        "search": {
            "p": [
                "{date} прошёл обыск у {p_gen}{in_city}.",
                "В квартире {p_gen} {date}{in_city} провели обыск.",
                "Силовики провели обыск у {p_gen} {date}{in_city} и изъяли технику.",
                "В городе {city} прошёл обыск у {p_gen} ({date}).",
            ],
            "po": [
                "{date} прошёл обыск у {p_gen}{in_city}; [он|она] состоит в организации «{org}».",
                "{p}, член организации «{org}», сообщил[|а] об обыске {date}{in_city}.",
            ],
            "o": [
                "{date} силовики провели обыск в офисе «{org}»{in_city}.",
                "В офисе организации «{org}»{in_city} прошёл обыск {date}.",
            ],
        },
        "detention": {
            "p": [
                "{p} задержан[|а] {date}{in_city}.",
                "{date}{in_city} задержан[|а] {p}.",
                "{p} был[|а] задержан[|а] {date}{in_city} и доставлен[|а] в РУВД.",
                "{date} силовики задержали {p_acc}{in_city}.",
                "В городе {city} задержан[|а] {p} ({date}).",
            ],
            "po": [
                "{p}, член организации «{org}», задержан[|а] {date}{in_city}.",
                "Организация «{org}» сообщает о задержании {p_gen} {date}{in_city}.",
            ],
            "o": [
                "{date}{in_city} задержаны несколько членов организации «{org}».",
                "Волонтёров организации «{org}» задержали {date}{in_city}.",
            ],
        },
        "disappearance": {
            "p": [
                "{p} пропал[|а] без вести {date}{in_city}.",
                "Родные {p_gen} не получают от [него|неё] известий с {date}.",
                "{p} не выходит на связь с {date}; [его|её] местонахождение неизвестно.",
            ],
            "po": [
                "Организация «{org}» сообщает об исчезновении {p_gen} {date}{in_city}.",
            ],
            "o": [
                "Организация «{org}» сообщает, что её волонтёр пропал {date}{in_city}.",
            ],
        },
    },
    "be": {
        "search": {
            "p": [
                "{date} прайшоў ператрус у {p_gen}{in_city}.",
                "У {p_gen}{in_city} прайшоў ператрус {date}.",
                "Сілавікі правялі ператрус у кватэры {p_gen} {date}{in_city} і канфіскавалі "
                "тэхніку.",
                "У горадзе {city} прайшоў ператрус у {p_gen} ({date}).",
            ],
            "po": [
                "{date} прайшоў ператрус у {p_gen}, сябра арганізацыі «{org}»{in_city}.",
            ],
            "o": [
                "{date} сілавікі правялі ператрус у офісе «{org}»{in_city}.",
            ],
        },
        "detention": {
            "p": [
                "{p} затрыман[ы|ая] {date}{in_city}.",
                "{date}{in_city} затрыман[ы|ая] {p}.",
                "Сілавікі затрымалі {p_acc} {date}{in_city}.",
                "{p} [быў|была] затрыман[ы|ая] {date}{in_city} і дастаўлен[ы|ая] ў РУУС.",
            ],
            "po": [
                "{p}, сябра арганізацыі «{org}», затрыман[ы|ая] {date}{in_city}.",
                "Арганізацыя «{org}» паведамляе пра затрыманне {p_gen} {date}{in_city}.",
            ],
            "o": [
                "{date}{in_city} затрыманыя некалькі сяброў арганізацыі «{org}».",
            ],
        },
        "disappearance": {
            "p": [
                "{p} знік[|ла] {date}{in_city}.",
                "З {date} няма звестак пра {p_acc}.",
                "{p} не выходзіць на сувязь з {date}; [яго|яе] месцазнаходжанне невядомае.",
            ],
            "po": [
                "Арганізацыя «{org}» паведамляе пра знікненне {p_gen} {date}{in_city}.",
            ],
            "o": [
                "Арганізацыя «{org}» страціла сувязь са сваім валанцёрам {date}{in_city}.",
            ],
        },
    },
    "uk": {
        "search": {
            "p": [
                "{date} пройшов обшук у {p_gen}{in_city}.",
                "У {p_gen}{in_city} пройшов обшук {date}.",
                "Силовики провели обшук у квартирі {p_gen} {date}{in_city} і вилучили техніку.",
                "У місті {city} пройшов обшук у {p_gen} ({date}).",
            ],
            "po": [
                "{date} пройшов обшук у {p_gen}{in_city}; [він|вона] є членом організації «{org}».",
            ],
            "o": [
                "{date} силовики провели обшук в офісі «{org}»{in_city}.",
            ],
        },
        "detention": {
            "p": [
                "{p_acc} затримали {date}{in_city}.",
                "{date}{in_city} затримали {p_acc}.",
                "{p} затриман[ий|а] {date}{in_city}.",
                "Силовики затримали {p_acc} {date}{in_city} і доставили до відділку поліції.",
            ],
            "po": [
                "{p}, член організації «{org}», затриман[ий|а] {date}{in_city}.",
                "Організація «{org}» повідомляє про затримання {p_gen} {date}{in_city}.",
            ],
            "o": [
                "{date}{in_city} затримали кількох членів організації «{org}».",
            ],
        },
        "disappearance": {
            "p": [
                "{p} зник[|ла] безвісти {date}{in_city}.",
                "З {date} немає відомостей про {p_acc}.",
                "{p} не виходить на зв'язок з {date}; [його|її] місцезнаходження невідоме.",
            ],
            "po": [
                "Організація «{org}» повідомляє про зникнення {p_gen} {date}{in_city}.",
            ],
            "o": [
                "Організація «{org}» втратила зв'язок зі своїм волонтером {date}{in_city}.",
            ],
        },
    },
}

# A second person the report names, after the first sentence ({o}, {o_gen};
# [male|female] by the second person's gender).
_OTHERS = {
    "en": {
        "search": [
            "The home of {o} was searched the same day.",
            "Officers also searched the flat of {o}.",
        ],
        "detention": ["{o} was detained together with them.", "{o} was also detained."],
        "disappearance": ["{o} reported the disappearance to the police."],
    },
    "ru": {
        "search": ["В тот же день прошёл обыск у {o_gen}."],
        "detention": ["Вместе с ними задержан[|а] {o}.", "В тот же день задержан[|а] {o}."],
        "disappearance": ["Об исчезновении сообщил[|а] {o}."],
    },
    "be": {
        "search": ["У той жа дзень прайшоў ператрус у {o_gen}."],
        "detention": ["Разам з імі затрыман[ы|ая] {o}.", "У той жа дзень затрыман[ы|ая] {o}."],
        "disappearance": ["Пра знікненне паведамі[ў|ла] {o}."],
    },
    "uk": {
        "search": ["Того ж дня пройшов обшук у {o_gen}."],
        "detention": ["Разом з ними затриман[ий|а] {o}.", "Того ж дня затриман[ий|а] {o}."],
        "disappearance": ["Про зникнення повідоми[в|ла] {o}."],
    },
}

# Who a protected person is, in place of their name: (nominative, genitive,
# accusative) by gender, then what follows it.
_ROLES = {
    "en": (
        [
            ("a human rights defender whose name is withheld",) * 3,
            ("a journalist who asked not to be named",) * 3,
            ("a volunteer (name withheld)",) * 3,
        ],
        None,
        "",
    ),
    "ru": (
        [
            ("правозащитник", "правозащитника", "правозащитника"),
            ("журналист", "журналиста", "журналиста"),
            ("активист", "активиста", "активиста"),
        ],
        [
            ("правозащитница", "правозащитницы", "правозащитницу"),
            ("журналистка", "журналистки", "журналистку"),
            ("активистка", "активистки", "активистку"),
        ],
        " (имя не раскрывается)",
    ),
    "be": (
        [
            ("праваабаронца", "праваабаронцы", "праваабаронцу"),
            ("журналіст", "журналіста", "журналіста"),
            ("актывіст", "актывіста", "актывіста"),
        ],
        [
            ("праваабаронца", "праваабаронцы", "праваабаронцу"),
            ("журналістка", "журналісткі", "журналістку"),
            ("актывістка", "актывісткі", "актывістку"),
        ],
        " (імя не раскрываецца)",
    ),
    "uk": (
        [
            ("правозахисник", "правозахисника", "правозахисника"),
            ("журналіст", "журналіста", "журналіста"),
            ("активіст", "активіста", "активіста"),
        ],
        [
            ("правозахисниця", "правозахисниці", "правозахисницю"),
            ("журналістка", "журналістки", "журналістку"),
            ("активістка", "активістки", "активістку"),
        ],
        " (ім'я не розголошується)",
    ),
}
WITHHELD = {
    lang: [
        [tuple(form + after for form in forms) for forms in roles]
        for roles in (male, female or male)
    ]
    for lang, (male, female, after) in _ROLES.items()
}

_IN_CITY = {
    "en": [" in {}"],
    "ru": [" в {}", " в городе {}"],
    "be": [" у {}", " у горадзе {}"],
    "uk": [" у {}", " у місті {}"],
}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "be": "студзеня лютага сакавіка красавіка мая чэрвеня ліпеня жніўня верасня кастрычніка "
    "лістапада снежня",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
}
MONTHS = {lang: names.split() for lang, names in _MONTHS.items()}
_YEAR = {"en": "", "ru": " года", "be": " года", "uk": " року"}

_GENDERED = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")


def _by_gender(template: str) -> tuple[str, str]:
    return (_GENDERED.sub(r"\1", template), _GENDERED.sub(r"\2", template))


TEMPLATES = {
    lang: {
        kind: {subject: [_by_gender(t) for t in ts] for subject, ts in subjects.items()}
        for kind, subjects in kinds.items()
    }
    for lang, kinds in _TEMPLATES.items()
}
OTHERS = {
    lang: {kind: [_by_gender(t) for t in ts] for kind, ts in kinds.items()}
    for lang, kinds in _OTHERS.items()
}
# The shapes that need no city, for incidents without one.
TEMPLATES_WITHOUT_CITY = {
    lang: {
        kind: {subject: [t for t in ts if "{city}" not in t[0]] for subject, ts in subjects.items()}
        for kind, subjects in kinds.items()
    }
    for lang, kinds in TEMPLATES.items()
}


def date_phrase(rng: random.Random, lang: str, date: dt.date) -> str:
    if lang != "en" and rng.random() < 0.25:
        return f"{date:%d.%m.%Y}"
    return f"{date.day} {MONTHS[lang][date.month - 1]} {date.year}{_YEAR[lang]}"


def summary(
    rng: random.Random,
    lang: str,
    kind: str,
    person: int | None,
    organization: str | None,
    city: str | None,
    date: dt.date,
    other: int | None = None,
) -> str:
    """One sentence (two when it also names `other`) of a report in `lang`.
    `person` and `other` are packed people; a protected person is described,
    never named."""
    subject = "o" if person is None else "po" if organization else "p"
    table = TEMPLATES if city else TEMPLATES_WITHOUT_CITY
    gender = MALE
    fields = {"org": organization, "city": city, "in_city": ""}
    if person is not None:
        gender = gender_of(person)
        if is_protected(person):
            forms = rng.choice(WITHHELD[lang][gender])
        else:
            forms = name_forms(person, lang)
        fields["p"], fields["p_gen"], fields["p_acc"] = forms
    if city:
        fields["in_city"] = rng.choice(_IN_CITY[lang]).format(city)
    fields["date"] = date_phrase(rng, lang, date)
    text = rng.choice(table[lang][kind][subject])[gender].format(**fields)
    if other is not None:
        o_nom, o_gen, _ = name_forms(other, lang)
        then = rng.choice(OTHERS[lang][kind])[gender_of(other)]
        text += " " + then.format(o=o_nom, o_gen=o_gen)
    return text[:1].upper() + text[1:]


# -- sources -------------------------------------------------------------------------

_TITLES = {
    "en": [
        "Human rights situation report {n}",
        "Monitoring digest {n}",
        "Statement on searches and detentions, no. {n}",
        "Weekly review of persecution {n}",
    ],
    "ru": [
        "Обзор нарушений прав человека {n}",
        "Мониторинг преследований, выпуск {n}",
        "Хроника репрессий № {n}",
    ],
    "be": [
        "Агляд парушэнняў правоў чалавека {n}",
        "Маніторынг пераследу, выпуск {n}",
        "Хроніка рэпрэсій № {n}",
    ],
    "uk": [
        "Огляд порушень прав людини {n}",
        "Моніторинг переслідувань, випуск {n}",
        "Хроніка репресій № {n}",
    ],
}
_OPENINGS = {
    "en": [
        "This review covers incidents documented by the monitoring group.",
        "The following cases were reported to us and checked with relatives and lawyers.",
    ],
    "ru": [
        "В обзоре собраны случаи, задокументированные мониторинговой группой.",
        "Следующие случаи сообщены нам и проверены у родственников и адвокатов.",
    ],
    "be": [
        "У аглядзе сабраныя выпадкі, задакументаваныя групай маніторынгу.",
        "Пра наступныя выпадкі нам паведамілі сваякі і адвакаты.",
    ],
    "uk": [
        "В огляді зібрано випадки, задокументовані моніторинговою групою.",
        "Про наступні випадки нам повідомили родичі та адвокати.",
    ],
}
_CLOSINGS = {
    "en": "The list is not exhaustive.",
    "ru": "Список не является исчерпывающим.",
    "be": "Спіс не з'яўляецца вычарпальным.",
    "uk": "Перелік не є вичерпним.",
}


def fixed_text() -> str:
    """Every word of the sentences, descriptions and reports, without the names
    they are given."""
    parts: list[str] = []
    for kinds in _TEMPLATES.values():
        for subjects in kinds.values():
            for templates in subjects.values():
                parts += templates
    for others in _OTHERS.values():
        for sentences in others.values():
            parts += sentences
    for by_gender in WITHHELD.values():
        parts += [form for roles in by_gender for forms in roles for form in forms]
    for table in (_TITLES, _OPENINGS):
        for texts in table.values():
            parts += texts
    parts += _CLOSINGS.values()
    parts += [" ".join(months) for months in MONTHS.values()]
    text = "\n".join(parts)
    return re.sub(r"\{\w+\}", "\n", text).replace("[", " ").replace("]", " ").replace("|", " ")


def report(rng: random.Random, lang: str, number: int, sentences: list[str]) -> tuple[str, str]:
    """Title and full text of a report made of `sentences`, verbatim and
    numbered (as reports list cases; the numbers also keep the last word of
    one and the first of the next from reading as one name)."""
    title = rng.choice(_TITLES[lang]).format(n=number)
    cases = [f"{i}. {sentence}" for i, sentence in enumerate(sentences, 1)]
    parts = [title, rng.choice(_OPENINGS[lang]), *cases, _CLOSINGS[lang]]
    return title, "\n\n".join(parts)
