"""A lone dash or ampersand between two words keeps its place in the line (issue 12, h19 title).

The boxes are Tesseract's own for the real cards where the dash was lost (legion-12 "Head - Sales",
mmub-08 "Senior Manager - HR", legion-11 "Assistant Manager - Sales"): a dash's box is only its stroke.
"""

from __future__ import annotations

from ocr.combine import adopt_reference_spelling
from ocr.engines.lines import group_lines
from ocr.extract import extract_fields
from ocr.types import Box, Line, Word
from ocr.words import keep_plausible_lines


def _w(text: str, left: int, top: int, width: int, height: int, confidence: float = 0.92) -> Word:
    return Word(text, confidence, Box(left, top, width, height))


def _texts(lines: list[Line]) -> list[str]:
    return [" ".join(w.text for w in line.words) for line in lines]


HEAD_SALES = [_w("Head", 46, 267, 89, 27), _w("-", 153, 281, 11, 5), _w("Sales", 182, 267, 96, 28)]
MANAGER_HR = [
    _w("Senior", 617, 130, 105, 27),
    _w("Manager", 734, 131, 143, 33),
    _w("-", 888, 145, 9, 3, confidence=0.30),  # an unsure dash counts as well: its place says what it is
    _w("HR", 909, 130, 48, 27),
]
MANAGER_SALES = [
    _w("Assistant", 946, 632, 89, 19),
    _w("Manager", 1043, 633, 91, 21),
    _w("–", 1141, 640, 7, 3),  # an en dash
    _w("Sales", 1156, 630, 50, 19),
]


def test_a_dash_between_words_stays_on_their_line() -> None:
    # Its 3-5 px box beside 20-30 px letters made it a line of its own before, and the next word left it.
    assert _texts(group_lines(HEAD_SALES)) == ["Head - Sales"]
    assert _texts(group_lines(MANAGER_HR)) == ["Senior Manager - HR"]
    assert _texts(group_lines(MANAGER_SALES)) == ["Assistant Manager – Sales"]


def test_an_ampersand_stays_on_its_line() -> None:
    line = [_w("ENGINEERING", 622, 421, 262, 27), _w("&", 898, 421, 25, 26), _w("CO", 935, 421, 50, 27)]
    assert _texts(group_lines(line)) == ["ENGINEERING & CO"]


def test_a_mark_above_or_below_the_words_is_not_theirs() -> None:
    # A rule under a name, a speck above it: not at the text's height.
    under = [_w("Head", 46, 267, 89, 27), _w("-", 140, 300, 11, 4), _w("Sales", 182, 267, 96, 28)]
    assert _texts(group_lines(under)) == ["Head Sales", "-"]


def test_the_noise_filter_keeps_a_dash_between_two_words() -> None:
    for words, kept in ((HEAD_SALES, "Head - Sales"), (MANAGER_HR, "Senior Manager - HR")):
        assert _texts(keep_plausible_lines(group_lines(words))) == [kept]


def test_the_noise_filter_still_drops_a_dash_between_digits_or_at_an_edge() -> None:
    # Phone numbers, dates and postcodes are parsed from their digits ("Pune - 411 003", "020 - 3028").
    postcode = [_w("Pune", 501, 361, 80, 27), _w("-", 590, 374, 10, 4), _w("411", 609, 361, 44, 27)]
    phone = [_w("020", 100, 50, 50, 20), _w("-", 155, 60, 8, 3), _w("30289100", 168, 50, 120, 20)]
    trailing = [_w("Sales", 182, 267, 96, 28), _w("-", 290, 281, 11, 5)]
    assert _texts(keep_plausible_lines(group_lines(postcode))) == ["Pune 411"]
    assert _texts(keep_plausible_lines(group_lines(phone))) == ["020 30289100"]
    assert _texts(keep_plausible_lines([Line(tuple(trailing))])) == ["Sales"]


