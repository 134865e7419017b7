"""Websites, the company domain and social handles (LinkedIn URL, Twitter/X handle)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz.distance import Levenshtein

from ocr.extract.layout import Hit, Segment, hit
from ocr.extract.lexicon import table, words
from ocr.extract.repair import repair_domain, with_www_misread_fixed
from ocr.extract.rules import rule
from ocr.extract.vocabulary import label_pattern

_URL = re.compile(
    r"(?P<scheme>https?\s?:\s?/\s?/\s?)?(?P<host>(?:www\d?\s?[.,]\s?)?[a-z0-9][a-z0-9-]*(?:[.,][a-z0-9-]+)+)"
    r"(?P<path>/[^\s,;|]*)?",
    re.IGNORECASE,
)
# Any prefix before 'linkedin.com': the LinkedIn icon is often read as a letter ('ilinkedin.com/in/x').
# OCR reads the slashes as spaces, 'i', 'l' or '|': 'linkedin.com in jane', 'linkedin.comiinijane'.
# Its l and i are read for each other ('iinkedin.com', 'linkedln.com'). Without 'linkedin.com' only a real
# slash will do: 'in/jane'.
# The 'l' may be lost with the dot before it ('wwwinkedin.com/in/x'), and a quote mark read before the
# handle ('in/‘jane').
# A handle's hyphen OCR read with a space after it ('malte- scholz') is one handle.
_HANDLE_PATTERN = r"(?=[\w%-]{2})[\w%]+(?:-\s?[\w%]+)*-?"
_LINKEDIN = re.compile(
    r"[l1|i]?inked[il1|]n\.?com\s*(?:/|[il|](?=in|company|pub)|\s)\s*(?P<kind>in|company|pub)"
    rf"\s*(?:/|[il|]|\s)\s*['‘’`]?(?P<handle>{_HANDLE_PATTERN})"
    rf"|(?:^|\s)(?P<kind2>in|company|pub)/['‘’`]?(?P<handle2>{_HANDLE_PATTERN})"
    # The host's start lost or its dot read as ': ' or a gap ('in.com/in/joao', 'linkedin: com/in/malte'):
    # LinkedIn's '/in/' profile path after what is left of 'linkedin.com' vouches for it.
    rf"|(?:^|\s)(?:[l1|i]?inked|nked|ked|ed|d)?[il1|]n\s?[.:]?\s?com\s?/\s?in/(?P<handle3>{_HANDLE_PATTERN})",
    re.IGNORECASE,
)
_TWITTER_URL = re.compile(r"(?:https?://)?(?:www\.)?(?:twitter|x)\.com/@?(?P<handle>\w{1,15})", re.IGNORECASE)
# 'Twitter: jdubois': a labelled handle printed without its '@' (the whole line).
_TWITTER_LABELLED = re.compile(r"^\s*twitter\s*[:.]?\s+(?P<handle>[A-Za-z0-9_]{1,15})\s*$", re.IGNORECASE)
# '©' is an '@' as OCR reads it ('©annika_bruc'); a copyright notice has a space or a year after it.
_HANDLE = re.compile(
    r"(?:^|(?<=[\s:]))[@©](?P<handle>(?=[A-Za-z0-9_]*[A-Za-z_])[A-Za-z0-9_]{2,15})\b(?![.@-]\w)"
)
# Without 'www' or a scheme, a domain must be written as one: real dots and no spaces.
_BARE_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
_LINKEDIN_HOST = re.compile(r"[l1|i]inked[il1|]n\.")
# A web label, then one dotless word: 'W kruegerde', 'Website: acmecom'.
_WEB_LABEL = label_pattern("web") + r"\s*[:.]?"
_DOTLESS_HOST = r"(?P<host>[a-z0-9][a-z0-9-]{3,})"
_WEB_LABELLED = re.compile(rf"^\s*{_WEB_LABEL}\s+{_DOTLESS_HOST}\s*$", re.IGNORECASE)
_WEB_LABEL_START = re.compile(rf"^\s*{_WEB_LABEL}\s+", re.IGNORECASE)
# The same with the label in a column of its own, read as the segment before on the same line.
_WEB_LABEL_ALONE = re.compile(rf"^\s*{_WEB_LABEL}\s*$", re.IGNORECASE)
_DOTLESS_HOST_ALONE = re.compile(rf"^\s*{_DOTLESS_HOST}\s*$", re.IGNORECASE)


@dataclass
class WebFindings:
    websites: list[Hit] = field(default_factory=list)
    linkedin: Hit | None = None
    twitter: Hit | None = None
    social: dict[str, Hit] = field(default_factory=dict)  # other networks by platform ('facebook')


def _normalise_site(scheme: str | None, host: str, path: str | None) -> str:
    scheme_text = "http://" if scheme and scheme.lower().replace(" ", "").startswith("http:") else "https://"
    path = (path or "").rstrip("/.")
    return f"{scheme_text}{host}{path}"


def find_web(segments: Sequence[Segment], email_domains: frozenset[str]) -> WebFindings:
    """Websites in reading order (normalised with a scheme), and social handles.

    A bare domain ('nypl.org' without www or scheme) counts only when its top-level domain exists; it is
    a website even when it is also the email domain, since cards print it for that reason.
    """
    found = WebFindings()
    bare_linkedin = False
    for index, segment in enumerate(segments):
        # A social network's '.com/' read as '.conv' is put back, and two profile addresses printed side
        # by side and read as one word are taken apart (the space shifts later offsets by one, inside
        # the same word).
        raw = rule("host.social-url-glued").rewrite(
            rule("host.social-com-slash-misread").rewrite(
                rule("host.suffix-dot-read-as-space").rewrite(segment.raw)
            )
        )
        linkedin = _LINKEDIN.search(raw)
        # A bare 'in/...' may be a web address's end whose dot OCR lost ('verdant-materials in/team'): a
        # profile printed with linkedin.com's host is surer, and replaces it.
        if linkedin and (found.linkedin is None or (bare_linkedin and linkedin.group("kind"))):
            kind = (linkedin.group("kind") or linkedin.group("kind2") or "in").lower()
            handle = re.sub(
                r"\s", "", linkedin.group("handle") or linkedin.group("handle2") or linkedin["handle3"]
            )
            found.linkedin = hit(f"https://www.linkedin.com/{kind}/{handle}", segment, *linkedin.span())
            bare_linkedin = not linkedin.group("kind")
        handle = _handle_not_a_domain(raw)
        if handle and (network := network_named_beside(segments, index, handle)) not in (None, "twitter"):
            # '@fedor_k (Telegram)', 'IG: @studio.x': another network's handle, never the X one.
            if network not in found.social:
                found.social[network] = hit("@" + handle.group("handle"), segment, *handle.span())
            handle = None
        twitter = _TWITTER_URL.search(raw) or handle or _TWITTER_LABELLED.search(raw)
        if twitter and found.twitter is None:
            found.twitter = hit("@" + twitter.group("handle"), segment, twitter.start(), twitter.end())
        # 'www.atias-construcoes.', 'wwsummit.ca', 'pioneerfr': web addresses too damaged to validate, or
        # validating wrongly, that an email's domain on the card spells within a letter.
        labelled = _web_label_before(segments, index) or bool(_WEB_LABEL_START.match(raw))
        elsewhere = words_besides(segments, segment)
        rescued = _email_domains_misread(raw, email_domains, labelled, elsewhere)
        for site, start, end in rescued:
            found.websites.append(hit(f"https://{site}", segment, start, end, 0.7))
        joined, removed = _email_domains_rejoined(raw, email_domains)
        for match in _URL.finditer(joined):
            start = _original_index(match.start(), removed)
            end = _original_index(match.end() - 1, removed) + 1
            if any(start < r_end and r_start < end for _, r_start, r_end in rescued):
                continue
            if any(c in raw[max(0, start - 1) : end + 1] for c in "@©®") or raw[:start].rstrip()[-1:] == "@":
                continue  # part of an email address ('ideluca@ gallistudio.it' too)
            host_text = with_www_misread_fixed(re.sub(r"\s", "", match.group("host")))
            prefixed = bool(match.group("scheme")) or host_text.lower().startswith("www")
            if not prefixed and not _BARE_DOMAIN.match(match.group("host")):
                continue  # 'San Diego, CA' or 'Securics, Inc' are not domains
            host = repair_domain(host_text.replace(",", "."))
            if host is None or _LINKEDIN_HOST.search(host):
                continue
            host = inner_suffix_dot_put_back(host, elsewhere)
            path = (match.group("path") or "").rstrip("/.")
            misread = misread_profile_host(host, path)
            if platform := social_platform(host) or (misread and table("social_hosts.txt")[misread]):
                # A profile on a social network ('facebook.com/putrajaya') is social, never the website.
                handle = path.strip("/").rpartition("/")[2]
                new = platform not in found.social and platform not in _OWN_PATTERNS
                if new and len(handle) >= MIN_HANDLE:
                    host = social_host(host) or misread or host
                    url = _normalise_site(match.group("scheme"), host, path)
                    found.social[platform] = hit(url, segment, start, end)
                continue
            if not prefixed and not _plausible_bare_domain(host, email_domains):
                continue
            site = _normalise_site(match.group("scheme"), host, match.group("path"))
            found.websites.append(hit(site, segment, start, end, 1.0 if prefixed else 0.85))
        labelled = _WEB_LABELLED.match(raw) or _labelled_in_column(segments, index)
        if not any(h.segment is segment for h in found.websites) and labelled:
            # 'W kruegerde': the label vouches for a website, so a dot lost before a common TLD is put back.
            host = repair_domain(labelled.group("host"))
            if host is not None:
                found.websites.append(hit(f"https://{host}", segment, *labelled.span("host"), 0.7))
    return found


def one_per_host(websites: Sequence[Hit]) -> list[Hit]:
    """The first website of each host (with or without 'www.'), in reading order. find_web keeps every
    one it reads, so that a host read twice stays when its first reading turns out to be an email's
    domain ('Email jane lumen.com' with its '@' lost, then 'www.lumen.com')."""
    seen: set[str] = set()
    kept = []
    for website in websites:
        key = host_of(website.value).removeprefix("www.")
        if key not in seen:
            seen.add(key)
            kept.append(website)
    return kept


def words_besides(segments: Sequence[Segment], segment: Segment) -> frozenset[str]:
    """The lower-case words of every segment of the card but `segment`."""
    return frozenset(
        w for other in segments if other is not segment for w in re.split(r"\W+", other.text.lower()) if w
    )


def inner_suffix_dot_put_back(host: str, words_elsewhere: frozenset[str]) -> str:
    """'soliscom.au' -> 'solis.com.au' where the card prints every word of the name ('Solis Group') and
    never the name glued to the suffix (rule host.suffix-inner-dot-lost); else the host as read. Websites'
    hosts and emails' domains alike (`words_elsewhere`: the words of the card's other segments)."""
    for candidate in rule("host.suffix-inner-dot-lost").propose(host):
        name = candidate.split(".")[-3]
        glued = host.split(".")[-2]
        if glued not in words_elsewhere and all(part in words_elsewhere for part in name.split("-") if part):
            return candidate
    return host


# An email's '@' with a gap before it and its domain's dots lost ('contact @saffroncom', 'jo @cedarcomau'):
# the local part before it and a dotless public suffix at the end say it is no X handle.
_DOTLESS_SUFFIX = re.compile(r"(?:com|org|net|edu|gov)(?:[a-z]{2})?$|co(?:uk|jp|in|nz|za|kr|id|th)$")
_LOCAL_PART_BEFORE = re.compile(r"(?:^|\s)[A-Za-z0-9][\w.+-]*\s$")


def _handle_not_a_domain(raw: str) -> re.Match[str] | None:
    """The first '@handle' of the segment that is not an email's dotless domain read apart from its local
    part."""
    for match in _HANDLE.finditer(raw):
        domain_like = _DOTLESS_SUFFIX.search(match.group("handle").lower())
        if not (domain_like and _LOCAL_PART_BEFORE.search(raw[: match.start()])):
            return match
    return None


def network_named_beside(segments: Sequence[Segment], index: int, handle: re.Match[str]) -> str | None:
    """The social network (data/social_labels.txt) whose name is printed right beside the '@handle' in
    segment `index`: the word before it or after it, or the nearest word of the segment next to it on
    the same line (a label in a column of its own); None when none names one."""
    segment = segments[index]
    beside = segment.raw[: handle.start()].split()[-1:] + segment.raw[handle.end() :].split()[:1]
    for neighbour, take in ((index - 1, -1), (index + 1, 0)):
        if 0 <= neighbour < len(segments) and segments[neighbour].line_index == segment.line_index:
            beside += segments[neighbour].raw.split()[take:][:1]
    names = table("social_labels.txt")
    return next((names[w] for w in (w.strip("()[]:.,|-").lower() for w in beside) if w in names), None)


def social_platform(host: str) -> str | None:
    """'www.facebook.com' -> 'facebook' (data/social_hosts.txt); None for a host no social network's.
    A long host one letter off ('insagram.com') is the network's too: no firm's domain is that close."""
    hosts = table("social_hosts.txt")
    bare = host.lower().removeprefix("www.").removeprefix("m.")
    exact = hosts.get(bare) or next((p for h, p in hosts.items() if bare.endswith("." + h)), None)
    near = social_host(bare)
    return exact or (hosts[near] if near else None)


def social_host(host: str) -> str | None:
    """The social network's host that `host` spells with one letter misread ('insagram.com' ->
    'instagram.com'), for hosts of 9 letters or more; None otherwise (an exact host included)."""
    return _near_social_host(host, 1, 9)


def _near_social_host(host: str, letters_off: int, shortest: int) -> str | None:
    """The first social network's host of `shortest` letters or more that `host` misspells in at most
    `letters_off` letters (never `host` itself)."""
    bare = host.lower().removeprefix("www.").removeprefix("m.")
    return next(
        (
            h
            for h in table("social_hosts.txt")
            if len(h) >= shortest and 0 < Levenshtein.distance(bare, h) <= letters_off
        ),
        None,
    )


# A profile's handle of one character is a line cut at the card's edge ('github.com/j' of github.com/joaoalb).
MIN_HANDLE = 2
_OWN_PATTERNS = ("linkedin", "twitter")  # read by _LINKEDIN and the X patterns, not by host

# A profile's address whose network name OCR misread in two or three letters ('inkedn.com//kavya',
# 'hhakedin.com/in/bnanna'): the path vouches for it where the host alone would not.
_PROFILE_HOST_DISTANCE = 2
_LINKEDIN_PROFILE_PATH = re.compile(r"^/+in/[\w-]+", re.IGNORECASE)
_LINKEDIN_LABEL_DISTANCE = 3


def misread_profile_host(host: str, path: str) -> str | None:
    """The social network's host (data/social_hosts.txt) that `host` misspells, when `path` names a profile
    on it: two letters off for hosts of ten letters or more, or LinkedIn's '/in/name' under a host whose
    name is three letters or fewer from 'linkedin'. None otherwise, and for an exact host."""
    if not path.strip("/"):
        return None
    bare = host.lower().removeprefix("www.")
    if bare in table("social_hosts.txt"):
        return None
    if near := _near_social_host(host, _PROFILE_HOST_DISTANCE, 10):
        return near
    label = bare.split(".")[0]
    if (
        _LINKEDIN_PROFILE_PATH.match(path)
        and Levenshtein.distance(label, "linkedin") <= _LINKEDIN_LABEL_DISTANCE
    ):
        return "linkedin.com"
    return None


def _labelled_in_column(segments: Sequence[Segment], index: int) -> re.Match[str] | None:
    """'kruegerde' after a 'W' segment of the same line: the dotless host, or None."""
    return _DOTLESS_HOST_ALONE.match(segments[index].raw) if _web_label_before(segments, index) else None


def _web_label_before(segments: Sequence[Segment], index: int) -> bool:
    """Whether the segment before, on the same line, is a web label alone ('W' | 'granite.')."""
    before = segments[index - 1] if index else None
    return (
        before is not None
        and before.line_index == segments[index].line_index
        and bool(_WEB_LABEL_ALONE.match(before.raw))
    )


_WWW_PREFIX = re.compile(r"^(?:https?[:;]?/*)?w{2,3}\d?[.,:;-]?", re.IGNORECASE)


def _email_domains_misread(
    raw: str,
    email_domains: frozenset[str],
    labelled: bool = False,
    words_elsewhere: frozenset[str] = frozenset(),
) -> list[tuple[str, int, int]]:
    """Each web-address-like token of the segment that spells an email's domain with a lost or misread dot,
    prefix or letter, as (site, start, end). Tokens spelled exactly as the domain are left to the URL path.
    `labelled`: a web label is printed before the segment's first word, which vouches for it as 'www' does.
    `words_elsewhere`: the words the card's other segments print (lower case)."""
    found = []
    for match in re.finditer(r"\S+", raw):
        token = match.group().lower().rstrip(".,;:")
        if "@" in token or len(token) < 5:
            continue
        stripped = _WWW_PREFIX.sub("", token)
        prefixed = stripped != token
        # 'acme.de/team': the domain is compared without its path, and the site keeps the path
        bare, slash, rest = stripped.partition("/")
        path = f"/{rest}".rstrip("/.") if slash else ""
        host_token = token.removesuffix(slash + rest)
        glued = next(
            (
                site
                for d in sorted(email_domains)
                if (site := rule("host.path-slash-lost").first(f"{bare}\n{d}"))
            ),
            None,
        )
        if glued is not None:
            found.append((("www." if prefixed else "") + glued, match.start(), match.end()))
            continue
        for domain in sorted(email_domains):
            spelled, whole, name = fold_host(bare), fold_host(domain), fold_host(domain.partition(".")[0])
            # Behind 'www' one misread letter ('www.nova.cca', 'wwoakker.ni' for bakker.nl), or the top-level
            # domain lost ('www.atias-construcoes.'), still names the domain.
            near_whole = Levenshtein.distance(spelled, whole) <= 1 and len(name) >= 4
            near_name = (
                min(Levenshtein.distance(spelled, name), Levenshtein.distance(_label(bare), name)) <= 1
            )
            # '-partner.es' beside '@gomez-partner.es', 'iverbend.de' beside '@riverbend.de': a web address
            # whose start OCR lost (at a hyphen, or inside its name: at a dot it is the parent domain).
            cut_in_name = (
                domain.endswith(bare)
                and len(bare) < len(domain)
                and domain[-len(bare) - 1] != "."
                and _starts_address(raw[: match.start()])
                # 'lumen.co.jp' beside '@Ilumen.co.jp' under 'Lumen Logistics': the card's other text
                # prints the name as read, so the email has a letter too many, not the site one too few.
                and not (len(_label(bare)) >= 4 and _label(bare) in words_elsewhere)
            )
            truncated = (
                (token.startswith("-") or cut_in_name) and len(spelled) >= 5 and whole.endswith(spelled)
            )
            if (
                spelled != whole
                and not truncated
                and not (
                    (prefixed or (labelled and _starts_address(raw[: match.start()])))
                    and (near_whole or (near_name and len(name) >= 5))
                )
            ):
                continue
            damaged_prefix = prefixed and not token.startswith(("www.", "http"))  # 'wwoakker.ni'
            if (
                bare != domain
                and not truncated
                and repair_domain(bare) not in (None, domain)
                and not damaged_prefix
            ):
                # a valid domain spelled otherwise ('meridianlogistica.es', 'summit.comau' beside
                # '@sumimit.com.au'): what the card prints, left to the URL path and the cross-check
                break
            if host_token not in (domain, f"www.{domain}"):
                end = match.end() + _split_tld_length(raw[match.end() :], match.group(), domain)
                found.append((("www." if prefixed else "") + domain + path, match.start(), end))
            break
    return found


