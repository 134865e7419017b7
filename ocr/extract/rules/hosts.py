"""Rules for host names (an email's domain or a website's host) as OCR reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ocr.extract.lexicon import table, words
from ocr.extract.rules.rule import Rule, substitution
from ocr.extract.validators import under_second_level_suffix, valid_domain
from ocr.extract.vocabulary import confusion, label_words

# ---------------------------------------------------------------- clean-ups of a 'www.' prefix


# 'webwww.nypl.org' / 'web.www.nypl.org': a label glued on; no real site is named like that.
_label_before_www = substitution(r"^[a-z]{1,8}[.:]?(?=www\.)", "")


_www_dash = substitution(r"^www[-_]", "www.")


def _www_dot_lost(host: str) -> Iterator[str]:
    if re.match(r"^www\d?[a-z0-9]", host) and "." in host:
        yield "www." + host[3:]


_www_letters_lost = substitution(r"^w{1,2}\.(?=[a-z0-9-]+\.)", "www.")


@cache
def _www_misread_pattern() -> re.Pattern[str]:
    # 'avww.', 'vvw.', 'mmw.', 'cww.': a first label of w's and their look-alikes, at least one w, before a
    # name and a suffix.
    others = "".join(confusion("www_misread_letters"))
    return re.compile(
        rf"^(?=[{others}w]{{2,4}}\.)(?=[{others}]*w)[{others}w]{{2,4}}\.(?=[a-z0-9-]+\.)", re.IGNORECASE
    )


def _www_misread(host: str) -> Iterator[str]:
    if not host.lower().startswith("www."):
        fixed = _www_misread_pattern().sub("www.", host)
        if fixed != host:
            yield fixed


# ---------------------------------------------------------------- two web addresses read as one


@cache
def _glued_social_host() -> re.Pattern[str]:
    # Long hosts only: 'x.com' or 'fb.me' after a letter end ordinary domains ('box.com', 'fedex.com').
    hosts = sorted((h for h in table("social_hosts.txt") if len(h) >= 9), key=len, reverse=True)
    return re.compile(r"(?<=/)([^\s/]*?[\w-])(?=(?:www\.)?(?:" + "|".join(map(re.escape, hosts)) + r")/)")


@cache
def _short_host_glued_to_profile() -> re.Pattern[str]:
    # Short hosts too, but only straight after a profile's handle on a social network ('linkedin.com/in/
    # kavya-iyerx.com/...'): a handle never holds '.com/', so there the short host starts a second address.
    hosts = sorted(table("social_hosts.txt"), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, hosts))
    return re.compile(
        rf"((?:{alternatives})/(?:in/|company/)?[\w.-]*?[\w-])(?=(?:www\.)?(?:{alternatives})/)",
        re.IGNORECASE,
    )


def _social_url_glued(text: str) -> Iterator[str]:
    """'linkedin.com/in/aoi-ishikawainstagram.com/verdant.foods' -> '... aoi-ishikawa instagram.com/...'."""
    fixed = _short_host_glued_to_profile().sub(r"\1 ", _glued_social_host().sub(r"\1 ", text))
    if fixed != text:
        yield fixed


@cache
def _com_slash_as_nv() -> re.Pattern[str]:
    names = {h.removesuffix(".com") for h in table("social_hosts.txt") if h.endswith(".com")}
    # The network's own m read as 'rn' too ('instagrarn.corn/...'): OCR's commonest confusion of m.
    spelled = sorted(names | {n.replace("m", "rn") for n in names}, key=len)
    alternatives = "|".join(map(re.escape, reversed(spelled)))
    # The dot lost instead ('linkedincom/in/...'): only a network's name of three letters or more.
    dotless = "|".join(map(re.escape, reversed([n for n in spelled if len(n) >= 3])))
    return re.compile(
        r"\b(?:(" + alternatives + r")\.(?:con(?:v/?|/)|corn/)|(" + dotless + r")com/)(?=\w)", re.IGNORECASE
    )


def _com_slash_misread(text: str) -> Iterator[str]:
    """'instagram.convhalcyon.systems' -> 'instagram.com/halcyon.systems': the 'm/' of a social network's
    '.com/' read as 'nv' (the slash's stroke joined to the m's last leg), 'n/' or 'rn/'."""
    fixed = _com_slash_as_nv().sub(lambda m: (m.group(1) or m.group(2)).replace("rn", "m") + ".com/", text)
    if fixed != text:
        yield fixed


_SUFFIX_DOT_AS_SPACE = re.compile(r"(?<![\w@.-])((?:[\w-]+\.)+[a-z]{2,4})\s+([a-z]{2})\s*$", re.IGNORECASE)


def _suffix_dot_as_space(text: str) -> Iterator[str]:
    """'verdant-robotics.co jp' at a line's end -> 'verdant-robotics.co.jp': the last dot of a two-part
    public suffix (co.jp, com.br, co.uk) read as a space. Only where the joined host sits under such a
    suffix (publicsuffixlist), and only at the end of the line ('acme.com in Paris' is left alone)."""
    match = _SUFFIX_DOT_AS_SPACE.search(text)
    if match and under_second_level_suffix(joined := f"{match.group(1)}.{match.group(2)}"):
        yield text[: match.start()] + joined


def _path_slash_lost(text: str) -> Iterator[str]:
    """'tessellate-biotech.comteam' beside tessellate-biotech.com -> 'tessellate-biotech.com/team' (the text
    is the token, then the email's domain); dots read as colons or commas count as dots."""
    token, _, domain = text.partition("\n")
    bare = re.sub(r"[:,]", ".", token.strip().lower())
    rest = bare.removeprefix(domain) if domain and bare.startswith(domain) else ""
    if re.fullmatch(r"[a-z]{3,20}", rest) and not valid_domain(bare):
        yield f"{domain}/{rest}"


# ---------------------------------------------------------------- the last dot and the top-level domain


_comma_for_dot = substitution(r"[,\s]+(?=[a-z]{2,6}$)", ".")


_hyphen_for_dot = substitution(r"-(?=[a-z]{2,6}$)", ".")


def _tld_misread(host: str) -> Iterator[str]:
    for wrong, right in confusion("tld_misreads"):
        if host.endswith("." + wrong):
            yield host[: -len(wrong)] + right


def _dot_lost_before_tld(host: str) -> Iterator[str]:
    last_label = host.rsplit(".", 1)[-1]
    for tld in confusion("dot_lost_tlds"):
        # A name before the TLD, not a misread TLD ('www.nova.cca' is no 'nova.c.ca').
        if host.endswith(tld) and "." not in host[-len(tld) - 1 :] and len(last_label) >= len(tld) + 3:
            yield host[: -len(tld)].rstrip("-") + "." + tld


# The second-level labels a business's two-part public suffix starts with ('co.jp', 'com.br', 'ac.uk').
_SECOND_LEVEL = re.compile(r"^(?P<rest>.*?)\.?(?P<sld>com|co|org|net|ac|gov|edu)(?P<cc>[a-z]{2})$")


def _suffix_dots_lost(host: str) -> Iterator[str]:
    """'kestrelcojp', 'kestrel.combr' -> 'kestrel.co.jp', 'kestrel.com.br': both dots of a two-part public
    suffix, or its inner one, lost. Only where publicsuffixlist knows the suffix and a name of three letters
    or more stands before it."""
    match = _SECOND_LEVEL.match(host)
    if match is None or len(match.group("rest").rsplit(".", 1)[-1]) < 3:
        return
    candidate = f"{match.group('rest')}.{match.group('sld')}.{match.group('cc')}"
    if under_second_level_suffix(candidate):
        yield candidate


def _second_level_misread(host: str) -> Iterator[str]:
    """'evergreen.corn.au' -> 'evergreen.com.au': the second-level label of a two-part public suffix read
    as one of its look-alikes (data/confusions.json tld_misreads). The host as read validates (.au is a
    country), so this is a clean-up: only where publicsuffixlist knows the repaired suffix and not the
    one as read, with a name before it."""
    name, _, tail = host.rpartition(".")
    rest, _, label = name.rpartition(".")
    if not rest or not tail.isalpha() or len(tail) != 2:
        return
    for wrong, right in confusion("tld_misreads"):
        if label == wrong and "." not in right:
            repaired = f"{rest}.{right}.{tail}"
            if under_second_level_suffix(repaired) and not under_second_level_suffix(host):
                yield repaired
                return


_GLUED_SECOND_LEVEL = re.compile(
    r"^(?P<rest>(?:.+\.)?)(?P<name>[a-z0-9-]{3,}?)(?P<sld>com|co|org|net)\.(?P<cc>[a-z]{2})$"
)


def _suffix_inner_dot_lost(host: str) -> Iterator[str]:
    """'soliscom.au' -> 'solis.com.au': a two-part public suffix's inner dot lost, its second-level label
    glued to the name. The host as read validates, so the card must vouch for the name (find_web)."""
    match = _GLUED_SECOND_LEVEL.match(host)
    if match is None:
        return
    candidate = f"{match['rest']}{match['name']}.{match['sld']}.{match['cc']}"
    if under_second_level_suffix(candidate) and not under_second_level_suffix(host):
        yield candidate


def _space_in_host(host: str) -> Iterator[str]:
    if " " in host:
        yield re.sub(r"(?<=\w)\s+(?=\w)", "-", host).replace(" ", "")
        yield host.replace(" ", "")


# ---------------------------------------------------------------- letters, confirmed by the card


def _label_letter_confusion(domain: str) -> Iterator[str]:
    label, dot, rest = domain.partition(".")
    for wrong, right in confusion("letter_confusions"):
        start = label.find(wrong)
        while start >= 0:
            yield label[:start] + right + label[start + len(wrong) :] + dot + rest
            start = label.find(wrong, start + 1)


def _country_code_misread(domain: str) -> Iterator[str]:
    head, dot, tld = domain.rpartition(".")
    if not dot or len(tld) != 2:
        return
    for i, letter in enumerate(tld):
        for wrong, right in confusion("country_code_misreads"):
            if letter == wrong:
                yield f"{head}.{tld[:i]}{right}{tld[i + 1 :]}"


def _webmail_misread(domain: str) -> Iterator[str]:
    """'yaho0.com' -> 'yahoo.com': one letter confusion away from a free email provider's domain (only
    providers whose name has five letters or more: 'rne.com' is no misread 'me.com')."""
    webmail = words("webmail_domains.txt")
    if domain in webmail:
        return
    for wrong, right in confusion("letter_confusions"):
        start = domain.find(wrong)
        while start >= 0:
            fixed = domain[:start] + right + domain[start + len(wrong) :]
            if fixed in webmail and len(fixed.split(".")[0]) >= 5:
                yield fixed
            start = domain.find(wrong, start + 1)


def _web_label_glued(host: str) -> Iterator[str]:
    for label in sorted(label_words("web"), key=lambda w: (-len(w), w)):
        if host.startswith(label) and len(host) > len(label):
            yield host[len(label) :]


HOST_RULES = (
    Rule(
        "host.label-before-www",
        "domain",
        "clean-up before validation: no real site has a label before 'www.'",
        _label_before_www,
        (
            ("webwww.falcon.nl", "www.falcon.nl"),
            ("web.www.falcon.nl", "www.falcon.nl"),
            ("web.falcon.nl", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.www-dash",
        "domain",
        "clean-up before validation: the dot after 'www' read as a dash",
        _www_dash,
        (("www-solis.com.au", "www.solis.com.au"), ("www.solis.com.au", None)),
        valid_domain,
    ),
    Rule(
        "host.www-dot-lost",
        "domain",
        "clean-up before validation: the dot after 'www' lost",
        _www_dot_lost,
        (("wwwnypl.org", "www.nypl.org"), ("www.nypl.org", None)),
        valid_domain,
    ),
    Rule(
        "host.www-letters-lost",
        "domain",
        "clean-up before validation: 'w.' or 'ww.' before a name and a suffix",
        _www_letters_lost,
        (("w.nypl.org", "www.nypl.org"), ("ww.acme.com", "www.acme.com"), ("w.de", None)),
        valid_domain,
    ),
    Rule(
        "host.www-misread",
        "domain",
        "clean-up before validation: a w of 'www' read as 'v', 'av' or 'm'",
        _www_misread,
        (
            ("vvw.acme.com", "www.acme.com"),
            ("mmw.harborview.pt", "www.harborview.pt"),
            ("cww.saimedha.com", "www.saimedha.com"),
            ("mw.de", None),
            ("wwf.panda.org", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.comma-for-dot",
        "domain",
        "the repaired host validates (a real top-level domain)",
        _comma_for_dot,
        (("nypl,org", "nypl.org"), ("acme com", "acme.com"), ("nypl.org", None)),
        valid_domain,
    ),
    Rule(
        "host.hyphen-for-dot",
        "domain",
        "the repaired host validates, and the host as read did not",
        _hyphen_for_dot,
        (("www.oakridge-pt", "www.oakridge.pt"), ("www.oakridge-xyzzy", None)),
        valid_domain,
    ),
    Rule(
        "host.tld-misread",
        "domain",
        "the repaired host validates, and the host as read did not (data/confusions.json tld_misreads)",
        _tld_misread,
        (
            ("nypl.corn", "nypl.com"),
            ("nypl.c0m", "nypl.com"),
            ("nypl.con", "nypl.com"),
            ("summit.comau", "summit.com.au"),
            ("nypl.org", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.dot-lost-before-tld",
        "domain",
        "the repaired host validates (data/confusions.json dot_lost_tlds)",
        _dot_lost_before_tld,
        (
            ("nyplorg", "nypl.org"),
            ("falconnl", "falcon.nl"),
            ("nypl-org", "nypl.org"),
            ("www.nova.cca", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.second-level-misread",
        "domain",
        "publicsuffixlist knows the two-part suffix with its second-level label repaired ('com.au') and not "
        "the one as read ('corn.au'; data/confusions.json tld_misreads)",
        _second_level_misread,
        (
            ("evergreen.corn.au", "evergreen.com.au"),
            ("lumen-robotics.corn.br", "lumen-robotics.com.br"),
            ("kestrel.c0.jp", "kestrel.co.jp"),
            ("www.evergreen.corn.au", "www.evergreen.com.au"),
            ("evergreen.com.au", None),
            ("corn.au", None),
            ("popcorn.de", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.suffix-inner-dot-lost",
        "domain",
        "publicsuffixlist knows the two-part suffix with the dot put back ('com.au'), and the card prints "
        "the name before it as a word of its own, never glued to the suffix ('Solis' beside 'soliscom.au')",
        _suffix_inner_dot_lost,
        (
            ("soliscom.au", "solis.com.au"),
            ("www.falcon-analyticsco.uk", "www.falcon-analytics.co.uk"),
            ("chevrolestecom.br", "chevroleste.com.br"),
            ("solis.com.au", None),
            ("com.au", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.suffix-dots-lost",
        "domain",
        "the host as read does not validate, and with the dots of a two-part public suffix put back "
        "(publicsuffixlist: co.jp, com.br) it does",
        _suffix_dots_lost,
        (
            ("kestrelcojp", "kestrel.co.jp"),
            ("kestrel.combr", "kestrel.com.br"),
            ("northgate-analyticscouk", "northgate-analytics.co.uk"),
            ("cojp", None),
            ("falcom", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.space-in-host",
        "domain",
        "the repaired email validates: a hyphen read as a space, or a stray gap",
        _space_in_host,
        (("meridian logistica.es", "meridian-logistica.es"), ("acme.c om", "acme.com"), ("acme.com", None)),
        valid_domain,
    ),
    Rule(
        "host.label-letter-confusion",
        "domain",
        "the card's other text spells the repaired first label ('MacDonald Law' for macdonaldiaw.ca)",
        _label_letter_confusion,
        (("macdonaldiaw.ca", "macdonaldlaw.ca"), ("hemandez.es", "hernandez.es"), ("dexter.com", None)),
        valid_domain,
    ),
    Rule(
        "host.country-code-misread",
        "domain",
        "the repaired top-level domain is the card's own country's",
        _country_code_misread,
        (("vandenberglaw.ni", "vandenberglaw.nl"), ("lumen.tr", "lumen.fr"), ("acme.de", None)),
        valid_domain,
    ),
    Rule(
        "host.webmail-misread",
        "domain",
        "a free email provider's domain (data/webmail_domains.txt), one letter confusion away",
        _webmail_misread,
        (
            ("yaho0.com", "yahoo.com"),
            ("gmai1.com", "gmail.com"),
            ("hotrnail.com", "hotmail.com"),
            ("rne.com", None),
        ),
        valid_domain,
    ),
    Rule(
        "host.social-url-glued",
        "text",
        "a web address's path runs straight into a social network's host and its path "
        "(data/social_hosts.txt; hosts under nine letters only after a profile's handle): two addresses side "
        "by side, the space lost",
        _social_url_glued,
        (
            (
                "linkedin.com/in/aoi-ishikawainstagram.com/verdant.foods",
                "linkedin.com/in/aoi-ishikawa instagram.com/verdant.foods",
            ),
            ("x.com/janedoegithub.com/janed", "x.com/janedoe github.com/janed"),
            ("github.com/janedoe", None),  # one address
            ("mygithub.com/team", None),  # a host of its own, no path before it
            ("linkedin.com/in/kavya-iyerx.com/kavyaiyer", "linkedin.com/in/kavya-iyer x.com/kavyaiyer"),
            ("https://fedex.com/track", None),  # a short host after a scheme, not after a profile
        ),
        lambda _: True,
    ),
    Rule(
        "host.suffix-dot-read-as-space",
        "text",
        "the host joined at the space sits under a two-part public suffix (publicsuffixlist: co.jp, com.br), "
        "and the second part ends the line",
        _suffix_dot_as_space,
        (
            ("verdant-robotics.co jp", "verdant-robotics.co.jp"),
            ("W https://www.halcyon-materials.co jp", "W https://www.halcyon-materials.co.jp"),
            ("www.lumen.com br", "www.lumen.com.br"),
            ("www.acme.com in Paris", None),  # not at the line's end
            ("www.acme.de jp", None),  # de.jp is no public suffix
            ("jane@acme.co jp", None),  # an email's domain is the email rules' business
        ),
        lambda _: True,
    ),
    Rule(
        "host.social-com-slash-misread",
        "text",
        "a social network's name (data/social_hosts.txt, a .com host; its m may be read 'rn') then '.conv', "
        "'.con/' or '.corn/' (or 'com/', its dot lost) and a handle: its '.com/'",
        _com_slash_misread,
        (
            ("instagram.convhalcyon.systems", "instagram.com/halcyon.systems"),
            ("linkedin.convin/beatriz-araujo", "linkedin.com/in/beatriz-araujo"),
            ("linkedin.conv/in/priya-chatterjee", "linkedin.com/in/priya-chatterjee"),  # the slash read too
            ("x.con/alistairiqbal", "x.com/alistairiqbal"),  # the m read as n
            ("linkedin.corn/in/ananya-chatterjee", "linkedin.com/in/ananya-chatterjee"),  # m read as rn
            ("instagrarn.corn/lumen.foods", "instagram.com/lumen.foods"),
            ("linkedincom/in/jane-doe", "linkedin.com/in/jane-doe"),  # the dot lost
            ("xcom/jane", None),
            ("www.convention.com", None),  # no social network's name before it
        ),
        lambda _: True,
    ),
    Rule(
        "host.path-slash-lost",
        "domain",
        "the token is an email domain printed on the card, then letters that make no valid host: the "
        "site's path, its slash lost (the text is the token, then the email's domain)",
        _path_slash_lost,
        (
            ("tessellate-biotech.comteam\ntessellate-biotech.com", "tessellate-biotech.com/team"),
            ("northgate:co:ukteam\nnorthgate.co.uk", "northgate.co.uk/team"),
            ("acme.com\nacme.co", None),  # one letter more: another host
            ("acme.comteam\nbeta.com", None),  # not the email's domain
        ),
        lambda _: True,
    ),
    Rule(
        "host.web-label-glued",
        "domain",
        "the rest is an email's domain, or the card's text spells its first label and not the glued one",
        _web_label_glued,
        (("wnguyen.com", "nguyen.com"), ("webnguyen.com", "nguyen.com"), ("nguyen.com", None)),
        valid_domain,
    ),
)
