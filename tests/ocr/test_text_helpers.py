"""One test of Chinese, Japanese and Korean script for every caller (names, places, legal forms, the
labeller's features): the ranges the three earlier definitions disagreed on are covered here."""

import pytest

from ocr.extract.text import CJK, is_cjk


@pytest.mark.parametrize(
    "character",
    [
        "東",  # unified ideograph
        "㐀",  # extension A
        "\uf900",  # compatibility ideograph
        "\U0002000b",  # supplementary-plane ideograph
        "す",  # hiragana
        "カ",  # katakana
        "서",  # Hangul syllable
        "ᄀ",  # Hangul jamo
        "ㄱ",  # Hangul compatibility jamo
        "、",  # CJK punctuation
        "（",  # full-width form
    ],
)
def test_cjk_script_is_recognised(character: str) -> None:
    assert is_cjk(character)


@pytest.mark.parametrize("character", ["a", "é", "Ж", "1", "-", "ﬁ", " "])
def test_latin_cyrillic_digits_and_ligatures_are_not_cjk(character: str) -> None:
    assert not is_cjk(character)


def test_counting_cjk_characters_in_a_mixed_line() -> None:
    assert len(CJK.findall("株式会社 ABC Holdings 서울")) == 6
