"""One person's story: the facts (names, dates, numbers) every document of an Akte is written from."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from corpus_b import fmt
from corpus_b.names import ORIGINS, Origin
from corpus_b.places import BAMF_CITIES, COURTS, GERMAN_GIVEN_F, GERMAN_GIVEN_M, GERMAN_SURNAMES, OFFICES, Court, Office

STREETS = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Gartenstraße",
    "Schulstraße",
    "Lindenweg",
    "Am Mühlenbach",
    "Kirchplatz",
    "Bergstraße",
    "Rosenstraße",
    "Siegstraße",
    "Industriestraße",
    "Ringstraße",
    "Am Sportplatz",
    "Talweg",
    "Friedrich-Ebert-Straße",
    "Goethestraße",
    "Wiesenweg",
    "Auf dem Kamp",
    "Marktstraße",
]
EMPLOYER_A = [
    "Bäckerei",
    "Logistik",
    "Gebäudereinigung",
    "Pflegedienst",
    "Gasthaus",
    "Metallbau",
    "Spedition",
    "Gartenbau",
    "Hotel",
    "Lagerservice",
    "Paketdienst",
    "Malerbetrieb",
    "Fleischerei",
    "Autohaus",
]
EMPLOYER_B = [
    "Schneider",
    "Rheinland",
    "Sonnenschein",
    "Zum Löwen",
    "Weber & Söhne",
    "Nord",
    "Express",
    "Krämer",
    "am Markt",
    "Blitzblank",
    "Hansa",
    "Süd",
    "Becker",
    "Westfalia",
    "Alpenblick",
]
EMPLOYER_C = ["GmbH", "GmbH & Co. KG", "e.K.", "KG", "GmbH", "UG (haftungsbeschränkt)", ""]
SCHOOLS = [
    "Berufskolleg {c}",
    "Gesamtschule {c}-Nord",
    "Berufsbildende Schulen II {c}",
    "Realschule am Stadtpark",
    "Städtische Hauptschule {c}",
    "Friedrich-List-Schule {c}",
    "Gewerbliche Schule {c}",
    "Berufliches Schulzentrum {c}",
    "Volkshochschule {c}",
]
JOBS = [
    "Lagerhelfer",
    "Produktionshelfer",
    "Küchenhilfe",
    "Reinigungskraft",
    "Pflegehelfer",
    "Fahrer",
    "Verkäufer",
    "Bäckereihilfe",
    "Maler und Lackierer (Helfer)",
    "Kommissionierer",
    "Servicekraft",
]
TRADES = [
    "Fachkraft für Lagerlogistik",
    "Altenpfleger",
    "Koch",
    "Elektroniker für Betriebstechnik",
    "Kfz-Mechatroniker",
    "Friseur",
    "Verkäufer",
    "Anlagenmechaniker SHK",
    "Maler und Lackierer",
]


def workday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def plus(d: dt.date, lo: int, hi: int, rnd: random.Random) -> dt.date:
    return workday(d + dt.timedelta(days=rnd.randint(lo, hi)))


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day n months later (the month's last day when it has fewer days)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return dt.date(y, m, min(d.day, last[m - 1]))


@dataclass
class Person:
    origin: Origin
    female: bool
    given: list[str]
    surname: list[str]
    birth: dt.date
    birthplace: str
    main: tuple[int, int]  # the spelling of the passport
    key: str = "main"  # which member of the family: main, spouse, c1, c2 ...
    birth_known: bool = True  # False: the papers print only the year ("00.00.1996")

    @property
    def usual(self) -> str:
        return f"{self.given[self.main[0]]} {self.surname[self.main[1]]}"

    def spelling(self, rnd: random.Random, official: bool = False) -> tuple[str, str]:
        """Given name and surname as this document spells them."""
        gi, si = self.main
        if not official and rnd.random() < 0.35:
            gi = rnd.randrange(len(self.given))
        if not official and rnd.random() < 0.3:
            si = rnd.randrange(len(self.surname))
        return self.given[gi], self.surname[si]


@dataclass
class Lawyer:
    given: str
    surname: str
    female: bool
    doctor: bool
    firm: str | None
    street: str
    plz: str
    city: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def titled(self) -> str:
        t = "Rechtsanwältin" if self.female else "Rechtsanwalt"
        return f"{t} {'Dr. ' if self.doctor else ''}{self.given} {self.surname}"


@dataclass
class Res:
    """One residence paper the authority issued: its kind, printed legal basis and stated validity."""

    kind: str  # gestattet, geduldet, geduldet_60b, erlaubt, fiktion
    basis: str
    issue: dt.date
    start: dt.date
    end: dt.date
    stated_start: bool = False  # the paper prints its own "gültig ab"


@dataclass
class Job:
    employer: str
    job: str
    start: dt.date
    end: dt.date | None
    months_missing: frozenset[int] = frozenset()


@dataclass
class SchoolRec:
    """A school year of one pupil and the paper it left: zeugnis, halbjahr, abschluss or bescheinigung."""

    key: str
    school: str
    y0: int
    paper: str


@dataclass
class Lang:
    kind: str  # language, leben_in_deutschland, integration_course
    level: str | None
    passed: bool
    exam: dt.date
    issuer: int


@dataclass
class Case:
    """Court proceedings of the Akte (main action, optional urgent one, optional appeal stage)."""

    asylum: bool
    court: Court
    az: str
    filed: dt.date
    decided: dt.date
    hearing: dt.date | None
    kind: str  # urteil, gerichtsbescheid, beschluss
    success: bool
    appeal: Court | None = None
    appeal_az: str | None = None
    appeal_date: dt.date | None = None
    eil_az: str | None = None
    eil_date: dt.date | None = None


@dataclass
class Story:
    seed: int
    person: Person
    office: Office
    az: str  # authority reference
    street: str
    plz: str
    city: str
    lawyer: Lawyer
    entry: dt.date
    asylum_app: dt.date
    bamf_city: tuple[str, str, str]
    gz: str
    bamf_hearing: dt.date
    bamf_decision: dt.date
    bamf_outcome: str  # ablehnung, offensichtlich, subsidiaer, abschiebungsverbot
    case: Case | None
    employer: str
    employer_city: str
    job: str
    job_start: dt.date
    trade: str
    school: str
    spouse: tuple[str, str] | None
    father: str
    mother: str
    duldungen: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    ae_date: dt.date | None = None
    ae_basis: str = "§ 25b AufenthG"
    end: dt.date = dt.date(2025, 6, 30)
    passport_no: str = ""
    passport_issue: dt.date = dt.date(2015, 1, 1)
    passport_years: int = 10
    res: list[Res] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    job_end: dt.date | None = None
    children: list[Person] = field(default_factory=list)
    spouse_p: Person | None = None
    schooling: list[SchoolRec] = field(default_factory=list)
    langs: list[Lang] = field(default_factory=list)
    joint: bool = False  # one BAMF decision for the whole family
    complete: bool = False  # the folder keeps every residence paper


def _name(origin: Origin, female: bool, rnd: random.Random) -> tuple[list[str], list[str]]:
    return list(rnd.choice(origin.female if female else origin.male)), list(rnd.choice(origin.surnames))


def lawyer(rnd: random.Random, office: Office) -> Lawyer:
    female = rnd.random() < 0.5
    given = rnd.choice(GERMAN_GIVEN_F if female else GERMAN_GIVEN_M)
    sur = rnd.choice([*GERMAN_SURNAMES, "Yılmaz", "Nasri", "Demir", "Haidari", "Kovačević"])
    other = rnd.choice(GERMAN_SURNAMES)
    firm = rnd.choice(
        [
            None,
            f"Kanzlei {sur} & Kollegen",
            f"Rechtsanwälte {other}, {sur} & Partner mbB",
            f"{other} {sur} Rechtsanwälte",
            None,
        ]
    )
    return Lawyer(
        given,
        sur,
        female,
        rnd.random() < 0.25,
        firm,
        f"{rnd.choice(STREETS)} {rnd.randint(1, 90)}",
        office.plz[:3] + f"{rnd.randint(0, 99):02d}",
        office.city,
    )


def make_story(seed: int) -> Story:
    rnd = random.Random(seed)
    origin = rnd.choice(ORIGINS)
    female = rnd.random() < 0.35
    given, surname = _name(origin, female, rnd)
    entry = dt.date(rnd.randint(2013, 2021), rnd.randint(1, 12), rnd.randint(1, 28))
    horizon = min(dt.date(2026, 5, 31), max(dt.date(2016, 3, 1), entry + dt.timedelta(days=rnd.randint(900, 3800))))
    young = rnd.random() < 0.4
    if young:  # 13 to 27 at the end of the story, at least 8 at entry
        birth = horizon - dt.timedelta(days=rnd.randint(13 * 365, 27 * 365 + 300))
        if (entry - birth).days < 8 * 365:
            birth = entry - dt.timedelta(days=8 * 365 + rnd.randint(0, 900))
    else:
        birth = entry - dt.timedelta(days=rnd.randint(19 * 365, 45 * 365))
    person = Person(
        origin,
        female,
        given,
        surname,
        birth,
        rnd.choice(origin.city),
        (0 if rnd.random() < 0.7 else rnd.randrange(len(given)), 0),
    )
    office = rnd.choice(OFFICES)
    asylum_app = plus(entry, 2, 90, rnd)
    hearing = plus(asylum_app, 20, 300, rnd)
    decision = plus(hearing, 10, 280, rnd)
    outcome = rnd.choice(["ablehnung", "ablehnung", "offensichtlich", "subsidiaer", "abschiebungsverbot"])
    case: Case | None = None
    if outcome != "abschiebungsverbot" and rnd.random() < 0.85:
        court = COURTS[office.vg]
        filed = plus(decision, 3, 13, rnd)
        decided = plus(filed, 120, 1300, rnd)
        kind = rnd.choice(["urteil", "urteil", "urteil", "gerichtsbescheid"])
        hearing_d = (
            plus(decided, -30, -1, rnd)
            if kind == "urteil" and rnd.random() < 0.5
            else (decided if kind == "urteil" else None)
        )
        case = Case(
            True,
            court,
            fmt.court_az(court.az_style, rnd, filed.year, eil=False, asylum=True),
            filed,
            decided,
            hearing_d,
            kind,
            rnd.random() < 0.25,
        )
        if outcome == "offensichtlich" or rnd.random() < 0.2:
            case.eil_az = fmt.court_az(
                court.az_style,
                rnd,
                filed.year,
                eil=True,
                asylum=True,
                chamber=int(case.az.split()[1]) if case.az.startswith(("VG", "M ")) else None,
            )
            case.eil_date = plus(filed, 10, 60, rnd)
        if not case.success and rnd.random() < 0.5:
            ap = COURTS["bverwg"] if rnd.random() < 0.08 else COURTS[office.appeal]
            case.appeal = ap
            case.appeal_date = plus(decided, 40, 300, rnd)
            case.appeal_az = fmt.court_az(
                ap.az_style, rnd, (decided + dt.timedelta(days=30)).year, eil=False, asylum=True
            )
    end_of_asylum = (case.appeal_date or case.decided) if case else decision
    st = Story(
        seed=seed,
        person=person,
        office=office,
        az=fmt.authority_az(office.az_style, rnd, asylum_app.year, surname[0][0].upper()),
        street=f"{rnd.choice(STREETS)} {rnd.randint(1, 120)}{rnd.choice(['', '', 'a', 'b'])}",
        plz=office.plz[:3] + f"{rnd.randint(0, 99):02d}",
        city=office.city,
        lawyer=lawyer(rnd, office),
        entry=entry,
        asylum_app=asylum_app,
        bamf_city=rnd.choice(BAMF_CITIES),
        gz=fmt.bamf_gz(rnd, origin.bamf),
        bamf_hearing=hearing,
        bamf_decision=decision,
        bamf_outcome=outcome,
        case=case,
        employer=" ".join(x for x in [rnd.choice(EMPLOYER_A), rnd.choice(EMPLOYER_B), rnd.choice(EMPLOYER_C)] if x),
        employer_city=office.city,
        job=rnd.choice(JOBS),
        job_start=dt.date(2000, 1, 1),
        trade=rnd.choice(TRADES),
        school=rnd.choice(SCHOOLS).format(c=office.city.split()[0]),
        spouse=None,
        father=f"{rnd.choice(origin.male)[0]} {surname[0]}",
        mother=f"{rnd.choice(origin.female)[0]} {rnd.choice(origin.surnames)[0]}",
    )
    st.end = horizon
    st.complete = rnd.random() < 0.3
    positive = outcome in ("subsidiaer", "abschiebungsverbot") or bool(case and case.success)
    st.res = _chain(st, rnd, end_of_asylum, positive)
    st.duldungen = [(r.start, r.end) for r in st.res if r.kind.startswith("geduldet")]
    first_ae = next((r.issue for r in st.res if r.kind == "erlaubt"), None)
    st.ae_date = first_ae
    st.ae_basis = next((r.basis for r in st.res if r.kind == "erlaubt"), "§ 25b Abs. 1 AufenthG")
    _family(st, rnd, young)
    st.jobs = _jobs(st, rnd)
    if st.jobs:
        st.employer, st.job, st.job_start, st.job_end = (
            st.jobs[0].employer,
            st.jobs[0].job,
            st.jobs[0].start,
            st.jobs[0].end,
        )
    else:
        st.job_start = plus(st.asylum_app, 200, 600, rnd)
    st.schooling = _schooling(st, rnd, st.person, st.school)
    for c in st.children:
        st.schooling += _schooling(st, rnd, c, rnd.choice(CHILD_SCHOOLS).format(c=office.city.split()[0]))
    st.langs = _langs(st, rnd)
    st.passport_no = rnd.choice(["N", "P", "A", "R", ""]) + str(rnd.randint(1000000, 99999999))
    st.passport_issue = (
        plus(birth + dt.timedelta(days=18 * 365), 0, max(1, (entry - birth).days - 18 * 365), rnd)
        if (entry - birth).days > 19 * 365
        else plus(entry - dt.timedelta(days=700), 0, 600, rnd)
    )
    st.passport_years = rnd.choice([5, 7, 10, 10])
    person.birth_known = rnd.random() >= 0.1
    return st


CHILD_SCHOOLS = [
    "Grundschule am Park",
    "Gemeinschaftsgrundschule {c}",
    "Gesamtschule {c}-Süd",
    "Realschule {c}",
    "Städtisches Gymnasium {c}",
    "Mittelschule {c}",
]
AE_AFTER_DULDUNG = [
    "§ 25b Abs. 1 AufenthG",
    "§ 25a Abs. 1 AufenthG",
    "§ 19d Abs. 1 Nr. 1 AufenthG",
    "§ 25 Abs. 5 AufenthG",
    "§ 25b Abs. 1 AufenthG",
]
DULDUNG_60A = ["§ 60a Abs. 2 Satz 1 AufenthG", "§ 60a Abs. 2 S. 1 AufenthG", "§ 60a Abs. 2 Satz 3 AufenthG"]


def _next(end: dt.date, rnd: random.Random, gaps: bool) -> dt.date:
    """The next paper's issue day: a renewal just before expiry, or (sometimes) after a gap."""
    if gaps and rnd.random() < 0.14:
        return workday(end + dt.timedelta(days=rnd.randint(20, 170)))
    return workday(end - dt.timedelta(days=rnd.randint(0, 12)))


