"""Fields that vouch for each other: an OCR slip in one copy of a domain or a name is outvoted by the others.

A card prints its domain in the email addresses and the website, and the person's name in the name line
and (usually) the email's local part. When two copies differ by a letter or two, the spelling that the
card repeats, or that its other text confirms, is the one printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Levenshtein

from ocr.extract.layout import Hit, Segment
from ocr.extract.lexicon import gazetteer, gazetteer_name
from ocr.extract.names import SPELLED_OUT, address_name_forms, email_agreement, end_lost, given_names
from ocr.extract.rules import rule
from ocr.extract.text import fold
from ocr.extract.validators import valid_domain
from ocr.extract.vocabulary import confusion
from ocr.extract.web import host_of
from ocr.word_list import english_word_costs


def _same_domain(a: str, b: str) -> bool:
    """'meridian.it' and 'menidian.it': one or two letters apart, same top-level domain."""
    if a == b or a.rsplit(".", 1)[-1] != b.rsplit(".", 1)[-1] or min(len(a), len(b)) < 6:
        return False
    return Levenshtein.distance(a, b) <= (1 if min(len(a), len(b)) < 10 else 2)


def canonical_domains(domains: Sequence[str], texts: Sequence[str]) -> dict[str, str]:
    """Each domain read on the card -> the spelling of it the card most supports: more copies first,
    then a label that the card's other text spells ('MERIDIAN' for meridian.it over menidian.it), then
    the spelling with more dots ('northgate.co.uk' over 'northgateco.uk': OCR loses dots, it does not
    make them up)."""
    folded_text = " ".join(fold(_capital_i_misread(t)) for t in texts)

    def support(domain: str) -> tuple[int, bool, int, int]:
        label = fold(domain.split(".")[0])
        in_text = len(label) >= 3 and label in folded_text
        return domains.count(domain), in_text, domain.count("."), -domains.index(domain)

    chosen = {d: max((o for o in domains if o == d or _same_domain(o, d)), key=support) for d in domains}
    spelled = {
        d: _spelled_by_text([o for o in domains if o == d or _same_domain(o, d)], texts) for d in domains
    }
    return {
        d: spelled[d] or _worded_by_text(_confirmed_by_text(c, folded_text), texts) for d, c in chosen.items()
    }


# How much likelier, in wordninja's costs (-log of a word's Zipf probability), the card's spelling must be
# than the label as read: 'brightwater' 17.7 against 'brightwaler' 32.2, 'halcyon' 13.8 against 'naicyon'
# 26.1; a German label and its misreading cost alike ('maschinenbau' 46.3, 'maschinendau' 42.6).
WORDED_MARGIN = 6.0


def _worded_by_text(domain: str, texts: Sequence[str]) -> str:
    """'brightwaler.co.jp' under 'Brightwater Systems' -> 'brightwater.co.jp': a domain a letter from the
    card's words takes their spelling when that spelling is made of words and the label as read is not.
    The company's large print is misread too ('Lronbark Systems' over ironbark.com): the spelling made of
    words is the printed one, whichever copy has it."""
    label, dot, tld = domain.partition(".")
    worded = _worded(label, {s for text in texts for s in domain_spellings(text)})
    return f"{worded}{dot}{tld}" if worded else domain


def handle_worded_by_text(value: str, texts: Sequence[str]) -> str:
    """'instagram.com/haicyon.materials' under 'Halcyon Materials' -> '.../halcyon.materials': each word
    of a profile handle, as `_worded_by_text` does for a domain's label."""
    handle = handle_of(value)
    spellings = {s for text in texts for s in domain_spellings(text)}
    fixed = re.sub(r"[a-z]{5,}", lambda m: _worded(m.group(), spellings) or m.group(), handle)
    head, _, tail = value.rpartition(handle)
    return f"{head}{fixed}{tail}"


