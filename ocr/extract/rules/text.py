"""Rules for words of the card's text that vouch for other fields (a company name confirming a domain)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import cache

from ocr.extract.lexicon import entries, gazetteer, gazetteer_name
from ocr.extract.names import NAME_PARTICLES, given_names
from ocr.extract.rules.address import street_types
from ocr.extract.rules.rule import Rule
from ocr.word_list import english_word_costs

# A lower-case l that starts a word before a consonant no word starts with ('lronwood S.A.', 'lnc.') is a
# capital I misread (sans-serif I and l look alike); a dotted i in an address is not.
_WORD_START_L = re.compile(r"\bl(?=[bcdfghjkmnpqrstvwxz])")


def _capital_i_misread(text: str) -> Iterator[str]:
    fixed = _WORD_START_L.sub("I", text)
    if fixed != text:
        yield fixed


# In a name whose other words are capitalised, a word starting with a lower-case l and another lower-case
# letter is a capital I misread ('Kavya lyer', 'lnes'): names are capitalised, and the lower-case
# particles that start with l ('la', 'le', 'los', 'las') are left alone.
_NAME_PARTICLES = frozenset({"la", "le", "lo", "los", "las", "les", "lu"})
_NAME_WORD_START_L = re.compile(r"(?<!\S)l(?=[a-z]{1,}(?!\S))")


def _name_capital_i_misread(text: str) -> Iterator[str]:
    words = text.split()
    if not any(w[:1].isupper() for w in words):
        return
    fixed = " ".join(
        w if w.lower() in _NAME_PARTICLES else _NAME_WORD_START_L.sub("I", w, count=1) for w in words
    )
    if fixed != " ".join(words):
        yield fixed


# 'plc' set in lower case, its l read as i: 'Saffron Robotics pic'. Only as a line's last word, where the
# legal form stands, and only in lower case ('Le Pic', 'PIC' are words or initials).
_PLC_READ_AS_PIC = re.compile(r"(?<=\S )pic(?=\.?$)")


def _plc_misread(text: str) -> Iterator[str]:
    fixed = _PLC_READ_AS_PIC.sub("plc", text.rstrip())
    if fixed != text.rstrip():
        yield fixed


# The word lists that tell a line's role (a title, a department, a firm, a street): a word of them with
# its m read as 'rn' ('Cornpliance', 'Procurernent', 'Managernent') no longer says what the line is.
_ROLE_WORD_LISTS = (
    "title_words.txt",
    "departments.txt",
    "department_heads.txt",
    "org_words.txt",
    "street_words.txt",
    "institution_words.txt",
    "landmark_words.txt",
)
_RN = re.compile("rn", re.IGNORECASE)


@cache
def _role_words() -> frozenset[str]:
    return frozenset(w for name in _ROLE_WORD_LISTS for entry in entries(name) for w in entry.split())


def _m_spellings(word: str) -> Iterator[str]:
    """The word with each combination of its 'rn's read back as 'm', the case of the 'r' kept."""
    spans = [m.span() for m in _RN.finditer(word)][:3]
    for chosen in itertools.chain.from_iterable(
        itertools.combinations(spans, k) for k in range(len(spans), 0, -1)
    ):
        out, at = [], 0
        for start, end in chosen:
            out += [word[at:start], "M" if word[start].isupper() else "m"]
            at = end
        yield "".join(out) + word[at:]


# Words that link a title's or department's words ('Head of Sales', 'Setor de Compras').
_LINKING_WORDS = frozenset({"of", "and", "for", "de", "da", "do", "des", "du", "der", "für", "di", "del"})


def _role_or_linking(word: str) -> bool:
    return word in _role_words() or word in _LINKING_WORDS


def _role_words_split(text: str) -> Iterator[str]:
    """'Man ager' -> 'Manager': two neighbouring words, the second in lower case, that together, and not
    apart, are a role word."""
    return _cut_word_joined(
        text,
        lambda word: word in _role_words(),
        lambda first, second: _role_or_linking(first) and _role_or_linking(second),
        lambda previous, core: core[:1].islower(),
    )


def _one_case_style(previous: str, core: str) -> bool:
    return (previous[:1].isupper() and core.islower()) or (previous.isupper() and core.isupper())


def _cut_word_joined(
    text: str,
    is_word: Callable[[str], bool],
    keep_apart: Callable[[str, str], bool],
    styled: Callable[[str, str], bool] = _one_case_style,
) -> Iterator[str]:
    """The text with each two neighbouring words in one case style ('Mich ael', 'NGU YEN'; `styled`) that
    together are a word of `is_word` and apart are not both such words (nor `keep_apart`) joined: a word OCR
    cut in two. A word's trailing punctuation stays ('Seat tle,'); single letters never join (letter-spaced
    capitals, 'J A N E', are joined elsewhere)."""
    out: list[str] = []
    for token in text.split(" "):
        previous = out[-1] if out else ""
        core = token.rstrip(",.;:")
        first, second = previous.lower(), core.lower()
        if (
            previous.isalpha()
            and core.isalpha()
            and min(len(first), len(second)) >= 2
            and styled(previous, core)
            and not keep_apart(first, second)
            and is_word(first + second)
            and not (is_word(first) and is_word(second))
        ):
            out[-1] = previous + token
        else:
            out.append(token)
    fixed = " ".join(out)
    if fixed != text:
        yield fixed


def _name_split(text: str) -> Iterator[str]:
    """'Mich ael' -> 'Michael': a given or family name of the gazetteers, neither piece a particle ('van der'
    stays)."""
    return _cut_word_joined(
        text, gazetteer_name, lambda first, second: first in NAME_PARTICLES or second in NAME_PARTICLES
    )


# How much likelier, in the English word list's costs, the joined word must be than its two pieces:
# 'man' + 'ager' 25.6 against 'manager' 9.9; 'de' + 'la' 15.6 against 'dela' 19.2 stays apart.
JOINED_MARGIN = 6.0
MIN_JOINED_WORD = 6


def _english_word_split(text: str) -> Iterator[str]:
    """'Robo tics' -> 'Robotics', 'Engin eering' -> 'Engineering': a word of the English word list
    (wordninja's) that the list itself would not split, far likelier whole than as its two pieces."""
    costs = english_word_costs()
    if costs is None:
        return iter(())

    def whole(first: str, second: str) -> bool:
        joined = first + second
        if len(joined) < MIN_JOINED_WORD or costs.rank(joined) is None or costs.split(joined) != [joined]:
            return False
        return costs.cost(first) + costs.cost(second) >= costs.cost(joined) + JOINED_MARGIN

    out: list[str] = []
    for token in text.split(" "):
        previous = out[-1] if out else ""
        core = token.rstrip(",.;:")
        if (
            previous.isalpha()
            and core.isalpha()
            and min(len(previous), len(core)) >= 2
            and _one_case_style(previous, core)
            and whole(previous.lower(), core.lower())
        ):
            out[-1] = previous + token
        else:
            out.append(token)
    fixed = " ".join(out)
    return iter([fixed]) if fixed != text else iter(())


def _is_place(word: str) -> bool:
    from ocr.extract.places import city_countries, place_index  # places reads the rules' text helpers

    index = place_index()
    return bool(city_countries(word)) or word in index.names or word in index.subdivisions


def _place_split(text: str) -> Iterator[str]:
    """'Seat tle' -> 'Seattle', 'Ma laysia' -> 'Malaysia': a city (GeoNames), a country or a subdivision
    (Google's address metadata) of five letters or more."""
    return _cut_word_joined(text, _is_place, lambda first, second: len(first + second) < 5)


def _parts_of_run(word: str) -> list[str]:
    """'RegionalSalesManager' -> ['Regional', 'Sales', 'Manager']: the word cut where each part is a role
    or linking word, leftmost cut first; the word itself when no such cut exists."""
    if len(word) < 5 or word.lower() in _role_words():
        return [word]
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        # A cut before a capital ('SupplyChain') or beside a linking word ('Headof'); German compounds
        # ('Softwareentwickler') run on in lower case and stay whole.
        linking = head.lower() in _LINKING_WORDS or tail.lower() in _LINKING_WORDS
        if not (tail[:1].isupper() or linking) or (min(len(head), len(tail)) < 3 and not linking):
            continue
        if _role_or_linking(head.lower()):
            rest = _parts_of_run(tail)
            if _role_or_linking(rest[-1].lower()) and (len(rest) > 1 or _role_or_linking(tail.lower())):
                return [head, *rest]
    return [word]


def _role_words_run_together(text: str) -> Iterator[str]:
    """'SupplyChain Analyst' -> 'Supply Chain Analyst': a word that is role and linking words run together
    (a lost word space), and not one itself."""
    fixed = " ".join(
        " ".join(_parts_of_run(token)) if token.isalpha() else token for token in text.split(" ")
    )
    if fixed != text:
        yield fixed


def _role_word_capital_i(text: str) -> Iterator[str]:
    """'lnformation', 'lnkoop' -> 'Information', 'Inkoop': a capital I read as l at the start of a word
    whose I spelling, and not its l spelling, is a word of the role lists."""
    known = _role_words()

    def fixed(match: re.Match[str]) -> str:
        word = match.group()
        return word if word.lower() in known or ("i" + word[1:]).lower() not in known else "I" + word[1:]

    repaired = re.sub(r"\bl[bcdfghjkmnpqrstvwxz][^\W\d_]+", fixed, text)
    if repaired != text:
        yield repaired


def _m_read_as_rn(text: str) -> Iterator[str]:
    known = _role_words()

    def fixed(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in known:
            return word
        return next((m for m in _m_spellings(word) if m.lower() in known), word)

    repaired = re.sub(r"[^\W\d_]*[rR][nN][^\W\d_]*", fixed, text)
    if repaired != text:
        yield repaired


def _name_m_read_as_rn(text: str) -> Iterator[str]:
    def fixed(match: re.Match[str]) -> str:
        word = match.group()
        if not word[:1].isupper() or gazetteer_name(word.lower()) or word.lower() in _role_words():
            return word
        return next((m for m in _m_spellings(word) if gazetteer_name(m.lower())), word)

    repaired = re.sub(r"[^\W\d_]*[rR][nN][^\W\d_]*", fixed, text)
    if repaired != text:
        yield repaired


# Legal forms that end a firm's name but seldom a brand's own last part: 'Co', 'Corp' and 'Inc' do
# ('PepsiCo', 'MediaCorp'), nor two letters that end words ('AskMe', 'VisitEU').
_BRAND_ENDINGS = frozenset(
    {"co", "corp", "inc", "sa", "ag", "se", "kg", "lp", "pc", "ug", "ev", "spa", "me", "eu", "oo", "dd"}
)
_TWO_CAPITALISED = re.compile(r"^([A-ZÀ-Þ][a-zß-ÿ]{2,})([A-ZÀ-Þ][\w.]*)([,;:]?)$")


@cache
def _form_and_street_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that end a firm's name or a street's, words that start a street's), lower-case, no dots."""
    forms = {w.replace(".", "") for w in entries("legal_suffixes.txt")} - _BRAND_ENDINGS
    ends, starts = street_types()
    return frozenset(forms | ends), starts


def _form_or_street_run_together(text: str) -> Iterator[str]:
    ending, starting = _form_and_street_words()

    def apart(token: str) -> str:
        found = _TWO_CAPITALISED.match(token)
        if not found:
            return token
        first, second, mark = found.groups()
        if second.lower().replace(".", "") in ending or first.lower() in starting:
            return f"{first} {second}{mark}"
        return token

    fixed = " ".join(apart(t) for t in text.split(" "))
    if fixed != text:
        yield fixed


# A given name and a family name read as one word ('MeganBrennan': a narrow word space): the capital in
# the middle shows where; names-dataset must know the first part as a given name, and the second as a
# family name unless it is five letters or more (the gazetteer misses many); parts of three letters or
# more ('McDonald', 'DeLuca', 'PayPal', 'MaxMind' stay whole).
_RUN_TOGETHER = re.compile(r"\b([A-ZÀ-Þ][a-zß-ÿ'’]{2,})([A-ZÀ-Þ][a-zß-ÿ'’]{2,})\b")
_PARTICLES = frozenset({"mac", "van", "von", "der", "den", "del", "della", "dos", "das", "fitz", "san", "st"})


def _name_run_together(text: str) -> Iterator[str]:
    family = gazetteer("family_names.txt")

    def split(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        whole = match.group().lower()
        if first.lower() in _PARTICLES or whole in given_names() or whole in family:
            return match.group()
        known_second = second.lower() in family or len(second) >= 5  # the gazetteer misses many
        return f"{first} {second}" if first.lower() in given_names() and known_second else match.group()

    fixed = _RUN_TOGETHER.sub(split, text)
    if fixed != text:
        yield fixed


# A letter O read as a zero inside a word ('C0MPANY', 'J0hn', 'Operati0ns'): a word of letters with no
# other digit. 'B2B', 'A380', 'Web3.0' have other digits and stay as read.
_ZERO_IN_WORD = re.compile(r"^(?=(?:[^\W\d_]*0){1,2}[^\W\d_]*[.,:;]?$)(?=(?:.*[^\W\d_]){2})\S+$")


def _zero_read_for_o(text: str) -> Iterator[str]:
    def letter(token: str) -> str:
        if not _ZERO_IN_WORD.match(token):
            return token
        letters = [c for c in token if c.isalpha()]
        upper = sum(c.isupper() for c in letters) > len(letters) / 2
        return "".join(("O" if upper or i == 0 else "o") if c == "0" else c for i, c in enumerate(token))

    fixed = " ".join(letter(t) for t in text.split(" "))
    if fixed != text:
        yield fixed


# A letter l (or I) read as a one inside a word ('Wi11iam', 'Rea1ty', '1ndia'): between two letters, or
# starting a word before a lower-case letter, in a word with no other digit. A one at a word's end
# ('Suite1') and ordinals ('1st', '21st') stay as read.
_ONE_FOR_L = re.compile(r"(?<=[^\W\d_])1+(?=[^\W\d_])|\b1(?=[a-z]{2})")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
_LETTERS_AND_ONES = re.compile(r"(?=\D*1)(?:[^\W\d_]|1)+[.,:;]?")


_FINAL_ONE = re.compile(r"^(.*[^\W\d_])1([.,:;]?)$")


def _word_final_one(token: str, capitals: bool) -> str:
    """'Globa1' -> 'Global', 'Comercia1' -> 'Comercial': a one ending a word is its l where that spells a
    word of the role lists or the English word list ('Suite1' stays: 'suitel' is no word)."""
    found = _FINAL_ONE.match(token)
    if not found:
        return token
    spelled = found.group(1) + ("L" if capitals else "l")
    costs = english_word_costs()
    known = spelled.lower() in _role_words() or (
        costs is not None and costs.rank(spelled.lower()) is not None
    )
    return spelled + found.group(2) if known else token


def _one_read_for_l(text: str) -> Iterator[str]:
    def letter(token: str) -> str:
        # Words only: no address of the web ('a1b.com'), no code ('EC1A', 'A1'), no ordinal ('1st').
        letters_only = _LETTERS_AND_ONES.fullmatch(token)
        if not letters_only or _ORDINAL.search(token) or sum(map(str.isalpha, token)) < 4:
            return token
        letters = [c for c in token if c.isalpha()]
        capitals = sum(c.isupper() for c in letters) > len(letters) / 2

        def one(match: re.Match[str]) -> str:
            if capitals:
                return "I" * len(match.group())
            return "I" if match.start() == 0 else "l" * len(match.group())

        return _word_final_one(_ONE_FOR_L.sub(one, token), capitals)

    fixed = " ".join(letter(t) for t in text.split(" "))
    if fixed != text:
        yield fixed


TEXT_RULES = (
    Rule(
        "text.capital-i-read-as-l",
        "text",
        "an l before a consonant at a word's start: no word starts so ('lronwood', 'lnc.')",
        _capital_i_misread,
        (("lronwood S.A.", "Ironwood S.A."), ("Acme lnc.", "Acme Inc."), ("la playa lloyd", None)),
        lambda _: True,
    ),
    Rule(
        "name.capital-i-read-as-l",
        "name",
        "a name word starting with a lower-case l beside capitalised ones: names are capitalised",
        _name_capital_i_misread,
        (
            ("Kavya lyer", "Kavya Iyer"),
            ("lnes Benali", "Ines Benali"),
            ("Jean le Roux", None),
            ("jane lee", None),
        ),
        lambda _: True,
    ),
    Rule(
        "name.m-read-as-rn",
        "name",
        "a capitalised word no name gazetteer or role list knows whose 'rn' read as 'm' is a given or family "
        "name of the gazetteers (names-dataset)",
        _name_m_read_as_rn,
        (
            ("Jane Srnith", "Jane Smith"),
            ("Karirna Larnbert", "Karima Lambert"),
            ("Bernard Barnes", None),  # names that spell 'rn'
            ("Northern Engineering", None),
            ("srnith", None),  # lower case: a handle or address, not a name as printed
        ),
        lambda _: True,
    ),
    Rule(
        "text.m-read-as-rn",
        "text",
        "a word no list of the reader knows whose 'rn' read as 'm' is a word of the lists that tell a line's "
        "role (titles, departments, firms, streets): m is OCR's commonest split letter",
        _m_read_as_rn,
        (
            ("Risk & Cornpliance", "Risk & Compliance"),
            ("Direction Cornrnerciale", "Direction Commerciale"),
            ("MANAGERNENT SECTION", "MANAGEMENT SECTION"),
            ("Bernard Corner", None),
            ("Northern Engineering", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.role-word-capital-i-read-as-l",
        "text",
        "a word starting with l and a consonant whose I spelling is a word of the role lists (titles, "
        "departments, firms, streets) and whose l spelling is not",
        _role_word_capital_i,
        (
            ("lnformation Technology", "Information Technology"),
            ("lnternational Sales", "International Sales"),
            ("Acme Pvt ltd", None),
            ("llama lnk", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.zero-read-for-o",
        "text",
        "a word of letters with one or two zeros and no other digit: the zeros are the letter O, in the "
        "word's case ('C0MPANY', 'J0hn')",
        _zero_read_for_o,
        (
            ("BRIGHTWATER R0B0TICS", "BRIGHTWATER ROBOTICS"),
            ("J0hn Smith", "John Smith"),
            ("0perations Manager", "Operations Manager"),
            ("A380 B2B Web3.0", None),
            ("Suite 100", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.one-read-for-l",
        "text",
        "a word of four letters or more whose only digits are ones between letters, or a one starting it "
        "before lower-case letters: the letter l (I in capitals or at a word's start)",
        _one_read_for_l,
        (
            ("Wi11iam Rea1ty", "William Realty"),
            ("Globa1 Procurement", "Global Procurement"),
            ("1ndia", "India"),
            ("VICE PRES1DENT", "VICE PRESIDENT"),
            ("1st Floor, Suite1, A1 Logistic, EC1A 1BB", None),
            ("www.a1b.com", None),
            ("info@acme1.com", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.role-word-split",
        "text",
        "two neighbouring words, the second lower-case, that together are a word of the role lists (titles, "
        "departments, firms, streets) and apart are not both such words: a word OCR cut in two",
        _role_words_split,
        (
            ("Regional Sales Man ager", "Regional Sales Manager"),
            ("Ger ente Comercial", "Gerente Comercial"),
            ("Head of Sales", None),
            ("Jane Doe", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.name-split",
        "text",
        "two neighbouring words in one case style that together are a name of the given- or family-name "
        "gazetteer and apart are not both names, neither a particle: a name OCR cut in two",
        _name_split,
        (
            ("Mich ael Kim", "Michael Kim"),
            ("ANDR EAS MEYER", "ANDREAS MEYER"),
            ("Jo Ann Smith", None),
            ("Daan van der Berg", None),
            ("Head of Sales", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.word-split",
        "text",
        "two neighbouring words in one case style that together are a word of the English word list "
        "(wordninja's) the list would not split, far likelier whole than as the two pieces: a word OCR cut",
        _english_word_split,
        (
            ("Brightwater Robo tics", "Brightwater Robotics"),
            ("ENGIN EERING SERVICES", "ENGINEERING SERVICES"),
            ("Calle de la Paz", None),
            ("Head of Sales", None),
            ("Jo Ann Smith", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.place-split",
        "text",
        "two neighbouring words in one case style that together are a city (GeoNames), a country or a "
        "subdivision (Google's address metadata) and apart are not both places: a place OCR cut in two",
        _place_split,
        (
            ("Seat tle, WA 98101", "Seattle, WA 98101"),
            ("62675 Putrajaya, Ma laysia", "62675 Putrajaya, Malaysia"),
            ("San Jose, CA", None),
            ("Palo Alto", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.role-words-run-together",
        "text",
        "a word that is no role word but cuts, from the left, into role words and linking words ('of', "
        "'de'): words whose space OCR lost",
        _role_words_run_together,
        (
            ("SupplyChain Analyst", "Supply Chain Analyst"),
            ("Headof Partnerships", "Head of Partnerships"),
            ("Brightwater", None),
            ("Manager", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.form-or-street-run-together",
        "text",
        "a capitalised word run into the legal form that ends a firm's name or the street type that ends "
        "(or starts) a street's (data/legal_suffixes.txt, street_types.txt): a word space OCR lost",
        _form_or_street_run_together,
        (
            ("Tessellate RoboticsGmbH", "Tessellate Robotics GmbH"),
            ("2227 KingStreet West", "2227 King Street West"),
            ("AvenidaPaulista, 1578", "Avenida Paulista, 1578"),
            ("PepsiCo", None),  # a brand's own last part
            ("UltraTech Cement", None),
            ("McDonald", None),
        ),
        lambda _: True,
    ),
    Rule(
        "name.words-run-together",
        "name",
        "a word of two capitalised parts, the first a given name and the second a family name "
        "(names-dataset) or a long word: a name whose word space OCR lost",
        _name_run_together,
        (
            ("MeganBrennan", "Megan Brennan"),
            ("Dr. PriyaKulkarni", "Dr. Priya Kulkarni"),
            ("McDonald", None),
            ("PayPal Holdings", None),
            ("MacKenzie", None),
            ("AnnikaHoffmeister", "Annika Hoffmeister"),
        ),
        lambda _: True,
    ),
    Rule(
        "text.plc-read-as-pic",
        "text",
        "a company line's last word 'pic': the legal form 'plc' with its l read as i (no firm ends in 'pic')",
        _plc_misread,
        (("Saffron Robotics pic", "Saffron Robotics plc"), ("Acme pic.", "Acme plc."), ("Le Pic", None)),
        lambda _: True,
    ),
)
