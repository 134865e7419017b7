"""The engine strategies: which engines read a card, and when `auto` asks the second one (fake engines)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

from ocr import OcrTimeout, strategy
from ocr.types import Box, Contact, Extraction, Line, Phone, ReadOptions, Word
from ocr.words import keep_plausible_lines, merge_engine_lines


class FakeEngine:
    def __init__(self, name: str, lines: list[Line]) -> None:
        self.name = name
        self.lines = lines
        self.calls = 0

    def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
        self.calls += 1
        return self.lines


def words_line(text: str, confidence: float, engine: str, top: int) -> Line:
    words, left = [], 20
    for token in text.split():
        words.append(Word(token, confidence, Box(left, top, 14 * len(token), 24), engine))
        left += 14 * len(token) + 14
    return Line(tuple(words))


def reading(confidence: float, engine: str, email: str = "jane.doe@example.com") -> list[Line]:
    return [words_line("Jane Doe", confidence, engine, 40), words_line(email, confidence, engine, 100)]


def fake_extract(lines: list[Line]) -> Extraction:
    """Name from the first line, emails from words with '@': enough to see which engine's text was used."""
    found = [w for line in lines for w in line.words if "@" in w.text and "." in w.text.partition("@")[2]]
    name = lines[0].text if lines and "@" not in lines[0].text else None
    contact = Contact(
        name=name, emails=tuple(w.text for w in found), company="Example Library" if lines else None
    )
    sources = {"emails": tuple(w.box for w in found)} if found else {}
    return Extraction(contact, {"name": 0.8, "emails": 0.8} if lines else {}, sources)


def fake_extract_without(field: str) -> Callable[[list[Line]], Extraction]:
    """fake_extract, with `field` never found."""

    def extract(lines: list[Line]) -> Extraction:
        found = fake_extract(lines)
        return replace(found, contact=replace(found.contact, **{field: None}))

    return extract


BLANK = np.full((400, 700), 255, np.uint8)


def read(engine: str) -> strategy.StrategyResult:
    return strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine=engine), extract=fake_extract)


def test_auto_keeps_a_strong_tesseract_reading_without_the_second_engine(engines):
    engines["tesseract"].lines = reading(0.95, "tesseract")
    result = read("auto")
    assert engines["rapidocr"].calls == 0
    assert result.engines == ("tesseract",)
    assert result.extraction.contact.emails == ("jane.doe@example.com",)


def test_auto_asks_the_second_engine_when_tesseract_is_unsure_and_merges(engines):
    engines["tesseract"].lines = reading(0.6, "tesseract", email="jane.doeQexample.com")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    result = read("auto")
    assert engines["rapidocr"].calls == 1
    assert result.engines == ("tesseract", "rapidocr")
    assert {"low_confidence", "no_email_or_phone"} <= set(result.reasons)
    assert result.extraction.contact.emails == ("jane.doe@example.com",)  # the one that validates
    assert result.extraction.confidence["name"] > 0.8  # both engines read "Jane Doe"
    assert "ocr_rapidocr" in result.timings


def test_both_always_reads_with_both_and_tesseract_only_with_tesseract(engines):
    engines["tesseract"].lines = reading(0.95, "tesseract")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    assert read("both").engines == ("tesseract", "rapidocr")
    assert engines["rapidocr"].calls == 1
    assert read("tesseract").engines == ("tesseract",)
    assert read("rapidocr").engines == ("rapidocr",)
    assert engines["tesseract"].calls == 2


def test_auto_without_the_extra_says_so(engines, monkeypatch):
    monkeypatch.setattr(strategy, "rapidocr_available", lambda: False)
    engines["tesseract"].lines = reading(0.4, "tesseract")
    result = read("auto")
    assert result.engines == ("tesseract",)
    assert result.warnings == ["rapidocr_unavailable"]
    assert engines["rapidocr"].calls == 0


