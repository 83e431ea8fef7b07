"""Demo content of the ombudsperson for `manage.py load_demo`: the public page "Rzecznik Praw Migrantów i
Migrantek" in four languages (the ombudsperson's role, what happens to a report, how long it is kept),
and five cases in Polish, Ukrainian, Russian and English, in every status: received, in progress (with an
internal note and a reply), referred to an institution, closed a few days ago.

Cases are filed with services.file_case and handled with the services, by the demo ombudsperson account,
so they are encrypted, counted for the annual report and written to the audit log like any other case.
Each case is keyed on a submission token derived from its name, so a second run files nothing.

The secret code of a case is kept only as a hash. So that a demo visitor can try the status page, every run
gives one case (DEMO_CASE) a new code and returns it with the reference for load_demo to print; no other
code is ever shown."""

import datetime
import uuid
from dataclasses import dataclass

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page

from . import services
from .models import CaseEntry, CaseStatus, Category, OmbudspersonPage, new_secret_code

DOMAIN = "demo.otwartemiasto.pl"
PAGE_SLUG = "rzecznik-praw-migrantow"
TRANSLATIONS = ["en", "uk", "ru"]
NAMESPACE = uuid.UUID("2b7f4c1e-8d6a-5f3b-9e20-6c4d1a7b3f95")
OMBUDSPERSON_EMAIL = f"ombudsperson@{DOMAIN}"
# The case whose reference and code load_demo prints.
DEMO_CASE = "housing-uk"


@dataclass(frozen=True)
class DemoCase:
    """What load_demo prints so that a visitor can open one case's status page."""

    reference: str
    code: str
    status_url: str


# --- The page, in four languages ------------------------------------------------------------------------