def _worded(label: str, spellings: set[str]) -> str | None:
    costs = english_word_costs()
    if costs is None or len(label) < 5 or not label.replace("-", "").isalpha() or label in spellings:
        return None
    near = {
        s
        for s in spellings
        if len(s) >= 5
        and s.replace("-", "").isalpha()
        and abs(len(s) - len(label)) <= 1  # letters misread or one lost, not a word and more ('gregoirerv')
        # One letter only: two let a logo's misread start rewrite a long label ('0 Briain Law' made
        # obriainiaw.co.uk 'briainlaw.co.uk', where one letter, 'obriainlaw', was printed).
        and Levenshtein.distance(s, label) == 1
    }
    if len(near) != 1:
        return None
    spelling = near.pop()

    cheaper = costs.split_cost(spelling.replace("-", "")) + WORDED_MARGIN <= costs.split_cost(
        label.replace("-", "")
    )
    return spelling if cheaper else None


def _spelled_by_text(copies: Sequence[str], texts: Sequence[str]) -> str | None:
    """'jose@tdewater.es' beside 'idewater.es' under 'TIDEWATER INGENIERÍA S.L.': the card's copies of its
    domain disagree (OCR damaged both), and one word of its text, or a run of its words joined as domains
    join them ('Ostrava Partners' for 'ostrave-partners' beside 'ostrava-pariners'), is within a letter of
    each of them (two for labels of ten letters or more, as _same_domain): that is the domain's name. None
    when the copies agree or no single spelling fits."""
    labels = {c.partition(".")[0] for c in copies}
    tlds = {c.partition(".")[2] for c in copies}
    if len(labels) < 2 or len(tlds) != 1 or not all(label.replace("-", "").isalnum() for label in labels):
        return None
    spellings = {spelling for text in texts for spelling in domain_spellings(text)}
    if labels & spellings:
        return None  # the text spells one of the copies as read: canonical_domains' support prefers it
    fitting = {
        spelling
        for spelling in spellings
        if len(spelling) >= 5
        and spelling not in labels
        and all(Levenshtein.distance(spelling, label) <= _letters_apart(label) for label in labels)
    }
    # 'ostrava-partners' and 'ostravapartners' both fit two copies spelled with a hyphen: the nearer wins.
    distance = {f: sum(Levenshtein.distance(f, label) for label in labels) for f in fitting}
    nearest = [f for f in fitting if distance[f] == min(distance.values(), default=0)]
    return f"{nearest[0]}.{tlds.pop()}" if len(nearest) == 1 else None


def _letters_apart(label: str) -> int:
    return 1 if len(label) < 10 else 2


def domain_spellings(text: str) -> set[str]:
    """A line's words, and runs of two or three of them joined by nothing or a hyphen, as domain labels."""
    words = [re.sub(r"[^0-9a-z]", "", fold(w)) for w in text.split()]
    words = [w for w in words if w]
    runs = {words[i : i + n] and tuple(words[i : i + n]) for n in (2, 3) for i in range(len(words) - n + 1)}
    return set(words) | {joiner.join(run) for run in runs for joiner in ("", "-")}


def _capital_i_misread(text: str) -> str:
    """Put back before the card's text is allowed to correct an address ('lronwood S.A.' must not turn
    ironwood.es into lronwood.es)."""
    return rule("text.capital-i-read-as-l").rewrite(text)


def _confirmed_by_text(domain: str, folded_text: str) -> str:
    """'macdonaldiaw.ca' -> 'macdonaldlaw.ca' when the card prints 'MacDonald Law': an l read as i (or the
    reverse, or 'rn' for 'm') fixed only when the card's own text spells the fixed label."""
    label = domain.partition(".")[0]
    if len(label) < 4 or fold(label) in folded_text:
        return domain
    repairs = rule("host.label-letter-confusion").propose(domain)
    return next((c for c in repairs if fold(c.partition(".")[0]) in folded_text), domain)


def country_tld(domain: str, region: str) -> str:
    """'vandenberglaw.ni' on a Dutch card is vandenberglaw.nl, 'lumen.tr' on a French one lumen.fr: a
    country code with a letter OCR confuses in small type, fixed to the card's own country."""
    own = "uk" if region.upper() == "GB" else region.lower()
    head = domain.rpartition(".")[0]
    repairs = rule("host.country-code-misread").propose(domain)
    return next((c for c in repairs if c == f"{head}.{own}"), domain)