def test_text_tesseract_returned_nothing_for_is_a_weakness():
    card = np.full((400, 700), 255, np.uint8)
    for row in (60, 200):  # two dark "lines of text": blocks of glyph-like strokes
        for x in range(40, 500, 18):
            card[row : row + 30, x : x + 10] = 0
    covered_first = [Line((Word("x", 0.95, Box(40, 60, 470, 30)),))]
    extraction = Extraction(Contact(name="Jane Doe", company="Example", emails=("jane@example.com",)))
    assert strategy.weaknesses(covered_first, extraction, card) == ("text_tesseract_missed",)
    everything = [*covered_first, Line((Word("y", 0.95, Box(40, 200, 470, 30)),))]
    assert strategy.weaknesses(everything, extraction, card) == ()


def test_auto_reads_only_the_regions_tesseract_missed(engines):
    card = np.full((400, 700), 255, np.uint8)
    for x in range(40, 500, 18):  # a line of "text" at y=200 that Tesseract returns nothing for
        card[200:230, x : x + 10] = 0
    engines["tesseract"].lines = [
        words_line("Jane Doe", 0.95, "tesseract", 40),
        words_line("jane.doe@example.com", 0.95, "tesseract", 100),
    ]
    seen: list[tuple[int, ...]] = []

    class CropReader(FakeEngine):
        def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
            seen.append(image.shape)
            return [words_line("Reference Librarian", 0.97, "rapidocr", 5)]

    engines["rapidocr"] = CropReader("rapidocr", [])
    result = strategy.read_with_strategy(card, card, ReadOptions(engine="auto"), extract=fake_extract)
    assert result.reasons == ("text_tesseract_missed",)
    assert len(seen) == 1 and seen[0][0] < 100, "a crop around the missed line, not the whole card"
    added = [w for line in result.lines for w in line.words if w.engine == "rapidocr"]
    assert [w.text for w in added] == ["Reference", "Librarian"]
    assert all(180 <= w.box.top <= 230 for w in added), "boxes moved back into card pixels"


def test_values_that_do_not_validate_and_a_missing_company_are_weaknesses():
    lines = reading(0.95, "tesseract")
    fine = Contact(
        name="Jane Doe", company="Example", emails=("jane@example.com",), phones=(Phone("+12125550134"),)
    )

    def extracted(contact: Contact) -> Extraction:
        return Extraction(contact, sources={"emails": (lines[1].box,)})

    assert strategy.weaknesses(lines, extracted(fine), BLANK) == ()
    misread = replace(fine, phones=(Phone("+1212555013"),))
    assert strategy.weaknesses(lines, extracted(misread), BLANK) == ("invalid_email_or_phone",)
    assert strategy.weaknesses(lines, extracted(replace(fine, company=None)), BLANK) == ("no_company",)
    # an '@' no email came from: an address misread past repair
    assert strategy.weaknesses(lines, Extraction(fine), BLANK) == ("unread_email_address",)


def test_an_unsure_address_that_validates_is_no_weakness_but_an_unsure_name_is():
    # Tesseract reads 'www.' 'meridian.it' right and scores both 0.00: the website validates.
    lines = [
        words_line("Lorenzo Ricci", 0.95, "tesseract", 40),
        words_line("Mob. 348 526 5591", 0.95, "tesseract", 100),
        words_line("www. meridian.it", 0.0, "tesseract", 160),
    ]
    contact = Contact(
        name="Lorenzo Ricci",
        company="Meridian",
        phones=(Phone("+393485265591"),),
        websites=("https://www.meridian.it",),
    )
    site_box = lines[2].box
    assert strategy.weaknesses(lines, Extraction(contact, sources={"websites": (site_box,)}), BLANK) == ()
    # nothing extracted from the address: unsure, and a web address left unread
    assert strategy.weaknesses(lines, Extraction(contact), BLANK) == ("low_confidence", "unread_web_address")
    unsure_name = [words_line("Lorenzo Ricci", 0.0, "tesseract", 40), *lines[1:]]
    assert "low_confidence" in strategy.weaknesses(
        unsure_name, Extraction(contact, sources={"websites": (site_box,)}), BLANK
    )


def test_a_second_engine_that_times_out_leaves_tesseracts_reading(engines):
    class SlowEngine(FakeEngine):
        def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
            raise OcrTimeout("RapidOCR took 35 s")

    engines["tesseract"].lines = reading(0.6, "tesseract")
    engines["rapidocr"] = SlowEngine("rapidocr", [])
    for engine in ("auto", "both"):
        result = read(engine)
        assert result.engines == ("tesseract",)
        assert result.warnings == ["rapidocr_timeout"]
        assert result.extraction.contact.emails == ("jane.doe@example.com",)
    with pytest.raises(OcrTimeout):
        read("rapidocr")