PAGE_TEXT = {
    "pl": {
        "title": "Rzecznik Praw Migrantów i Migrantek",
        "intro": (
            "Jeśli w urzędzie, szkole, przychodni, w pracy albo przy wynajmie mieszkania potraktowano Cię "
            "niesprawiedliwie, napisz do rzecznika. Nie potrzebujesz konta i nie musisz podawać imienia."
        ),
        "role_explanation": (
            "<p>Rzecznik Praw Migrantów i Migrantek pomaga osobom, które przyjechały do Lublina z innych "
            "krajów, gdy spotkało je niesprawiedliwe traktowanie lub dyskryminacja. O taką funkcję prosiły "
            "same środowiska migranckie w rekomendacjach o polityce integracji.</p>"
            "<ul><li>Wyjaśnia, jakie prawa ma osoba w danej sytuacji i gdzie szukać pomocy.</li>"
            "<li>Prosi urząd lub instytucję o wyjaśnienia, jeśli osoba się na to zgodzi.</li>"
            "<li>Przekazuje sprawę instytucji, która może działać, na przykład inspekcji pracy.</li></ul>"
            "<p>Rzecznik nie jest sądem ani policją: nie wydaje decyzji i nie reprezentuje nikogo w "
            "sądzie, ale może wskazać, kto to zrobi.</p>"
        ),
        "process_explanation": (
            "<p>Zgłoszenie czyta wyłącznie zespół rzecznika. Jest przechowywane w postaci zaszyfrowanej, a "
            "każde jego otwarcie jest zapisywane.</p>"
            "<ol><li>Po wysłaniu formularza dostajesz numer sprawy i tajny kod. Zapisz je: kodu nie da się "
            "odzyskać.</li>"
            "<li>W ciągu 7 dni roboczych rzecznik odpowiada w wybranym przez Ciebie języku.</li>"
            "<li>Odpowiedzi czytasz na stronie statusu sprawy, po wpisaniu numeru i kodu. Jeśli podasz "
            "adres e-mail, dostaniesz tylko wiadomość, że czeka na Ciebie odpowiedź.</li></ol>"
        ),
        "retention_explanation": (
            "<p>Po zamknięciu sprawy przechowujemy ją tylko przez okres podany niżej, a potem usuwamy ją "
            "razem z kontaktem i załącznikiem. Zostaje tylko liczba spraw w danej kategorii i miesiącu, do "
            "rocznego sprawozdania, bez żadnych danych osobowych.</p>"
        ),
        "form_intro": (
            "Opisz, co się stało, gdzie i kiedy. Nie podawaj numeru PESEL, numeru paszportu ani danych "
            "innych osób, jeśli nie są potrzebne. Możesz pisać po polsku, angielsku, ukraińsku lub rosyjsku."
        ),
    },
    "en": {
        "title": "Migrants' Ombudsperson",
        "intro": (
            "If you were treated unfairly at a public office, school or clinic, at work or when renting a "
            "flat, write to the ombudsperson. You do not need an account and you do not have to give your "
            "name."
        ),
        "role_explanation": (
            "<p>The Migrants' Ombudsperson helps people who came to Lublin from other countries when they "
            "were treated unfairly or discriminated against. Migrant communities themselves asked for this "
            "role in their recommendations on integration policy.</p>"
            "<ul><li>The ombudsperson explains a person's rights in their situation and where to find "
            "help.</li>"
            "<li>With the person's consent, the ombudsperson asks the office or institution involved for an "
            "explanation.</li>"
            "<li>The ombudsperson refers the case to an institution that can act, for example the labour "
            "inspectorate.</li></ul>"
            "<p>The ombudsperson is neither a court nor the police: they make no decisions and represent no "
            "one in court, but they can tell you who will.</p>"
        ),
        "process_explanation": (
            "<p>Only the ombudsperson's team reads your report. It is stored encrypted, and every time it is "
            "opened is recorded.</p>"
            "<ol><li>After sending the form you get a case reference and a secret code. Write them down: the "
            "code cannot be recovered.</li>"
            "<li>Within 7 working days the ombudsperson answers in the language you chose.</li>"
            "<li>You read the answers on the case status page, with the reference and the code. If you give "
            "an e-mail address, you only get a message saying that an answer is waiting for you.</li></ol>"
        ),
        "retention_explanation": (
            "<p>Once a case is closed we keep it only for the period given below and then delete it, "
            "together with the contact and the attachment. All that remains is the number of cases per "
            "category and month, for the annual report, without any personal data.</p>"
        ),
        "form_intro": (
            "Describe what happened, where and when. Do not give your PESEL number, passport number or other "
            "people's details unless they are needed. You can write in Polish, English, Ukrainian or Russian."
        ),
    },
    "uk": {
        "title": "Омбудсман у справах мігрантів",
        "intro": (
            "Якщо в установі, школі, поліклініці, на роботі чи під час оренди житла з вами повелися "
            "несправедливо, напишіть омбудсману. Обліковий запис не потрібен, і ви не мусите називати своє "
            "ім'я."
        ),
        "role_explanation": (
            "<p>Омбудсман у справах мігрантів допомагає людям, які приїхали до Любліна з інших країн, коли "
            "вони зазнали несправедливого ставлення чи дискримінації. Про таку посаду просили самі "
            "мігрантські спільноти у своїх рекомендаціях щодо політики інтеграції.</p>"
            "<ul><li>Пояснює, які права має людина в її ситуації і де шукати допомоги.</li>"
            "<li>За згодою людини просить установу чи організацію надати пояснення.</li>"
            "<li>Передає справу установі, яка може діяти, наприклад інспекції праці.</li></ul>"
            "<p>Омбудсман не є судом чи поліцією: він не ухвалює рішень і не представляє нікого в суді, "
            "але може підказати, хто це зробить.</p>"
        ),
        "process_explanation": (
            "<p>Ваше звернення читає лише команда омбудсмана. Воно зберігається в зашифрованому вигляді, а "
            "кожне його відкриття записується.</p>"
            "<ol><li>Після надсилання форми ви отримаєте номер справи й секретний код. Запишіть їх: код "
            "неможливо відновити.</li>"
            "<li>Протягом 7 робочих днів омбудсман відповість вибраною вами мовою.</li>"
            "<li>Відповіді ви читаєте на сторінці статусу справи, ввівши номер і код. Якщо ви вкажете "
            "адресу електронної пошти, то отримаєте лише повідомлення, що на вас чекає відповідь.</li></ol>"
        ),
        "retention_explanation": (
            "<p>Після закриття справи ми зберігаємо її лише протягом зазначеного нижче строку, а потім "
            "видаляємо разом із контактом і вкладенням. Залишається лише кількість справ у кожній категорії "
            "за місяць, для щорічного звіту, без жодних персональних даних.</p>"
        ),
        "form_intro": (
            "Опишіть, що сталося, де і коли. Не вказуйте номер PESEL, номер паспорта чи дані інших людей, "
            "якщо вони не потрібні. Писати можна польською, англійською, українською або російською."
        ),
    },
    "ru": {
        "title": "Омбудсмен по правам мигрантов",
        "intro": (
            "Если в учреждении, школе, поликлинике, на работе или при аренде жилья с вами обошлись "
            "несправедливо, напишите омбудсмену. Учётная запись не нужна, и называть своё имя не "
            "обязательно."
        ),
        "role_explanation": (
            "<p>Омбудсмен по правам мигрантов помогает людям, приехавшим в Люблин из других стран, если они "
            "столкнулись с несправедливым отношением или дискриминацией. О такой должности просили сами "
            "сообщества мигрантов в своих рекомендациях по политике интеграции.</p>"
            "<ul><li>Объясняет, какие права есть у человека в его ситуации и где искать помощь.</li>"
            "<li>С согласия человека просит учреждение или организацию дать объяснения.</li>"
            "<li>Передаёт дело учреждению, которое может действовать, например инспекции труда.</li></ul>"
            "<p>Омбудсмен не суд и не полиция: он не принимает решений и не представляет никого в суде, но "
            "может подсказать, кто это сделает.</p>"
        ),
        "process_explanation": (
            "<p>Ваше обращение читает только команда омбудсмена. Оно хранится в зашифрованном виде, а каждое "
            "его открытие записывается.</p>"
            "<ol><li>После отправки формы вы получите номер дела и секретный код. Запишите их: код "
            "невозможно восстановить.</li>"
            "<li>В течение 7 рабочих дней омбудсмен ответит на выбранном вами языке.</li>"
            "<li>Ответы вы читаете на странице статуса дела, введя номер и код. Если вы укажете адрес "
            "электронной почты, вы получите только сообщение о том, что вас ждёт ответ.</li></ol>"
        ),
        "retention_explanation": (
            "<p>После закрытия дела мы храним его только в течение указанного ниже срока, а затем удаляем "
            "вместе с контактом и вложением. Остаётся лишь количество дел по каждой категории за месяц, для "
            "ежегодного отчёта, без каких-либо персональных данных.</p>"
        ),
        "form_intro": (
            "Опишите, что произошло, где и когда. Не указывайте номер PESEL, номер паспорта или данные "
            "других людей, если они не нужны. Писать можно на польском, английском, украинском или русском."
        ),
    },
}