def _without_glued_label(host: str, email_domains: Sequence[str], folded_text: str) -> str:
    """'wnguyen.com' / 'webnguyen.com' -> 'nguyen.com': a 'W' or 'Web' label OCR glued to the address, cut
    only when the card confirms the rest (an email domain, or its text spells the rest's first label and
    not the glued one)."""
    label = host.split(".")[0]
    if host in email_domains or host.startswith("www.") or fold(label) in folded_text:
        return host
    for rest in rule("host.web-label-glued").propose(host):
        rest_label = rest.split(".")[0]
        if valid_domain(rest) and (
            rest in email_domains or (len(rest_label) >= 3 and fold(rest_label) in folded_text)
        ):
            return rest
    return host


def repair_local_part(
    email: str, name_tokens: Sequence[str], before: str | None = None, read_as: str | None = None
) -> str:
    """The email with its local part fixed to agree with the person's name, when one small repair does:
    a swapped l/i/1/o/0, a stray first character ('efmoreau' for François Moreau's 'fmoreau'), an
    separator OCR read as a gap between the given name and the rest ('lachlan smith@' -> 'lachlan.smith@':
    a dot, as name separators on cards are dots far more often than underscores), or
    the start of the address OCR garbled so the match skipped it ('|.sanchez@', 'Jachlan:walker@').
    `before` is the word printed just before the address, if any; `read_as` the word the address is in."""
    local, _, domain = email.partition("@")
    if not name_tokens or email_agreement(name_tokens, [local]) == 1.0:
        return email
    candidates = _with_skipped_start(local, read_as)
    # 'noahicote' for Noah Côté's 'noah.cote': the dot between the names read as a thin letter.
    candidates += rule("local.dot-misread").propose(local)
    if read_as and read_as.lower().startswith("." + local + "@") and name_tokens[0][:1].isalpha():
        # '.sanchez@' left of a lost 'l' ('|' taken for a separator): no address starts with a dot, and an
        # initial before it is the usual pattern; kept only if it then agrees with the name.
        candidates.append(f"{fold(name_tokens[0])[:1]}.{local}")
    # 'ikim' for lkim, 'hemandez' for Hernández.
    candidates += rule("local.letter-confusion").propose(local)
    candidates += rule("local.letter-confusion-throughout").propose(local)
    candidates.append(local[1:])
    # 'courrielb.dubois' for Benoît Dubois: the label read onto the address without its colon.
    candidates += rule("local.label-glued").propose(local)
    if before and before.isalpha():
        candidates += [f"{before.lower()}.{local}", f"{before.lower()}_{local}"]
    elif before and before[:-1].isalpha() and before[-1] in "._-":  # 'matthias. zimmermann@'
        candidates.append(f"{before.lower()}{local}")
    for candidate in candidates:
        if (
            len(candidate) >= 2
            and _plausible_local(candidate)
            and email_agreement(name_tokens, [candidate]) == 1.0
        ):
            return f"{candidate}@{domain}"
    if one_letter_off := _one_letter_from_name(local, name_tokens):
        return f"{one_letter_off}@{domain}"
    # 'e.fvandenberg@' for Femke van den Berg: the 'E.' label read onto the address.
    if (
        len(local) > 3
        and local[0] in "em"
        and local[1] in ".:"
        and fold(name_tokens[0])[:1] != local[0]
        and email_agreement(name_tokens, [local[2:]]) >= max(0.8, email_agreement(name_tokens, [local]))
    ):
        return f"{local[2:]}@{domain}"
    # 'elukas@' for Lukas Müller: a stray first character before the plain given name.
    if email_agreement(name_tokens, [local]) < 0.8 <= email_agreement(name_tokens, [local[1:]]):
        return f"{local[1:]}@{domain}"
    return email


# A local part this long or longer may have one letter misread: shorter ones ('jdoe') are too close to
# other people's addresses.
ONE_LETTER_MIN = 5


