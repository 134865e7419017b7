"""Rules for the company line, backed by the email/web domain that spells the company's name.

A rule's text is the company line and the domain on two lines ('LTDER FRTS\\nliderfrio.com.br'): the
domain is the evidence, the line what is repaired.
"""

from __future__ import annotations

from collections.abc import Iterator

from ocr.extract.companies import legal_suffix
from ocr.extract.company_spelling import prefix_and_initials, spelled_by_domain
from ocr.extract.lexicon import words
from ocr.extract.rules.rule import Rule
from ocr.extract.text import fold, word_list


def _respelled(text: str) -> Iterator[str]:
    line, _, domain = text.partition("\n")
    tokens = line.split()
    # The legal form ('LTDA', 'Pvt. Ltd.') is no part of the domain's name: only the words before it align.
    core = len(tokens)
    while core > 1 and legal_suffix(f"x {tokens[core - 1]}"):
        core -= 1
    spelled = spelled_by_domain(tokens[:core], domain.strip() or None)
    if spelled is not None:
        yield " ".join([*spelled, *tokens[core:]])


def _unit_below(text: str) -> Iterator[str]:
    """'STANFORD\\nCOMPUTER FORUM\\nstanford.edu' -> 'STANFORD COMPUTER FORUM'."""
    *lines, domain = text.split("\n")
    if len(lines) < 2 or fold(lines[0]) != fold(domain.split(".")[0]) or not lines[0].isupper():
        return
    unit: list[str] = []
    for line in lines[1:]:
        if not line.isupper() or not all(t.isalpha() for t in line.split()):
            break  # a phone, a name in mixed case: the unit's lines end
        unit.append(line)
    # A tagline under a logo word ('ACME' over 'BUILT TO LAST') ends in no organisation word.
    while unit and word_list(unit[-1])[-1] not in words("org_words.txt"):
        unit.pop()
    if unit:
        yield " ".join([lines[0], *unit])


def _prefix_and_initials(text: str) -> Iterator[str]:
    """'INTERWORLD\\nFREIGHT\\ninterwf.com' -> 'INTERWORLD FREIGHT'."""
    *lines, domain = text.split("\n")
    joined = " ".join(lines)
    if len(lines) >= 2 and prefix_and_initials(joined.split(), domain):
        yield joined


def _legal_form_dots(text: str) -> Iterator[str]:
    """'Lumen Costruzioni S.rl.' -> 'Lumen Costruzioni S.r.l.': the last word is a dotted legal form of
    data/legal_suffixes.txt with some of its dots lost (thin marks OCR drops), letters and case as read."""
    tokens = text.split()
    if len(tokens) < 2 or "." not in tokens[-1]:
        return
    last = tokens[-1]
    if last.lower() in words("legal_suffixes.txt"):
        return
    letters = [c for c in last if c != "."]
    for form in sorted(words("legal_suffixes.txt"), key=len):
        if "." not in form or [c for c in form if c != "."] != [c.lower() for c in letters]:
            continue
        rebuilt: list[str] = []
        index = 0
        for c in form:  # the form's dots, the word's letters
            if c == ".":
                rebuilt.append(".")
            else:
                rebuilt.append(letters[index])
                index += 1
        if _dots_kept(last, form):
            yield " ".join([*tokens[:-1], "".join(rebuilt)])
            return


def _dots_kept(read: str, form: str) -> bool:
    """Whether every dot of the word as read stands where the form has one (OCR loses dots, never
    moves them): the number of letters before each dot agrees."""

    def places(word: str) -> set[int]:
        return {sum(c != "." for c in word[:i]) for i, c in enumerate(word) if c == "."}

    return places(read) <= places(form)


COMPANY_RULES = (
    Rule(
        "company.spelled-by-domain",
        "company",
        "the line's words align with the start of the email/web domain's name, one letter in three "
        "misread at most and the first letter right (a logo's stylised type)",
        _respelled,
        (
            ("LTDER FRTS\nliderfriorefrigeracao.com.br", "LIDER FRIO"),
            ("PRASAN RESIDENCY\nprasangpresidency.com", "PRASANG PRESIDENCY"),
            ("Biggrowih Ltd.\nbiggrowth.com", "Biggrowth Ltd."),
            ("LIDER FRIO\nliderfrio.com.br", None),  # already spelled as the domain spells it
            ("ACMEX Sales\nacmexsolutions.com", None),  # a word far from the domain's letters
            ("Hardik Kapadia\nhardik.com", None),
        ),
        lambda _: True,
    ),
    Rule(
        "company.unit-below-domain-name",
        "company",
        "a one-word name in capitals that is the whole email/web domain's name, with lines in capitals "
        "under it in its column ending in an organisation word: the unit the card is from (the text is "
        "the name, the lines under it, then the domain, one a line)",
        _unit_below,
        (
            ("STANFORD\nCOMPUTER FORUM\nstanford.edu", "STANFORD COMPUTER FORUM"),
            ("STANFORD\nELECTRICAL\nENGINEERING\nstanford.edu", "STANFORD ELECTRICAL ENGINEERING"),
            ("ACME\nBUILT TO LAST\nacme.com", None),  # a tagline
            ("STANFORD\nCOMPUTER FORUM\nforum.org", None),  # the domain names another word
            ("Stanford\nComputer Forum\nstanford.edu", None),  # not a logo's capitals
        ),
        lambda _: True,
    ),
    Rule(
        "company.prefix-and-initials",
        "company",
        "the email/web domain's name is the start of a line's first word and the initials of the words "
        "after it, on the line under it too (the text is the lines, then the domain, one a line)",
        _prefix_and_initials,
        (
            ("INTERWORLD\nFREIGHT\ninterwf.com", "INTERWORLD FREIGHT"),
            ("Hemisphere\nFreight Services\nhemifs.co.uk", "Hemisphere Freight Services"),
            ("INTERWORLD\nSHIPPING\ninterwf.com", None),  # the initials disagree
            ("ACME\nSOLUTIONS\nacmes.com", None),  # a whole word and one letter: chance
        ),
        lambda _: True,
    ),
    Rule(
        "company.legal-form-dots",
        "company",
        "the line's last word has a dot and, with the dots OCR lost put back, is a dotted legal form of "
        "data/legal_suffixes.txt (its letters in order, each dot read where the form has one)",
        _legal_form_dots,
        (
            ("Lumen Costruzioni S.rl.", "Lumen Costruzioni S.r.l."),
            ("FERRARI S.pA.", "FERRARI S.p.A."),
            ("Ravi Exports Pvt. Ltd", None),  # nothing lost
            ("Lumen Costruzioni Srl", None),  # printed without dots: kept as printed
            ("Lumen Costruzioni S.r.l.", None),  # already whole
            ("Acme Co.rp", None),  # a dot where the form (corp.) has none
        ),
        lambda _: True,
    ),
)
