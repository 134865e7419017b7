"""Merging two engines' readings: agreement, validation, re-spacing and accents (no images needed)."""

from __future__ import annotations

import pytest

from ocr.combine import adopt_reference_spelling, merge_extractions
from ocr.engines.respace import respace, split_words
from ocr.types import Box, Contact, Extraction, Line, Phone, Word


def line(*texts: str, engine: str = "tesseract", top: int = 10, confidence: float = 0.9) -> Line:
    words, left = [], 10
    for text in texts:
        words.append(Word(text, confidence, Box(left, top, 12 * len(text), 20), engine))
        left += 12 * len(text) + 12
    return Line(tuple(words))


def extraction(confidence: float = 0.8, **fields: object) -> Extraction:
    contact = Contact(**fields)  # type: ignore[arg-type]
    present = [f for f, v in fields.items() if v]
    return Extraction(contact, {f: confidence for f in present})


# ------------------------------------------------------------------------------ agreement


def test_a_value_both_engines_read_is_surer_than_either_alone():
    merged = merge_extractions(
        extraction(0.8, name="Jane Doe"), extraction(0.7, name="JANE DOE", title="Librarian")
    )
    assert merged.contact.name == "Jane Doe"  # Tesseract's spelling
    assert merged.confidence["name"] > 0.8
    assert merged.contact.title == "Librarian"  # only the second engine found it: kept, as sure as it was
    assert merged.confidence["title"] == 0.7
    assert merged.confidence["name"] > merged.confidence["title"]


def test_a_value_the_engines_disagree_on_is_less_sure():
    merged = merge_extractions(extraction(0.8, company="Acme Tools"), extraction(0.7, company="Zenith Labs"))
    assert merged.contact.company == "Acme Tools"
    assert merged.confidence["company"] < 0.8


def test_agreeing_lists_get_a_higher_confidence_than_one_engine_alone():
    both = merge_extractions(
        extraction(0.8, emails=("jane@nypl.org",)), extraction(0.8, emails=("jane@nypl.org",))
    )
    one = merge_extractions(extraction(0.8, emails=("jane@nypl.org",)), extraction(0.8))
    assert both.contact.emails == one.contact.emails == ("jane@nypl.org",)
    assert both.confidence["emails"] > one.confidence["emails"] == 0.8


def test_a_longer_reading_of_the_same_value_wins_when_surer():
    merged = merge_extractions(extraction(0.8, name="Kiichi"), extraction(0.9, name="Kiichi Murata"))
    assert merged.contact.name == "Kiichi Murata"


def test_a_fuller_name_an_email_spells_wins_over_a_surer_part_of_it():
    email = ("emilie.gagnon@riverbend-analytics.ca",)
    merged = merge_extractions(
        extraction(0.96, name="Gagnon"), extraction(0.958, name="Émilie Gagnon", emails=email)
    )
    assert merged.contact.name == "Émilie Gagnon"
    # without an email that spells the rest, the surer reading decides as before
    merged = merge_extractions(extraction(0.96, name="Gagnon"), extraction(0.958, name="Émilie Gagnon"))
    assert merged.contact.name == "Gagnon"


def test_a_corroborated_name_beats_a_more_confident_one():
    merged = merge_extractions(
        extraction(0.9, name="By Appointment", emails=("mark.malvin@dental.com",)),
        extraction(0.8, name="Mark Malvin"),
    )
    assert merged.contact.name == "Mark Malvin"


# ------------------------------------------------------------------------------ validation wins


def test_the_email_that_validates_wins_over_a_misread_one():
    merged = merge_extractions(
        extraction(0.9, emails=("jane.doeQnypl,org",)), extraction(0.6, emails=("jane.doe@nypl.org",))
    )
    assert merged.contact.emails == ("jane.doe@nypl.org",)


def test_the_phone_that_validates_wins_and_a_label_read_beats_the_default_kind():
    merged = merge_extractions(
        extraction(0.9, phones=(Phone("+1212555013", "work"), Phone("+12125550188", "work"))),
        extraction(0.6, phones=(Phone("+12125550134", "work"), Phone("+12125550188", "mobile"))),
    )
    assert {p.number for p in merged.contact.phones} == {"+12125550134", "+12125550188"}
    assert {p.number: p.kind for p in merged.contact.phones}["+12125550188"] == "mobile"