def _chain(st: Story, rnd: random.Random, end_of_asylum: dt.date, positive: bool) -> list[Res]:
    """Every residence paper of the story, from the asylum application to the story's end."""
    out: list[Res] = []
    gaps = not st.complete
    day = dt.timedelta(days=1)
    d = plus(st.asylum_app, 0, 3, rnd)
    while d <= min(end_of_asylum, st.end):
        end = add_months(d, 6 if st.complete else rnd.choice([3, 3, 6])) - day
        out.append(Res("gestattet", "§ 55 AsylG", d, d, end))
        d = _next(end, rnd, gaps)
    d = plus(max(end_of_asylum, d - dt.timedelta(days=20)), 5, 120, rnd)

    def ae_run(d: dt.date, basis: str) -> None:
        while d <= st.end:
            end = add_months(d, rnd.choice([12, 24, 36])) - day
            out.append(Res("erlaubt", basis, d, d, end))
            if end >= st.end:
                return
            f = workday(end - dt.timedelta(days=rnd.randint(5, 30)))
            f_end = add_months(f, rnd.choice([3, 4, 6])) - day
            out.append(Res("fiktion", "§ 81 Abs. 4 AufenthG", f, f, f_end))
            d = plus(f, 20, 80, rnd)
            basis = "§ 25b Abs. 1 AufenthG" if basis.startswith("§ 104c") else basis

    if positive:
        basis = {
            "subsidiaer": "§ 25 Abs. 2 Satz 1 2. Alt. AufenthG",
            "abschiebungsverbot": "§ 25 Abs. 3 AufenthG",
        }.get(st.bamf_outcome, "§ 25 Abs. 2 Satz 1 1. Alt. AufenthG")
        ae_run(d, basis)
        return out
    b60_at = rnd.randrange(5) if rnd.random() < 0.35 else -1
    b60_len = rnd.randint(1, 3)
    special = rnd.randrange(1, 6) if rnd.random() < 0.3 else -1
    ae_at = plus(st.end, -700, -60, rnd) if rnd.random() < 0.45 else None
    i = 0
    while d <= st.end and (ae_at is None or d < ae_at - dt.timedelta(days=60)):
        start = d
        stated = rnd.random() < 0.3
        if stated:  # the paper names a first day of validity after its issue
            start = d + dt.timedelta(days=rnd.randint(0, 5))
        if b60_at <= i < b60_at + b60_len:
            kind, basis, months = "geduldet_60b", "§ 60b AufenthG", rnd.choice([3, 3, 6])
        elif i == special:
            kind = "geduldet"
            basis, months = rnd.choice([("§ 60c AufenthG", rnd.choice([18, 24, 30])), ("§ 60d AufenthG", 30)])
        else:
            kind, basis, months = "geduldet", rnd.choice(DULDUNG_60A), rnd.choice([3, 3, 6])
        end = add_months(start, months) - day
        out.append(Res(kind, basis, d, start, end, stated))
        d = _next(end, rnd, gaps)
        i += 1
    if ae_at is not None and ae_at <= st.end:
        ae_at = max(ae_at, d)
        if rnd.random() < 0.6:
            f = workday(ae_at - dt.timedelta(days=rnd.randint(30, 80)))
            out.append(Res("fiktion", "§ 81 Abs. 3 Satz 2 AufenthG", f, f, add_months(f, 3) - day))
        basis = rnd.choice(AE_AFTER_DULDUNG)
        if ae_at >= dt.date(2023, 1, 1) and rnd.random() < 0.4:
            basis = "§ 104c Abs. 1 AufenthG"
        ae_run(ae_at, basis)
    return out