def _split_tld_length(after: str, token: str, domain: str) -> int:
    """'www.gallistudio. it' beside '@gallistudio.it': OCR broke the address after its dot, and the word
    after it is the domain's top-level domain; the characters it takes (spaces included) belong to the
    address, or they are left behind as free text ('W it' taken for a department). 0 otherwise."""
    tail = re.match(r"\s+([A-Za-z.]+)(?=\s|$)", after)
    if (
        not token.endswith(".")
        or tail is None
        or tail.group(1).lower().strip(".") != domain.partition(".")[2]
    ):
        return 0
    return tail.end()


def _starts_address(before: str) -> bool:
    """Whether a token after this text starts the segment's address (nothing or a web label before it),
    rather than continuing one OCR broke up ('c.ruiz@meridian logistica.es')."""
    return not before.strip() or bool(_WEB_LABEL_ALONE.match(before))


def _label(host: str) -> str:
    return fold_host(host.split(".")[0])


def fold_host(host: str) -> str:
    """Letters and digits of a host name only: 'atlas-construcoes.pt' -> 'atlasconstrucoespt'."""
    return re.sub(r"[^a-z0-9]", "", host.lower())


def _email_domains_rejoined(raw: str, email_domains: frozenset[str]) -> tuple[str, list[int]]:
    """The text with a space OCR put inside a copy of an email's domain taken out ('www.nova-en
    genharia.pt' beside '@nova-engenharia.pt'), and the positions in `raw` of the spaces taken out."""
    removed: list[int] = []
    for domain in email_domains:
        spaced = r"\s?".join(re.escape(c) for c in domain)
        for match in re.finditer(spaced, raw, re.IGNORECASE):
            removed += [match.start() + i for i, c in enumerate(match.group()) if c.isspace()]
    if not removed:
        return raw, []
    return "".join(c for i, c in enumerate(raw) if i not in set(removed)), sorted(set(removed))