def test_a_phone_and_its_fax_a_digit_apart_only_the_second_engine_read_are_both_kept():
    # Tesseract read neither line; RapidOCR read 'Phone: 650.322.8882' and 'Fax: 650.322.8832'.
    both = (Phone("+16503228882", "work"), Phone("+16503228832", "fax"))
    merged = merge_extractions(extraction(0.9, name="La Jolie"), extraction(0.9, phones=both))
    assert merged.contact.phones == both
    # a value the first engine read too, beside the second engine's misreading of another copy of it
    email = "jane.doe@nypl.org"
    copies = merge_extractions(
        extraction(0.9, emails=(email,)), extraction(0.95, emails=(email, "jane.dae@nypl.org"))
    )
    assert copies.contact.emails == (email,)


def _read(*lines: Line) -> Extraction:
    from ocr.extract import extract_fields

    return extract_fields(list(lines), region="US")


@pytest.mark.parametrize(("tesseract_sure", "kept"), [(0.6, "+12015518085"), (0.99, "+12016616085")])
def test_two_numbers_read_from_one_place_are_one_number_misread(tesseract_sure, kept):
    # A blurred photo: Tesseract read 'M 201-661 6085' where RapidOCR read 'M +1 201-551-8085', two digits
    # apart (below the near-duplicate similarity): one printed number, so only the surer reading is kept.
    tesseract = _read(
        line("Jane", "Doe", top=10), line("M", "201-661-6085", top=60, confidence=tesseract_sure)
    )
    rapid = _read(
        line("Jane", "Doe", top=10, engine="rapidocr"),
        line("M", "+1", "201-551-8085", top=62, engine="rapidocr", confidence=0.97),
    )
    assert {p.number for p in tesseract.contact.phones} == {"+12016616085"}
    merged = merge_extractions(tesseract, rapid)
    assert [p.number for p in merged.contact.phones] == [kept]
    assert set(merged.value_readings["phones"]) == {kept}
    # The engines disagreed: the number kept is less sure than one both engines read alike.
    alike = _read(line("M", "+1", "201-551-8085", top=60, confidence=tesseract_sure))
    assert merged.confidence["phones"] < merge_extractions(alike, rapid).confidence["phones"]


def test_a_web_address_read_two_ways_from_one_place_is_one_address():
    # A dim photo: Tesseract read 'W naicyon.de' where RapidOCR read 'W halcyon.de'; the email elsewhere
    # has nothing to do with it. One printed address: the surer reading is kept, not both.
    tesseract = _read(line("W", "www.naicyon.de", top=60, confidence=0.55))
    rapid = _read(line("W", "www.halcyon.de", top=61, engine="rapidocr", confidence=0.95))
    assert merge_extractions(tesseract, rapid).contact.websites == ("https://www.halcyon.de",)
    # Read from two places, two addresses however alike (neither is dropped for the other).
    apart = _read(line("W", "www.halcyon.de", top=140, engine="rapidocr", confidence=0.95))
    assert set(merge_extractions(tesseract, apart).contact.websites) == {
        "https://www.naicyon.de",
        "https://www.halcyon.de",
    }


def test_an_email_read_with_its_start_lost_is_left_to_the_tail_rule():
    # 'wu@' is the end of 'antony.wu@' read from the same place: the longer reading is the printed one
    # whichever engine was surer (the near-duplicate merge knows tails).
    tesseract = _read(line("E", "antony.wu@adlinktech.com", top=60, confidence=0.7))
    rapid = _read(line("E", "wu@adlinktech.com", top=60, engine="rapidocr", confidence=0.99))
    assert merge_extractions(tesseract, rapid).contact.emails == ("antony.wu@adlinktech.com",)