def test_auto_skips_the_second_engine_for_a_missing_company_when_the_card_has_an_email(engines):
    engines["tesseract"].lines = reading(0.95, "tesseract")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    no_company = fake_extract_without("company")
    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=no_company)
    assert engines["rapidocr"].calls == 0
    assert result.engines == ("tesseract",)
    engines["tesseract"].lines = [words_line("Jane Doe", 0.95, "tesseract", 40)]  # no email: ask
    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=no_company)
    assert engines["rapidocr"].calls == 1
    assert "no_company" in result.reasons


def test_an_ampersand_between_words_survives_the_noise_filter() -> None:
    def word(text: str, left: int, confidence: float = 0.9) -> Word:
        return Word(text, confidence, Box(left, 10, 20 * len(text), 30))

    line = Line((word("Krüger", 0), word("&", 140), word("Partner", 170)))
    assert [w.text for w in keep_plausible_lines([line])[0].words] == ["Krüger", "&", "Partner"]
    # At a line's edge, beside a word at its height, it is kept for a name broken after it ("ENGINEERING &"
    # above "CONSTRUCTION"; tests/ocr/test_joiners.py); extraction drops it when nothing follows.
    at_the_edge = Line((word("&", 0), word("Krüger", 40), word("Partner", 200), word("&", 360)))
    kept = ["&", "Krüger", "Partner", "&"]
    assert [w.text for w in keep_plausible_lines([at_the_edge])[0].words] == kept
    unsure = Line((word("Krüger", 0), word("&", 140, confidence=0.2), word("Partner", 170)))
    assert [w.text for w in keep_plausible_lines([unsure])[0].words] == ["Krüger", "Partner"]


def test_a_web_address_survives_the_noise_filter_whatever_its_confidence() -> None:
    # Tesseract reads a crisp "www.meridian.it" split after "www." and gives both parts confidence 0.00.
    def word(text: str, left: int, confidence: float) -> Word:
        return Word(text, confidence, Box(left, 10, 20 * len(text), 30))

    name = Line((word("Lorenzo", 0, 0.95), word("Ricci", 200, 0.95), word("Costruzioni", 400, 0.95)))

    def kept(line: Line) -> list[str]:
        return [w.text for w in keep_plausible_lines([name, line])[1].words]

    assert kept(Line((word("Web", 0, 0.96), word("www.", 80, 0.0), word("meridian.it", 170, 0.0)))) == [
        "Web",
        "www.",
        "meridian.it",
    ]
    assert kept(Line((word("W", 0, 0.93), word("www.harborview-engineering.com", 40, 0.09)))) == [
        "W",
        "www.harborview-engineering.com",
    ]
    assert kept(Line((word("Web", 0, 0.96), word("ww.", 80, 0.0), word("meridian", 170, 0.0)))) == ["Web"]
    assert kept(Line((word("E:", 0, 0.92), word("contact", 60, 0.13), word("@acme.es", 200, 0.13)))) == [
        "E:",
        "contact",
        "@acme.es",
    ]
    assert kept(Line((word("Web.", 0, 0.93), word("www_falconnl", 80, 0.17)))) == ["Web.", "www_falconnl"]
    assert kept(Line((word("In", 0, 0.95), word("www", 60, 0.16), word("linkedin.com/in/f", 99, 0.2)))) == [
        "In",
        "www",
        "linkedin.com/in/f",
    ]
    # Tesseract split 'rachel.patel@...' in three
    three = Line(
        (
            word("Email:", 0, 0.96),
            word("rachel.", 90, 0.0),
            word("patel", 200, 0.0),
            word("@acme.com", 300, 0.9),
        )
    )
    assert kept(three) == ["Email:", "rachel.", "patel", "@acme.com"]
    assert kept(Line((word("Website.", 0, 0.75), word("https:/;www.pioneer.ca", 90, 0.1)))) == [
        "Website.",
        "https:/;www.pioneer.ca",
    ]
    # an unsure word that only starts like an address is still noise
    assert kept(Line((word("Web", 0, 0.96), word("wwwx", 80, 0.1), word("@x", 200, 0.1)))) == ["Web"]


