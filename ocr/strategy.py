"""Which engines read a card, and how their readings become one: the `engine` option's four strategies.

tesseract  Tesseract alone.
rapidocr   RapidOCR alone (needs the extra).
both       both engines on every card; RapidOCR's words re-spelled with Tesseract's spacing and accents,
           each engine's text extracted, the two extractions merged field by field (ocr/combine.py).
auto       Tesseract first; RapidOCR only when Tesseract's reading is weak (see `weaknesses`), then
           merged as in `both`. Without the extra, Tesseract alone with a warning.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar, cast

import numpy as np

from ocr.combine import adopt_reference_spelling, is_valid_email, is_valid_phone, merge_extractions
from ocr.engines.lines import reading_order
from ocr.engines.rapidocr import RapidOcrEngine
from ocr.engines.rapidocr import available as rapidocr_available
from ocr.engines.registry import engines_for
from ocr.engines.threads import threads_for_this_process
from ocr.errors import OcrTimeout, ReadError
from ocr.extract.lexicon import table
from ocr.languages import AUTO, BASE, accent_language, tesseract_languages
from ocr.regions import UnreadText, unread_text
from ocr.speculation import SpeculativeRead
from ocr.speculation import enabled as speculation_enabled
from ocr.types import Box, Contact, Extraction, Line, ReadOptions, Word
from ocr.words import keep_plausible_lines, merge_engine_lines, split_joined_words

# Tesseract's reading is weak (and worth a second engine) below these; measured on the shared real cards,
# where the cards RapidOCR improved had a mean word confidence under ~0.85 or missed a contact field.
WEAK_MEAN_CONFIDENCE = 0.85
LOW_WORD_CONFIDENCE = 0.6
WEAK_LOW_WORD_SHARE = 0.2
MAX_REGIONS = 6  # missed regions read one by one; beyond a few, reading the whole card is as cheap
# Weaknesses a few regions' reading answers, without reading the whole card again.
REGION_REASONS = frozenset(
    {
        "text_tesseract_missed",
        "line_partly_read",
        "unread_web_address",
        "unread_email_address",
        "unread_profile_address",
    }
)
# A word starting with this much of a social network's name ('linked', 'github', 'instag') is the start of
# its profile's address; shorter names ('x', 'xing', 'vimeo') and 'threads' are words of other lines too.
PROFILE_NAME_START = 6

BOTH_ENGINES = ("tesseract", "rapidocr")
Extract = Callable[[list[Line]], Extraction]
_T = TypeVar("_T")


@dataclass
class StrategyResult:
    lines: list[Line]  # the words shown to the user: Tesseract's, plus RapidOCR's where Tesseract had none
    extraction: Extraction
    engines: tuple[str, ...]  # the engines that actually read this card
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()  # why `auto` asked the second engine


def speculate(color: np.ndarray, options: ReadOptions) -> SpeculativeRead | None:
    """RapidOCR's whole-card read of `color` started now on a background thread, for read_with_strategy to
    take if `auto` asks for it (ocr/speculation.py); None where it would not pay: another strategy, no
    RapidOCR, a reader sharing the cores with others (the service's pool: one thread each), or speculation
    not turned on (ocr/speculation.py SPECULATE_ENV: it costs memory)."""
    if options.engine != "auto" or not speculation_enabled() or threads_for_this_process() < 2:
        return None
    if not rapidocr_available():
        return None
    return SpeculativeRead(color, lambda image, cancelled: _rapid(image, options, cancelled))


def read_with_strategy(
    gray: np.ndarray,
    color: np.ndarray,
    options: ReadOptions,
    *,
    extract: Extract,
    speculative: SpeculativeRead | None = None,
) -> StrategyResult:
    """Read the upright card (`gray` prepared for Tesseract, `color` the same card for RapidOCR, same size)
    with the strategy `options.engine` names, and extract its fields. `speculative`: RapidOCR's whole-card
    read of `color` already running (speculate); used if this card needs it, else cancelled here."""
    try:
        return _read_with_strategy(gray, color, options, extract, speculative)
    finally:
        if speculative is not None:  # not needed, or the reading failed: it must not outlive the card
            speculative.cancel()


def _read_with_strategy(
    gray: np.ndarray,
    color: np.ndarray,
    options: ReadOptions,
    extract: Extract,
    speculative: SpeculativeRead | None,
) -> StrategyResult:
    timings: dict[str, float] = {}
    if options.engine == "rapidocr":
        lines = _timed(timings, "ocr_rapidocr", lambda: _rapid(color, options))
        extraction = _timed(timings, "extract", lambda: extract(lines))
        return StrategyResult(lines, extraction, ("rapidocr",), timings=timings)

    if options.engine == "both":
        engines_for("both")  # asked for by name: fail with the install hint rather than read half
    tess = _timed(timings, "ocr_tesseract", lambda: _tesseract(gray, options))
    accents = accent_language(tess, options.region) if options.lang == AUTO else None
    if accents is not None:  # the card's country writes with accents: one more pass, its language only
        tess = _timed(
            timings,
            "ocr_accents",
            lambda: _tesseract(gray, options, f"{BASE}+{accents}"),
        )
    primary = _timed(timings, "extract", lambda: extract(tess))
    if options.engine == "tesseract":
        return StrategyResult(tess, primary, ("tesseract",), timings=timings)

    reasons: tuple[str, ...] = ("always",)
    unread = UnreadText([], [])
    if options.engine == "auto":
        if not rapidocr_available():
            return StrategyResult(tess, primary, ("tesseract",), ["rapidocr_unavailable"], timings)
        unread = unread_text(gray, [w.box for line in tess for w in line.words])
        reasons = worth_a_second_read(weaknesses(tess, primary, gray, unread), primary)
        if not reasons:
            return StrategyResult(tess, primary, ("tesseract",), timings=timings)

    try:
        if options.engine == "auto" and set(reasons) <= REGION_REASONS:
            if speculative is not None:  # region reads use the same model: the whole-card read stops first
                speculative.cancel()

            # Tesseract's reading is good but skipped some text or misread an address: read just those
            # regions; skipped text adds its lines, a line read in part is replaced by its reading whole,
            # an address line adds the email or website found in it.
            def read_unread() -> list[Line]:
                reread = _rapid_regions(color, unread.partly_read, options)
                patched = with_lines_read_again(tess, unread.partly_read, reread)
                return merge_engine_lines([patched, _rapid_regions(color, unread.missed, options)])

            lines = _timed(timings, "ocr_rapidocr", read_unread)
            combined = _timed(timings, "extract_rapidocr", lambda: extract(lines))
            address_lines = [
                *unread_web_addresses(tess, primary),
                *unread_email_addresses(tess, primary),
                *unread_profile_addresses(tess, primary),
            ]
            if address_lines:
                strips = across_the_card(address_lines, color.shape[1])
                reading = _timed(
                    timings, "ocr_rapidocr_addresses", lambda: _rapid_regions(color, strips, options)
                )
                combined = _with_addresses_of(combined, extract(reading))
            return StrategyResult(lines, combined, BOTH_ENGINES, timings=timings, reasons=reasons)
        if speculative is not None and speculative.color is color:
            # The whole-card read began beside Tesseract's: wait for what is left of it.
            rapid = _timed(timings, "ocr_rapidocr", speculative.result)
            timings["rapidocr_background"] = speculative.seconds
        else:
            rapid = _timed(timings, "ocr_rapidocr", lambda: _rapid(color, options))
    except ReadError as exc:  # the second engine failing (a timeout on a loaded box) costs its help only
        warning = "rapidocr_timeout" if isinstance(exc, OcrTimeout) else "rapidocr_failed"
        return StrategyResult(tess, primary, ("tesseract",), [warning], timings, reasons)
    rapid = adopt_reference_spelling(rapid, tess)
    secondary = _timed(timings, "extract_rapidocr", lambda: extract(rapid))
    merged = merge_extractions(primary, secondary)
    shown = merge_engine_lines([tess, rapid])
    return StrategyResult(shown, merged, BOTH_ENGINES, timings=timings, reasons=reasons)


def weaknesses(
    lines: Sequence[Line], extraction: Extraction, gray: np.ndarray, unread: UnreadText | None = None
) -> tuple[str, ...]:
    """Why Tesseract's reading of this card is not to be trusted alone; empty when it is good. `unread`:
    the card's unread text for these lines, when the caller has it already."""
    words = [w for line in lines for w in line.words]
    contact = extraction.contact
    reasons = []
    if not words:
        return ("no_text",)
    # Tesseract scores a split web or email address near zero even when it reads it right; once the
    # address validates, those unsure words say nothing about the reading's quality.
    validated = [box for field in ("emails", "websites") for box in extraction.sources.get(field, ())]
    scored = [
        w
        for w in words
        if w.confidence >= LOW_WORD_CONFIDENCE or not any(w.box.overlap(box) > 0.5 for box in validated)
    ] or words
    mean = sum(w.confidence for w in scored) / len(scored)
    low_share = sum(w.confidence < LOW_WORD_CONFIDENCE for w in scored) / len(scored)
    if mean < WEAK_MEAN_CONFIDENCE or low_share > WEAK_LOW_WORD_SHARE:
        reasons.append("low_confidence")
    if not contact.emails and not contact.phones:
        reasons.append("no_email_or_phone")
    elif not all(map(is_valid_email, contact.emails)) or not all(map(is_valid_phone, contact.phones)):
        reasons.append("invalid_email_or_phone")
    if not contact.name:
        reasons.append("no_name")
    if not contact.company:  # logos carry company names, and logos are where Tesseract fails most
        reasons.append("no_company")
    unread = unread if unread is not None else unread_text(gray, [w.box for w in words])
    if unread.missed:
        reasons.append("text_tesseract_missed")
    if unread.partly_read:
        reasons.append("line_partly_read")
    if unread_web_addresses(lines, extraction):
        reasons.append("unread_web_address")
    if unread_email_addresses(lines, extraction):
        reasons.append("unread_email_address")
    if unread_profile_addresses(lines, extraction):
        reasons.append("unread_profile_address")
    return tuple(reasons)


def unread_web_addresses(lines: Sequence[Line], extraction: Extraction) -> list[Box]:
    """Boxes of the lines with a word starting like a web address ('www', 'http') that no website, email
    or profile was extracted from: an address Tesseract misread past repair ('wwwvandenl yerg-part')."""
    return _unread_lines(lines, extraction, lambda text: text.lower().startswith(("www", "http")))


def unread_email_addresses(lines: Sequence[Line], extraction: Extraction) -> list[Box]:
    """Boxes of the lines with an '@' that no email, website or profile was extracted from: an address
    Tesseract misread past repair ('lorenzo.esposito@solis-trasport..it' with no website to settle it)."""
    return _unread_lines(lines, extraction, lambda text: "@" in text)


def unread_profile_addresses(lines: Sequence[Line], extraction: Extraction) -> list[Box]:
    """Boxes of the lines with a word starting like a social network's name ('linked', 'github') where the
    card has no profile on that network: its address read in pieces (small print, glare: 'linked' ...
    'hiag' for linkedin.com/in/thiago-siqueira)."""
    has = {platform for platform, value in extraction.contact.social.items() if value}
    starts = tuple(start for start, platform in _profile_name_starts().items() if platform not in has)
    return _unread_lines(lines, extraction, lambda text: text.lower().startswith(starts)) if starts else []


@functools.cache
def _profile_name_starts() -> dict[str, str]:
    """Each social network's name start long enough to tell (data/social_hosts.txt), and its network."""
    names = {host.split(".")[0]: platform for host, platform in table("social_hosts.txt").items()}
    return {
        name[:PROFILE_NAME_START]: platform
        for name, platform in names.items()
        if len(name) >= PROFILE_NAME_START and name != "threads"
    }


def across_the_card(boxes: Sequence[Box], card_width: int) -> list[Box]:
    """Each of `boxes` (lines holding an address Tesseract misread) widened to the card's width: Tesseract's
    box ends where its reading did, so a crop of it cuts the rest of the address off ('www.' alone read
    'WWH', 'W https/www!' read 'Whttps://www.h'). Lines that share a band are read once."""
    strips: list[Box] = []
    for box in sorted(boxes, key=lambda b: b.top):
        strip = Box(0, box.top, card_width, box.height)
        if strips and strip.overlap(strips[-1]) > 0.5:
            last = strips.pop()
            top, bottom = min(last.top, strip.top), max(last.bottom, strip.bottom)
            strip = Box(0, top, card_width, bottom - top)
        strips.append(strip)
    return strips


def _unread_lines(
    lines: Sequence[Line], extraction: Extraction, looks_like: Callable[[str], bool]
) -> list[Box]:
    read = [box for field in ("websites", "social", "emails") for box in extraction.sources.get(field, ())]
    return [
        line.box
        for line in lines
        if any(looks_like(w.text) and not any(w.box.overlap(b) > 0.5 for b in read) for w in line.words)
    ]


def with_lines_read_again(lines: Sequence[Line], boxes: Sequence[Box], reread: Sequence[Line]) -> list[Line]:
    """`lines` with the words inside each of `boxes` (lines Tesseract read in part) replaced by the second
    engine's reading of that line, spelled as Tesseract spelled the words both read (accents, spaces),
    where that reading has more to it than Tesseract's; lines of the crop's margin (a neighbour's cut
    letters) are not the line and are left out."""
    out = list(lines)
    respelled = adopt_reference_spelling(reread, lines)
    for box in boxes:
        inside = [w for line in out for w in line.words if _center_in(w.box, box)]
        again = [line for line in respelled if _center_in(line.box, box)]
        if _letters([w for line in again for w in line.words]) > _letters(inside):
            # Only the words inside are replaced: the other lines keep Tesseract's grouping.
            out = [Line(tuple(w for w in line.words if w not in inside)) for line in out]
            out = [line for line in out if line.words] + again
    return reading_order(out)


def _center_in(inner: Box, outer: Box) -> bool:
    x, y = inner.left + inner.width / 2, inner.top + inner.height / 2
    return outer.left <= x <= outer.right and outer.top <= y <= outer.bottom


def _letters(words: Sequence[Word]) -> int:
    return sum(c.isalnum() for w in words for c in w.text)


def _with_addresses_of(extraction: Extraction, line_reading: Extraction) -> Extraction:
    """`extraction` with the emails, websites and profile addresses a reading of its address lines found
    merged in (that reading's other fields are a crop's guesses: a line is no card). A profile is a web
    address too ('www.linkedin.com/in/aoisakamoto'); the card's name, kept from `extraction`, tells which
    reading of it was printed (merge_extractions keeps it)."""
    found = line_reading.contact
    social = {k: v for k, v in found.social.items() if v}
    if not found.emails and not found.websites and not social:
        return extraction
    pairs = (("emails", found.emails), ("websites", found.websites), ("social", social))
    fields = [f for f, values in pairs if values]
    only_addresses = Extraction(
        Contact(emails=found.emails, websites=found.websites, social=social),
        {field: line_reading.confidence.get(field, 0.0) for field in fields},
    )
    return merge_extractions(extraction, only_addresses)


def worth_a_second_read(reasons: tuple[str, ...], extraction: Extraction) -> tuple[str, ...]:
    """The weaknesses the second engine is asked about. A missing company on a card with an email is not
    one: on the 4 real cards where it was the only call for a whole-card read, RapidOCR found the company
    on one (logos defeat both engines), and those reads kept auto's median latency above 1.2 s. A missing
    name on its own is not one either: on the 10 of the 62 real dev cards where it was among the reasons,
    the second reading gave no right name (7 print none: shop and service cards), and the whole-card
    reads it alone called for changed nothing. Beside other weaknesses it stays: moving those cards from a
    whole-card read to region reads lost a value."""
    if extraction.contact.emails:
        reasons = tuple(reason for reason in reasons if reason != "no_company")
    return () if reasons == ("no_name",) else reasons


def _tesseract(gray: np.ndarray, options: ReadOptions, lang: str | None = None) -> list[Line]:
    (engine,) = engines_for("tesseract")
    lang = lang or tesseract_languages(options.lang)
    return keep_plausible_lines(engine.read_lines(gray, lang=lang, timeout_s=options.timeout_s))


def _rapid(color: np.ndarray, options: ReadOptions, cancelled: threading.Event | None = None) -> list[Line]:
    (engine,) = engines_for("rapidocr")
    if cancelled is None:
        lines = engine.read_lines(color, lang=options.lang, timeout_s=options.timeout_s)
    else:  # only RapidOCR's own engine stops between model runs (the seam's engines need not)
        read = cast(RapidOcrEngine, engine).read_lines
        lines = read(color, lang=options.lang, timeout_s=options.timeout_s, cancelled=cancelled)
    return split_joined_words(keep_plausible_lines(lines))


def _rapid_regions(color: np.ndarray, regions: Sequence[Box], options: ReadOptions) -> list[Line]:
    """RapidOCR's lines for a few regions of the card, in card pixels (small crops read fast)."""
    (engine,) = engines_for("rapidocr")
    height, width = color.shape[:2]
    lines: list[Line] = []
    for region in sorted(regions, key=lambda b: b.width * b.height, reverse=True)[:MAX_REGIONS]:
        pad = region.height // 2 + 4
        x0, y0 = max(region.left - pad, 0), max(region.top - pad, 0)
        x1, y1 = min(region.right + pad, width), min(region.bottom + pad, height)
        found = engine.read_lines(color[y0:y1, x0:x1], lang=options.lang, timeout_s=options.timeout_s)
        lines.extend(_shifted(line, x0, y0) for line in found)
    return split_joined_words(keep_plausible_lines(lines))


def _shifted(line: Line, dx: int, dy: int) -> Line:
    def moved(box: Box) -> Box:
        return Box(box.left + dx, box.top + dy, box.width, box.height)

    return Line(tuple(replace(w, box=moved(w.box)) for w in line.words))


def _timed(timings: dict[str, float], name: str, work: Callable[[], _T]) -> _T:
    started = time.perf_counter()
    try:
        return work()
    finally:
        timings[name] = round(timings.get(name, 0.0) + time.perf_counter() - started, 4)