def _one_letter_from_name(local: str, name_tokens: Sequence[str]) -> str | None:
    """'katto.nakamura' -> 'kaito.nakamura' for Kaito Nakamura, 'iiley_nguyen' -> 'riley_nguyen': a local
    part one letter from a spelling of the person's name (address_name_forms), whatever the letter (small
    print misreads more pairs than data/confusions.json lists), with its separators kept. Only where the
    misread piece is no name of the gazetteers itself ('jan.smith' beside Jon Smith may be Jan's address)
    and one spelling alone is that close. None otherwise."""
    letters = [i for i, c in enumerate(local) if c.isalpha()]
    folded = "".join(local[i].lower() for i in letters)
    if len(folded) < ONE_LETTER_MIN or not local.isascii() or len(letters) != len(fold(local)):
        return None
    forms = {f for f in address_name_forms(list(name_tokens)) if len(f) == len(folded)}
    near = [f for f in forms if sum(a != b for a, b in zip(f, folded, strict=True)) == 1]
    if len(near) != 1:
        return None
    at = next(i for i, (a, b) in enumerate(zip(near[0], folded, strict=True)) if a != b)
    position = letters[at]
    piece_start = max(local.rfind(sep, 0, position) for sep in "._-") + 1
    piece_ends = [i for i in (local.find(sep, position) for sep in "._-") if i >= 0]
    misread_piece = local[piece_start : min(piece_ends, default=len(local))].lower()
    if gazetteer_name(misread_piece):
        return None
    fixed = local[:position] + near[0][at] + local[position + 1 :]
    # The letter must be one of a whole name word's ('kaito'), not an initial's: 'igandhi' beside a name
    # read 'J. Gandhi' is no 'jgandhi' (the initial is what large print misreads as often).
    offset = position - piece_start
    piece = fixed[piece_start : piece_start + len(misread_piece)].lower()
    words = {fold(t.translate(SPELLED_OUT)) for t in name_tokens} | {fold(t) for t in name_tokens}
    covered = any(
        start <= offset < start + len(word)
        for word in words
        if len(word) >= 3
        for start in range(len(piece))
        if piece.startswith(word, start)
    )
    return fixed if covered else None


def _plausible_local(local: str) -> bool:
    """No local part starts or ends with a separator or doubles one."""
    return local[0] not in "._-" and local[-1] not in "._-" and ".." not in local


def _with_skipped_start(local: str, read_as: str | None) -> list[str]:
    """The local part with what the email match skipped in front of it put back, its misread dot or l
    fixed, plus that with one letter swapped as in data/confusions.json (and J for l)."""
    if not read_as:
        return []
    position = read_as.lower().find(local + "@")
    # What OCR makes of the dot and the l at the start of an address: 'Jachlan:walker', '|.sanchez'.
    start_misreads = str.maketrans(confusion("start_misreads"))
    skipped = read_as[:position].lower().translate(start_misreads) if position > 0 else ""
    if not skipped or not all(c.isalnum() or c in "._-" for c in skipped):
        return []
    restored = skipped + local
    swaps = {**_single_letter_confusions(), "j": "l"}
    return [restored] + [
        restored[:i] + swaps[c] + restored[i + 1 :] for i, c in enumerate(skipped) if c in swaps
    ]


def _single_letter_confusions() -> dict[str, str]:
    single: dict[str, str] = {}
    for wrong, right in confusion("letter_confusions"):
        if len(wrong) == len(right) == 1:
            single.setdefault(wrong, right)  # the first listed ('v' for 'w' before 'v' for 'y')
    return single


def reconciled(
    emails: list[Hit], websites: list[Hit], segments: Sequence[Segment]
) -> tuple[list[Hit], list[Hit]]:
    """Emails and websites with near-duplicate domains spelled one way, duplicates dropped."""
    hosts = [host_of(w.value).removeprefix("www.") for w in websites]
    # The confirming text is the card's other text: the email and web lines would confirm themselves.
    used = {h.segment.order for h in (*emails, *websites)}
    texts = [s.text for s in segments if s.order not in used]
    email_domains = [e.value.rsplit("@", 1)[1] for e in emails]
    folded_text = " ".join(fold(t) for t in texts)
    unlabelled = [_without_glued_label(h, email_domains, folded_text) for h in hosts]
    canonical = canonical_domains(email_domains + unlabelled, texts)
    fixed_emails = [
        replace(e, value=f"{e.value.rsplit('@', 1)[0]}@{canonical[e.value.rsplit('@', 1)[1]]}")
        for e in emails
    ]
    fixed_sites = [
        replace(w, value=w.value.replace(h, canonical[u], 1))
        for w, h, u in zip(websites, hosts, unlabelled, strict=True)
    ]
    return _unique(fixed_emails), _unique(fixed_sites)