def test_auto_reads_only_the_line_of_a_web_address_tesseract_misread_and_adds_its_website(engines):
    def with_websites(lines: list[Line]) -> Extraction:
        found = fake_extract(lines)
        sites = [
            w for line in lines for w in line.words if w.text.startswith("www.") and w.text.endswith(".nl")
        ]
        contact = replace(found.contact, websites=tuple(f"https://{w.text}" for w in sites))
        sources = {**found.sources, **({"websites": tuple(w.box for w in sites)} if sites else {})}
        return Extraction(contact, {**found.confidence, "websites": 0.9}, sources)

    engines["tesseract"].lines = [
        *reading(0.95, "tesseract"),
        words_line("wwwvandenl yerg-part", 0.9, "tesseract", 160),
    ]
    engines["rapidocr"].lines = [words_line("www.vandenberg.nl", 0.97, "rapidocr", 160)]
    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=with_websites)
    assert result.reasons == ("unread_web_address",)
    assert engines["rapidocr"].calls == 1  # the web line alone (no text was skipped: no other region)
    assert result.extraction.contact.websites == ("https://www.vandenberg.nl",)
    assert result.extraction.contact.emails == ("jane.doe@example.com",)  # the rest is Tesseract's


def test_merging_a_second_engine_keeps_the_first_engines_lines_whole() -> None:
    # Tesseract read 'W https://pioneer.fr' as 'W', noise, 'pioneerfr'; the noise filter dropped the middle
    # word, leaving a gap too wide to regroup: the label must stay on its address's line.
    def word(text: str, left: int, top: int = 300, engine: str = "tesseract") -> Word:
        return Word(text, 0.9, Box(left, top, 20 * len(text), 30), engine)

    first = [
        Line((word("Hélène", 0, 100), word("Moreau", 140, 100))),
        Line((word("W", 0), word("pioneerfr", 260))),
    ]
    below = Line((word("Toulouse", 0, 500, "rapidocr"),))
    merged = merge_engine_lines([first, [below]])
    assert [line.text for line in merged] == ["Hélène Moreau", "W pioneerfr", "Toulouse"]
    # A word the second engine read in the gap joins that line.
    gap = Line((word("https://", 60, 300, "rapidocr"),))
    assert [line.text for line in merge_engine_lines([first, [gap]])][1] == "W https:// pioneerfr"


def _dashed_line(card: np.ndarray, top: int, start: int = 40, end: int = 500) -> None:
    for x in range(start, end, 18):  # glyph-like strokes: a line of "text"
        card[top : top + 30, x : x + 10] = 0


def test_a_line_tesseract_read_only_in_part_is_a_weakness_but_a_label_gap_is_not():
    card = np.full((400, 700), 255, np.uint8)
    _dashed_line(card, 200)
    ends_only = [
        Line((Word("E:", 0.9, Box(40, 200, 50, 30)), Word("men-partners.com", 0.9, Box(350, 200, 160, 30))))
    ]
    extraction = Extraction(Contact(name="Jane Doe", company="Example", emails=("jane@example.com",)))
    assert strategy.weaknesses(ends_only, extraction, card) == ("line_partly_read",)
    whole = [Line((Word("E:", 0.9, Box(40, 200, 50, 30)), Word("michael.lumen", 0.9, Box(90, 200, 420, 30))))]
    assert strategy.weaknesses(whole, extraction, card) == ()
    labelled = np.full((400, 700), 255, np.uint8)
    _dashed_line(labelled, 200, 40, 80)  # "T" ... blank ... "+1 617 922 0778"
    _dashed_line(labelled, 200, 300, 500)
    label_and_value = [
        Line((Word("T", 0.9, Box(40, 200, 50, 30)), Word("+16179220778", 0.9, Box(300, 200, 200, 30))))
    ]
    assert strategy.weaknesses(label_and_value, extraction, labelled) == ()


