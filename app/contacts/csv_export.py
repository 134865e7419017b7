"""Contacts as CSV with Outlook's column names, which Outlook and Google Contacts both import.

The header is fixed (columns never move or disappear between releases, so spreadsheets and scripts built on
it keep working). Values that would not fit a column (extra phones, social profiles, where you met) go to
the end of Notes rather than being dropped.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator

from nameparser import HumanName

from app.followups.channels import linkedin_url, twitter_handle
from models import Contact

logger = logging.getLogger(__name__)

HEADER = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Job Title",
    "Department",
    "Company",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Business Phone",
    "Business Phone 2",
    "Mobile Phone",
    "Other Phone",
    "Business Fax",
    "Business Street",
    "Web Page",
    "Notes",
    "Categories",
)
PHONE_COLUMNS = {
    "work": ["Business Phone", "Business Phone 2"],
    "mobile": ["Mobile Phone"],
    "other": ["Other Phone"],
    "fax": ["Business Fax"],
}
# Spreadsheet apps run cells starting with these as formulas (CSV injection, OWASP): a leading quote
# disarms them. They skip leading blanks first, so the check does too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number (+44 20 7946 0958, -5) is the one harmless cell starting with + or -: left as it is, so
# address books import it as a number. Letters, '|', '!' or a second '+' make it a formula again.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ().-]*")


def safe_cell(value: str) -> str:
    """`value`, with a leading `'` when a spreadsheet would run it as a formula; an empty cell stays empty."""
    start = value.lstrip(" \n\u00a0")
    if start.startswith(FORMULA_STARTS) or value.startswith(("\t", "\r")):
        if PLAIN_NUMBER.fullmatch(start):
            return value
        return "'" + value
    return value


def row_of(contact: Contact) -> dict[str, str]:
    row = dict.fromkeys(HEADER, "")
    if contact.given_name or contact.family_name:
        row["First Name"], row["Last Name"] = contact.given_name or "", contact.family_name or ""
    elif contact.name:
        parsed = HumanName(contact.name)
        row["First Name"], row["Middle Name"], row["Last Name"] = parsed.first, parsed.middle, parsed.last
    row["Job Title"] = contact.title or ""
    row["Department"] = contact.department or ""
    row["Company"] = contact.company or ""
    extra: list[str] = []
    for column, email in zip(
        ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"), contact.emails or [], strict=False
    ):
        row[column] = email
    extra += [f"Email: {e}" for e in (contact.emails or [])[3:]]
    for phone in contact.phones or []:
        free = [c for c in PHONE_COLUMNS.get(phone.get("kind", "work"), ["Other Phone"]) if not row[c]]
        if free:
            row[free[0]] = phone["number"]
        else:
            extra.append(f"Phone ({phone.get('kind', 'work')}): {phone['number']}")
    row["Business Street"] = contact.address or ""
    websites = contact.websites or []
    row["Web Page"] = websites[0] if websites else ""
    extra += [f"Web: {w}" for w in websites[1:]]
    social = contact.social or {}
    if social.get("linkedin"):
        extra.append(f"LinkedIn: {linkedin_url(str(social['linkedin']))}")
    if social.get("twitter"):
        extra.append(f"X: https://x.com/{twitter_handle(str(social['twitter']))}")
    extra += [f"{k}: {v}" for k, v in sorted(social.items()) if k not in {"linkedin", "twitter"} and v]
    if contact.event_name or contact.met_on:
        met = " ".join(p for p in (contact.event_name, f"on {contact.met_on}" if contact.met_on else "") if p)
        extra.append(f"Met at {met}" if contact.event_name else f"Met {met}")
    row["Notes"] = "\n".join(p for p in (contact.notes or "", "\n".join(extra)) if p)
    row["Categories"] = contact.event_name or ""
    return {k: safe_cell(v) for k, v in row.items()}


def to_csv(contacts: Iterable[Contact]) -> str:
    """CSV text (CRLF rows, as RFC 4180 and Outlook expect); encode it as UTF-8 with a BOM for Excel."""
    return "".join(csv_chunks([contacts]))


def csv_chunks(batches: Iterable[Iterable[Contact]]) -> Iterator[str]:
    """The header, then one chunk of rows per batch of contacts (for streaming a long export)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    for batch in batches:
        for contact in batch:
            writer.writerow(_row_or_name_only(contact))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.tell():  # no batch at all: the header alone
        yield out.getvalue()


def _row_or_name_only(contact: Contact) -> dict[str, str]:
    try:
        return row_of(contact)
    except Exception:  # odd stored data: the contact's name and id, never a failed export of all
        logger.exception("CSV export: contact %s written with its name only", contact.id)
        return {
            **dict.fromkeys(HEADER, ""),
            "First Name": safe_cell(contact.name or ""),
            "Notes": str(contact.id),
        }