def _unique(hits: list[Hit]) -> list[Hit]:
    """The first hit of each value, in order."""
    first = {h.value: h for h in reversed(hits)}
    return [h for h in hits if first[h.value] is h]


def agreeing_local_part(email: Hit, name_tokens: list[str]) -> Hit:
    first = min(email.word_indices)
    before = email.segment.words[first - 1].text if first > 0 else None
    fixed = repair_local_part(email.value, name_tokens, before, email.segment.words[first].text)
    return (
        email
        if fixed == email.value
        else replace(email, value=fixed, confidence=round(email.confidence * 0.9, 3))
    )


# German addresses spell umlauts out ('mueller' for Müller): spelled back when the name shows the vowel.
_UMLAUTS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"))


def handle_of(value: str) -> str:
    """'https://www.linkedin.com/in/bjoerngross' -> 'bjoerngross', '@kweiss' -> 'kweiss'."""
    return value.rstrip("/").rsplit("/", 1)[-1].lstrip("@")


def name_spelled_by_address(name: str, locals_: Sequence[str]) -> str:
    """'Charlotte Tavlor' beside charlotte.taylor@, 'Sören Grok' beside soeren_gross@: one word of the name
    a letter or two from what an email address (or profile handle) built from the name spells, the rest of
    the name agreeing with it, takes the address's spelling. Large print loses letters OCR reads surely in
    small print: 'y' as 'v', 'ß' as 'f' or 'k', a final 's' dropped. `locals_`: local parts and handles."""
    tokens = _fragments_joined(name.split(), locals_)
    locals_ = [fold(x) for x in locals_ if len(fold(x)) >= 4]
    # Every address must agree: 'rmalhotra@' agrees with 'Rahaa Malhotra' as well as with Rohan's name,
    # while '@rohanmalhotra' beside it spells the given name.
    if len(tokens) < 2 or not locals_ or all(email_agreement(tokens, [x]) == 1.0 for x in locals_):
        return " ".join(tokens)
    proposals: set[tuple[int, int, str]] = set()
    # A word an agreeing address spells whole is confirmed ('Harriet' by harriet.thornton@, whatever a
    # handle cut to '@harriet' suggests).
    agreeing = [x for x in locals_ if email_agreement(tokens, [x]) == 1.0]
    for index, token in enumerate(tokens):
        read = fold(token)
        # A digit in a name word is a misread letter ('7oé' for Zoé, 'Wei8' for Weiß): such a word may be
        # respelled too; other symbols mark no name word.
        if len(read) < 3 or not token.isalnum() or sum(c.isalpha() for c in token) < 2:
            continue
        if any(read in x for x in agreeing):
            continue
        most = 1 if len(read) < 4 else 2
        # An address the name agrees with as read spells nothing to mend: 'g.goncalves@' agrees with
        # 'Gonçalo Gonçalves', and its 'gonca' (a name too) must not replace the given name.
        for local in (x for x in locals_ if x not in agreeing):
            for start in range(len(local)):
                for end in range(start + len(read) - most, min(len(local), start + len(read) + most) + 1):
                    piece = local[start:end]
                    if len(piece) < 3 or not 0 < Levenshtein.distance(read, piece) <= most:
                        continue
                    if start == 0 and piece == read[1:]:
                        continue  # 'in/arissa-araujo' for Larissa: the address lost its first letter

                    # 'Raghunatha' beside raghunathan@: the name's end lost, the address ending in it whole.
                    others = [fold(t) for t in tokens if t != token]
                    cut_end = end == len(local) and end_lost(read, piece, others)
                    if not _known_name(piece) and not cut_end:
                        # 'Nguyen' beside 'ashley_nguven@': the address is what OCR misread; 'tmurakam@':
                        # a login cut short, not a spelling of the name.
                        continue
                    fixed = [
                        *tokens[:index],
                        _cased_like(token, _umlauts_back(piece, read)),
                        *tokens[index + 1 :],
                    ]
                    if email_agreement(fixed, [local]) == 1.0 or (cut_end and start == 0):
                        proposals.add((Levenshtein.distance(read, piece), index, fixed[index]))
    if not proposals:
        return " ".join(tokens)
    best = min(proposals)
    # Two different spellings equally close: no telling which the card printed.
    if sum(d == best[0] for d, _, _ in proposals) > 1:
        return " ".join(tokens)
    return " ".join([*tokens[: best[1]], best[2], *tokens[best[1] + 1 :]])