def test_a_tall_dash_is_not_a_dash() -> None:
    # As tall as the letters: a bar or a smudge Tesseract called a dash; it stays out as before.
    tall = [_w("Head", 46, 267, 89, 27), _w("-", 150, 265, 12, 30), _w("Sales", 182, 267, 96, 28)]
    assert _texts(keep_plausible_lines([Line(tuple(tall))])) == ["Head Sales"]


def test_hyphenated_names_are_one_word_and_untouched() -> None:
    line = [_w("Jan", 10, 10, 60, 20), _w("Müller-Lüdenscheidt", 80, 10, 300, 20)]
    assert _texts(keep_plausible_lines([Line(tuple(line))])) == ["Jan Müller-Lüdenscheidt"]


def test_the_title_keeps_the_dash() -> None:
    lines = [
        Line((_w("Hetal", 46, 200, 90, 30), _w("Shah", 150, 200, 90, 30))),
        Line(tuple(HEAD_SALES)),
        Line((_w("hetal.shah@redington.co.in", 46, 400, 400, 20),)),
    ]
    assert extract_fields(lines, region="IN").contact.title == "Head - Sales"


def test_the_second_engine_takes_the_first_engines_spacing_of_a_dash() -> None:
    # RapidOCR reads "Manager-Sales" as one word; Tesseract's "Manager - Sales" spells it as printed.
    rapid = [Line((_w("Asstant", 943, 618, 88, 49), _w("Manager-Sales", 1043, 618, 169, 49)))]
    hyphen = [*MANAGER_SALES[:2], _w("-", 1141, 640, 7, 3), *MANAGER_SALES[3:]]
    tess = keep_plausible_lines(group_lines(hyphen))
    assert _texts(adopt_reference_spelling(rapid, tess)) == ["Asstant Manager - Sales"]
    # A hyphenated name Tesseract read as one word stays one.
    name = [Line((_w("Müller-Lüdenscheidt", 10, 10, 300, 20),))]
    assert _texts(adopt_reference_spelling(name, name)) == ["Müller-Lüdenscheidt"]


def test_a_wide_ampersand_in_big_type_keeps_the_line_whole() -> None:
    # Generated seed 31: a company in 50 px capitals, words far apart; the gap is measured after the mark.
    line = [_w("CARTER", 107, 89, 339, 50), _w("&", 504, 89, 46, 50), _w("ASSOCIATES", 607, 89, 560, 51)]
    assert _texts(keep_plausible_lines(group_lines(line))) == ["CARTER & ASSOCIATES"]


def test_an_ampersand_ending_a_line_is_kept_for_the_next_line() -> None:
    # mmub-08's logo: "ELITE / ENGINEERING & / CONSTRUCTION" (the company "Elite Engineering & Construction").
    line = [_w("ENGINEERING", 622, 421, 262, 27, 0.93), _w("&", 898, 421, 25, 26, 0.93)]
    assert _texts(keep_plausible_lines([Line(tuple(line))])) == ["ENGINEERING &"]
    unsure = [line[0], _w("&", 898, 421, 25, 26, 0.20)]
    speck = [line[0], _w("&", 898, 380, 10, 10)]  # above the word: not at its height
    alone = [_w("&", 898, 421, 25, 26)]
    for words in (unsure, speck):
        assert _texts(keep_plausible_lines([Line(tuple(words))])) == ["ENGINEERING"]
    assert keep_plausible_lines([Line(tuple(alone)), Line(tuple(line))])[0].words[0].text == "ENGINEERING"


def test_a_dangling_ampersand_leaves_a_value() -> None:
    from ocr.extract.company_repair import without_dangling_joiner

    assert without_dangling_joiner("ENGINEERING &") == "ENGINEERING"
    assert without_dangling_joiner("& Partner") == "Partner"
    assert without_dangling_joiner("Krüger & Partner") == "Krüger & Partner"
    assert without_dangling_joiner("AT&T") == "AT&T"
