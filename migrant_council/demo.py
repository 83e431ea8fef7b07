"""Demo content of the migrant council for `manage.py load_demo`: the public page "Rada Migrantów i
Migrantek" (in four languages, its mandate drawn from the recommendations in shared/seeds/: a migrant
council at city hall, migrants' say in city decisions, consultations open to every resident), the
members (the demo council and secretariat accounts, three more members with accounts, two invited people
who have not signed up yet, one member whose term ended), a past meeting with its published agenda,
attendance and minutes, an upcoming meeting with a published agenda, the council's opinion on the
principles of the integration policy (two versions, a vote adopted, the opinion published), a draft in
discussion with two versions and comments on its sections, and an open vote on a third draft in which some
members have voted.

Rows are written directly, as the council's services would have written them over the last weeks (the
services date everything "now" and e-mail every member); the rules they keep hold here too: drafts move
along DRAFT_TRANSITIONS, a vote's eligible members are the current members when it opened, its result is
counted by voting.record_result, and the opinion is published by opinions.publish_opinion.

Idempotent: the page is keyed on its slug, seats on their e-mail addresses, drafts and meetings on their
titles, accounts on their e-mail addresses; a second run adds nothing."""

import datetime
from dataclasses import dataclass
from html import escape

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page

from citysite.participation.models import Comment

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Ballot,
    Choice,
    CouncilDraft,
    CouncilDraftSection,
    CouncilDraftVersion,
    CouncilPage,
    DraftStatus,
    Majority,
    Meeting,
    Membership,
    Role,
    Vote,
    VotingRules,
)
from .services import membership as membership_services
from .services.opinions import publish_opinion
from .services.voting import record_result

DOMAIN = "demo.otwartemiasto.pl"
PAGE_SLUG = "rada-migrantow-i-migrantek"
TRANSLATIONS = ["en", "uk", "ru"]
TERM_DAYS = 2 * 365  # a term of two years
# The council's voting rules in the demo, in force when its votes opened.
QUORUM_PERCENT = 50
MAJORITY = Majority.SIMPLE


@dataclass(frozen=True)
class Login:
    """A demo account for load_demo's list of logins."""

    role: str
    email: str


# --- The public page, in four languages -----------------------------------------------------------------


def _heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h3"}}


