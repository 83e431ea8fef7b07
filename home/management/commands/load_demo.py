"""Fills the site with a realistic Lublin demo: the integration-policy process, the Civic Dialogue Commission,
its four working groups, news, events, good practices, a consultation, the accessibility statement (with
English, Ukrainian and Russian translations of the main pages) and one account per role.

Facts (names of bodies, dates, figures) come from the source documents in shared/seeds/; the prose is
written for the demo. Running the command again updates everything in place and creates nothing twice.
"""

import datetime
import logging
import os
import secrets
from collections import Counter
from dataclasses import dataclass
from html import escape

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from citysite.accounts.protected_groups import PROTECTED_GROUPS, changing_membership
from consultations.demo import build_demo_consultations
from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import (
    AccessibilityStatementPage,
    ComplianceStatus,
    EventIndexPage,
    EventPage,
    GoodPracticeArea,
    GoodPracticeIndexPage,
    GoodPracticePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ReportPage,
    StandardPage,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from migrant_council.demo import load as load_demo_council
from migrant_council.models import CouncilPage
from ombudsperson.demo import load as load_demo_ombudsperson
from ombudsperson.models import OmbudspersonPage
from proposals.demo import load as load_demo_proposals

TRANSLATIONS = ["en", "uk", "ru"]
DEMO_DOMAIN = "demo.otwartemiasto.pl"


# --- StreamField helpers: raw (JSON-shaped) block data ---------------------------------------------


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def call_to_action(title, link_text, text="", page=None, url=""):
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "page": page.pk if page else None,
            "url": url,
            "link_text": link_text,
        },
    }


def bullets(items, tag="ul"):
    return f"<{tag}>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + f"</{tag}>"


def paragraphs(*texts):
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)


# --- The Civic Dialogue Commission (seed 000) ------------------------------------------------------

KDO_MEMBERS_2023 = [
    "Stowarzyszenie Homo Faber",
    "Fundacja Instytut na rzecz Państwa Prawa",
    "Fundacja Kultury Duchowej Pogranicza",
    "Stowarzyszenie Centrum Wolontariatu",
    "Fundacja Sempre a Frente",
    "Stowarzyszenie „Dla Ziemi”",
    "wydelegowani pracownicy i pracownice Urzędu Miasta Lublin",
]
KDO_JOINED_2023 = [
    "Ukraińska Organizacja Skautowa „Płast” (od lutego 2023 r.)",
    "Fundacja Ośrodek Kultury Białoruskiej „Doświed” (od lutego 2023 r.)",
    "Fundacja „Siła Jedności”, założona przez uchodźczynię z Ukrainy mieszkającą w Lublinie (od czerwca 2023 "
    "r.)",
]
KDO_MEETINGS_2023 = [
    datetime.date(2023, 2, 3),
    datetime.date(2023, 3, 10),
    datetime.date(2023, 4, 21),
    datetime.date(2023, 5, 26),
    datetime.date(2023, 6, 30),
    datetime.date(2023, 7, 28),
    datetime.date(2023, 8, 25),
    datetime.date(2023, 10, 3),
]
POLISH_MONTHS = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


def polish_date(day):
    return f"{day.day} {POLISH_MONTHS[day.month - 1]} {day.year} r."


# --- Home page, in four languages ------------------------------------------------------------------

HOME_TEXT = {
    "pl": {
        "title": "Otwarte Miasto Lublin",
        "intro": (
            "Lublin przygotowuje miejską politykę integracji migrantów i migrantek. Projekt piszą Komisja "
            "Dialogu Obywatelskiego i cztery grupy robocze, a głos może zabrać każda osoba mieszkająca w "
            "Lublinie, niezależnie od obywatelstwa. Sprawdź, na jakim etapie jesteśmy, weź udział w "
            "konsultacjach i przyjdź na spotkania."
        ),
        "timeline_title": "Jak powstaje polityka integracji Lublina",
    },
    "en": {
        "title": "Open City Lublin",
        "intro": (
            "Lublin is preparing a city policy for the integration of migrants. The Civic Dialogue "
            "Commission and four working groups are drafting it, and everyone who lives in Lublin can have a "
            "say, whatever their citizenship. See where we are in the process, take part in consultations "
            "and come to our meetings."
        ),
        "timeline_title": "How Lublin's integration policy is made",
    },
    "uk": {
        "title": "Відкрите місто Люблін",
        "intro": (
            "Люблін готує міську політику інтеграції мігрантів і мігранток. Її проєкт розробляють Комісія "
            "громадського діалогу та чотири робочі групи, а висловитися може кожна людина, яка живе в "
            "Любліні, незалежно від громадянства. Дізнайтеся, на якому етапі ми зараз, візьміть участь у "
            "консультаціях і приходьте на зустрічі."
        ),
        "timeline_title": "Як створюється політика інтеграції Любліна",
    },
    "ru": {
        "title": "Открытый город Люблин",
        "intro": (
            "Люблин готовит городскую политику интеграции мигрантов и мигранток. Её проект разрабатывают "
            "Комиссия гражданского диалога и четыре рабочие группы, а высказаться может каждый, кто живёт в "
            "Люблине, независимо от гражданства. Узнайте, на каком этапе мы сейчас, примите участие в "
            "консультациях и приходите на встречи."
        ),
        "timeline_title": "Как создаётся политика интеграции Люблина",
    },
}

# (state, {language: (title, period, description)})
TIMELINE = [
    (
        "done",
        {
            "pl": (
                "Prace Komisji Dialogu Obywatelskiego",
                "2023",
                "Komisja Dialogu Obywatelskiego do spraw miejskiego Systemu Wsparcia Integracji spotkała się "
                "formalnie 8 razy. Tworzą ją organizacje społeczne, także migranckie, oraz pracownicy Urzędu "
                "Miasta Lublin.",
            ),
            "en": (
                "The Civic Dialogue Commission at work",
                "2023",
                "The Civic Dialogue Commission for the city's integration support system met formally 8 "
                "times. Its members are civil society organisations, including migrant organisations, and "
                "staff of Lublin City Hall.",
            ),
            "uk": (
                "Робота Комісії громадського діалогу",
                "2023",
                "Комісія громадського діалогу у справах міської системи підтримки інтеграції офіційно "
                "збиралася 8 разів. До її складу входять громадські організації, зокрема мігрантські, та "
                "працівники мерії Любліна.",
            ),
            "ru": (
                "Работа Комиссии гражданского диалога",
                "2023",
                "Комиссия гражданского диалога по делам городской системы поддержки интеграции официально "
                "собиралась 8 раз. В её состав входят общественные организации, в том числе мигрантские, и "
                "сотрудники мэрии Люблина.",
            ),
        },
    ),
    (
        "done",
        {
            "pl": (
                "Cztery grupy robocze",
                "październik–listopad 2023",
                "Edukacja, czas wolny, potrzeby podstawowe oraz interwencja kryzysowa i bezpieczeństwo: "
                "wydziały urzędu, miejskie instytucje, uczelnie i organizacje wspólnie opisały potrzeby i "
                "możliwe rozwiązania.",
            ),
            "en": (
                "Four working groups",
                "October–November 2023",
                "Education, leisure, basic needs, and crisis intervention and safety: city departments, "
                "municipal institutions, universities and organisations described needs and possible "
                "solutions together.",
            ),
            "uk": (
                "Чотири робочі групи",
                "жовтень–листопад 2023",
                "Освіта, дозвілля, базові потреби, кризове втручання та безпека: відділи мерії, міські "
                "установи, університети й організації разом описали потреби та можливі рішення.",
            ),
            "ru": (
                "Четыре рабочие группы",
                "октябрь–ноябрь 2023",
                "Образование, досуг, базовые потребности, кризисное вмешательство и безопасность: отделы "
                "мэрии, городские учреждения, университеты и организации вместе описали потребности и "
                "возможные решения.",
            ),
        },
    ),
    (
        "current",
        {
            "pl": (
                "Projekt polityki integracji",
                "2024",
                "Zespół KDO łączy wnioski grup roboczych w propozycję miejskiej polityki integracji. "
                "Zbieramy też opinie mieszkańców, organizacji i środowisk migranckich o jej założeniach.",
            ),
            "en": (
                "Drafting the integration policy",
                "2024",
                "The KDO team is turning the working groups' conclusions into a proposed city integration "
                "policy. We are also collecting the views of residents, organisations and migrant "
                "communities on its main principles.",
            ),
            "uk": (
                "Підготовка проєкту політики інтеграції",
                "2024",
                "Команда KDO об'єднує висновки робочих груп у пропозицію міської політики інтеграції. Ми "
                "також збираємо думки мешканців, організацій і мігрантських спільнот щодо її засад.",
            ),
            "ru": (
                "Подготовка проекта политики интеграции",
                "2024",
                "Команда KDO объединяет выводы рабочих групп в предложение городской политики интеграции. Мы "
                "также собираем мнения жителей, организаций и сообществ мигрантов о её основных принципах.",
            ),
        },
    ),
    (
        "upcoming",
        {
            "pl": (
                "Konsultacje społeczne projektu",
                "jesień 2024",
                "Projekt trafi do szerokich konsultacji. Może w nich wziąć udział każda osoba mieszkająca w "
                "Lublinie, niezależnie od obywatelstwa, w jednym z czterech języków.",
            ),
            "en": (
                "Public consultation on the draft",
                "autumn 2024",
                "The draft will go to a broad public consultation. Anyone who lives in Lublin can take part, "
                "whatever their citizenship, in any of four languages.",
            ),
            "uk": (
                "Громадські консультації щодо проєкту",
                "осінь 2024",
                "Проєкт буде винесено на широкі громадські консультації. Взяти в них участь може кожна "
                "людина, яка живе в Любліні, незалежно від громадянства, однією з чотирьох мов.",
            ),
            "ru": (
                "Общественные консультации по проекту",
                "осень 2024",
                "Проект будет вынесен на широкие общественные консультации. Принять в них участие может "
                "любой житель Люблина независимо от гражданства на одном из четырёх языков.",
            ),
        },
    ),
    (
        "upcoming",
        {
            "pl": (
                "Przyjęcie przez Radę Miasta Lublin",
                "po konsultacjach",
                "Po uwzględnieniu uwag z konsultacji projekt polityki trafi pod obrady Rady Miasta Lublin. "
                "Opublikujemy raport: o co pytaliśmy, co usłyszeliśmy i co z tym zrobimy.",
            ),
            "en": (
                "Adoption by Lublin City Council",
                "after the consultation",
                "Once the consultation feedback has been taken into account, the draft policy will go to "
                "Lublin City Council. We will publish a report: what we asked, what you said and what we "
                "will do.",
            ),
            "uk": (
                "Ухвалення Міською радою Любліна",
                "після консультацій",
                "Після врахування зауважень із консультацій проєкт політики буде передано на розгляд Міської "
                "ради Любліна. Ми опублікуємо звіт: про що ми питали, що почули і що з цим зробимо.",
            ),
            "ru": (
                "Принятие Городским советом Люблина",
                "после консультаций",
                "После учёта замечаний из консультаций проект политики будет передан на рассмотрение "
                "Городского совета Люблина. Мы опубликуем отчёт: о чём мы спрашивали, что услышали и что "
                "будем делать.",
            ),
        },
    ),
    (
        "upcoming",
        {
            "pl": (
                "Wdrażanie i monitorowanie",
                "po przyjęciu polityki",
                "Realizacja zaplanowanych działań, coroczne sprawozdania i ocena postępów z udziałem Rady "
                "Migrantów i Migrantek.",
            ),
            "en": (
                "Implementation and monitoring",
                "after adoption",
                "Carrying out the planned actions, with annual reports and progress reviews involving the "
                "Migrant Council.",
            ),
            "uk": (
                "Впровадження та моніторинг",
                "після ухвалення політики",
                "Реалізація запланованих заходів, щорічні звіти та оцінка прогресу за участю Ради мігрантів "
                "і мігранток.",
            ),
            "ru": (
                "Реализация и мониторинг",
                "после принятия политики",
                "Выполнение запланированных мер, ежегодные отчёты и оценка прогресса с участием Совета "
                "мигрантов и мигранток.",
            ),
        },
    ),
]

# {language: [(title, text, link text), ...]}: the migrant council, then the ombudsperson.
REACH_US = {
    "pl": [
        (
            "Rada Migrantów i Migrantek",
            "Osoby z doświadczeniem migracji doradzają miastu: opiniują projekty dokumentów, zgłaszają "
            "sprawy ważne dla migranckich mieszkańców i publikują przyjęte opinie. Posiedzenia są otwarte.",
            "Poznaj radę",
        ),
        (
            "Rzecznik Praw Migrantów i Migrantek",
            "Jeśli w urzędzie, szkole, przychodni czy w pracy spotkało Cię niesprawiedliwe traktowanie, "
            "zgłoś sprawę poufnie. Zgłoszenie przeczyta tylko zespół rzecznika. Możesz pisać po polsku, "
            "angielsku, ukraińsku lub rosyjsku.",
            "Jak zgłosić sprawę",
        ),
    ],
    "en": [
        (
            "Migrant Council",
            "People with migration experience advise the city: they comment on draft documents, raise issues "
            "that matter to migrant residents and publish their adopted opinions. Meetings are open to the "
            "public.",
            "Meet the council",
        ),
        (
            "Migrants' Ombudsperson",
            "If you have been treated unfairly at a public office, school, clinic or at work, you can report "
            "it confidentially. Only the ombudsperson's team will read it. You can write in Polish, English, "
            "Ukrainian or Russian.",
            "How to report a case",
        ),
    ],
    "uk": [
        (
            "Рада мігрантів і мігранток",
            "Люди з міграційним досвідом консультують місто: висловлюють думку щодо проєктів документів, "
            "порушують питання, важливі для мешканців-мігрантів, і публікують ухвалені висновки. Засідання "
            "відкриті.",
            "Дізнатися про раду",
        ),
        (
            "Омбудсман у справах мігрантів",
            "Якщо в установі, школі, поліклініці чи на роботі з вами повелися несправедливо, повідомте про "
            "це конфіденційно. Ваше звернення прочитає лише команда омбудсмана. Писати можна польською, "
            "англійською, українською або російською.",
            "Як подати звернення",
        ),
    ],
    "ru": [
        (
            "Совет мигрантов и мигранток",
            "Люди с миграционным опытом консультируют город: дают заключения по проектам документов, "
            "поднимают вопросы, важные для жителей-мигрантов, и публикуют принятые мнения. Заседания "
            "открыты.",
            "Узнать о совете",
        ),
        (
            "Омбудсмен по правам мигрантов",
            "Если в учреждении, школе, поликлинике или на работе с вами обошлись несправедливо, сообщите об "
            "этом конфиденциально. Ваше обращение прочитает только команда омбудсмена. Писать можно на "
            "польском, английском, украинском или русском.",
            "Как подать обращение",
        ),
    ],
}

