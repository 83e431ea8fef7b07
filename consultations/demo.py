"""Demo consultations for `manage.py load_demo`: the open consultation on the principles of Lublin's
integration policy (a draft in five sections, in four languages, revised once in answer to comments; a
questionnaire with every question type; about 200 generated answers in four languages and four channels,
with section comments, replies, an official reply, a hidden comment, tags and dimensions; a batch of
participation codes) and one closed consultation with a published report.

Idempotent: each step is keyed on something a second run finds (a version number, a page slug, answers
whose submission tokens are derived with uuid5), so running the demo again adds nothing. Randomness is
seeded, so every demo site holds the same answers."""

import datetime
import random
import uuid
from html import escape

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page

from citysite.participation.models import AbuseReport, Comment, Dimension
from home.models import WorkingGroupIndexPage, WorkingGroupPage

from .models import (
    Answer,
    Channel,
    ConsultationIndexPage,
    ConsultationPage,
    DraftSection,
    ParticipationCode,
    ParticipationCodeBatch,
)

NAMESPACE = uuid.UUID("6f1c3b0e-4a53-5d6e-9a51-3f2d0c1b7e11")
SEED = 20241015
OPEN_SLUG = "zalozenia-polityki-integracji"
CLOSED_SLUG = "informacja-w-wielu-jezykach"
OPEN_ANSWERS = 200
CLOSED_ANSWERS = 64
TRANSLATIONS = ["en", "uk", "ru"]
LANGUAGE_WEIGHTS = {"pl": 45, "uk": 30, "ru": 15, "en": 10}
CHANNEL_WEIGHTS = {Channel.ONLINE: 75, Channel.WORKSHOP: 12, Channel.PAPER: 8, Channel.PHONE: 5}
CODE_ORGANISATION = "Stowarzyszenie Homo Faber"
CODE_COUNT = 40
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
DISTRICTS = [
    "Śródmieście",
    "Czuby Północne",
    "Czechów Południowy",
    "Kalinowszczyzna",
    "LSM",
    "Rury",
    "Wieniawa",
]
KDO_TEAM = "Zespół Komisji Dialogu Obywatelskiego"
DOMAIN = "demo.otwartemiasto.pl"


def stable_id(name: str) -> str:
    """A block id that is the same on every demo site, so answers and translations line up."""
    return str(uuid.uuid5(NAMESPACE, name))