def _paragraphs(*texts):
    return {"type": "paragraph", "value": "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)}


def _bullets(items):
    return {
        "type": "paragraph",
        "value": "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>",
    }


PAGE_TEXT = {
    "pl": {
        "title": "Rada Migrantów i Migrantek",
        "mandate": [
            _paragraphs(
                "Rada Migrantów i Migrantek doradza miastu w sprawach ważnych dla osób, które przyjechały do "
                "Lublina z innych krajów. Powstała, bo o radę migrantów przy urzędzie miasta prosili sami "
                "migranci i migrantki: ta rekomendacja powracała w warsztatach dialogu społecznego o "
                "polityce integracji i w pracach lubelskiej migracyjnej grupy konsultacyjnej."
            ),
            _heading("Co robi rada"),
            _bullets(
                [
                    "Opiniuje projekty miejskich dokumentów, przede wszystkim miejską politykę integracji, "
                    "którą przygotowują Komisja Dialogu Obywatelskiego i jej cztery grupy robocze.",
                    "Zgłasza miastu sprawy, z którymi mieszkańcy i mieszkanki z doświadczeniem migracji "
                    "przychodzą do jej członków i członkiń.",
                    "Zachęca migrantów i migrantki do udziału w konsultacjach społecznych i pokazuje, że dla "
                    "miasta są mieszkańcami, których głos się liczy.",
                    "Współpracuje z Rzecznikiem Praw Migrantów i Migrantek oraz z organizacjami, które "
                    "udzielają porad.",
                ]
            ),
            _heading("Kto zasiada w radzie"),
            _paragraphs(
                "W radzie zasiadają osoby z doświadczeniem migracji, które mieszkają, pracują lub uczą się w "
                "Lublinie, także osoby bez polskiego obywatelstwa. Kadencja trwa dwa lata. Rada wybiera "
                "przewodniczącą lub przewodniczącego, wiceprzewodniczącą lub wiceprzewodniczącego oraz "
                "sekretarza; sprawy organizacyjne prowadzi sekretariat rady w Urzędzie Miasta Lublin."
            ),
            _heading("Jak pracuje rada"),
            _paragraphs(
                "Rada spotyka się co najmniej raz na kwartał. Posiedzenia są otwarte, a porządek obrad "
                "publikujemy przed każdym posiedzeniem. Projekty opinii rada omawia we własnej przestrzeni "
                "roboczej i przyjmuje je w głosowaniu. Przyjęte opinie, protokoły posiedzeń i skład rady "
                "publikujemy na tej stronie."
            ),
        ],
        "contact_intro": (
            "Napisz do rady po polsku, angielsku, ukraińsku lub rosyjsku. Wiadomość trafia do sekretariatu "
            "rady, który przekazuje ją członkom i członkiniom. Jeśli chcesz poufnie zgłosić niesprawiedliwe "
            "traktowanie, skorzystaj raczej z formularza Rzecznika Praw Migrantów i Migrantek."
        ),
    },
    "en": {
        "title": "Migrant Council",
        "mandate": [
            _paragraphs(
                "The Migrant Council advises the city on matters that are important to people who came to "
                "Lublin from other countries. It exists because migrants themselves asked for a migrant "
                "council at city hall: the recommendation came up again and again in the social dialogue "
                "workshops on integration policy and in the work of Lublin's migrant consultative group."
            ),
            _heading("What the council does"),
            _bullets(
                [
                    "It gives its opinion on draft city documents, above all the city integration policy "
                    "prepared by the Civic Dialogue Commission and its four working groups.",
                    "It raises with the city the issues that residents with migration experience bring to "
                    "its members.",
                    "It encourages migrants to take part in public consultations and shows that the city "
                    "counts them as residents whose voice matters.",
                    "It works with the Migrants' Ombudsperson and with organisations that give advice.",
                ]
            ),
            _heading("Who sits on the council"),
            _paragraphs(
                "The council's members are people with migration experience who live, work or study in "
                "Lublin, including people without Polish citizenship. A term lasts two years. The council "
                "elects a chair, a vice-chair and a secretary; the council's secretariat at Lublin City Hall "
                "takes care of the organisation."
            ),
            _heading("How the council works"),
            _paragraphs(
                "The council meets at least once a quarter. Meetings are open to the public, and the agenda "
                "is published before every meeting. The council discusses draft opinions in its own working "
                "space and adopts them by a vote. Adopted opinions, minutes of meetings and the list of "
                "members are published on this page."
            ),
        ],
        "contact_intro": (
            "Write to the council in Polish, English, Ukrainian or Russian. Your message goes to the "
            "council's secretariat, which passes it on to the members. If you want to report unfair "
            "treatment in confidence, please use the Migrants' Ombudsperson's form instead."
        ),
    },
    "uk": {
        "title": "Рада мігрантів і мігранток",
        "mandate": [
            _paragraphs(
                "Рада мігрантів і мігранток консультує місто з питань, важливих для людей, які приїхали до "
                "Любліна з інших країн. Вона з'явилася тому, що про раду мігрантів при міській раді просили "
                "самі мігранти й мігрантки: ця рекомендація знову й знову звучала на семінарах громадського "
                "діалогу про політику інтеграції та в роботі люблінської мігрантської консультативної групи."
            ),
            _heading("Що робить рада"),
            _bullets(
                [
                    "Висловлює думку щодо проєктів міських документів, насамперед міської політики "
                    "інтеграції, яку готують Комісія громадського діалогу та її чотири робочі групи.",
                    "Порушує перед містом питання, з якими до її членів і членкинь звертаються мешканці з "
                    "міграційним досвідом.",
                    "Заохочує мігрантів і мігранток брати участь у громадських консультаціях і показує, що "
                    "для міста вони — мешканці, чий голос має значення.",
                    "Співпрацює з омбудсманом у справах мігрантів і з організаціями, які надають "
                    "консультації.",
                ]
            ),
            _heading("Хто входить до ради"),
            _paragraphs(
                "До ради входять люди з міграційним досвідом, які живуть, працюють або навчаються в Любліні, "
                "зокрема люди без польського громадянства. Каденція триває два роки. Рада обирає голову, "
                "заступника або заступницю голови та секретаря; організаційні питання веде секретаріат ради "
                "в мерії Любліна."
            ),
            _heading("Як працює рада"),
            _paragraphs(
                "Рада збирається щонайменше раз на квартал. Засідання відкриті, а порядок денний ми "
                "публікуємо перед кожним засіданням. Проєкти висновків рада обговорює у власному робочому "
                "просторі й ухвалює голосуванням. Ухвалені висновки, протоколи засідань і склад ради ми "
                "публікуємо на цій сторінці."
            ),
        ],
        "contact_intro": (
            "Напишіть раді польською, англійською, українською або російською. Повідомлення потрапить до "
            "секретаріату ради, який передасть його членам і членкиням. Якщо ви хочете конфіденційно "
            "повідомити про несправедливе ставлення, краще скористайтеся формою омбудсмана у справах "
            "мігрантів."
        ),
    },
    "ru": {
        "title": "Совет мигрантов и мигранток",
        "mandate": [
            _paragraphs(
                "Совет мигрантов и мигранток консультирует город по вопросам, важным для людей, приехавших в "
                "Люблин из других стран. Он появился потому, что о совете мигрантов при мэрии просили сами "
                "мигранты и мигрантки: эта рекомендация снова и снова звучала на семинарах общественного "
                "диалога о политике интеграции и в работе люблинской мигрантской консультативной группы."
            ),
            _heading("Что делает совет"),
            _bullets(
                [
                    "Даёт заключения по проектам городских документов, прежде всего по городской политике "
                    "интеграции, которую готовят Комиссия гражданского диалога и её четыре рабочие группы.",
                    "Поднимает перед городом вопросы, с которыми к его членам обращаются жители с "
                    "миграционным опытом.",
                    "Поощряет мигрантов и мигранток участвовать в общественных консультациях и показывает, "
                    "что для города они — жители, чей голос важен.",
                    "Сотрудничает с омбудсменом по правам мигрантов и с организациями, которые дают "
                    "консультации.",
                ]
            ),
            _heading("Кто входит в совет"),
            _paragraphs(
                "В совет входят люди с миграционным опытом, которые живут, работают или учатся в Люблине, в "
                "том числе люди без польского гражданства. Срок полномочий — два года. Совет выбирает "
                "председателя, заместителя председателя и секретаря; организационными вопросами занимается "
                "секретариат совета в мэрии Люблина."
            ),
            _heading("Как работает совет"),
            _paragraphs(
                "Совет собирается не реже одного раза в квартал. Заседания открыты, а повестку дня мы "
                "публикуем перед каждым заседанием. Проекты заключений совет обсуждает в собственном рабочем "
                "пространстве и принимает голосованием. Принятые заключения, протоколы заседаний и состав "
                "совета мы публикуем на этой странице."
            ),
        ],
        "contact_intro": (
            "Напишите совету на польском, английском, украинском или русском. Сообщение попадёт в "
            "секретариат совета, который передаст его членам совета. Если вы хотите конфиденциально "
            "сообщить о несправедливом отношении, лучше воспользуйтесь формой омбудсмена по правам "
            "мигрантов."
        ),
    },
}


# --- The members ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    key: str
    name: str
    email: str
    role: str
    organisation: str
    languages: str
    # "existing": an account load_demo made; "new": an account made here; "": invited, not signed up yet.
    account: str = ""
    preferred_language: str = "pl"
    ended_days_ago: int | None = None  # the term ended that many days ago


SEATS = [
    Seat(
        "oksana",
        "Oksana Petrenko",
        f"oksana.petrenko@{DOMAIN}",
        Role.CHAIR,
        "Fundacja „Siła Jedności”",
        "ukraiński, rosyjski, polski",
        account="new",
        preferred_language="uk",
    ),
    Seat(
        "council",
        "Kwame Mensah",
        f"council@{DOMAIN}",
        Role.VICE_CHAIR,
        "społeczność studentów z Afryki Zachodniej w Lublinie",
        "angielski, francuski, twi, polski",
        account="existing",
        preferred_language="en",
    ),
    Seat(
        "secretariat",
        "Katarzyna Zielińska",
        f"secretariat@{DOMAIN}",
        Role.SECRETARY,
        "sekretariat rady, Urząd Miasta Lublin",
        "polski, angielski",
        account="existing",
    ),
    Seat(
        "siarhei",
        "Siarhei Malinouski",
        f"siarhei.malinouski@{DOMAIN}",
        Role.MEMBER,
        "Fundacja Ośrodek Kultury Białoruskiej „Doświed”",
        "białoruski, rosyjski, polski",
        account="new",
        preferred_language="ru",
    ),
    Seat(
        "nino",
        "Nino Beridze",
        f"nino.beridze@{DOMAIN}",
        Role.MEMBER,
        "społeczność gruzińska w Lublinie",
        "gruziński, rosyjski, polski",
        account="new",
    ),
    Seat(
        "mehmet",
        "Mehmet Yılmaz",
        f"mehmet.yilmaz@{DOMAIN}",
        Role.MEMBER,
        "społeczność turecka w Lublinie",
        "turecki, angielski",
    ),
    Seat(
        "aisha",
        "Aisha Bello",
        f"aisha.bello@{DOMAIN}",
        Role.MEMBER,
        "Nigeryjki i Nigeryjczycy w Lublinie",
        "angielski, joruba, polski",
    ),
    Seat(
        "andrii",
        "Andrii Kovalchuk",
        f"andrii.kovalchuk@{DOMAIN}",
        Role.MEMBER,
        "Ukraińska Organizacja Skautowa „Płast”",
        "ukraiński, polski",
        ended_days_ago=10,
    ),
]
# The accounts this module creates (load_demo makes the others): tests/home/test_load_demo.py counts them.
MEMBER_ACCOUNTS = [seat.email for seat in SEATS if seat.account == "new"]
# The secretariat account keeps exactly its own group: load_demo sets each role account's groups on every
# run, and access to the members' space follows the seat (Membership), not the group.
KEEP_GROUPS = {"secretariat"}


# --- The drafts ------------------------------------------------------------------------------------------

# Each draft: its versions as (days ago, change note, [(section key, heading, text), ...]). A section keeps
# its key across versions.
INTEGRATION = {
    "title": "Opinia Rady o założeniach miejskiej polityki integracji Lublina",
    "summary": (
        "Rada popiera założenia przygotowane przez Komisję Dialogu Obywatelskiego i jej cztery grupy "
        "robocze i prosi o uzupełnienia: kursy języka polskiego dla rodziców, stałe miejsce rady w "
        "decyzjach miasta, rzecznika praw migrantów i monitorowanie polityki."
    ),
    "versions": [
        (
            60,
            "",
            [
                (
                    "ocena",
                    "Ocena ogólna",
                    "Rada pozytywnie ocenia założenia miejskiej polityki integracji. Powstały w otwartym "
                    "procesie: na ośmiu posiedzeniach Komisji Dialogu Obywatelskiego w 2023 roku i w pracach "
                    "czterech grup roboczych: edukacji, czasu wolnego, potrzeb podstawowych oraz interwencji "
                    "kryzysowej i bezpieczeństwa.",
                ),
                (
                    "edukacja",
                    "Edukacja",
                    "Rada prosi o asystentów międzykulturowych w szkołach i przedszkolach, do których chodzi "
                    "wiele dzieci z doświadczeniem migracji.",
                ),
                (
                    "udzial",
                    "Udział migrantów i migrantek w decyzjach",
                    "Polityka powinna zapewnić radzie stałe miejsce w decyzjach miasta: rada opiniuje "
                    "projekty dokumentów dotyczących integracji, a konsultacje społeczne są otwarte dla "
                    "każdej osoby mieszkającej w Lublinie, niezależnie od obywatelstwa.",
                ),
                (
                    "rzecznik",
                    "Rzecznik Praw Migrantów i Migrantek",
                    "Rada rekomenduje powołanie rzecznika, któremu można poufnie zgłosić niesprawiedliwe "
                    "traktowanie, w czterech językach i bez zakładania konta.",
                ),
            ],
        ),
        (
            40,
            "Dodano bezpłatne kursy języka polskiego dla rodziców uczniów (uwaga Nino) i nową część o "
            "monitorowaniu polityki.",
            [
                (
                    "ocena",
                    "Ocena ogólna",
                    "Rada pozytywnie ocenia założenia miejskiej polityki integracji. Powstały w otwartym "
                    "procesie: na ośmiu posiedzeniach Komisji Dialogu Obywatelskiego w 2023 roku i w pracach "
                    "czterech grup roboczych: edukacji, czasu wolnego, potrzeb podstawowych oraz interwencji "
                    "kryzysowej i bezpieczeństwa.",
                ),
                (
                    "edukacja",
                    "Edukacja",
                    "Rada prosi o asystentów międzykulturowych w szkołach i przedszkolach, do których chodzi "
                    "wiele dzieci z doświadczeniem migracji, oraz o bezpłatne kursy języka polskiego dla "
                    "rodziców uczniów.",
                ),
                (
                    "udzial",
                    "Udział migrantów i migrantek w decyzjach",
                    "Polityka powinna zapewnić radzie stałe miejsce w decyzjach miasta: rada opiniuje "
                    "projekty dokumentów dotyczących integracji, a konsultacje społeczne są otwarte dla "
                    "każdej osoby mieszkającej w Lublinie, niezależnie od obywatelstwa.",
                ),
                (
                    "rzecznik",
                    "Rzecznik Praw Migrantów i Migrantek",
                    "Rada rekomenduje powołanie rzecznika, któremu można poufnie zgłosić niesprawiedliwe "
                    "traktowanie, w czterech językach i bez zakładania konta.",
                ),
                (
                    "monitorowanie",
                    "Monitorowanie",
                    "Rada chce co roku opiniować sprawozdanie z realizacji polityki integracji i wskazywać "
                    "działania, które trzeba poprawić.",
                ),
            ],
        ),
    ],
    # (days ago, author, section key, language, text, replies [(hours later, author, language, text)])
    "comments": [
        (
            52,
            "nino",
            "edukacja",
            "pl",
            "Warto dopisać kursy polskiego dla rodziców. Dzieci uczą się języka szybko, a rodzice zostają "
            "w tyle i nie rozumieją, co mówi wychowawczyni.",
            [(4, "oksana", "uk", "Повністю згодна. Без цього батьки не можуть допомогти дітям зі школою.")],
        ),
    ],
    # (opened days ago, closed days ago, question, ballots {seat key: choice})
    "vote": (
        35,
        28,
        "Czy Rada przyjmuje „Opinię Rady o założeniach miejskiej polityki integracji Lublina” (wersja 2) "
        "jako swoją opinię?",
        {
            "oksana": Choice.FOR,
            "council": Choice.FOR,
            "secretariat": Choice.FOR,
            "nino": Choice.AGAINST,
            "siarhei": Choice.ABSTAIN,
        },
    ),
    "published_days_ago": 25,
}

INFO_POINT = {
    "title": "Stanowisko Rady w sprawie punktu informacyjnego i bazy tłumaczy społecznych",
    "summary": (
        "Rada proponuje, by miasto otworzyło punkt informacyjno-integracyjny z infolinią w czterech "
        "językach i prowadziło bazę tłumaczy społecznych dla urzędów, szkół i przychodni."
    ),
    "versions": [
        (
            30,
            "",
            [
                (
                    "dlaczego",
                    "Dlaczego to ważne",
                    "Osoby, które przyjechały do Lublina z innych krajów, często nie wiedzą, gdzie załatwić "
                    "sprawę, a w urzędzie, szkole czy przychodni tłumaczą im dzieci albo przypadkowe osoby. "
                    "Rekomendacje z warsztatów dialogu społecznego o polityce integracji wskazują na "
                    "potrzebę gorącej linii, punktu informacyjno-integracyjnego i bazy tłumaczy społecznych.",
                ),
                (
                    "punkt",
                    "Punkt informacyjno-integracyjny",
                    "Rada proponuje, by w centrum miasta działał punkt, w którym można dostać informację o "
                    "meldunku, pracy, szkołach i pomocy społecznej po polsku, ukraińsku, rosyjsku i "
                    "angielsku.",
                ),
                (
                    "tlumacze",
                    "Baza tłumaczy społecznych",
                    "Miasto prowadzi bazę osób, które znają polski i inny język i mogą pomóc w rozmowie w "
                    "urzędzie, szkole lub przychodni.",
                ),
            ],
        ),
        (
            10,
            "Dodano popołudniowe i sobotnie godziny otwarcia oraz infolinię (uwagi Kwame i Oksany), "
            "szkolenie i wynagrodzenie tłumaczy społecznych (uwaga Siarheia) oraz nową część o ocenie "
            "działania punktu.",
            [
                (
                    "dlaczego",
                    "Dlaczego to ważne",
                    "Osoby, które przyjechały do Lublina z innych krajów, często nie wiedzą, gdzie załatwić "
                    "sprawę, a w urzędzie, szkole czy przychodni tłumaczą im dzieci albo przypadkowe osoby. "
                    "Rekomendacje z warsztatów dialogu społecznego o polityce integracji wskazują na "
                    "potrzebę gorącej linii, punktu informacyjno-integracyjnego i bazy tłumaczy społecznych.",
                ),
                (
                    "punkt",
                    "Punkt informacyjno-integracyjny",
                    "Rada proponuje, by w centrum miasta działał punkt, czynny także w jedno popołudnie w "
                    "tygodniu i w sobotę, w którym można dostać informację o meldunku, pracy, szkołach i "
                    "pomocy społecznej po polsku, ukraińsku, rosyjsku i angielsku. Punkt prowadzi też "
                    "infolinię w tych samych językach.",
                ),
                (
                    "tlumacze",
                    "Baza tłumaczy społecznych",
                    "Miasto prowadzi bazę osób, które znają polski i inny język i mogą pomóc w rozmowie w "
                    "urzędzie, szkole lub przychodni. Osoby z bazy przechodzą krótkie szkolenie z zasad "
                    "pracy tłumacza i ochrony danych, a za swoją pracę otrzymują wynagrodzenie.",
                ),
                (
                    "ocena",
                    "Jak sprawdzimy, czy to działa",
                    "Po roku działania punktu rada zapyta osoby, które z niego korzystały, czy dostały "
                    "potrzebną pomoc, i opublikuje wyniki.",
                ),
            ],
        ),
    ],
    "comments": [
        (
            24,
            "council",
            "punkt",
            "en",
            "Most of us work during office hours. If the point is open only from 8 to 3, students and "
            "workers will never come. Could it open one afternoon a week and on Saturdays?",
            [
                (
                    5,
                    "oksana",
                    "uk",
                    "Підтримую. І варто додати телефонну лінію: не всі можуть прийти особисто.",
                )
            ],
        ),
        (
            21,
            "siarhei",
            "tlumacze",
            "ru",
            "Переводчики не должны работать бесплатно. Если город хочет, чтобы база работала, людям нужно "
            "платить и обучить их хотя бы основам конфиденциальности.",
            [
                (
                    20,
                    "nino",
                    "pl",
                    "Zgadzam się. Tłumacz w przychodni słyszy bardzo prywatne rzeczy, szkolenie z ochrony "
                    "danych jest konieczne.",
                )
            ],
        ),
        (
            5,
            "oksana",
            "ocena",
            "uk",
            "Добре, що з'явилася оцінка. Пропоную питати людей їхньою мовою, а не лише польською.",
            [],
        ),
        (
            3,
            "siarhei",
            "punkt",
            "ru",
            "Теперь хорошо. Может быть, стоит записать, что в пункте работает хотя бы один сотрудник с "
            "опытом миграции?",
            [
                (
                    6,
                    "secretariat",
                    "pl",
                    "Dziękuję, przekażę tę propozycję Biuru Obsługi Mieszkańców przed kolejną wersją.",
                )
            ],
        ),
    ],
}

ASSISTANTS = {
    "title": "Opinia w sprawie asystentów międzykulturowych w lubelskich szkołach",
    "summary": (
        "Rada popiera zatrudnienie asystentów międzykulturowych w szkołach i przedszkolach i proponuje, jak "
        "ich wybierać i wspierać."
    ),
    "versions": [
        (
            18,
            "",
            [
                (
                    "stan",
                    "Stan obecny",
                    "W lubelskich szkołach i przedszkolach uczy się coraz więcej dzieci z doświadczeniem "
                    "migracji. Grupa robocza „Edukacja” Komisji Dialogu Obywatelskiego wskazała, że "
                    "nauczyciele potrzebują wsparcia w kontakcie z uczniami i ich rodzicami.",
                ),
                (
                    "propozycja",
                    "Co proponujemy",
                    "Asystent międzykulturowy pracuje w szkole na stałe, zna język ucznia i polski, pomaga w "
                    "rozmowach z rodzicami i w pierwszych tygodniach nauki. Rada proponuje zacząć od szkół, "
                    "w których uczy się najwięcej dzieci z doświadczeniem migracji.",
                ),
                (
                    "wybor",
                    "Jak wybierać asystentów",
                    "Asystentami mogą zostać także osoby z doświadczeniem migracji, bez względu na "
                    "obywatelstwo. Miasto zapewnia im szkolenie i opiekę mentora.",
                ),
            ],
        ),
    ],
    "comments": [
        (
            14,
            "nino",
            "wybor",
            "pl",
            "Dobrze, że obywatelstwo nie ma znaczenia. Wiele osób z Gruzji i Ukrainy pracowało w domu jako "
            "nauczycielki.",
            [],
        ),
    ],
    # (opened days ago, closes in days, question, ballots cast so far)
    "open_vote": (
        2,
        5,
        "Czy Rada przyjmuje „Opinię w sprawie asystentów międzykulturowych w lubelskich szkołach” (wersja 1) "
        "jako swoją opinię?",
        {"oksana": Choice.FOR, "siarhei": Choice.FOR, "nino": Choice.AGAINST},
    ),
}


# --- The meetings -----------------------------------------------------------------------------------------

PLACE = "Ratusz, pl. Króla Władysława Łokietka 1, Lublin"
ONLINE_LINK = f"https://spotkania.{DOMAIN}/rada-migrantow"

PAST_MEETING = {
    "title": "II posiedzenie Rady Migrantów i Migrantek",
    "days": -21,
    # (title, draft: "integration", "info_point", "assistants" or None)
    "agenda": [
        ("Otwarcie posiedzenia i przyjęcie porządku obrad", None),
        ("Opinia o założeniach miejskiej polityki integracji: wynik głosowania", "integration"),
        (
            "Punkt informacyjny i baza tłumaczy społecznych: pierwsze czytanie projektu stanowiska",
            "info_point",
        ),
        ("Sprawy różne", None),
    ],
    "attendance": {
        "oksana": AttendanceStatus.PRESENT,
        "council": AttendanceStatus.PRESENT,
        "secretariat": AttendanceStatus.PRESENT,
        "siarhei": AttendanceStatus.PRESENT,
        "nino": AttendanceStatus.EXCUSED,
        "mehmet": AttendanceStatus.ABSENT,
        "aisha": AttendanceStatus.PRESENT,
        "andrii": AttendanceStatus.PRESENT,
    },
    "minutes": "\n\n".join(
        [
            "Posiedzenie otworzyła przewodnicząca rady Oksana Petrenko. W posiedzeniu wzięło udział sześć "
            "osób z ośmiu członków i członkiń rady; Nino Beridze usprawiedliwiła nieobecność. Rada przyjęła "
            "porządek obrad bez zmian.",
            "1. Opinia o założeniach miejskiej polityki integracji. Sekretarz rady przedstawiła wynik "
            "głosowania: głosowało 5 z 8 członków i członkiń rady (kworum: 4); 3 głosy za, 1 przeciw, 1 "
            "wstrzymujący się. Opinia została przyjęta. Rada poprosiła sekretariat o opublikowanie jej na "
            "stronie rady i przekazanie Komisji Dialogu Obywatelskiego.",
            "2. Punkt informacyjny i baza tłumaczy społecznych. Rada omówiła pierwszą wersję projektu "
            "stanowiska. Członkowie i członkinie zgłosili potrzebę godzin popołudniowych i sobotnich, "
            "infolinii oraz szkolenia i wynagrodzenia dla tłumaczy społecznych. Sekretariat przygotuje "
            "wersję 2 do dalszej dyskusji.",
            "3. Sprawy różne. Andrii Kovalchuk poinformował, że jego kadencja kończy się przed kolejnym "
            "posiedzeniem. Rada podziękowała mu za pracę. Następne posiedzenie odbędzie się za około trzy "
            "tygodnie; porządek obrad zostanie opublikowany na stronie rady.",
        ]
    ),
    "minutes_published_days_ago": 14,
}

UPCOMING_MEETING = {
    "title": "III posiedzenie Rady Migrantów i Migrantek",
    "days": 12,
    "agenda": [
        ("Otwarcie posiedzenia i przyjęcie porządku obrad", None),
        ("Wynik głosowania nad opinią w sprawie asystentów międzykulturowych", "assistants"),
        ("Punkt informacyjny i baza tłumaczy społecznych: wersja 2 projektu stanowiska", "info_point"),
        ("Plan pracy rady na kolejny rok", None),
        ("Sprawy różne", None),
    ],
}


# --- Entry point ------------------------------------------------------------------------------------------


def load(home, password=None, say=lambda message: None) -> list[Login]:
    """Creates what is missing of the council demo under `home` (the Polish home page). Returns the logins
    load_demo prints (the chair's)."""
    now = timezone.now()
    page = _council_page(home)
    people = _people(password)
    seats = _seats(people)
    secretariat = people["secretariat"]
    if secretariat is None:
        raise ValueError(f"The demo secretariat account secretariat@{DOMAIN} is missing; run load_demo.")
    if not VotingRules.objects.exists():
        VotingRules.objects.create(quorum_percent=QUORUM_PERCENT, majority=MAJORITY, updated_at=now)

    drafts = {
        "integration": _adopted_opinion(INTEGRATION, people, seats, secretariat, now),
        "info_point": _draft(INFO_POINT, people, secretariat, now, DraftStatus.IN_DISCUSSION)[0],
        "assistants": _draft_in_vote(ASSISTANTS, people, seats, secretariat, now),
    }
    _meeting(PAST_MEETING, drafts, seats, now)
    _meeting(UPCOMING_MEETING, drafts, seats, now)
    say(
        f"  migrant council: page “{page.title}” in {1 + len(TRANSLATIONS)} languages, "
        f"{Membership.objects.current().count()} current members, "
        f"{CouncilDraft.objects.count()} drafts, {Meeting.objects.count()} meetings"
    )
    chair = next(seat for seat in SEATS if seat.role == Role.CHAIR)
    return [Login("Council member (chair)", chair.email)]


# --- Page ------------------------------------------------------------------------------------------------


def _locale(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def _publish(page, fields):
    page = type(page).objects.get(pk=page.pk)  # current tree fields, so publishing keeps numchild right
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _council_page(home) -> CouncilPage:
    existing = Page.objects.child_of(home).filter(slug=PAGE_SLUG).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, CouncilPage):
            raise ValueError(f"The page {existing.url_path} is not a council page; move it and try again.")
    else:
        page = CouncilPage(slug=PAGE_SLUG, locale=home.locale, **PAGE_TEXT["pl"])
        Page.objects.get(pk=home.pk).add_child(instance=page)
        page.save_revision().publish()
    for language in TRANSLATIONS:
        if page.get_translation_or_none(_locale(language)) is None:
            copy = page.copy_for_translation(_locale(language), copy_parents=True).specific
            _publish(copy, PAGE_TEXT[language])
    return CouncilPage.objects.get(pk=page.pk)


# --- People ----------------------------------------------------------------------------------------------


def _people(password) -> dict:
    """The accounts of the seats, by seat key: made here when missing ("new"), load_demo's otherwise."""
    user_model = get_user_model()
    hashed = make_password(password) if password is not None else None  # hashing once is enough for a demo
    people = {}
    for seat in SEATS:
        if not seat.account:
            continue
        user = user_model.objects.filter(email__iexact=seat.email).first()
        if seat.account == "new":
            if user is None:
                user = user_model(
                    username=seat.email,
                    email=seat.email,
                    display_name=seat.name,
                    preferred_language=seat.preferred_language,
                )
                if password is None:
                    user.set_unusable_password()
            if hashed is not None:
                user.password = hashed
            user.is_active = True
            user.save()
            address, _created = EmailAddress.objects.get_or_create(user=user, email=seat.email)
            if not (address.verified and address.primary):
                address.verified = address.primary = True
                address.save()
        people[seat.key] = user
    return people


def _seats(people) -> dict:
    """Every seat, by key: made when missing, with a two-year term that includes today (or that ended)."""
    today = timezone.localdate()
    seats = {}
    for seat in SEATS:
        user = people.get(seat.key)
        if seat.ended_days_ago is None:
            term_start = today - datetime.timedelta(days=300)
        else:
            term_start = today - datetime.timedelta(days=seat.ended_days_ago + TERM_DAYS - 1)
        membership, created = Membership.objects.get_or_create(
            invited_email=seat.email,
            defaults={
                "user": user,
                "name": seat.name,
                "organisation": seat.organisation,
                "languages": seat.languages,
                "role": seat.role,
                "term_start": term_start,
                "term_end": term_start + datetime.timedelta(days=TERM_DAYS - 1),
                "invited_at": timezone.now() - datetime.timedelta(days=(today - term_start).days + 14),
            },
        )
        if membership.user_id is None and user is not None:
            membership.user = user
            membership.save(update_fields=["user"])
        if user is not None and seat.key not in KEEP_GROUPS:
            membership_services.sync_group(user)
        seats[seat.key] = membership
    return seats


# --- Drafts, comments and votes --------------------------------------------------------------------------


def _ago(now, days, hours=0):
    return now - datetime.timedelta(days=days, hours=hours)


def _draft(spec, people, secretariat, now, status) -> tuple[CouncilDraft, bool]:
    """The draft with its versions, section rows and comments; created only when missing."""
    existing = CouncilDraft.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing, False
    versions = spec["versions"]
    created_at = _ago(now, versions[0][0])
    draft = CouncilDraft.objects.create(
        title=spec["title"],
        summary=spec["summary"],
        status=status,
        created_by=secretariat,
        created_at=created_at,
        updated_at=_ago(now, versions[-1][0]),
    )
    rows = {}
    for key, heading, _text in versions[-1][2] + [s for v in versions[:-1] for s in v[2]]:
        if key not in rows:
            rows[key] = CouncilDraftSection.objects.create(draft=draft, position=len(rows), heading=heading)
    for number, (days, change_note, sections) in enumerate(versions, start=1):
        CouncilDraftVersion.objects.create(
            draft=draft,
            number=number,
            sections=[
                {"key": str(rows[key].key), "heading": heading, "text": text}
                for key, heading, text in sections
            ],
            change_note=change_note,
            created_by=secretariat,
            created_at=_ago(now, days),
        )
    section_type = ContentType.objects.get_for_model(CouncilDraftSection)
    for days, author, key, language, text, replies in spec["comments"]:
        created = _ago(now, days)
        comment = Comment.objects.create(
            target_type=section_type,
            target_id=rows[key].pk,
            author=people[author],
            text=text,
            language=language,
            consent_to_publish=True,  # as post_comment: seen by the place's audience, here the council
            created_at=created,
        )
        for hours, reply_author, reply_language, reply_text in replies:
            Comment.objects.create(
                target_type=section_type,
                target_id=rows[key].pk,
                parent=comment,
                author=people[reply_author],
                text=reply_text,
                language=reply_language,
                consent_to_publish=True,
                created_at=min(created + datetime.timedelta(hours=hours), now),
            )
    return draft, True


def _open_vote(draft, question, opens_at, closes_at, seats, secretariat) -> Vote:
    """A vote as voting.open_vote makes it: the council's rules (the demo's, whatever they were changed
    to since) and the members current when it opens, one seat per person."""
    day = timezone.localdate(opens_at)
    eligible = [seat for seat in seats.values() if seat.is_current(day)]
    vote = Vote.objects.create(
        draft=draft,
        version=draft.versions.order_by("-number").first(),
        question=question,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum_percent=QUORUM_PERCENT,
        majority=MAJORITY,
        eligible_count=len(eligible),
        created_by=secretariat,
    )
    vote.eligible.set(eligible)
    return vote


def _cast(vote, seats, ballots, start, end) -> None:
    """Ballots of the named seats, spread between `start` and `end`."""
    step = (end - start) / (len(ballots) + 1)
    for index, (key, choice) in enumerate(ballots.items(), start=1):
        Ballot.objects.create(vote=vote, membership=seats[key], choice=choice, cast_at=start + step * index)


def _adopted_opinion(spec, people, seats, secretariat, now) -> CouncilDraft:
    """The draft voted on and adopted, its result counted by voting.record_result, and the opinion
    published by opinions.publish_opinion."""
    draft, created = _draft(spec, people, secretariat, now, DraftStatus.IN_VOTE)
    if not created:
        return draft
    opened, closed, question, ballots = spec["vote"]
    vote = _open_vote(draft, question, _ago(now, opened), _ago(now, closed), seats, secretariat)
    _cast(vote, seats, ballots, vote.opens_at, vote.closes_at)
    record_result(vote)  # counts the ballots once; an adopted result makes the draft "adopted"
    Vote.objects.filter(pk=vote.pk).update(counted_at=vote.closes_at + datetime.timedelta(minutes=5))
    CouncilDraft.objects.filter(pk=draft.pk).update(updated_at=vote.closes_at + datetime.timedelta(minutes=5))
    draft.refresh_from_db()
    opinion, _created = publish_opinion(secretariat, draft)
    opinion.published_at = _ago(now, spec["published_days_ago"])
    opinion.save(update_fields=["published_at"])
    return draft


def _draft_in_vote(spec, people, seats, secretariat, now) -> CouncilDraft:
    draft, created = _draft(spec, people, secretariat, now, DraftStatus.IN_VOTE)
    if not created:
        return draft
    opened, closes_in, question, ballots = spec["open_vote"]
    opens_at = _ago(now, opened)
    vote = _open_vote(draft, question, opens_at, now + datetime.timedelta(days=closes_in), seats, secretariat)
    _cast(vote, seats, ballots, opens_at, now)
    CouncilDraft.objects.filter(pk=draft.pk).update(updated_at=opens_at)
    return draft


# --- Meetings --------------------------------------------------------------------------------------------


def _meeting(spec, drafts, seats, now) -> Meeting:
    existing = Meeting.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return existing
    starts_at = (timezone.localtime(now) + datetime.timedelta(days=spec["days"])).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    minutes = spec.get("minutes", "")
    published = spec.get("minutes_published_days_ago")
    meeting = Meeting.objects.create(
        title=spec["title"],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place=PLACE,
        online_link=ONLINE_LINK,
        agenda_published=True,
        minutes=minutes,
        minutes_published_at=_ago(now, published) if published is not None else None,
        created_at=min(starts_at - datetime.timedelta(days=14), now),
    )
    for position, (title, draft_key) in enumerate(spec["agenda"], start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=title, draft=drafts[draft_key] if draft_key else None
        )
    day = timezone.localdate(starts_at)
    for key, status in spec.get("attendance", {}).items():
        if seats[key].is_current(day):
            Attendance.objects.create(meeting=meeting, membership=seats[key], status=status)
    return meeting
