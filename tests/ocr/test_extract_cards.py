"""End to end: realistic card texts in, the output contract out."""

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.types import Contact, Phone

EMPTY = {
    "name": None,
    "title": None,
    "company": None,
    "department": None,
    "emails": [],
    "phones": [],
    "websites": [],
    "address": None,
    "social": {"linkedin": None, "twitter": None},
}


def expect(**fields):
    contract = {**EMPTY, **fields}
    contract["phones"] = [{"number": n, "kind": k} for n, k in fields.get("phones", [])]
    contract["social"] = {**EMPTY["social"], **fields.get("social", {})}
    return contract


CARDS = [
    (
        "US librarian",
        "US",
        """
#40 Jane Q. Doe
Reference Librarian
Research Services
New York Public Library
476 Fifth Avenue
New York, NY 10018
T: (212) 555-0134   E: jane.doe@nypl.org
www.nypl.org   linkedin.com/in/janedoe   @janedoe
""",
        expect(
            name="Jane Q. Doe",
            title="Reference Librarian",
            department="Research Services",
            company="New York Public Library",
            emails=["jane.doe@nypl.org"],
            phones=[("+12125550134", "work")],
            websites=["https://www.nypl.org"],
            address="476 Fifth Avenue, New York, NY 10018",
            social={"linkedin": "https://www.linkedin.com/in/janedoe", "twitter": "@janedoe"},
        ),
    ),
    (
        "German GmbH",
        "DE",
        """
#36 TMS Automotive GmbH
#32 Mike Renn
Geschäftsführer
Fritz-Liebsch-Str. 3 · D-26723 Emden
Telefon: +49 (0) 49 21 3 98 77-42
Telefax: +49 (0) 49 21 3 98 77-10
Mobil: +49 172 28689-42
mike.renn@tms-automotive.de
www.tms-automotive.de
""",
        expect(
            name="Mike Renn",
            title="Geschäftsführer",
            company="TMS Automotive GmbH",
            emails=["mike.renn@tms-automotive.de"],
            phones=[("+4949213987742", "work"), ("+4949213987710", "fax"), ("+491722868942", "mobile")],
            websites=["https://www.tms-automotive.de"],
            address="Fritz-Liebsch-Str. 3, D-26723 Emden",
        ),
    ),
    (
        "French SAS",
        "FR",
        """
#30 Boulangerie Dupont SAS
#40 Françoise Dûval
Directrice commerciale
12, rue de la Paix
75002 Paris
Tél. 01 42 68 53 00   Portable 06 12 34 56 78
f.duval@boulangerie-dupont.fr
""",
        expect(
            name="Françoise Dûval",
            title="Directrice commerciale",
            company="Boulangerie Dupont SAS",
            emails=["f.duval@boulangerie-dupont.fr"],
            phones=[("+33142685300", "work"), ("+33612345678", "mobile")],
            address="12, rue de la Paix, 75002 Paris",
        ),
    ),
    (
        "UK logistics",
        "GB",
        """
#40 Chloe Taylor
Project Manager
Blaiklock International Logistics Ltd
M : +44 (0)7586 235350
T: +44 (0)1932 598444
chloe.taylor@blaiklock.uk.com
www.blaiklock.uk.com
""",
        expect(
            name="Chloe Taylor",
            title="Project Manager",
            company="Blaiklock International Logistics Ltd",
            emails=["chloe.taylor@blaiklock.uk.com"],
            phones=[("+447586235350", "mobile"), ("+441932598444", "work")],
            websites=["https://www.blaiklock.uk.com"],
        ),
    ),
    (
        "Canadian",
        "US",
        """
#40 Marc Tremblay
Senior Developer
Maple Software Inc.
250 Yonge Street, Suite 2201
Toronto, ON M5B 2L7
Cell 416-555-0199
marc@maplesoftware.ca
""",
        expect(
            name="Marc Tremblay",
            title="Senior Developer",
            company="Maple Software Inc.",
            emails=["marc@maplesoftware.ca"],
            phones=[("+14165550199", "mobile")],
            address="250 Yonge Street, Suite 2201, Toronto, ON M5B 2L7",
        ),
    ),
    (
        "Australian",
        "AU",
        """
#40 Olivia Brown
Marketing Director
Harbour Media Pty Ltd
Level 5, 120 Collins Street
Melbourne VIC 3000
P 03 9654 1234   M 0412 345 678
olivia@harbourmedia.com.au
""",
        expect(
            name="Olivia Brown",
            title="Marketing Director",
            company="Harbour Media Pty Ltd",
            emails=["olivia@harbourmedia.com.au"],
            phones=[("+61396541234", "work"), ("+61412345678", "mobile")],
            address="Level 5, 120 Collins Street, Melbourne VIC 3000",
        ),
    ),
    (
        "Brazilian",
        "BR",
        """
#34 Alerta Security Solutions
#40 Renan Beato
Gerente de Negócios
rbeato@alertasecurity.com.br
(11) 99176-1552   Fone 55 11 3105-8655
""",
        expect(
            name="Renan Beato",
            title="Gerente de Negócios",
            company="Alerta Security Solutions",
            emails=["rbeato@alertasecurity.com.br"],
            phones=[("+5511991761552", "work"), ("+551131058655", "work")],
        ),
    ),
    (
        "Spanish",
        "US",
        """
#40 Franck Ginon
SALES DIRECTOR
franck.ginon@raft.ai
+34 618 763 938
www.raft.ai
Madrid, Spain
""",
        expect(
            name="Franck Ginon",
            title="SALES DIRECTOR",
            emails=["franck.ginon@raft.ai"],
            phones=[("+34618763938", "work")],
            websites=["https://www.raft.ai"],
            address="Madrid, Spain",
        ),
    ),
    (
        "Dental, caps, degree",
        "US",
        """
Ph: 412-621-1356   Fax: 412-621-2410
#38 MARK D. MALVIN, D.M.D.
#32 Comprehensive Dental Care
Office Hours   410 S. Craig St. Suite 102
By Appointment   Pittsburgh, PA 15213
""",
        expect(
            name="Mark D. Malvin, D.M.D.",
            company="Comprehensive Dental Care",
            phones=[("+14126211356", "work"), ("+14126212410", "fax")],
            address="410 S. Craig St. Suite 102, Pittsburgh, PA 15213",
        ),
    ),
    (
        "Letter-spaced logo",
        "US",
        """
#40 n e t h e r n e t
web solutions | software development
#30 Ben Congleton
cell 703.867.0135
bc@nethernet.com   www.nethernet.com
""",
        expect(
            name="Ben Congleton",
            company="nethernet",
            emails=["bc@nethernet.com"],
            phones=[("+17038670135", "mobile")],
            websites=["https://www.nethernet.com"],
        ),
    ),
    (
        "Swiss",
        "US",
        """
#40 MATTHIAS ZIMMERMANN
Eclipse Scout Project Lead
BSI Business Systems Integration AG
Förrlibuckstrasse 181
CH-8001 Zürich
T +41 43 501 65 11
M +41 78 606 00 30
F +41 56 484 19 30
matthias.zimmermann@bsiag.com
www.bsiag.com
""",
        expect(
            name="Matthias Zimmermann",
            title="Eclipse Scout Project Lead",
            company="BSI Business Systems Integration AG",
            emails=["matthias.zimmermann@bsiag.com"],
            phones=[("+41435016511", "work"), ("+41786060030", "mobile"), ("+41564841930", "fax")],
            websites=["https://www.bsiag.com"],
            address="Förrlibuckstrasse 181, CH-8001 Zürich",
        ),
    ),
    (
        "OCR-damaged",
        "US",
        """
#40 Walter J. Scheirer
Biometric Engineer
Securics, Inc
1867 Austin Bluffs Pkwy, Ste 200
Colorado Springs, CO 80918
Office: (719) 387-8O12
wscheirer©securics.com
www,securics,com
""",
        expect(
            name="Walter J. Scheirer",
            title="Biometric Engineer",
            company="Securics, Inc",
            emails=["wscheirer@securics.com"],
            phones=[("+17193878012", "work")],
            websites=["https://www.securics.com"],
            address="1867 Austin Bluffs Pkwy, Ste 200, Colorado Springs, CO 80918",
        ),
    ),
    (
        "Italian",
        "IT",
        """
#40 Giulia Romano
Responsabile Acquisti
Ferretti Ricambi S.r.l.
Via Roma 12
20121 Milano
Tel. 02 1234 5678   Cell. 347 123 4567
g.romano@ferrettiricambi.it
""",
        expect(
            name="Giulia Romano",
            title="Responsabile Acquisti",
            company="Ferretti Ricambi S.r.l.",
            emails=["g.romano@ferrettiricambi.it"],
            phones=[("+390212345678", "work"), ("+393471234567", "mobile")],
            address="Via Roma 12, 20121 Milano",
        ),
    ),
    (
        "Dutch",
        "NL",
        """
#40 Koen de Jong
CEO & Founder
Virtual Workforce B.V.
+31 (0)6 30 38 48 91
koen@virtualworkforce.ai
www.virtualworkforce.ai
""",
        expect(
            name="Koen de Jong",
            title="CEO & Founder",
            company="Virtual Workforce B.V.",
            emails=["koen@virtualworkforce.ai"],
            phones=[("+31630384891", "work")],
            websites=["https://www.virtualworkforce.ai"],
        ),
    ),
    (
        "Shop without a person",
        "BR",
        """
#40 Di Mario
Restaurante
Av. Cangaíba, 2341 - Cangaíba, São Paulo, SP
Tel: (11) 2642-5294
dimariorestaurante@gmail.com
""",
        expect(
            company="Di Mario",
            emails=["dimariorestaurante@gmail.com"],
            phones=[("+551126425294", "work")],
            address="Av. Cangaíba, 2341 - Cangaíba, São Paulo, SP",
        ),
    ),
]


