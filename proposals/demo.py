"""Demo proposals for `manage.py load_demo`: the index "Propozycje mieszkańców" (in four languages) with
about 40 proposals from the brainstorm and the recommendations of the Warsaw workshop report
(shared/seeds/004), across the seven areas, written as Lublin residents would write them, mostly in
Polish and a few in Ukrainian, Russian or English. They come with supports, comments and replies, crowd and
official matrix placements in all four quadrants, and answers from the city: under evaluation, accepted,
rejected, already existing, in progress (with dated progress notes) and implemented; one is withdrawn,
one hidden by a moderator, one reported and waiting for a moderator.

Status histories follow the rules of proposals/models.py (city transitions, the support threshold before
evaluation), and `check_ideas()` says so before anything is written.

Idempotent: a proposal is keyed on its index and title, the accounts on their e-mail addresses and the
pages on their slugs, so running the demo again adds nothing. Randomness is seeded."""

import datetime
import random
from dataclasses import dataclass
from html import escape

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page

from citysite.participation.models import AbuseReport, Comment, Dimension
from home.models import WorkingGroupIndexPage, WorkingGroupPage

from .models import (
    EVALUATION_STATUSES,
    ModerationMode,
    Placement,
    ProgressUpdate,
    Proposal,
    ProposalArea,
    ProposalFollow,
    ProposalIndexPage,
    Status,
    StatusChange,
    Support,
    WorkingGroupMember,
    city_may_change,
)

DOMAIN = "demo.otwartemiasto.pl"
SEED = 20240917
INDEX_SLUG = "propozycje"
SUPPORT_THRESHOLD = 10
TRANSLATIONS = ["en", "uk", "ru"]

A = ProposalArea
S = Status

# --- People ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    """A demo account for load_demo's list of logins."""

    role: str
    email: str


# Residents who write and support proposals (invented people). The working-group member speaks for the
# Education working group: she sets the official placement of its proposals.
RESIDENTS = {
    "tomasz": ("Tomasz Wiśniewski", "pl"),
    "agnieszka": ("Agnieszka Kowalczyk", "pl"),
    "jan": ("Jan Mazur", "pl"),
    "bartek": ("Bartłomiej Nowicki", "pl"),
    "iryna": ("Iryna Bondarenko", "uk"),
    "yuliia": ("Yuliia Savchenko", "uk"),
    "nadiia": ("Nadiia Kravets", "uk"),
    "dmitrij": ("Dmitrij Sokolov", "ru"),
    "mariam": ("Mariam Abashidze", "ru"),
    "aziz": ("Aziz Karimov", "ru"),
    "amani": ("Amani Njoroge", "en"),
    "lucia": ("Lucía Fernández", "en"),
}
WORKING_GROUP_MEMBER = ("edukacja", "Ewa Kamińska", "pl", "edukacja")  # (key, name, language, group slug)
# Accounts load_demo creates: the demo resident and the council member take part like everyone else.
EXISTING = {"resident": "resident", "council": "council", "editor": "editor", "moderator": "moderator"}


def email_of(key: str) -> str:
    return f"{EXISTING.get(key, key)}@{DOMAIN}"


# --- Answering bodies -----------------------------------------------------------------------------------

SOCIAL = "Wydział Spraw Społecznych UM Lublin"
EDUCATION_TEAM = "Zespół ds. Edukacji KDO"
EDUCATION_DEPT = "Wydział Oświaty i Wychowania UM Lublin"
PARTICIPATION = "Biuro Partycypacji UM Lublin"
CULTURE_DEPT = "Wydział Kultury UM Lublin"
CITIZENS_OFFICE = "Biuro Obsługi Mieszkańców UM Lublin"
MOPR = "Miejski Ośrodek Pomocy Rodzinie w Lublinie"
KDO = "Komisja Dialogu Obywatelskiego"
LEISURE_TEAM = "Zespół ds. Czasu Wolnego KDO"
BASIC_NEEDS_TEAM = "Zespół ds. Potrzeb Podstawowych KDO"
SAFETY = "Wydział Bezpieczeństwa Mieszkańców i Zarządzania Kryzysowego UM Lublin"

# --- The index page -------------------------------------------------------------------------------------

INDEX_TEXT = {
    "pl": (
        "Propozycje mieszkańców",
        "Masz pomysł, jak ułatwić życie w Lublinie osobom, które przyjechały z innych krajów, i ich "
        "sąsiadom? Napisz propozycję, poprzyj pomysły innych i dyskutuj. Propozycje, które zbiorą 10 "
        "poparć, ocenia miasto i grupy robocze Komisji Dialogu Obywatelskiego; każda odpowiedź jest "
        "publiczna. Możesz pisać po polsku, ukraińsku, rosyjsku lub angielsku — nie pytamy o obywatelstwo.",
    ),
    "en": (
        "Residents' proposals",
        "Do you have an idea that would make life in Lublin easier for people who came from other countries "
        "and for their neighbours? Write a proposal, support other people's ideas and discuss them. "
        "Proposals with 10 supports are assessed by the city and the working groups of the Civic Dialogue "
        "Commission; every answer is public. You can write in Polish, Ukrainian, Russian or English — we "
        "never ask about citizenship.",
    ),
    "uk": (
        "Пропозиції мешканців",
        "Маєте ідею, як полегшити життя в Любліні людям, які приїхали з інших країн, і їхнім сусідам? "
        "Напишіть пропозицію, підтримайте ідеї інших і обговорюйте їх. Пропозиції, які зберуть 10 підтримок, "
        "оцінює місто та робочі групи Комісії громадського діалогу; кожна відповідь публічна. Писати можна "
        "польською, українською, російською або англійською — ми не питаємо про громадянство.",
    ),
    "ru": (
        "Предложения жителей",
        "Есть идея, как облегчить жизнь в Люблине людям, приехавшим из других стран, и их соседям? Напишите "
        "предложение, поддержите идеи других и обсуждайте их. Предложения, набравшие 10 поддержек, оценивают "
        "город и рабочие группы Комиссии гражданского диалога; каждый ответ публичен. Писать можно "
        "по-польски, по-украински, по-русски или по-английски — мы не спрашиваем о гражданстве.",
    ),
}

# --- The proposals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A change of status, `day` days after the proposal was written."""

    status: str
    day: int
    answer: str = ""
    body: str = ""


@dataclass(frozen=True)
class Progress:
    percent: int
    day: int
    text: str


@dataclass(frozen=True)
class Remark:
    """A comment `day` days after the proposal was written; an official reply when `body` is set."""

    author: str
    text: str
    day: int
    language: str = "pl"
    body: str = ""
    replies: tuple = ()


@dataclass(frozen=True)
class Idea:
    title: str
    text: str
    area: str
    dimensions: tuple
    author: str
    days_ago: int
    language: str = "pl"
    district: str = ""
    group: str = ""  # working-group slug
    supports: int = 0
    official: tuple | None = None  # (impact, ease, placed by)
    crowd: int = 0  # residents who placed it on the matrix themselves
    steps: tuple = ()
    progress: tuple = ()
    comments: tuple = ()
    report: str = ""  # an open report of abuse
    hidden_reason: str = ""


SW, EC, LE, CU, SO = "social_welfare", "economic", "legal", "cultural", "societal"