# The page the reach-us cards link to: what the migrant council and the ombudsperson are.
COUNCIL_PAGE_TEXT = {
    "pl": {
        "title": "Rada Migrantów i Migrantek oraz Rzecznik Praw Migrantów",
        "intro": (
            "Dwie instytucje, o które prosiły środowiska migranckie: rada, która doradza miastu, i rzecznik, "
            "do którego można zwrócić się poufnie."
        ),
        "council_heading": "Rada Migrantów i Migrantek",
        "council": paragraphs(
            "Rada jest ciałem doradczym miasta. Zasiadają w niej osoby z doświadczeniem migracji, które "
            "mieszkają, pracują lub uczą się w Lublinie. Rada opiniuje projekty miejskich dokumentów, w tym "
            "politykę integracji, i zgłasza sprawy ważne dla migranckich mieszkańców.",
            "Na tej platformie publikujemy skład rady, terminy posiedzeń, protokoły i przyjęte opinie.",
        ),
        "ombudsperson_heading": "Rzecznik Praw Migrantów i Migrantek",
        "ombudsperson": paragraphs(
            "Rzecznik pomaga, gdy ktoś doświadczył niesprawiedliwego traktowania lub dyskryminacji w "
            "kontakcie z urzędem, szkołą, placówką ochrony zdrowia, pracodawcą czy wynajmującym."
        )
        + bullets(
            [
                "Sprawę zgłaszasz przez formularz, bez zakładania konta, także anonimowo. Nie pytamy o "
                "obywatelstwo, numer PESEL ani dokumenty pobytowe.",
                "Zgłoszenia czyta wyłącznie zespół rzecznika. Są przechowywane w postaci zaszyfrowanej i "
                "usuwane po upływie okresu przechowywania.",
                "Możesz pisać po polsku, angielsku, ukraińsku lub rosyjsku.",
            ]
        ),
    },
    "en": {
        "title": "Migrant Council and Migrants' Ombudsperson",
        "intro": (
            "Two institutions that migrant communities asked for: a council that advises the city, and an "
            "ombudsperson you can turn to in confidence."
        ),
        "council_heading": "Migrant Council",
        "council": paragraphs(
            "The council advises the city. Its members are people with migration experience who live, work "
            "or study in Lublin. The council gives its opinion on draft city documents, including the "
            "integration policy, and raises issues that matter to migrant residents.",
            "On this platform we publish the council's members, meeting dates, minutes and adopted opinions.",
        ),
        "ombudsperson_heading": "Migrants' Ombudsperson",
        "ombudsperson": paragraphs(
            "The ombudsperson helps when someone has been treated unfairly or discriminated against by a "
            "public office, school, health-care provider, employer or landlord."
        )
        + bullets(
            [
                "You report a case through a form, without an account, anonymously if you wish. We never ask "
                "about citizenship, PESEL number or residence documents.",
                "Only the ombudsperson's team reads the reports. They are stored encrypted and deleted once "
                "the retention period is over.",
                "You can write in Polish, English, Ukrainian or Russian.",
            ]
        ),
    },
    "uk": {
        "title": "Рада мігрантів і мігранток та омбудсман у справах мігрантів",
        "intro": (
            "Дві інституції, про які просили мігрантські спільноти: рада, що консультує місто, і омбудсман, "
            "до якого можна звернутися конфіденційно."
        ),
        "council_heading": "Рада мігрантів і мігранток",
        "council": paragraphs(
            "Рада є дорадчим органом міста. До неї входять люди з міграційним досвідом, які живуть, працюють "
            "або навчаються в Любліні. Рада висловлює думку щодо проєктів міських документів, зокрема "
            "політики інтеграції, і порушує питання, важливі для мешканців-мігрантів.",
            "На цій платформі ми публікуємо склад ради, дати засідань, протоколи та ухвалені висновки.",
        ),
        "ombudsperson_heading": "Омбудсман у справах мігрантів",
        "ombudsperson": paragraphs(
            "Омбудсман допомагає, коли людина зазнала несправедливого ставлення чи дискримінації в установі, "
            "школі, закладі охорони здоров'я, з боку роботодавця чи орендодавця."
        )
        + bullets(
            [
                "Звернення подається через форму, без облікового запису, також анонімно. Ми не питаємо про "
                "громадянство, номер PESEL чи документи на перебування.",
                "Звернення читає лише команда омбудсмана. Вони зберігаються в зашифрованому вигляді й "
                "видаляються після закінчення строку зберігання.",
                "Писати можна польською, англійською, українською або російською.",
            ]
        ),
    },
    "ru": {
        "title": "Совет мигрантов и мигранток и омбудсмен по правам мигрантов",
        "intro": (
            "Два института, о которых просили сообщества мигрантов: совет, который консультирует город, и "
            "омбудсмен, к которому можно обратиться конфиденциально."
        ),
        "council_heading": "Совет мигрантов и мигранток",
        "council": paragraphs(
            "Совет является совещательным органом города. В него входят люди с миграционным опытом, которые "
            "живут, работают или учатся в Люблине. Совет даёт заключения по проектам городских документов, в "
            "том числе по политике интеграции, и поднимает вопросы, важные для жителей-мигрантов.",
            "На этой платформе мы публикуем состав совета, даты заседаний, протоколы и принятые мнения.",
        ),
        "ombudsperson_heading": "Омбудсмен по правам мигрантов",
        "ombudsperson": paragraphs(
            "Омбудсмен помогает, если человек столкнулся с несправедливым отношением или дискриминацией в "
            "учреждении, школе, медицинском учреждении, со стороны работодателя или арендодателя."
        )
        + bullets(
            [
                "Обращение подаётся через форму, без учётной записи, в том числе анонимно. Мы не "
                "спрашиваем о гражданстве, номере PESEL или документах на пребывание.",
                "Обращения читает только команда омбудсмена. Они хранятся в зашифрованном виде и удаляются "
                "по истечении срока хранения.",
                "Писать можно на польском, английском, украинском или русском.",
            ]
        ),
    },
}

# --- Working groups (seed 000), in four languages --------------------------------------------------

WORKING_GROUP_INDEX_TEXT = {
    "pl": (
        "Grupy robocze",
        "Jesienią 2023 roku Komisja Dialogu Obywatelskiego powołała cztery tematyczne grupy robocze. "
        "Przedstawiciele wydziałów Urzędu Miasta Lublin, miejskich instytucji, uczelni i organizacji "
        "społecznych, w tym migranckich, wspólnie opisali potrzeby i zaproponowali rozwiązania do projektu "
        "polityki integracji.",
    ),
    "en": (
        "Working groups",
        "In autumn 2023 the Civic Dialogue Commission set up four thematic working groups. Representatives "
        "of Lublin City Hall departments, municipal institutions, universities and civil society "
        "organisations, including migrant organisations, described needs together and proposed solutions for "
        "the draft integration policy.",
    ),
    "uk": (
        "Робочі групи",
        "Восени 2023 року Комісія громадського діалогу створила чотири тематичні робочі групи. Представники "
        "відділів мерії Любліна, міських установ, університетів і громадських організацій, зокрема "
        "мігрантських, разом описали потреби та запропонували рішення для проєкту політики інтеграції.",
    ),
    "ru": (
        "Рабочие группы",
        "Осенью 2023 года Комиссия гражданского диалога создала четыре тематические рабочие группы. "
        "Представители отделов мэрии Люблина, городских учреждений, университетов и общественных "
        "организаций, в том числе мигрантских, вместе описали потребности и предложили решения для проекта "
        "политики интеграции.",
    ),
}

CITY_DEPARTMENTS = [
    ("Biuro Obsługi Mieszkańców Urzędu Miasta Lublin (BOM)", "institution"),
    ("Wydział Oświaty i Wychowania Urzędu Miasta Lublin", "institution"),
    ("Wydział Zdrowia i Profilaktyki Urzędu Miasta Lublin", "institution"),
    ("Biuro Partycypacji Urzędu Miasta Lublin", "institution"),
    ("Biuro – Centrum Współpracy Międzynarodowej Urzędu Miasta Lublin", "institution"),
]
KDO_ORGANISATIONS = [
    ("Fundacja Sempre a Frente", "organisation"),
    ("Fundacja Kultury Duchowej Pogranicza", "organisation"),
    ("Stowarzyszenie „Dla Ziemi”", "organisation"),
    ("Stowarzyszenie Homo Faber", "organisation"),
    ("Fundacja „Siła Jedności”", "community"),
]
MOPR = ("Miejski Ośrodek Pomocy Rodzinie w Lublinie (MOPR)", "institution")
DOSWIED = ("Fundacja Ośrodek Kultury Białoruskiej „Doświed”", "community")


@dataclass
class WorkingGroup:
    slug: str
    meeting_date: datetime.date
    participants: list
    outcome_statuses: list
    # {language: {"title", "summary", "scope", "meeting": (title, summary), "outcomes": [(title, text)]}}
    text: dict


