"""The company against the rest of the card: its legal form, the email/web domain, and what is not it."""

from __future__ import annotations

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.extract.choose import abbreviates
from ocr.extract.companies import company_score, domain_agreement, legal_suffix
from ocr.extract.company_domain_name import completed_from_domain, last_word_completed
from ocr.extract.company_repair import repair_company
from ocr.extract.department import department_score
from ocr.extract.web import company_domain, is_webmail_as_read, registrable_domain
from ocr.types import Box, Word


def contact(rows: list[str], region: str = "US"):
    return extract_fields(make_lines(rows), region=region, labeller=None).contact


def test_a_line_with_a_legal_form_is_the_company_not_the_title() -> None:
    c = contact(["NEPRA Resource Management Pvt. Ltd.", "206, Kalasagar Mall", "E info@nepra.co.in"], "IN")
    assert (c.title, c.company) == (None, "NEPRA Resource Management Pvt. Ltd.")


@pytest.mark.parametrize(
    "line",
    [
        "阿斯利康香港有限公司",
        "株式会社ニュービーズ",
        "ニュービーズ株式会社",
        "삼성전자 주식회사",
        "Acme Sdn. Bhd.",
        "Tatra s.r.o.",
    ],
)
def test_legal_forms_of_more_countries(line: str) -> None:
    assert legal_suffix(line)


@pytest.mark.parametrize("line", ["有限公司", "Ola og Kari", "Private Banking"])
def test_a_legal_form_alone_or_an_ordinary_word_is_none(line: str) -> None:
    assert not legal_suffix(line)


def test_a_legal_abbreviation_gets_back_the_period_read_as_a_comma() -> None:
    assert repair_company("Newbees co,, Ltd.", [], "newbees.jp") == "Newbees co., Ltd."
    assert repair_company("Smith,, Jones", [], None) == "Smith,, Jones"  # no legal form: left as read