# --- The cases ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCaseSpec:
    key: str
    category: str
    language: str
    days_ago: int
    description: str
    status: str = CaseStatus.RECEIVED
    contact: str = ""
    notes: tuple = ()  # (days ago, text)
    replies: tuple = ()  # (days ago, text)
    referred_to: str = ""
    closed_days_ago: int | None = None


CASES = [
    DemoCaseSpec(
        "offices-pl",
        Category.PUBLIC_OFFICES,
        "pl",
        2,
        "Złożyłam w urzędzie wniosek o kartę parkingową dla niepełnosprawnego syna. Urzędniczka powiedziała, "
        "że bez tłumacza przysięgłego nie przyjmie ode mnie żadnych dokumentów, chociaż wszystkie były po "
        "polsku. Proszę o informację, czy mogła tak zrobić.",
    ),
    DemoCaseSpec(
        "discrimination-uk",
        Category.DISCRIMINATION,
        "uk",
        1,
        "У маршрутці водій відмовився мене везти і сказав, що «таких, як ви», він не возить. Це сталося "
        "вдруге за місяць на тому самому маршруті. Я хочу, щоб перевізник про це знав.",
        contact=f"demo.zgloszenie@{DOMAIN}",
    ),
    DemoCaseSpec(
        DEMO_CASE,
        Category.HOUSING,
        "uk",
        12,
        "Власник квартири відмовляється зареєструвати мене за адресою (meldunek), хоча договір оренди "
        "укладено на рік. Без реєстрації я не можу записати дитину до садочка поруч із домом.",
        status=CaseStatus.IN_PROGRESS,
        contact="+48 600 000 000",
        notes=(
            (
                10,
                "Umowa najmu na rok, najemczyni z dzieckiem. Sprawdzić, czy właściciel może odmówić "
                "potwierdzenia zameldowania; porozmawiać z Biurem Obsługi Mieszkańców.",
            ),
        ),
        replies=(
            (
                9,
                "Добрий день! Дякуємо за звернення. Власник житла не може відмовити в підтвердженні "
                "реєстрації, якщо ви законно проживаєте за цією адресою. Ми зв'язалися з Бюро обслуговування "
                "мешканців мерії та підготуємо для вас лист до власника. Напишемо вам тут протягом тижня.",
            ),
        ),
    ),
    DemoCaseSpec(
        "work-ru",
        Category.WORK,
        "ru",
        20,
        "Я работаю на складе через агентство. За март мне не заплатили за сверхурочные часы, а когда я "
        "спросил, начальник смены сказал, что иностранцам сверхурочные не положены.",
        status=CaseStatus.REFERRED,
        notes=((18, "Nadgodziny niewypłacone przez agencję pracy tymczasowej; sprawa dla PIP."),),
        replies=(
            (
                17,
                "Здравствуйте! Сверхурочные положены всем работникам, независимо от гражданства. С вашего "
                "согласия мы передали дело в Окружную инспекцию труда в Люблине; инспекция может проверить "
                "агентство. Номер вашего дела остаётся прежним, мы сообщим здесь о ходе проверки.",
            ),
        ),
        referred_to="Okręgowy Inspektorat Pracy w Lublinie",
    ),
    DemoCaseSpec(
        "education-en",
        Category.EDUCATION,
        "en",
        30,
        "My daughter (9) was told by her school that she has to repeat the year because her Polish is not "
        "good enough, although her grades in maths and science are good. Nobody explained to us what "
        "support she could get instead.",
        status=CaseStatus.CLOSED,
        replies=(
            (
                26,
                "Hello, thank you for writing. A pupil cannot be held back only because of the language: "
                "children who came from abroad have the right to extra Polish lessons and adapted "
                "assessment. We spoke with the school and the city's education department; the school has "
                "agreed to give your daughter extra Polish lessons and she will move up with her class. We "
                "are closing the case; write to us again if anything changes.",
            ),
        ),
        closed_days_ago=5,
    ),
]


