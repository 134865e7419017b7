"""Postal addresses across lines, joined into one line."""

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields


def address(rows, region="US"):
    return extract_fields(make_lines(rows), region=region).contact.address


@pytest.mark.parametrize(
    ("rows", "region", "expected"),
    [
        (["476 Fifth Avenue", "New York, NY 10018"], "US", "476 Fifth Avenue, New York, NY 10018"),
        (
            ["1867 Austin Bluffs Pkwy, Ste 200", "Colorado Springs, CO 80918"],
            "US",
            "1867 Austin Bluffs Pkwy, Ste 200, Colorado Springs, CO 80918",
        ),
        (
            ["17 Comstock Circle", "Apt 101", "Stanford, CA 94305"],
            "US",
            "17 Comstock Circle, Apt 101, Stanford, CA 94305",
        ),
        (
            ["Address: 250 Yonge Street, Suite 2201", "Toronto, ON M5B 2L7", "Canada"],
            "CA",
            "250 Yonge Street, Suite 2201, Toronto, ON M5B 2L7, Canada",
        ),
        (
            ["53-65 White House Road", "Ipswich", "Suffolk", "IP1 5PB"],
            "GB",
            "53-65 White House Road, Ipswich, Suffolk, IP1 5PB",
        ),
        (["Förrlibuckstrasse 181", "CH-8001 Zürich"], "CH", "Förrlibuckstrasse 181, CH-8001 Zürich"),
        (["Fritz-Liebsch-Str. 3 · D-26723 Emden"], "DE", "Fritz-Liebsch-Str. 3, D-26723 Emden"),
        (["Hauptstraße 5", "80331 München"], "DE", "Hauptstraße 5, 80331 München"),
        (["12, rue de la Paix", "75002 Paris", "France"], "FR", "12, rue de la Paix, 75002 Paris, France"),
        (
            ["Level 5, 120 Collins Street", "Melbourne VIC 3000"],
            "AU",
            "Level 5, 120 Collins Street, Melbourne VIC 3000",
        ),
        (["Madrid, Spain"], "ES", "Madrid, Spain"),
    ],
)
def test_addresses(rows, region, expected):
    card = ["#40 Jane Doe", "Manager", *rows, "jane@example.com"]
    assert address(card, region) == expected


def test_lines_of_another_column_neither_join_nor_break_the_address():
    rows = ["Office Hours   410 S. Craig St. Suite 102", "By Appointment   Pittsburgh, PA 15213"]
    assert address(rows) == "410 S. Craig St. Suite 102, Pittsburgh, PA 15213"


def test_phone_and_email_lines_are_not_part_of_the_address():
    rows = ["476 Fifth Avenue", "New York, NY 10018", "T (212) 555-0134", "jane@nypl.org"]
    assert address(rows) == "476 Fifth Avenue, New York, NY 10018"


def test_no_address_without_a_street_postcode_or_country():
    assert address(["#40 Jane Doe", "Reference Librarian", "New York Public Library"]) is None


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["Am Mühlbach 2", "10117 Berlin"], "Am Mühlbach 2, 10117 Berlin"),
        (["Coolsingel 35", "3011 AD Rotterdam"], "Coolsingel 35, 3011 AD Rotterdam"),
        (["Rua Augusta, 98", "4700-435 Braga"], "Rua Augusta, 98, 4700-435 Braga"),
        (
            ["5F Shinjuku Yawaragi Bldg., 5-6-1 Shinjuku", "Shinjuku, Tokyo, 160-0022"],
            "5F Shinjuku Yawaragi Bldg., 5-6-1 Shinjuku, Shinjuku, Tokyo, 160-0022",
        ),
    ],
)
def test_more_street_and_postcode_forms(rows, expected):
    assert address(["#40 Jane Doe", "Manager", *rows]) == expected


