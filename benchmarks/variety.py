"""More layout variety for the line labeller's generated training cards: what real cards print around the
name and title that the base generator (content.py) never does.

    vary(content, rng) -> CardContent

Names from more cultures (South Asian given-name-only and initialled names, Malay 'bin'/'binti' names,
romanised Chinese, Korean and Japanese names, names in CJK script alone or beside the Latin one), names in
capitals or with a credential ('Jane Doe, PhD'), titles over two lines, titles joined to their department
('Senior Manager - HR', 'Director, Sales & Marketing'), titles in more languages, the title above the
name, taglines and service lists ('Audit • Tax • Advisory'), a logo word printed beside the mark.

Each change keeps the truth what a person transcribing the card would write (the name without its
credential, the joined title), and each printed line carries the field it belongs to, so generated
lines stay labelled (benchmarks/synthetic_lines.py). Used for the labeller's training layouts only (the
fresh-seed benchmark's cards stay the base generator's: their photos are rendered with Latin fonts).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from benchmarks.content import CardContent, PrintedLine, Segment, ascii_fold

# Invented combinations of common given and family names per naming tradition.
SOUTH_ASIAN_GIVEN = (
    "Rahul",
    "Priya",
    "Suresh",
    "Anita",
    "Vikram",
    "Deepak",
    "Kavita",
    "Arjun",
    "Sanjay",
    "Meena",
    "Ravi",
    "Pooja",
    "Imran",
    "Farhan",
    "Nikhil",
    "Sunita",
    "Ramesh",
    "Harish",
)
SOUTH_ASIAN_FAMILY = (
    "Sharma",
    "Patel",
    "Reddy",
    "Iyer",
    "Gupta",
    "Nair",
    "Kulkarni",
    "Mehta",
    "Joshi",
    "Khan",
    "Rao",
    "Singh",
    "Desai",
    "Chopra",
    "Menon",
    "Verma",
)
MALAY_GIVEN = ("Ahmad", "Siti", "Nur", "Muhammad", "Aisyah", "Hafiz", "Farah", "Azman", "Zulkifli", "Aminah")
EAST_ASIAN_ROMAN = (
    ("Wei", "Zhang"),
    ("Mei Ling", "Chan"),
    ("Jia Hui", "Lim"),
    ("Kevin", "Wong"),
    ("Hyun Woo", "Kim"),
    ("Ji-yeon", "Park"),
    ("Min-jun", "Lee"),
    ("Takashi", "Yamamoto"),
    ("Yuki", "Tanaka"),
    ("Haruto", "Suzuki"),
    ("Chia-Hao", "Lin"),
    ("Antony", "Ho"),
)
CJK_FAMILY = ("陳", "李", "王", "張", "林", "黃", "吳", "劉", "田中", "山本", "鈴木", "김", "이", "박", "최")
CJK_GIVEN = ("德威", "美玲", "志明", "家豪", "淑芬", "太郎", "花子", "健一", "민준", "서연", "지훈", "하은")
CREDENTIALS = ("PhD", "Ph.D.", "MBA", "CPA", "CFA", "P.E.", "M.D.", "FCA", "ACA", "B.Sc.", "LL.M.", "CFP")
# Titles beyond the base locales' lists (more languages, longer and more specific ones).
MORE_TITLES = (
    "Assistant Manager",
    "Senior Manager",
    "Deputy General Manager",
    "Proprietor",
    "Partner",
    "Associate Professor",
    "Visiting Scholar",
    "Customer Representative",
    "Territory Manager",
    "Branch Manager",
    "Chief Operating Officer",
    "Head",
    "Executive Director",
    "Insurance Agent",
    "Sales Executive",
    "Chartered Accountant",
    "Software Architect",
    "Research Fellow",
    "Pengurus Besar",
    "Pengarah Urusan",
    "Penolong Pengurus",
    "Verkställande direktör",
    "Säljchef",
    "Projektledare",
    "Direktur Utama",
    "Gerente de Negócios",
    "Sócio-Diretor",
)
TITLE_DEPARTMENTS = (
    "HR",
    "Sales",
    "Marketing",
    "Finance",
    "Operations",
    "IT",
    "Business Development",
    "EMEA",
)
SERVICES = (
    ("Audit", "Tax", "Advisory"),
    ("Design", "Print", "Web"),
    ("Import", "Export", "Logistics"),
    ("Sales", "Service", "Spares"),
    ("Residential", "Commercial", "Industrial"),
    ("Mobiles", "Accessories", "Repairs"),
    ("Weddings", "Events", "Portraits"),
    ("Consulting", "Training", "Coaching"),
)
MORE_TAGLINES = (
    "Excellence in every detail",
    "Your trusted partner",
    "Since 1995",
    "Deals in all kinds of mobile phones",
    "Innovation for a better tomorrow",
    "An ISO 9001:2015 certified company",
    "Where quality meets value",
    "Driven by passion",
)
LOGO_WORDS = ("GROUP", "PRO", "ONE", "PLUS", "LABS", "HUB")


def _person(content: CardContent, rng: random.Random) -> tuple[str, str | None]:
    """-> (the name as transcribed, a CJK-script name printed beside it or None)."""
    roll = rng.random()
    if roll < 0.25:
        given = rng.choice(SOUTH_ASIAN_GIVEN)
        style = rng.random()
        if style < 0.25:
            return given, None  # a shop owner printing the given name alone
        family = rng.choice(SOUTH_ASIAN_FAMILY)
        if style < 0.5:
            initials = " ".join(f"{c}." for c in rng.sample("ABDKMNPRSV", rng.choice([1, 2])))
            return f"{initials} {given} {family}", None
        return f"{given} {family}", None
    if roll < 0.35:
        given = rng.choice(MALAY_GIVEN)
        link = "Binti" if given in ("Siti", "Nur", "Aisyah", "Farah", "Aminah") else "Bin"
        return f"{given} {rng.choice(MALAY_GIVEN[3:])} {link} {rng.choice(MALAY_GIVEN)}", None
    if roll < 0.6:
        given, family = rng.choice(EAST_ASIAN_ROMAN)
        cjk = rng.choice(CJK_FAMILY) + rng.choice(CJK_GIVEN) if rng.random() < 0.5 else None
        return (f"{family} {given}" if rng.random() < 0.2 else f"{given} {family}"), cjk
    if roll < 0.7:
        return rng.choice(CJK_FAMILY) + rng.choice(CJK_GIVEN), None  # a card in CJK script alone
    return content.name, None


def _title(content: CardContent, rng: random.Random) -> tuple[str | None, tuple[str, ...]]:
    """-> (the title as transcribed, its printed lines)."""
    title = content.title
    roll = rng.random()
    if roll < 0.3:
        title = rng.choice(MORE_TITLES)
    if title is None:
        return None, ()
    roll = rng.random()
    if roll < 0.2:
        sep = rng.choice([" - ", ", ", " – ", " | ", " of "])
        title = f"{title}{sep}{rng.choice(TITLE_DEPARTMENTS)}"
    words = title.split()
    if len(words) >= 3 and rng.random() < 0.25:
        cut = rng.randint(1, len(words) - 1)
        return title, (" ".join(words[:cut]), " ".join(words[cut:]))
    return title, (title,)


def _local_part(name: str, rng: random.Random) -> str | None:
    """An email local part built from the name as people build theirs ('rahul.sharma', 'rsharma'); None
    for a name in CJK script (its owner's address spells a romanisation the card does not print)."""
    tokens = [t for t in re.split(r"[\s-]+", ascii_fold(name).lower()) if t.isalpha() and len(t) > 1]
    tokens = [t for t in tokens if t not in ("bin", "binti")]
    if not tokens or not name.isascii():
        return None
    g, f = tokens[0], tokens[-1]
    if len(tokens) == 1:
        return rng.choice([g, f"{g}{rng.randint(1, 99)}"])
    return rng.choice([f"{g}.{f}", f"{g[0]}{f}", g, f"{g}{f}", f"{g}_{f}"])


def _with_email_local(content: CardContent, local: str | None) -> CardContent:
    """The card's personal email address (its first) spelled from the new name's local part."""
    emails = list(content.truth.get("emails") or [])
    if not emails:
        return content
    old = emails[0].split("@", 1)[0] + "@"
    new = f"{local}@" if local else "info@"
    lines = [
        PrintedLine(tuple(Segment(s.text.replace(old, new), s.role) for s in line.segments), line.field)
        for line in content.contact_lines
    ]
    truth = {**content.truth, "emails": [emails[0].replace(old, new, 1), *emails[1:]]}
    return replace(content, contact_lines=lines, truth=truth)


def vary(content: CardContent, rng: random.Random) -> CardContent:
    """The card with more of what real cards print around the name and title (see the module doc)."""
    name, alt = _person(content, rng)
    printed = name
    if rng.random() < 0.15 and not alt and name.isascii():
        printed = f"{name}{rng.choice([', ', ' '])}{rng.choice(CREDENTIALS)}"
    if rng.random() < 0.2:
        printed = printed.upper()
    title, title_lines = _title(content, rng)
    tagline = content.tagline
    if rng.random() < 0.25:
        tagline = rng.choice(MORE_TAGLINES)
    services = None
    if rng.random() < 0.25:
        services = rng.choice([" • ", " | ", " · ", ", "]).join(rng.choice(SERVICES))
    logo_word = None
    if rng.random() < 0.15:
        first = (content.company or "").split(" ")[0]
        logo_word = first.upper() if first and rng.random() < 0.5 else rng.choice(LOGO_WORDS)
    if name != content.name:
        content = _with_email_local(content, _local_part(name, rng))
    truth = {**content.truth, "name": name, "title": title}
    return replace(
        content,
        name=name,
        title=title,
        tagline=tagline,
        truth=truth,
        name_printed=printed,
        name_alt=alt,
        title_lines=title_lines,
        services=services,
        logo_word=logo_word,
        title_first=rng.random() < 0.1,
    )