def test_numbers_a_digit_apart_read_from_two_places_are_both_kept():
    # A phone and its fax a digit apart: Tesseract read the phone's line only, RapidOCR the fax's too.
    tesseract = _read(line("T", "201-555-0115", top=60, confidence=0.6))
    rapid = _read(
        line("T", "201-555-0115", top=60, engine="rapidocr", confidence=0.97),
        line("F", "201-555-0116", top=110, engine="rapidocr", confidence=0.97),
    )
    merged = merge_extractions(tesseract, rapid)
    assert [p.number for p in merged.contact.phones] == ["+12015550115", "+12015550116"]


def test_the_second_engine_adds_no_value_that_does_not_validate():
    merged = merge_extractions(extraction(0.9), extraction(0.9, phones=(Phone("+17193878"),)))
    assert merged.contact.phones == ()
    assert "phones" not in merged.confidence


def test_printed_digits_only_the_second_engine_read_are_kept():
    # No country on the card: neither engine's numbers become E.164; the first read none at all.
    merged = merge_extractions(extraction(0.3), extraction(0.8, phones=(Phone("3124777262", "work"),)))
    assert merged.contact.phones == (Phone("3124777262", "work"),)
    both = merge_extractions(
        extraction(0.3, phones=(Phone("4043704569", "work"),)), extraction(0.8, phones=(Phone("3124777262"),))
    )
    assert both.contact.phones == (Phone("4043704569", "work"),)  # the first reading's digits stay first


def test_one_misread_character_is_one_value_not_two():
    merged = merge_extractions(
        extraction(0.7, websites=("https://www.margiestravel.com",)),
        extraction(0.9, websites=("https://www.margiestrave1.com",)),
    )
    assert len(merged.contact.websites) == 1


def test_a_second_engine_web_address_needs_more_than_a_country_code():
    merged = merge_extractions(
        extraction(0.9, emails=("bc@nethernet.com",)),
        extraction(0.9, websites=("https://diego.ca", "https://www.stanford.edu", "https://nethernet.co")),
    )
    assert merged.contact.websites == ("https://www.stanford.edu",)


# ------------------------------------------------------------------------------ re-spacing and accents


def test_rapidocr_words_take_tesseract_spacing_and_accents():
    tesseract = [line("VIJAY", "CHANDRASEKHAR"), line("Geschäftsführer", top=40)]
    rapid = [
        line("VIJAYCHANDRASEKHAR", engine="rapidocr"),
        line("Geschaftsfuhrer", engine="rapidocr", top=40),
    ]
    fixed = adopt_reference_spelling(rapid, tesseract)
    assert [ln.text for ln in fixed] == ["VIJAY CHANDRASEKHAR", "Geschäftsführer"]
    first, second = fixed[0].words
    assert first.engine == second.engine == "rapidocr"
    assert rapid[0].box.left <= first.box.left < first.box.right <= second.box.left <= rapid[0].box.right


def test_reference_spelling_keeps_the_punctuation_around_a_one_word_match():
    rapid = [line("X:", "@jwilliams", engine="rapidocr"), line("(Zurich)", engine="rapidocr", top=40)]
    fixed = adopt_reference_spelling(rapid, [line("@jwilliams"), line("Zürich", top=40)])
    assert [ln.text for ln in fixed] == ["X: @jwilliams", "(Zürich)"]


def test_reference_spelling_changes_nothing_but_spaces_accents_and_case():
    rapid = [line("Jane", "Doe,", "Ph.D.", engine="rapidocr")]
    fixed = adopt_reference_spelling(rapid, [line("Jone", "Dee")])
    assert fixed[0].text == "Jane Doe, Ph.D."


def test_tesseract_accents_win_when_the_fields_agree_up_to_accents():
    merged = merge_extractions(
        extraction(0.7, title="Geschäftsführer", address="Königstraße 1, 10115 Berlin"),
        extraction(0.9, title="GESCHAFTSFUHRER", address="Konigstraße 1 10115 Berlin"),
    )
    assert merged.contact.title == "Geschäftsführer"
    assert merged.contact.address == "Königstraße 1, 10115 Berlin"


