"""Cities' and regions' names in Belarusian, Russian and Ukrainian: reference
data, not records (a city's own aliases, entered by staff, are for search).

Sources: for Belarus, the official names of the State Register of geographic
names of the Republic of Belarus (Дзяржаўны рэестр назваў геаграфічных
аб'ектаў, National Cadastre Agency; Belarusian and Russian forms, and the
national romanization of 2007 that UNGEGN adopted, from which the slugs and
English names below come), and GeoNames' alternate names (be, ru, uk) for the
Ukrainian exonyms and for the Ukrainian cities. Every regional centre of
Belarus is here, and every city the project's data names. A city not listed
shows its stored name.

Keys are a city's slug or its English name in lower case (the stored name
may be the Belarusian romanization, "Hrodna", or the Russian-based one,
"Grodno"): both are listed where they differ.
"""

from __future__ import annotations

# English / romanized name(s) -> (be, ru, uk)
_CITIES: list[tuple[tuple[str, ...], tuple[str, str, str]]] = [
    # Capital and regional centres (voblasts)
    (("minsk", "miensk"), ("Мінск", "Минск", "Мінськ")),
    (("brest", "bierascie", "brest-litovsk"), ("Брэст", "Брест", "Брест")),
    (("hrodna", "grodno"), ("Гродна", "Гродно", "Гродно")),
    (("vitebsk", "viciebsk", "vitsyebsk"), ("Віцебск", "Витебск", "Вітебськ")),
    (
        ("mogilev", "mahilyow", "mahiliou", "mahilioŭ", "magilev"),
        ("Магілёў", "Могилёв", "Могильов"),
    ),
    (("gomel", "homyel", "homiel", "homel"), ("Гомель", "Гомель", "Гомель")),
    # Other cities
    (("orsha", "vorsha", "orsa"), ("Орша", "Орша", "Орша")),
    (("polotsk", "polatsk"), ("Полацк", "Полоцк", "Полоцьк")),
    (("navapolatsk", "novopolotsk"), ("Наваполацк", "Новополоцк", "Новополоцьк")),
    (("mozyr", "mazyr"), ("Мазыр", "Мозырь", "Мозир")),
    (("borisov", "barysaw", "barysau", "barysaŭ"), ("Барысаў", "Борисов", "Борисов")),
    (("babruysk", "bobruisk", "bobruysk", "babrujsk"), ("Бабруйск", "Бобруйск", "Бобруйськ")),
    (("baranavichy", "baranovichi"), ("Баранавічы", "Барановичи", "Барановичі")),
    (("pinsk",), ("Пінск", "Пинск", "Пінськ")),
    (("lida",), ("Ліда", "Лида", "Ліда")),
    (("maladzyechna", "molodechno", "maladziečna"), ("Маладзечна", "Молодечно", "Молодечно")),
    (("salihorsk", "soligorsk"), ("Салігорск", "Солигорск", "Солігорськ")),
    (("zhlobin", "zhlobin"), ("Жлобін", "Жлобин", "Жлобин")),
    (("svetlahorsk", "svetlogorsk"), ("Светлагорск", "Светлогорск", "Світлогорськ")),
    (("rechytsa", "rechitsa"), ("Рэчыца", "Речица", "Речиця")),
    (("slutsk",), ("Слуцк", "Слуцк", "Слуцьк")),
    (("zhodzina", "zhodino"), ("Жодзіна", "Жодино", "Жодино")),
    (("kobryn", "kobrin"), ("Кобрын", "Кобрин", "Кобринь")),
    (("vawkavysk", "volkovysk"), ("Ваўкавыск", "Волковыск", "Вовковиськ")),
    (("slonim",), ("Слонім", "Слоним", "Слонім")),
    (("navahrudak", "novogrudok"), ("Навагрудак", "Новогрудок", "Новогрудок")),
    (("smarhon", "smorgon"), ("Смаргонь", "Сморгонь", "Сморгонь")),
    (("krychaw", "krichev"), ("Крычаў", "Кричев", "Кричев")),
    (("asipovichy", "osipovichi"), ("Асіповічы", "Осиповичи", "Осиповичі")),
    (("rahachow", "rogachev"), ("Рагачоў", "Рогачёв", "Рогачов")),
    (("kalinkavichy", "kalinkovichi"), ("Калінкавічы", "Калинковичи", "Калинковичі")),
    (("dzyarzhynsk", "dzerzhinsk"), ("Дзяржынск", "Дзержинск", "Дзержинськ")),
    (("horki", "gorki"), ("Горкі", "Горки", "Горки")),
    (("hlybokaye", "glubokoye"), ("Глыбокае", "Глубокое", "Глибоке")),
    (("pastavy", "postavy"), ("Паставы", "Поставы", "Постави")),
    (("ashmyany", "oshmyany"), ("Ашмяны", "Ошмяны", "Ошмяни")),
    (("kurapaty",), ("Курапаты", "Куропаты", "Куропати")),
    # Ukraine (GeoNames)
    (("rivne", "rovno"), ("Роўна", "Ровно", "Рівне")),
    (("kyiv", "kiev"), ("Кіеў", "Киев", "Київ")),
    (("lviv", "lvov"), ("Львоў", "Львов", "Львів")),
    (("kharkiv", "kharkov"), ("Харкаў", "Харьков", "Харків")),
    (("chernihiv", "chernigov"), ("Чарнігаў", "Чернигов", "Чернігів")),
    # Lithuania and Poland, where many Belarusian organizations work in exile
    (("vilnius", "vilnia", "wilno"), ("Вільня", "Вильнюс", "Вільнюс")),
    (("warsaw", "warszawa"), ("Варшава", "Варшава", "Варшава")),
    (("bialystok", "białystok"), ("Беласток", "Белосток", "Білосток")),
]

