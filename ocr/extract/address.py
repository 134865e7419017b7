"""Postal addresses across lines (US, CA, UK, DE, FR, CH, AU, BR, JP...), joined into one line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ocr.extract.labels import strip_label
from ocr.extract.lexicon import words
from ocr.extract.places import names_place, place_index, postcode_first, postcode_of
from ocr.extract.rules import rule
from ocr.extract.text import clean_value, has_digit, word_list
from ocr.types import Box

_US_STATE_ZIP = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[AT]|W[AIVY])\s*\d{5}(?:-\d{4})?\b"
)
_CA_POSTCODE = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_AU_STATE_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\b")
# Continental Europe: optional country prefix, 4-5 digit postcode, then the city ('D-26723 Emden').
_EU_POSTCODE_CITY = re.compile(r"(?:^|[\s,·|])(?:[A-Z]{1,2}-)?\d{4,5}\s+(?:[A-Z]{2}\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+")
_PT_POSTCODE = re.compile(r"\b\d{4}-\d{3}\s+[A-ZÀ-ÖØ-Þ]")
_BR_CEP = re.compile(r"\b\d{5}-\d{3}\b")
_JP_POSTCODE = re.compile(r"\b\d{3}-\d{4}\b")
_POSTCODES = (
    _US_STATE_ZIP,
    _CA_POSTCODE,
    _UK_POSTCODE,
    _AU_STATE_POSTCODE,
    _EU_POSTCODE_CITY,
    _PT_POSTCODE,
    _BR_CEP,
    _JP_POSTCODE,
)
# 'straße' as English-trained OCR returns it too: 'StraBe', 'Strafe' (ß read as B or f).
_DE_STREET = re.compile(
    r"[^\W\d_]{3,}-?(?:stra(?:ße|sse|[bf]e)|str\.?|weg|platz|gasse|allee|ring|damm|ufer|markt|laan|straat|gracht|"
    r"plein|singel|kade|dijk)\s*\d+",
    re.IGNORECASE,
)
# Japanese block numbers '2-6-1 Marunouchi' and floors '5F'.
_JP_BLOCK = re.compile(r"\b\d{1,4}-\d{1,4}-\d{1,4}\s+[^\W\d_]|\b\d{1,2}F\b")
# German streets named with a preposition: 'Am Mühlbach 2', 'An der Alster 5', 'Unter den Linden 7'.
_DE_PREPOSITION_STREET = re.compile(
    r"^(?:am|an der|an den|auf der|auf dem|im|in der|in den|unter den|zum|zur|hinter der|vor dem)\s+"
    r"[^\W\d_][\w.'’ -]*\s\d+[a-z]?$",
    re.IGNORECASE,
)
# 'Sao Paulo, SP', 'Palo Alto, CA': a city and a state code, part of an address next to a street line.
_CITY_AND_STATE = re.compile(r"^[A-ZÀ-Ý][^\W\d_]+(?:[ '-][^\W\d_]+){0,3},\s*[A-Z]{2}$")
_PO_BOX = re.compile(r"\b(?:p\.?\s?o\.?\s?box|postfach|caixa postal|apartado)\b", re.IGNORECASE)


# Lines naming a building or office: part of an address next to a street line, never enough alone.
_BUILDING_WORDS = frozenset(
    {
        "house",
        "building",
        "bldg",
        "bldg.",
        "tower",
        "centre",
        "center",
        "floor",
        "suite",
        "plaza",
        "haus",
        "gebäude",
        "edificio",
        "edifício",
        "immeuble",
        "bâtiment",
        "complex",
        "kompleks",
        "mall",
        "estate",
        "estates",
        "bhavan",
        "bhawan",
        "chambers",
    }
)
# Lines that belong to an address beside its other lines, never alone (ocr/extract/rules/address.py):
# a landmark ('Opp. Unique City Homes'), a numbered part ('4-7-339, Esamia Bazar'), a street printed
# without its number ('SATADHAR CROSS ROAD, SOLA ROAD').
_PART_RULES = ("address.landmark", "address.numbered-part", "address.street-without-number")
# Lines enough on their own: a country and its place ('Cyprus, Limassol'), a city and its postcode.
_WHOLE_RULES = ("address.country-and-place", "address.city-and-postcode")


def _numbered(text: str) -> bool:
    return rule("address.numbered-part").first(text) is not None


# Postcodes only one country writes this way, for the phone region.
_COUNTRY_PREFIX = re.compile(r"(?:^|[\s,])(D|A|CH|F|B|L|NL|I|E|P)-\d{4,5}\s+[^\W\d_]")
_PREFIX_REGIONS = {
    "D": "DE",
    "A": "AT",
    "CH": "CH",
    "F": "FR",
    "B": "BE",
    "L": "LU",
    "NL": "NL",
    "I": "IT",
    "E": "ES",
    "P": "PT",
}
_UK_FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_CA_FULL_POSTCODE = re.compile(r"\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")


_CA_PROVINCE_AND_CODE = re.compile(
    r"\b(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+([A-Z0-9]{3})(\s?)([A-Z0-9]{3})\b"
)
_AS_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
_AS_DIGIT = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})


def repair_postcodes(text: str) -> str:
    """'Toronto, ON MSV 2T6' -> 'Toronto, ON M5V 2T6': a Canadian code after its province alternates
    letter and digit, so a letter read for a digit (or the reverse) is certain to be a misreading."""

    def fixed(match: re.Match[str]) -> str:
        code = match.group(2) + match.group(4)
        repaired = "".join(
            c.translate(_AS_LETTER) if i % 2 == 0 else c.translate(_AS_DIGIT) for i, c in enumerate(code)
        )
        if not re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", repaired):
            return match.group()
        return f"{match.group(1)} {repaired[:3]}{match.group(3)}{repaired[3:]}"

    return _CA_PROVINCE_AND_CODE.sub(fixed, text)


def postcode_region(text: str) -> str | None:
    """The country whose postcode style the text shows, when only one country writes it that way."""
    if prefix := _COUNTRY_PREFIX.search(text):
        return _PREFIX_REGIONS[prefix.group(1)]
    if _CA_FULL_POSTCODE.search(text):
        return "CA"
    if _UK_FULL_POSTCODE.search(text):
        return "GB"
    if _AU_STATE_POSTCODE.search(text):
        return "AU"
    if _US_STATE_ZIP.search(text):
        return "US"
    return None


@dataclass(frozen=True)
class AddressLine:
    text: str
    order: int
    strong: bool  # a street, postcode or 'City, Country': enough on its own
    # 'street', 'postcode', 'place' (a city or country: enough alone) or 'part' (only beside the others)
    kind: str = "part"


def _street(text: str) -> bool:
    if any(p.search(text) for p in (_DE_STREET, _DE_PREPOSITION_STREET, _PO_BOX, _JP_BLOCK)):
        return True
    if not has_digit(text):
        return False
    return any(w.rstrip(".") in words("street_words.txt") for w in word_list(text))


def _country(text: str) -> str | None:
    """The country a segment names in its last part: 'Madrid, Spain' -> 'ES', by Google's country names
    and the names cards print besides them; a capital I read as l ('Gujarat, lndia') is still India."""
    last = re.split(r"[,|·•]", text)[-1].strip(" .")
    names = place_index().names
    return names.get(last.lower()) or names.get(rule("text.capital-i-read-as-l").rewrite(last).lower())


def classify(text: str, region: str | None = None) -> AddressLine | None:
    """Whether a segment's text (labels stripped) looks like part of a postal address; `region` is the
    card's country, whose postcode shape (Google's address data) and places (GeoNames) it may print."""
    if _street(text):
        return AddressLine(text, -1, True, "street")
    if any(p.search(text) for p in _POSTCODES):
        return AddressLine(text, -1, True, "postcode")
    # 'Quality since 1987' on an Australian card: a year in a slogan has the shape of a 4-digit postcode.
    if region and postcode_of(text, region) and not _slogan(text):
        return AddressLine(text, -1, True, "postcode")
    country = _country(text)
    if country and "," in text and len(text.split()) <= 5:
        return AddressLine(text, -1, True, "place")
    if not _slogan(text) and any(rule(r).first(text) for r in _WHOLE_RULES):
        return AddressLine(text, -1, True, "place")
    if country or any(w in _BUILDING_WORDS for w in word_list(text)) or _CITY_AND_STATE.match(text):
        return AddressLine(text, -1, False)
    if any(rule(r).first(text) for r in _PART_RULES) or (region and names_place(text, region)):
        return AddressLine(text, -1, False)
    return None


def unclaimed_head(text: str, region: str | None = None) -> str | None:
    """The first comma part of an address's first line when nothing in it is address-like ('Prasang
    Presidency, R.C.T.I College Road'): a firm or building named before the street, which the company
    may also be; None otherwise."""
    head, comma, rest = clean_value(strip_label(text)).partition(",")
    head = head.strip()
    if not comma or not rest.strip() or not head or has_digit(head) or len(head.split()) > 4:
        return None
    if any(w.rstrip(".") in words("street_words.txt") for w in word_list(head)):
        return None  # 'Av. Itaquera, 2994': the street itself
    return head if classify(head, region) is None else None


def _without_contact_label(text: str) -> str:
    """'Ahmedabad 380006. Ph.' -> 'Ahmedabad 380006.': the number after the label went to the phones."""
    return rule("address.trailing-contact-label").rewrite(text)


def _slogan(text: str) -> bool:
    return any(w in words("tagline_words.txt") for w in word_list(text))


def _fills_gap(text: str) -> bool:
    """'Ipswich', 'Suffolk', 'Apt 101': a short line that may sit between two address lines."""
    tokens = text.replace(",", " ").split()
    return 0 < len(tokens) <= 4 and "@" not in text


def _junk(text: str) -> bool:
    """The marks of an icon or a rule read as a line ('\\Z', '~-', '| —'): more than a third symbols."""
    marks = [c for c in text if not c.isspace()]
    return bool(marks) and 3 * sum(not (c.isalnum() or c in ",.-'/#()") for c in marks) > len(marks)


# Lines of one address are set close together; a gap of more than this many line heights between two
# lines (a logo and its tagline above the address) means they are not one block.
_MAX_GAP_LINES = 2.5


def _printed_lines(
    rows: Sequence[tuple[int, str, Box, int]], region: str | None
) -> tuple[list[tuple[int, str, Box, int]], dict[int, list[int]]]:
    """The rows with pieces of one printed line that OCR returned as separate lines joined ('Lindenallee'
    beside '101'): side by side on one baseline, and an address line together but neither alone.
    Returns the rows and, per joined row's order, the orders of the pieces joined to it."""
    out: list[tuple[int, str, Box, int]] = []
    joined: dict[int, list[int]] = {}
    for row in rows:
        if out and _pieces_of_one_line(out[-1], row, region):
            order, text, box, line_index = out[-1]
            out[-1] = (order, f"{text} {row[1]}", box.union(row[2]), line_index)
            joined.setdefault(order, []).append(row[0])
        else:
            out.append(row)
    return out, joined


