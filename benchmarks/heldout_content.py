"""What a held-out card says: people, companies, phones and multi-line addresses for seven countries.

Written apart from benchmarks/content.py and benchmarks/locales.py on purpose (no shared vocabulary,
names, streets, label words or formats): the reader co-evolved with those, so a card set built from them
cannot tell whether the reader generalises. Phone numbers are drawn from `phonenumbers`' own example
numbers (prefix kept, the rest random, kept only when the metadata says the number is valid); postcodes
are real ones of their city.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType


@dataclass(frozen=True)
class Country:
    code: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    tld: str
    legal: tuple[str, ...]  # company legal forms as printed
    titles: tuple[str, ...]
    departments: tuple[str, ...]
    work_labels: tuple[str, ...]
    mobile_labels: tuple[str, ...]
    fax_labels: tuple[str, ...]
    places: tuple[tuple[str, ...], ...]  # per city: the lines after the street, postcode in place
    streets: tuple[str, ...]  # "{n}" is the house number
    country_line: tuple[str, ...]  # how the country is printed under the address ("" = not printed)


_EN_TITLES = (
    "Head of Partnerships",
    "Lead Data Scientist",
    "Regional Sales Manager",
    "Chief Operating Officer",
    "Procurement Specialist",
    "Senior Architect",
    "Customer Success Lead",
    "Principal Consultant",
    "Supply Chain Analyst",
    "Brand Strategist",
)
_EN_DEPARTMENTS = (
    "Global Procurement",
    "Investor Relations",
    "Clinical Research Division",
    "Corporate Communications",
    "Product Engineering",
    "Risk & Compliance",
)
_EN_WORK = ("T", "Tel", "Phone", "Direct", "Office", "P")
_EN_MOBILE = ("M", "Mob", "Mobile", "Cell", "C")
_EN_FAX = ("F", "Fax")

COUNTRIES: dict[str, Country] = {
    "US": Country(
        "US",
        ("Megan", "Tyler", "Brianna", "Marcus", "Kendra", "Wesley", "Alyssa", "Trevor"),
        ("Whitfield", "Okafor", "Brennan", "Castillo", "Hollis", "Yamamoto", "Pruitt", "Delgado"),
        "com",
        ("LLC", "Inc.", "Corp."),
        _EN_TITLES,
        _EN_DEPARTMENTS,
        _EN_WORK,
        _EN_MOBILE,
        _EN_FAX,
        (
            ("Austin, TX 78701",),
            ("Chicago, IL 60606",),
            ("Seattle, WA 98101",),
            ("Boston, MA 02110",),
            ("Denver, CO 80202",),
            ("San Francisco, CA 94105",),
        ),
        (
            "{n} Congress Avenue, Suite 210",
            "{n} West Lake Street",
            "{n} Pine Street, Floor 9",
            "{n} Elm Drive",
        ),
        ("", "", "USA", "United States"),
    ),
    "GB": Country(
        "GB",
        ("Harriet", "Callum", "Imogen", "Rhys", "Niamh", "Alistair", "Poppy", "Declan"),
        ("Ashworth", "Pemberton", "Gallagher", "Thornton", "Merriweather", "Iqbal", "Fairbairn", "Lowther"),
        "co.uk",
        ("Ltd", "Limited", "LLP", "plc"),
        _EN_TITLES,
        _EN_DEPARTMENTS,
        ("T", "Tel", "Tel.", "Direct", "DDI", "Office"),
        ("M", "Mob", "Mob.", "Mobile"),
        _EN_FAX,
        (
            ("London", "EC2A 4NE"),
            ("Manchester", "M1 3BN"),
            ("Leeds", "LS1 4AP"),
            ("Bristol", "BS1 6QH"),
            ("Edinburgh", "EH2 2ER"),
            ("Birmingham B3 2NS",),
        ),
        (
            "Unit {n}, Riverside House, Wharf Road",
            "{n} Kingsway",
            "Floor 3, {n} Castle Street",
            "{n} Mill Lane",
        ),
        ("", "United Kingdom", "UK"),
    ),
    "DE": Country(
        "DE",
        ("Jörg", "Annika", "Malte", "Friederike", "Sönke", "Lea", "Henrik", "Mareike"),
        ("Brückner", "Hoffmeister", "Kühn", "Lindemann", "Voß", "Aydın", "Engelhardt", "Scholz"),
        "de",
        ("GmbH", "AG", "GmbH & Co. KG", "SE"),
        (
            "Leiterin Einkauf",
            "Projektingenieur",
            "Vertriebsleiter",
            "Geschäftsführer",
            "Referentin Unternehmenskommunikation",
            "Technischer Berater",
        ),
        ("Abteilung Einkauf", "Bereich Forschung & Entwicklung", "Personalwesen", "Qualitätssicherung"),
        ("Tel.", "Telefon", "T", "Fon", "Durchwahl"),
        ("Mobil", "Mob.", "M", "Handy"),
        ("Fax", "F"),
        (
            ("10117 Berlin",),
            ("80331 München",),
            ("20095 Hamburg",),
            ("50667 Köln",),
            ("60311 Frankfurt am Main",),
            ("70173 Stuttgart",),
        ),
        ("Friedrichstraße {n}", "Am Sandtorkai {n}", "Lindenallee {n}", "Gartenweg {n}"),
        ("", "Deutschland", "Germany"),
    ),
    "FR": Country(
        "FR",
        ("Amélie", "Théo", "Solène", "Baptiste", "Maëlle", "Grégoire", "Inès", "Loïc"),
        ("Desrosiers", "Lacombe", "Perrin", "Gauthier", "Rivière", "Benali", "Chevalier", "Marchand"),
        "fr",
        ("SAS", "SARL", "SA"),
        (
            "Directrice Financière",
            "Chargé d'affaires",
            "Responsable Achats",
            "Ingénieure Qualité",
            "Chef de projet digital",
            "Conseiller juridique",
        ),
        ("Direction des Achats", "Service Juridique", "Pôle Innovation", "Direction Commerciale"),
        ("Tél.", "Tél", "T", "Tel.", "Ligne directe"),
        ("Mob.", "Portable", "M", "Mobile"),
        ("Fax", "Télécopie"),
        (
            ("75011 Paris",),
            ("69002 Lyon",),
            ("13001 Marseille",),
            ("31000 Toulouse",),
            ("33000 Bordeaux",),
            ("44000 Nantes",),
        ),
        ("{n} rue des Tanneurs", "{n} avenue Jean Jaurès", "{n} boulevard Voltaire", "{n} quai de la Fosse"),
        ("", "France"),
    ),
    "JP": Country(
        "JP",
        ("Haruto", "Yui", "Sota", "Mei", "Kaito", "Rin", "Daiki", "Aoi"),
        ("Takahashi", "Nakamura", "Kobayashi", "Fujita", "Ishikawa", "Morimoto", "Sakamoto", "Hayashi"),
        "co.jp",
        ("Co., Ltd.", "K.K.", "Inc."),
        _EN_TITLES,
        ("Overseas Sales Division", "Corporate Planning Dept.", "R&D Center", "Global Marketing Group"),
        ("Tel", "TEL", "T", "Phone", "Direct"),
        ("Mobile", "M", "Mob"),
        ("Fax", "FAX", "F"),
        (
            ("Shibuya-ku, Tokyo 150-0001",),
            ("Chiyoda-ku, Tokyo 100-0005",),
            ("Kita-ku, Osaka 530-0001",),
            ("Nishi-ku, Yokohama 220-0012",),
            ("Chuo-ku, Fukuoka 810-0001",),
            ("Nakagyo-ku, Kyoto 604-8001",),
        ),
        (
            "{n}-12-5 Jingumae",
            "Marunouchi Bldg. 8F, 2-{n}-1",
            "{n}-3-7 Umeda",
            "{n}-1 Tenjin, Urban Tower 5F",
        ),
        ("", "Japan"),
    ),
    "IN": Country(
        "IN",
        ("Aarav", "Priya", "Vikram", "Ananya", "Rohan", "Kavya", "Siddharth", "Meera"),
        ("Raghunathan", "Chatterjee", "Deshpande", "Malhotra", "Iyer", "Banerjee", "Kulkarni", "Sethi"),
        "in",
        ("Pvt. Ltd.", "Private Limited", "LLP", "Ltd."),
        _EN_TITLES,
        _EN_DEPARTMENTS,
        ("Tel", "Ph", "Off", "T", "Phone"),
        ("Mob", "M", "Mobile", "Cell"),
        _EN_FAX,
        (
            ("Indiranagar", "Bengaluru, Karnataka 560038"),
            ("Bandra East", "Mumbai, Maharashtra 400051"),
            ("Connaught Place", "New Delhi, Delhi 110001"),
            ("T. Nagar", "Chennai, Tamil Nadu 600017"),
            ("Madhapur", "Hyderabad, Telangana 500081"),
            ("Kalyani Nagar", "Pune, Maharashtra 411006"),
        ),
        ("Flat {n}, Sai Residency, 14th Cross", "Plot No. {n}, Sector 5", "{n}, 2nd Floor, MG Road"),
        ("", "India"),
    ),
    "BR": Country(
        "BR",
        ("João", "Beatriz", "Thiago", "Larissa", "Rafael", "Camila", "Vinícius", "Letícia"),
        ("Albuquerque", "Nogueira", "Cavalcanti", "Figueiredo", "Monteiro", "Araújo", "Siqueira", "Tavares"),
        "com.br",
        ("Ltda.", "S.A.", "ME"),
        (
            "Gerente Comercial",
            "Analista de Sistemas",
            "Diretora de Operações",
            "Engenheiro de Produção",
            "Coordenadora de Marketing",
            "Consultor Tributário",
        ),
        ("Departamento Jurídico", "Diretoria Financeira", "Setor de Compras", "Recursos Humanos"),
        ("Tel.", "Fone", "T", "Tel"),
        ("Cel.", "Celular", "M", "Cel"),
        ("Fax",),
        (
            ("Bela Vista, São Paulo - SP", "01310-200"),
            ("Copacabana, Rio de Janeiro - RJ", "22070-011"),
            ("Centro, Curitiba - PR", "80010-000"),
            ("Savassi, Belo Horizonte - MG", "30140-071"),
            ("Moinhos de Vento, Porto Alegre - RS", "90570-010"),
            ("Boa Viagem, Recife - PE", "51020-000"),
        ),
        ("Av. Paulista, {n} - Conj. 92", "Rua das Laranjeiras, {n}", "Alameda Santos, {n}, 7º andar"),
        ("", "Brasil", "Brazil"),
    ),
}

_COMPANY_WORDS = (
    "Quarry",
    "Lumen",
    "Halcyon",
    "Brightwater",
    "Ostrava",
    "Kestrel",
    "Verdant",
    "Tessellate",
    "Northgate",
    "Saffron",
    "Corvid",
    "Ironbark",
)
_COMPANY_TAILS = (
    "Analytics",
    "Logistics",
    "Biotech",
    "Robotics",
    "Partners",
    "Materials",
    "Systems",
    "Foods",
)
_WORK_TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


@dataclass(frozen=True)
class PrintedPhone:
    label: str  # as printed before the number ("" = none)
    printed: str  # the number as printed
    e164: str
    kind: str  # work, mobile, fax


@dataclass
class HeldoutContent:
    country: Country
    name: str
    title: str | None
    company: str
    department: str | None
    emails: list[str]
    phones: list[PrintedPhone]
    websites: list[str]  # as printed
    address_lines: list[str]  # as printed, one per line; [] = no address
    social: dict[str, str] = field(default_factory=dict)  # platform -> as printed
    tagline: str | None = None  # printed, in no field
    translation: str | None = None  # a second-language title line (bilingual cards), in no field

    def truth(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "department": self.department,
            "emails": list(self.emails),
            "phones": [{"number": p.e164, "kind": p.kind} for p in self.phones],
            "websites": list(self.websites),
            "address": ", ".join(self.address_lines) or None,
            "social": dict(self.social),
            "region": self.country.code,
        }


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def draw_number(rng: random.Random, region: str, types: tuple[int, ...]) -> phonenumbers.PhoneNumber:
    """A valid number of one of `types`: the metadata's example number with its tail drawn at random."""
    for _ in range(400):
        kind = rng.choice(types)
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        national = str(example.national_number)
        keep = max(2, len(national) - 5)
        digits = national[:keep] + "".join(str(rng.randrange(10)) for _ in range(len(national) - keep))
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in types:
            return number
    raise RuntimeError(f"no valid {region} number drawn")