@pytest.mark.parametrize(("label", "region", "text", "expected"), CARDS, ids=[c[0] for c in CARDS])
def test_card(label, region, text, expected):
    extraction = extract_fields(make_lines(text), region=region)
    assert extraction.contact.to_contract() == expected
    for field, value in expected.items():
        if value and (
            field != "social" or any(value.values())
        ):  # every field found has a confidence and the boxes it came from
            assert 0 < extraction.confidence[field] <= 1
            assert extraction.sources[field]


def test_empty_input_gives_an_empty_contract():
    assert extract_fields([]).contact.to_contract() == EMPTY


def test_qr_fields_are_exact_and_win():
    qr = Contact(name="Jane Doe", emails=("jane.doe@nypl.org",), phones=(Phone("+12125550134", "work"),))
    lines = make_lines(["#40 Jane D0e", "Librarian", "T: (212) 555-0134", "jane.doe@nypl.org"])
    extraction = extract_fields(lines, qr=qr)
    assert extraction.contact.name == "Jane Doe"
    assert extraction.contact.title == "Librarian"
    assert extraction.contact.emails == ("jane.doe@nypl.org",)
    assert extraction.contact.phones == (Phone("+12125550134", "work"),)
    assert extraction.confidence["name"] == 1.0


def test_a_misread_copy_of_a_qr_email_is_dropped_and_other_text_emails_kept():
    qr = Contact(emails=("jane.doe@nypl.org",))
    lines = make_lines(["#40 Jane Doe", "jane.doe@nypi.org", "info@nypl.org"])
    assert extract_fields(lines, qr=qr).contact.emails == ("jane.doe@nypl.org", "info@nypl.org")
