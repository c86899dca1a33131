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


@dataclass
class Person:
    origin: Origin
    female: bool
    given: list[str]
    surname: list[str]
    birth: dt.date
    birthplace: str
    main: tuple[int, int]  # the spelling of the passport

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
    birth = entry - dt.timedelta(days=rnd.randint(16 * 365, 45 * 365))
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
    if rnd.random() < 0.35:
        sg, ss = _name(origin, not female, rnd)
        st.spouse = (sg[0], ss[0])
    # Duldungen after the asylum procedure ended negatively, 3-6 months each
    d = plus(end_of_asylum, 20, 120, rnd)
    if outcome in ("subsidiaer", "abschiebungsverbot") or (case and case.success):
        st.ae_date = plus(end_of_asylum, 30, 150, rnd)
        st.ae_basis = {
            "subsidiaer": "§ 25 Abs. 2 Satz 1 2. Alt. AufenthG",
            "abschiebungsverbot": "§ 25 Abs. 3 AufenthG",
        }.get(outcome, "§ 25 Abs. 2 AufenthG")
        st.job_start = plus(st.ae_date, 20, 400, rnd)
    else:
        for _ in range(rnd.randint(2, 6)):
            until = d + dt.timedelta(days=rnd.choice([90, 91, 92, 182, 183, 180]))
            st.duldungen.append((d, until))
            d = plus(until, -10, 0, rnd)
        st.job_start = plus(st.duldungen[0][0], 30, 500, rnd)
        if rnd.random() < 0.5:
            st.ae_date = plus(st.duldungen[-1][0], 20, 80, rnd)
            st.ae_basis = rnd.choice(
                ["§ 25b Abs. 1 AufenthG", "§ 25a Abs. 1 AufenthG", "§ 25b AufenthG", "§ 19d Abs. 1 Nr. 1 AufenthG"]
            )
    st.end = max(st.job_start + dt.timedelta(days=400), (st.ae_date or d) + dt.timedelta(days=60))
    st.passport_no = rnd.choice(["N", "P", "A", "R", ""]) + str(rnd.randint(1000000, 99999999))
    st.passport_issue = (
        plus(birth + dt.timedelta(days=18 * 365), 0, max(1, (entry - birth).days - 18 * 365), rnd)
        if (entry - birth).days > 19 * 365
        else plus(entry - dt.timedelta(days=700), 0, 600, rnd)
    )
    return st
