"""Given names of Belarus, Ukraine and Russia, in all their spellings.

Pure Python, no Django.

`NAMES` below lists about 170 given names, men's and women's, each as one group:
its Russian, Ukrainian and Belarusian Cyrillic forms and its common Latin
spellings (English, Polish, Łacinka, passport). The table was compiled by hand
from these references, not copied from any one of them:

- the correspondence tables of Belarusian, Russian and Ukrainian forms in the
  Wikipedia lists of East Slavic given names (en, be, be-tarask, ru, uk);
- М. В. Бірыла, «Слоўнік беларускіх асабовых імёнаў» (Birylа's dictionary of
  Belarusian personal names) for the Belarusian forms (Уладзімір/Уладзімер,
  Зміцер, Алесь, Міхась, Янка, Рыгор, Апанас, Язэп, Хведар…);
- Ірина Трійняк, «Словник українських імен» (2005) for the Ukrainian forms
  (Олесь, Опанас, Юхим, Пилип, Федір…);
- Н. А. Петровский, «Словарь русских личных имён» for the Russian forms;
- Latin spellings as found in Belarusian and Ukrainian passports and in the
  press (the `translit` systems add every systematic romanization on top).

A group's id is a plain ASCII name ("vladimir", "olga"). Forms that are names in
their own right but derive from another name are their own group, linked by
`RELATED` so that they score as related, not as the same name: Aleś/Oles
(Алесь, Олесь) to Aliaksandr, Mikhas to Mikhail, Yanka to Ivan and Yan, Lesia to
Alesia. Zmitser (Зміцер) is the Belarusian form of Dmitry and Nasta (Наста) the
everyday Belarusian form of Anastasia, so they are in those groups. Diminutives
(Sasha, Masha…) are not listed: they are too ambiguous to identify a person.
Words that are given names only in another language are left out where they
are common English words or months ("July" is not Yuliya; "German" is left out).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from .morphology import CASES, GIVEN, word_forms
from .scripts import script, unmix
from .translit import (
    SYSTEMS_BY_LANG,
    ascii_fold,
    loose_spellings,
    spelling_key,
    transliterate,
)

# group | gender | Russian | Ukrainian | Belarusian | Latin spellings
# A Cyrillic form "Nom/stem" gives the stem of the oblique cases (fleeting vowels);
# "Nom/=form;form" lists the oblique forms outright.
_TABLE = """
aleksandr|m|Александр|Олександр|Аляксандр|Alexander,Aleksander,Alexandr,Aleksandr,Oleksandr,Aliaksandr,Alaksandr,Alyaksandr,Alexandre
aleksei|m|Алексей|Олексій|Аляксей|Alexei,Alexey,Aleksei,Aleksey,Alexej,Oleksii,Oleksiy,Aliaksei,Alaksiej,Alyaksei
ales|m|Алесь,Олесь|Олесь|Алесь|Ales,Aleś,Oles,Alies
adam|m|Адам|Адам|Адам|Adam
albert|m|Альберт|Альберт|Альберт|Albert
anatoly|m|Анатолий|Анатолій|Анатоль,Анатолій|Anatoly,Anatoliy,Anatolii,Anatoli,Anatol,Anatolij,Anatoł
andrei|m|Андрей|Андрій|Андрэй|Andrei,Andrey,Andrej,Andrii,Andriy,Andrzej,Andrew
anton|m|Антон|Антон|Антон|Anton
apanas|m|Афанасий|Опанас,Панас|Апанас|Afanasy,Afanasiy,Afanasii,Opanas,Apanas,Panas
arkady|m|Аркадий|Аркадій|Аркадзь,Аркадзій|Arkady,Arkadiy,Arkadii,Arkadz,Arkadzi,Arkadź
arseny|m|Арсений|Арсеній|Арсеній|Arseny,Arseniy,Arsenii,Arseni
artem|m|Артём,Артем|Артем|Арцём|Artyom,Artem,Artiom,Artsiom,Arciom,Artsem,Artsyom
artur|m|Артур|Артур|Артур|Artur,Arthur
bogdan|m|Богдан|Богдан|Багдан,Богдан|Bogdan,Bohdan,Bahdan
boris|m|Борис|Борис|Барыс|Boris,Borys,Barys
bronislav|m|Бронислав|Броніслав|Браніслаў|Bronislav,Branislau,Bronislaw,Bronisław,Branisłaŭ
vadim|m|Вадим|Вадим|Вадзім|Vadim,Vadym,Vadzim
valentin|m|Валентин|Валентин|Валянцін,Валянцін|Valentin,Valentyn,Valiantsin,Valyantsin,Valiancin,Valancin
valery|m|Валерий|Валерій|Валерый,Валер|Valery,Valeriy,Valerii,Valeri,Valeryi,Valer
vasily|m|Василий|Василь|Васіль|Vasily,Vasiliy,Vasilii,Vassily,Vasili,Vasyl,Vasil,Wasyl
veniamin|m|Вениамин|Веніамін|Веніямін|Veniamin,Veniyamin,Vieniamin
viktor|m|Виктор|Віктор|Віктар|Viktor,Victor,Viktar,Wiktor
vitaly|m|Виталий|Віталій|Віталь,Віталій|Vitaly,Vitaliy,Vitalii,Vitali,Vital
vitold|m|Витольд|Вітольд|Вітольд|Vitold,Witold
vladimir|m|Владимир|Володимир|Уладзімір,Уладзімер|Vladimir,Volodymyr,Uladzimir,Uladzimer,Uladzimier,Uładzimir,Uładzimier,Wladimir,Vladimer
vladislav|m|Владислав|Владислав|Уладзіслаў|Vladislav,Vladyslav,Uladzislau,Uladzislaw,Uładzisłaŭ,Wladyslaw,Władysław,Vladislau
vsevolod|m|Всеволод|Всеволод|Усевалад|Vsevolod,Usevalad
vyacheslav|m|Вячеслав|В'ячеслав|Вячаслаў|Vyacheslav,Viacheslav,Viachaslau,Vyachaslau,Wiaczesław,Viačasłaŭ
gavriil|m|Гавриил,Гаврила|Гаврило,Гавриїл|Гаўрыла,Гаўрыіл|Gavriil,Gavrila,Havrylo,Haurila,Hauryla
gennady|m|Геннадий|Геннадій|Генадзь,Генадзій|Gennady,Gennadiy,Gennadii,Gennadi,Hennadii,Hennadiy,Henadz,Henadzi,Hienadź
georgy|m|Георгий|Георгій|Георгій|Georgy,Georgiy,Georgii,Georgi,Heorhii,Heorhiy,Heorhi,George
gleb|m|Глеб|Гліб|Глеб|Gleb,Hlib,Hleb
grigory|m|Григорий|Григорій|Рыгор,Грыгорый|Grigory,Grigoriy,Grigorii,Grigori,Hryhorii,Hryhoriy,Ryhor,Rygor,Hryhory
david|m|Давид|Давид|Давід|David,Davyd,Davit
daniil|m|Даниил,Данила|Данило|Даніла,Данііл|Daniil,Danila,Danylo,Danil,Danyla,Danijel
denis|m|Денис|Денис|Дзяніс|Denis,Denys,Dzianis,Dzyanis
dmitry|m|Дмитрий|Дмитро|Дзмітрый,Дзмітры,Зміцер,Зьміцер|Dmitry,Dmitri,Dmitriy,Dmitrii,Dimitri,Dmytro,Dzmitry,Dzmitryi,Dzmitri,Zmitser,Zmicier,Zmiter,Źmicier
evgeny|m|Евгений|Євген,Євгеній|Яўген,Яўгені|Evgeny,Evgeniy,Evgenii,Evgeni,Yevgeny,Yevgeniy,Yevgenii,Yevhen,Yevhenii,Ievgen,Ievgenii,Yauhen,Yauheni,Jaŭhien,Eugene,Evgueni
egor|m|Егор|Єгор|Ягор|Egor,Yegor,Yehor,Yahor,Jahor,Iegor
efim|m|Ефим|Юхим|Яфім|Efim,Yefim,Yukhym,Yafim,Jafim
zakhar|m|Захар|Захар|Захар|Zakhar,Zahar,Zachar
zinovy|m|Зиновий|Зіновій|Зіновій|Zinovy,Zinoviy,Zinovii
zianon|m|Зенон|Зенон|Зянон|Zenon,Zianon,Zyanon
ivan|m|Иван|Іван|Іван|Ivan,Iwan
ignat|m|Игнат|Ігнат|Ігнат|Ignat,Ihnat,Ignaty
igor|m|Игорь|Ігор|Ігар|Igor,Ihor,Ihar
iosif|m|Иосиф|Йосип,Йосиф|Іосіф,Язэп|Iosif,Yosyp,Josif,Yazep,Jazep,Iosip
ilya|m|Илья|Ілля|Ілья,Ілля|Ilya,Ilia,Illia,Ilja,Illya
kazimir|m|Казимир|Казимир|Казімір|Kazimir,Kazimier,Kazimierz
kirill|m|Кирилл|Кирило|Кірыл,Кірыла|Kirill,Kiril,Kyrylo,Kiryl,Kirył,Kiryla
konstantin|m|Константин|Костянтин|Канстанцін|Konstantin,Kostiantyn,Kostyantyn,Kanstantsin,Kanstancin,Constantin,Konstanty
kuzma|m|Кузьма|Кузьма|Кузьма|Kuzma,Kuźma
lev|m|Лев/Льв|Лев|Леў/Льв|Lev,Leu,Lew,Leŭ
leonid|m|Леонид|Леонід|Леанід|Leonid,Leanid
makar|m|Макар|Макар|Макар|Makar
maksim|m|Максим|Максим|Максім|Maksim,Maxim,Maksym,Maxym
marat|m|Марат|Марат|Марат|Marat
mark|m|Марк|Марк|Марк|Mark
martin|m|Мартин|Мартин|Марцін|Martin,Martsin,Marcin
matvei|m|Матвей|Матвій|Мацвей|Matvei,Matvey,Matvii,Matviy,Matsvei,Matvej,Macviej
mechislav|m|Мечислав|Мечислав|Мечыслаў|Mechislav,Miachyslau,Mechyslau,Mieczysław,Mieczyslaw
mikhail|m|Михаил|Михайло|Міхаіл,Міхал|Mikhail,Mykhailo,Mykhaylo,Mikhal,Michail,Mihail,Michał,Michal,Michaił
mikhas|m|Михась|Михась|Міхась|Mikhas,Michaś,Mihas,Mikhas'
miroslav|m|Мирослав|Мирослав|Міраслаў|Miroslav,Myroslav,Miraslau,Mirosław
nazar|m|Назар|Назар|Назар|Nazar
nestor|m|Нестор|Нестор|Нестар|Nestor,Nestar
nikita|m|Никита|Микита|Мікіта|Nikita,Mykyta,Mikita
nikolai|m|Николай|Микола|Мікалай,Мікола|Nikolai,Nikolay,Nikolaj,Mykola,Mikalai,Mikalaj,Mikola,Nicolai,Nicholas
oleg|m|Олег|Олег|Алег|Oleg,Oleh,Aleh,Alieh
ostap|m|Остап|Остап|Астап|Ostap,Astap
pavel|m|Павел/Павл|Павло|Павел/Паўл|Pavel,Pavlo,Paul,Paweł,Pawel,Pavał
petr|m|Пётр/Петр,Петр/Петр|Петро|Пётр/Пятр,Пятро|Pyotr,Petr,Piotr,Petro,Piatro,Pyatro,Peter,Pëtr
platon|m|Платон|Платон|Платон|Platon
rodion|m|Родион|Родіон|Радзівон,Радзіён|Rodion,Radzivon,Radzion
roman|m|Роман|Роман|Раман|Roman,Raman
rostislav|m|Ростислав|Ростислав|Расціслаў|Rostislav,Rostyslav,Rastsislau,Rascisłaŭ
ruslan|m|Руслан|Руслан|Руслан|Ruslan
rustam|m|Рустам|Рустам|Рустам|Rustam
savely|m|Савелий|Савелій|Савелій|Savely,Saveliy,Savelii
svyatoslav|m|Святослав|Святослав|Святаслаў|Sviatoslav,Svyatoslav,Sviataslau,Svyataslau
semyon|m|Семён,Семен|Семен|Сямён|Semyon,Semen,Semion,Siamion,Syamyon,Siemion
sergei|m|Сергей|Сергій|Сяргей|Sergei,Sergey,Serguei,Sergej,Serhii,Serhiy,Sergiy,Siarhei,Siarhiej,Syarhei,Siarhey,Sergiusz
stanislav|m|Станислав|Станіслав|Станіслаў|Stanislav,Stanislau,Stanislaw,Stanisław,Stanisłaŭ
stepan|m|Степан|Степан|Сцяпан|Stepan,Stsiapan,Sciapan,Stsyapan
taras|m|Тарас|Тарас|Тарас|Taras
tikhon|m|Тихон|Тихон|Ціхан|Tikhon,Tykhon,Tsikhan,Cichan
timofei|m|Тимофей|Тимофій|Цімафей|Timofei,Timofey,Tymofii,Tymofiy,Tsimafei,Cimafiej
timur|m|Тимур|Тимур|Цімур|Timur,Tymur,Tsimur
fedor|m|Фёдор,Федор|Федір/Федор|Фёдар,Хведар,Федар|Fyodor,Fedor,Fiodor,Fedir,Fiodar,Fyodar,Khvedar,Chviedar
feliks|m|Феликс|Фелікс|Фелікс|Feliks,Felix
filipp|m|Филипп|Пилип|Піліп|Filipp,Filip,Pylyp,Pilip,Philip
frants|m|Франц|Франц|Франц,Францішак|Frants,Franz,Frantsishak,Franciszak
eduard|m|Эдуард|Едуард|Эдуард|Eduard,Edward
yulian|m|Юлиан|Юліан|Юльян|Yulian,Julian,Iulian,Julijan
yakov|m|Яков|Яків/Яков|Якаў|Yakov,Yakiv,Yakau,Iakov,Jakau,Jakaŭ
yakub|m|Якуб|Якуб|Якуб|Yakub,Jakub
yan|m|Ян|Ян|Ян|Yan,Jan,Ian
yanka|m|Янка|Янко|Янка|Yanka,Janka,Yanko
yaroslav|m|Ярослав|Ярослав|Яраслаў|Yaroslav,Iaroslav,Yaraslau,Jarasłaŭ,Jaroslaw
yuri|m|Юрий|Юрій|Юрый,Юры|Yuri,Yury,Yuriy,Yurii,Iurii,Jury,Juryj,Youri,Yurij,Jurij
aleksandra|f|Александра|Олександра|Аляксандра|Alexandra,Aleksandra,Oleksandra,Aliaksandra,Alaksandra,Alyaksandra
alesia|f|Олеся,Алеся|Олеся|Алеся|Olesya,Olesia,Alesia,Alesya,Alesja,Olessia
alina|f|Алина|Аліна|Аліна|Alina
alla|f|Алла|Алла|Ала,Алла|Alla,Ala
anastasia|f|Анастасия|Анастасія|Анастасія,Настасся,Наста|Anastasia,Anastasiya,Anastasiia,Anastasija,Nastassia,Nastasia,Nasta,Nastassja,Anastazja
angela|f|Анжела|Анжела|Анжэла|Anzhela,Angela,Anžela
angelina|f|Ангелина|Ангеліна|Ангеліна|Angelina,Anhelina
anna|f|Анна|Ганна,Анна|Ганна,Анна|Anna,Hanna,Ganna
antonina|f|Антонина|Антоніна|Антаніна|Antonina,Antanina
arina|f|Арина|Арина|Арына|Arina,Aryna
valentina|f|Валентина|Валентина|Валянціна|Valentina,Valentyna,Valiantsina,Valyantsina,Valancina
valeria|f|Валерия|Валерія|Валерыя|Valeria,Valeriya,Valeriia,Valeryia,Valerya
vasilisa|f|Василиса|Василиса|Васіліса|Vasilisa,Vasylysa
vera|f|Вера|Віра|Вера|Vera,Vira,Viera,Wiera
veronika|f|Вероника|Вероніка|Вераніка|Veronika,Veronica,Veranika,Weronika
viktoria|f|Виктория|Вікторія|Вікторыя|Viktoria,Victoria,Viktoriya,Viktoriia,Viktoryia,Wiktoria
vladislava|f|Владислава|Владислава|Уладзіслава|Vladislava,Vladyslava,Uladzislava
galina|f|Галина|Галина|Галіна|Galina,Halyna,Halina
darya|f|Дарья,Дария|Дарія,Дар'я|Дар'я,Дарыя|Daria,Darya,Dariya,Dariia,Daryia,Darja
diana|f|Диана|Діана|Дзіяна,Дыяна|Diana,Dziyana,Dziana,Dzijana
evgenia|f|Евгения|Євгенія|Яўгенія|Evgenia,Evgeniya,Evgeniia,Yevgenia,Yevgeniya,Yevheniia,Yevheniya,Yauheniya,Yauhenia,Eugenia,Jaŭhienija
evelina|f|Эвелина|Евеліна|Эвеліна|Evelina
ekaterina|f|Екатерина|Катерина|Кацярына|Ekaterina,Yekaterina,Katerina,Kateryna,Katsiaryna,Katsyaryna,Kaciaryna,Katsiarina
elena|f|Елена,Алёна|Олена,Альона|Алена,Алёна|Elena,Yelena,Jelena,Olena,Alena,Aliona,Alyona,Alona,Helena
elizaveta|f|Елизавета|Єлизавета|Лізавета,Елізавета|Elizaveta,Yelizaveta,Yelyzaveta,Lizaveta
eva|f|Ева|Єва|Ева|Eva,Yeva,Jeva
zhanna|f|Жанна|Жанна|Жанна|Zhanna
zarina|f|Зарина|Зарина|Зарына|Zarina,Zaryna
zinaida|f|Зинаида|Зінаїда|Зінаіда|Zinaida
zoya|f|Зоя|Зоя|Зоя|Zoya,Zoia,Zoja
inna|f|Инна|Інна|Іна,Інна|Inna,Ina
irina|f|Ирина|Ірина|Ірына|Irina,Iryna
karina|f|Карина|Карина|Карына|Karina,Karyna
kira|f|Кира|Кіра|Кіра|Kira
kristina|f|Кристина|Христина,Крістіна|Крысціна|Kristina,Khrystyna,Krystsina,Kryscina,Christina,Krystyna
ksenia|f|Ксения|Ксенія|Ксенія|Ksenia,Kseniya,Kseniia,Ksenija,Xenia
larisa|f|Лариса|Лариса|Ларыса|Larisa,Larysa,Larissa
lesia|f|Леся|Леся|Леся|Lesia,Lesya,Lesja
lidia|f|Лидия|Лідія|Лідзія|Lidia,Lidiya,Lidiia,Lidziya,Lidzija
lilia|f|Лилия|Лілія|Лілія|Lilia,Liliya,Liliia
liudmila|f|Людмила|Людмила|Людміла|Lyudmila,Liudmila,Ludmila,Ljudmila,Liudmyla,Lyudmyla,Ludmilla
liubov|f|Любовь/=любови;любовью|Любов/=любові;любов'ю;любове|Любоў/=любові;любоўю|Lyubov,Liubov,Lubov,Liubou,Lyubou,Ljubou,Liuboŭ
maya|f|Майя|Майя|Мая|Maya,Maia,Maja,Mayya
margarita|f|Маргарита|Маргарита|Маргарыта|Margarita,Marharyta,Marharita
maria|f|Мария|Марія|Марыя|Maria,Mariya,Mariia,Maryia,Marya,Marija
mariana|f|Марьяна|Мар'яна|Мар'яна|Maryana,Mariana,Marianna,Mariyana
marina|f|Марина|Марина|Марына|Marina,Maryna
marfa|f|Марфа|Марфа|Марфа|Marfa,Martha
milana|f|Милана|Мілана|Мілана|Milana
nadezhda|f|Надежда|Надія|Надзея|Nadezhda,Nadiia,Nadiya,Nadzeya,Nadzeja,Nadzeia
natalia|f|Наталья,Наталия|Наталія,Наталя|Наталля,Наталія|Natalia,Natalya,Nataliya,Nataliia,Natallia,Natallya,Natalla,Natalja,Natalie
nina|f|Нина|Ніна|Ніна|Nina
oksana|f|Оксана|Оксана|Аксана|Oksana,Aksana,Oxana
olga|f|Ольга|Ольга|Вольга|Olga,Olha,Volha,Wolha
polina|f|Полина|Поліна|Паліна|Polina,Palina
raisa|f|Раиса|Раїса|Раіса|Raisa,Raissa
regina|f|Регина|Регіна|Рэгіна|Regina,Rehina
snezhana|f|Снежана|Сніжана|Снежана|Snezhana,Snizhana
sofia|f|София,Софья|Софія|Софія,Соф'я|Sofia,Sofiya,Sofiia,Sophia,Sofya,Sofja
svetlana|f|Светлана|Світлана|Святлана|Svetlana,Svitlana,Sviatlana,Svyatlana,Śviatłana,Sviatłana
stanislava|f|Станислава|Станіслава|Станіслава|Stanislava,Stanislawa
taisia|f|Таисия|Таїсія|Таісія|Taisia,Taisiya,Taisiia
tamara|f|Тамара|Тамара|Тамара|Tamara
tatiana|f|Татьяна,Татиана|Тетяна,Тетьяна|Таццяна,Тацяна|Tatiana,Tatyana,Tatjana,Tetiana,Tetyana,Tatsiana,Tatsyana,Taciana,Tattsiana
ulyana|f|Ульяна|Уляна|Уляна|Ulyana,Uliana,Ulijana
emma|f|Эмма|Емма|Эма|Emma,Ema
yulia|f|Юлия|Юлія|Юлія|Yulia,Yuliya,Yuliia,Iuliia,Julia,Julija,Yulija,Youlia
yana|f|Яна|Яна|Яна|Yana,Iana,Jana
yaroslava|f|Ярослава|Ярослава|Яраслава|Yaroslava,Yaraslava,Iaroslava
"""

#: Groups that are different names but one may stand for the other.
RELATED: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in (
        ("ales", "aleksandr"),
        ("mikhas", "mikhail"),
        ("yanka", "ivan"),
        ("yanka", "yan"),
        ("yan", "ivan"),
        ("lesia", "alesia"),
        ("lesia", "larisa"),
        ("yakub", "yakov"),
        ("georgy", "yuri"),
    )
)

#: Ordinary words spelled like a listed form, never read as given names.
NOT_NAMES = frozenset(
    spelling_key(w) for w in ("july", "june", "may", "august", "jul", "jun", "minsk", "vilnius")
)


@dataclass(frozen=True)
class GivenName:
    group: str
    gender: str
    cyrillic: dict[str, tuple[str, ...]]  # lang → nominative forms
    latin: tuple[str, ...]
    stems: dict[tuple[str, str], str]  # (form, lang) → oblique stem
    explicit: dict[tuple[str, str], tuple[str, ...]]  # (form, lang) → oblique forms


def _parse_table(text: str) -> dict[str, GivenName]:
    out: dict[str, GivenName] = {}
    for line in text.strip().splitlines():
        group, gender, ru, uk, be, latin = line.split("|")
        cyr: dict[str, tuple[str, ...]] = {}
        stems: dict[tuple[str, str], str] = {}
        explicit: dict[tuple[str, str], tuple[str, ...]] = {}
        for lang, spec in (("ru", ru), ("uk", uk), ("be", be)):
            forms = []
            for item in spec.split(","):
                form, _, extra = item.partition("/")
                forms.append(form)
                if extra.startswith("="):
                    explicit[(form.lower(), lang)] = tuple(extra[1:].split(";"))
                elif extra:
                    stems[(form.lower(), lang)] = extra
            cyr[lang] = tuple(forms)
        if group in out:
            raise ValueError(f"duplicate given-name group {group}")
        out[group] = GivenName(group, gender, cyr, tuple(latin.split(",")), stems, explicit)
    return out


NAMES: dict[str, GivenName] = _parse_table(_TABLE)


@dataclass(frozen=True)
class GivenReading:
    """An inflected Cyrillic word read as a case of a listed given name."""

    group: str
    nominative: str
    lang: str
    gender: str
    cases: frozenset[str]


class _Index:
    """Lookup tables, built once on first use (about a second)."""

    def __init__(self) -> None:
        # spelling key → (priority, groups); 0 listed forms, 1 systematic, 2 loose
        self.spelling: dict[str, tuple[int, tuple[str, ...]]] = {}
        self.forms: dict[str, set[str]] = {}
        self.initials: dict[str, frozenset[str]] = {}
        self.inflected: dict[str, list[GivenReading]] = {}
        for entry in NAMES.values():
            self._add_entry(entry)

    def _add(self, spelling: str, group: str, priority: int) -> None:
        key = spelling_key(spelling)
        if not key or key in NOT_NAMES:
            return
        old = self.spelling.get(key)
        if old is None or priority < old[0]:
            self.spelling[key] = (priority, (group,))
        elif priority == old[0] and group not in old[1]:
            self.spelling[key] = (priority, (*old[1], group))

    def _add_entry(self, entry: GivenName) -> None:
        group = entry.group
        forms: set[str] = set(entry.latin)
        for lang, cyr_forms in entry.cyrillic.items():
            for form in cyr_forms:
                forms.add(form)
                self._add(form, group, 0)
                for system in SYSTEMS_BY_LANG[lang]:
                    roman = transliterate(form, system)
                    forms.add(roman)
                    self._add(roman, group, 1)
                    self._add(ascii_fold(roman), group, 1)
                for loose in loose_spellings(form, 256):
                    self._add(loose, group, 2)
                self._add_inflections(entry, form, lang)
        for form in entry.latin:
            self._add(form, group, 0)
        self.forms[group] = forms
        initials = {f[0].lower() for f in forms if f}
        initials |= {ascii_fold(i) for i in initials}
        self.initials[group] = frozenset(initials)

    def _add_inflections(self, entry: GivenName, form: str, lang: str) -> None:
        low = form.lower()
        explicit = entry.explicit.get((low, lang))
        if explicit:
            table: dict[str, set[str]] = {"nom": {low}}
            for f in explicit:
                table.setdefault("obl", set()).add(f)
        else:
            stem = entry.stems.get((low, lang))
            table = word_forms(low, lang, entry.gender, GIVEN, stem)
        for case, words in table.items():
            cases = frozenset(CASES[1:]) if case == "obl" else frozenset({case})
            for w in words:
                key = w.replace("ё", "е").replace("’", "'")
                readings = self.inflected.setdefault(key, [])
                for i, r in enumerate(readings):
                    if r.group == entry.group and r.nominative == form and r.lang == lang:
                        readings[i] = GivenReading(
                            r.group, r.nominative, lang, r.gender, r.cases | cases
                        )
                        break
                else:
                    readings.append(GivenReading(entry.group, form, lang, entry.gender, cases))


_INDEX: _Index | None = None
_INDEX_LOCK = threading.Lock()


def _index() -> _Index:
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:
            if _INDEX is None:
                _INDEX = _Index()
    return _INDEX


@lru_cache(maxsize=131072)
def given_groups(word: str) -> tuple[str, ...]:
    """Every group a nominative spelling may belong to (usually one, or none)."""
    word = unmix(word.strip().strip('.,;:!?()"«»'))
    if len(word) < 2:
        return ()
    key = spelling_key(word)
    if key in NOT_NAMES:
        return ()
    found = _index().spelling.get(key)
    return found[1] if found else ()


def given_group(word: str) -> str | None:
    """The group id of a given name written in any listed spelling or script, else None.

    "Uladzimir", "Владимир", "Уладзімер", "Volodymyr" → "vladimir"; "Nina" →
    "nina"; "july", "Minsk" → None. Only nominative forms: for inflected Cyrillic
    words see `given_readings`.
    """
    groups = given_groups(word)
    return groups[0] if groups else None


def is_given_name(word: str) -> bool:
    """Whether `word` is a listed spelling of a given name (nominative)."""
    return bool(given_groups(word))


def given_forms(group: str) -> set[str]:
    """The listed and systematically romanized spellings of a group (empty if unknown)."""
    return set(_index().forms.get(group, ()))


def given_gender(group: str) -> str | None:
    entry = NAMES.get(group)
    return entry.gender if entry else None


def group_initials(group: str) -> frozenset[str]:
    """First letters (lowercase) that an initial of this name may be: "vladimir" → в у v u w."""
    return _index().initials.get(group, frozenset())


def related(a: str, b: str) -> bool:
    """Whether two different groups are linked in `RELATED` (Aleś and Aliaksandr)."""
    return frozenset((a, b)) in RELATED


@lru_cache(maxsize=131072)
def given_readings(word: str) -> tuple[GivenReading, ...]:
    """Readings of a Cyrillic word in any case as a listed given name.

    "Владимиру" → vladimir (dat/loc); "Уладзімера" → vladimir (gen/acc);
    "Яна" → yana (nom) and yan (gen/acc). Latin words: their nominative group.
    """
    w = unmix(word.strip().strip('.,;:!?()"«»'))
    if script(w) != "cyrillic":
        return tuple(
            GivenReading(g, w, "", NAMES[g].gender, frozenset({"nom"})) for g in given_groups(w)
        )
    key = w.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    return tuple(_index().inflected.get(key, ()))


def oblique_stem(word: str, lang: str) -> str | None:
    """The stem of the oblique cases of a given name with a fleeting vowel, else None."""
    low = word.lower()
    for entry in NAMES.values():
        stem = entry.stems.get((low, lang))
        if stem:
            return stem
    return None


def warm() -> None:
    """Build the lookup tables now (they are otherwise built on first use)."""
    _index()