WORKING_GROUPS = [
    WorkingGroup(
        slug="edukacja",
        meeting_date=datetime.date(2023, 10, 17),
        participants=CITY_DEPARTMENTS
        + [
            ("Uniwersytet Marii Curie-Skłodowskiej (UMCS)", "institution"),
            ("Wyższa Szkoła Przedsiębiorczości i Administracji (WSPA)", "institution"),
            ("Centrum Języka i Kultury Polskiej UMCS", "institution"),
        ]
        + KDO_ORGANISATIONS
        + [("Instytut Aktywizacji i Rozwoju Społecznego", "organisation")],
        outcome_statuses=["discussed", "proposed", "adopted"],
        text={
            "pl": {
                "title": "Edukacja",
                "summary": (
                    "Edukacja formalna dzieci i młodzieży z doświadczeniem migracji oraz podnoszenie "
                    "kwalifikacji dorosłych: jak lubelskie szkoły, uczelnie i organizacje mogą lepiej "
                    "wspierać uczniów, rodziców i dorosłych uczących się."
                ),
                "scope": "<p>Grupa zajmuje się:</p>"
                + bullets(
                    [
                        "edukacją formalną dzieci i młodzieży, w tym przyjmowaniem uczniów do szkół i "
                        "wsparciem w nauce języka polskiego;",
                        "współpracą szkół z rodzicami, którzy nie mówią jeszcze po polsku;",
                        "podnoszeniem kwalifikacji dorosłych i uznawaniem ich wykształcenia;",
                        "przygotowaniem nauczycieli do pracy w klasach wielokulturowych.",
                    ]
                ),
                "meeting": (
                    "Spotkanie grupy roboczej „Edukacja”",
                    "Spotkanie poświęcone edukacji formalnej dzieci i młodzieży oraz podnoszeniu "
                    "kwalifikacji dorosłych, z udziałem wydziałów urzędu, uczelni i organizacji społecznych.",
                ),
                "outcomes": [
                    (
                        "Asystenci międzykulturowi w szkołach",
                        "Osoby znające język i kulturę uczniów wspierają nauczycieli, uczniów i rodziców w "
                        "pierwszych miesiącach nauki.",
                    ),
                    (
                        "Dodatkowe lekcje języka polskiego dla dorosłych",
                        "Bezpłatne kursy wieczorowe i weekendowe we współpracy z uczelniami, w tym z Centrum "
                        "Języka i Kultury Polskiej UMCS.",
                    ),
                    (
                        "Szkolenia z edukacji międzykulturowej dla nauczycieli",
                        "Cykl szkoleń z wrażliwości kulturowej i przeciwdziałania dyskryminacji w szkołach "
                        "prowadzonych przez miasto.",
                    ),
                ],
            },
            "en": {
                "title": "Education",
                "summary": (
                    "Formal education of children and young people with migration experience, and adult "
                    "upskilling: how Lublin's schools, universities and organisations can better support "
                    "pupils, parents and adult learners."
                ),
                "scope": "<p>The group works on:</p>"
                + bullets(
                    [
                        "formal education of children and young people, including school admission and "
                        "support in learning Polish;",
                        "cooperation between schools and parents who do not yet speak Polish;",
                        "adult upskilling and recognition of qualifications;",
                        "preparing teachers to work in multicultural classrooms.",
                    ]
                ),
                "meeting": (
                    "Meeting of the Education working group",
                    "A meeting on the formal education of children and young people and on adult upskilling, "
                    "with city departments, universities and civil society organisations.",
                ),
                "outcomes": [
                    (
                        "Intercultural assistants in schools",
                        "People who know the pupils' language and culture support teachers, pupils and "
                        "parents during the first months at school.",
                    ),
                    (
                        "Extra Polish lessons for adults",
                        "Free evening and weekend courses run with universities, including the UMCS Centre "
                        "of Polish Language and Culture.",
                    ),
                    (
                        "Intercultural education training for teachers",
                        "A series of training sessions on cultural sensitivity and anti-discrimination in "
                        "schools run by the city.",
                    ),
                ],
            },
            "uk": {
                "title": "Освіта",
                "summary": (
                    "Формальна освіта дітей і молоді з міграційним досвідом та підвищення кваліфікації "
                    "дорослих: як школи, університети й організації Любліна можуть краще підтримувати учнів, "
                    "батьків і дорослих, які навчаються."
                ),
                "scope": "<p>Група займається:</p>"
                + bullets(
                    [
                        "формальною освітою дітей і молоді, зокрема зарахуванням до шкіл і підтримкою у "
                        "вивченні польської мови;",
                        "співпрацею шкіл із батьками, які ще не говорять польською;",
                        "підвищенням кваліфікації дорослих і визнанням їхньої освіти;",
                        "підготовкою вчителів до роботи в мультикультурних класах.",
                    ]
                ),
                "meeting": (
                    "Засідання робочої групи «Освіта»",
                    "Зустріч, присвячена формальній освіті дітей і молоді та підвищенню кваліфікації "
                    "дорослих, за участю відділів мерії, університетів і громадських організацій.",
                ),
                "outcomes": [
                    (
                        "Міжкультурні асистенти в школах",
                        "Люди, які знають мову й культуру учнів, підтримують учителів, учнів і батьків у "
                        "перші місяці навчання.",
                    ),
                    (
                        "Додаткові уроки польської мови для дорослих",
                        "Безкоштовні вечірні курси та курси вихідного дня у співпраці з університетами, "
                        "зокрема з Центром польської мови та культури UMCS.",
                    ),
                    (
                        "Навчання з міжкультурної освіти для вчителів",
                        "Цикл тренінгів із культурної чутливості та протидії дискримінації в міських школах.",
                    ),
                ],
            },
            "ru": {
                "title": "Образование",
                "summary": (
                    "Формальное образование детей и молодёжи с миграционным опытом и повышение квалификации "
                    "взрослых: как школы, университеты и организации Люблина могут лучше поддерживать "
                    "учеников, родителей и взрослых учащихся."
                ),
                "scope": "<p>Группа занимается:</p>"
                + bullets(
                    [
                        "формальным образованием детей и молодёжи, в том числе зачислением в школы и "
                        "поддержкой в изучении польского языка;",
                        "сотрудничеством школ с родителями, которые ещё не говорят по-польски;",
                        "повышением квалификации взрослых и признанием их образования;",
                        "подготовкой учителей к работе в мультикультурных классах.",
                    ]
                ),
                "meeting": (
                    "Заседание рабочей группы «Образование»",
                    "Встреча, посвящённая формальному образованию детей и молодёжи и повышению квалификации "
                    "взрослых, с участием отделов мэрии, университетов и общественных организаций.",
                ),
                "outcomes": [
                    (
                        "Межкультурные ассистенты в школах",
                        "Люди, знающие язык и культуру учеников, поддерживают учителей, учеников и родителей "
                        "в первые месяцы учёбы.",
                    ),
                    (
                        "Дополнительные уроки польского языка для взрослых",
                        "Бесплатные вечерние курсы и курсы выходного дня в сотрудничестве с университетами, "
                        "в том числе с Центром польского языка и культуры UMCS.",
                    ),
                    (
                        "Обучение межкультурному образованию для учителей",
                        "Цикл тренингов по культурной чуткости и противодействию дискриминации в городских "
                        "школах.",
                    ),
                ],
            },
        },
    ),
    WorkingGroup(
        slug="czas-wolny",
        meeting_date=datetime.date(2023, 10, 31),
        participants=CITY_DEPARTMENTS
        + [
            ("Wydział Kultury Urzędu Miasta Lublin", "institution"),
            MOPR,
            ("Dzielnicowy Dom Kultury „Węglin”", "institution"),
            ("Miejska Biblioteka Publiczna w Lublinie", "institution"),
            ("Centrum Kultury w Lublinie", "institution"),
        ]
        + KDO_ORGANISATIONS
        + [
            ("Fundacja Rozwoju Europy Środkowo-Wschodniej", "organisation"),
            ("Fundacja Otwieracz", "organisation"),
            ("Towarzystwo Ukraińskie", "community"),
            ("VOKS Sławin", "organisation"),
            DOSWIED,
        ],
        outcome_statuses=["implemented", "proposed", "discussed"],
        text={
            "pl": {
                "title": "Czas wolny (kultura i sport)",
                "summary": (
                    "Kultura i sport jako otwarte przestrzenie integracji: jak domy kultury, biblioteki, "
                    "kluby i organizacje mogą zapraszać do wspólnego spędzania czasu mieszkańców różnego "
                    "pochodzenia."
                ),
                "scope": "<p>Grupa zajmuje się:</p>"
                + bullets(
                    [
                        "dostępnością oferty domów kultury, bibliotek i instytucji kultury dla osób, które "
                        "dopiero uczą się polskiego;",
                        "wydarzeniami międzykulturowymi i spotkaniami sąsiedzkimi, takimi jak Café Dialog w "
                        "bibliotekach;",
                        "sportem amatorskim jako okazją do poznania się;",
                        "wspieraniem inicjatyw kulturalnych samych społeczności migranckich.",
                    ]
                ),
                "meeting": (
                    "Spotkanie grupy roboczej „Czas wolny”",
                    "Spotkanie o kulturze i sporcie jako inkluzywnych przestrzeniach wspierania integracji, "
                    "z udziałem instytucji kultury, MOPR i organizacji społecznych.",
                ),
                "outcomes": [
                    (
                        "Spotkania Café Dialog w bibliotekach dzielnicowych",
                        "Regularne rozmowy mieszkańców dzielnic z cudzoziemcami mieszkającymi w Lublinie, w "
                        "filiach Miejskiej Biblioteki Publicznej.",
                    ),
                    (
                        "Informacja o ofercie kulturalnej w kilku językach",
                        "Program domów kultury i bibliotek publikowany także po ukraińsku, rosyjsku i "
                        "angielsku, w jednym kalendarzu wydarzeń.",
                    ),
                    (
                        "Otwarte rozgrywki sportowe",
                        "Turnieje w duchu akcji „Piłka nożna jest dla wszystkich”, organizowane razem z "
                        "klubami i organizacjami migranckimi.",
                    ),
                ],
            },
            "en": {
                "title": "Leisure (culture and sport)",
                "summary": (
                    "Culture and sport as open spaces for integration: how community centres, libraries, "
                    "clubs and organisations can bring together residents of different backgrounds."
                ),
                "scope": "<p>The group works on:</p>"
                + bullets(
                    [
                        "making what community centres, libraries and cultural institutions offer accessible "
                        "to people who are still learning Polish;",
                        "intercultural events and neighbourhood meetings such as Café Dialog in libraries;",
                        "amateur sport as a way to get to know each other;",
                        "supporting the cultural initiatives of migrant communities themselves.",
                    ]
                ),
                "meeting": (
                    "Meeting of the Leisure working group",
                    "A meeting on culture and sport as inclusive spaces that support integration, with "
                    "cultural institutions, MOPR and civil society organisations.",
                ),
                "outcomes": [
                    (
                        "Café Dialog meetings in neighbourhood libraries",
                        "Regular conversations between residents of Lublin's districts and foreigners living "
                        "in the city, in branches of the Municipal Public Library.",
                    ),
                    (
                        "Information about cultural events in several languages",
                        "The programmes of community centres and libraries published in Ukrainian, Russian "
                        "and English too, in a single calendar of events.",
                    ),
                    (
                        "Open sports tournaments",
                        "Tournaments in the spirit of the “Football is for everyone” campaign, organised "
                        "together with clubs and migrant organisations.",
                    ),
                ],
            },
            "uk": {
                "title": "Дозвілля (культура і спорт)",
                "summary": (
                    "Культура і спорт як відкриті простори інтеграції: як будинки культури, бібліотеки, "
                    "клуби та організації можуть запрошувати до спільного дозвілля мешканців різного "
                    "походження."
                ),
                "scope": "<p>Група займається:</p>"
                + bullets(
                    [
                        "доступністю пропозицій будинків культури, бібліотек і закладів культури для людей, "
                        "які ще вивчають польську;",
                        "міжкультурними подіями та сусідськими зустрічами, як-от Café Dialog у бібліотеках;",
                        "аматорським спортом як нагодою познайомитися;",
                        "підтримкою культурних ініціатив самих мігрантських спільнот.",
                    ]
                ),
                "meeting": (
                    "Засідання робочої групи «Дозвілля»",
                    "Зустріч про культуру і спорт як інклюзивні простори підтримки інтеграції за участю "
                    "закладів культури, MOPR і громадських організацій.",
                ),
                "outcomes": [
                    (
                        "Зустрічі Café Dialog у районних бібліотеках",
                        "Регулярні розмови мешканців районів з іноземцями, які живуть у Любліні, у філіях "
                        "Міської публічної бібліотеки.",
                    ),
                    (
                        "Інформація про культурні події кількома мовами",
                        "Програми будинків культури та бібліотек публікуються також українською, російською "
                        "та англійською в єдиному календарі подій.",
                    ),
                    (
                        "Відкриті спортивні турніри",
                        "Турніри в дусі акції «Футбол для всіх», які організовуються разом із клубами та "
                        "мігрантськими організаціями.",
                    ),
                ],
            },
            "ru": {
                "title": "Досуг (культура и спорт)",
                "summary": (
                    "Культура и спорт как открытые пространства интеграции: как дома культуры, библиотеки, "
                    "клубы и организации могут приглашать к совместному досугу жителей разного происхождения."
                ),
                "scope": "<p>Группа занимается:</p>"
                + bullets(
                    [
                        "доступностью предложений домов культуры, библиотек и учреждений культуры для людей, "
                        "которые ещё изучают польский;",
                        "межкультурными мероприятиями и соседскими встречами, такими как Café Dialog в "
                        "библиотеках;",
                        "любительским спортом как поводом познакомиться;",
                        "поддержкой культурных инициатив самих мигрантских сообществ.",
                    ]
                ),
                "meeting": (
                    "Заседание рабочей группы «Досуг»",
                    "Встреча о культуре и спорте как инклюзивных пространствах поддержки интеграции с "
                    "участием учреждений культуры, MOPR и общественных организаций.",
                ),
                "outcomes": [
                    (
                        "Встречи Café Dialog в районных библиотеках",
                        "Регулярные беседы жителей районов с иностранцами, живущими в Люблине, в филиалах "
                        "Городской публичной библиотеки.",
                    ),
                    (
                        "Информация о культурных событиях на нескольких языках",
                        "Программы домов культуры и библиотек публикуются также на украинском, русском и "
                        "английском в едином календаре событий.",
                    ),
                    (
                        "Открытые спортивные турниры",
                        "Турниры в духе акции «Футбол для всех», организуемые вместе с клубами и "
                        "мигрантскими организациями.",
                    ),
                ],
            },
        },
    ),
    WorkingGroup(
        slug="potrzeby-podstawowe",
        meeting_date=datetime.date(2023, 11, 7),
        participants=[
            ("Urząd Miasta Lublin", "institution"),
            MOPR,
            ("Organizacje członkowskie Komisji Dialogu Obywatelskiego", "organisation"),
        ],
        outcome_statuses=["discussed", "proposed", "proposed", "discussed"],
        text={
            "pl": {
                "title": (
                    "Potrzeby podstawowe (pomoc społeczna, rynek pracy, ochrona zdrowia, mieszkalnictwo)"
                ),
                "summary": (
                    "Pomoc społeczna, praca, zdrowie i mieszkanie: co utrudnia migrantom i migrantkom "
                    "codzienne życie w Lublinie i jak miejskie instytucje mogą to zmienić."
                ),
                "scope": "<p>Grupa zajmuje się:</p>"
                + bullets(
                    [
                        "dostępem do pomocy społecznej i informacją o świadczeniach;",
                        "wejściem na rynek pracy i uznawaniem kwalifikacji;",
                        "dostępem do ochrony zdrowia, także dla osób z niepełnosprawnościami;",
                        "mieszkalnictwem i dyskryminacją na rynku najmu.",
                    ]
                ),
                "meeting": (
                    "Spotkanie grupy roboczej „Potrzeby podstawowe”",
                    "Spotkanie o rynku pracy, mieszkalnictwie, opiece zdrowotnej i pomocy społecznej, z "
                    "udziałem Urzędu Miasta Lublin, MOPR i organizacji społecznych.",
                ),
                "outcomes": [
                    (
                        "Baza tłumaczy środowiskowych",
                        "Lista osób, które pomagają w rozmowie w urzędzie, MOPR czy przychodni, z zasadami "
                        "współpracy i wynagradzania.",
                    ),
                    (
                        "Wielojęzyczna informacja o świadczeniach i usługach",
                        "Proste opisy świadczeń, procedur i miejsc pomocy po polsku, ukraińsku, rosyjsku i "
                        "angielsku.",
                    ),
                    (
                        "Wsparcie migrantów i migrantek z niepełnosprawnościami",
                        "Uwzględnienie ich potrzeb w programach pomocy społecznej i ochrony zdrowia, o co "
                        "apelowano na czerwcowych spotkaniach z KDO ds. Młodzieży i Radą Działalności "
                        "Pożytku Publicznego w 2023 r.",
                    ),
                    (
                        "Przeciwdziałanie dyskryminacji na rynku najmu",
                        "Wzory umów najmu w kilku językach i punkt porad dla najemców.",
                    ),
                ],
            },
            "en": {
                "title": "Basic needs (social assistance, labour market, health care, housing)",
                "summary": (
                    "Social assistance, work, health and housing: what makes everyday life in Lublin harder "
                    "for migrants, and how city institutions can change it."
                ),
                "scope": "<p>The group works on:</p>"
                + bullets(
                    [
                        "access to social assistance and information about benefits;",
                        "entering the labour market and recognition of qualifications;",
                        "access to health care, including for people with disabilities;",
                        "housing and discrimination in the rental market.",
                    ]
                ),
                "meeting": (
                    "Meeting of the Basic needs working group",
                    "A meeting on the labour market, housing, health care and social assistance, with Lublin "
                    "City Hall, MOPR and civil society organisations.",
                ),
                "outcomes": [
                    (
                        "A pool of community interpreters",
                        "A list of people who help with conversations at city offices, MOPR or clinics, with "
                        "rules on how they work and are paid.",
                    ),
                    (
                        "Multilingual information about benefits and services",
                        "Plain descriptions of benefits, procedures and places to get help in Polish, "
                        "Ukrainian, Russian and English.",
                    ),
                    (
                        "Support for migrants with disabilities",
                        "Taking their needs into account in social assistance and health programmes, as "
                        "organisations asked at the June 2023 meetings with the Youth Dialogue Commission "
                        "and the Public Benefit Council.",
                    ),
                    (
                        "Tackling discrimination in the rental market",
                        "Model tenancy agreements in several languages and an advice point for tenants.",
                    ),
                ],
            },
            "uk": {
                "title": "Базові потреби (соціальна допомога, ринок праці, охорона здоров'я, житло)",
                "summary": (
                    "Соціальна допомога, робота, здоров'я і житло: що ускладнює мігрантам і мігранткам "
                    "повсякденне життя в Любліні та як міські установи можуть це змінити."
                ),
                "scope": "<p>Група займається:</p>"
                + bullets(
                    [
                        "доступом до соціальної допомоги та інформацією про виплати;",
                        "виходом на ринок праці та визнанням кваліфікацій;",
                        "доступом до охорони здоров'я, зокрема для людей з інвалідністю;",
                        "житлом і дискримінацією на ринку оренди.",
                    ]
                ),
                "meeting": (
                    "Засідання робочої групи «Базові потреби»",
                    "Зустріч про ринок праці, житло, охорону здоров'я та соціальну допомогу за участю мерії "
                    "Любліна, MOPR і громадських організацій.",
                ),
                "outcomes": [
                    (
                        "База громадських перекладачів",
                        "Список людей, які допомагають у розмові в установі, MOPR чи поліклініці, з "
                        "правилами співпраці та оплати.",
                    ),
                    (
                        "Багатомовна інформація про виплати та послуги",
                        "Прості описи виплат, процедур і місць, де можна отримати допомогу, польською, "
                        "українською, російською та англійською.",
                    ),
                    (
                        "Підтримка мігрантів і мігранток з інвалідністю",
                        "Урахування їхніх потреб у програмах соціальної допомоги та охорони здоров'я, про що "
                        "просили організації на червневих зустрічах 2023 року.",
                    ),
                    (
                        "Протидія дискримінації на ринку оренди",
                        "Зразки договорів оренди кількома мовами та пункт консультацій для орендарів.",
                    ),
                ],
            },
            "ru": {
                "title": "Базовые потребности (социальная помощь, рынок труда, здравоохранение, жильё)",
                "summary": (
                    "Социальная помощь, работа, здоровье и жильё: что затрудняет мигрантам и мигранткам "
                    "повседневную жизнь в Люблине и как городские учреждения могут это изменить."
                ),
                "scope": "<p>Группа занимается:</p>"
                + bullets(
                    [
                        "доступом к социальной помощи и информацией о пособиях;",
                        "выходом на рынок труда и признанием квалификаций;",
                        "доступом к здравоохранению, в том числе для людей с инвалидностью;",
                        "жильём и дискриминацией на рынке аренды.",
                    ]
                ),
                "meeting": (
                    "Заседание рабочей группы «Базовые потребности»",
                    "Встреча о рынке труда, жилье, здравоохранении и социальной помощи с участием мэрии "
                    "Люблина, MOPR и общественных организаций.",
                ),
                "outcomes": [
                    (
                        "База общественных переводчиков",
                        "Список людей, которые помогают в разговоре в учреждении, MOPR или поликлинике, с "
                        "правилами сотрудничества и оплаты.",
                    ),
                    (
                        "Многоязычная информация о пособиях и услугах",
                        "Простые описания пособий, процедур и мест, где можно получить помощь, на польском, "
                        "украинском, русском и английском.",
                    ),
                    (
                        "Поддержка мигрантов и мигранток с инвалидностью",
                        "Учёт их потребностей в программах социальной помощи и здравоохранения, о чём "
                        "просили организации на июньских встречах 2023 года.",
                    ),
                    (
                        "Противодействие дискриминации на рынке аренды",
                        "Образцы договоров аренды на нескольких языках и консультационный пункт для "
                        "арендаторов.",
                    ),
                ],
            },
        },
    ),
    WorkingGroup(
        slug="interwencja-kryzysowa-i-bezpieczenstwo",
        meeting_date=datetime.date(2023, 11, 14),
        participants=[
            ("Komenda Miejska Policji w Lublinie", "institution"),
            MOPR,
            ("Centrum Interwencji Kryzysowej", "institution"),
            ("Urząd Miasta Lublin", "institution"),
            ("Stowarzyszenie „Dla Ziemi”", "organisation"),
            ("Centrum Aktywności Lokalnej", "organisation"),
            DOSWIED,
            ("Stowarzyszenie Homo Faber", "organisation"),
        ],
        outcome_statuses=["discussed", "proposed", "proposed"],
        text={
            "pl": {
                "title": "Interwencja kryzysowa i bezpieczeństwo",
                "summary": (
                    "Bezpieczeństwo i pomoc w sytuacjach kryzysowych: jak policja, MOPR, Centrum Interwencji "
                    "Kryzysowej i organizacje mogą szybciej i skuteczniej reagować, gdy potrzebuje ich osoba "
                    "z doświadczeniem migracji."
                ),
                "scope": "<p>Grupa zajmuje się:</p>"
                + bullets(
                    [
                        "współpracą służb i organizacji w sytuacjach kryzysowych, w tym przy relokacji "
                        "mieszkańców punktów zbiorowego zakwaterowania;",
                        "pomocą osobom doświadczającym przemocy, także przemocy domowej;",
                        "przestępstwami z nienawiści i reagowaniem na nie;",
                        "informacją o bezpieczeństwie w językach, które mieszkańcy rozumieją.",
                    ]
                ),
                "meeting": (
                    "Spotkanie grupy roboczej „Interwencja kryzysowa i bezpieczeństwo”",
                    "Spotkanie z udziałem Komendy Miejskiej Policji w Lublinie, MOPR, Centrum Interwencji "
                    "Kryzysowej, Urzędu Miasta Lublin i organizacji społecznych.",
                ),
                "outcomes": [
                    (
                        "Zasady relokacji mieszkańców punktów zbiorowego zakwaterowania",
                        "Uwzględnienie rekomendacji Lubelskiego Społecznego Komitetu Pomocy Ukrainie, o co "
                        "KDO wnioskowała w kwietniu 2023 r.",
                    ),
                    (
                        "Wielojęzyczna informacja o pomocy w kryzysie",
                        "Numery alarmowe, adresy i zasady pomocy dla osób doświadczających przemocy po "
                        "ukraińsku, rosyjsku i angielsku.",
                    ),
                    (
                        "Szkolenia dla służb z pracy z osobami z doświadczeniem migracji",
                        "Wspólne szkolenia policji, MOPR i Centrum Interwencji Kryzysowej prowadzone z "
                        "organizacjami migranckimi.",
                    ),
                ],
            },
            "en": {
                "title": "Crisis intervention and safety",
                "summary": (
                    "Safety and help in a crisis: how the police, MOPR, the Crisis Intervention Centre and "
                    "organisations can respond faster and better when a person with migration experience "
                    "needs them."
                ),
                "scope": "<p>The group works on:</p>"
                + bullets(
                    [
                        "cooperation between services and organisations in a crisis, including the "
                        "relocation of residents of collective accommodation centres;",
                        "help for people experiencing violence, including domestic violence;",
                        "hate crime and how to respond to it;",
                        "safety information in languages residents understand.",
                    ]
                ),
                "meeting": (
                    "Meeting of the Crisis intervention and safety working group",
                    "A meeting with the Lublin City Police, MOPR, the Crisis Intervention Centre, Lublin "
                    "City Hall and civil society organisations.",
                ),
                "outcomes": [
                    (
                        "Rules for relocating residents of collective accommodation centres",
                        "Taking into account the recommendations of the Lublin Social Committee for Aid to "
                        "Ukraine, as the KDO requested in April 2023.",
                    ),
                    (
                        "Multilingual information about help in a crisis",
                        "Emergency numbers, addresses and how to get help for people experiencing violence, "
                        "in Ukrainian, Russian and English.",
                    ),
                    (
                        "Training for services on working with people with migration experience",
                        "Joint training for the police, MOPR and the Crisis Intervention Centre, delivered "
                        "with migrant organisations.",
                    ),
                ],
            },
            "uk": {
                "title": "Кризове втручання та безпека",
                "summary": (
                    "Безпека і допомога в кризових ситуаціях: як поліція, MOPR, Центр кризового втручання та "
                    "організації можуть швидше й ефективніше реагувати, коли їхньої допомоги потребує людина "
                    "з міграційним досвідом."
                ),
                "scope": "<p>Група займається:</p>"
                + bullets(
                    [
                        "співпрацею служб та організацій у кризових ситуаціях, зокрема під час переселення "
                        "мешканців пунктів колективного розміщення;",
                        "допомогою людям, які зазнають насильства, зокрема домашнього;",
                        "злочинами на ґрунті ненависті та реагуванням на них;",
                        "інформацією про безпеку мовами, зрозумілими для мешканців.",
                    ]
                ),
                "meeting": (
                    "Засідання робочої групи «Кризове втручання та безпека»",
                    "Зустріч за участю Міської комендатури поліції в Любліні, MOPR, Центру кризового "
                    "втручання, мерії Любліна та громадських організацій.",
                ),
                "outcomes": [
                    (
                        "Правила переселення мешканців пунктів колективного розміщення",
                        "Урахування рекомендацій Люблінського громадського комітету допомоги Україні, про що "
                        "KDO просила у квітні 2023 року.",
                    ),
                    (
                        "Багатомовна інформація про допомогу в кризі",
                        "Номери екстрених служб, адреси та порядок допомоги для людей, які зазнають "
                        "насильства, українською, російською та англійською.",
                    ),
                    (
                        "Навчання для служб щодо роботи з людьми з міграційним досвідом",
                        "Спільні тренінги для поліції, MOPR і Центру кризового втручання, які проводяться "
                        "разом із мігрантськими організаціями.",
                    ),
                ],
            },
            "ru": {
                "title": "Кризисное вмешательство и безопасность",
                "summary": (
                    "Безопасность и помощь в кризисных ситуациях: как полиция, MOPR, Центр кризисного "
                    "вмешательства и организации могут быстрее и эффективнее реагировать, когда в их помощи "
                    "нуждается человек с миграционным опытом."
                ),
                "scope": "<p>Группа занимается:</p>"
                + bullets(
                    [
                        "сотрудничеством служб и организаций в кризисных ситуациях, в том числе при "
                        "переселении жителей пунктов коллективного размещения;",
                        "помощью людям, пострадавшим от насилия, в том числе домашнего;",
                        "преступлениями на почве ненависти и реагированием на них;",
                        "информацией о безопасности на языках, понятных жителям.",
                    ]
                ),
                "meeting": (
                    "Заседание рабочей группы «Кризисное вмешательство и безопасность»",
                    "Встреча с участием Городской комендатуры полиции в Люблине, MOPR, Центра кризисного "
                    "вмешательства, мэрии Люблина и общественных организаций.",
                ),
                "outcomes": [
                    (
                        "Правила переселения жителей пунктов коллективного размещения",
                        "Учёт рекомендаций Люблинского общественного комитета помощи Украине, о чём KDO "
                        "просила в апреле 2023 года.",
                    ),
                    (
                        "Многоязычная информация о помощи в кризисе",
                        "Номера экстренных служб, адреса и порядок помощи для людей, пострадавших от "
                        "насилия, на украинском, русском и английском.",
                    ),
                    (
                        "Обучение служб работе с людьми с миграционным опытом",
                        "Совместные тренинги для полиции, MOPR и Центра кризисного вмешательства, проводимые "
                        "вместе с мигрантскими организациями.",
                    ),
                ],
            },
        },
    ),
]