def print_number(rng: random.Random, number: phonenumbers.PhoneNumber, region: str) -> str:
    """One of the ways the country's cards print a number."""
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    style = rng.random()
    if style < 0.35:
        return intl
    if style < 0.6:
        return national
    if style < 0.75:
        return intl.replace(" ", ".") if region in ("FR", "US", "BR") else intl.replace("-", " ")
    if style < 0.9 and region in ("DE", "GB", "FR"):
        # "+49 (0)30 1234567": the trunk zero kept in brackets
        cc, _, rest = intl.partition(" ")
        return f"{cc} (0){rest}"
    return re.sub(r"[()]", "", national).replace("-", " ")


def make_phone(rng: random.Random, c: Country, kind: str) -> PrintedPhone:
    types = _MOBILE_TYPES if kind == "mobile" else _WORK_TYPES
    number = draw_number(rng, c.code, types)
    labels = {"work": c.work_labels, "mobile": c.mobile_labels, "fax": c.fax_labels}[kind]
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return PrintedPhone(rng.choice(labels), print_number(rng, number, c.code), e164, kind)


def make_content(rng: random.Random, code: str) -> HeldoutContent:
    c = COUNTRIES[code]
    first, last = rng.choice(c.first), rng.choice(c.last)
    name = f"{last.upper()} {first}" if code == "JP" and rng.random() < 0.3 else f"{first} {last}"
    word = rng.choice(_COMPANY_WORDS)
    tail = rng.choice(_COMPANY_TAILS)
    company = f"{word} {tail} {rng.choice(c.legal)}" if rng.random() < 0.7 else f"{word} {tail}"
    domain = f"{word.lower()}{rng.choice(['', '-' + tail.lower()])}.{c.tld}"
    f, la = ascii_fold(first), ascii_fold(last).replace(" ", "")
    local = rng.choice([f"{f}.{la}", f"{f[0]}.{la}", f"{f}", f"{f[0]}{la}", f"{la}"])
    emails = [f"{local}@{domain}"]
    if rng.random() < 0.2:
        emails.append(rng.choice(["info", "contact", "hello", "office"]) + f"@{domain}")
    phones = [make_phone(rng, c, "work")] if rng.random() < 0.85 else []
    if rng.random() < 0.7 or not phones:
        phones.append(make_phone(rng, c, "mobile"))
    if rng.random() < 0.2:
        phones.append(make_phone(rng, c, "fax"))
    websites = []
    if rng.random() < 0.75:
        websites.append(rng.choice([f"www.{domain}", domain, f"https://www.{domain}", f"{domain}/team"]))
    address: list[str] = []
    if rng.random() < 0.75:
        place = list(rng.choice(c.places))
        street = rng.choice(c.streets).format(n=rng.randrange(2, 240))
        address = [street, *place]
        country_line = rng.choice(c.country_line)
        if country_line:
            address.append(country_line)
    social: dict[str, str] = {}
    handle = f"{f}-{la}"
    if rng.random() < 0.45:
        social["linkedin"] = rng.choice(
            [f"linkedin.com/in/{handle}", f"in/{handle}", f"www.linkedin.com/in/{f}{la}"]
        )
    if rng.random() < 0.3:
        handle15 = f"{f}{la}"[:15]  # X/Twitter handles are at most 15 characters
        social["twitter"] = rng.choice([f"@{handle15}", f"@{f}_{la[:4]}", f"x.com/{handle15}"])
    if rng.random() < 0.15:
        social["instagram"] = f"instagram.com/{word.lower()}.{tail.lower()}"
    if rng.random() < 0.1:
        social["github"] = f"github.com/{f}{la[:3]}"
    return HeldoutContent(
        country=c,
        name=name,
        title=rng.choice(c.titles) if rng.random() < 0.9 else None,
        company=company,
        department=rng.choice(c.departments) if rng.random() < 0.4 else None,
        emails=emails,
        phones=phones,
        websites=websites,
        address_lines=address,
        social=social,
        tagline=rng.choice(
            [
                "Built to last.",
                "Ideas that travel",
                "Since 1987",
                "Engineering clarity",
                "Your partner in growth",
            ]
        )
        if rng.random() < 0.25
        else None,
    )