def _fragments_joined(tokens: list[str], locals_: Sequence[str]) -> list[str]:
    """'Ww e sley Brennan' beside wesley.brennan@: large bold print OCR broke into pieces (a lone lower-case
    letter among them), joined into the word an address spells between its separators (within a letter)."""
    spelled = {w for local in locals_ for w in re.split(r"[._-]", local.lower()) if len(w) >= 4}
    for size in (3, 2):
        for start in range(len(tokens) - size + 1):
            pieces = tokens[start : start + size]
            # A broken word leaves a lower-case letter alone ('e'); an initial is a capital, and a particle
            # ('De Luca', 'Li Na') has two letters or more.
            if not any(len(p) == 1 and p.islower() for p in pieces) or not all(p.isalpha() for p in pieces):
                continue
            if sorted(len(p) for p in pieces)[-2] > 2:
                continue
            joined = fold("".join(pieces))
            near = {w for w in spelled if Levenshtein.distance(joined, fold(w)) <= 1}
            if len(near) == 1:
                word = near.pop()
                return [*tokens[:start], word[:1].upper() + word[1:], *tokens[start + size :]]
    return tokens


def _known_name(word: str) -> bool:
    """A given or family name names-dataset lists ('gross' as it lists it, 'groß')."""
    spellings = {word, word.replace("ss", "ß")} | {word.replace(a, b) for a, b in _UMLAUTS}
    return any(s in given_names() or s in gazetteer("family_names.txt") for s in spellings)


def _umlauts_back(piece: str, read: str) -> str:
    """'mueller' read as 'Muller': the name printed 'Müller' (the umlaut OCR dropped), not 'Mueller'."""
    for spelled, umlaut in _UMLAUTS:
        if spelled in piece and fold(piece.replace(spelled, umlaut)) == read:
            return piece.replace(spelled, umlaut)
    return piece


def _cased_like(token: str, piece: str) -> str:
    if token.isupper():
        return piece.upper()
    # '7oé': a digit read for the capital, so the first letter decides nothing; a name starts with one.
    capital = token[:1].isupper() or token[:1].isdigit()
    return piece[:1].upper() + piece[1:] if capital else piece


def handle_agrees(handle: str, name_tokens: Sequence[str]) -> bool:
    """Whether a profile handle is built from the person's name. Digits after the name ('rubenlourenco7')
    tell one holder of the name from another: the name agrees with the letters before them. Handles are
    short ('@maelle_gaut', 15 letters on X): the given name and the start of the family name agree too."""
    core = handle.rstrip("0123456789")
    if len(core) < 4 or not name_tokens:
        return False
    if email_agreement(name_tokens, [core]) == 1.0:
        return True
    parts = [fold(t) for t in name_tokens if fold(t)]
    letters = fold(core)
    given, family = (parts[0], parts[-1]) if len(parts) >= 2 else ("", "")
    cut = len(letters) - len(given)
    return bool(given) and letters.startswith(given) and cut >= 3 and family.startswith(letters[len(given) :])


def handle_agreeing(value: str, name_tokens: Sequence[str]) -> str:
    """A profile URL or handle whose handle is one OCR slip from the person's name, repaired to agree:
    'linkedin.com/in/sebastianfermandez' ('rn' read as 'm') for Sebastián Fernández, and 'in/orenzomarino'
    for Lorenzo Marino (the 'l' after the slash read as part of it). Left as read otherwise."""
    handle = handle_of(value)
    if not name_tokens or len(handle) < 4 or not value.endswith(handle):
        return value

    if handle_agrees(handle, name_tokens):
        return value
    initial = fold(name_tokens[0])[:1]
    # A lost initial ('orenzomarino'), or an icon read as a letter before the handle ('@bharuto_saka').
    candidates = [*rule("local.letter-confusion").propose(handle), initial + handle, handle[1:]]
    candidates += [one for one in [_one_letter_from_name(handle, name_tokens)] if one]  # 'solene-pertin'
    for candidate in candidates:
        # A repair never turns a letter at the end into a digit ('maltevo' for Malte Voß, read 'Malte VoB',
        # is no 'maltev' + '0'): digits after the name are what the card printed, not what a confusion made.
        if _trailing_digits(candidate) > _trailing_digits(handle):
            continue
        if handle_agrees(candidate, name_tokens):
            return value[: len(value) - len(handle)] + candidate
    return value