def test_respace_puts_back_dropped_spaces_but_not_inside_addresses():
    assert respace("MARK D.MALVIN,D.M.D.") == "MARK D. MALVIN, D.M.D."
    assert respace("410 S.Craig St.Suite 102") == "410 S. Craig St. Suite 102"
    assert respace("Pittsburgh,PA15213") == "Pittsburgh, PA 15213"
    assert respace("Cell603-555-0178") == "Cell 603-555-0178"
    assert respace("E-mail:jane.doe@nypl.org") == "E-mail: jane.doe@nypl.org"
    for kept in ("jane.doe@nypl.org", "WWW.RAFT.AI", "https://x.com/in/jane", "1,000", "9:30", "+49(0)4921"):
        assert respace(kept) == kept


def test_respace_splits_long_runs_into_common_words_only():
    assert respace("JUNIORSUPPLY CHAINANALYST") == "JUNIOR SUPPLY CHAIN ANALYST"
    assert respace("Geschaftsfuhrer") == "Geschaftsfuhrer"  # not English: left alone


def test_respace_uses_character_gaps():
    text = "JaneDoe"
    tight = [10.0 * i for i in range(len(text))]
    wide = [*tight[:4], *(x + 14 for x in tight[4:])]
    assert [text[a:b] for a, b in split_words(text, tight)] == ["JaneDoe"]
    assert [text[a:b] for a, b in split_words(text, wide)] == ["Jane", "Doe"]


def test_a_capital_that_looks_like_its_small_letter_does_not_start_a_word_unless_the_gap_is_wide():
    def gap_before(index: int, length: int) -> list[float]:  # 1.4 times the pitch before `index`
        return [10.0 * i + (4 if i >= index else 0) for i in range(length)]

    def words(text: str, index: int) -> list[str]:
        return [text[a:b] for a, b in split_words(text, gap_before(index, len(text)))]

    assert words("FranÇois", 4) == ["FranÇois"]
    assert words("SanDiego", 3) == ["San", "Diego"]


def test_tesseract_split_words_are_not_copied():
    rapid = [line("Kiichi", "Murata", engine="rapidocr")]
    assert adopt_reference_spelling(rapid, [line("Kiichi", "M", "urata")])[0].text == "Kiichi Murata"


def test_the_surer_engine_decides_whether_extra_words_belong():
    merged = merge_extractions(
        extraction(0.79, company="THE COUNTER EC"), extraction(0.99, company="THE COUNTER")
    )
    assert merged.contact.company == "THE COUNTER"


def test_a_one_word_name_only_the_second_engine_found_is_noise():
    assert merge_extractions(extraction(0.9), extraction(0.9, name="jo")).contact.name is None
    assert merge_extractions(extraction(0.9), extraction(0.9, name="Jo Lee")).contact.name == "Jo Lee"


def test_social_handles_merge_by_platform():
    merged = merge_extractions(
        extraction(0.8, social={"twitter": "@janedoe"}),
        extraction(0.8, social={"twitter": "@JaneDoe", "linkedin": "https://www.linkedin.com/in/janedoe"}),
    )
    assert merged.contact.social == {"twitter": "@janedoe", "linkedin": "https://www.linkedin.com/in/janedoe"}


def test_of_two_readings_of_a_profile_the_one_built_from_the_name_wins():
    # held-out generator cards (issue 12): Tesseract read 'aocisakamoto' where RapidOCR read the line right
    merged = merge_extractions(
        extraction(0.9, name="Aoi Sakamoto", social={"linkedin": "https://www.linkedin.com/in/aocisakamoto"}),
        extraction(0.8, social={"linkedin": "https://www.linkedin.com/in/aoisakamoto"}),
    )
    assert merged.contact.social == {"linkedin": "https://www.linkedin.com/in/aoisakamoto"}
    # the primary's reading agrees with the name: kept whatever the second engine read
    merged = merge_extractions(
        extraction(0.8, name="Aoi Sakamoto", social={"twitter": "@aoisakamoto"}),
        extraction(0.99, social={"twitter": "@aocisakamoto"}),
    )
    assert merged.contact.social == {"twitter": "@aoisakamoto"}


