"""Rules for email addresses as OCR reads them: the '@' and the local part."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ocr.extract.address_words import address_spelled
from ocr.extract.rules.rule import Rule, substitution
from ocr.extract.validators import valid_email
from ocr.extract.vocabulary import confusion, label_words, strippable_labels


def _at_from(text: str, looks: tuple[str, ...]) -> Iterator[str]:
    """'local<look>host' -> 'local@host' at each place a look-alike stands, without spaces either side."""
    lowered = text.lower()
    for look in looks:
        pattern = look.lower() if len(look) > 1 else look
        haystack = lowered if len(look) > 1 else text
        start = 1
        while (pos := haystack.find(pattern, start)) > 0:
            local = text[:pos].strip().lower()
            # 'ironwood-renovation. fr': a space OCR put after the host's last dot.
            host = re.sub(r"\.\s+(?=[a-z]{2,6}$)", ".", text[pos + len(pattern) :].strip().lower())
            start = pos + 1
            if " " not in local and " " not in host:
                yield f"{local}@{host}"


def at_marks() -> tuple[str, ...]:
    return tuple(confusion("at_marks"))


def _at_mark(text: str) -> Iterator[str]:
    return _at_from(text, at_marks())


def _at_misread_letter(text: str) -> Iterator[str]:
    return _at_from(text, tuple(confusion("at_misread_letters")))


def _label_glued(local: str) -> Iterator[str]:
    """'email.jane' / 'mail:jane': the label glued on when OCR lost the space after it."""
    for label in strippable_labels("email"):
        if local.startswith(label) and local[len(label) : len(label) + 1] in (".", ":"):
            yield local[len(label) + 1 :]
            return


def _label_glued_without_separator(local: str) -> Iterator[str]:
    """'courrielb.dubois': the label read onto the address without its colon."""
    for label in strippable_labels("email"):
        if local.startswith(label):
            yield local[len(label) :]


def _letter_confusion(local: str) -> Iterator[str]:
    """One letter read for another ('ikim' for lkim), then 'rn' read as 'm' and the reverse."""
    pairs = confusion("letter_confusions")
    single = [(wrong, right) for wrong, right in pairs if len(wrong) == len(right) == 1]
    for i, c in enumerate(local):
        for wrong, right in single:  # a letter may stand for more than one ('v' for 'w' or 'y')
            if c == wrong:
                yield local[:i] + right + local[i + 1 :]
    for wrong, right in sorted((p for p in pairs if len(p[0]) > 1 or len(p[1]) > 1), key=lambda p: len(p[0])):
        start = local.find(wrong)
        while start >= 0:
            yield local[:start] + right + local[start + len(wrong) :]
            start = local.find(wrong, start + 1)


def _letter_confusion_throughout(local: str) -> Iterator[str]:
    """The same letter misread wherever it stands ('wi11iam.ha11' for william.hall): small print misreads
    a letter alike each time."""
    for wrong, right in confusion("letter_confusions"):
        if len(wrong) == len(right) == 1 and local.count(wrong) > 1:
            yield local.replace(wrong, right)


def _dot_misread(local: str) -> Iterator[str]:
    """'noahicote' for 'noah.cote': the dot between the names read as a thin letter or a mark."""
    misreads = frozenset(confusion("dot_misreads"))
    for i, c in enumerate(local):
        if c in misreads and 0 < i < len(local) - 1 and local[i - 1] != "." and local[i + 1] != ".":
            yield f"{local[:i]}.{local[i + 1 :]}"


# 'sripad._ind2000' -> 'sripad_ind2000': a dot beside an underscore or hyphen is a speck read as one.
_stray_dot_by_separator = substitution(r"\.(?=[_-])|(?<=[_-])\.", "")


# A phone number (with its label letter) and an email label read onto the address, the spaces between lost:
# 'M010-9416-5072Edogdriip@'.
_PHONE_AND_LABEL = re.compile(r"^[a-z]{0,3}[+(]?\d[\d().-]{6,}\d")


def _phone_and_label_glued(local: str) -> Iterator[str]:
    phone = _PHONE_AND_LABEL.match(local)
    if phone is None:
        return
    rest = local[phone.end() :]
    for label in sorted(label_words("email"), key=len, reverse=True):
        if rest.startswith(label):
            after = rest[len(label) :].lstrip(".:")
            if after[:1].isalpha():
                yield after
                return


def _at_lost(text: str) -> Iterator[str]:
    """'hetal.shah redington.co.in': a local part and a domain with nothing between, the '@' lost."""
    parts = text.split()
    web = ("www", "http")  # a web address read in two pieces is no email
    if (
        len(parts) == 2
        and "@" not in text
        and "." in parts[1]
        and not any(p.lower().startswith(web) for p in parts)
    ):
        yield f"{parts[0]}@{parts[1].rstrip('.,;').lower()}"


def _valid_local(local: str) -> bool:
    return valid_email(f"{local}@example.com")


def _address_letters_misread(address: str) -> Iterator[str]:
    fixed = address_spelled(address)
    if fixed != address:
        yield fixed


EMAIL_RULES = (
    Rule(
        "email.at-mark",
        "emails",
        "the email validates with the mark read as '@' (data/confusions.json at_marks)",
        _at_mark,
        (
            ("jane.doe©nypl.org", "jane.doe@nypl.org"),
            ("info(at)example.de", "info@example.de"),
            ("ldubois©ironwood-renovation. fr", "ldubois@ironwood-renovation.fr"),
            ("nypl.org", None),
        ),
        valid_email,
    ),
    Rule(
        "email.at-lost",
        "emails",
        "an email label before the local part, and the domain right after it, on the segment or alone on "
        "the next one (a faint '@' read as a gap, which may cut the line)",
        _at_lost,
        (
            ("hetal.shah redington.co.in", "hetal.shah@redington.co.in"),
            ("info acme.de", "info@acme.de"),
            ("Jane Doe", None),
            ("jane acme", None),
            ("jane@acme.com www.acme.com", None),
            ("jane www.acme.com", None),
            ("www.brightwat r-robotics.de", None),
        ),
        valid_email,
    ),
    Rule(
        "email.at-misread-letter",
        "emails",
        "the card prints the domain elsewhere (its website): a single letter read for '@' is a guess",
        _at_misread_letter,
        (("janedoeQnypl.org", "janedoe@nypl.org"), ("www.nypl.org", None)),
        valid_email,
    ),
    Rule(
        "email.label-glued",
        "emails",
        "an email label word (data/labels.json) then '.' or ':' at the start of the local part",
        _label_glued,
        (("email.jane", "jane"), ("mail:jane", "jane"), ("courriel.b.dubois", "b.dubois"), ("mailer", None)),
        _valid_local,
    ),
    Rule(
        "email.phone-and-label-glued",
        "emails",
        "a phone-length digit run, then an email label word, read onto the start of the local part",
        _phone_and_label_glued,
        (("m010-9416-5072edogdriip", "dogdriip"), ("t+49301234567email:jane", "jane"), ("0101234567", None)),
        _valid_local,
    ),
    Rule(
        "local.stray-dot-by-separator",
        "emails",
        "a dot beside '_' or '-' in the local part: no card prints one, a speck reads as one",
        _stray_dot_by_separator,
        (("sripad._ind2000", "sripad_ind2000"), ("jane.-doe", "jane-doe"), ("jane.doe", None)),
        _valid_local,
    ),
    Rule(
        "local.label-glued",
        "emails",
        "the rest agrees with the person's name on the card",
        _label_glued_without_separator,
        (("courrielb.dubois", "b.dubois"), ("b.dubois", None)),
        _valid_local,
    ),
    Rule(
        "local.letter-confusion",
        "emails",
        "the repaired local part agrees with the person's name (data/confusions.json letter_confusions)",
        _letter_confusion,
        (("ikim", "lkim"), ("1kim", "lkim"), ("hemandez", "hernandez"), ("bee", None)),
        _valid_local,
    ),
    Rule(
        "local.letter-confusion-throughout",
        "emails",
        "the repaired local part agrees with the person's name (data/confusions.json letter_confusions)",
        _letter_confusion_throughout,
        (("ha11", "hall"), ("a1ice", None), ("anna", None)),
        _valid_local,
    ),
    Rule(
        "address.letters-misread",
        "emails",
        "the address as read is no word or name, and with each one read back as l and each 'rn' as m its "
        "run of letters is a name of the gazetteers or far likelier words of the English word list",
        _address_letters_misread,
        (
            ("he11o@lumen.com.br", "hello@lumen.com.br"),
            ("ga11agher@halcyon.co.uk", "gallagher@halcyon.co.uk"),
            ("https://lurnen.co.uk/tearn", "https://lumen.co.uk/team"),
            ("info1@acme.com", None),
            ("arnold@kernel.org", None),
        ),
        lambda _: True,
    ),
    Rule(
        "local.dot-misread",
        "emails",
        "the repaired local part agrees with the person's name",
        _dot_misread,
        (("noahicote", "noah.cote"), ("noah:cote", "noah.cote"), ("jane", None)),
        _valid_local,
    ),
)