def _original_index(index: int, removed: Sequence[int]) -> int:
    """Where the character at `index` of the rejoined text is in the raw text."""
    for position in removed:
        if position <= index:
            index += 1
    return index


def _plausible_bare_domain(host: str, email_domains: frozenset[str]) -> bool:
    """'nypl.org' yes; 'S.A' or 'Str.3' no (those fail the TLD check earlier); short labels need help."""
    labels = host.split(".")
    if host in email_domains:
        return True
    return len(labels[0]) >= 3 and any(c.isalpha() for c in labels[0])


def company_domain(emails: Sequence[str], websites: Sequence[str]) -> str | None:
    """The organisation's domain, its own name first: the first website's registrable domain
    ('cww.saimedha.com' -> 'saimedha.com'), unless a non-webmail email domain's name is a part of the
    website's ('prasangpresidency.com' beside 'mail-prasangpresidency.com'); else the first non-webmail
    email domain, else a webmail address as 'local.gmail.com' (so its first label is the shop's name)."""
    own = [d for d in (e.rpartition("@")[2] for e in emails) if not is_webmail_as_read(d)]
    for site in websites:
        host = registrable_domain(re.sub(r"^https?://", "", site).split("/")[0])
        name = host.split(".")[0]
        inside = [d for d in own if len(d.split(".")[0]) >= 4 and d.split(".")[0] in name]
        return inside[0] if inside else host
    if own:
        return own[0]
    # A shop with a webmail address often names itself in the local part: dimariorestaurante@gmail.com.
    for email in emails:
        local, _, domain = email.rpartition("@")
        return f"{local}.{domain}"
    return None