# --- Entry point ----------------------------------------------------------------------------------------


def load(home, say=lambda message: None) -> DemoCase | None:
    """Creates what is missing of the ombudsperson demo under `home` (the Polish home page): the page and
    the cases. Returns the demo case to print (None when the ombudsperson account is missing)."""
    _page(home)
    ombudsperson = get_user_model().objects.filter(email__iexact=OMBUDSPERSON_EMAIL).first()
    if ombudsperson is None:
        say("  ombudsperson: no demo ombudsperson account, so no demo cases")
        return None
    say(
        f"  ombudsperson: reading cases needs two-factor authentication; add the secret "
        f"{_two_factor_secret(ombudsperson)} to an authenticator app to log in as {OMBUDSPERSON_EMAIL}"
    )
    now = timezone.now()
    cases, created = {}, 0
    for spec in CASES:
        cases[spec.key], new = _case(spec, ombudsperson, now)
        created += new
    languages = sorted({spec.language for spec in CASES})
    say(
        f"  ombudsperson: page in four languages; {created} demo cases filed ({len(CASES)} in all, in "
        f"{', '.join(languages)})"
    )
    case = cases[DEMO_CASE]
    code = new_secret_code()
    case.set_secret_code(code)
    case.save(update_fields=["secret_hash"])
    return DemoCase(
        reference=case.reference, code=code, status_url=services.status_page_url(case.preferred_language)
    )