# --- Good practices: the nine "Open Cities" practices (seed 002) -----------------------------------


@dataclass
class GoodPractice:
    slug: str
    title: str
    city: str
    area: str
    organisation: str
    summary: str
    description: list
    similar: list


GOOD_PRACTICES = [
    GoodPractice(
        slug="system-zarzadzania-roznorodnoscia-kulturowa",
        title="System zarządzania różnorodnością kulturową",
        city="Lublin",
        area=GoodPracticeArea.GOVERNANCE,
        organisation="Urząd Miasta Lublin (Kancelaria Prezydenta)",
        summary=(
            "Lublin buduje model zarządzania różnorodnością kulturową: mechanizmy, dzięki którym urząd "
            "lepiej odpowiada na potrzeby cudzoziemskich mieszkańców, a instytucje i organizacje "
            "współpracują na stałe, a nie tylko przy okazji projektów."
        ),
        description=[
            "Model powstaje w projekcie „Lublin dla wszystkich. Partycypacyjny model zarządzania "
            "różnorodnością”, finansowanym ze Szwajcarskiego Programu Współpracy. Lublin uczył się od "
            "szwajcarskiego kantonu Neuchâtel, z którym współpracował w sieci programu Rady Europy i Komisji "
            "Europejskiej „Miasta Międzykulturowe”.",
            "Choć pieniądze pochodzą ze źródeł zewnętrznych, działania zaprojektowano jako trwałe: większość "
            "z nich nie wymaga dużych kosztów, a ich podstawą jest Strategia Rozwoju Lublina.",
            "Rekomendacje z projektu to m.in. stanowisko do spraw integracji cudzoziemców w urzędzie, "
            "szkolenia dla urzędników, publiczna informacja (strona internetowa, kalendarz wydarzeń "
            "integracyjnych, lista mailingowa) oraz włączanie społeczności migranckich w decyzje, które ich "
            "dotyczą.",
        ],
        similar=[
            "Warszawa: w 2013 r. w Urzędzie m.st. Warszawy utworzono zespół ds. koordynacji działań na rzecz "
            "cudzoziemców, mniejszości narodowych i etnicznych.",
        ],
    ),
    GoodPractice(
        slug="bialystok-dla-tolerancji",
        title="Program „Białystok dla Tolerancji”",
        city="Białystok",
        area=GoodPracticeArea.ANTI_DISCRIMINATION,
        organisation="Urząd Miejski w Białymstoku",
        summary=(
            "Pod koniec 2013 r. Rada Miasta Białegostoku przyjęła program, który nie tylko podkreśla rolę "
            "samorządu w zwalczaniu dyskryminacji, rasizmu i ksenofobii, ale też wskazuje konkretny plan "
            "działania. To pierwszy taki dokument w Polsce."
        ),
        description=[
            "Program ma charakter strategiczny: potwierdza, że miasto chce być bezpiecznym miejscem życia "
            "dla wszystkich mieszkańców, niezależnie od ich obywatelstwa czy narodowości.",
            "Jego cele przeniesiono do programu współpracy z organizacjami pozarządowymi na 2014 r. Wśród "
            "priorytetowych zadań znalazły się edukacja międzykulturowa na osiedlach, wspieranie dialogu "
            "międzykulturowego i programy edukacji antydyskryminacyjnej.",
        ],
        similar=[
            "Kraków: zespół zadaniowy przygotował projekt uchwały w sprawie miejskiej strategii prewencji i "
            "reagowania na zdarzenia rasistowskie i ksenofobiczne.",
            "Warszawa: prace nad programem „Warszawa Różnorodna” w latach 2010–2013.",
        ],
    ),
    GoodPractice(
        slug="study-in-lublin",
        title="Zapraszanie migrantów: „Study in Lublin”",
        city="Lublin",
        area=GoodPracticeArea.EDUCATION,
        organisation="Urząd Miasta Lublin",
        summary=(
            "Od 2011 r. miasto prowadzi program „Study in Lublin”: rzetelna informacja o mieście, ofercie "
            "uczelni i legalizacji pobytu. Lublin jest trzecim miastem w Polsce pod względem liczby "
            "studentów zagranicznych."
        ),
        description=[
            "W ciągu trzech lat liczba studentów zagranicznych w Lublinie się potroiła, do około 3 tysięcy; "
            "połowa z nich pochodzi z Ukrainy.",
            "Miasto prowadzi stronę internetową po polsku, angielsku, rosyjsku i ukraińsku, bierze udział w "
            "targach edukacyjnych za granicą i pomaga studentom już na miejscu: przetłumaczyło wnioski "
            "meldunkowe i utworzyło w Biurze Obsługi Mieszkańców stanowisko pomocy dla cudzoziemców.",
        ],
        similar=[
            "Wrocław: od 2006 r. projekt „Teraz Wrocław” zachęca do studiowania i pracy we Wrocławiu osoby z "
            "Europy Środkowo-Wschodniej.",
        ],
    ),
    GoodPractice(
        slug="zatrudnianie-cudzoziemcow-w-urzedzie",
        title="Zatrudnianie cudzoziemców w urzędzie miasta",
        city="Lublin",
        area=GoodPracticeArea.WORK,
        organisation="Urząd Miasta Lublin",
        summary=(
            "Urząd Miasta Lublin zatrudnia na stanowiskach urzędniczych osoby bez polskiego obywatelstwa i "
            "pokazuje, że procedura, uważana powszechnie za zbyt skomplikowaną, jest wykonalna."
        ),
        description=[
            "Ustawa z dnia 21 listopada 2008 r. o pracownikach samorządowych pozwala zatrudnić osobę bez "
            "polskiego obywatelstwa na stanowisku, które nie polega na udziale w wykonywaniu władzy "
            "publicznej, jeśli zna ona język polski w stopniu potwierdzonym dokumentem.",
            "Cudzoziemcy pracowali m.in. w Wydziale Kultury, Wydziale Strategii i Obsługi Inwestorów oraz "
            "Wydziale Projektów Nieinwestycyjnych.",
        ],
        similar=[
            "Łomża: w miejskim ośrodku pomocy społecznej, w ramach robót publicznych, pracuje osoba objęta "
            "ochroną międzynarodową, która wcześniej odbyła staż w urzędzie pracy.",
        ],
    ),
    GoodPractice(
        slug="komisja-dialogu-spolecznego-ds-cudzoziemcow",
        title="Platforma współpracy międzysektorowej: Komisja Dialogu Społecznego ds. Cudzoziemców",
        city="Warszawa",
        area=GoodPracticeArea.COOPERATION,
        organisation="Centrum Komunikacji Społecznej Urzędu m.st. Warszawy",
        summary=(
            "Komisja powołana w 2012 r. na wniosek 11 organizacji pozarządowych spotyka się mniej więcej raz "
            "w miesiącu, opiniuje akty prawne, konsultuje dokumenty i wskazuje, co miasto powinno finansować."
        ),
        description=[
            "Udział w komisji zgłosiło około 30 organizacji, których cele statutowe obejmują działania na "
            "rzecz cudzoziemców. Komisja deleguje przedstawicieli do komisji konkursowych i jest dla urzędu "
            "źródłem wiedzy o cudzoziemskich mieszkańcach, o których brakuje danych.",
            "Protokoły ze spotkań i terminy kolejnych posiedzeń są publikowane na stronie urzędu.",
        ],
        similar=[
            "Lublin: Zespół Interdyscyplinarny ds. Integracji Cudzoziemców, powołany w 2009 r. przez MOPR w "
            "Lublinie i Caritas Archidiecezji Lubelskiej.",
            "Warszawa: Forum Cudzoziemców przy Mazowieckim Urzędzie Wojewódzkim.",
        ],
    ),
    GoodPractice(
        slug="konkursy-dla-organizacji-pozarzadowych",
        title="Konkursy dla organizacji pozarządowych",
        city="Warszawa",
        area=GoodPracticeArea.COOPERATION,
        organisation=(
            "Urząd m.st. Warszawy (Biuro Kultury, Biuro Edukacji, Biuro Pomocy i Projektów Społecznych)"
        ),
        summary=(
            "W otwartych konkursach ofert organizacje mogą zdobyć środki na działania na rzecz migrantów i "
            "wielokulturowości. W 2012 r. przeznaczono na ten cel około 4 mln zł."
        ),
        description=[
            "Integracja migrantów nie jest priorytetem strategii rozwoju Warszawy, ale pojawia się w "
            "programach rozwoju kultury i edukacji. Dzięki temu biura urzędu ogłaszają konkursy, w których "
            "można uzyskać dotację na przykład na asystenta międzykulturowego dla uczniów, centrum pomocy "
            "cudzoziemcom czy wydarzenia wielokulturowe.",
            "Warunki konkursów pozwalają też upowszechniać standardy, na przykład udział samych migrantów w "
            "projektach wspierających dialog międzykulturowy.",
        ],
        similar=[],
    ),
    GoodPractice(
        slug="warszawskie-centrum-wielokulturowe",
        title="Przestrzeń przyjazna migrantom: Warszawskie Centrum Wielokulturowe",
        city="Warszawa",
        area=GoodPracticeArea.CULTURE,
        organisation="Urząd m.st. Warszawy i organizacje pozarządowe",
        summary=(
            "Władze miasta i organizacje, w tym migranckie, wspólnie tworzą miejsce spotkań i rozwoju dla "
            "cudzoziemców. Urząd przekazał budynek na siedzibę centrum i zaplanował jego finansowanie."
        ),
        description=[
            "Centrum ma poszerzać ofertę kulturalną stolicy o działania przedstawicieli różnych kultur, "
            "prowadzić badania nad migracjami w Warszawie i być miejscem, w którym migranci i organizacje "
            "mogą się spotykać.",
            "W pracach koncepcyjnych uczestniczyli przedstawiciele wielu biur urzędu, m.in. edukacji, "
            "kultury i polityki społecznej.",
        ],
        similar=[],
    ),
    GoodPractice(
        slug="mieszkania-chronione",
        title="Mieszkania chronione dla migrantów przymusowych",
        city="Lublin",
        area=GoodPracticeArea.INFORMATION,
        organisation="Miejski Ośrodek Pomocy Rodzinie w Lublinie",
        summary=(
            "Osoby ze statusem uchodźcy lub ochroną uzupełniającą mogą zamieszkać w jednym z trzech "
            "miejskich mieszkań chronionych nawet na dwa lata. W 2013 r. skorzystało z nich 7 rodzin, czyli "
            "24 osoby."
        ),
        description=[
            "Mieszkania są własnością miasta, a opiekuje się nimi MOPR, który na podstawie jawnych kryteriów "
            "decyduje o skierowaniu do nich cudzoziemców.",
            "Mieszkanie chronione to więcej niż dach nad głową: daje poczucie bezpieczeństwa i pozwala "
            "skupić się na pracy, edukacji dzieci i zdrowiu. Projekty unijne MOPR wspierają dodatkowo dzieci "
            "i rodziców w szkole.",
        ],
        similar=[
            "Warszawa: od 2011 r. jedno mieszkanie chronione dla cudzoziemców prowadzi Warszawskie Centrum "
            "Pomocy Rodzinie; pobyt w nim nie może przekroczyć 6 miesięcy.",
        ],
    ),
    GoodPractice(
        slug="edukacja-dzieci-migranckich",
        title="Kompleksowe działania na rzecz edukacji dzieci migranckich",
        city="Warszawa",
        area=GoodPracticeArea.EDUCATION,
        organisation="Biuro Edukacji Urzędu m.st. Warszawy",
        summary=(
            "Uczniowie cudzoziemscy w miejskim programie rozwoju edukacji, publikacje dla nauczycieli i "
            "współpraca z organizacjami. We wrześniu 2013 r. w warszawskich szkołach uczyło się blisko 3 "
            "tysiące dzieci bez polskiego obywatelstwa."
        ),
        description=[
            "Biuro Edukacji uwzględniło potrzeby uczniów cudzoziemskich w Programie rozwoju edukacji w "
            "Warszawie w latach 2013–2020, wydaje poradniki dla nauczycieli i finansuje projekty organizacji "
            "pozarządowych.",
            "Szkoły przyjmujące dzieci cudzoziemskie otrzymują środki m.in. na pomoc nauczyciela i dodatkowe "
            "bezpłatne lekcje języka polskiego.",
        ],
        similar=[],
    ),
]