def test_of_a_handle_and_its_own_start_the_longer_is_the_printed_one():
    # both agree with 'Aarav Banerjee' (a short handle is the given name and the family name's start)
    merged = merge_extractions(
        extraction(0.9, name="Aarav Banerjee", social={"twitter": "@aarav_ban"}),
        extraction(0.8, social={"twitter": "@aarav_bane"}),
    )
    assert merged.contact.social == {"twitter": "@aarav_bane"}
    merged = merge_extractions(
        extraction(0.9, social={"twitter": "@aarav_bane"}), extraction(0.8, social={"twitter": "@aarav_ban"})
    )
    assert merged.contact.social == {"twitter": "@aarav_bane"}
    merged = merge_extractions(  # not a start of the other: the primary's
        extraction(0.9, social={"twitter": "@aarav_bane"}),
        extraction(0.95, social={"twitter": "@aarav_bone"}),
    )
    assert merged.contact.social == {"twitter": "@aarav_bane"}


def test_a_label_the_second_engine_glued_onto_an_email_does_not_replace_the_primarys():
    merged = merge_extractions(
        extraction(0.6, emails=("m.weiss@riverbend.de",)), extraction(0.99, emails=("em.weiss@riverbend.de",))
    )
    assert merged.contact.emails == ("m.weiss@riverbend.de",)
    # without such a label, the surer engine's reading of the same address still wins
    merged = merge_extractions(
        extraction(0.6, emails=("m.weis@riverbend.de",)), extraction(0.99, emails=("m.weiss@riverbend.de",))
    )
    assert merged.contact.emails == ("m.weiss@riverbend.de",)


def test_the_end_of_an_email_read_by_the_second_engine_is_no_second_email():
    merged = merge_extractions(
        extraction(0.9, emails=("soeren.becker@tidewater.de",)),
        extraction(0.9, emails=("becker@tidewater.de",)),
    )
    assert merged.contact.emails == ("soeren.becker@tidewater.de",)
    merged = merge_extractions(
        extraction(0.9, emails=("soeren.becker@tidewater.de",)),
        extraction(0.9, emails=("info@tidewater.de",)),
    )
    assert merged.contact.emails == ("soeren.becker@tidewater.de", "info@tidewater.de")


def test_a_misread_website_beside_the_one_an_email_confirms_is_dropped():
    merged = merge_extractions(
        extraction(0.9, websites=("https://wwoakker.ni",)),
        extraction(0.9, emails=("thijs@bakker.nl",), websites=("https://www.bakker.nl",)),
    )
    assert merged.contact.websites == ("https://www.bakker.nl",)
    merged = merge_extractions(
        extraction(0.9, websites=("https://www.granite.nl",)),
        extraction(0.9, emails=("thijs@bakker.nl",), websites=("https://www.bakker.nl",)),
    )
    assert merged.contact.websites == ("https://www.granite.nl", "https://www.bakker.nl")


def test_a_website_one_engine_read_without_its_start_becomes_the_email_domain():
    merged = merge_extractions(
        extraction(0.9, websites=("https://partner.es",)),
        extraction(0.9, emails=("ssanchez@gomez-partner.es",)),
    )
    assert merged.contact.websites == ("https://gomez-partner.es",)


def test_the_whole_value_replaces_the_primarys_reading_of_only_its_end():
    merged = merge_extractions(
        extraction(0.9, websites=("https://moebelbau.de",)),
        extraction(0.8, websites=("https://www.apex-moebelbau.de",)),
    )
    assert merged.contact.websites == ("https://www.apex-moebelbau.de",)
    merged = merge_extractions(
        extraction(0.9, emails=("becker@tidewater.de",)),
        extraction(0.8, emails=("soeren.becker@tidewater.de",)),
    )
    assert merged.contact.emails == ("soeren.becker@tidewater.de",)
    # a label glued on is not a longer address ('em.weiss@' for 'm.weiss@')
    merged = merge_extractions(
        extraction(0.9, emails=("m.weiss@tidewater.de",)),
        extraction(0.8, emails=("e.m.weiss@tidewater.de",)),
    )
    assert merged.contact.emails == ("m.weiss@tidewater.de",)