def _pieces_of_one_line(
    first: tuple[int, str, Box, int], second: tuple[int, str, Box, int], region: str | None
) -> bool:
    (_, text_a, a, line_a), (_, text_b, b, line_b) = first, second
    height = min(a.height, b.height)
    same_baseline = min(a.bottom, b.bottom) - max(a.top, b.top) >= 0.5 * height
    beside = a.left < b.left and b.left - a.right < 1.5 * max(a.height, b.height)
    if line_a == line_b or not same_baseline or not beside:
        return False
    alone = [classify(clean_value(strip_label(t)), region) for t in (text_a, text_b)]
    together = classify(clean_value(strip_label(f"{text_a} {text_b}")), region)
    return together is not None and together.strong and not any(x is not None and x.strong for x in alone)


def _second_address(kinds: set[str], kind: str, region: str | None) -> bool:
    """A street line after a whole address (a street, then a postcode line), in a country whose format
    (Google's) writes the postcode after the street: the card prints a second address (a branch) below
    the first. A postcode line alone before a street is no whole address (text read bottom to top)."""
    return kind == "street" and {"street", "postcode"} <= kinds and not postcode_first(region)


def _far_below(box: Box, above: Box) -> bool:
    return box.top - above.bottom > _MAX_GAP_LINES * max(box.height, above.height)


