"""People, places and organisations for the synthetic files, with the spelling variants real files show.

Names of foreign nationals come per country of origin; each name lists its transliteration
variants (the first is the usual one), because the same person is spelled differently across
documents of one Akte (passport, BAMF, court, employer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# Each entry: variants of one name, usual spelling first.
Variants = tuple[str, ...]


@dataclass(frozen=True)
class Country:
    """A country of origin: ICAO code for the MRZ, Destatis code for BAMF numbers, name pools."""

    name: str  # German name as used in files
    adjective: str  # "syrischer Staatsangehöriger" -> "syrisch"
    icao: str
    destatis: str
    language: str  # for "Übersetzung aus dem ..."
    male: tuple[Variants, ...]
    female: tuple[Variants, ...]
    surnames: tuple[Variants, ...]
    cities: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country(
        "Syrien",
        "syrisch",
        "SYR",
        "475",
        "Arabischen",
        (
            ("Mohammed", "Mohammad", "Muhammad"),
            ("Ahmad", "Ahmed"),
            ("Khaled", "Khalid", "Chaled"),
            ("Omar", "Umar"),
            ("Yousef", "Youssef", "Yusuf", "Jussuf"),
            ("Abdulrahman", "Abdul Rahman", "Abdelrahman"),
            ("Hussein", "Hussain", "Husain"),
        ),
        (
            ("Fatima", "Fatma"),
            ("Aisha", "Aischa", "Ayesha"),
            ("Nour", "Noor", "Nur"),
            ("Rasha",),
            ("Hiba", "Heba"),
            ("Zainab", "Zeinab"),
        ),
        (
            ("Al-Hassan", "Alhasan", "Al Hasan"),
            ("Al-Khatib", "Alkhatib"),
            ("Haddad",),
            ("Khalil", "Chalil"),
            ("Mahmoud", "Mahmud"),
            ("Darwish", "Darwisch"),
            ("Suleiman", "Sleiman", "Sulaiman"),
        ),
        ("Aleppo", "Damaskus", "Homs", "Idlib", "Deir ez-Zor", "Raqqa"),
    ),
    Country(
        "Afghanistan",
        "afghanisch",
        "AFG",
        "423",
        "Dari",
        (
            ("Ali",),
            ("Reza", "Resa"),
            ("Mustafa", "Mostafa"),
            ("Hamid",),
            ("Farid",),
            ("Ahmad Shah", "Ahmadshah"),
            ("Sayed", "Sayyid", "Said"),
        ),
        (("Zahra", "Sahra"), ("Maryam", "Mariam"), ("Sakina",), ("Fereshta", "Freshta"), ("Shabnam", "Schabnam")),
        (
            ("Ahmadi",),
            ("Hosseini", "Husseini", "Hoseini"),
            ("Rahimi",),
            ("Mohammadi", "Mohamadi"),
            ("Sultani",),
            ("Nazari",),
            ("Rezaei", "Rezai", "Resai"),
        ),
        ("Kabul", "Herat", "Mazar-e Sharif", "Kandahar", "Ghazni", "Jalalabad"),
    ),
    Country(
        "Irak",
        "irakisch",
        "IRQ",
        "438",
        "Arabischen",
        (
            ("Ahmed", "Ahmad"),
            ("Karim", "Kareem"),
            ("Abbas",),
            ("Jasim", "Jassim", "Dschasim"),
            ("Rekan",),
            ("Haider", "Hayder"),
        ),
        (("Shirin", "Schirin"), ("Layla", "Laila", "Leila"), ("Narin",), ("Zahraa", "Zahra")),
        (
            ("Al-Jabouri", "Al-Jaburi", "Aljbouri"),
            ("Hussein", "Husein"),
            ("Kareem", "Karim"),
            ("Ibrahim",),
            ("Qasim", "Kasim"),
        ),
        ("Mossul", "Bagdad", "Erbil", "Kirkuk", "Dohuk", "Basra"),
    ),
    Country(
        "Türkei",
        "türkisch",
        "TUR",
        "163",
        "Türkischen",
        (
            ("Mehmet", "Mehmed"),
            ("Mustafa",),
            ("Hüseyin", "Hueseyin", "Huseyin"),
            ("Emre",),
            ("Çağlar", "Caglar"),
            ("Serdar",),
        ),
        (
            ("Ayşe", "Ayse", "Ayshe"),
            ("Emine",),
            ("Gülay", "Gülai", "Guelay"),
            ("Özlem", "Oezlem", "Ozlem"),
            ("Zeynep", "Zeynap"),
        ),
        (
            ("Yılmaz", "Yilmaz"),
            ("Kaya",),
            ("Demir",),
            ("Şahin", "Sahin", "Schahin"),
            ("Çelik", "Celik"),
            ("Öztürk", "Oeztuerk", "Ozturk"),
            ("Aydın", "Aydin"),
            ("Doğan", "Dogan"),
        ),
        ("Diyarbakır", "Gaziantep", "Istanbul", "Van", "Mardin", "Ankara"),
    ),
    Country(
        "Eritrea",
        "eritreisch",
        "ERI",
        "224",
        "Tigrinya",
        (
            ("Yonas", "Jonas", "Yonatan"),
            ("Filmon", "Philmon"),
            ("Mehari",),
            ("Yohannes", "Johannes", "Yohanes"),
            ("Tesfaldet",),
        ),
        (("Selam", "Salam"), ("Senait", "Senayt"), ("Semhar",), ("Helen", "Hellen"), ("Lidya", "Lydia")),
        (
            ("Tesfaye", "Tesfay"),
            ("Berhane", "Berhe"),
            ("Haile", "Hayle"),
            ("Gebremedhin", "Ghebremedhin"),
            ("Kidane", "Kidan"),
            ("Tekle", "Teklay"),
        ),
        ("Asmara", "Keren", "Massawa", "Mendefera", "Dekemhare"),
    ),
    Country(
        "Nigeria",
        "nigerianisch",
        "NGA",
        "232",
        "Englischen",
        (("Chinedu",), ("Emeka",), ("Godwin",), ("Oluwadamilare", "Oluwadamilola"), ("Ikechukwu", "Ikechukwuh")),
        (("Ngozi",), ("Blessing",), ("Precious",), ("Chiamaka", "Chiamakah"), ("Adaeze",)),
        (("Okafor",), ("Adeyemi", "Adeyemy"), ("Okonkwo",), ("Eze",), ("Chukwu", "Chukwuh"), ("Abubakar",)),
        ("Lagos", "Benin City", "Abuja", "Enugu", "Ibadan", "Kano"),
    ),
    Country(
        "Iran",
        "iranisch",
        "IRN",
        "439",
        "Persischen",
        (("Mehdi", "Mahdi"), ("Reza", "Resa"), ("Arash",), ("Hossein", "Hosein", "Hussein"), ("Amir",)),
        (("Parisa",), ("Shirin", "Schirin"), ("Nasrin",), ("Maryam", "Mariam"), ("Fatemeh", "Fatemeh", "Fateme")),
        (
            ("Karimi",),
            ("Rahimi",),
            ("Moradi",),
            ("Jafari", "Dschafari", "Djafari"),
            ("Shahbazi", "Schahbazi"),
            ("Hosseini", "Husseini"),
        ),
        ("Teheran", "Isfahan", "Schiras", "Täbris", "Maschhad"),
    ),
    Country(
        "Somalia",
        "somalisch",
        "SOM",
        "273",
        "Somali",
        (("Abdirahman", "Cabdiraxmaan", "Abdurahman"), ("Hamza", "Hamsa"), ("Mohamed", "Maxamed"), ("Abdi", "Cabdi")),
        (("Hodan", "Hodon"), ("Faadumo", "Fadumo", "Fatuma"), ("Ayaan", "Ayan"), ("Hibo",)),
        (
            ("Mohamed", "Maxamed"),
            ("Abdi", "Cabdi"),
            ("Hassan", "Xasan"),
            ("Warsame",),
            ("Farah", "Faarax"),
            ("Ali", "Cali"),
        ),
        ("Mogadischu", "Kismayo", "Baidoa", "Hargeisa", "Beledweyne"),
    ),
    Country(
        "Guinea",
        "guineisch",
        "GIN",
        "261",
        "Französischen",
        (
            ("Mamadou", "Mamadu"),
            ("Alpha",),
            ("Ibrahima", "Ibrahim"),
            ("Ousmane", "Usman", "Ousman"),
            ("Amadou", "Amadu"),
        ),
        (("Fatoumata", "Fatumata"), ("Aissatou", "Aïssatou", "Aisatu"), ("Mariama", "Mariame"), ("Kadiatou",)),
        (
            ("Diallo", "Jallow"),
            ("Bah", "Ba"),
            ("Barry", "Bari"),
            ("Camara", "Kamara"),
            ("Sow",),
            ("Baldé", "Balde"),
            ("Condé", "Conde"),
            ("Touré", "Toure"),
        ),
        ("Conakry", "Labé", "Kankan", "Kindia", "Nzérékoré"),
    ),
    Country(
        "Kosovo",
        "kosovarisch",
        "RKS",
        "150",
        "Albanischen",
        (("Arben",), ("Besnik",), ("Driton",), ("Fatmir",), ("Ilir",)),
        (("Valbona",), ("Blerta",), ("Drita",), ("Arjeta", "Arieta")),
        (
            ("Krasniqi", "Krasniqui", "Krasnici"),
            ("Berisha", "Berischa"),
            ("Gashi", "Gaschi"),
            ("Hoxha", "Hodscha"),
            ("Shala", "Schala"),
            ("Morina",),
        ),
        ("Pristina", "Prizren", "Peja", "Gjakova", "Mitrovica"),
    ),
)

GERMAN_GIVEN = (
    "Jürgen",
    "Jörg",
    "Sören",
    "Björn",
    "Günther",
    "Andrea",
    "Sabine",
    "Michael",
    "Thomas",
    "Ursula",
    "Katrin",
    "Stefanie",
    "Matthias",
    "Claudia",
    "Bärbel",
    "Ralf",
    "Jens",
    "Anke",
    "Dörte",
    "Frank",
)
GERMAN_SURNAMES = (
    "Müller",
    "Schäfer",
    "Weiß",
    "Köhler",
    "Groß",
    "Böhm",
    "Krüger",
    "Jäger",
    "Hoffmann",
    "Schröder",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Kühn",
    "Löffler",
    "Vogt",
    "Brückner",
    "Hähnel",
    "Strauß",
)

# Towns of the Rhein-Sieg-Kreis with postcodes, where the person concerned lives.
TOWNS = (
    ("53721", "Siegburg"),
    ("53840", "Troisdorf"),
    ("53757", "Sankt Augustin"),
    ("53773", "Hennef (Sieg)"),
    ("53332", "Bornheim"),
    ("53639", "Königswinter"),
    ("53604", "Bad Honnef"),
    ("53797", "Lohmar"),
    ("53340", "Meckenheim"),
    ("53859", "Niederkassel"),
    ("53359", "Rheinbach"),
    ("53783", "Eitorf"),
)
STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Kölner Straße",
    "Frankfurter Straße",
    "Am Mühlengraben",
    "Wilhelmstraße",
    "Schulstraße",
    "Lindenweg",
    "Römerstraße",
    "Kaiserstraße",
    "Siegstraße",
    "Mühlenweg",
    "Zum Höhenblick",
    "Grünstraße",
    "Jägerstraße",
    "Friedrich-Ebert-Straße",
    "Bonner Straße",
    "Auf der Höhe",
    "Ringstraße",
)


@dataclass(frozen=True)
class Authority:
    """An Ausländerbehörde: letterhead lines and where it sits."""

    name: str  # party name in the truth
    lines: tuple[str, ...]
    town: str
    ref_prefix: str


AUTHORITIES = (
    Authority(
        "Rhein-Sieg-Kreis", ("Rhein-Sieg-Kreis", "Der Landrat", "Amt für Ausländerangelegenheiten"), "Siegburg", "32.1"
    ),
    Authority("Stadt Bonn", ("Bundesstadt Bonn", "Die Oberbürgermeisterin", "Ausländeramt"), "Bonn", "33-2"),
    Authority("Rhein-Erft-Kreis", ("Rhein-Erft-Kreis", "Der Landrat", "Ausländerbehörde"), "Bergheim", "30/2"),
    Authority("Kreis Euskirchen", ("Kreis Euskirchen", "Der Landrat", "Abteilung Ausländerwesen"), "Euskirchen", "32"),
)

EMPLOYERS = (
    "Bäckerei Schäfer GmbH",
    "Krüger Logistik GmbH & Co. KG",
    "Pflegedienst Sonnenschein gGmbH",
    "Restaurant Olivenhain",
    "Gebäudereinigung Köhler GmbH",
    "Rheinland Bau GmbH",
    "Hotel Zur Post",
    "Lagerservice Troisdorf GmbH",
    "Siegtal Metallbau GmbH",
    "Autohaus Brückner KG",
    "Gartenbau Jäger & Söhne",
    "Malerbetrieb Weiß e.K.",
)
SCHOOLS = (
    "Gesamtschule Siegburg",
    "Berufskolleg Siegburg",
    "Städtische Realschule Troisdorf",
    "Gymnasium Alleestraße Siegburg",
    "Carl-Reuther-Berufskolleg Hennef",
    "Hauptschule Sankt Augustin",
)


@dataclass
class Person:
    """The foreign national of one Akte; spellings vary per document via `spell`."""

    country: Country
    given: Variants
    surname: Variants
    sex: str  # "M" or "F"
    birth_place: str
    street: str
    town: tuple[str, str]
    relatives: list[str] = field(default_factory=list)

    def spell(self, rng: random.Random, canonical: float = 0.7) -> tuple[str, str]:
        """(given, surname) as one document prints them: usually the usual spelling, sometimes a variant."""
        g = self.given[0] if rng.random() < canonical or len(self.given) == 1 else rng.choice(self.given[1:])
        s = self.surname[0] if rng.random() < canonical or len(self.surname) == 1 else rng.choice(self.surname[1:])
        return g, s

    @property
    def address(self) -> str:
        return f"{self.street}, {self.town[0]} {self.town[1]}"


def make_person(rng: random.Random) -> Person:
    country = rng.choice(COUNTRIES)
    sex = rng.choice("MMF")
    given = rng.choice(country.male if sex == "M" else country.female)
    surname = rng.choice(country.surnames)
    rel_given = rng.choice(country.male)[0], rng.choice(country.female)[0]
    return Person(
        country=country,
        given=given,
        surname=surname,
        sex=sex,
        birth_place=rng.choice(country.cities),
        street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}{rng.choice(['', '', '', 'a', 'b'])}",
        town=rng.choice(TOWNS),
        relatives=[f"{rel_given[0]} {surname[0]}", f"{rel_given[1]} {surname[0]}"],
    )


def german_name(rng: random.Random) -> str:
    return f"{rng.choice(GERMAN_GIVEN)} {rng.choice(GERMAN_SURNAMES)}"


def german_surname(rng: random.Random) -> str:
    return rng.choice(GERMAN_SURNAMES)


def german_address(rng: random.Random) -> tuple[str, str]:
    """(street line, town line) somewhere in the region."""
    plz, town = rng.choice((*TOWNS, ("50667", "Köln"), ("53111", "Bonn"), ("40213", "Düsseldorf")))
    return f"{rng.choice(STREETS)} {rng.randint(1, 90)}", f"{plz} {town}"