def token(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def html_paragraphs(*texts):
    return "".join(f"<p>{escape(text, quote=False)}</p>" for text in texts)


def html_list(items):
    return "<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>"


# --- The open consultation: texts in four languages --------------------------------------------------

OPEN_PAGE_TEXT = {
    "en": {
        "title": "Consultation on the principles of the city integration policy",
        "summary": (
            "Which actions should Lublin's integration policy include? Assess the principles developed by "
            "four working groups. Anyone who lives, works or studies in Lublin can take part, whatever their "
            "citizenship."
        ),
        "body": "Anyone who lives in Lublin can take part. We never ask about citizenship, PESEL numbers or "
        "residence documents. You can write in Polish, English, Ukrainian or Russian.",
    },
    "uk": {
        "title": "Консультації щодо засад міської політики інтеграції",
        "summary": (
            "Які дії має містити політика інтеграції Любліна? Оцініть засади, розроблені чотирма робочими "
            "групами. Взяти участь може кожна людина, яка живе, працює або навчається в Любліні, незалежно "
            "від громадянства."
        ),
        "body": "Взяти участь може кожна людина, яка живе в Любліні. Ми не питаємо про громадянство, номер "
        "PESEL чи документи про перебування. Писати можна польською, англійською, українською або "
        "російською.",
    },
    "ru": {
        "title": "Консультации по основным положениям городской политики интеграции",
        "summary": (
            "Какие действия должна включать политика интеграции Люблина? Оцените положения, разработанные "
            "четырьмя рабочими группами. Принять участие может каждый, кто живёт, работает или учится в "
            "Люблине, независимо от гражданства."
        ),
        "body": "Принять участие может каждый, кто живёт в Люблине. Мы не спрашиваем о гражданстве, номере "
        "PESEL или документах о пребывании. Писать можно на польском, английском, украинском или русском.",
    },
}

PLAIN_LANGUAGE = {
    "pl": "Miasto pisze plan, jak pomagać osobom, które przyjechały do Lublina z innych krajów. Przeczytaj "
    "plan. Napisz, co jest dobre, a co trzeba zmienić. Możesz pisać w swoim języku.",
    "en": "The city is writing a plan to help people who came to Lublin from other countries. Read the plan. "
    "Tell us what is good and what should change. You can write in your own language.",
    "uk": "Місто пише план, як допомагати людям, які приїхали до Любліна з інших країн. Прочитайте план. "
    "Напишіть, що в ньому добре, а що треба змінити. Можна писати своєю мовою.",
    "ru": "Город пишет план, как помогать людям, которые приехали в Люблин из других стран. Прочитайте план. "
    "Напишите, что в нём хорошо, а что нужно изменить. Можно писать на своём языке.",
}

CONSENT = {
    "pl": "Twoje odpowiedzi czyta zespół Komisji Dialogu Obywatelskiego i osoby analizujące konsultacje w "
    "Urzędzie Miasta Lublin. Wykorzystamy je tylko do przygotowania polityki integracji i raportu z "
    "konsultacji; w raporcie cytujemy wypowiedzi bez imion, chyba że komentarz jest już publiczny pod Twoją "
    "nazwą. Odpowiedzi przechowujemy do końca prac nad polityką, najdłużej 3 lata.",
    "en": "Your answers are read by the Civic Dialogue Commission team and the people analysing the "
    "consultation at Lublin City Hall. We use them only to prepare the integration policy and the "
    "consultation report; the report quotes people without names, unless a comment is already public under "
    "your name. We keep the answers until the policy is finished, for 3 years at most.",
    "uk": "Ваші відповіді читають команда Комісії громадського діалогу та люди, які аналізують консультації "
    "в мерії Любліна. Ми використаємо їх лише для підготовки політики інтеграції та звіту про консультації; "
    "у звіті ми цитуємо висловлювання без імен, якщо коментар не є вже публічним під вашим іменем. Відповіді "
    "зберігаються до завершення роботи над політикою, щонайбільше 3 роки.",
    "ru": "Ваши ответы читают команда Комиссии гражданского диалога и сотрудники мэрии Люблина, которые "
    "анализируют консультации. Мы используем их только для подготовки политики интеграции и отчёта о "
    "консультациях; в отчёте мы цитируем высказывания без имён, если комментарий не опубликован под вашим "
    "именем. Ответы хранятся до завершения работы над политикой, не дольше 3 лет.",
}

INDEX_TEXT = {
    "en": (
        "Consultations",
        "Comment on drafts of city documents and answer questionnaires. Anyone who lives in Lublin can take "
        "part: we never ask about citizenship.",
    ),
    "uk": (
        "Консультації",
        "Тут можна прокоментувати проєкти міських документів і відповісти на запитання анкет. Взяти участь "
        "може кожна людина, яка живе в Любліні: ми не питаємо про громадянство.",
    ),
    "ru": (
        "Консультации",
        "Здесь можно прокомментировать проекты городских документов и ответить на вопросы анкет. Принять "
        "участие может каждый, кто живёт в Люблине: мы не спрашиваем о гражданстве.",
    ),
}

# (key, working group slug or None, {language: (heading, intro, [items])})
SECTIONS = [
    (
        "wprowadzenie",
        None,
        {
            "pl": (
                "Wprowadzenie",
                "W Lublinie mieszka coraz więcej osób z doświadczeniem migracji. Miejska polityka integracji "
                "ma sprawić, że każda osoba mieszkająca w Lublinie, niezależnie od obywatelstwa, może "
                "korzystać z usług miasta, uczyć się, pracować i współdecydować o sprawach wspólnych. "
                "Założenia przygotowała Komisja Dialogu Obywatelskiego na podstawie pracy czterech grup "
                "roboczych jesienią 2023 roku.",
                [],
            ),
            "en": (
                "Introduction",
                "More and more people with migration experience live in Lublin. The city's integration "
                "policy aims to make sure that everyone who lives in Lublin, whatever their citizenship, can "
                "use city services, learn, work and have a say in shared matters. The Civic Dialogue "
                "Commission prepared these principles from the work of four working groups in autumn 2023.",
                [],
            ),
            "uk": (
                "Вступ",
                "У Любліні живе дедалі більше людей з досвідом міграції. Міська політика інтеграції має "
                "забезпечити, щоб кожна людина, яка живе в Любліні, незалежно від громадянства, могла "
                "користуватися міськими послугами, навчатися, працювати й брати участь у спільних справах. "
                "Засади підготувала Комісія громадського діалогу на основі роботи чотирьох робочих груп "
                "восени 2023 року.",
                [],
            ),
            "ru": (
                "Введение",
                "В Люблине живёт всё больше людей с опытом миграции. Городская политика интеграции должна "
                "обеспечить, чтобы каждый, кто живёт в Люблине, независимо от гражданства, мог пользоваться "
                "городскими услугами, учиться, работать и участвовать в общих делах. Основные положения "
                "подготовила Комиссия гражданского диалога на основе работы четырёх рабочих групп осенью "
                "2023 года.",
                [],
            ),
        },
    ),
    (
        "edukacja",
        "edukacja",
        {
            "pl": (
                "Edukacja",
                "Szkoły prowadzone przez miasto przyjmują coraz więcej uczniów, którzy dopiero uczą się "
                "polskiego. Proponujemy:",
                [
                    "asystentów międzykulturowych w szkołach, w których uczy się najwięcej dzieci z "
                    "doświadczeniem migracji;",
                    "dodatkowe lekcje języka polskiego dla uczniów;",
                    "szkolenia z edukacji międzykulturowej dla nauczycieli.",
                ],
            ),
            "en": (
                "Education",
                "City-run schools take in more and more pupils who are still learning Polish. We propose:",
                [
                    "intercultural assistants in the schools with the most children with migration "
                    "experience;",
                    "extra Polish lessons for pupils;",
                    "intercultural education training for teachers.",
                ],
            ),
            "uk": (
                "Освіта",
                "Міські школи приймають дедалі більше учнів, які лише вивчають польську мову. Ми пропонуємо:",
                [
                    "міжкультурних асистентів у школах, де навчається найбільше дітей з досвідом міграції;",
                    "додаткові уроки польської мови для учнів;",
                    "навчання з міжкультурної освіти для вчителів.",
                ],
            ),
            "ru": (
                "Образование",
                "Городские школы принимают всё больше учеников, которые только учат польский язык. Мы "
                "предлагаем:",
                [
                    "межкультурных ассистентов в школах, где учится больше всего детей с опытом миграции;",
                    "дополнительные уроки польского языка для учеников;",
                    "обучение межкультурному образованию для учителей.",
                ],
            ),
        },
    ),
    (
        "czas-wolny",
        "czas-wolny",
        {
            "pl": (
                "Czas wolny",
                "Kultura, sport i spotkania sąsiedzkie pomagają się poznać. Proponujemy:",
                [
                    "regularne spotkania Café Dialog we wszystkich dzielnicach;",
                    "informacje o wydarzeniach miejskich instytucji kultury także po angielsku, ukraińsku i "
                    "rosyjsku;",
                    "wsparcie wydarzeń przygotowywanych przez organizacje migranckie.",
                ],
            ),
            "en": (
                "Leisure",
                "Culture, sport and neighbourhood meetings help people get to know each other. We propose:",
                [
                    "regular Café Dialog meetings in every district;",
                    "information about events of city cultural institutions also in English, Ukrainian and "
                    "Russian;",
                    "support for events organised by migrant organisations.",
                ],
            ),
            "uk": (
                "Дозвілля",
                "Культура, спорт і сусідські зустрічі допомагають познайомитися. Ми пропонуємо:",
                [
                    "регулярні зустрічі Café Dialog у всіх районах;",
                    "інформацію про події міських закладів культури також англійською, українською та "
                    "російською;",
                    "підтримку заходів, які готують мігрантські організації.",
                ],
            ),
            "ru": (
                "Досуг",
                "Культура, спорт и соседские встречи помогают познакомиться. Мы предлагаем:",
                [
                    "регулярные встречи Café Dialog во всех районах;",
                    "информацию о мероприятиях городских учреждений культуры также на английском, украинском "
                    "и русском;",
                    "поддержку мероприятий, которые готовят организации мигрантов.",
                ],
            ),
        },
    ),
    (
        "potrzeby-podstawowe",
        "potrzeby-podstawowe",
        {
            "pl": (
                "Potrzeby podstawowe",
                "Pomoc społeczna, praca, zdrowie i mieszkanie to sprawy, z którymi najczęściej zgłaszają się "
                "osoby, które przyjechały do Lublina. Proponujemy:",
                [
                    "punkt informacyjny w Urzędzie Miasta z obsługą w czterech językach;",
                    "tłumaczy w MOPR i w miejskich przychodniach;",
                    "współpracę z urzędem pracy przy uznawaniu kwalifikacji.",
                ],
            ),
            "en": (
                "Basic needs",
                "Social assistance, work, health and housing are what people who have come to Lublin ask "
                "about most. We propose:",
                [
                    "an information point at City Hall with service in four languages;",
                    "interpreters at the municipal family support centre (MOPR) and in city clinics;",
                    "cooperation with the labour office on the recognition of qualifications.",
                ],
            ),
            "uk": (
                "Базові потреби",
                "Соціальна допомога, робота, здоров'я та житло — це справи, з якими найчастіше звертаються "
                "люди, які приїхали до Любліна. Ми пропонуємо:",
                [
                    "інформаційний пункт у мерії з обслуговуванням чотирма мовами;",
                    "перекладачів у MOPR і в міських поліклініках;",
                    "співпрацю з центром зайнятості щодо визнання кваліфікацій.",
                ],
            ),
            "ru": (
                "Базовые потребности",
                "Социальная помощь, работа, здоровье и жильё — это вопросы, с которыми чаще всего обращаются "
                "люди, приехавшие в Люблин. Мы предлагаем:",
                [
                    "информационный пункт в мэрии с обслуживанием на четырёх языках;",
                    "переводчиков в MOPR и в городских поликлиниках;",
                    "сотрудничество с центром занятости в признании квалификаций.",
                ],
            ),
        },
    ),
    (
        "bezpieczenstwo",
        "interwencja-kryzysowa-i-bezpieczenstwo",
        {
            "pl": (
                "Interwencja kryzysowa i bezpieczeństwo",
                "Osoba w kryzysie musi wiedzieć, gdzie szukać pomocy, i zostać zrozumiana. Proponujemy:",
                [
                    "całodobową informację o pomocy kryzysowej w czterech językach;",
                    "szkolenia dla służb miejskich z pracy z osobami z doświadczeniem migracji i przemocy;",
                    "jasną ścieżkę zgłaszania przestępstw z nienawiści.",
                ],
            ),
            "en": (
                "Crisis intervention and safety",
                "A person in crisis must know where to find help, and be understood. We propose:",
                [
                    "round-the-clock information about crisis help in four languages;",
                    "training for city services on working with people with experience of migration and "
                    "violence;",
                    "a clear way to report hate crimes.",
                ],
            ),
            "uk": (
                "Кризове втручання та безпека",
                "Людина в кризі має знати, де шукати допомоги, і бути зрозумілою. Ми пропонуємо:",
                [
                    "цілодобову інформацію про кризову допомогу чотирма мовами;",
                    "навчання для міських служб щодо роботи з людьми з досвідом міграції та насильства;",
                    "зрозумілий порядок повідомлення про злочини на ґрунті ненависті.",
                ],
            ),
            "ru": (
                "Кризисное вмешательство и безопасность",
                "Человек в кризисе должен знать, где искать помощь, и быть понятым. Мы предлагаем:",
                [
                    "круглосуточную информацию о кризисной помощи на четырёх языках;",
                    "обучение городских служб работе с людьми с опытом миграции и насилия;",
                    "понятный порядок сообщения о преступлениях на почве ненависти.",
                ],
            ),
        },
    ),
]

# Version 2 of the education section: the changes that commenters asked for.
EDUCATION_V2 = {
    "pl": (
        [
            "asystentów międzykulturowych w szkołach, w których uczy się najwięcej dzieci z doświadczeniem "
            "migracji;",
            "dodatkowe lekcje języka polskiego dla uczniów, także w czasie wakacji;",
            "bezpłatne kursy języka polskiego dla rodziców uczniów, wieczorami i w weekendy;",
            "szkolenia z edukacji międzykulturowej dla nauczycieli.",
        ],
        "Na prośbę osób komentujących dodaliśmy kursy języka polskiego dla rodziców i lekcje w czasie "
        "wakacji.",
    ),
    "en": (
        [
            "intercultural assistants in the schools with the most children with migration experience;",
            "extra Polish lessons for pupils, also during the holidays;",
            "free Polish courses for pupils' parents, in the evenings and at weekends;",
            "intercultural education training for teachers.",
        ],
        "As people who commented asked, we added Polish courses for parents and lessons during the holidays.",
    ),
    "uk": (
        [
            "міжкультурних асистентів у школах, де навчається найбільше дітей з досвідом міграції;",
            "додаткові уроки польської мови для учнів, також під час канікул;",
            "безкоштовні курси польської мови для батьків учнів, увечері та у вихідні;",
            "навчання з міжкультурної освіти для вчителів.",
        ],
        "На прохання людей, які залишили коментарі, ми додали курси польської мови для батьків і уроки під "
        "час канікул.",
    ),
    "ru": (
        [
            "межкультурных ассистентов в школах, где учится больше всего детей с опытом миграции;",
            "дополнительные уроки польского языка для учеников, в том числе во время каникул;",
            "бесплатные курсы польского языка для родителей учеников, по вечерам и в выходные;",
            "обучение межкультурному образованию для учителей.",
        ],
        "По просьбе тех, кто оставил комментарии, мы добавили курсы польского языка для родителей и уроки во "
        "время каникул.",
    ),
}

# (key, type, {language: (label, help text, choices or (lowest, highest) for a scale)}, required)
QUESTIONS = [
    (
        "obszar",
        "single_choice",
        {
            "pl": (
                "Który obszar jest dla Ciebie najważniejszy?",
                "",
                ["Edukacja", "Czas wolny", "Potrzeby podstawowe", "Interwencja kryzysowa i bezpieczeństwo"],
            ),
            "en": (
                "Which area matters most to you?",
                "",
                ["Education", "Leisure", "Basic needs", "Crisis intervention and safety"],
            ),
            "uk": (
                "Яка сфера для вас найважливіша?",
                "",
                ["Освіта", "Дозвілля", "Базові потреби", "Кризове втручання та безпека"],
            ),
            "ru": (
                "Какая сфера для вас важнее всего?",
                "",
                ["Образование", "Досуг", "Базовые потребности", "Кризисное вмешательство и безопасность"],
            ),
        },
        True,
    ),
    (
        "zrodla",
        "multiple_choice",
        {
            "pl": (
                "Skąd dowiadujesz się o sprawach miasta?",
                "Zaznacz wszystkie, które pasują.",
                [
                    "strona internetowa miasta",
                    "media społecznościowe",
                    "organizacje społeczne",
                    "znajomi i rodzina",
                    "szkoła lub uczelnia",
                ],
            ),
            "en": (
                "Where do you hear about city matters?",
                "Choose all that apply.",
                [
                    "the city website",
                    "social media",
                    "civil society organisations",
                    "friends and family",
                    "school or university",
                ],
            ),
            "uk": (
                "Звідки ви дізнаєтеся про міські справи?",
                "Позначте все, що підходить.",
                [
                    "сайт міста",
                    "соціальні мережі",
                    "громадські організації",
                    "знайомі та родина",
                    "школа або університет",
                ],
            ),
            "ru": (
                "Откуда вы узнаёте о городских делах?",
                "Отметьте всё, что подходит.",
                [
                    "сайт города",
                    "социальные сети",
                    "общественные организации",
                    "знакомые и семья",
                    "школа или университет",
                ],
            ),
        },
        False,
    ),
    (
        "ocena",
        "scale",
        {
            "pl": (
                "Jak oceniasz założenia polityki jako całość?",
                "",
                ("zupełnie nie odpowiadają potrzebom", "w pełni odpowiadają potrzebom"),
            ),
            "en": (
                "How do you rate the principles as a whole?",
                "",
                ("do not meet needs at all", "fully meet needs"),
            ),
            "uk": (
                "Як ви оцінюєте засади загалом?",
                "",
                ("зовсім не відповідають потребам", "повністю відповідають потребам"),
            ),
            "ru": (
                "Как вы оцениваете положения в целом?",
                "",
                ("совсем не отвечают потребностям", "полностью отвечают потребностям"),
            ),
        },
        True,
    ),
    (
        "jezyk",
        "short_text",
        {
            "pl": ("W jakim języku chcesz otrzymywać informacje od miasta?", "", None),
            "en": ("In which language would you like to get information from the city?", "", None),
            "uk": ("Якою мовою ви хочете отримувати інформацію від міста?", "", None),
            "ru": ("На каком языке вы хотите получать информацию от города?", "", None),
        },
        False,
    ),
    (
        "brakuje",
        "long_text",
        {
            "pl": (
                "Czego brakuje w założeniach?",
                "Napisz, co jeszcze powinno się znaleźć w polityce.",
                None,
            ),
            "en": (
                "What is missing from the principles?",
                "Tell us what else the policy should include.",
                None,
            ),
            "uk": ("Чого бракує в засадах?", "Напишіть, що ще має бути в політиці.", None),
            "ru": ("Чего не хватает в положениях?", "Напишите, что ещё должно быть в политике.", None),
        },
        False,
    ),
]

SHORT_ANSWERS = {
    "pl": ["po polsku", "po polsku i po angielsku", "po polsku"],
    "en": ["English", "English and Polish", "Polish is fine, with an English summary"],
    "uk": ["українською", "українською та польською", "польською, але простою"],
    "ru": ["на русском", "на русском и польском", "на польском, но простыми словами"],
}

LONG_ANSWERS = {
    "pl": [
        "Brakuje informacji o tym, kto w urzędzie odpowiada za realizację polityki.",
        "Dobrze byłoby pomyśleć o seniorach, którzy przyjechali z rodzinami z Ukrainy.",
        "Polityka powinna mówić też o mieszkaniach dla osób, które dopiero przyjechały.",
        "Więcej miejsc w przedszkolach w dzielnicach, gdzie mieszka dużo nowych rodzin.",
    ],
    "en": [
        "Please add something about recognising foreign diplomas faster.",
        "International students need help with renting flats; landlords often refuse them.",
        "A single website with all the information in English would help a lot.",
    ],
    "uk": [
        "Бракує інформації про допомогу в пошуку житла.",
        "Потрібні безкоштовні консультації юриста українською мовою.",
        "Хотілося б більше гуртків для дітей після уроків.",
        "Треба подумати про людей старшого віку, які не знають польської.",
    ],
    "ru": [
        "Не хватает информации о том, как найти врача, который говорит по-русски.",
        "Нужны курсы польского языка в вечернее время для работающих людей.",
        "Хорошо бы сделать встречи для родителей в школах с переводчиком.",
    ],
}

# Section comments by language and section key.
SECTION_COMMENTS = {
    "pl": {
        "wprowadzenie": ["Dobrze, że polityka obejmuje wszystkich mieszkańców, a nie tylko obywateli."],
        "edukacja": [
            "Asystenci międzykulturowi bardzo pomogli w szkole mojej córki. Warto ich mieć w każdej szkole.",
            "Potrzebne są lekcje polskiego także w wakacje, bo dzieci szybko zapominają język.",
        ],
        "czas-wolny": [
            "Café Dialog w bibliotece na Czechowie to świetne spotkania, oby było ich więcej.",
            "Proszę o wydarzenia w weekendy, w tygodniu wiele osób pracuje do późna.",
        ],
        "potrzeby-podstawowe": [
            "Punkt informacyjny powinien być czynny także po południu.",
            "W przychodniach bardzo brakuje tłumaczy, szczególnie u pediatry.",
        ],
        "bezpieczenstwo": ["Informacja o pomocy kryzysowej powinna być też w tramwajach i autobusach."],
    },
    "en": {
        "wprowadzenie": ["It is great that students and workers from abroad are included too."],
        "edukacja": ["Polish courses for adults in the evening would help working parents a lot."],
        "czas-wolny": ["Sports clubs could offer free trial sessions for newcomers."],
        "potrzeby-podstawowe": [
            "Recognition of qualifications takes far too long; please make it a priority."
        ],
        "bezpieczenstwo": ["Please train the police to work with interpreters, not only city services."],
    },
    "uk": {
        "wprowadzenie": ["Дякую, що можна написати українською."],
        "edukacja": [
            "Потрібні курси польської також для батьків, бо ми не можемо допомогти дітям з домашніми "
            "завданнями.",
            "Асистенти в школах дуже потрібні, особливо в перші місяці.",
        ],
        "czas-wolny": ["Хочемо більше спільних заходів для дітей з польських і українських родин."],
        "potrzeby-podstawowe": [
            "Дуже важко знайти житло, власники не хочуть здавати квартиру іноземцям.",
            "Інформаційний пункт має працювати й у суботу.",
        ],
        "bezpieczenstwo": ["Потрібна гаряча лінія психологічної допомоги українською мовою."],
    },
    "ru": {
        "wprowadzenie": ["Хорошо, что мнение мигрантов наконец спрашивают."],
        "edukacja": ["Нужны уроки польского для родителей, хотя бы раз в неделю вечером."],
        "czas-wolny": ["Было бы хорошо узнавать о мероприятиях заранее, а не в последний день."],
        "potrzeby-podstawowe": ["В MOPR очень нужен переводчик, без него сложно оформить документы."],
        "bezpieczenstwo": ["Важно, чтобы о преступлениях на почве ненависти можно было сообщить анонимно."],
    },
}

TAGS = ["język polski", "mieszkanie", "szkoła", "informacja", "praca", "zdrowie", "bezpieczeństwo", "kultura"]


# --- Helpers ---------------------------------------------------------------------------------------


def _section_block(key, language, texts, items=None, change_note="", prompted_by=()):
    heading, intro, default_items = texts[language]
    items = default_items if items is None else items
    return {
        "type": "section",
        "id": stable_id(f"open-section-{key}"),
        "value": {
            "heading": heading,
            "text": html_paragraphs(intro) + (html_list(items) if items else ""),
            "change_note": change_note,
            "prompted_by": list(prompted_by),
            "report_summary": "",
        },
    }


def _open_draft(language, revision=None):
    """The draft in `language`; with `revision` (the comment numbers cited), version 2."""
    blocks = []
    for key, _group, texts in SECTIONS:
        if key == "edukacja" and revision is not None:
            items, note = EDUCATION_V2[language]
            blocks.append(_section_block(key, language, texts, items, note, revision))
        else:
            blocks.append(_section_block(key, language, texts))
    return blocks


def _questionnaire(language):
    blocks = []
    for key, kind, texts, required in QUESTIONS:
        label, help_text, extra = texts[language]
        value = {"label": label, "help_text": help_text, "required": required}
        if kind in ("single_choice", "multiple_choice"):
            value["choices"] = list(extra)
        if kind == "scale":
            value["lowest_label"], value["highest_label"] = extra
        blocks.append({"type": kind, "id": stable_id(f"open-question-{key}"), "value": value})
    return blocks


def _working_groups(groups, language):
    return [
        {"type": "working_group", "value": groups[slug].get_translation(_locale(language)).pk}
        for _key, slug, _texts in SECTIONS
        if slug
    ]


def _locale(language):
    return Locale.objects.get(language_code=language)


def _publish(page, fields):
    page = type(page).objects.get(pk=page.pk)  # current tree fields, so publishing keeps numchild right
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _backdate_version(page, number, moment):
    page.draft_versions.filter(number=number).update(published_at=moment)


def _translation(page, language, fields):
    """The translation of `page`, copied (with its parents) if missing; `fields` set before publishing."""
    existing = page.get_translation_or_none(_locale(language))
    if existing is not None:
        return existing.specific, False
    copy = page.copy_for_translation(_locale(language), copy_parents=True).specific
    return _publish(copy, fields), True


def _accounts():
    emails = ["resident", "editor", "moderator", "analyst", "council"]
    users = get_user_model().objects.filter(email__in=[f"{name}@{DOMAIN}" for name in emails])
    by_email = {user.email: user for user in users}
    return {name: by_email.get(f"{name}@{DOMAIN}") for name in emails}


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _code(number: int) -> str:
    value = uuid.uuid5(NAMESPACE, f"participation-code-{number}").int
    return "".join(CODE_ALPHABET[(value >> (5 * position)) % len(CODE_ALPHABET)] for position in range(10))


# --- Entry point -----------------------------------------------------------------------------------


def build_demo_consultations(home, say=lambda message: None) -> None:
    index = ConsultationIndexPage.objects.child_of(home).get(slug="konsultacje")
    groups_index = WorkingGroupIndexPage.objects.child_of(home).get(slug="grupy-robocze")
    groups = {group.slug: group for group in WorkingGroupPage.objects.child_of(groups_index)}
    accounts = _accounts()
    for language, (title, intro) in INDEX_TEXT.items():
        _translation(index, language, {"title": title, "intro": intro})
    page = ConsultationPage.objects.child_of(index).get(slug=OPEN_SLUG)
    say("  " + _open_consultation(page, groups, accounts))
    say("  " + _closed_consultation(index, groups, accounts))


def _open_consultation(page, groups, accounts) -> str:
    pages = {"pl": page}
    if not page.draft_versions.exists():
        page = pages["pl"] = _publish(page, _open_fields("pl", groups))
        _backdate_version(page, 1, page.opens_at)
    for language in TRANSLATIONS:
        translated, created = _translation(
            page,
            language,
            {
                **_open_fields(language, groups),
                "title": OPEN_PAGE_TEXT[language]["title"],
                "summary": OPEN_PAGE_TEXT[language]["summary"],
                "body": [{"type": "paragraph", "value": html_paragraphs(OPEN_PAGE_TEXT[language]["body"])}],
            },
        )
        if created:
            _backdate_version(translated, 1, page.opens_at)
        pages[language] = translated

    # Version 2 came out four days ago; the answers are spread over the weeks before and after it.
    revised_at = timezone.now() - datetime.timedelta(days=4)
    created_answers = 0
    if not Answer.objects.filter(submission_token=token("open-answer-0")).exists():
        created_answers = _open_answers(pages, accounts, revised_at)

    if page.draft_versions.count() == 1:
        cited = _cited_comments(page, revised_at)
        for language, translated in pages.items():
            _publish(translated, {"draft": _open_draft(language, revision=cited)})
            _backdate_version(translated, 2, revised_at)
        _official_reply(page, accounts, cited[0], revised_at)
    return (
        f"open consultation: {created_answers} answers created, "
        f"{Answer.objects.filter(consultation_key=page.translation_key).count()} in all, "
        f"draft version {page.draft_versions.count()}"
    )


def _open_fields(language, groups):
    return {
        "plain_language_summary": PLAIN_LANGUAGE[language],
        "consent_text": CONSENT[language],
        "draft": _open_draft(language),
        "questionnaire": _questionnaire(language),
        "working_groups": _working_groups(groups, language),
        "publish_comments": True,
        "ask_self_description": True,
    }


def _open_answers(pages, accounts, revised_at) -> int:
    """About 200 answers spread over the weeks the consultation has been open, in four languages and all
    channels, with section comments, replies, one hidden comment, tags and dimensions."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    page = pages["pl"]
    key = page.translation_key
    records = {record.section_id: record for record in DraftSection.objects.filter(consultation_key=key)}
    section_ids = {section_key: stable_id(f"open-section-{section_key}") for section_key, _g, _t in SECTIONS}
    question_ids = {
        question_key: stable_id(f"open-question-{question_key}") for question_key, *_rest in QUESTIONS
    }
    target_type = ContentType.objects.get_for_model(DraftSection)
    dimensions = list(Dimension.objects.all())
    batch, _created = ParticipationCodeBatch.objects.get_or_create(
        consultation_key=key, organisation=CODE_ORGANISATION, defaults={"created_by": accounts["editor"]}
    )
    codes = [
        ParticipationCode.objects.get_or_create(batch=batch, code=_code(number))[0]
        for number in range(CODE_COUNT)
    ]
    span = (timezone.now() - datetime.timedelta(hours=2) - page.opens_at).total_seconds()
    used_codes = 0
    for number in range(OPEN_ANSWERS):
        language = "uk" if number == 0 else _weighted(rng, LANGUAGE_WEIGHTS)
        channel = Channel.ONLINE if number == 0 else _weighted(rng, CHANNEL_WEIGHTS)
        # The demo resident answered early and commented on education: version 2 cites her comment.
        submitted_at = page.opens_at + datetime.timedelta(
            seconds=span * (0.1 if number == 0 else rng.random())
        )
        code = None
        if channel == Channel.WORKSHOP and used_codes < CODE_COUNT * 3 // 4:
            code = codes[used_codes]
            used_codes += 1
            code.used_at = submitted_at
            code.save(update_fields=["used_at"])
        consent = number == 0 or rng.random() < 0.6
        answer = Answer.objects.create(
            consultation_key=key,
            page=pages[language],
            respondent=accounts["resident"] if number == 0 else None,
            email=f"osoba{number}@example.org" if channel == Channel.ONLINE and rng.random() < 0.2 else "",
            language=language,
            channel=channel,
            entered_by=accounts["editor"] if channel in (Channel.PAPER, Channel.PHONE) else None,
            participation_code=code,
            organisation=CODE_ORGANISATION if code else "",
            submitted_at=submitted_at,
            submission_token=token(f"open-answer-{number}"),
            responses=_responses(rng, language, question_ids),
            self_description=_self_description(rng, language) if rng.random() < 0.6 else {},
            consent_to_publish=consent,
        )
        commented = (
            ["edukacja"] if number == 0 else rng.sample(list(section_ids), k=rng.choice([0, 0, 1, 1, 2]))
        )
        for section_key in commented:
            texts = SECTION_COMMENTS[language][section_key]
            comment = Comment.objects.create(
                target_type=target_type,
                target_id=records[section_ids[section_key]].pk,
                author=answer.respondent,
                text=texts[0] if number == 0 else rng.choice(texts),
                language=language,
                consent_to_publish=consent,
                created_at=submitted_at,
            )
            answer.comments.add(comment)
            if rng.random() < 0.15:
                comment.dimensions.set(rng.sample(dimensions, k=1))
                comment.tags.add(rng.choice(TAGS))
        if rng.random() < 0.25:
            answer.dimensions.set(rng.sample(dimensions, k=rng.choice([1, 2])))
            answer.tags.add(*rng.sample(TAGS, k=rng.choice([1, 2])))
    _replies_and_moderation(page, records, section_ids, accounts, target_type, revised_at)
    return OPEN_ANSWERS


def _responses(rng, language, question_ids):
    responses = {
        question_ids["obszar"]: rng.choices(range(4), weights=[35, 15, 35, 15])[0],
        question_ids["ocena"]: rng.choices(range(1, 6), weights=[5, 10, 25, 40, 20])[0],
    }
    if rng.random() < 0.8:
        responses[question_ids["zrodla"]] = sorted(rng.sample(range(5), k=rng.choice([1, 2, 3])))
    if rng.random() < 0.4:
        responses[question_ids["jezyk"]] = rng.choice(SHORT_ANSWERS[language])
    if rng.random() < 0.35:
        responses[question_ids["brakuje"]] = rng.choice(LONG_ANSWERS[language])
    return responses


def _self_description(rng, language):
    return {
        "connection": sorted(rng.sample(["lives", "works", "studies", "other"], k=rng.choice([1, 1, 2]))),
        "district": rng.choice(DISTRICTS),
        "age_band": rng.choice(["18_29", "30_44", "30_44", "45_64", "65_plus", "not_said"]),
        "migration": "yes" if language != "pl" or rng.random() < 0.2 else rng.choice(["no", "not_said"]),
    }


def _replies_and_moderation(page, records, section_ids, accounts, target_type, revised_at):
    """A few replies between residents, and one comment hidden by a moderator after an abuse report."""
    public = Comment.objects.filter(
        target_type=target_type,
        target_id__in=[record.pk for record in records.values()],
        consent_to_publish=True,
    ).order_by("created_at", "pk")
    council, moderator = accounts["council"], accounts["moderator"]
    leisure = public.filter(target_id=records[section_ids["czas-wolny"]].pk).first()
    needs = public.filter(target_id=records[section_ids["potrzeby-podstawowe"]].pk).first()
    for parent, text in (
        (leisure, "I agree. Weekend events would let whole families come."),
        (needs, "The same in my clinic. An interpreter by phone would already help."),
    ):
        if parent is not None and council is not None:
            Comment.objects.create(
                target_type=target_type,
                target_id=parent.target_id,
                parent=parent,
                author=council,
                text=text,
                language="en",
                consent_to_publish=True,
                created_at=min(parent.created_at + datetime.timedelta(hours=5), timezone.now()),
            )
    spam = Comment.objects.create(
        target_type=target_type,
        target_id=records[section_ids["czas-wolny"]].pk,
        text="Tanie bilety lotnicze i wynajem samochodów, napisz do mnie!",
        language="pl",
        consent_to_publish=True,
        created_at=revised_at - datetime.timedelta(days=2),
    )
    AbuseReport.objects.create(
        target=spam,
        reason="Reklama, nie ma nic wspólnego z konsultacją.",
        resolved_at=revised_at - datetime.timedelta(days=1),
        resolved_by=moderator,
    )
    spam.hide(moderator, "Reklama niezwiązana z konsultacją.")


def _cited_comments(page, revised_at):
    """The comments version 2 answers: the demo resident's request for Polish courses for parents, and the
    first request for lessons during the holidays written before the revision."""
    resident_comment = Answer.objects.get(submission_token=token("open-answer-0")).comments.get()
    holidays = (
        Comment.objects.filter(
            target_type=resident_comment.target_type,
            target_id=resident_comment.target_id,
            text=SECTION_COMMENTS["pl"]["edukacja"][1],
            created_at__lt=revised_at,
        )
        .order_by("created_at", "pk")
        .first()
    )
    return [resident_comment.pk] + ([holidays.pk] if holidays else [])


def _official_reply(page, accounts, comment_pk, revised_at):
    parent = Comment.objects.get(pk=comment_pk)
    Comment.objects.create(
        target_type=parent.target_type,
        target_id=parent.target_id,
        parent=parent,
        author=accounts["editor"],
        is_official=True,
        official_body=KDO_TEAM,
        text="Dziękujemy za ten komentarz. W wersji 2 projektu dodaliśmy bezpłatne kursy języka polskiego "
        "dla rodziców uczniów.",
        language="pl",
        consent_to_publish=True,
        created_at=revised_at + datetime.timedelta(hours=2),
    )


# --- The closed consultation with its report ---------------------------------------------------------

CLOSED_SECTIONS = [
    (
        "strona",
        "Strona internetowa i media społecznościowe",
        "Najważniejsze informacje na stronie miasta i w mediach społecznościowych mają być dostępne po "
        "polsku, angielsku, ukraińsku i rosyjsku, napisane prostym językiem.",
        "Najczęściej prosiliście o przetłumaczenie stron o meldunku, szkołach i pomocy społecznej, a nie "
        "całej strony. Wiele osób podkreślało, że prosty polski jest równie ważny jak tłumaczenia.",
        [
            ("Najbardziej potrzebuję informacji o zapisach do przedszkola, a one są tylko po polsku.", "pl"),
            ("Prosty polski pomoże wszystkim, także Polakom.", "pl"),
        ],
    ),
    (
        "biuro",
        "Biuro Obsługi Mieszkańców",
        "W Biurze Obsługi Mieszkańców mają działać dyżury osób mówiących po ukraińsku i rosyjsku, a "
        "dokumenty do wypełnienia mają mieć wzory w innych językach.",
        "Chwaliliście pomoc urzędników, ale wskazywaliście, że trudno załatwić sprawę bez osoby tłumaczącej. "
        "Najczęściej pojawiała się prośba o stałe godziny dyżurów.",
        [
            ("Щоб подати документи, мені довелося тричі приходити з перекладачем.", "uk"),
            ("Stałe godziny dyżurów tłumacza bardzo by pomogły.", "pl"),
        ],
    ),
    (
        "szkoly",
        "Szkoły i przedszkola",
        "Szkoły i przedszkola mają przekazywać rodzicom najważniejsze informacje także w ich językach.",
        "Rodzice prosili o materiały o zapisach i o tym, jak działa polska szkoła. Nauczyciele prosili o "
        "gotowe wzory ogłoszeń w kilku językach.",
        [("Родителям нужна памятка, как устроена польская школа и что такое dziennik elektroniczny.", "ru")],
    ),
]

CLOSED_DECISIONS = [
    (
        "Najważniejsze strony urzędu w czterech językach",
        "Tłumaczymy strony o meldunku, szkołach, pomocy społecznej i zdrowiu, zaczynając od najczęściej "
        "odwiedzanych.",
        "in_progress",
        "potrzeby-podstawowe",
    ),
    (
        "Stałe dyżury tłumaczy w Biurze Obsługi Mieszkańców",
        "Dwa razy w tygodniu, po ukraińsku i rosyjsku, od przyszłego kwartału.",
        "planned",
        "potrzeby-podstawowe",
    ),
    (
        "Wielojęzyczne materiały dla rodziców o zapisach do szkół",
        "Ulotki i strona o zapisach do szkół i przedszkoli w czterech językach.",
        "done",
        "edukacja",
    ),
    (
        "Osobna infolinia w języku rosyjskim",
        "Zamiast osobnej infolinii konsultanci wspólnej infolinii miejskiej mówią także po ukraińsku i "
        "rosyjsku.",
        "not_adopted",
        "interwencja-kryzysowa-i-bezpieczenstwo",
    ),
]


def _closed_consultation(index, groups, accounts) -> str:
    page = ConsultationPage.objects.child_of(index).filter(slug=CLOSED_SLUG).first()
    if page is None:
        page = _create_closed_page(index, groups)
    if Answer.objects.filter(submission_token=token("closed-answer-0")).exists():
        return "closed consultation with its report: nothing to do"
    _closed_answers(page)
    return f"closed consultation with its report: {CLOSED_ANSWERS} answers created"


def _create_closed_page(index, groups):
    now = timezone.now()
    opens_at = now - datetime.timedelta(days=120)
    page = ConsultationPage(
        slug=CLOSED_SLUG,
        locale=index.locale,
        title="Informacja miejska w wielu językach",
        summary=(
            "Jak miasto powinno informować mieszkańców, którzy nie mówią jeszcze dobrze po polsku? Pytaliśmy "
            "o stronę internetową, Biuro Obsługi Mieszkańców i informację w szkołach."
        ),
        plain_language_summary="Pytaliśmy, jak miasto ma mówić do ludzi w różnych językach. Oto, co "
        "usłyszeliśmy i co zrobimy.",
        opens_at=opens_at,
        closes_at=now - datetime.timedelta(days=60),
        report_published_at=now - datetime.timedelta(days=30),
        consent_text=CONSENT["pl"],
        draft=[
            {
                "type": "section",
                "id": stable_id(f"closed-section-{key}"),
                "value": {
                    "heading": heading,
                    "text": html_paragraphs(text),
                    "change_note": "",
                    "prompted_by": [],
                    "report_summary": summary,
                },
            }
            for key, heading, text, summary, _quotes in CLOSED_SECTIONS
        ],
        questionnaire=[
            {
                "type": "single_choice",
                "id": stable_id("closed-question-zrodlo"),
                "value": {
                    "label": "Z jakiego źródła informacji o mieście korzystasz najczęściej?",
                    "help_text": "",
                    "required": True,
                    "choices": ["strona miasta", "Biuro Obsługi Mieszkańców", "szkoła", "znajomi"],
                },
            },
            {
                "type": "long_text",
                "id": stable_id("closed-question-zmiana"),
                "value": {
                    "label": "Co powinniśmy zmienić w pierwszej kolejności?",
                    "help_text": "",
                    "required": False,
                },
            },
        ],
        working_groups=[
            {"type": "working_group", "value": groups[slug].pk}
            for slug in ("potrzeby-podstawowe", "edukacja")
        ],
        report_summary=html_paragraphs(
            "Dziękujemy wszystkim, którzy wzięli udział w konsultacjach, na piśmie i na spotkaniach. "
            "Najważniejszy wniosek: informacja ma być tam, gdzie ludzie jej szukają, i w języku, który "
            "rozumieją.",
            "Poniżej podsumowujemy uwagi do każdej części projektu i opisujemy, co z nimi zrobimy.",
        ),
        decisions=[
            {
                "type": "decision",
                "value": {
                    "title": title,
                    "description": description,
                    "status": status,
                    "working_group": groups[slug].pk,
                },
            }
            for title, description, status, slug in CLOSED_DECISIONS
        ],
    )
    Page.objects.get(pk=index.pk).add_child(instance=page)
    page.save_revision().publish()
    _backdate_version(page, 1, opens_at)
    return page


CLOSED_COMMENTS = {
    "pl": ["Dziękuję, że pytacie.", "Informacja powinna być też w autobusach i na przystankach."],
    "en": ["Thank you for asking us.", "English versions of forms would help international students."],
    "uk": ["Дякую за консультації.", "Потрібно більше інформації українською в поліклініках."],
    "ru": ["Спасибо за консультации.", "Хорошо бы дублировать объявления на русском языке."],
}
CLOSED_QUOTED_ANSWERS = [
    ("Najpierw strony o meldunku i zapisach do szkół.", "pl"),
    ("Спочатку інформація про медичну допомогу.", "uk"),
]


def _closed_answers(page):
    """Answers to the closed consultation: the first ones carry the comments and answers quoted in its
    report (all with consent to publish), the rest a few ordinary comments."""
    rng = random.Random(SEED + 1)  # noqa: S311 - demo data, not security
    records = {
        record.section_id: record
        for record in DraftSection.objects.filter(consultation_key=page.translation_key)
    }
    target_type = ContentType.objects.get_for_model(DraftSection)
    span = (page.closes_at - page.opens_at).total_seconds()
    source, change = stable_id("closed-question-zrodlo"), stable_id("closed-question-zmiana")
    quoted_comments = [
        (key, text, language) for key, *_texts, quotes in CLOSED_SECTIONS for text, language in quotes
    ]
    for number in range(CLOSED_ANSWERS):
        quoted_comment = quoted_comments[number] if number < len(quoted_comments) else None
        # The quoted answers come from other people than the quoted comments.
        answer_position = number - len(quoted_comments)
        quoted_answer = (
            CLOSED_QUOTED_ANSWERS[answer_position]
            if 0 <= answer_position < len(CLOSED_QUOTED_ANSWERS)
            else None
        )
        language = _weighted(rng, LANGUAGE_WEIGHTS)
        if quoted_comment:
            language = quoted_comment[2]
        if quoted_answer:
            language = quoted_answer[1]
        submitted_at = page.opens_at + datetime.timedelta(seconds=span * rng.random())
        responses = {source: rng.choices(range(4), weights=[40, 25, 20, 15])[0]}
        if quoted_answer:
            responses[change] = quoted_answer[0]
        answer = Answer.objects.create(
            consultation_key=page.translation_key,
            page=page,
            language=language,
            channel=_weighted(rng, CHANNEL_WEIGHTS),
            submitted_at=submitted_at,
            submission_token=token(f"closed-answer-{number}"),
            responses=responses,
            consent_to_publish=bool(quoted_comment or quoted_answer) or rng.random() < 0.5,
            quoted_in_report=quoted_answer is not None,
        )
        if quoted_comment:
            key, text, _language = quoted_comment
        elif rng.random() < 0.3:
            key, text = rng.choice(CLOSED_SECTIONS)[0], rng.choice(CLOSED_COMMENTS[language])
        else:
            continue
        comment = Comment.objects.create(
            target_type=target_type,
            target_id=records[stable_id(f"closed-section-{key}")].pk,
            text=text,
            language=language,
            consent_to_publish=answer.consent_to_publish,
            quoted_in_report=quoted_comment is not None,
            created_at=submitted_at,
        )
        answer.comments.add(comment)