def _person(st: Story, rnd: random.Random, female: bool, birth: dt.date, key: str, surname: list[str]) -> Person:
    given = list(rnd.choice(st.person.origin.female if female else st.person.origin.male))
    return Person(st.person.origin, female, given, surname, birth, st.person.birthplace, (0, 0), key)


def _family(st: Story, rnd: random.Random, young: bool) -> None:
    """Spouse and children: only an adult main person (at entry 22 or older) has them."""
    pe = st.person
    if young or (st.entry - pe.birth).days < 22 * 365:
        return
    kids = rnd.choice([0, 0, 1, 1, 2, 3]) if rnd.random() < 0.55 else 0
    if kids or rnd.random() < 0.3:
        sg, ss = _name(pe.origin, not pe.female, rnd)
        born = pe.birth + dt.timedelta(days=rnd.randint(-2500, 2500))
        st.spouse_p = Person(pe.origin, not pe.female, sg, ss, born, rnd.choice(pe.origin.city), (0, 0), "spouse")
        st.spouse = (sg[0], ss[0])
    family_name = st.spouse_p.surname if st.spouse_p and pe.female else pe.surname
    lo = max(pe.birth + dt.timedelta(days=20 * 365), st.entry - dt.timedelta(days=14 * 365))
    hi = st.end - dt.timedelta(days=60)
    for n in range(kids):
        if hi <= lo:
            break
        birth = lo + dt.timedelta(days=rnd.randint(0, (hi - lo).days))
        st.children.append(_person(st, rnd, rnd.random() < 0.5, birth, f"c{n + 1}", family_name))
    st.children.sort(key=lambda c: c.birth)
    for n, c in enumerate(st.children, 1):
        c.key = f"c{n}"
    st.joint = (st.spouse_p is not None or any(c.birth < st.asylum_app for c in st.children)) and rnd.random() < 0.5


