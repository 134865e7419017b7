"""A printed line Tesseract returned as two, its first word's box over the whole line, is one line again."""

from ocr.extract import extract_fields
from ocr.extract.split_lines import rejoined_lines
from ocr.types import Box, Line, Word


def line(
    *words: tuple[str, int, int, int], top: int = 184, height: int = 38, engine: str = "tesseract"
) -> Line:
    """Words as (text, left, width, top offset)."""
    return Line(tuple(Word(t, 0.95, Box(x, top + dy, w, height), engine) for t, x, w, dy in words))


def texts(lines: list[Line]) -> list[str]:
    return [" ".join(w.text for w in ln.words) for ln in lines]


def test_the_rest_of_a_line_inside_its_last_words_box_joins_it():
    split = [line(("Regional", 1026, 352, 0)), line(("Sales", 1169, 78, -7), ("Manager", 1262, 116, 0))]
    joined = rejoined_lines(split)
    assert texts(joined) == ["Regional Sales Manager"]
    regional = joined[0].words[0].box
    assert regional.left == 1026 and regional.left + regional.width < 1169  # cut where the rest starts


def test_the_rest_is_found_past_a_line_between_them():
    split = [
        line(("66", 738, 26, 0), ("avenue", 772, 300, 0)),
        line(("Lumen", 65, 125, 2)),
        line(("Jean", 961, 50, 0), ("Jaurès", 1020, 59, 0)),
    ]
    assert texts(rejoined_lines(split)) == ["66 avenue Jean Jaurès", "Lumen"]


def test_the_rest_goes_after_the_word_whose_box_holds_it():
    split = [line(("Fax", 520, 120, 0), ("559-4666,", 650, 107, 0)), line(("(201)", 577, 50, 0))]
    assert texts(rejoined_lines(split)) == ["Fax (201) 559-4666,"]


def test_lines_printed_apart_stay_apart():
    stacked = [line(("Regional", 1026, 352, 0)), line(("Sales", 1100, 78, 0), top=240)]
    assert texts(rejoined_lines(stacked)) == ["Regional", "Sales"]
    side_by_side = [line(("Halcyon", 236, 163, 0)), line(("Aarav", 1115, 150, 0))]
    assert texts(rejoined_lines(side_by_side)) == ["Halcyon", "Aarav"]
    # a line under the first word's start is no rest of it: the box holds it from its own left edge
    under = [line(("Regional", 1026, 352, 0)), line(("Sales", 1026, 78, 0))]
    assert texts(rejoined_lines(under)) == ["Regional", "Sales"]
    # a logo glyph's tall box beside the firm's name reaches down to the tagline: the tagline is not on the
    # band of the word whose box holds it
    logo = [
        Line(
            (
                Word("Verdant", 0.92, Box(899, 94, 213, 44)),
                Word("Partners", 0.96, Box(1130, 96, 229, 42)),
                Word("oO", 0.44, Box(1391, 67, 131, 133)),
            )
        ),
        line(("Built", 1183, 69, 0), ("to", 1260, 29, 0), ("last.", 1298, 59, 0), top=167, height=27),
    ]
    assert texts(rejoined_lines(logo)) == ["Verdant Partners oO", "Built to last."]


def test_the_second_engines_lines_are_its_own():
    split = [
        line(("Regional", 1026, 352, 0), engine="rapidocr"),
        line(("Sales", 1169, 78, 0), engine="rapidocr"),
    ]
    assert texts(rejoined_lines(split)) == ["Regional", "Sales"]


def test_end_to_end_the_title_is_read_whole():
    lines = [
        line(("Aarav", 1115, 150, 0), ("Iyer", 1283, 95, 0), top=104, height=50),
        line(("Regional", 1026, 352, 0)),
        line(("Sales", 1169, 78, -7), ("Manager", 1262, 116, 0)),
        line(("aiyer@halcyon.in", 107, 200, 0), top=687, height=30),
    ]
    assert extract_fields(lines, region="IN").contact.title == "Regional Sales Manager"
