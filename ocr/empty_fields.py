"""Fields the reader left empty although the card most likely prints them: the review page asks the user
to look ("Check this" on an empty field), as it does for a value it doubts.

Measured on the 62 real dev cards (replay of the cached OCR, 2026-12-06, `docs/reader.md`, "Check this"):
a company left empty on a card that shows no organisation's domain (no email or website, or only a free
mail provider's) was printed on 9 of 9 cards: a logo nobody could read. With an organisation's domain the
reader names or confirms the company from it, so an empty company there was printed on 2 of 5 real cards
and 0 of 4 generated ones: not flagged. Names, titles, addresses and departments left empty were printed
on 2 of 8, 4 of 26, 7 of 21 and 2 of 54 cards: flagging them would mostly be false alarms.
"""

from __future__ import annotations

from ocr.types import Contact


def likely_printed(contact: Contact) -> tuple[str, ...]:
    """The empty fields worth a look, in contract order."""
    if contact.company:
        return ()
    # Imported here: ocr.confidence (and with it this module) loads without the whole extraction package.
    from ocr.extract.web import is_webmail

    domains = [host for host in contact.email_domains() + contact.web_hosts() if host]
    return () if any(not is_webmail(domain) for domain in domains) else ("company",)