def test_auto_replaces_a_line_read_in_part_by_the_second_engines_reading_of_it(engines):
    card = np.full((400, 700), 255, np.uint8)
    _dashed_line(card, 200)
    engines["tesseract"].lines = [
        words_line("Michael Carter", 0.95, "tesseract", 40),
        words_line("office@lumen-partners.com", 0.95, "tesseract", 100),
        Line(
            (
                Word("E:", 0.9, Box(40, 200, 50, 30), "tesseract"),
                Word("mi", 0.9, Box(100, 200, 30, 30), "tesseract"),
                Word("men-partners.com", 0.9, Box(350, 200, 160, 30), "tesseract"),
            )
        ),
    ]
    crops: list[tuple[int, ...]] = []

    class LineReader(FakeEngine):
        def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
            crops.append(image.shape)
            height = image.shape[0]
            line = Line(
                (
                    Word("E:", 0.9, Box(20, height // 2 - 15, 50, 30), "rapidocr"),
                    Word("michael@lumen-partners.com", 0.9, Box(80, height // 2 - 15, 400, 30), "rapidocr"),
                )
            )
            margin = Line((Word("cut", 0.5, Box(20, 0, 60, 6), "rapidocr"),))  # a neighbour's cut letters
            return [line, margin]

    engines["rapidocr"] = LineReader("rapidocr", [])
    result = strategy.read_with_strategy(card, card, ReadOptions(engine="auto"), extract=fake_extract)
    assert result.reasons == ("line_partly_read",)
    assert len(crops) == 1 and crops[0][1] < 700 and crops[0][0] < 100, "the line, not the whole card"
    texts = [line.text for line in result.lines]
    assert texts == ["Michael Carter", "office@lumen-partners.com", "E: michael@lumen-partners.com"]
    assert result.extraction.contact.emails == ("office@lumen-partners.com", "michael@lumen-partners.com")


def test_auto_reads_only_the_line_of_an_email_tesseract_misread_and_adds_its_email(engines):
    engines["tesseract"].lines = [
        *reading(0.95, "tesseract", email="+1 212 555 0134"),
        words_line("E lorenzo.esposito@solis-trasport..it", 0.9, "tesseract", 160),
    ]
    engines["rapidocr"].lines = [words_line("E lorenzo.esposito@solis-trasporti.it", 0.97, "rapidocr", 160)]

    def with_phone(lines: list[Line]) -> Extraction:
        found = fake_extract([line for line in lines if ".." not in line.text])
        return replace(found, contact=replace(found.contact, phones=(Phone("+12125550134"),)))

    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=with_phone)
    assert result.reasons == ("unread_email_address",)
    assert engines["rapidocr"].calls == 1
    assert result.extraction.contact.emails == ("lorenzo.esposito@solis-trasporti.it",)
    assert result.extraction.contact.name == "Jane Doe"  # the rest is Tesseract's


def test_reading_missed_regions_keeps_tesseracts_lines_whole(engines):
    card = np.full((400, 700), 255, np.uint8)
    _dashed_line(card, 300)  # a line Tesseract returned nothing for
    label_and_site = Line(
        (
            Word("W", 0.9, Box(40, 200, 20, 30), "tesseract"),
            Word("pioneerfr", 0.9, Box(300, 200, 180, 30), "tesseract"),
        )
    )
    engines["tesseract"].lines = [*reading(0.95, "tesseract"), label_and_site]
    engines["rapidocr"].lines = [words_line("Toulouse", 0.97, "rapidocr", 10)]
    result = strategy.read_with_strategy(card, card, ReadOptions(engine="auto"), extract=fake_extract)
    assert result.reasons == ("text_tesseract_missed",)
    assert "W pioneerfr" in [line.text for line in result.lines]


def test_a_missing_name_alone_does_not_ask_the_second_engine(engines):
    """A card without a printed name (a shop's card) is common, and RapidOCR does not find names Tesseract
    missed: a missing name counts only beside another weakness."""
    engines["tesseract"].lines = reading(0.95, "tesseract")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    no_name = fake_extract_without("name")
    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=no_name)
    assert engines["rapidocr"].calls == 0
    assert result.engines == ("tesseract",)
    engines["tesseract"].lines = reading(0.6, "tesseract")  # unsure as well: ask, and say both
    result = strategy.read_with_strategy(BLANK, BLANK, ReadOptions(engine="auto"), extract=no_name)
    assert engines["rapidocr"].calls == 1
    assert {"low_confidence", "no_name"} <= set(result.reasons)


def test_a_missing_name_beside_a_missing_company_on_a_card_with_an_email_asks_nothing():
    fine = Extraction(Contact(emails=("jane@example.com",)))
    assert strategy.worth_a_second_read(("no_name", "no_company"), fine) == ()
    assert strategy.worth_a_second_read(("no_name", "no_company"), Extraction(Contact())) == (
        "no_name",
        "no_company",
    )
    assert strategy.worth_a_second_read(("no_name", "text_tesseract_missed"), fine) == (
        "no_name",
        "text_tesseract_missed",
    )


def test_a_profile_the_reading_of_a_web_address_line_found_is_kept() -> None:
    # held-out generator cards (issue 12): Tesseract read 'linkedin.com/n/aoimorimoto' (no profile), the
    # line's second reading 'www.linkedin.com/in/aoimorimoto'; the crop's other guesses stay out
    card = Extraction(Contact(name="Aoi Morimoto", emails=("amorimoto@halcyon.co.jp",)), {"name": 0.9})
    line = Extraction(
        Contact(name="Linkedin", social={"linkedin": "https://www.linkedin.com/in/aoimorimoto"}),
        {"name": 0.5, "social": 0.9},
    )
    merged = strategy._with_addresses_of(card, line)
    assert merged.contact.social == {"linkedin": "https://www.linkedin.com/in/aoimorimoto"}
    assert merged.contact.name == "Aoi Morimoto"
    assert merged.confidence["name"] == 0.9


def test_the_line_of_a_misread_web_address_is_read_again_across_the_card(engines):
    # Tesseract read 'www.linkedin.com/in/rafaelsiqueira' as 'www.' alone: its box ends where its reading
    # did, and a crop of that box cannot hold the rest of the address.
    card = np.full((400, 700), 255, np.uint8)
    engines["tesseract"].lines = [
        *reading(0.95, "tesseract"),
        Line((Word("www.", 0.9, Box(40, 300, 40, 16), "tesseract"),)),
    ]
    crops: list[tuple[int, ...]] = []

    class StripReader(FakeEngine):
        def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
            crops.append(image.shape)
            return [words_line("www.linkedin.com/in/rafaelsiqueira", 0.97, "rapidocr", 10)]

    engines["rapidocr"] = StripReader("rapidocr", [])
    result = strategy.read_with_strategy(card, card, ReadOptions(engine="auto"), extract=fake_extract)
    assert result.reasons == ("unread_web_address",)
    assert [shape[1] for shape in crops] == [700], "one strip, the card's whole width"
    assert crops[0][0] < 60, "the line's band, not the card"


def test_address_lines_on_one_band_are_read_as_one_strip() -> None:
    boxes = [Box(40, 300, 40, 16), Box(400, 298, 200, 22), Box(40, 350, 300, 20)]
    assert strategy.across_the_card(boxes, 700) == [Box(0, 298, 700, 22), Box(0, 350, 700, 20)]


PROFILE = "unread_profile_address"


def test_the_start_of_a_profile_address_with_no_profile_read_is_a_weakness():
    # linkedin.com/in/thiago-siqueira under glare: Tesseract read 'linked' and 'hiag'
    lines = [*reading(0.95, "tesseract"), words_line("linked hiag", 0.95, "tesseract", 200)]
    contact = Contact(name="Jane Doe", company="Example", emails=("jane.doe@example.com",))
    emails = {"emails": (lines[1].box,)}
    assert strategy.weaknesses(lines, Extraction(contact, sources=emails), BLANK) == (PROFILE,)
    profile = replace(contact, social={"linkedin": "https://linkedin.com/in/thiago-siqueira"})
    assert strategy.weaknesses(lines, Extraction(profile, sources=emails), BLANK) == (), "read already"
    # a line of another network's name is read again for that network's profile only
    github = [*reading(0.95, "tesseract"), words_line("github.com/thiag", 0.95, "tesseract", 200)]
    assert strategy.weaknesses(github, Extraction(profile, sources=emails), BLANK) == (PROFILE,)
    # a word that is also an English word is no sign ('Threads' of a textile firm)
    threads = [*reading(0.95, "tesseract"), words_line("Threads & Yarns", 0.95, "tesseract", 200)]
    assert strategy.weaknesses(threads, Extraction(contact, sources=emails), BLANK) == ()
