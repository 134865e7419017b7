"""Company names reduced to a key so that spelling variants of one organisation group together."""

from __future__ import annotations

import re
import unicodedata

LEGAL_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "gmbh",
    "ag",
    "kg",
    "mbh",
    "ug",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "ab",
    "oy",
    "as",
    "pty",
    "ltda",
    "eireli",
    "me",
    "kk",
    "the",
}


def company_key(company: str | None) -> str | None:
    """Lower-case, accent-free words without punctuation or legal suffixes ("ACME, Inc." -> "acme")."""
    if not company:
        return None
    text = unicodedata.normalize("NFKD", company)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    core = [w for w in words if w not in LEGAL_SUFFIXES] or words
    return " ".join(core) or None


def email_domain(email: str) -> str | None:
    _, _, domain = email.rpartition("@")
    return domain.lower() or None