IDEAS = [
    # --- Public institutions ------------------------------------------------------------------------
    Idea(
        title="Baza tłumaczy społecznych dla urzędów i przychodni",
        text="Kiedy idę z sąsiadką z Ukrainy do urzędu albo do przychodni, zawsze ktoś musi tłumaczyć — "
        "zwykle jej nastoletni syn, który powinien być wtedy w szkole.\n\nProponuję wspólną bazę tłumaczy "
        "społecznych: osób, które znają polski i inny język (także migrantów, seniorów i studentów) i mogą "
        "umówić się na wizytę w urzędzie, MOPR albo przychodni. Urzędnik też mógłby z niej skorzystać, gdy "
        "ktoś przychodzi bez tłumacza. Do tego grupa online, w której można szybko poprosić o pomoc.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(SW, LE, SO),
        author="agnieszka",
        days_ago=150,
        district="Czechów Południowy",
        group="potrzeby-podstawowe",
        supports=14,
        official=(5, 4, BASIC_NEEDS_TEAM),
        crowd=9,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                20,
                "Propozycja zebrała wymagane poparcia. Analizujemy ją razem z MOPR "
                "i organizacjami, które już dziś pomagają w tłumaczeniach.",
                SOCIAL,
            ),
            Step(
                S.ACCEPTED,
                45,
                "Przyjmujemy propozycję. Baza tłumaczy społecznych powstanie przy Biurze "
                "Partycypacji; zaczniemy od języka ukraińskiego, rosyjskiego i angielskiego. Tłumacze "
                "przejdą krótkie szkolenie z poufności.",
                SOCIAL,
            ),
            Step(S.IN_PROGRESS, 60, "Rozpoczęliśmy nabór tłumaczy społecznych.", PARTICIPATION),
        ),
        progress=(
            Progress(15, 62, "Ogłosiliśmy nabór; zgłosiło się 23 osoby, w tym 9 z doświadczeniem migracji."),
            Progress(40, 95, "Pierwsze szkolenie z poufności i etyki tłumacza odbyło się w Centrum Kultury."),
            Progress(
                55,
                130,
                "Z bazy korzystają już MOPR i Biuro Obsługi Mieszkańców; trwają rozmowy z przychodniami.",
            ),
        ),
        comments=(
            Remark(
                "iryna",
                "Я можу допомагати з українською та російською по вівторках і четвергах.",
                3,
                language="uk",
                replies=(Remark("agnieszka", "Dziękuję! Właśnie o takie osoby chodzi.", 4),),
            ),
            Remark(
                "jan",
                "Ważne, żeby tłumacze nie tłumaczyli spraw medycznych bez przygotowania. Szkolenie "
                "to podstawa.",
                10,
                replies=(
                    Remark(
                        "editor",
                        "Zgadzamy się: każdy tłumacz społeczny przejdzie szkolenie z "
                        "poufności, a w sprawach medycznych przychodnie zapewnią tłumacza "
                        "profesjonalnego.",
                        46,
                        body=PARTICIPATION,
                    ),
                ),
            ),
        ),
    ),
    Idea(
        title="Asystenci międzykulturowi w Biurze Obsługi Mieszkańców",
        text="W Biurze Obsługi Mieszkańców powinna stale pracować osoba, która zna języki i rozumie, z czym "
        "przychodzą cudzoziemcy: meldunek, karta pobytu, zapisy do szkoły. Taki asystent międzykulturowy "
        "pomaga wypełnić wniosek i tłumaczy, czego urząd wymaga — a urzędnikom podpowiada, co jest "
        "niejasne dla osób spoza Polski.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(LE, SO),
        author="mariam",
        days_ago=140,
        district="Śródmieście",
        group="potrzeby-podstawowe",
        supports=12,
        official=(5, 2, BASIC_NEEDS_TEAM),
        crowd=7,
        steps=(
            Step(
                S.ACCEPTED,
                38,
                "Przyjmujemy propozycję. Stanowisko asystenta międzykulturowego w BOM "
                "wpisujemy do projektu miejskiej polityki integracji; etat wymaga zmian w budżecie na "
                "przyszły rok.",
                CITIZENS_OFFICE,
            ),
        ),
        comments=(
            Remark(
                "dmitrij",
                "Это очень нужно. В прошлом году я три раза приходил с одним и тем же заявлением.",
                5,
                language="ru",
            ),
        ),
    ),
    Idea(
        title="Wzory wniosków urzędowych w kilku językach",
        text="Wnioski trzeba składać po polsku i tak zostanie, ale do najczęstszych wniosków (meldunek, "
        "zapisy do przedszkola, karta parkingowa, dodatek mieszkaniowy) mogłyby być wypełnione wzory z "
        "tłumaczeniem każdego pola na ukraiński, rosyjski i angielski. Wtedy człowiek wie, co wpisać, a "
        "urzędnik dostaje poprawnie wypełniony dokument.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(LE,),
        author="tomasz",
        days_ago=175,
        group="potrzeby-podstawowe",
        supports=13,
        official=(4, 5, CITIZENS_OFFICE),
        crowd=8,
        steps=(
            Step(
                S.ACCEPTED,
                21,
                "Przyjmujemy. Przygotujemy wzory dziesięciu najczęściej składanych wniosków.",
                CITIZENS_OFFICE,
            ),
            Step(S.IN_PROGRESS, 30, "Tłumaczymy wzory wniosków.", CITIZENS_OFFICE),
            Step(
                S.IMPLEMENTED,
                120,
                "Wzory dziesięciu wniosków w trzech językach są dostępne w BOM i na "
                "stronie miasta. Dziękujemy za propozycję!",
                CITIZENS_OFFICE,
            ),
        ),
        progress=(
            Progress(30, 35, "Wybraliśmy dziesięć wniosków na podstawie statystyk BOM."),
            Progress(70, 80, "Tłumaczenia są gotowe; sprawdzają je osoby z bazy tłumaczy społecznych."),
            Progress(100, 120, "Wzory są wyłożone w BOM i opublikowane na stronie miasta."),
        ),
        comments=(
            Remark(
                "amani",
                "Please add the form for registering a car too — it was the hardest one for me.",
                130,
                language="en",
            ),
        ),
    ),
    Idea(
        title="Baza wiedzy dla urzędników: najczęstsze błędy i pytania",
        text="Urzędnicy codziennie widzą te same błędy we wnioskach cudzoziemców i odpowiadają na te same "
        "pytania. Proponuję wspólną bazę wiedzy urzędu: zapisujemy powtarzające się problemy i dobre "
        "odpowiedzi, a raz na kwartał sprawdzamy, czy to nie procedura jest niejasna. Dzięki temu wiedza "
        "nie odchodzi z urzędu razem z doświadczonym pracownikiem.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(LE, SO),
        author="bartek",
        days_ago=70,
        supports=11,
        official=(4, 3, KDO),
        crowd=5,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                25,
                "Sprawdzamy, czy bazę wiedzy da się prowadzić w obecnym systemie obsługi klienta urzędu.",
                CITIZENS_OFFICE,
            ),
        ),
    ),
    Idea(
        title="Urzędnicy wychodzą do dzielnic",
        text="Raz w miesiącu urzędnicy mogliby dyżurować poza budynkiem urzędu — w bibliotece, domu kultury, "
        "w CAL-u — i przy okazji poznać, co dzielnica ma do zaoferowania. Wiele osób nie przyjdzie do urzędu "
        "z pytaniem, a do biblioteki przychodzi co tydzień.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(SO,),
        author="jan",
        days_ago=35,
        district="Kalinowszczyzna",
        supports=6,
        crowd=4,
        comments=(
            Remark("nadiia", "У бібліотеці на Калінівщині є зала, де це можна робити.", 6, language="uk"),
        ),
    ),
    Idea(
        title="Szkolenia antydyskryminacyjne dla pracowników urzędów, szkół i przychodni",
        text="Pracownicy instytucji miejskich powinni regularnie przechodzić szkolenia międzykulturowe i "
        "antydyskryminacyjne. Nie chodzi o jednorazowy wykład, tylko o warsztaty z prawdziwymi sytuacjami "
        "z okienka, gabinetu i klasy.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(SO, CU),
        author="lucia",
        days_ago=160,
        supports=8,
        official=(3, 4, KDO),
        crowd=3,
        steps=(
            Step(
                S.ALREADY_EXISTS,
                14,
                "Takie szkolenia już prowadzimy: w projekcie „Komunikacja dla "
                "Integracji” przeszkoliliśmy pracowników BOM, MOPR i szkół, a agenci antyplotkowi "
                "prowadzą warsztaty w instytucjach miejskich. Zapraszamy do zgłaszania kolejnych miejsc.",
                PARTICIPATION,
            ),
        ),
    ),
    Idea(
        title="Online interpreting on a tablet at the city hall counters",
        text="When there is no interpreter available, a tablet with a video call to an interpreter (or at "
        "least a good translation app) at each counter would help a lot. Several Polish cities already do "
        "this for sign language.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(LE, SW),
        author="amani",
        days_ago=28,
        language="en",
        supports=5,
        official=(2, 4, CITIZENS_OFFICE),
        crowd=4,
        steps=(
            Step(
                S.REJECTED,
                14,
                "Nie wprowadzimy tłumaczenia przez tablet w okienkach: aplikacje mylą się w "
                "sprawach prawnych, a wideotłumacza nie da się zapewnić we wszystkich językach. Zamiast tego "
                "rozwijamy bazę tłumaczy społecznych, z której BOM korzysta już dziś.",
                CITIZENS_OFFICE,
            ),
        ),
    ),
    Idea(
        title="Prosty język w pismach urzędu",
        text="Pisma z urzędu są trudne nawet dla Polaków. Proponuję, żeby najczęściej wysyłane pisma "
        "przepisać prostym językiem: krótkie zdania, najpierw co trzeba zrobić i do kiedy, potem podstawa "
        "prawna. Skorzystają wszyscy, nie tylko cudzoziemcy.",
        area=A.PUBLIC_INSTITUTIONS,
        dimensions=(LE, SO),
        author="agnieszka",
        days_ago=110,
        supports=12,
        official=(4, 2, KDO),
        crowd=6,
        steps=(
            Step(S.UNDER_EVALUATION, 12, "Analizujemy, które pisma wysyłamy najczęściej.", PARTICIPATION),
            Step(
                S.ACCEPTED,
                50,
                "Przyjmujemy. Zaczniemy od pism MOPR i Wydziału Oświaty i Wychowania; "
                "przepisanie wszystkich pism zajmie kilka lat.",
                PARTICIPATION,
            ),
        ),
        comments=(Remark("jan", "Moja mama (80 lat) też nie rozumie pism z urzędu. Popieram!", 3),),
    ),
    # --- Organising daily life ----------------------------------------------------------------------
    Idea(
        title="Baza mieszkań przyjaznych migrantom",
        text="Po 24 lutego 2022 r. w kilka dni powstała baza mieszkań dla osób z Ukrainy. Dziś wynajęcie "
        "mieszkania przez cudzoziemca to często seria odmów. Miasto mogłoby prowadzić bazę właścicieli, "
        "którzy chętnie wynajmą mieszkanie migrantom, z wzorem uczciwej umowy w kilku językach.",
        area=A.DAILY_LIFE,
        dimensions=(SW, EC),
        author="iryna",
        days_ago=90,
        group="potrzeby-podstawowe",
        supports=13,
        official=(4, 3, BASIC_NEEDS_TEAM),
        crowd=8,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                30,
                "Rozmawiamy z organizacjami, które prowadziły bazę mieszkań w 2022 "
                "r., o tym, jak ją odtworzyć i kto ma ją prowadzić.",
                SOCIAL,
            ),
        ),
        comments=(
            Remark(
                "yuliia", "Дуже потрібно. Мені відмовили шість разів, щойно чули акцент.", 2, language="uk"
            ),
            Remark("tomasz", "Jako właściciel mieszkania chętnie się zapiszę, jeśli będzie wzór umowy.", 9),
        ),
    ),
    Idea(
        title="Pustostany miejskie do wynajęcia w zamian za remont",
        text="Miasto ma puste lokale, które czekają latami na remont. Można je wynajmować rodzinom, które "
        "same wyremontują mieszkanie w zamian za niższy czynsz przez kilka lat. Potrzebne są jasne zasady i "
        "wzory umów, żeby nikt nie został oszukany.",
        area=A.DAILY_LIFE,
        dimensions=(SW, EC),
        author="dmitrij",
        days_ago=40,
        group="potrzeby-podstawowe",
        supports=12,
        official=(5, 2, BASIC_NEEDS_TEAM),
        crowd=6,
        comments=(Remark("bartek", "W Warszawie dzielnice już tak robią. Warto sprawdzić ich umowy.", 4),),
    ),
    Idea(
        title="Bezpłatne porady prawne dla migrantów w dzielnicach",
        text="Punkty nieodpłatnej pomocy prawnej są, ale prawnicy rzadko znają prawo pobytowe. Proponuję "
        "dyżury prawników od spraw cudzoziemców w kilku dzielnicach, raz w tygodniu, z możliwością "
        "przyjścia z tłumaczem.",
        area=A.DAILY_LIFE,
        dimensions=(LE,),
        author="resident",
        days_ago=130,
        language="pl",
        district="Czuby Północne",
        group="potrzeby-podstawowe",
        supports=14,
        official=(5, 3, BASIC_NEEDS_TEAM),
        crowd=9,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                10,
                "Sprawdzamy z organizacjami prowadzącymi porady prawne, ile dyżurów da się zorganizować.",
                SOCIAL,
            ),
            Step(
                S.ACCEPTED,
                40,
                "Przyjmujemy. Dyżury prawników od spraw cudzoziemców ruszą w trzech "
                "dzielnicach we współpracy z organizacjami członkowskimi KDO.",
                SOCIAL,
            ),
            Step(S.IN_PROGRESS, 55, "Trwa przygotowanie dyżurów.", SOCIAL),
        ),
        progress=(
            Progress(30, 60, "Wybraliśmy trzy miejsca dyżurów: Czuby, Czechów i Śródmieście."),
            Progress(60, 100, "Dyżury działają na Czubach i w Śródmieściu; Czechów od przyszłego miesiąca."),
        ),
        comments=(
            Remark(
                "mariam",
                "Подскажите, можно ли прийти без записи?",
                105,
                language="ru",
                replies=(
                    Remark(
                        "editor",
                        "Na dyżury na Czubach i w Śródmieściu można przyjść bez zapisów; w "
                        "kolejności przyjścia.",
                        107,
                        body=SOCIAL,
                    ),
                ),
            ),
        ),
    ),
    Idea(
        title="Wolontariusze pomagający pisać CV i szukać pracy",
        text="Grupa wolontariuszy (także z firm i uczelni), którzy raz w tygodniu w bibliotece pomagają "
        "napisać CV po polsku, przygotować się do rozmowy i zrozumieć umowę. Wielu migrantów ma świetne "
        "kwalifikacje, ale nie wie, jak je pokazać polskiemu pracodawcy.",
        area=A.DAILY_LIFE,
        dimensions=(EC,),
        author="lucia",
        days_ago=170,
        supports=11,
        official=(3, 5, LEISURE_TEAM),
        crowd=6,
        steps=(
            Step(
                S.ACCEPTED,
                15,
                "Przyjmujemy. Wolontariat zorganizujemy razem z Centrum Wolontariatu i "
                "Miejską Biblioteką Publiczną.",
                SOCIAL,
            ),
            Step(S.IN_PROGRESS, 25, "Szukamy wolontariuszy.", SOCIAL),
            Step(
                S.IMPLEMENTED,
                100,
                "Dyżury „CV po polsku” odbywają się co czwartek w Filii nr 1 Miejskiej "
                "Biblioteki Publicznej. Przez pierwsze dwa miesiące skorzystało z nich 64 osoby.",
                SOCIAL,
            ),
        ),
        progress=(
            Progress(40, 30, "Zgłosiło się 12 wolontariuszy, w tym 4 rekruterów."),
            Progress(100, 100, "Dyżury działają co tydzień."),
        ),
        comments=(
            Remark("council", "Went there last Thursday — very helpful, thank you!", 110, language="en"),
        ),
    ),
    Idea(
        title="Spotkania o prawach pracowniczych z opieką nad dziećmi",
        text="Spotkania o tym, jak działa umowa o pracę, zlecenie, ZUS i urlop — w kilku językach i z opieką "
        "nad dziećmi na miejscu. Inaczej matki nigdy na nie nie przyjdą.",
        area=A.DAILY_LIFE,
        dimensions=(EC, LE),
        author="nadiia",
        days_ago=100,
        supports=10,
        official=(4, 4, BASIC_NEEDS_TEAM),
        crowd=5,
        steps=(
            Step(
                S.ACCEPTED,
                35,
                "Przyjmujemy. Spotkania zorganizujemy z Powiatowym Urzędem Pracy; opiekę "
                "nad dziećmi zapewnią animatorzy z domów kultury.",
                SOCIAL,
            ),
        ),
    ),
    Idea(
        title="Міжкультурні асистенти в кожній школі",
        text="У школах Любліна навчаються сотні дітей з України, Білорусі та інших країн. Міжкультурний "
        "асистент, який знає мову дитини й польську школу, допомагає дитині, батькам і вчителям. Зараз такі "
        "асистенти є лише в кількох школах. Пропоную, щоб вони були в кожній школі, де навчається більше "
        "десяти дітей-іноземців.",
        area=A.DAILY_LIFE,
        dimensions=(SO, CU, SW),
        author="yuliia",
        days_ago=120,
        language="uk",
        group="edukacja",
        supports=14,
        official=(5, 2, EDUCATION_TEAM),
        crowd=10,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                15,
                "Analizujemy liczbę uczniów cudzoziemskich w szkołach.",
                EDUCATION_DEPT,
            ),
            Step(
                S.ACCEPTED,
                45,
                "Przyjmujemy. Asystenci międzykulturowi będą zatrudniani stopniowo, "
                "zaczynając od szkół z największą liczbą uczniów z innych krajów.",
                EDUCATION_TEAM,
            ),
            Step(S.IN_PROGRESS, 70, "Zatrudniamy pierwszych asystentów.", EDUCATION_DEPT),
        ),
        progress=(
            Progress(25, 75, "Asystenci pracują już w 6 szkołach podstawowych."),
            Progress(45, 110, "Kolejne 5 szkół od nowego semestru; szkolenie asystentów z UMCS."),
        ),
        comments=(
            Remark(
                "agnieszka",
                "Jako nauczycielka potwierdzam: asystentka w naszej szkole zmieniła wszystko.",
                20,
            ),
            Remark(
                "edukacja", "Grupa robocza „Edukacja” rekomendowała to samo na spotkaniu 17 października.", 25
            ),
        ),
    ),
    Idea(
        title="Kursy polskiego dla rodziców przy szkołach",
        text="Dzieci uczą się polskiego szybko, rodzice dużo wolniej — i potem nie rozumieją, co pisze "
        "wychowawczyni. Kursy polskiego dla rodziców w szkole, po południu, gdy dzieci mają zajęcia.",
        area=A.DAILY_LIFE,
        dimensions=(CU, SO),
        author="iryna",
        days_ago=80,
        group="edukacja",
        supports=9,
        official=(4, 4, EDUCATION_TEAM),
        crowd=6,
        steps=(
            Step(
                S.ALREADY_EXISTS,
                20,
                "Bezpłatne kursy języka polskiego dla rodziców uczniów są już w "
                "drugiej wersji założeń polityki integracji, a w tym roku prowadzi je Centrum Języka i "
                "Kultury Polskiej UMCS w czterech szkołach.",
                EDUCATION_TEAM,
            ),
        ),
    ),
    Idea(
        title="Коворкинг в библиотеке с клавиатурами на разных языках",
        text="Многие мигранты работают удалённо, но дома нет тихого места. В библиотеках можно сделать "
        "небольшие коворкинги: стол, розетка, хороший интернет и клавиатуры с кириллицей и другими "
        "раскладками.",
        area=A.DAILY_LIFE,
        dimensions=(EC,),
        author="aziz",
        days_ago=22,
        language="ru",
        supports=4,
        official=(2, 4, LEISURE_TEAM),
        crowd=3,
    ),
    Idea(
        title="Miasto powinno kontrolować ceny najmu",
        text="Ceny najmu w Lublinie rosną, a cudzoziemcy płacą często więcej za to samo. Miasto powinno "
        "ustalić maksymalne ceny najmu w dzielnicach.",
        area=A.DAILY_LIFE,
        dimensions=(EC, SW),
        author="bartek",
        days_ago=95,
        supports=7,
        official=(2, 1, BASIC_NEEDS_TEAM),
        crowd=5,
        steps=(
            Step(
                S.REJECTED,
                25,
                "Nie możemy przyjąć tej propozycji: samorząd nie ma prawa ustalać cen "
                "najmu na rynku prywatnym. Nierówne traktowanie najemców można zgłaszać Rzecznikowi Praw "
                "Obywatelskich; w sprawie bazy mieszkań przyjaznych migrantom toczy się osobna ocena.",
                SOCIAL,
            ),
        ),
    ),
    # --- Culture and social exchange ----------------------------------------------------------------
    Idea(
        title="Pikniki wielokulturowe na osiedlach",
        text="Zamiast jednego dużego festiwalu w centrum — małe pikniki na osiedlach, przygotowane razem z "
        "sąsiadami z różnych krajów: kuchnia, muzyka, gry dla dzieci. Łatwiej poznać kogoś z własnego "
        "bloku niż z drugiego końca miasta.",
        area=A.CULTURE,
        dimensions=(CU, SO),
        author="tomasz",
        days_ago=180,
        district="LSM",
        group="czas-wolny",
        supports=13,
        official=(3, 4, LEISURE_TEAM),
        crowd=9,
        steps=(
            Step(
                S.ACCEPTED,
                20,
                "Przyjmujemy. Pikniki zorganizują domy kultury z radami dzielnic.",
                CULTURE_DEPT,
            ),
            Step(S.IN_PROGRESS, 40, "Trwają przygotowania pierwszych pikników.", CULTURE_DEPT),
            Step(
                S.IMPLEMENTED,
                150,
                "W tym sezonie odbyło się pięć pikników: na LSM, Czubach, "
                "Kalinowszczyźnie, Czechowie i Wieniawie — łącznie ok. 2000 uczestników.",
                CULTURE_DEPT,
            ),
        ),
        progress=(
            Progress(20, 45, "Wybraliśmy pięć osiedli i terminy."),
            Progress(60, 100, "Trzy pikniki za nami."),
            Progress(100, 150, "Wszystkie pięć pikników się odbyło."),
        ),
        comments=(
            Remark("yuliia", "На Чуби було чудово, діти досі згадують!", 155, language="uk"),
            Remark(
                "aziz",
                "Можно в следующем году добавить узбекскую кухню? Мы готовы помочь.",
                160,
                language="ru",
            ),
        ),
    ),
    Idea(
        title="Napisy w kilku językach na seansach i spektaklach",
        text="Kino i teatr to świetny sposób na naukę języka i poznanie kultury, ale bez napisów trudno "
        "zrozumieć. Wybrane seanse i spektakle w instytucjach miejskich mogłyby mieć napisy po ukraińsku i "
        "angielsku.",
        area=A.CULTURE,
        dimensions=(CU,),
        author="lucia",
        days_ago=65,
        group="czas-wolny",
        supports=11,
        official=(2, 4, LEISURE_TEAM),
        crowd=6,
        steps=(Step(S.UNDER_EVALUATION, 20, "Pytamy teatry i kina miejskie o koszt napisów.", CULTURE_DEPT),),
    ),
    Idea(
        title="Tandemy językowe w bibliotekach i Centrach Aktywności Lokalnej",
        text="Spotkania w parach: ktoś uczy się polskiego, ktoś ukraińskiego, angielskiego albo "
        "gruzińskiego. Godzina rozmowy w jednym języku, godzina w drugim. Biblioteki i CAL-e mają sale, "
        "wystarczy koordynator i gry planszowe na rozgrzewkę.",
        area=A.CULTURE,
        dimensions=(CU, SO),
        author="mariam",
        days_ago=125,
        group="czas-wolny",
        supports=14,
        official=(4, 5, LEISURE_TEAM),
        crowd=10,
        steps=(
            Step(
                S.ACCEPTED,
                18,
                "Przyjmujemy — to jedna z rekomendacji grupy roboczej „Czas wolny”.",
                LEISURE_TEAM,
            ),
            Step(
                S.IN_PROGRESS, 30, "Pierwsze tandemy ruszają w Miejskiej Bibliotece Publicznej.", CULTURE_DEPT
            ),
        ),
        progress=(
            Progress(35, 40, "Tandemy działają w dwóch filiach biblioteki."),
            Progress(65, 100, "Dołączyły dwa Centra Aktywności Lokalnej; w parach spotyka się 48 osób."),
        ),
        comments=(
            Remark(
                "jan",
                "Chętnie poćwiczę rosyjski w zamian za polski. Gdzie się zapisać?",
                50,
                replies=(
                    Remark(
                        "mariam",
                        "В библиотеке на Грот-Ровецкого по средам, запись не нужна.",
                        51,
                        language="ru",
                    ),
                ),
            ),
        ),
    ),
    Idea(
        title="Події на довгі вихідні для нових сімей у місті",
        text="Довгі вихідні — найважчий час для тих, хто тільки приїхав: усі роз'їжджаються до родичів, а "
        "ми сидимо вдома. Було б чудово, якби будинки культури організовували в ці дні прогулянки містом, "
        "ігри для дітей і спільні обіди.",
        area=A.CULTURE,
        dimensions=(SO, CU),
        author="nadiia",
        days_ago=18,
        language="uk",
        group="czas-wolny",
        supports=8,
        crowd=4,
        comments=(Remark("agnieszka", "Świetny pomysł, też zostajemy w Lublinie na majówkę.", 2),),
    ),
    Idea(
        title="Dance and music classes that reach newcomers",
        text="The city's culture centres offer many dance, music and gym classes, but information about them "
        "is only in Polish and only on their websites. A short multilingual leaflet in schools and shops, "
        "and one trial class for free, would bring many newcomers.",
        area=A.CULTURE,
        dimensions=(CU,),
        author="council",
        days_ago=45,
        language="en",
        supports=3,
        official=(2, 3, LEISURE_TEAM),
        crowd=3,
    ),
    Idea(
        title="Wieczory krajów w bibliotekach",
        text="Spotkania o jednym kraju: historia, turystyka, kuchnia, muzyka — przygotowane przez osoby, "
        "które z tego kraju pochodzą.",
        area=A.CULTURE,
        dimensions=(CU,),
        author="jan",
        days_ago=105,
        supports=4,
        steps=(
            Step(
                S.ALREADY_EXISTS,
                12,
                "Takie spotkania odbywają się w ramach Café Dialog w Miejskiej "
                "Bibliotece Publicznej. Zapraszamy do współprowadzenia kolejnych wieczorów!",
                CULTURE_DEPT,
            ),
        ),
    ),
    Idea(
        title="Nowe święto Lublina: Dzień Sąsiadów z Całego Świata",
        text="Lublin ma wiele świąt, ale żadnego, które świętuje to, że mieszkają tu ludzie z całego świata. "
        "Proponuję coroczny dzień, w którym świętujemy wspólne sukcesy: nowe firmy, absolwentów, sąsiedzkie "
        "inicjatywy.",
        area=A.CULTURE,
        dimensions=(SO, CU),
        author="amani",
        days_ago=60,
        supports=10,
        official=(3, 2, LEISURE_TEAM),
        crowd=5,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                14,
                "Sprawdzamy, czy święto zmieści się w kalendarzu wydarzeń miejskich przyszłego roku.",
                CULTURE_DEPT,
            ),
        ),
    ),
    # --- Migrants' civic participation ---------------------------------------------------------------
    Idea(
        title="Rada migrantów przy Prezydencie Miasta Lublin",
        text="Migranci płacą w Lublinie podatki, posyłają dzieci do szkół, prowadzą firmy — ale nie mają "
        "głosu w sprawach miasta. Rada migrantów przy Prezydencie, wybierana przez społeczności "
        "migranckie, opiniowałaby decyzje, które ich dotyczą, i zgłaszała własne pomysły.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(SO, LE),
        author="dmitrij",
        days_ago=165,
        supports=14,
        official=(5, 3, KDO),
        crowd=10,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                10,
                "Komisja Dialogu Obywatelskiego omówi propozycję na najbliższym posiedzeniu.",
                KDO,
            ),
            Step(
                S.ACCEPTED,
                40,
                "Przyjmujemy. Rada migrantów znajdzie się w projekcie polityki integracji; "
                "regulamin wyboru członków przygotujemy z organizacjami migranckimi.",
                PARTICIPATION,
            ),
        ),
        comments=(
            Remark(
                "iryna",
                "Важливо, щоб у раді були не лише українці, а й люди з інших країн.",
                12,
                language="uk",
            ),
            Remark(
                "tomasz",
                "A kto będzie wybierał członków rady?",
                20,
                replies=(
                    Remark(
                        "dmitrij", "Я думаю, сами сообщества мигрантов, как в Варшаве.", 21, language="ru"
                    ),
                    Remark(
                        "editor",
                        "Zasady wyboru przygotujemy razem z organizacjami migranckimi i poddamy "
                        "konsultacjom.",
                        41,
                        body=PARTICIPATION,
                    ),
                ),
            ),
        ),
    ),
    Idea(
        title="Rzecznik praw migrantów w Urzędzie Miasta",
        text="Potrzebna jest osoba, do której można się zwrócić poufnie, gdy ktoś czuje się źle potraktowany "
        "w urzędzie, szkole albo przez pracodawcę — i która zna prawo pobytowe. Rzecznik zbierałby też "
        "powtarzające się problemy i przedstawiał je miastu.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(LE, SO),
        author="yuliia",
        days_ago=85,
        supports=13,
        official=(5, 2, KDO),
        crowd=8,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                20,
                "Analizujemy, jak umocować rzecznika w strukturze urzędu i jak zapewnić poufność spraw.",
                PARTICIPATION,
            ),
        ),
        comments=(
            Remark(
                "lucia",
                "Confidentiality is key. Many people are afraid that a complaint will affect their "
                "residence permit.",
                4,
                language="en",
                replies=(
                    Remark(
                        "yuliia",
                        "Саме так. Тому омбудсмен має бути незалежним від відділу, який видає документи.",
                        5,
                        language="uk",
                    ),
                ),
            ),
        ),
    ),
    Idea(
        title="Prawo głosu w wyborach lokalnych dla migrantów",
        text="Osoby, które mieszkają w Lublinie od kilku lat, powinny móc głosować w wyborach do rady "
        "miasta, tak jak obywatele Unii Europejskiej.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(LE, SO),
        author="aziz",
        days_ago=75,
        supports=9,
        official=(5, 1, KDO),
        crowd=6,
        steps=(
            Step(
                S.REJECTED,
                18,
                "Prawo wyborcze określa Kodeks wyborczy i Konstytucja — miasto nie może go "
                "zmienić. Przekażemy ten głos jako stanowisko do debaty; w sprawach miasta migranci mogą "
                "zabierać głos w konsultacjach i przez przyszłą radę migrantów.",
                KDO,
            ),
        ),
    ),
    Idea(
        title="Konsultacje otwarte dla każdego, bez pytania o obywatelstwo",
        text="W konsultacjach miejskich powinien móc wziąć udział każdy mieszkaniec Lublina, niezależnie od "
        "obywatelstwa, i w swoim języku.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(SO,),
        author="resident",
        days_ago=115,
        supports=6,
        official=(4, 5, PARTICIPATION),
        crowd=4,
        steps=(
            Step(
                S.ALREADY_EXISTS,
                9,
                "Tak już jest: konsultacje na tej platformie są otwarte dla każdej "
                "osoby mieszkającej w Lublinie, nie pytamy o obywatelstwo, a odpowiadać można w czterech "
                "językach.",
                PARTICIPATION,
            ),
        ),
    ),
    Idea(
        title="Zatrudniajmy migrantów w instytucjach od integracji",
        text="W instytucjach, które zajmują się integracją, powinny pracować osoby z doświadczeniem "
        "migracji — jako tłumacze, asystenci, koordynatorzy projektów. Lepiej rozumieją potrzeby i budują "
        "zaufanie.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(EC, SO),
        author="lucia",
        days_ago=30,
        supports=7,
        official=(4, 2, KDO),
        crowd=4,
    ),
    Idea(
        title="Информационные встречи о гражданском бюджете на украинском и русском",
        text="Многие мигранты не знают, что тоже могут подавать проекты в гражданский бюджет и голосовать за "
        "них. Нужны встречи, где на понятном языке объяснят, как это сделать.",
        area=A.CIVIC_PARTICIPATION,
        dimensions=(SO,),
        author="mariam",
        days_ago=12,
        language="ru",
        supports=5,
        crowd=2,
        report="To powiela propozycję o konsultacjach, proszę usunąć.",
    ),
    # --- Grassroots initiatives ------------------------------------------------------------------------
    Idea(
        title="Mikrogranty na oddolną naukę polskiego",
        text="W wielu miejscach wolontariusze sami uczą polskiego — w parafiach, fundacjach, na osiedlach. "
        "Małe granty (np. na podręczniki, salę, kawę) pozwoliłyby im działać dłużej.",
        area=A.GRASSROOTS,
        dimensions=(CU, SO),
        author="agnieszka",
        days_ago=135,
        supports=12,
        official=(4, 4, PARTICIPATION),
        crowd=7,
        steps=(
            Step(
                S.ACCEPTED,
                30,
                "Przyjmujemy. Nauka języka polskiego będzie osobną kategorią w konkursie "
                "mikrograntów Lubelskiego Funduszu Inicjatyw Lokalnych.",
                PARTICIPATION,
            ),
        ),
    ),
    Idea(
        title="Miejsce spotkań dla inicjatyw sąsiedzkich w każdej dzielnicy",
        text="Grupy sąsiedzkie, także migranckie, nie mają gdzie się spotykać. Miasto ma sale w szkołach i "
        "domach kultury, które wieczorami stoją puste. Wystarczy prosty system rezerwacji.",
        area=A.GRASSROOTS,
        dimensions=(SO,),
        author="jan",
        days_ago=50,
        supports=9,
        official=(4, 2, PARTICIPATION),
        crowd=5,
        comments=(Remark("aziz", "Наш клуб настольных игр ищет зал по пятницам вечером.", 7, language="ru"),),
    ),
    Idea(
        title="Magazyn na dary rzeczowe dla potrzebujących",
        text="Po 2022 roku wiele darów nie miało gdzie trafić. Miasto mogłoby udostępnić magazyn dla "
        "organizacji, które zbierają ubrania i sprzęt dla potrzebujących.",
        area=A.GRASSROOTS,
        dimensions=(SW,),
        author="tomasz",
        days_ago=55,
        supports=2,
        steps=(Step(S.WITHDRAWN, 8),),
        comments=(
            Remark(
                "tomasz",
                "Wycofuję: okazało się, że Bank Żywności i Caritas mają już takie magazyny i "
                "chętnie przyjmują dary.",
                8,
            ),
        ),
    ),
    Idea(
        title="Wsparcie dla aktywistów: superwizja i przeciw wypaleniu",
        text="Osoby, które od 2022 roku pomagają uchodźcom, są zmęczone. Bezpłatne spotkania superwizyjne i "
        "grupy wsparcia dla wolontariuszy i aktywistów pomogłyby im nie rezygnować.",
        area=A.GRASSROOTS,
        dimensions=(SW, SO),
        author="bartek",
        days_ago=25,
        supports=3,
        crowd=2,
    ),
    Idea(
        title="Uczniowie uczą uczniów: warsztaty między szkołami",
        text="Uczniowie techników i liceów mogliby prowadzić warsztaty dla uczniów innych szkół — np. z "
        "programowania, ekonomii czy języków. To sposób, żeby młodzież z różnych krajów się poznała.",
        area=A.GRASSROOTS,
        dimensions=(SO, CU),
        author="edukacja",
        days_ago=33,
        group="edukacja",
        supports=6,
        official=(2, 4, EDUCATION_TEAM),
        crowd=3,
    ),
    # --- Attitudes and anti-discrimination ----------------------------------------------------------
    Idea(
        title="Kampania „Lublin to my wszyscy” z historiami sąsiadów",
        text="Kampania z prawdziwymi historiami ludzi, którzy przyjechali do Lublina: lekarka z Charkowa, "
        "student z Nigerii, kucharz z Gruzji. Plakaty w autobusach, krótkie filmy, współpraca z lokalnymi "
        "mediami. Żeby migrant nie był „jakimś obcym”, tylko sąsiadem.",
        area=A.ANTI_DISCRIMINATION,
        dimensions=(SO, CU),
        author="amani",
        days_ago=145,
        supports=13,
        official=(3, 3, PARTICIPATION),
        crowd=8,
        steps=(
            Step(S.UNDER_EVALUATION, 16, "Sprawdzamy możliwość sfinansowania kampanii.", PARTICIPATION),
            Step(
                S.ACCEPTED,
                35,
                "Przyjmujemy. Kampanię przygotujemy z agentami antyplotkowymi projektu "
                "„Komunikacja dla Integracji”.",
                PARTICIPATION,
            ),
            Step(S.IN_PROGRESS, 50, "Zbieramy historie bohaterów kampanii.", PARTICIPATION),
        ),
        progress=(
            Progress(30, 60, "Mamy 12 historii i zgody bohaterów."),
            Progress(50, 120, "Sesje zdjęciowe zakończone; plakaty w autobusach od przyszłego miesiąca."),
        ),
    ),
    Idea(
        title="Punkt zgłaszania incydentów dyskryminacji",
        text="Gdy ktoś doświadczy dyskryminacji albo ataku z powodu pochodzenia, nie wie, gdzie to zgłosić. "
        "Potrzebny jest jeden punkt (także online, w kilku językach), który przyjmie zgłoszenie, pomoże i "
        "będzie prowadził statystyki dla miasta.",
        area=A.ANTI_DISCRIMINATION,
        dimensions=(LE, SO),
        author="iryna",
        days_ago=42,
        group="interwencja-kryzysowa-i-bezpieczenstwo",
        supports=11,
        official=(4, 3, SAFETY),
        crowd=6,
        comments=(Remark("aziz", "Важно, чтобы можно было сообщить анонимно.", 5, language="ru"),),
    ),
    Idea(
        title="Edukacja antydyskryminacyjna w szkołach",
        text="Lekcje o stereotypach i mowie nienawiści, prowadzone przez przeszkolonych edukatorów, w każdej "
        "szkole — i szkolenia, żeby takich edukatorów było więcej.",
        area=A.ANTI_DISCRIMINATION,
        dimensions=(SO, CU),
        author="agnieszka",
        days_ago=20,
        group="edukacja",
        supports=7,
        official=(4, 2, EDUCATION_TEAM),
        crowd=4,
        comments=(Remark("edukacja", "Temat wróci na najbliższym spotkaniu grupy roboczej „Edukacja”.", 5),),
    ),
    Idea(
        title="Mniej obcych w naszym bloku",
        text="Wszyscy cudzoziemcy są głośni i nie szanują naszych zasad. Miasto powinno przestać dawać im "
        "mieszkania.",
        area=A.ANTI_DISCRIMINATION,
        dimensions=(SO,),
        author="jan",
        days_ago=15,
        steps=(
            Step(
                S.HIDDEN,
                1,
                "Propozycja przypisuje złe cechy całej grupie ludzi ze względu na "
                "pochodzenie, co łamie zasady platformy.",
            ),
        ),
        hidden_reason="Propozycja przypisuje złe cechy całej grupie ludzi ze względu na pochodzenie, co "
        "łamie zasady platformy.",
    ),
    # --- City policy ------------------------------------------------------------------------------------
    Idea(
        title="Wielojęzyczny informator o Lublinie w aplikacji",
        text="Jedna aplikacja (albo strona) z najważniejszymi informacjami dla nowych mieszkańców: jak się "
        "zameldować, zapisać dziecko do szkoły, znaleźć lekarza, gdzie uczyć się polskiego — po polsku, "
        "ukraińsku, rosyjsku i angielsku.",
        area=A.CITY_POLICY,
        dimensions=(SW, LE, SO),
        author="dmitrij",
        days_ago=38,
        supports=9,
        official=(3, 3, PARTICIPATION),
        crowd=5,
        comments=(
            Remark(
                "amani",
                "Please make it a website first — not everyone wants to install another app.",
                2,
                language="en",
            ),
            Remark("nadiia", "І додайте інформацію про лікарів, які говорять українською.", 6, language="uk"),
        ),
    ),
    Idea(
        title="Miejski punkt informacyjno-integracyjny z gorącą linią",
        text="Jedno miejsce w centrum, gdzie można przyjść albo zadzwonić z każdym pytaniem: dokumenty, "
        "praca, szkoła, zdrowie. Pracowaliby tam asystenci integracji — zatrudnieni i wolontariusze — a "
        "punkt prowadziłby też bazę wiedzy dla instytucji.",
        area=A.CITY_POLICY,
        dimensions=(SW, LE, EC, SO),
        author="resident",
        days_ago=155,
        group="interwencja-kryzysowa-i-bezpieczenstwo",
        supports=14,
        official=(5, 2, KDO),
        crowd=10,
        steps=(
            Step(
                S.UNDER_EVALUATION,
                14,
                "Propozycja jest bliska rekomendacjom grup roboczych; analizujemy koszty.",
                SOCIAL,
            ),
            Step(
                S.ACCEPTED,
                48,
                "Przyjmujemy. Punkt informacyjno-integracyjny będzie filarem polityki "
                "integracji; gorąca linia ruszy jako część miejskiej infolinii.",
                SOCIAL,
            ),
            Step(S.IN_PROGRESS, 75, "Przygotowujemy lokal i zespół punktu.", SOCIAL),
            Step(
                S.IMPLEMENTED,
                145,
                "Punkt informacyjno-integracyjny działa przy ul. Peowiaków; infolinia "
                "odpowiada po polsku, ukraińsku, rosyjsku i angielsku.",
                SOCIAL,
            ),
        ),
        progress=(
            Progress(20, 80, "Mamy lokal w centrum."),
            Progress(60, 115, "Zatrudniliśmy czworo asystentów integracji."),
            Progress(100, 145, "Punkt i infolinia działają."),
        ),
        comments=(
            Remark(
                "council",
                "This is the single most useful thing the city could do. Thank you.",
                146,
                language="en",
            ),
        ),
    ),
    Idea(
        title="Baza dobrych praktyk i wiedzy z doświadczeń po 24 lutego 2022",
        text="Po wybuchu wojny w Ukrainie Lublin nauczył się bardzo wiele, ale ta wiedza jest rozproszona. "
        "Zbierzmy ją z organizacjami i uczelniami w jedną bazę dobrych praktyk, z której skorzystają "
        "instytucje w kolejnych kryzysach.",
        area=A.CITY_POLICY,
        dimensions=(SO,),
        author="bartek",
        days_ago=48,
        group="interwencja-kryzysowa-i-bezpieczenstwo",
        supports=5,
        official=(3, 4, SAFETY),
        crowd=3,
    ),
    Idea(
        title="Психологічна допомога рідною мовою",
        text="Багато людей після війни потребують психолога, але не можуть розповісти про свої почуття "
        "польською. Потрібні безкоштовні консультації українською та російською, а також кампанія, яка "
        "пояснить, що звертатися по допомогу — це нормально.",
        area=A.CITY_POLICY,
        dimensions=(SW, SO),
        author="nadiia",
        days_ago=27,
        language="uk",
        group="interwencja-kryzysowa-i-bezpieczenstwo",
        supports=13,
        official=(5, 2, SAFETY),
        crowd=7,
        comments=(Remark("lucia", "Strongly agree. And for children, too.", 3, language="en"),),
    ),
    Idea(
        title="Podwórka i skwery, na których chce się spotykać",
        text="Ławki, cień, zieleń i stoły do gier na zaniedbanych podwórkach — miejsca, gdzie sąsiedzi z "
        "różnych krajów spotkają się bez zaproszenia.",
        area=A.CITY_POLICY,
        dimensions=(SO,),
        author="tomasz",
        days_ago=8,
        district="Wieniawa",
        supports=2,
        official=(2, 2, PARTICIPATION),
        crowd=2,
    ),
]