def _trailing_digits(handle: str) -> int:
    return len(handle) - len(handle.rstrip("0123456789"))


_GAP_THEN_WORD = re.compile(r"\s+([a-z0-9]{3,14})\b")
X_HANDLE_MAX = 15  # characters of an X/Twitter handle


def handle_underscore_restored(value: str, text: str, name_tokens: Sequence[str]) -> str:
    """'@Harriet thor' beside the name Harriet Thornton is '@Harriet_thor': OCR reads an underscore, thin
    and on the baseline, as a gap. An X handle holds only letters, digits and underscores, so a lower-case
    word right after it that starts one of the person's names not yet in the handle is its rest (within
    the handle's 15 characters). Left as read otherwise."""
    handle = value.removeprefix("@")
    at = text.lower().find("@" + handle.lower())
    following = _GAP_THEN_WORD.match(text, at + 1 + len(handle)) if at >= 0 else None
    if following is None or len(handle) + 1 + len(following.group(1)) > X_HANDLE_MAX:
        return value
    word = following.group(1)
    names = {fold(t) for t in name_tokens if len(t) >= 3}
    if any(n.startswith(word) and n not in fold(handle) for n in names):
        return f"@{handle}_{word}"
    return value


# A given name of fewer letters is too often a word or another name's start ('al', 'ed').
MIN_ADDRESS_NAME_PART = 3


def name_from_addresses(addresses: Sequence[str], printed: Sequence[str]) -> str | None:
    """The person's name spelled by an email's local part or a profile handle, given name then family name
    ('beatriz.tavares', 'mareikescholz', 'sonke_kuhn'), when the card has no name line of its own (OCR ran
    it into another line or garbled it) and prints one of the two words elsewhere. The given name must be
    in the gazetteer, the family name in it or printed; each word takes its printed spelling ('Brückner'
    for 'bruckner') where the card prints it. None when no address, or more than one, spells a name so."""
    spellings = {}
    for word in printed:
        folded = fold(word.strip(".,:;()"))
        if len(folded) >= MIN_ADDRESS_NAME_PART and folded.isalpha():
            spellings.setdefault(folded, word.strip(".,:;()"))
    found = {
        name
        for address in addresses
        for given, family in _given_and_family(fold(address).rstrip("0123456789"))
        if (name := _printed_name(given, family, spellings)) is not None
    }
    return found.pop() if len(found) == 1 else None


def _given_and_family(local: str) -> list[tuple[str, str]]:
    """Each way `local` reads as a given name then a family name: at its one separator, or (without one) at
    each letter."""
    pieces = [p for p in re.split(r"[._-]", local) if p]
    if len(pieces) == 2:
        splits = [(pieces[0], pieces[1])]
    elif len(pieces) == 1:
        word = pieces[0]
        splits = [(word[:i], word[i:]) for i in range(MIN_ADDRESS_NAME_PART, len(word) - 1)]
    else:
        return []
    return [
        (given, family)
        for given, family in splits
        if given.isalpha() and family.isalpha() and min(len(given), len(family)) >= MIN_ADDRESS_NAME_PART
    ]


def _printed_name(given: str, family: str, spellings: dict[str, str]) -> str | None:
    def printed(piece: str) -> str | None:
        if piece in spellings:
            return spellings[piece]
        # A letter misread in print ('Sanke' for sonke_kuhn): the address spells the word.
        near = [w for f, w in spellings.items() if len(piece) >= 5 and Levenshtein.distance(f, piece) == 1]
        return piece if len(near) == 1 else None

    printed_given, printed_family = printed(given), printed(family)
    if printed_given is None and printed_family is None:
        return None
    if given not in given_names() or not (printed_family or family in gazetteer("family_names.txt")):
        return None
    words = (printed_given or given, printed_family or family)
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words)