# --- Accessibility statement, in four languages ----------------------------------------------------

STATEMENT_TEXT = {
    "pl": {
        "title": "Deklaracja dostępności",
        "entity_name": "Urząd Miasta Lublin",
        "non_conformities": paragraphs(
            "Serwis jest częściowo zgodny z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron "
            "internetowych i aplikacji mobilnych podmiotów publicznych z powodu niezgodności i wyłączeń "
            "wymienionych poniżej."
        )
        + "<h3>Niezgodności</h3>"
        + bullets(
            [
                "Część plików PDF ze sprawozdaniami i protokołami to skany, które nie są w pełni dostępne "
                "dla czytników ekranu. Na prośbę udostępnimy je w wersji tekstowej.",
                "Nie wszystkie nagrania ze spotkań konsultacyjnych mają napisy i transkrypcję.",
                "Część treści w językach angielskim, ukraińskim i rosyjskim publikujemy z opóźnieniem "
                "względem wersji polskiej.",
            ]
        )
        + "<h3>Wyłączenia</h3>"
        + bullets(
            [
                "Dokumenty opublikowane przed 23 września 2018 r.",
                "Treści publikowane przez użytkowników serwisu, na przykład komentarze i odpowiedzi w "
                "konsultacjach, które nie są wytwarzane ani finansowane przez Urząd.",
            ]
        ),
        "assessment_method": paragraphs(
            "Deklarację sporządzono na podstawie samooceny przeprowadzonej przez Urząd Miasta Lublin.",
            "Każda zmiana serwisu jest sprawdzana automatycznie narzędziem axe-core w przeglądarce Chromium. "
            "Ręcznie testujemy obsługę wyłącznie z klawiatury, pracę z czytnikami ekranu NVDA i VoiceOver, "
            "powiększenie tekstu do 200% oraz kontrast kolorów. Punktem odniesienia jest WCAG 2.1 na "
            "poziomie AA.",
        ),
        "keyboard_shortcuts": (
            "Serwis nie ma własnych skrótów klawiszowych; działają standardowe skróty przeglądarki i "
            "czytnika ekranu.\nPo pierwszym naciśnięciu klawisza Tab na każdej stronie pojawia się łącze "
            "„Przejdź do treści głównej”."
        ),
        "contact_name": "Koordynator do spraw dostępności Urzędu Miasta Lublin",
        "complaint_procedure": paragraphs(
            "Każdy ma prawo zażądać zapewnienia dostępności cyfrowej strony internetowej lub jej elementu "
            "albo udostępnienia treści w alternatywnej formie, na przykład przez odczytanie niedostępnego "
            "dokumentu lub opisanie zawartości filmu.",
            "Żądanie powinno zawierać dane osoby, która je składa, wskazanie strony lub elementu, o który "
            "chodzi, oraz sposób kontaktu. Jeżeli osoba prosi o informację w formie alternatywnej, powinna "
            "określić dogodną dla niej formę.",
            "Urząd realizuje żądanie niezwłocznie, nie później niż w ciągu 7 dni od dnia jego wystąpienia. "
            "Jeżeli dotrzymanie tego terminu nie jest możliwe, Urząd niezwłocznie informuje, kiedy "
            "realizacja żądania będzie możliwa; termin ten nie może być dłuższy niż 2 miesiące. Jeżeli "
            "zapewnienie dostępności nie jest możliwe, Urząd może zaproponować alternatywny sposób dostępu "
            "do informacji.",
            "Jeżeli Urząd odmówi realizacji żądania lub alternatywnego sposobu dostępu, można złożyć skargę "
            "na zapewnienie dostępności cyfrowej. Po wyczerpaniu tej procedury można złożyć wniosek do "
            "Rzecznika Praw Obywatelskich.",
        ),
        "architectural_accessibility": paragraphs(
            "Siedziba Urzędu Miasta Lublin mieści się przy placu Króla Władysława Łokietka 1."
        )
        + bullets(
            [
                "Do budynku prowadzi wejście dostępne dla osób poruszających się na wózku; w razie potrzeby "
                "pomocy udzieli pracownik Biura Obsługi Mieszkańców.",
                "W budynku jest winda oraz toaleta dostosowana do potrzeb osób z niepełnosprawnościami.",
                "Przy budynku wyznaczono miejsca parkingowe dla osób z niepełnosprawnościami.",
                "Do budynku można wejść z psem asystującym.",
                "Tłumacza polskiego języka migowego można zamówić co najmniej 3 dni robocze przed wizytą.",
            ]
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "entity_name": "Lublin City Hall (Urząd Miasta Lublin)",
        "non_conformities": paragraphs(
            "This website is partially compliant with the Act of 4 April 2019 on the digital accessibility "
            "of websites and mobile applications of public bodies, because of the non-conformities and "
            "exemptions listed below."
        )
        + "<h3>Non-conformities</h3>"
        + bullets(
            [
                "Some PDF files with reports and minutes are scans that are not fully accessible to screen "
                "readers. We will provide a text version on request.",
                "Not all recordings of consultation meetings have captions and a transcript.",
                "Some content in English, Ukrainian and Russian is published later than the Polish version.",
            ]
        )
        + "<h3>Exemptions</h3>"
        + bullets(
            [
                "Documents published before 23 September 2018.",
                "Content published by users of the site, such as comments and consultation answers, which "
                "City Hall neither produces nor funds.",
            ]
        ),
        "assessment_method": paragraphs(
            "This statement was prepared on the basis of a self-assessment carried out by Lublin City Hall.",
            "Every change to the site is checked automatically with axe-core in the Chromium browser. We "
            "also test by hand: keyboard-only use, the NVDA and VoiceOver screen readers, text zoom to 200% "
            "and colour contrast. Our benchmark is WCAG 2.1 level AA.",
        ),
        "keyboard_shortcuts": (
            "The site defines no keyboard shortcuts of its own; the standard shortcuts of your browser and "
            "screen reader work.\nPressing Tab for the first time on any page shows a “Skip to main content” "
            "link."
        ),
        "contact_name": "Accessibility coordinator, Lublin City Hall",
        "complaint_procedure": paragraphs(
            "Everyone has the right to request that a website or part of it be made digitally accessible, or "
            "that its content be provided in an alternative form, for example by reading out an inaccessible "
            "document or describing the content of a video.",
            "The request should include the name of the person making it, which page or element it concerns, "
            "and how to contact them. If information is requested in an alternative form, the request should "
            "say which form suits the person.",
            "City Hall deals with the request without delay and no later than 7 days after it is made. If "
            "that is not possible, City Hall says without delay when it will be done, which may not be later "
            "than 2 months. If accessibility cannot be provided, City Hall may offer an alternative way to "
            "access the information.",
            "If City Hall refuses the request or the alternative access, you can file a complaint about "
            "digital accessibility. Once that procedure is exhausted, you can apply to the Commissioner for "
            "Human Rights (Rzecznik Praw Obywatelskich).",
        ),
        "architectural_accessibility": paragraphs(
            "Lublin City Hall is located at plac Króla Władysława Łokietka 1."
        )
        + bullets(
            [
                "The building has an entrance accessible to wheelchair users; staff of the Residents' "
                "Service Office will help if needed.",
                "There is a lift and an accessible toilet in the building.",
                "There are parking spaces for people with disabilities next to the building.",
                "Assistance dogs are welcome.",
                "A Polish Sign Language interpreter can be booked at least 3 working days before your visit.",
            ]
        ),
    },
    "uk": {
        "title": "Декларація доступності",
        "entity_name": "Мерія Любліна (Urząd Miasta Lublin)",
        "non_conformities": paragraphs(
            "Сайт частково відповідає Закону Польщі від 4 квітня 2019 року про цифрову доступність вебсайтів "
            "і мобільних застосунків публічних органів через невідповідності та винятки, перелічені нижче."
        )
        + "<h3>Невідповідності</h3>"
        + bullets(
            [
                "Частина PDF-файлів зі звітами та протоколами — це скани, не повністю доступні для програм "
                "зчитування з екрана. На прохання ми надамо їх у текстовому вигляді.",
                "Не всі записи консультаційних зустрічей мають субтитри та розшифровку.",
                "Частину матеріалів англійською, українською та російською ми публікуємо пізніше, ніж "
                "польську версію.",
            ]
        )
        + "<h3>Винятки</h3>"
        + bullets(
            [
                "Документи, опубліковані до 23 вересня 2018 року.",
                "Матеріали, опубліковані користувачами сайту, наприклад коментарі та відповіді в "
                "консультаціях, які мерія не створює і не фінансує.",
            ]
        ),
        "assessment_method": paragraphs(
            "Декларацію складено на основі самооцінки, проведеної мерією Любліна.",
            "Кожна зміна сайту автоматично перевіряється інструментом axe-core у браузері Chromium. Крім "
            "того, ми вручну перевіряємо роботу лише з клавіатурою, роботу з програмами зчитування з екрана "
            "NVDA і VoiceOver, збільшення тексту до 200% та контрастність кольорів. Орієнтиром є WCAG 2.1 "
            "рівня AA.",
        ),
        "keyboard_shortcuts": (
            "Сайт не має власних клавіатурних скорочень; працюють стандартні скорочення браузера та програми "
            "зчитування з екрана.\nПісля першого натискання клавіші Tab на кожній сторінці з'являється "
            "посилання «Перейти до основного вмісту»."
        ),
        "contact_name": "Координатор з питань доступності мерії Любліна",
        "complaint_procedure": paragraphs(
            "Кожен має право вимагати забезпечення цифрової доступності вебсайту чи його елемента або "
            "надання вмісту в альтернативній формі, наприклад зачитування недоступного документа чи опису "
            "змісту відео.",
            "Вимога має містити дані особи, яка її подає, зазначення сторінки чи елемента, якого вона "
            "стосується, та спосіб зв'язку. Якщо людина просить інформацію в альтернативній формі, вона має "
            "вказати зручну для себе форму.",
            "Мерія виконує вимогу невідкладно, не пізніше ніж протягом 7 днів від дня її подання. Якщо "
            "дотримати цього строку неможливо, мерія невідкладно повідомляє, коли вимогу буде виконано; цей "
            "строк не може перевищувати 2 місяців. Якщо забезпечити доступність неможливо, мерія може "
            "запропонувати альтернативний спосіб доступу до інформації.",
            "Якщо мерія відмовить у виконанні вимоги або в альтернативному доступі, можна подати скаргу щодо "
            "забезпечення цифрової доступності. Після вичерпання цієї процедури можна звернутися до "
            "Уповноваженого з прав людини (Rzecznik Praw Obywatelskich).",
        ),
        "architectural_accessibility": paragraphs(
            "Мерія Любліна розташована за адресою: plac Króla Władysława Łokietka 1."
        )
        + bullets(
            [
                "До будівлі веде вхід, доступний для людей на візках; у разі потреби допоможе працівник Бюро "
                "обслуговування мешканців.",
                "У будівлі є ліфт і туалет, пристосований для людей з інвалідністю.",
                "Біля будівлі є паркувальні місця для людей з інвалідністю.",
                "До будівлі можна увійти із собакою-асистентом.",
                "Перекладача польської жестової мови можна замовити щонайменше за 3 робочі дні до візиту.",
            ]
        ),
    },
    "ru": {
        "title": "Декларация доступности",
        "entity_name": "Мэрия Люблина (Urząd Miasta Lublin)",
        "non_conformities": paragraphs(
            "Сайт частично соответствует Закону Польши от 4 апреля 2019 года о цифровой доступности "
            "веб-сайтов и мобильных приложений публичных органов из-за несоответствий и исключений, "
            "перечисленных ниже."
        )
        + "<h3>Несоответствия</h3>"
        + bullets(
            [
                "Часть PDF-файлов с отчётами и протоколами — это сканы, не полностью доступные для программ "
                "экранного доступа. По просьбе мы предоставим их в текстовом виде.",
                "Не все записи консультационных встреч имеют субтитры и расшифровку.",
                "Часть материалов на английском, украинском и русском мы публикуем позже польской версии.",
            ]
        )
        + "<h3>Исключения</h3>"
        + bullets(
            [
                "Документы, опубликованные до 23 сентября 2018 года.",
                "Материалы, опубликованные пользователями сайта, например комментарии и ответы в "
                "консультациях, которые мэрия не создаёт и не финансирует.",
            ]
        ),
        "assessment_method": paragraphs(
            "Декларация составлена на основе самооценки, проведённой мэрией Люблина.",
            "Каждое изменение сайта автоматически проверяется инструментом axe-core в браузере Chromium. "
            "Кроме того, мы вручную проверяем работу только с клавиатуры, работу с программами экранного "
            "доступа NVDA и VoiceOver, увеличение текста до 200% и контрастность цветов. Ориентиром служит "
            "WCAG 2.1 уровня AA.",
        ),
        "keyboard_shortcuts": (
            "У сайта нет собственных сочетаний клавиш; работают стандартные сочетания браузера и программы "
            "экранного доступа.\nПосле первого нажатия клавиши Tab на каждой странице появляется ссылка "
            "«Перейти к основному содержанию»."
        ),
        "contact_name": "Координатор по вопросам доступности мэрии Люблина",
        "complaint_procedure": paragraphs(
            "Каждый имеет право потребовать обеспечить цифровую доступность веб-сайта или его элемента либо "
            "предоставить содержание в альтернативной форме, например зачитать недоступный документ или "
            "описать содержание видео.",
            "Требование должно содержать данные подающего его лица, указание страницы или элемента, которого "
            "оно касается, и способ связи. Если человек просит информацию в альтернативной форме, ему "
            "следует указать удобную для себя форму.",
            "Мэрия выполняет требование незамедлительно, не позднее 7 дней со дня его подачи. Если соблюсти "
            "этот срок невозможно, мэрия незамедлительно сообщает, когда требование будет выполнено; этот "
            "срок не может превышать 2 месяцев. Если обеспечить доступность невозможно, мэрия может "
            "предложить альтернативный способ доступа к информации.",
            "Если мэрия откажет в выполнении требования или в альтернативном доступе, можно подать жалобу на "
            "обеспечение цифровой доступности. После исчерпания этой процедуры можно обратиться к "
            "Уполномоченному по правам человека (Rzecznik Praw Obywatelskich).",
        ),
        "architectural_accessibility": paragraphs(
            "Мэрия Люблина находится по адресу: plac Króla Władysława Łokietka 1."
        )
        + bullets(
            [
                "В здание ведёт вход, доступный для людей на инвалидных колясках; при необходимости поможет "
                "сотрудник Бюро обслуживания жителей.",
                "В здании есть лифт и туалет, приспособленный для людей с инвалидностью.",
                "У здания есть парковочные места для людей с инвалидностью.",
                "В здание можно войти с собакой-помощником.",
                "Переводчика польского жестового языка можно заказать не позднее чем за 3 рабочих дня до "
                "визита.",
            ]
        ),
    },
}

# --- Demo accounts ---------------------------------------------------------------------------------


@dataclass
class DemoAccount:
    role: str
    email: str
    display_name: str
    preferred_language: str
    group: str | None = None
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("Resident", f"resident@{DEMO_DOMAIN}", "Olena Kovalenko", "uk"),
    DemoAccount("Editor", f"editor@{DEMO_DOMAIN}", "Marta Nowak", "pl", "Editors"),
    DemoAccount("Moderator", f"moderator@{DEMO_DOMAIN}", "Piotr Lis", "pl", "Moderators"),
    DemoAccount(
        "Consultation analyst", f"analyst@{DEMO_DOMAIN}", "Aliaksandr Kavalou", "ru", "Consultation analysts"
    ),
    DemoAccount("Council member", f"council@{DEMO_DOMAIN}", "Kwame Mensah", "en", "Council members"),
    DemoAccount(
        "Council secretariat",
        f"secretariat@{DEMO_DOMAIN}",
        "Katarzyna Zielińska",
        "pl",
        "Council secretariat",
    ),
    DemoAccount("Ombudsperson", f"ombudsperson@{DEMO_DOMAIN}", "Hanna Melnyk", "uk", "Ombudsperson"),
    DemoAccount("Administrator", f"admin@{DEMO_DOMAIN}", "Administrator", "en", superuser=True),
]