def _jobs(st: Story, rnd: random.Random) -> list[Job]:
    """Zero to three jobs one after the other; the last may still run at the story's end."""
    if rnd.random() < 0.15:
        return []
    age_ok = st.person.birth + dt.timedelta(days=16 * 365)
    start = plus(max(st.asylum_app + dt.timedelta(days=rnd.randint(90, 700)), age_ok), 0, 400, rnd).replace(day=1)
    out: list[Job] = []
    while start < st.end - dt.timedelta(days=120) and len(out) < 3:
        employer = " ".join(x for x in [rnd.choice(EMPLOYER_A), rnd.choice(EMPLOYER_B), rnd.choice(EMPLOYER_C)] if x)
        end: dt.date | None = None
        if rnd.random() < 0.5:
            end = add_months(start, rnd.randint(6, 36)) - dt.timedelta(days=1)
            if end >= st.end:
                end = None
        out.append(Job(employer, rnd.choice(JOBS), start, end))
        if end is None:
            break
        start = (end + dt.timedelta(days=rnd.randint(1, 200))).replace(day=1) + dt.timedelta(days=31)
        start = start.replace(day=1)
    return out


def _schooling(st: Story, rnd: random.Random, pe: Person, school: str) -> list[SchoolRec]:
    """The school years of one pupil after entry that left a paper in the folder."""
    out: list[SchoolRec] = []
    arrived = max(st.entry, pe.birth) + dt.timedelta(days=60)
    y = arrived.year if arrived.month >= 8 else arrived.year - 1
    last = None
    while dt.date(y, 8, 1) <= st.end:
        age = (dt.date(y, 8, 1) - pe.birth).days / 365.25
        if age >= 20 or (last is not None and last.paper == "abschluss"):
            break
        if age >= 6 and rnd.random() < 0.8:
            paper = rnd.choice(["zeugnis", "zeugnis", "halbjahr", "bescheinigung"])
            if age >= 15 and rnd.random() < 0.25:
                paper = "abschluss"
            last = SchoolRec(pe.key, school, y, paper)
            out.append(last)
        y += 1
    return out


def _langs(st: Story, rnd: random.Random) -> list[Lang]:
    """Language, Leben-in-Deutschland and integration course papers (some failed)."""
    out: list[Lang] = []
    if (st.end - st.person.birth).days < 15 * 365:
        return out
    for _ in range(rnd.choice([0, 1, 1, 2, 3])):
        exam = plus(st.entry, 250, max(260, (st.end - st.entry).days - 90), rnd)
        kind = rnd.choice(["language", "language", "language", "leben_in_deutschland", "integration_course"])
        level = rnd.choice(["A1", "A2", "A2", "B1", "B1", "B2"]) if kind == "language" else None
        passed = kind == "integration_course" or rnd.random() < 0.78
        out.append(Lang(kind, level, passed, exam, rnd.randrange(3)))
    return out