def test_a_tagline_is_not_pulled_into_the_address():
    rows = [
        "Building better futures",
        "#40 Sophie Wilson",
        "Product Manager",
        "5533 Boulevard René-Lévesque",
        "Toronto, ON M5V 2T6",
    ]
    assert address(rows) == "5533 Boulevard René-Lévesque, Toronto, ON M5V 2T6"


def test_a_year_in_a_slogan_is_no_postcode():
    assert address(["Seit 1952 in Familienhand", "#40 Jürgen Hoffmann"]) is None


def test_a_canadian_postcode_with_a_letter_read_for_a_digit_is_repaired_and_joins_the_address():
    assert address(["7096 King Street West", "Toronto, ON MSV 2T6"], region="CA") == (
        "7096 King Street West, Toronto, ON M5V 2T6"
    )
    # words after a province-like 'ON' that cannot be a postcode are left alone
    # (the line still names Toronto, a Canadian city: it stays in the address, as printed)
    assert address(["7096 King Street West", "Toronto, ON THE 5TH"], region="CA") == (
        "7096 King Street West, Toronto, ON THE 5TH"
    )


def test_a_logo_word_in_bigger_type_on_an_address_line_stays_out_of_the_address():
    from ocr.types import Box, Line, Word

    def word(text: str, left: int, top: int, height: int) -> Word:
        return Word(text, 0.95, Box(left, top, len(text) * height * 6 // 10, height))

    lines = [
        Line(
            (
                word("9705", 580, 380, 32),
                word("NW", 680, 380, 32),
                word("108", 750, 380, 32),
                word("Ave", 840, 380, 32),
            )
        ),
        Line(
            (
                word("INTERWORLD", 280, 428, 44),
                word("Miami,", 585, 432, 32),
                word("FL", 700, 432, 32),
                word("33178", 760, 432, 32),
            )
        ),
        Line((word("FREIGHT", 195, 476, 34), word("USA", 586, 478, 28))),
    ]
    found = extract_fields(lines, region="US").contact.address
    assert found == "9705 NW 108 Ave, Miami, FL 33178, USA"


def test_a_city_and_state_line_joins_the_street_above():
    found = address(["Av. Cangaíba, 2341", "Sao Paulo, SP"], region="BR")
    assert found == "Av. Cangaíba, 2341, São Paulo, SP"
    # alone it is no address
    assert address(["Sao Paulo, SP"], region="BR") is None


def test_an_accent_that_makes_a_word_taller_does_not_split_the_line():
    from ocr.types import Box, Line, Word

    line = Line(
        (
            Word("BUFETE", 0.92, Box(79, 359, 292, 45)),
            Word("FERNÁNDEZ", 0.96, Box(409, 344, 462, 57)),
        )
    )
    rows = [line, *make_lines(["#40 Raúl Sánchez", "raul.sanchez@fernandezlaw.es"])]
    assert extract_fields(rows, region="ES").contact.company == "BUFETE FERNÁNDEZ"


def test_an_address_block_in_the_cards_country_format_is_read_whole():
    # India: a building, a landmark ('Nr'), the city with its PIN printed '380 009', state and country.
    rows = [
        "Adani Group",
        "Adani House",
        "Nr Mithakhali Circle, Navrangpura",
        "Ahmedabad 380 009",
        "Gujarat, India",
    ]
    assert address(rows, region=None) == (
        "Adani House, Nr Mithakhali Circle, Navrangpura, Ahmedabad 380 009, Gujarat, India"
    )
    # A PIN glued to its city by a hyphen, and a floor: Indian shop addresses without a country line.
    assert address(
        ["GF/1, CENTER PLAZA", "OPP. SARTHAK SCHOOL", "GHATLODIYA, AHMEDABAD-380061"], region="IN"
    ) == ("GF/1, CENTER PLAZA, OPP. SARTHAK SCHOOL, GHATLODIYA, AHMEDABAD-380061")
    # The UK: a numbered street line, an area line between it and the postcode line.
    assert address(["76/78 Upper Ground", "South Bank", "London SE1 9PZ"], region=None) == (
        "76/78 Upper Ground, South Bank, London SE1 9PZ"
    )


def test_a_company_named_after_its_city_stays_out_of_the_address():
    rows = [
        "PERBADANAN PUTRAJAYA",
        "Kompleks Perbadanan Putrajaya",
        "24, Persiaran Perdana, Presint 3",
        "62675 Putrajaya, Malaysia",
    ]
    assert address(rows, region=None) == (
        "Kompleks Perbadanan Putrajaya, 24, Persiaran Perdana, Presint 3, 62675 Putrajaya, Malaysia"
    )


def test_a_city_with_its_state_code_but_no_dash_joins_the_block():
    # 'Porto Alegre - RS' with the dash lost by OCR: the ISO code of a subdivision of the card's country
    rows = ["Rua das Laranjeiras, 205", "Moinhos de Vento, Porto Alegre RS", "90570-010"]
    assert (
        address(rows, region="BR") == "Rua das Laranjeiras, 205, Moinhos de Vento, Porto Alegre RS, 90570-010"
    )


def test_south_asian_street_words_start_the_block():
    rows = ["Flat 13, Sai Residency, 14th Cross", "Madhapur", "Hyderabad, Telangana 500081", "India"]
    assert address(rows, region="IN") == (
        "Flat 13, Sai Residency, 14th Cross, Madhapur, Hyderabad, Telangana 500081, India"
    )


def test_a_german_street_with_its_sharp_s_misread_starts_the_block():
    for street in ("Friedrichstrafe 162", "FriedrichstraBe 162"):
        assert (
            address([street, "60311 Frankfurt am Main"], region="DE") == f"{street}, 60311 Frankfurt am Main"
        )


def test_a_year_in_a_slogan_does_not_start_an_address_block_of_a_four_digit_postcode_country():
    # Australian postcodes have four digits, like a year: the slogan must not start the address block
    # and pull the name and title between it and the street into it.
    rows = [
        "Quality since 1987",
        "#40 Riley Anderson",
        "Senior Software Engineer",
        "111 George Street",
        "Brisbane QLD 4000",
    ]
    assert address(rows, region="AU") == "111 George Street, Brisbane QLD 4000"


def test_a_street_printed_without_its_number_joins_the_block():
    # South Asian addresses name roads without a number; only beside the block's other lines.
    rows = [
        "12/3, Lotus Complex",
        "Near City Hospital",
        "Station Road, Ring Road",
        "Navrangpura, Ahmedabad-380009",
    ]
    assert address(rows, region="IN") == (
        "12/3, Lotus Complex, Near City Hospital, Station Road, Ring Road, Navrangpura, Ahmedabad-380009"
    )
    assert address(["#40 Jane Doe", "Station Road"], region="IN") is None


def test_a_house_number_in_several_groups_starts_the_block():
    rows = ["2-14-118, Kothapet Main", "Near Bus Depot, Hyderabad-500 035"]
    assert address(rows, region="IN") == "2-14-118, Kothapet Main, Near Bus Depot, Hyderabad-500 035"


def test_a_city_and_its_postcode_are_an_address_when_the_country_is_not_known():
    rows = ["#40 Jane Doe", "Manager", "B/4, Lotus Complex, Opp. Town Hall", "Ahmedabad 380009. Ph."]
    assert address(rows, region=None) == "B/4, Lotus Complex, Opp. Town Hall, Ahmedabad 380009"


def test_a_country_then_its_city_is_an_address():
    assert address(["#40 Jane Doe", "Manager", "Cyprus, Limassol"], region=None) == "Cyprus, Limassol"


def test_a_licence_number_is_no_postcode():
    rows = [
        "#40 Jane Doe",
        "Insurance Agent   lic. OD70252",
        "3125 Middlefield Road",
        "Redwood City, CA 94063",
    ]
    assert address(rows) == "3125 Middlefield Road, Redwood City, CA 94063"


def test_lines_far_above_the_address_are_not_part_of_it():
    rows = [
        "6S ACME",
        "HOSPITALITY",
        "",
        "",
        "",
        "",
        "Acme House, Station Road",
        "Navrangpura, Ahmedabad-380009",
    ]
    assert address(rows, region="IN") == "Acme House, Station Road, Navrangpura, Ahmedabad-380009"


def test_a_firm_named_before_the_street_stays_the_company_too():
    # The firm's domain says the head of the address line is the firm (it is also the address's first part).
    rows = [
        "#40 Jane Doe",
        "General Manager",
        "Lotus Residency, Station Road",
        "Navrangpura, Ahmedabad-380009",
        "jane@lotusresidency.com",
    ]
    contact = extract_fields(make_lines(rows), region=None).contact
    assert contact.address == "Lotus Residency, Station Road, Navrangpura, Ahmedabad-380009"
    assert contact.company == "Lotus Residency"


def test_a_second_address_below_a_whole_one_is_left_out():
    rows = [
        "#40 Jane Doe",
        "Rua das Flores, 400, Sala 7",
        "Centro, Curitiba - PR, 80010-020",
        "Rua XV de Novembro, 110",
        "Batel, Curitiba - PR, 80420-010",
    ]
    assert address(rows, region="BR") == "Rua das Flores, 400, Sala 7, Centro, Curitiba - PR, 80010-020"


def test_a_street_and_its_number_read_as_two_lines_are_one_line():
    from ocr.types import Box, Line, Word

    lines = [
        *make_lines(["#40 Jane Doe"]),
        Line((Word("Lindenallee", 0.93, Box(100, 240, 176, 24)),)),
        Line((Word("101", 0.93, Box(285, 238, 42, 24)),)),
        Line((Word("20095", 0.93, Box(100, 280, 80, 24)), Word("Hamburg", 0.93, Box(190, 280, 110, 24)))),
    ]
    assert extract_fields(lines, region="DE").contact.address == "Lindenallee 101, 20095 Hamburg"


def test_a_uk_postcode_with_a_letter_read_for_a_digit_is_repaired():
    assert address(["113 High Street", "London ECIA 1BB"], region="GB") == "113 High Street, London EC1A 1BB"


def test_a_postcode_at_a_line_end_loses_its_full_stop():
    assert (
        address(["1st Floor, City Centre", "Surat-395 007."], region="IN")
        == "1st Floor, City Centre, Surat-395 007"
    )


@pytest.mark.parametrize(
    ("last_line", "region"),
    [("Ahmedabad-61, Gujarat, lndia", "IN"), ("Dublin 2, lreland", "IE"), ("Kilimani, Kenya", "KE")],
)
def test_a_country_line_ends_the_address_by_any_of_its_names_and_with_its_capital_i_read_as_l(
    last_line, region
):
    # Google's country names beside the ones cards print, and 'lndia' as OCR reads a sans-serif 'India'.
    rows = ["#40 Jane Doe", "Manager", "Opp. Unique City Homes, Ghatlodia", last_line]
    assert address(rows, region=None) == f"Opp. Unique City Homes, Ghatlodia, {last_line}"


def test_a_city_and_postcode_line_with_a_comma_read_as_a_full_stop_joins_the_block():
    rows = [
        "#40 Jane Doe",
        "GF/1, CENTER PLAZA",
        "SATADHAR CROSS ROAD, SOLA ROAD",
        "GHATLODIYA. AHMEDABAD-380061",
    ]
    assert address(rows, region=None) == (
        "GF/1, CENTER PLAZA, SATADHAR CROSS ROAD, SOLA ROAD, GHATLODIYA. AHMEDABAD-380061"
    )


def test_an_icons_marks_read_between_two_address_lines_neither_join_nor_break_the_block():
    rows = ["#40 Jane Doe", "Manager", "476 Fifth Avenue", "\\Z ~", "New York, NY 10018"]
    assert address(rows) == "476 Fifth Avenue, New York, NY 10018"