# --- Comparing field values, so that a second run leaves unchanged pages alone ---------------------


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _stream_data(stream_value):
    return [
        (child.block_type, _without_ids(child.block.get_prep_value(child.value))) for child in stream_value
    ]


class Command(BaseCommand):
    help = (
        "Creates (or updates in place) a realistic Lublin demo site and one account per role. Refuses to run "
        "unless settings.DEMO_CONTENT_ALLOWED is on. All demo accounts get the password in DEMO_PASSWORD, or "
        "a new random one on every run, printed at the end (not with --verbosity 0)."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is not allowed here: settings.DEMO_CONTENT_ALLOWED is off (it is on only in "
                "the dev and test settings). The demo creates accounts with known passwords; never load it "
                "into a production database."
            )
        self.verbosity = options["verbosity"]
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(9)
        self._check_password(password)
        self.counts = Counter()
        self.today = timezone.localdate()

        # Wagtail and the task queue log every page saved at INFO; keep the output to this command's own.
        previous_disable = logging.root.manager.disable
        logging.disable(logging.INFO)
        try:
            with transaction.atomic():
                accounts = self._load(password)
        finally:
            logging.disable(previous_disable)
        self._print_logins(accounts, password)

    def _load(self, password):
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
        }
        home = self._home_page()
        pages = self._polish_site(home)
        self._translations(pages)
        accounts = self._accounts(password)
        # After the accounts and translations: demo residents and staff take part in the consultations.
        self._say("Consultations: draft versions, answers, comments and a report…")
        build_demo_consultations(home, say=self._say)
        self._say(
            "Proposals: residents' ideas, supports, comments, matrix placements and the city's answers…"
        )
        accounts = [*accounts, *load_demo_proposals(home, password=password, say=self._say)]
        self._say("Migrant council: its page, members, meetings, drafts with comments, votes and an opinion…")
        accounts = [*accounts, *load_demo_council(home, password=password, say=self._say)]
        self._say("Ombudsperson: its page and demo cases…")
        self.demo_case = load_demo_ombudsperson(home, say=self._say)
        self._lead_reach_us_cards_to_their_pages(home)
        return accounts

    def _lead_reach_us_cards_to_their_pages(self, home):
        """Once the council's and the ombudsperson's pages exist, the home page's two cards lead to them
        in each language (on a later run they do from the start, so nothing changes then)."""
        overview = StandardPage.objects.get(locale=home.locale, slug="rada-migrantow-i-rzecznik")
        for language in ["pl", *TRANSLATIONS]:
            locale = self.locales[language]
            translated_home = home.get_translation(locale).specific
            self._update(translated_home, self._home_fields(language, overview.get_translation(locale)))

    def _reach_us_targets(self, language, overview):
        """The council's page and the ombudsperson's page in `language`, or the overview page of both
        while they do not exist yet."""
        locale = self.locales[language]
        return [
            model.objects.filter(locale=locale).first() or overview
            for model in (CouncilPage, OmbudspersonPage)
        ]

    # --- output ---------------------------------------------------------------------------------

    def _say(self, message, style=None):
        if self.verbosity >= 1:
            self.stdout.write(style(message) if style else message)

    def _section(self, label):
        """Reports what happened to the pages since the previous section."""
        counts, self.counts = self.counts, Counter()
        parts = [f"{counts[key]} {key}" for key in ("created", "updated", "unchanged") if counts[key]]
        self._say(f"  {label}: {', '.join(parts) or 'nothing to do'}")

    def _check_password(self, password):
        try:
            password_validation.validate_password(password)
        except ValidationError as error:
            self._say(
                "Warning: DEMO_PASSWORD is weak (" + " ".join(error.messages) + "). It is used anyway.",
                self.style.WARNING,
            )

    # --- pages ----------------------------------------------------------------------------------

    def _home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise CommandError(
                "The default site has no home page of type HomePage. Run `manage.py migrate` on a fresh "
                "database first."
            )
        return home

    def _ensure(self, parent, model, slug, fields):
        """The child of `parent` with this slug: created (and published) with `fields` if missing."""
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise CommandError(
                    f"The page {existing.url_path} is a {type(page).__name__}, but the demo needs a "
                    f"{model.__name__} there. Move or rename it and run the command again."
                )
            return page, False
        page = model(slug=slug, locale=parent.locale, **fields)
        Page.objects.get(pk=parent.pk).add_child(instance=page)  # a fresh parent: its numchild is current
        page.save_revision().publish()
        self.counts["created"] += 1
        return page, True

    def _update(self, page, fields, created=False):
        """Sets the fields and publishes a new revision, only if something changed."""
        changed = False
        for name, value in fields.items():
            field = page._meta.get_field(name)
            if isinstance(field, StreamField):
                new_value = field.to_python(value)
                if _stream_data(getattr(page, name)) != _stream_data(new_value):
                    setattr(page, name, new_value)
                    changed = True
            elif getattr(page, name) != value:
                setattr(page, name, value)
                changed = True
        if changed or not page.live or page.has_unpublished_changes:
            # Children may have been added since this object was loaded: publishing saves the whole page,
            # so its tree fields must be current or the parent's child count would be overwritten.
            page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
            page.save_revision().publish()
            if not created:
                self.counts["updated"] += 1
        elif not created:
            self.counts["unchanged"] += 1
        return page

    def _page(self, parent, model, slug, fields):
        page, created = self._ensure(parent, model, slug, fields)
        if not created:
            self._update(page, fields)
        return page

    def _translation(self, source, language):
        """The translation of `source` into `language`, copied from the source if missing (as a draft)."""
        locale = self.locales[language]
        page = source.get_translation_or_none(locale)
        if page is None:
            page = source.copy_for_translation(locale, copy_parents=True)
            self.counts["created"] += 1
            return page.specific, True
        return page.specific, False

    def _translate(self, source, language, fields):
        page, created = self._translation(source, language)
        return self._update(page, fields, created=created)

    # --- the Polish site ------------------------------------------------------------------------

    def _polish_site(self, home):
        self._say("Loading the Lublin demo site (Polish)…")
        council = self._page(home, StandardPage, "rada-migrantow-i-rzecznik", self._council_fields("pl"))
        self._update(home, self._home_fields("pl", council))
        self._section("home page and the migrant council page")

        kdo = self._kdo(home)
        self._section("Civic Dialogue Commission and its 2023 report")

        groups_index = self._page(
            home, WorkingGroupIndexPage, "grupy-robocze", self._working_group_index_fields("pl")
        )
        groups = {
            group.slug: self._page(
                groups_index, WorkingGroupPage, group.slug, self._working_group_fields(group, "pl")
            )
            for group in WORKING_GROUPS
        }
        self._section("working groups (index and four groups)")

        consultations_index = self._page(
            home,
            ConsultationIndexPage,
            "konsultacje",
            {
                "title": "Konsultacje",
                "show_in_menus": True,
                "intro": (
                    "Tu możesz skomentować projekty miejskich dokumentów i odpowiedzieć na pytania ankiet. "
                    "Udział może wziąć każda osoba mieszkająca w Lublinie — nie pytamy o obywatelstwo."
                ),
            },
        )
        news_index = self._page(
            home,
            NewsIndexPage,
            "aktualnosci",
            {
                "title": "Aktualności",
                "show_in_menus": True,
                "intro": "Co nowego w pracach nad polityką integracji Lublina.",
            },
        )
        events_index = self._page(
            home,
            EventIndexPage,
            "wydarzenia",
            {
                "title": "Wydarzenia",
                "show_in_menus": True,
                "intro": (
                    "Publiczny kalendarz wydarzeń integracyjnych w Lublinie: spotkania Café Dialog, "
                    "warsztaty, spotkania konsultacyjne i wydarzenia międzykulturowe. Kalendarz można "
                    "zasubskrybować w dowolnej aplikacji kalendarza."
                ),
            },
        )
        self._section("consultations, news and events index pages")
        events = self._events(events_index)
        self._section("events")

        consultation = self._page(
            consultations_index,
            ConsultationPage,
            "zalozenia-polityki-integracji",
            self._consultation_fields(events),
        )
        self._section("consultation")

        self._news(news_index, consultation, kdo)
        self._section("news")

        self._good_practices(home)
        self._section("good practices (library and nine practices)")

        statement = self._page(
            home, AccessibilityStatementPage, "deklaracja-dostepnosci", self._statement_fields("pl")
        )
        self._section("accessibility statement")
        return {
            "home": home,
            "council": council,
            "groups_index": groups_index,
            "groups": groups,
            "statement": statement,
        }

    def _home_fields(self, language, council_page):
        text = HOME_TEXT[language]
        return {
            "title": text["title"],
            "intro": text["intro"],
            "timeline_title": text["timeline_title"],
            "timeline": [
                {
                    "type": "stage",
                    "value": {
                        "title": stage[language][0],
                        "period": stage[language][1],
                        "description": stage[language][2],
                        "state": state,
                    },
                }
                for state, stage in TIMELINE
            ],
            "reach_us": [
                {
                    "type": "card",
                    "value": {
                        "title": title,
                        "text": text,
                        "page": target.pk,
                        "url": "",
                        "link_text": link,
                    },
                }
                for (title, text, link), target in zip(
                    REACH_US[language], self._reach_us_targets(language, council_page), strict=True
                )
            ],
        }

    def _council_fields(self, language):
        text = COUNCIL_PAGE_TEXT[language]
        return {
            "title": text["title"],
            "intro": text["intro"],
            "body": [
                heading(text["council_heading"]),
                paragraph(text["council"]),
                heading(text["ombudsperson_heading"]),
                paragraph(text["ombudsperson"]),
            ],
        }

    def _kdo(self, home):
        def fields(report):
            body = [
                heading("Kto zasiada w Komisji"),
                paragraph(
                    paragraphs("W 2023 roku Komisja pracowała w składzie:")
                    + bullets(KDO_MEMBERS_2023)
                    + paragraphs("W ciągu roku dołączyły do niej:")
                    + bullets(KDO_JOINED_2023)
                    + paragraphs(
                        "W 2023 roku przewodniczącą Komisji była Anna Dąbrowska ze Stowarzyszenia Homo "
                        "Faber, a funkcję sekretarki pełniła Anna Szadkowska z Biura Partycypacji Urzędu "
                        "Miasta Lublin, którą w maju 2023 r. zastąpiła Małgorzata Zmysłowska z tego samego "
                        "biura."
                    )
                ),
                heading("Posiedzenia w 2023 roku"),
                paragraph(
                    paragraphs("W 2023 roku członkinie i członkowie Komisji spotkali się formalnie 8 razy:")
                    + bullets([polish_date(day) for day in KDO_MEETINGS_2023], tag="ol")
                ),
                heading("Czym zajmuje się Komisja"),
                paragraph(
                    paragraphs(
                        "Komisja koordynuje pomoc dla uchodźczyń i uchodźców z Ukrainy, którzy docierają do "
                        "Lublina, wspiera adaptację i integrację osób, które mieszkają tu od dawna, i "
                        "prowadzi prace nad miejską polityką integracji. Jesienią 2023 r. powołała cztery "
                        "tematyczne grupy robocze: edukacja, czas wolny, potrzeby podstawowe oraz "
                        "interwencja kryzysowa i bezpieczeństwo."
                    )
                ),
            ]
            if report is not None:
                body.append(
                    call_to_action(
                        "Sprawozdanie za 2023 rok",
                        "Przeczytaj sprawozdanie",
                        text="Skład, posiedzenia, działania i plany Komisji na 2024 rok.",
                        page=report,
                    )
                )
            return {
                "title": "Komisja Dialogu Obywatelskiego",
                "show_in_menus": True,
                "intro": (
                    "Komisja Dialogu Obywatelskiego do spraw miejskiego Systemu Wsparcia Integracji "
                    "imigrantów i imigrantek w Lublinie łączy organizacje społeczne, w tym migranckie, z "
                    "Urzędem Miasta. To ona prowadzi prace nad miejską polityką integracji."
                ),
                "body": body,
            }

        kdo, created = self._ensure(home, StandardPage, "komisja-dialogu-obywatelskiego", fields(None))
        report = self._page(kdo, ReportPage, "sprawozdanie-2023", self._report_fields())
        self._update(kdo, fields(report), created=created)
        return kdo

    def _report_fields(self):
        return {
            "title": "Sprawozdanie z prac Komisji Dialogu Obywatelskiego za 2023 rok",
            "date": datetime.date(2024, 3, 1),
            "summary": (
                "W 2023 roku Komisja spotkała się formalnie 8 razy, przyjęła trzy nowe organizacje i "
                "powołała cztery tematyczne grupy robocze, które rozpoczęły prace nad miejską polityką "
                "integracji. W 2024 roku Komisja będzie nadal koordynować pomoc dla uchodźców z Ukrainy i "
                "przygotuje propozycję polityki integracyjnej dla Lublina."
            ),
            "body": [
                heading("Skład Komisji"),
                paragraph(
                    paragraphs(
                        "Komisję tworzyło sześć organizacji społecznych i wydelegowani pracownicy Urzędu "
                        "Miasta Lublin. W lutym dołączyły Ukraińska Organizacja Skautowa „Płast” i Fundacja "
                        "Ośrodek Kultury Białoruskiej „Doświed”, a w czerwcu Fundacja „Siła Jedności”, "
                        "założona przez uchodźczynię z Ukrainy mieszkającą w Lublinie."
                    )
                ),
                heading("Działania w 2023 roku"),
                paragraph(
                    bullets(
                        [
                            "Kwiecień: na wniosek przewodniczącej Komisja zwróciła się do Wydziału "
                            "Bezpieczeństwa Mieszkańców i Zarządzania Kryzysowego, MOPR i Sekretarza Miasta "
                            "o uwzględnienie rekomendacji Lubelskiego Społecznego Komitetu Pomocy Ukrainie "
                            "przy relokacji mieszkańców punktów zbiorowego zakwaterowania.",
                            "29 maja: spotkanie online dla organizacji społeczeństwa obywatelskiego, "
                            "wprowadzające w przygotowanie miejskiej polityki integracji.",
                            "Czerwiec: spotkania przewodniczącej z KDO ds. Młodzieży (3 czerwca) i Radą "
                            "Działalności Pożytku Publicznego (12 czerwca). Zwrócono uwagę na migrantów z "
                            "niepełnosprawnościami i na udział kluczowych wydziałów urzędu w pracach.",
                            "Październik–listopad: cztery spotkania grup roboczych — edukacja (17 "
                            "października), czas wolny (31 października), potrzeby podstawowe (7 listopada), "
                            "interwencja kryzysowa i bezpieczeństwo (14 listopada).",
                        ]
                    )
                ),
                heading("Plany na 2024 rok"),
                paragraph(
                    bullets(
                        [
                            "Dalsza koordynacja pomocy humanitarnej dla uchodźczyń i uchodźców z Ukrainy "
                            "oraz wsparcie adaptacji i integracji migrantów i migrantek mieszkających w "
                            "Lublinie.",
                            "Wypracowanie propozycji polityki integracyjnej dla Lublina z udziałem "
                            "organizacji, grup nieformalnych, wydziałów urzędu, instytucji samorządowych i "
                            "mieszkańców. Proces ma się zakończyć jesienią 2024 roku, po szerokich "
                            "konsultacjach społecznych.",
                        ],
                        tag="ol",
                    )
                ),
            ],
        }

    def _working_group_index_fields(self, language):
        title, intro = WORKING_GROUP_INDEX_TEXT[language]
        return {"title": title, "intro": intro, "show_in_menus": True}

    def _working_group_fields(self, group, language):
        text = group.text[language]
        meeting_title, meeting_summary = text["meeting"]
        return {
            "title": text["title"],
            "summary": text["summary"],
            "scope": text["scope"],
            "participants": [
                {"type": "participant", "value": {"name": name, "kind": kind}}
                for name, kind in group.participants
            ],
            "meetings": [
                {
                    "type": "meeting",
                    "value": {
                        "date": group.meeting_date.isoformat(),
                        "title": meeting_title,
                        "summary": meeting_summary,
                    },
                }
            ],
            "outcomes": [
                {"type": "outcome", "value": {"title": title, "description": description, "status": status}}
                for (title, description), status in zip(text["outcomes"], group.outcome_statuses, strict=True)
            ],
        }

    def _at(self, days, hour, minute=0):
        """A local date and time `days` from today, so that upcoming events stay upcoming."""
        day = self.today + datetime.timedelta(days=days)
        return datetime.datetime.combine(
            day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
        )

    def _events(self, index):
        library = "Miejska Biblioteka Publiczna w Lublinie"
        city_hall = "plac Króla Władysława Łokietka 1, 20-109 Lublin"
        cafe_organiser = "Urząd Miasta Lublin i Miejska Biblioteka Publiczna w Lublinie"
        cafe_body = [
            paragraph(
                paragraphs(
                    "Café Dialog to nieformalne spotkania przy kawie, podczas których mieszkańcy lubelskich "
                    "dzielnic poznają cudzoziemców mieszkających w Lublinie. Spotkania są częścią projektu "
                    "„Komunikacja dla Integracji”.",
                    "Rozmawiamy po polsku, ale pomożemy w tłumaczeniu na ukraiński, rosyjski i angielski. "
                    "Wstęp wolny, bez zapisów.",
                )
            )
        ]
        events = [
            (
                "cafe-dialog-sasiedzi",
                {
                    "title": "Café Dialog: sąsiedzi z różnych stron świata",
                    "start": self._at(5, 17),
                    "end": self._at(5, 19),
                    "location": library,
                    "address": "",
                    "organiser": cafe_organiser,
                    "summary": (
                        "Rozmowa przy kawie z mieszkańcami Lublina, którzy przyjechali z innych krajów: skąd "
                        "są, co ich zaskoczyło w mieście i czego potrzebują od sąsiadów."
                    ),
                    "body": cafe_body,
                },
            ),
            (
                "spotkanie-konsultacyjne-zalozenia-polityki",
                {
                    "title": "Spotkanie konsultacyjne: założenia polityki integracji",
                    "start": self._at(9, 17, 30),
                    "end": self._at(9, 19, 30),
                    "location": "Urząd Miasta Lublin",
                    "address": city_hall,
                    "organiser": "Komisja Dialogu Obywatelskiego",
                    "summary": (
                        "Przedstawimy wnioski czterech grup roboczych i zbierzemy uwagi do założeń miejskiej "
                        "polityki integracji. Zapewniamy tłumaczenie na ukraiński i rosyjski."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Spotkanie jest częścią konsultacji założeń polityki integracji. Uwagi "
                                "zgłoszone na spotkaniu trafią do raportu z konsultacji razem z uwagami "
                                "przesłanymi przez internet.",
                                "Sala jest dostępna dla osób poruszających się na wózku. Jeśli potrzebujesz "
                                "tłumacza polskiego języka migowego, napisz do nas co najmniej 3 dni robocze "
                                "przed spotkaniem.",
                            )
                        )
                    ],
                },
            ),
            (
                "cafe-dialog-szkola",
                {
                    "title": "Café Dialog: jak działa lubelska szkoła?",
                    "start": self._at(12, 17),
                    "end": self._at(12, 19),
                    "location": library,
                    "address": "",
                    "organiser": cafe_organiser,
                    "summary": (
                        "Spotkanie dla rodziców, którzy niedawno przyjechali do Lublina: zapisy do szkoły, "
                        "dziennik elektroniczny, zajęcia z języka polskiego i kontakt z wychowawcą."
                    ),
                    "body": cafe_body,
                },
            ),
            (
                "warsztaty-antyplotkowe",
                {
                    "title": "Warsztaty antyplotkowe dla wolontariuszy",
                    "start": self._at(19, 10),
                    "end": self._at(19, 14),
                    "location": "Centrum Kultury w Lublinie",
                    "address": "ul. Peowiaków 12, 20-007 Lublin",
                    "organiser": "Urząd Miasta Lublin, projekt „Komunikacja dla Integracji”",
                    "summary": (
                        "Jak rozpoznawać plotki i stereotypy o cudzoziemcach i jak na nie odpowiadać? "
                        "Warsztaty prowadzą przeszkoleni agenci i agentki antyplotkowi."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Agenci antyplotkowi to osoby, które w swoim otoczeniu spokojnie i rzeczowo "
                                "reagują na krzywdzące uogólnienia o cudzoziemcach. Warsztaty są "
                                "przeznaczone dla wolontariuszy organizacji pozarządowych, studentów i "
                                "seniorów.",
                                "Liczba miejsc jest ograniczona; udział jest bezpłatny.",
                            )
                        )
                    ],
                },
            ),
            (
                "pilka-nozna-jest-dla-wszystkich",
                {
                    "title": "Turniej „Piłka nożna jest dla wszystkich”",
                    "start": self._at(26, 11),
                    "end": self._at(26, 16),
                    "location": "Hala sportowa MOSiR „Bystrzyca”",
                    "address": "",
                    "organiser": "Urząd Miasta Lublin i organizacje członkowskie KDO",
                    "summary": (
                        "Mieszane drużyny mieszkańców Lublina z różnych krajów grają w halowej piłce nożnej. "
                        "Zgłoś drużynę albo przyjdź kibicować."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Turniej nawiązuje do meczu pod hasłem „Piłka nożna jest dla wszystkich” z "
                                "projektu „Komunikacja dla Integracji”. Każda drużyna musi mieć w składzie "
                                "osoby co najmniej dwóch narodowości."
                            )
                        )
                    ],
                },
            ),
            (
                "cafe-dialog-poznajmy-sie",
                {
                    "title": "Café Dialog: poznajmy się!",
                    "start": self._at(-21, 17),
                    "end": self._at(-21, 19),
                    "location": library,
                    "address": "",
                    "organiser": cafe_organiser,
                    "summary": (
                        "Pierwsze w tym sezonie spotkanie Café Dialog: rozmowy w małych grupach o tym, jak "
                        "się żyje w Lublinie osobom, które przyjechały z innych krajów."
                    ),
                    "body": cafe_body,
                },
            ),
            (
                "spotkanie-online-polityka-integracji-2023",
                {
                    "title": "Spotkanie online: jak przygotować miejską politykę integracji?",
                    "start": datetime.datetime(2023, 5, 29, 17, tzinfo=timezone.get_current_timezone()),
                    "end": datetime.datetime(2023, 5, 29, 19, tzinfo=timezone.get_current_timezone()),
                    "location": "Online",
                    "address": "",
                    "organiser": "Komisja Dialogu Obywatelskiego",
                    "summary": (
                        "Spotkanie dla organizacji społeczeństwa obywatelskiego działających w Lublinie, "
                        "wprowadzające w przygotowanie miejskiej polityki integracji."
                    ),
                    "body": [],
                },
            ),
        ]
        return {slug: self._page(index, EventPage, slug, fields) for slug, fields in events}

    def _consultation_fields(self, events):
        return {
            "title": "Konsultacje założeń miejskiej polityki integracji",
            "show_in_menus": False,
            "summary": (
                "Jakie działania powinny znaleźć się w polityce integracji Lublina? Oceń założenia "
                "wypracowane przez cztery grupy robocze. Głos może zabrać każda osoba, która mieszka, "
                "pracuje lub uczy się w Lublinie, niezależnie od obywatelstwa."
            ),
            "opens_at": self._at(-14, 0),
            "closes_at": self._at(28, 23, 59),
            "body": [
                heading("O co pytamy"),
                paragraph(
                    bullets(
                        [
                            "Które propozycje grup roboczych są dla Ciebie najważniejsze?",
                            "Czego brakuje w założeniach, a co utrudnia Ci życie w Lublinie?",
                            "Jak miasto powinno informować o swoich działaniach i w jakich językach?",
                        ]
                    )
                ),
                heading("Kto może wziąć udział"),
                paragraph(
                    paragraphs(
                        "Każda osoba mieszkająca w Lublinie. Nie pytamy o obywatelstwo, numer PESEL ani "
                        "dokumenty pobytowe. Możesz pisać po polsku, angielsku, ukraińsku lub rosyjsku."
                    )
                ),
                call_to_action(
                    "Spotkanie konsultacyjne",
                    "Szczegóły spotkania",
                    text="Przyjdź i porozmawiaj o założeniach polityki na żywo.",
                    page=events["spotkanie-konsultacyjne-zalozenia-polityki"],
                ),
            ],
        }

    def _news(self, index, consultation, kdo):
        report = ReportPage.objects.child_of(kdo).get(slug="sprawozdanie-2023")
        items = [
            (
                "konsultacje-zalozen-polityki-integracji",
                {
                    "title": "Ruszyły konsultacje założeń polityki integracji",
                    "date": self.today - datetime.timedelta(days=14),
                    "summary": (
                        "Do końca konsultacji każda osoba mieszkająca w Lublinie może ocenić założenia "
                        "miejskiej polityki integracji — po polsku, angielsku, ukraińsku lub rosyjsku."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Założenia powstały na podstawie czterech spotkań grup roboczych z jesieni "
                                "2023 roku. Teraz chcemy usłyszeć mieszkańców: co jest najważniejsze, czego "
                                "brakuje i co warto zrobić najpierw."
                            )
                        ),
                        call_to_action("Weź udział", "Przejdź do konsultacji", page=consultation),
                    ],
                },
            ),
            (
                "cafe-dialog-wraca-do-bibliotek",
                {
                    "title": "Café Dialog wraca do miejskich bibliotek",
                    "date": self.today - datetime.timedelta(days=3),
                    "summary": (
                        "Spotkania mieszkańców dzielnic z cudzoziemcami mieszkającymi w Lublinie znów "
                        "odbywają się w Miejskiej Bibliotece Publicznej. Najbliższe już w tym miesiącu."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Café Dialog narodził się w projekcie „Komunikacja dla Integracji” Urzędu "
                                "Miasta Lublin. Grupa robocza „Czas wolny” zarekomendowała, by spotkania "
                                "odbywały się regularnie we wszystkich dzielnicach."
                            )
                        )
                    ],
                },
            ),
            (
                "sprawozdanie-kdo-za-2023",
                {
                    "title": "Sprawozdanie Komisji Dialogu Obywatelskiego za 2023 rok",
                    "date": datetime.date(2024, 3, 1),
                    "summary": (
                        "Osiem posiedzeń, trzy nowe organizacje członkowskie i cztery grupy robocze: "
                        "podsumowanie roku pracy Komisji i plany na 2024 rok."
                    ),
                    "body": [call_to_action("Sprawozdanie", "Przeczytaj sprawozdanie", page=report)],
                },
            ),
            (
                "grupy-robocze-zakonczyly-pierwsza-ture",
                {
                    "title": "Cztery grupy robocze zakończyły pierwszą turę spotkań",
                    "date": datetime.date(2023, 11, 14),
                    "summary": (
                        "Spotkaniem grupy „Interwencja kryzysowa i bezpieczeństwo” zakończyliśmy jesienny "
                        "cykl prac nad miejską polityką integracji."
                    ),
                    "body": [
                        paragraph(
                            paragraphs(
                                "Od 17 października do 14 listopada spotkały się cztery grupy: edukacja, "
                                "czas wolny, potrzeby podstawowe oraz interwencja kryzysowa i "
                                "bezpieczeństwo. Wzięli w nich udział przedstawiciele wydziałów Urzędu "
                                "Miasta Lublin, MOPR, policji, instytucji kultury, uczelni i organizacji "
                                "społecznych, także migranckich."
                            )
                        )
                    ],
                },
            ),
            (
                "fundacja-sila-jednosci-w-kdo",
                {
                    "title": "Fundacja „Siła Jedności” dołącza do Komisji Dialogu Obywatelskiego",
                    "date": datetime.date(2023, 6, 30),
                    "summary": (
                        "Do KDO dołączyła organizacja założona przez uchodźczynię z Ukrainy mieszkającą w "
                        "Lublinie. Wcześniej, w lutym, do Komisji weszły „Płast” i „Doświed”."
                    ),
                    "body": [],
                },
            ),
            (
                "spotkanie-online-polityka-integracji",
                {
                    "title": "Jak powstaje miejska polityka integracji? Spotkanie online dla organizacji",
                    "date": datetime.date(2023, 5, 29),
                    "summary": (
                        "KDO zaprosiła organizacje społeczeństwa obywatelskiego z Lublina na spotkanie "
                        "wprowadzające w przygotowanie miejskiej polityki integracji."
                    ),
                    "body": [],
                },
            ),
        ]
        for slug, fields in items:
            self._page(index, NewsPage, slug, fields)

    def _good_practices(self, home):
        index = self._page(
            home,
            GoodPracticeIndexPage,
            "dobre-praktyki",
            {
                "title": "Dobre praktyki",
                "show_in_menus": True,
                "intro": (
                    "Dziewięć miejskich praktyk integracji migrantów wyróżnionych w akcji „Miasta Otwarte”, "
                    "prowadzonej w ramach kampanii „Włącz się w Polskę”. Oceniało je pięcioosobowe jury "
                    "działaczy i działaczek migranckich z różnych miast Polski, biorąc pod uwagę "
                    "zaangażowanie samorządu, długofalowość i kompleksowość działań."
                ),
            },
        )
        for practice in GOOD_PRACTICES:
            body = [paragraph(paragraphs(*practice.description))]
            if practice.similar:
                body += [
                    heading("Podobne działania w innych miastach", "h3"),
                    paragraph(bullets(practice.similar)),
                ]
            self._page(
                index,
                GoodPracticePage,
                practice.slug,
                {
                    "title": practice.title,
                    "city": practice.city,
                    "area": str(practice.area),
                    "organisation": practice.organisation,
                    "summary": practice.summary,
                    "body": body,
                },
            )

    def _statement_fields(self, language):
        return {
            **STATEMENT_TEXT[language],
            "published_on": datetime.date(2024, 9, 2),
            "updated_on": datetime.date(2026, 9, 14),
            "statement_prepared_on": datetime.date(2024, 9, 2),
            "statement_reviewed_on": datetime.date(2026, 9, 14),
            "compliance_status": ComplianceStatus.PARTIAL,
            "contact_email": f"dostepnosc@{DEMO_DOMAIN}",
            "contact_phone": "+48 81 000 00 00",
        }

    # --- translations ---------------------------------------------------------------------------

    def _translations(self, pages):
        for language in TRANSLATIONS:
            self._say(f"Translating into {language}…")
            home, _created_home = self._translation(pages["home"], language)
            council = self._translate(pages["council"], language, self._council_fields(language))
            self._update(home, self._home_fields(language, council), created=_created_home)
            self._translate(pages["groups_index"], language, self._working_group_index_fields(language))
            for group in WORKING_GROUPS:
                self._translate(
                    pages["groups"][group.slug], language, self._working_group_fields(group, language)
                )
            self._translate(pages["statement"], language, self._statement_fields(language))
            self._section(f"{language}: home, migrant council, working groups, accessibility statement")

    # --- accounts -------------------------------------------------------------------------------

    def _accounts(self, password):
        user_model = get_user_model()
        created = updated = 0
        for account in DEMO_ACCOUNTS:
            user = user_model.objects.filter(email__iexact=account.email).first()
            if user is None:
                user = user_model(username=account.email, email=account.email)
                created += 1
            else:
                updated += 1
            user.display_name = account.display_name
            user.preferred_language = account.preferred_language
            user.is_active = True
            user.is_staff = account.superuser
            user.is_superuser = account.superuser
            user.set_password(password)
            user.save()
            if account.group:
                try:
                    group = Group.objects.get(name=account.group)
                except Group.DoesNotExist as error:
                    raise CommandError(
                        f"The group “{account.group}” does not exist. Run `manage.py migrate` first."
                    ) from error
            # Demo accounts only: the protected groups' audited services (ombudsperson.appointments, the
            # council's invitations) are for real people; the demo ombudsperson sets up two-factor
            # authentication at /account/2fa/ before reading cases.
            with changing_membership(*PROTECTED_GROUPS):
                user.groups.set([group] if account.group else [])
            EmailAddress.objects.filter(user=user).exclude(email__iexact=account.email).update(primary=False)
            address = EmailAddress.objects.filter(user=user, email__iexact=account.email).first()
            if address is None:
                address = EmailAddress(user=user, email=account.email)
            address.verified = True
            address.primary = True
            address.save()
        self._say(f"  demo accounts: {created} created, {updated} updated")
        return DEMO_ACCOUNTS

    def _print_logins(self, accounts, password):
        if self.verbosity < 1:
            return
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            site_login = base_url + reverse("account_login")
        admin_login = base_url + reverse("wagtailadmin_home")
        user_model = get_user_model()
        rows = [("Role", "E-mail", "Password", "Log in at")]
        for account in accounts:
            user = user_model.objects.get(email__iexact=account.email)
            where = site_login
            if user.has_perm("wagtailadmin.access_admin"):
                where += f"  (admin: {admin_login})"
            rows.append((account.role, account.email, password, where))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]

        def line(row):
            return (
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3]
            )

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo site loaded. Demo accounts:"))
        self.stdout.write(line(rows[0]))
        self.stdout.write("  ".join("-" * width for width in widths) + "  " + "-" * len(rows[0][3]))
        for row in rows[1:]:
            self.stdout.write(line(row))
        demo_case = getattr(self, "demo_case", None)
        if demo_case is not None:
            self.stdout.write(
                f"Demo ombudsperson case (no account needed): reference {demo_case.reference}, secret code "
                f"{demo_case.code}; read its status and replies at {demo_case.status_url}"
            )
        if not os.environ.get("DEMO_PASSWORD"):
            self.stdout.write(
                "The password was generated for this run; set DEMO_PASSWORD to choose one that stays the "
                "same."
            )
        if getattr(settings, "STAFF_MFA_REQUIRED", False):
            self.stdout.write(
                "STAFF_MFA_REQUIRED is on: staff accounts will be asked to set up two-factor authentication "
                "at their first login."
            )
