"""One normal form for a website, whoever typed it (the API, the web form, a vCard import, the reader):
`https://host[/path]` with the scheme and host in lower case and no trailing slash on a bare host, so the
same site is never stored, shown or matched as two."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def normal_website(value: str) -> str:
    """'WWW.Example.com/' -> 'https://www.example.com'; text that is no web address stays as written."""
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return text
    candidate = text if "://" in text else f"https://{text}"
    try:
        parts = urlsplit(candidate)
    except ValueError:  # e.g. an unbalanced '[' in the host
        return text
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return text
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment))
