"""The registry of named rules: every rule's examples are its tests, and every rule has some."""

from collections import Counter

import pytest

from ocr.extract.rules import REGISTRY, rule
from ocr.extract.vocabulary import label_words, phone_label_kinds, strippable_labels

EXAMPLES = [(r.id, text, expected) for r in REGISTRY for text, expected in r.examples]


@pytest.mark.parametrize(("rule_id", "text", "expected"), EXAMPLES, ids=[f"{i}:{t}" for i, t, _ in EXAMPLES])
def test_each_rule_does_what_its_examples_say(rule_id, text, expected):
    assert rule(rule_id).first(text) == expected


def test_every_rule_has_a_unique_id_an_example_a_field_and_its_evidence():
    ids = Counter(r.id for r in REGISTRY)
    assert [i for i, n in ids.items() if n > 1] == []
    for r in REGISTRY:
        assert r.examples, r.id
        assert r.field in ("emails", "domain", "phones", "labels", "text", "company", "address", "name"), r.id
        assert r.evidence.strip(), r.id


def test_every_rule_has_an_example_it_repairs_and_one_it_leaves():
    # A rule whose examples only ever fire (or never do) would not catch a rule that fires everywhere.
    for r in REGISTRY:
        outcomes = {expected is None for _, expected in r.examples}
        assert outcomes == {True, False}, r.id


def test_an_unknown_rule_is_an_error_not_a_silent_no_op():
    with pytest.raises(KeyError):
        rule("host.no-such-rule")


def test_label_vocabularies_come_per_concept_in_several_languages():
    assert {"email", "e-mail", "courriel", "correo"} <= label_words("email")
    assert {"website", "webseite"} <= label_words("web")
    assert phone_label_kinds()["handy"] == "mobile"
    assert phone_label_kinds()["télécopie"] == "fax"
    assert phone_label_kinds()["tél."] == "work"


def test_ordinary_words_are_never_cut_as_labels():
    strippable = strippable_labels("phone", "web")
    assert "dir" not in strippable and "www" not in strippable  # 'Dir. Marketing', 'www.acme.com'
    assert "telefon" in strippable