@cache
def _webmail_names() -> frozenset[str]:
    """Free email providers' names ('gmail', 't-online'), from data/webmail_domains.txt."""
    return frozenset(d.split(".")[0] for d in words("webmail_domains.txt"))


def is_webmail(domain: str) -> bool:
    """'gmail.com', 'yahoo.co.in': a free email provider's domain, which names no firm."""
    return domain.lower().split(".")[0] in _webmail_names()


def is_webmail_as_read(domain: str) -> bool:
    """A mail provider's domain, also as OCR misreads it ('yaho0.com', 'gmai1.com')."""
    name = domain.lower().split(".")[0]
    names = _webmail_names()
    if name in names:
        return True
    return len(name) >= 5 and any(len(w) >= 5 and Levenshtein.distance(name, w) == 1 for w in names)


def registrable_domain(host: str) -> str:
    """The host without a leading 'www' or what OCR made of it ('cww.saimedha.com' -> 'saimedha.com');
    other subdomains stay ('blaiklock.uk.com' is a name under 'uk.com')."""
    first, _, rest = host.lower().partition(".")
    www_like = 3 <= len(first) <= 4 and set(first) <= set("wvcmn") and Levenshtein.distance(first, "www") <= 1
    return rest if www_like and rest.count(".") >= 1 else host.lower()


def host_of(url: str) -> str:
    """'https://www.nypl.org/about' -> 'www.nypl.org'."""
    return url.split("://", 1)[-1].split("/", 1)[0].lower()
