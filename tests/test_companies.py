"""Who do I know there: organisations from company names and work email domains; ?company= filter."""

from __future__ import annotations

import uuid

import pytest

from app.companies.names import company_key
from app.companies.organisations import Member, group, org_domain, spellings


def _contact(client, headers, **fields) -> str:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture
def library_contacts(client, make_user):
    headers = make_user()
    people = {
        "jane": {"name": "Jane Doe", "company": "New York Public Library", "emails": ["jane@nypl.org"]},
        "raj": {"name": "Raj Patel", "company": "NYPL"},
        "bob": {"name": "Bob Stone", "emails": ["bob@research.nypl.org"]},
        "ana": {"name": "Ana Lima", "company": "New York Public Library"},
        "pete": {"name": "Pete Power", "company": "NY Power League", "emails": ["pete@nyplleague.com"]},
        "gus": {"name": "Gus Gmail", "company": "Acme, Inc.", "emails": ["gus@gmail.com"]},
        "zed": {"name": "Zed Nobody", "emails": ["zed@gmail.com"]},
    }
    ids = {key: _contact(client, headers, **fields) for key, fields in people.items()}
    return headers, ids


def test_companies_group_names_acronyms_and_domains(client, library_contacts):
    headers, ids = library_contacts
    response = client.get("/v1/companies", headers=headers)
    assert response.status_code == 200
    body = response.json()
    by_name = {c["name"]: c for c in body["items"]}
    assert set(by_name) == {"New York Public Library", "NY Power League", "Acme, Inc."}
    assert body["total"] == 3
    nypl = body["items"][0]
    assert nypl["name"] == "New York Public Library"
    assert sorted(nypl["names"]) == ["NYPL", "New York Public Library"]
    assert nypl["domains"] == ["nypl.org"]
    assert nypl["contact_count"] == 4
    assert {c["id"] for c in nypl["contacts"]} == {ids["jane"], ids["raj"], ids["bob"], ids["ana"]}
    # Free mail says nothing about the employer: Acme has no domain, Zed belongs nowhere.
    assert by_name["Acme, Inc."]["domains"] == []
    assert by_name["NY Power League"]["domains"] == ["nyplleague.com"]


def test_contacts_company_filter_matches_the_whole_organisation(client, library_contacts):
    headers, ids = library_contacts
    everyone_there = {ids["jane"], ids["raj"], ids["bob"], ids["ana"]}
    for query in ("NYPL", "nypl", "New York Public Library", "new-york public library, inc.", "NYPL.org"):
        response = client.get("/v1/contacts", params={"company": query}, headers=headers)
        assert response.status_code == 200
        assert {c["id"] for c in response.json()["items"]} == everyone_there, query
        assert response.json()["total"] == 4
        companies = client.get("/v1/companies", params={"q": query}, headers=headers).json()
        assert [c["name"] for c in companies["items"]] == ["New York Public Library"], query


def test_company_filter_other_cases(client, library_contacts):
    headers, ids = library_contacts
    cases = {
        "acme": {"gus"},
        "ACME Inc": {"gus"},
        "nyplleague.com": {"pete"},
        "gmail.com": set(),
        "nobody": set(),
    }
    for query, expected in cases.items():
        response = client.get("/v1/contacts", params={"company": query}, headers=headers).json()
        assert {c["id"] for c in response["items"]} == {ids[k] for k in expected}, query


def test_company_filter_combines_with_other_filters(client, library_contacts):
    headers, ids = library_contacts
    response = client.get("/v1/contacts", params={"company": "NYPL", "q": "jane"}, headers=headers).json()
    assert [c["id"] for c in response["items"]] == [ids["jane"]]


def test_acronym_alone_never_joins(client, make_user):
    headers = make_user()
    _contact(client, headers, name="A", company="International Business Machines")
    _contact(client, headers, name="B", company="IBM")
    assert len(client.get("/v1/companies", headers=headers).json()["items"]) == 2
    # A domain that agrees with both joins them.
    _contact(client, headers, name="C", company="IBM", emails=["c@ibm.com"])
    items = client.get("/v1/companies", headers=headers).json()["items"]
    assert len(items) == 1 and items[0]["contact_count"] == 3
    assert sorted(items[0]["names"]) == ["IBM", "International Business Machines"]


def test_companies_are_per_user(client, library_contacts, make_user):
    bob = make_user()
    assert client.get("/v1/companies", headers=bob).json()["items"] == []
    assert client.get("/v1/contacts", params={"company": "NYPL"}, headers=bob).json()["total"] == 0


def test_companies_pagination_and_validation(client, library_contacts):
    headers, _ = library_contacts
    page = client.get("/v1/companies", params={"limit": 1, "offset": 1}, headers=headers).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert client.get("/v1/companies", params={"limit": 0}, headers=headers).status_code == 422


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("jane@nypl.org", "nypl.org"),
        ("bob@research.NYPL.org", "nypl.org"),
        ("x@bbc.co.uk", "bbc.co.uk"),
        ("x@news.bbc.co.uk", "bbc.co.uk"),
        ("x@gmail.com", None),
        ("x@yahoo.co.uk", None),
        ("x@gmx.de", None),
        ("broken", None),
    ],
)
def test_org_domain(email, domain):
    assert org_domain(email) == domain


def test_company_keys_and_spellings():
    assert company_key("ACME, Inc.") == company_key("Acme") == "acme"
    assert company_key("Société Générale S.A.") == "societe generale"
    assert company_key("AT&T") == "at and t"
    assert company_key("N.Y.P.L.") == "nypl"
    assert company_key("Beispiel G.m.b.H.") == "beispiel"
    assert {"nypl", "newyorkpubliclibrary"} <= spellings("new york public library")
    assert "moma" in spellings("museum of modern art")


def test_grouping_is_order_independent():
    def member(company, *emails):
        return Member(uuid.uuid4(), company, company_key(company), tuple(emails))

    members = [member("NYPL"), member("New York Public Library"), member(None, "a@nypl.org")]
    for ordering in (members, members[::-1], members[1:] + members[:1]):
        orgs = group(ordering)
        assert len(orgs) == 1 and orgs[0].name == "New York Public Library"
