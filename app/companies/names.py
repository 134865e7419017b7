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


def fold_words(text: str) -> list[str]:
    """Lower-case, accent-free words without punctuation ("Zoë Müller-Lüdenscheidt" -> zoe muller ...)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower().replace("&", " and ")
    return [w for w in re.split(r"[^a-z0-9]+", folded) if w]


def company_key(company: str | None) -> str | None:
    """Lower-case, accent-free words without punctuation or legal suffixes ("ACME, Inc." -> "acme")."""
    if not company:
        return None
    # Dotted abbreviations are one word: "S.A." is "SA", "N.Y.P.L." is "NYPL".
    undotted = re.sub(r"\b(?:[^\W\d_]\.){2,}", lambda m: m.group(0).replace(".", ""), company)
    words = fold_words(undotted)
    core = [w for w in words if w not in LEGAL_SUFFIXES] or words
    return " ".join(core) or None


def email_domain(email: str) -> str | None:
    _, _, domain = email.rpartition("@")
    return domain.strip().lower() or None