# --- Rules the data must follow ------------------------------------------------------------------------


def check_ideas(ideas=IDEAS) -> None:
    """Raises ValueError when a demo proposal breaks a rule of the site: an invalid status sequence, an
    evaluation before the support threshold, a date in the future, a duplicate title."""
    titles = set()
    for idea in ideas:
        if idea.title in titles:
            raise ValueError(f"Two demo proposals are called “{idea.title}”.")
        titles.add(idea.title)
        status = Status.PUBLISHED
        last_day = 0
        for step in idea.steps:
            if step.status == Status.HIDDEN:
                valid = True
            elif step.status == Status.WITHDRAWN:
                valid = status in {Status.SUBMITTED, Status.PUBLISHED, Status.UNDER_EVALUATION}
            else:
                valid = city_may_change(status, step.status)
                if status == Status.PUBLISHED and step.status in EVALUATION_STATUSES:
                    valid = valid and idea.supports >= SUPPORT_THRESHOLD
                if step.status != Status.PUBLISHED:
                    valid = valid and bool(step.answer and step.body)
            if not valid or not last_day < step.day < idea.days_ago:
                raise ValueError(
                    f"“{idea.title}”: {status} → {step.status} on day {step.day} is not allowed."
                )
            status, last_day = step.status, step.day
        if idea.progress and status not in {Status.IN_PROGRESS, Status.IMPLEMENTED}:
            raise ValueError(f"“{idea.title}” has progress notes but is not in progress.")
        if (status == Status.HIDDEN) != bool(idea.hidden_reason):
            raise ValueError(f"“{idea.title}”: a hidden proposal needs a reason, and only it.")


