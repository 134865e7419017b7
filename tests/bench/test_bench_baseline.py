"""The naive baseline (plain Tesseract text + regexes) extracts what its regexes promise."""

from __future__ import annotations

from benchmarks.baseline import extract

TEXT = """ACME WIDGETS GmbH

Jürgen Müller
Vertriebsleiter

Tel. +49 30 1234567
Mobil 0151 23456789
E-Mail j.mueller@acme-widgets.de
www.acme-widgets.de
linkedin.com/in/jmueller
Hauptstraße 12
10117 Berlin
"""


def test_regexes_pick_up_the_easy_fields():
    c = extract(TEXT)
    assert c["emails"] == ["j.mueller@acme-widgets.de"]
    assert [p["number"] for p in c["phones"]] == ["+49 30 1234567", "0151 23456789"]
    assert c["websites"] == ["www.acme-widgets.de"]
    assert c["social"]["linkedin"] == "https://www.linkedin.com/in/jmueller"
    assert c["company"] == "ACME WIDGETS GmbH"
    assert c["title"] == "Vertriebsleiter"
    assert c["name"] == "Jürgen Müller"
    assert c["address"] == "Hauptstraße 12, 10117 Berlin"


def test_empty_text_gives_an_empty_contact():
    c = extract("")
    assert c["emails"] == [] and c["phones"] == [] and c["name"] is None and c["address"] is None