def test_a_website_cut_off_inside_an_email_domain_is_that_domain_but_a_parent_domain_is_not():
    merged = merge_extractions(
        extraction(0.9, emails=("noah@oakridge.ca",), websites=("https://dge.ca",)),
        extraction(0.9, websites=("https://oakridge.ca",)),
    )
    assert merged.contact.websites == ("https://oakridge.ca",)
    merged = merge_extractions(
        extraction(0.9, emails=("noah@shop.oakridge.ca",), websites=("https://oakridge.ca",)),
        extraction(0.9, websites=("https://shop.oakridge.ca",)),
    )
    assert merged.contact.websites == ("https://oakridge.ca", "https://shop.oakridge.ca")
    merged = merge_extractions(
        extraction(0.9, websites=("https://iverbend.de",)),
        extraction(0.9, emails=("jb@riverbend.de",)),
    )
    assert merged.contact.websites == ("https://riverbend.de",)


def test_the_reading_with_the_punctuation_wins_when_that_is_all_the_engines_disagree_on():
    merged = merge_extractions(
        extraction(0.86, emails=("lachlan_smith@meridian.com.au",)),
        extraction(0.99, emails=("lachlansmith@meridian.com.au",)),
    )
    assert merged.contact.emails == ("lachlan_smith@meridian.com.au",)
    merged = merge_extractions(
        extraction(0.87, emails=("owilson@roy-partner.ca",)),
        extraction(0.95, emails=("o.wilson@roy-partner.ca",)),
    )
    assert merged.contact.emails == ("o.wilson@roy-partner.ca",)
    # only in the local part: a hyphen in a domain may be a line break read as one
    merged = merge_extractions(
        extraction(0.24, emails=("noah@oakri-dge.ca",)),
        extraction(0.98, emails=("noah@oakridge.ca",)),
    )
    assert merged.contact.emails == ("noah@oakridge.ca",)


def test_a_value_both_engines_read_is_not_replaced_by_the_second_engines_misread_copy():
    # The second engine read the line twice (two crops), once right and once with an h read as b.
    primary = extraction(0.8, emails=("jmahon@marshall.yk.com",))
    secondary = extraction(0.95, emails=("jmahon@marshall.yk.com", "jmabon@marshall.yk.com"))
    assert merge_extractions(primary, secondary).contact.emails == ("jmahon@marshall.yk.com",)


def test_a_period_only_the_second_engine_read_stays_in_the_company() -> None:
    from ocr.combine import with_periods_of

    assert with_periods_of("MR FOODLER", "MR.FOODLER") == "MR. FOODLER"
    assert with_periods_of("A.B.C GmbH", "ABC GmbH") == "A.B.C GmbH"
    assert with_periods_of("ABC GmbH", "A.B.C GmbH") == "ABC GmbH"  # no space to put it before
    assert with_periods_of("Acme Inc", "Acme Inc.") == "Acme Inc"  # a trailing period says nothing


def test_a_value_both_engines_read_takes_the_accents_only_one_of_them_has():
    # Tesseract's reading found no country, so nothing restored its accents; the second reading did.
    merged = merge_extractions(
        extraction(0.8, name="Lena Schroder", company="RIVERBEND GEBAUDETECHNIK KG"),
        extraction(0.8, name="LENA SCHRÖDER", company="Riverbend Gebäudetechnik KG"),
    )
    assert merged.contact.name == "Lena Schröder"  # Tesseract's case, the accent read by the other
    assert merged.contact.company == "RIVERBEND GEBÄUDETECHNIK KG"
    kept = merge_extractions(extraction(0.8, name="José Weiss"), extraction(0.8, name="Jose Weiß"))
    assert kept.contact.name == "José Weiss"  # a word with accents of its own, a different length: as read


@pytest.mark.parametrize("second_engine_confidence", [0.6, 0.95])
def test_of_two_readings_of_an_email_the_one_spelling_the_cards_name_wins(second_engine_confidence):
    name, printed, misread = "Alyssa Castillo", "a.castillo@ostrava.com", "a.castilo@ostrava.com"
    for first, second in ((printed, misread), (misread, printed)):
        merged = merge_extractions(
            extraction(0.7, name=name, emails=(first,)),
            extraction(second_engine_confidence, name=name, emails=(second,)),
        )
        assert merged.contact.emails == (printed,)