def final_status(idea: Idea) -> str:
    return idea.steps[-1].status if idea.steps else Status.PUBLISHED


# --- Building it -----------------------------------------------------------------------------------------


def load(home, password=None, say=lambda message: None) -> list[Login]:
    """Creates what is missing of the proposals demo under `home` (the Polish home page). Returns the
    logins load_demo prints (the working-group member)."""
    check_ideas()
    people = _people(password)
    index = _index_page(home)
    group_pages = _working_groups(home)
    member_key, _name, _language, group_slug = WORKING_GROUP_MEMBER
    if group_slug in group_pages:
        WorkingGroupMember.objects.get_or_create(
            working_group=group_pages[group_slug], user=people[member_key]
        )
    created = sum(_proposal(index, idea, people, group_pages) for idea in IDEAS)
    total = index.proposals().count()
    say(f"  proposals: {created} created, {total} in the index “{index.title}”")
    return [Login("Working group member (Education)", email_of(member_key))]


def _people(password):
    """The demo residents (created when missing, like load_demo's accounts) and the accounts load_demo
    made, by key."""
    user_model = get_user_model()
    member_key, member_name, member_language, _group = WORKING_GROUP_MEMBER
    hashed = make_password(password) if password is not None else None  # hashing once is enough for a demo
    people = {}
    for key, (name, language) in {**RESIDENTS, member_key: (member_name, member_language)}.items():
        email = email_of(key)
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model(username=email, email=email, display_name=name, preferred_language=language)
            if password is None:
                user.set_unusable_password()
        if hashed is not None:
            user.password = hashed
        user.save()
        address, _created = EmailAddress.objects.get_or_create(user=user, email=email)
        if not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save()
        people[key] = user
    for key in EXISTING:
        people[key] = user_model.objects.filter(email__iexact=email_of(key)).first()
    return people