# Regions as the project stores them (English) -> (be, ru, uk)
_REGIONS: list[tuple[tuple[str, ...], tuple[str, str, str]]] = [
    (("minsk", "minsk city"), ("Мінск", "Минск", "Мінськ")),
    (("minsk region", "minsk oblast"), ("Мінская вобласць", "Минская область", "Мінська область")),
    (
        ("brest region", "brest oblast"),
        ("Брэсцкая вобласць", "Брестская область", "Брестська область"),
    ),
    (
        ("hrodna region", "grodno region", "hrodna oblast", "grodno oblast"),
        ("Гродзенская вобласць", "Гродненская область", "Гродненська область"),
    ),
    (
        ("vitebsk region", "vitsyebsk region", "vitebsk oblast"),
        ("Віцебская вобласць", "Витебская область", "Вітебська область"),
    ),
    (
        ("mogilev region", "mahilyow region", "mogilev oblast"),
        ("Магілёўская вобласць", "Могилёвская область", "Могильовська область"),
    ),
    (
        ("gomel region", "homyel region", "gomel oblast"),
        ("Гомельская вобласць", "Гомельская область", "Гомельська область"),
    ),
    (
        ("rivne oblast", "rivne region"),
        ("Ровенская вобласць", "Ровненская область", "Рівненська область"),
    ),
]

_INDEX = {"be": 0, "ru": 1, "uk": 2}


def _table(
    rows: list[tuple[tuple[str, ...], tuple[str, str, str]]],
) -> dict[str, tuple[str, str, str]]:
    return {key: names for keys, names in rows for key in keys}


CITIES = _table(_CITIES)
REGIONS = _table(_REGIONS)


def city_name(slug: str, name: str, language: str) -> str:
    """The city's name in `language` (be, ru, uk), or its stored name."""
    i = _INDEX.get(language)
    if i is None:
        return name
    names = CITIES.get(slug) or CITIES.get(name.strip().lower())
    return names[i] if names else name


def region_name(region: str, language: str) -> str:
    i = _INDEX.get(language)
    if i is None:
        return region
    names = REGIONS.get(region.strip().lower())
    return names[i] if names else region
