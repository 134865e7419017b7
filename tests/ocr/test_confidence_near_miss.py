"""The `near_miss` and `cut_short` evidence (ocr/confidence_evidence.py): an address a letter or two from what
the card's name or company spells, but not spelling it; a legal form or a name word with its end lost. Both
ways, and as the confidence model's features."""

from __future__ import annotations

from ocr.confidence import FEATURES, field_features
from ocr.confidence_evidence import cut_short, legal_form_cut, name_cut_short, near_miss
from ocr.types import Contact


def test_an_email_local_part_a_letter_or_two_from_the_name():
    assert near_miss(Contact(name="Aoi Kobayashi", emails=("kobavashi@northgate.co.jp",)), "emails")
    assert near_miss(Contact(name="Kaito Nakamura", emails=("katto.nakamura@kestrel.co.jp",)), "emails")
    assert near_miss(Contact(name="Rin Morimoto", emails=("rmonmoto@verdant.co.jp",)), "emails")


def test_an_email_built_from_the_name_or_from_another_word_is_no_miss():
    assert not near_miss(Contact(name="Aoi Kobayashi", emails=("aoi.kobayashi@northgate.co.jp",)), "emails")
    assert not near_miss(Contact(name="Aoi Kobayashi", emails=("info@northgate.co.jp",)), "emails")
    assert not near_miss(Contact(name="Bram de Vries", emails=("bram_devries@meridian.nl",)), "emails")
    assert not near_miss(Contact(name="George Ó Briain", emails=("gobriain@patel.co.uk",)), "emails")
    assert not near_miss(Contact(name="MORIMOTO Aoi", emails=("amorimoto@halcyon.co.jp",)), "emails")
    assert not near_miss(Contact(name="Jürgen Weiß", emails=("juergen.weiss@solis.de",)), "emails")
    assert not near_miss(Contact(emails=("kobavashi@northgate.co.jp",)), "emails")  # no name to miss


def test_a_domain_a_letter_from_the_company_or_the_other_address():
    card = Contact(company="Brightwater Robotics GmbH", emails=("rhys@brightwaler.de",))
    assert near_miss(card, "emails")
    assert not near_miss(Contact(company="Brightwater Robotics", emails=("r@brightwater.de",)), "emails")
    # two letters of six is a third of the word: another word as likely as a misread one
    assert not near_miss(Contact(company="Verdant Robotics", emails=("b@verdam.de",)), "emails")
    site = Contact(emails=("y.fujita@brightwater.co.jp",), websites=("https://www.brightwaler.co.jp",))
    assert near_miss(site, "websites")
    assert not near_miss(
        Contact(emails=("y@brightwater.co.jp",), websites=("https://brightwater.co.jp",)), "websites"
    )


def test_a_handle_a_letter_from_the_name():
    misread = Contact(name="Solène Perrin", social={"linkedin": "https://www.linkedin.com/in/solene-pertin"})
    assert near_miss(misread, "social")
    right = Contact(name="Solène Perrin", social={"linkedin": "https://www.linkedin.com/in/soleneperrin"})
    assert not near_miss(right, "social")
    numbered = Contact(name="Zoe Kelly", social={"linkedin": "https://www.linkedin.com/in/zoekelly32"})
    assert not near_miss(numbered, "social")  # digits tell one holder of the name from another
    cut = Contact(name="Megan Okafor", social={"twitter": "@megan_okaf"})
    assert not near_miss(cut, "social")  # X handles are short: the name's start


def test_the_name_and_the_company_are_not_marked():
    card = Contact(name="Aoi Kobayashi", company="Tidewater Maschinenbau", emails=("kobavashi@x.jp",))
    assert not near_miss(card, "name")
    assert not near_miss(Contact(company="Tidewater", websites=("https://tidewaler.de",)), "company")


def test_near_miss_is_a_feature_of_the_model():
    assert "near_miss" in FEATURES
    card = Contact(name="Aoi Kobayashi", emails=("kobavashi@northgate.co.jp",))
    assert field_features(card, "emails", 0.9)["near_miss"] == 1.0
    assert field_features(card, "name", 0.9)["near_miss"] == 0.0


def test_a_legal_form_cut_short():
    assert legal_form_cut("company", "Northgate Partners Gmb")
    assert legal_form_cut("company", "Corvid Robotics Lte")
    assert not legal_form_cut("company", "Northgate Partners GmbH")
    assert not legal_form_cut("company", "Corvid Robotics Ltda.")
    assert not legal_form_cut("company", "Gmb")  # one word: nothing says it was a legal form
    assert not legal_form_cut("title", "Partner Lte")


def test_a_name_its_email_spells_longer():
    card = Contact(name="Ananya Raghunatha", emails=("ananya.raghunathan@corvid.in",))
    assert name_cut_short("name", card)
    assert not name_cut_short("name", Contact(name="Ananya Raghunathan", emails=card.emails))
    # the letters after the name start its other word, or are digits: an address built from the name
    assert not name_cut_short("name", Contact(name="Ashwani Kumar", emails=("ashwanik@kotak.com",)))
    assert not name_cut_short("name", Contact(name="Ashwani Kumar", emails=("ashwani.kumar4@kotak.com",)))
    assert not name_cut_short("emails", card)


def test_cut_short_is_a_feature_of_the_model():
    assert "cut_short" in FEATURES
    card = Contact(name="Priya Raghunatha", company="Northgate Partners Gmb", emails=("p.raghunathan@x.in",))
    assert cut_short(card, "company", "Northgate Partners Gmb")
    assert field_features(card, "company", 0.9)["cut_short"] == 1.0
    assert field_features(card, "name", 0.9)["cut_short"] == 1.0
    assert field_features(card, "emails", 0.9)["cut_short"] == 0.0


def test_loading_the_models_leaves_field_extraction_unimported():
    """The benchmark's model load (< 0.5 s floor) imports the reader and its models; the extraction's data
    (gazetteers, place tables) loads with the first card. A module-level import of ocr.extract in the
    confidence evidence once tripled it (0.05 -> 0.15-0.30 s)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ocr import ReadOptions, read_card\n"
        "from ocr.confidence import load_models\n"
        "load_models()\n"
        "assert 'ocr.extract' not in sys.modules, sorted(m for m in sys.modules if m.startswith('ocr'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