def _locale(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def _intro(text):
    return [{"type": "paragraph", "value": f"<p>{escape(text, quote=False)}</p>"}]


def _publish(page, fields):
    page = type(page).objects.get(pk=page.pk)  # current tree fields, so publishing keeps numchild right
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _index_page(home) -> ProposalIndexPage:
    existing = Page.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if existing is not None:
        index = existing.specific
        if not isinstance(index, ProposalIndexPage):
            raise ValueError(f"The page {existing.url_path} is not a proposals index; move it and try again.")
    else:
        title, intro = INDEX_TEXT["pl"]
        index = ProposalIndexPage(
            title=title,
            slug=INDEX_SLUG,
            locale=home.locale,
            intro=_intro(intro),
            show_in_menus=True,
            moderation=ModerationMode.POST,
            support_threshold=SUPPORT_THRESHOLD,
        )
        Page.objects.get(pk=home.pk).add_child(instance=index)
        index.save_revision().publish()
    for language in TRANSLATIONS:
        if index.get_translation_or_none(_locale(language)) is None:
            title, intro = INDEX_TEXT[language]
            copy = index.copy_for_translation(_locale(language), copy_parents=True).specific
            _publish(copy, {"title": title, "intro": _intro(intro)})
    return ProposalIndexPage.objects.get(pk=index.pk)


def _working_groups(home) -> dict:
    groups_index = WorkingGroupIndexPage.objects.child_of(home).first()
    if groups_index is None:
        return {}
    return {group.slug: group for group in WorkingGroupPage.objects.child_of(groups_index)}


def _proposal(index, idea: Idea, people, group_pages) -> int:
    """Creates the proposal with everything around it; 0 when it exists already."""
    if Proposal.objects.filter(index_key=index.translation_key, title=idea.title).exists():
        return 0
    rng = random.Random(f"{SEED}-{idea.title}")  # noqa: S311 - demo data, not security
    now = timezone.now()
    written = now - datetime.timedelta(
        days=idea.days_ago, hours=rng.randint(0, 10), minutes=rng.randint(0, 59)
    )

    def on(day, hours=0):
        return min(written + datetime.timedelta(days=day, hours=hours), now - datetime.timedelta(minutes=5))

    author = people[idea.author]
    status = final_status(idea)
    proposal = Proposal.objects.create(
        index_key=index.translation_key,
        author=author,
        title=idea.title,
        text="".join(f"<p>{escape(part, quote=False)}</p>" for part in idea.text.split("\n\n")),
        area=idea.area,
        district=idea.district,
        language=idea.language,
        working_group=group_pages.get(idea.group),
        status=status,
        hidden_reason=idea.hidden_reason,
        created_at=written,
    )
    proposal.dimensions.set(Dimension.objects.filter(code__in=idea.dimensions))
    ProposalFollow.objects.create(proposal=proposal, user=author, created_at=written)

    # Residents' supports and placements, while it was open (before the city's first decision).
    residents = [people[key] for key in [*RESIDENTS, WORKING_GROUP_MEMBER[0], "resident", "council"]]
    others = [person for person in residents if person is not None and person != author]
    open_days = idea.steps[0].day if idea.steps else idea.days_ago
    for supporter in rng.sample(others, k=min(idea.supports, len(others))):
        Support.objects.create(proposal=proposal, user=supporter, created_at=on(rng.uniform(0, open_days)))
    centre = idea.official or (rng.randint(2, 4), rng.randint(2, 4), "")
    for person in rng.sample(others, k=min(idea.crowd, len(others))):
        Placement.objects.create(
            proposal=proposal,
            user=person,
            impact=_score(centre[0] + rng.choice([-1, 0, 0, 1])),
            ease=_score(centre[1] + rng.choice([-1, 0, 0, 1])),
            placed_at=on(rng.uniform(0, open_days)),
        )

    if idea.official:
        impact, ease, placed_by = idea.official
        proposal.official_impact, proposal.official_ease = impact, ease
        proposal.official_placement_by = placed_by
        proposal.official_placement_at = on(max(1, open_days - 2))
        proposal.save(
            update_fields=[
                "official_impact",
                "official_ease",
                "official_placement_by",
                "official_placement_at",
            ]
        )

    previous = Status.PUBLISHED
    for step in idea.steps:
        changed_by = {Status.WITHDRAWN: author, Status.HIDDEN: people["moderator"]}.get(
            step.status, people["editor"]
        )
        StatusChange.objects.create(
            proposal=proposal,
            from_status=previous,
            to_status=step.status,
            answer=step.answer,
            answering_body=step.body,
            changed_at=on(step.day),
            changed_by=changed_by,
        )
        previous = step.status
    for note in idea.progress:
        ProgressUpdate.objects.create(
            proposal=proposal,
            percent=note.percent,
            text=note.text,
            published_on=timezone.localdate(on(note.day)),
            author=people["editor"],
        )

    proposal_type = ContentType.objects.get_for_model(Proposal)
    for remark in idea.comments:
        _comment(proposal_type, proposal, remark, people, on)
    if idea.hidden_reason:
        AbuseReport.objects.create(
            target=proposal,
            reporter=people["agnieszka"],
            reason="Obraża sąsiadów z innych krajów.",
            created_at=on(0, hours=3),
            resolved_at=on(1),
            resolved_by=people["moderator"],
        )
    if idea.report:
        AbuseReport.objects.create(
            target=proposal, reporter=people["bartek"], reason=idea.report, created_at=on(2)
        )
    return 1


def _comment(proposal_type, proposal, remark: Remark, people, on, parent=None):
    comment = Comment.objects.create(
        target_type=proposal_type,
        target_id=proposal.pk,
        parent=parent,
        author=people[remark.author],
        text=remark.text,
        language=remark.language,
        consent_to_publish=True,
        is_official=bool(remark.body),
        official_body=remark.body,
        created_at=on(remark.day, hours=2),
    )
    for reply in remark.replies:
        _comment(proposal_type, proposal, reply, people, on, parent=comment)


def _score(value: int) -> int:
    return max(1, min(5, value))