def _overlaps(a: Box, b: Box) -> bool:
    """Horizontally overlapping: the same column of the card."""
    return a.left < b.right and b.left < a.right


def find_address(
    rows: Sequence[tuple[int, str, Box, int]], region: str | None = None
) -> tuple[str, list[int]] | None:
    """The best address block among (segment order, text, box, OCR line index) rows in reading order.

    A block is a run of address-like segments in one column. Short lines count only between two
    address lines after a strong one (a street or postcode), so a tagline that mentions a 'building'
    cannot pull the name and title into the address. Segments of another column neither join nor
    break a block. Segments already used by other fields must be left out by the caller.
    Returns (address, orders used).
    """
    blocks: list[list[tuple[int, str, bool]]] = []
    current: list[tuple[int, str, bool]] = []
    pending: list[tuple[int, str, bool]] = []  # short lines waiting for the next address line
    last_box: Box | None = None
    last_line = -1
    last_row: Box | None = None  # the box of the block's last line (or waiting short line)
    kinds: set[str] = set()  # the kinds of the current block's address lines
    rows, joined = _printed_lines(rows, region)
    for order, raw_text, box, line_index in rows:
        text = clean_value(_without_contact_label(repair_postcodes(clean_value(strip_label(raw_text)))))
        text = rule("address.digit-lookalikes").rewrite(text)
        text = re.sub(r"(?<=\d)\.$", "", text)  # 'Surat-395 007.': a full stop after the postcode
        if region == "GB":
            text = rule("address.uk-postcode-misread").rewrite(text)
        line = classify(text, region) if text else None
        if current and last_row is not None and line_index != last_line and _far_below(box, last_row):
            blocks.append(current)  # a blank band of the card between them: not one block
            current, pending, last_box, kinds = [], [], None, set()
        # Pieces of one printed line ('Str. 3 · D-26723 Emden') belong together whatever their position.
        same_column = last_box is None or _overlaps(box, last_box) or line_index == last_line
        if line is not None and current and same_column and _second_address(kinds, line.kind, region):
            blocks.append(current)  # a street after a postcode line: the card's next address starts
            current, pending, kinds = [], [], set()
        if line is not None and (not current or same_column):
            kinds.add(line.kind)
            current.extend(pending)
            current.append((order, text, line.strong))
            # The block's column is as wide as all its lines: pieces of one line may sit far apart.
            pending, last_box, last_line = [], box if last_box is None else last_box.union(box), line_index
        elif line is not None:  # an address line in another column starts another block
            kinds = {line.kind}
            blocks.append(current)
            current, pending, last_box, last_line = [(order, text, line.strong)], [], box, line_index
        elif current and not (last_box is None or _overlaps(box, last_box)):
            continue  # not an address line, beside the block ('INTERWORLD' of a logo left of the city)
        elif current and _junk(text):
            continue  # an icon's marks between two address lines neither join nor break the block
        elif (
            current
            and any(strong or _numbered(t) for _, t, strong in current)
            and (_fills_gap(text) and len(pending) < 2)
        ):
            pending.append((order, text, False))
        elif current:
            blocks.append(current)
            current, pending, last_box, kinds = [], [], None, set()
        if any(rows_ and rows_[-1][0] == order for rows_ in (current, pending)):
            last_row = box
    if current:
        blocks.append(current)
    blocks = [b for b in blocks if any(strong for _, _, strong in b)]
    if not blocks:
        return None
    # The most address evidence; of two as good (a head office and a branch), the one printed first.
    best = max(blocks, key=lambda b: sum(strong for _, _, strong in b))  # max keeps the first
    orders = [o for order, _, _ in best for o in (order, *joined.get(order, ()))]
    return ", ".join(text for _, text, _ in best), orders