def test_the_domain_name_before_a_comma_is_cut_from_what_follows() -> None:
    assert repair_company("Prasang Presidency, R.C.T.", [], "prasangpresidency.com") == "Prasang Presidency"
    assert repair_company("Securics, Inc.", [], "securics.com") == "Securics, Inc."  # a legal form stays
    assert repair_company("Harbour, Quay Street", [], "example.com") == "Harbour, Quay Street"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("cww.saimedha.com", "saimedha.com"),
        ("www.nypl.org", "nypl.org"),
        ("blaiklock.uk.com", "blaiklock.uk.com"),
        ("shop.acme.co.uk", "shop.acme.co.uk"),
        ("nepra.co.in", "nepra.co.in"),
    ],
)
def test_the_registrable_domain_drops_only_a_www_or_its_misreading(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected


def test_the_company_domain_prefers_the_email_domain_a_website_contains() -> None:
    emails = ["gm@prasangpresidency.com"]
    assert company_domain(emails, ["https://mail-prasangpresidency.com"]) == "prasangpresidency.com"
    assert company_domain(["a@acme.com"], ["https://www.acme-shop.de"]) == "acme.com"
    assert company_domain(["a@nepra.co.in"], ["https://www.letsrecycle.in"]) == "letsrecycle.in"
    assert company_domain(["shop@gmail.com"], []) == "shop.gmail.com"


def test_one_word_that_is_the_whole_domain_name_is_the_firm_not_a_person() -> None:
    c = contact(["#60 SAIMEDHA", "Since 1994", "www.saimedha.com", "saimedha.r@gmail.com"], "IN")
    assert (c.name, c.company) == (None, "SAIMEDHA")


def test_digits_a_logo_prints_apart_come_from_the_domain() -> None:
    rows = ["#40 Nehaal Fakih", "SPRINGBOARD", "nehaal@91springboard.com", "www.91springboard.com"]
    c = contact(rows, "IN")
    assert c.company == "91 SPRINGBOARD"


def test_a_lower_case_scrap_is_no_department_but_capital_initials_are() -> None:
    assert department_score("hr") == 0
    assert department_score("HR") > 0


def test_chief_officer_acronyms_are_titles() -> None:
    c = contact(["#40 Fedor Khodiukov", "CAO, Business Development", "Hotheads Ltd", "fk@hotheads.com"])
    assert (c.title, c.department) == ("CAO, Business Development", None)


def test_the_fuller_reading_of_a_department_wins() -> None:
    rows = [
        "#80 STANFORD",
        "Electrical ENGINEERING",
        "#50 ENGINEERING",
        "#40 Vijay Chandra",
        "v@stanford.edu",
    ]
    assert contact(rows).department == "Electrical ENGINEERING"


def test_a_unit_named_group_is_the_department_when_another_line_is_the_firm() -> None:
    rows = ["#40 Hetal Shah", "Head - Sales", "Cloud Solutions Group", "Redington (India) Ltd."]
    c = contact(rows, "IN")
    assert (c.department, c.company) == ("Cloud Solutions Group", "Redington (India) Ltd.")
    # alone, a name ending in 'Group' may be the firm itself
    assert contact(["#40 Jane Doe", "Sales Manager", "Tata Group"], "IN").department is None


def test_a_title_with_the_unit_it_heads_and_the_unit_continued_below() -> None:
    rows = [
        "#40 Antony Wu",
        "Sr. Director Edge Visualization BU",
        "Industrial Display & Systems Business Center",
        "ADLINK Technology, Inc.",
    ]
    c = contact(rows, "TW")
    assert (c.title, c.department, c.company) == (
        "Sr. Director",
        "Edge Visualization BU, Industrial Display & Systems Business Center",
        "ADLINK Technology, Inc.",
    )
    # a field of work after the title, or a unit the title names with 'of', is still the title's
    assert contact(["#40 Jane Doe", "Director of Operations"]).title == "Director of Operations"
    assert contact(["#40 Jane Doe", "Head of Cloud Group", "Acme Ltd"]).title == "Head of Cloud Group"


def test_a_website_in_camel_case_gives_the_words_a_logo_printed() -> None:
    printed = ["NAIL", "SPA", "www.LaJolieNailSpa.com"]
    assert completed_from_domain("NAIL SPA", "lajolienailspa.com", printed) == "La Jolie NAIL SPA"
    # without CamelCase nothing says where the domain's words begin
    assert completed_from_domain("NAIL SPA", "lajolienailspa.com", ["www.lajolienailspa.com"]) == "NAIL SPA"


def test_the_domains_remaining_letters_are_added_when_the_card_prints_them_as_a_word() -> None:
    printed = ["Patnagar", "All", "Flower", "Decorators"]
    domain = "patnagarflowers.gmail.com"
    assert completed_from_domain("Patnagar", domain, printed) == "Patnagar Flowers"
    assert completed_from_domain("Patnagar", domain, ["Patnagar", "Decorators"]) == "Patnagar"
    assert completed_from_domain("Acme", "acme.com", ["Acme"]) == "Acme"
    # the kind of place is no part of its name
    assert completed_from_domain("Di Mario", "dimariorestaurante.gmail.com", ["RESTAURANTE"]) == "Di Mario"


def test_a_name_printed_on_two_lines_with_a_word_cut_short_in_the_domain() -> None:
    assert abbreviates(["SOFTWARE", "MAESTRO"], "swmaestro")
    assert not abbreviates(["Royal", "Bank", "Canada"], "rbc")  # no word whole: initials say too little
    assert not abbreviates(["Blue", "Stone"], "bluestone")  # whole words: the plain join rule's case
    rows = ["#40 SOFTWARE", "#40 MAESTRO", "#50 Hyunseung Jeon", "dogdriip@gmail.com", "www.swmaestro.org"]
    assert contact(rows, "KR").company == "SOFTWARE MAESTRO"


def test_a_line_that_only_says_what_kind_of_place_it_is_names_no_company() -> None:
    c = contact(["#40 Segunda à Sábado", "RESTAURANTE", "Av. Paulista 1000", "contato@gmail.com"], "BR")
    assert c.company is None


def read(text: str, confidence: float) -> list[Word]:
    return [Word(t, confidence, Box(100 + 200 * i, 50, 180, 40)) for i, t in enumerate(text.split())]


def test_a_word_one_letter_from_a_word_of_the_domain_takes_its_spelling_when_read_less_surely() -> None:
    domain = "sripad_ind2000.yahoo.com"
    assert repair_company("SPIPAD INDUSTRIES", read("SPIPAD INDUSTRIES", 0.84), domain, 0.96) == (
        "SRIPAD INDUSTRIES"
    )
    # an email misread by a letter does not respell a word OCR was surer of
    domain = "tidewater-maschinendau.de"
    words = read("TIDEWATER MASCHINENBAU GMBH", 0.96)
    assert repair_company("TIDEWATER MASCHINENBAU GMBH", words, domain, 0.57) == "TIDEWATER MASCHINENBAU GMBH"
    # a plural is no misreading
    assert repair_company("Blue Stones", read("Blue Stones", 0.5), "blue-stone.com", 0.96) == "Blue Stones"
    # an umlaut the domain spells out (ö -> oe) is no misreading: the accents pass gives the dots back
    words = read("BACKEREI SCHRODER", 0.6)
    assert repair_company("BACKEREI SCHRODER", words, "schroeder.de", 0.96) == "BACKEREI SCHRODER"
    assert contact(["BACKEREI SCHRODER", "Jürgen Groß", "jgross@schroeder.de"], "DE").company == (
        "BÄCKEREI SCHRÖDER"
    )
    assert domain_agreement("SPIPAD INDUSTRIES", "sripad_ind2000.yahoo.com") > 0


def test_a_misread_webmail_domain_is_no_company_domain() -> None:
    assert is_webmail_as_read("yaho0.com") and is_webmail_as_read("gmail.com")
    assert not is_webmail_as_read("nepra.co.in")
    assert company_domain(["sripad_ind2000@yaho0.com"], []) == "sripad_ind2000.yaho0.com"


def test_a_service_list_is_no_company_even_when_the_domain_shares_a_word() -> None:
    service_list = "Com. de pecas para Lavadoras e Refrig. Em Geral"
    assert company_score(service_list, 1.1, "liderfriorefrigeracao.com.br", 0.2) < 1.2
    long_firm = "Hindustan Aeronautics and Engineering Services Private Limited"
    assert company_score(long_firm, 1.1, None, 0.2) >= 1.2


def test_a_logo_read_with_letters_wrong_takes_the_domain_s_spelling() -> None:
    c = contact(["#60 LTDER FRTS", "Joao Silva", "Gerente Comercial", "joao@liderfrio.com.br"], "BR")
    assert c.company == "LIDER FRIO"


def test_a_logo_on_two_lines_after_another_column_s_line_is_joined_and_respelled() -> None:
    rows = ["#60 PRASAN   Uttam Maity", "   General Manager", "#40 RESIDENCY", "gm@prasangpresidency.com"]
    assert contact(rows, "IN").company == "PRASANG PRESIDENCY"


def test_the_unit_under_a_name_that_is_the_domain_s_belongs_to_the_company() -> None:
    rows = [
        "#48 STANFORD",
        "#32 COMPUTER FORUM",
        "Tomokazu Murakami",
        "Visiting Scholar",
        "tmurakam@stanford.edu",
    ]
    assert contact(rows).company == "STANFORD COMPUTER FORUM"
    tagline = ["#48 ACME", "#32 BUILT TO LAST", "Jane Doe", "Sales Manager", "jane@acme.com"]
    assert contact(tagline).company == "ACME"


def test_a_name_the_domain_abbreviates_as_its_start_and_initials_takes_the_line_under_it() -> None:
    # 'INTERWORLD' over 'FREIGHT' beside interwf.com, with a second word that is no organisation word.
    rows = ["Fabio Rojas", "TLD Manager", "frojas@skylih.com", "#40 SKYLINE", "#40 HARBOUR"]
    assert contact(rows).company == "SKYLINE HARBOUR"


def test_a_logo_mark_read_as_a_short_word_beside_the_name_is_no_part_of_it() -> None:
    words = [*read("Lumen Analytics LLP", 0.95), Word("Oo", 0.7, Box(800, 20, 150, 150))]
    assert repair_company("Lumen Analytics LLP Oo", words, "lumen.in", 0.96) == "Lumen Analytics LLP"
    # a short last word in the type's own size stays ('Acme Tools Co')
    words = read("Acme Tools Co", 0.95)
    assert repair_company("Acme Tools Co", words, None, 0.0) == "Acme Tools Co"


def test_a_known_function_then_a_word_for_a_unit_is_a_department() -> None:
    assert department_score("R&D Center") > 0
    assert department_score("Sales Office") > 0
    assert department_score("Data Center") == 0  # no function the lexicon knows
    c = contact(
        ["Yui Kobayashi", "Lead Data Scientist", "R&D Center", "Kestrel Analytics", "yui@kestrel.co.jp"]
    )
    assert (c.department, c.company) == ("R&D Center", "Kestrel Analytics")


def test_a_last_word_cut_short_is_finished_from_the_domain_that_ends_in_it() -> None:
    assert completed_from_domain("Verdant Logisti", "verdant-logistics.de", []) == "Verdant Logistics"
    assert completed_from_domain("BRIGHTWATER ROBOT", "brightwaterrobotics.de", []) == "BRIGHTWATER ROBOTICS"
    # a word the line lacks is no cut end, nor are more than three letters
    assert completed_from_domain("Verdant", "verdant-ai.de", []) == "Verdant"
    assert completed_from_domain("Verdant Log", "verdant-logistics.de", []) == "Verdant Log"
    # the domain's word goes on past the line's last word: 'Logistics' is not 'Logisticsgroup'
    assert completed_from_domain("Verdant Logistics", "verdant-logisticsgroup.de", []) == "Verdant Logistics"


def test_a_last_word_cut_short_is_finished_by_the_one_longer_word_the_card_prints() -> None:
    # The second engine's box cut 'securities' in a logo; the card prints the word whole on another line.
    assert last_word_completed("HDFC securi", ["a", "HDFC", "securi", "securities"]) == "HDFC securities"
    assert last_word_completed("HDFC SECURI", ["SECURITIES"]) == "HDFC SECURITIES"
    # a word, an abbreviation with its dot, or two ways to finish it: left as printed
    assert last_word_completed("Acme Tech", ["Technology"]) == "Acme Tech"
    assert last_word_completed("Acme Intl.", ["International"]) == "Acme Intl."
    assert last_word_completed("Lumen Analyti", ["Analytics", "Analytical"]) == "Lumen Analyti"
    # nothing longer printed, or the longer word is no word either
    assert last_word_completed("Lumen Analyti", ["Lumen"]) == "Lumen Analyti"
    assert last_word_completed("Quarry Partnr", ["Partnrx"]) == "Quarry Partnr"


def test_a_company_cut_short_in_a_logo_is_read_whole_from_the_line_that_prints_it() -> None:
    rows = ["HDFC securi", "securities", "Pankaj B. Patel", "pankaj.patel@hdfcsec.com", "www.hdfcsec.com"]
    assert contact(rows, "IN").company == "HDFC securities"
