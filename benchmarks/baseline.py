"""The baseline the reader must beat: plain `tesseract IMAGE stdout` on the raw file (no cleanup, no EXIF,
default page segmentation) plus simple regular expressions. Deliberately naive; it is the "before"."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\(?\d[\d \t().\-/]{6,}\d")  # one line only
WEB = re.compile(
    r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?", re.IGNORECASE
)
LINKEDIN = re.compile(r"linkedin\.com/in/[\w-]+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w.])@([A-Za-z0-9_]{2,})\b")
_CAP = r"[A-ZÀ-Þ][a-zß-ÿ'’-]+"  # a capitalised word
NAME = re.compile(rf"^{_CAP}(?: [A-Z]\.)? {_CAP}(?: {_CAP})?$")
TITLE = re.compile(
    r"\b(manager|director|engineer|officer|ceo|founder|consultant|advisor|president|head of|lead|"
    r"\w*leiter(?:in)?|geschäftsführer\w*|directeur|directrice|director|directora|responsable|"
    r"gerente|diretor|diretora|ingeniero|ingegnere|adviseur|accountmanager)\b",
    re.IGNORECASE,
)
COMPANY = re.compile(
    r"\b(inc|llc|ltd|limited|corp|gmbh|ag|kg|sarl|sas|s\.?a|s\.?l|s\.?r\.?l|s\.?p\.?a|b\.?v|"
    r"n\.?v|lda|plc|pty)\b\.?",
    re.IGNORECASE,
)
POSTCODE = re.compile(
    r"\b([A-Z]{2} \d{5}|\d{4,5}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}|"
    r"\d{4} ?[A-Z]{2}|\d{4}-\d{3})\b"
)


def run_tesseract(image: Path, timeout_s: float = 60.0) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", str(image), "stdout"],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        env=env,
        check=False,
    )
    return done.stdout


def extract(text: str) -> dict[str, Any]:
    """Contract-shaped fields from raw OCR text, by regular expressions and first-match line rules."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    emails = list(dict.fromkeys(m.lower() for m in EMAIL.findall(text)))
    email_spans = " ".join(emails)
    phones = []
    for m in PHONE.findall(text):
        if 7 <= sum(c.isdigit() for c in m) <= 15:
            phones.append({"number": m.strip(), "kind": "work"})
    websites = []
    for m in WEB.findall(text):
        low = m.lower()
        if low in email_spans or "@" in low or "linkedin" in low or not re.search(r"[a-z]{2,}\.", low):
            continue
        websites.append(m)
    linkedin = LINKEDIN.search(text)
    handle = HANDLE.search(text)
    name = next((ln for ln in lines if NAME.match(ln)), None)
    title = next((ln for ln in lines if TITLE.search(ln) and ln != name), None)
    company = next((ln for ln in lines if COMPANY.search(ln) and "@" not in ln), None)
    address = None
    for i, ln in enumerate(lines):
        if POSTCODE.search(ln) and not PHONE.search(ln):
            address = ", ".join(lines[max(0, i - 1) : i + 1])
            break
    return {
        "name": name,
        "title": title,
        "company": company,
        "department": None,
        "emails": emails,
        "phones": phones,
        "websites": list(dict.fromkeys(websites)),
        "address": address,
        "social": {
            "linkedin": f"https://www.{linkedin.group(0)}" if linkedin else None,
            "twitter": f"@{handle.group(1)}" if handle else None,
        },
    }


def read(image: Path) -> tuple[dict[str, Any], str]:
    """-> (contact, raw text)."""
    text = run_tesseract(image)
    return extract(text), text
