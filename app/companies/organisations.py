"""Who works where: contacts grouped into organisations by company name and by work email domain.

"NYPL", "New York Public Library" and jane@nypl.org are one organisation when the domain agrees: the same
domain links contacts directly, and a company name links to a domain when it spells the domain's name
("nypl" in nypl.org) either whole or as its initials. Names alone never join on initials, so two unrelated
companies that share an acronym stay apart unless an email domain says otherwise.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

from app.companies.names import company_key, email_domain

# Mailbox providers: an address there says nothing about the employer. Matched by the domain's name, so
# yahoo.co.uk and gmx.de are covered along with yahoo.com and gmx.net.
FREE_MAIL_NAMES = {
    "aol", "gmail", "googlemail", "gmx", "hey", "hotmail", "icloud", "live", "mac", "me", "msn",
    "outlook", "pm", "proton", "protonmail", "tutanota", "yahoo", "yandex", "ymail", "zoho", "fastmail",
    "mailbox", "posteo", "web", "freenet", "t-online", "orange", "free", "laposte", "libero", "mail",
    "qq", "163", "126", "naver", "comcast", "verizon", "att", "btinternet", "sky", "rocketmail", "inbox",
}  # fmt: skip
# Words that acronyms usually skip ("Bank of America" -> BoA, "Museum of Modern Art" -> MoMA).
MINOR_WORDS = {"of", "and", "the", "for", "de", "du", "der", "die", "la", "le", "y", "und", "et", "at"}


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    # The list ships inside the package: nothing is downloaded at run time.
    return PublicSuffixList()


def org_domain(email: str) -> str | None:
    """The employer's registrable domain of an address (mail.nypl.org -> nypl.org); None for free mail."""
    domain = email_domain(email)
    return _org_of_domain(domain) if domain and "." in domain else None


@lru_cache(maxsize=4096)
def _org_of_domain(domain: str) -> str | None:
    # Cached: a user's thousands of addresses share a few hundred domains.
    registrable = _suffixes().privatesuffix(domain) or domain
    if domain_name(registrable) in FREE_MAIL_NAMES:
        return None
    return registrable


def domain_name(domain: str) -> str:
    """The part of a registrable domain its owner chose: nypl.org -> nypl, bbc.co.uk -> bbc."""
    suffix = _suffixes().publicsuffix(domain) or ""
    return domain[: -len(suffix) - 1] if suffix and domain.endswith("." + suffix) else domain.split(".")[0]


def spellings(key: str) -> set[str]:
    """How a company key may appear as a domain name: whole, without spaces, or as its initials."""
    words = key.split()
    forms = {key.replace(" ", ""), key.replace(" ", "-")}
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words))
        major = [w for w in words if w not in MINOR_WORDS]
        if len(major) >= 2:
            forms.add("".join(w[0] for w in major))
    return forms


@dataclass(frozen=True)
class Member:
    contact_id: uuid.UUID
    company: str | None
    company_key: str | None
    emails: tuple[str, ...]


@dataclass
class Organisation:
    name: str
    names: list[str]
    domains: list[str]
    keys: set[str]
    contact_ids: list[uuid.UUID] = field(default_factory=list)

    def answers_to(self, query: str) -> bool:
        """True when `query` (a company name, an acronym or a domain) names this organisation."""
        text = query.strip().lower()
        if "@" in text:
            text = text.rpartition("@")[2]
        if "." in text and " " not in text:
            registrable = _suffixes().privatesuffix(text) or text
            if registrable in self.domains:
                return True
        key = company_key(query)
        if not key:
            return False
        if key in self.keys:
            return True
        names_of_domains = {domain_name(d) for d in self.domains}
        return key.replace(" ", "") in names_of_domains or key.replace(" ", "-") in names_of_domains


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)


def group(members: Iterable[Member]) -> list[Organisation]:
    """Organisations of the given contacts, largest first; contacts with neither company nor work email
    belong to none."""
    uf = _UnionFind()
    domains_of_key: dict[str, set[str]] = {}
    placed: list[tuple[Member, set[str]]] = []
    for member in members:
        domains = {d for e in member.emails if (d := org_domain(e))}
        if not member.company_key and not domains:
            continue
        placed.append((member, domains))
        node = ("contact", member.contact_id)
        if member.company_key:
            uf.union(node, ("key", member.company_key))
            domains_of_key.setdefault(member.company_key, set()).update(domains)
        for domain in domains:
            uf.union(node, ("domain", domain))
    all_domains = {d for _, domains in placed for d in domains}
    by_name: dict[str, list[str]] = {}
    for domain in all_domains:
        by_name.setdefault(domain_name(domain), []).append(domain)
    for key, key_domains in domains_of_key.items():
        for form in spellings(key):
            for domain in by_name.get(form, []):
                # The name spells a domain; join them unless this name's people all mail from elsewhere.
                if not key_domains or domain in key_domains:
                    uf.union(("key", key), ("domain", domain))

    groups: dict[object, list[tuple[Member, set[str]]]] = {}
    for member, domains in placed:
        groups.setdefault(uf.find(("contact", member.contact_id)), []).append((member, domains))
    organisations = [_organisation(items) for items in groups.values()]
    organisations.sort(key=lambda o: (-len(o.contact_ids), o.name.lower()))
    return organisations


def _organisation(items: list[tuple[Member, set[str]]]) -> Organisation:
    spelled = Counter(m.company.strip() for m, _ in items if m.company and m.company.strip())
    domains = sorted({d for _, ds in items for d in ds})
    # The most used spelling names it; on a tie the longer one, since "New York Public Library" says
    # more than "NYPL".
    ranked = sorted(spelled.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    name = ranked[0][0] if ranked else domains[0]
    return Organisation(
        name=name,
        names=[n for n, _ in ranked],
        domains=domains,
        keys={m.company_key for m, _ in items if m.company_key},
        contact_ids=[m.contact_id for m, _ in items],
    )