def _two_factor_secret(ombudsperson) -> str:
    """The demo ombudsperson's TOTP secret, set up on the first run (ombudsperson/rules.py requires it)."""
    authenticator = Authenticator.objects.filter(user=ombudsperson, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        authenticator = TOTP.activate(ombudsperson, generate_totp_secret()).instance
    return get_mfa_adapter().decrypt(authenticator.data["secret"])


# --- The page -------------------------------------------------------------------------------------------


def _locale(language):
    return Locale.objects.get_or_create(language_code=language)[0]


def _publish(page, fields):
    page = type(page).objects.get(pk=page.pk)  # current tree fields, so publishing keeps numchild right
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _page(home) -> OmbudspersonPage:
    existing = Page.objects.child_of(home).filter(slug=PAGE_SLUG).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, OmbudspersonPage):
            raise ValueError(
                f"The page {existing.url_path} is not an ombudsperson page; move it and try again."
            )
    else:
        page = OmbudspersonPage(slug=PAGE_SLUG, locale=home.locale, **PAGE_TEXT["pl"])
        Page.objects.get(pk=home.pk).add_child(instance=page)
        page.save_revision().publish()
    for language in TRANSLATIONS:
        if page.get_translation_or_none(_locale(language)) is None:
            copy = page.copy_for_translation(_locale(language), copy_parents=True).specific
            _publish(copy, PAGE_TEXT[language])
    return OmbudspersonPage.objects.get(pk=page.pk)


# --- The cases ------------------------------------------------------------------------------------------


def _token(key):
    return uuid.uuid5(NAMESPACE, f"demo-case-{key}")


def _case(spec, ombudsperson, now):
    """The case, filed and handled when missing. Returns (case, created)."""
    token = _token(spec.key)
    existing = services.case_for_submission(token)
    if existing is not None:
        return existing, False
    case, _code = services.file_case(
        category=spec.category,
        description=spec.description,
        preferred_language=spec.language,
        contact=spec.contact,
        contact_consent=bool(spec.contact),
        submission_token=token,
        received_at=now - datetime.timedelta(days=spec.days_ago),
    )
    if spec.status != CaseStatus.RECEIVED:
        services.change_status(ombudsperson, case, CaseStatus.IN_PROGRESS)
    entries = [(days, services.add_note, text) for days, text in spec.notes]
    entries += [(days, services.send_reply, text) for days, text in spec.replies]
    for days, write, text in sorted(entries, key=lambda entry: -entry[0]):
        entry = write(ombudsperson, case, text)
        # Written on the day the story says; a reply to a phone number or to no contact is not e-mailed.
        CaseEntry.objects.filter(pk=entry.pk).update(created_at=now - datetime.timedelta(days=days))
    if spec.referred_to:
        services.record_referral(ombudsperson, case, spec.referred_to)
    if spec.status == CaseStatus.CLOSED:
        services.change_status(ombudsperson, case, CaseStatus.CLOSED)
        case.closed_at = now - datetime.timedelta(days=spec.closed_days_ago or 0)
        case.save(update_fields=["closed_at"])
    case.refresh_from_db()
    return case, True
