"""The web UI over HTTP (no browser): sign-in, sessions, CSRF, isolation, pages and the no-JS upload flow."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from app.contacts.schemas import ContactCreate
from app.contacts.service import create_contact, get_contact
from app.db import unit_of_work
from app.followups.state import current_follow_up
from app.main import create_app
from app.users.repository import get_by_email
from app.users.service import create_user
from models import Contact, Scan

PASSWORD = "correct horse battery"
# Sessions, CSRF and headers live in the web layer, not in the database: those tests run on SQLite only,
# which keeps the suite fast. Everything that stores or queries data runs on SQLite and PostgreSQL.
web_layer_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def new_account(client: TestClient, email: str | None = None) -> str:
    email = email or f"web-{uuid.uuid4().hex[:8]}@example.com"
    with unit_of_work(client.app.state.meishi.sessions) as session:
        create_user(session, email, PASSWORD)
    return email


def sign_in(client: TestClient, email: str) -> None:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin", data={"email": email, "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def add_contact(client: TestClient, email: str, **fields) -> uuid.UUID:
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, email)
        return create_contact(session, user, ContactCreate(**fields)).id


def load_contact(client: TestClient, email: str, contact_id: uuid.UUID):
    with unit_of_work(client.app.state.meishi.sessions) as session:
        contact = get_contact(session, get_by_email(session, email), contact_id)
        follow_up = current_follow_up(contact)
        return contact, follow_up


@pytest.fixture
def signed_in(client) -> str:
    email = new_account(client)
    sign_in(client, email)
    return email


def page_token(client: TestClient, path: str = "/contacts") -> str:
    return csrf_of(client.get(path).text)


# --- sign-in, sessions -------------------------------------------------------------------------------


@web_layer_only
def test_pages_redirect_to_sign_in(client):
    for path in ("/", "/contacts", "/follow-ups", f"/contacts/{uuid.uuid4()}", f"/cards/{uuid.uuid4()}"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/signin?next=%2F"), path


@web_layer_only
def test_an_unknown_address_is_a_page_for_browsers_and_json_for_the_api(client):
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = client.get("/no-such-page", headers=browser)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    assert client.get("/no-such-page").json()["error"]["code"] == "not_found"  # no Accept: html
    api = client.get("/v1/no-such-thing", headers=browser)
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


@web_layer_only
def test_wrong_password_shows_the_form_again(client):
    email = new_account(client)
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin", data={"email": email, "password": "wrong password", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Wrong email or password" in response.text
    assert client.get("/contacts", follow_redirects=False).status_code == 303


@web_layer_only
def test_sign_in_goes_back_where_you_were_and_sign_out_ends_it(client):
    email = new_account(client)
    first = client.get("/follow-ups", follow_redirects=False)
    sign_in_page = client.get(first.headers["location"])
    assert 'name="next" value="/follow-ups"' in sign_in_page.text
    response = client.post(
        "/signin",
        data={
            "email": email,
            "password": PASSWORD,
            "next": "/follow-ups",
            "csrf_token": csrf_of(sign_in_page.text),
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/follow-ups"
    page = client.get("/follow-ups")
    assert page.status_code == 200 and email in page.text
    out = client.post("/signout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/follow-ups", follow_redirects=False).status_code == 303


@web_layer_only
def test_sign_in_never_redirects_off_site(client):
    email = new_account(client)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        client.cookies.clear()
        token = csrf_of(client.get("/signin").text)
        response = client.post(
            "/signin",
            data={"email": email, "password": PASSWORD, "next": target, "csrf_token": token},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/", target


@web_layer_only
def test_sign_in_rotates_the_csrf_token(client):
    email = new_account(client)
    before = csrf_of(client.get("/signin").text)
    sign_in(client, email)
    assert page_token(client) != before


def _session_cookie_header(client: TestClient) -> str:
    response = client.get("/signin")
    return next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "meishi_session" in v)


@web_layer_only
def test_session_cookie_is_http_only_and_same_site(client):
    header = _session_cookie_header(client).lower()
    assert "httponly" in header
    assert "samesite=lax" in header
    assert "secure" not in header.replace("samesite", "")


@web_layer_only
def test_session_cookie_is_secure_when_configured(settings):
    app = create_app(settings.model_copy(update={"cookie_secure": True}), migrate=False)
    with TestClient(app) as secure_client:
        assert "; secure" in _session_cookie_header(secure_client).lower()


@web_layer_only
def test_session_cookie_is_signed(client, signed_in):
    forged = client.cookies.get("meishi_session")[:-4] + "AAAA"
    client.cookies.set("meishi_session", forged)
    assert client.get("/contacts", follow_redirects=False).status_code == 303


# --- CSRF ----------------------------------------------------------------------------------------------


@web_layer_only
def test_sign_in_without_or_with_a_wrong_csrf_token_is_refused(client):
    email = new_account(client)
    client.get("/signin")
    missing = client.post("/signin", data={"email": email, "password": PASSWORD}, follow_redirects=False)
    assert missing.status_code == 403
    wrong = client.post(
        "/signin", data={"email": email, "password": PASSWORD, "csrf_token": "x" * 43}, follow_redirects=False
    )
    assert wrong.status_code == 403
    assert "did not come from Meishi" in wrong.text
    assert client.get("/contacts", follow_redirects=False).status_code == 303, "must not be signed in"


@web_layer_only
def test_every_form_post_needs_the_token(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace", emails=["ada@example.com"])
    other = TestClient(client.app)
    other_token = csrf_of(other.get("/signin").text)  # valid, but for another session
    posts = [
        (f"/contacts/{contact_id}/follow-up", {"channel": "email"}),
        (f"/contacts/{contact_id}", {"name": "Changed"}),
        (f"/contacts/{contact_id}/delete", {}),
        ("/signout", {}),
    ]
    for path, data in posts:
        for token in (None, "wrong-token", other_token):
            body = dict(data, **({"csrf_token": token} if token else {}))
            response = client.post(path, data=body, follow_redirects=False)
            assert response.status_code == 403, f"{path} with token {token!r} answered {response.status_code}"
    contact, follow_up = load_contact(client, signed_in, contact_id)
    assert contact.name == "Ada Lovelace" and follow_up.done_at is None
    assert client.get("/contacts").status_code == 200, "still signed in"


@web_layer_only
def test_pages_send_a_content_security_policy_and_no_inline_script(client, signed_in):
    add_contact(client, signed_in, name="Grace Hopper", emails=["grace@example.com"])
    for path in ("/", "/contacts", "/follow-ups", "/signin"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        scripts = re.findall(r"<script[^>]*>", response.text)
        assert scripts and all("src=" in tag for tag in scripts), path
        assert " style=" not in response.text and " on" + "click=" not in response.text


@web_layer_only
def test_web_pages_are_not_in_the_api_schema(app):
    paths = app.openapi()["paths"]
    assert not [p for p in paths if not p.startswith("/v1") and p not in {"/healthz", "/readyz", "/metrics"}]


# --- contacts, search, edit, isolation ----------------------------------------------------------------


def test_contact_list_search(client, signed_in):
    add_contact(client, signed_in, name="Ada Lovelace", company="Analytical Engines Ltd")
    add_contact(client, signed_in, name="Grace Hopper", company="US Navy", emails=["grace@navy.example"])
    everyone = client.get("/contacts")
    assert "Ada Lovelace" in everyone.text and "Grace Hopper" in everyone.text
    found = client.get("/contacts", params={"q": "navy"})
    assert "Grace Hopper" in found.text and "Ada Lovelace" not in found.text
    assert "1 contact " in found.text
    nobody = client.get("/contacts", params={"q": "zzz-nobody"})
    assert "Nobody matches" in nobody.text


def test_edit_contact_saves_every_field(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace", social={"github": "ada"})
    token = csrf_of(client.get(f"/contacts/{contact_id}").text)
    response = client.post(
        f"/contacts/{contact_id}",
        data={
            "csrf_token": token,
            "name": "Augusta Ada King",
            "title": "Countess",
            "company": "Analytical Engines",
            "department": "Research",
            "email": ["ada@example.com", "", "countess@example.org"],
            "phone_number": ["+44 20 7946 0958", ""],
            "phone_kind": ["mobile", "work"],
            "website": ["ada.example"],
            "address": "12 St James's Square\nLondon",
            "linkedin": "https://www.linkedin.com/in/ada",
            "twitter": "@ada",
            "notes": "Talked about engines",
            "event_name": "Babbage Salon",
            "met_on": "2026-11-20",
            "follow_up_due_on": "2026-12-01",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    contact, follow_up = load_contact(client, signed_in, contact_id)
    assert contact.name == "Augusta Ada King"
    assert (contact.given_name, contact.family_name) == ("Augusta", "King")
    assert contact.emails == ["ada@example.com", "countess@example.org"]
    assert contact.phones == [{"number": "+442079460958", "kind": "mobile"}]
    assert contact.websites == ["https://ada.example"]  # one normal form, whoever typed it
    assert contact.social == {
        "github": "ada",
        "linkedin": "https://www.linkedin.com/in/ada",
        "twitter": "@ada",
    }
    assert contact.met_on == date(2026, 11, 20) and follow_up.due_on == date(2026, 12, 1)
    assert "Saved Augusta Ada King" in client.get(response.headers["location"]).text


def test_invalid_edit_shows_errors_and_changes_nothing(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace", emails=["ada@example.com"])
    token = csrf_of(client.get(f"/contacts/{contact_id}").text)
    response = client.post(
        f"/contacts/{contact_id}",
        data={"csrf_token": token, "name": "Ada L.", "email": ["not-an-email"], "met_on": "2026-13-45"},
    )
    assert response.status_code == 422
    assert "Please correct the marked fields" in response.text
    assert 'value="not-an-email"' in response.text and 'value="Ada L."' in response.text
    contact, _ = load_contact(client, signed_in, contact_id)
    assert contact.name == "Ada Lovelace" and contact.emails == ["ada@example.com"]


def test_stale_edit_is_a_conflict_page(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace")
    token = csrf_of(client.get(f"/contacts/{contact_id}").text)
    first = client.post(f"/contacts/{contact_id}", data={"csrf_token": token, "name": "One", "version": "1"})
    assert first.status_code == 200
    second = client.post(f"/contacts/{contact_id}", data={"csrf_token": token, "name": "Two", "version": "1"})
    assert second.status_code == 409 and "Changed meanwhile" in second.text
    assert load_contact(client, signed_in, contact_id)[0].name == "One"


def test_delete_contact(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace")
    token = page_token(client)
    response = client.post(
        f"/contacts/{contact_id}/delete", data={"csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    assert client.get(f"/contacts/{contact_id}").status_code == 404


def test_another_users_contact_is_not_found(client):
    owner = new_account(client)
    contact_id = add_contact(client, owner, name="Secret Person", emails=["secret@example.com"])
    sign_in(client, new_account(client))
    token = page_token(client)
    assert "Secret Person" not in client.get("/contacts").text
    assert "Secret Person" not in client.get("/contacts", params={"q": "secret"}).text
    assert "Secret Person" not in client.get("/follow-ups").text
    page = client.get(f"/contacts/{contact_id}")
    assert page.status_code == 404 and "Not found" in page.text and "Secret" not in page.text
    for path, data in [
        (f"/contacts/{contact_id}", {"name": "Hijacked"}),
        (f"/contacts/{contact_id}/follow-up", {"channel": "email"}),
        (f"/contacts/{contact_id}/delete", {}),
    ]:
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 404
    contact, follow_up = load_contact(client, owner, contact_id)
    assert contact.name == "Secret Person" and follow_up.done_at is None


@web_layer_only
def test_unknown_ids_render_a_friendly_404(client, signed_in):
    for path in ("/contacts/not-a-uuid", f"/contacts/{uuid.uuid4()}", f"/cards/{uuid.uuid4()}", "/cards/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "Not found" in response.text


def test_bad_form_values_are_a_4xx_page_not_a_500(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada Lovelace", emails=["ada@example.com"])
    token = page_token(client)
    response = client.post(
        f"/contacts/{contact_id}/follow-up", data={"csrf_token": token, "channel": "pigeon"}
    )
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert load_contact(client, signed_in, contact_id)[1].done_at is None


# --- follow-ups -----------------------------------------------------------------------------------------


def test_follow_up_view_sections_links_and_mark_done(client, signed_in):
    today = date.today()
    late = add_contact(
        client,
        signed_in,
        name="Late Larry",
        emails=["larry@example.com"],
        follow_up_due_on=today - timedelta(3),
    )
    add_contact(
        client,
        signed_in,
        name="Today Tina",
        social={"linkedin": "https://www.linkedin.com/in/tina", "twitter": "@tina"},
        follow_up_due_on=today,
    )
    add_contact(client, signed_in, name="Soon Sam", follow_up_due_on=today + timedelta(5))
    page = client.get("/follow-ups").text
    overdue = page.split('id="overdue"')[1].split('id="today"')[0]
    today_part = page.split('id="today"')[1].split('id="upcoming"')[0]
    upcoming = page.split('id="upcoming"')[1]
    assert "Late Larry" in overdue and "Tina" not in overdue
    assert "Today Tina" in today_part and "Sam" not in today_part
    assert "Soon Sam" in upcoming and "Larry" not in upcoming
    assert 'href="mailto:larry@example.com?subject=' in overdue
    assert 'href="https://www.linkedin.com/in/tina"' in today_part
    assert 'href="https://x.com/tina"' in today_part

    response = client.post(
        f"/contacts/{late}/follow-up",
        data={"csrf_token": csrf_of(page), "channel": "email", "next": "/follow-ups"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/follow-ups"
    _, follow_up = load_contact(client, signed_in, late)
    assert follow_up.done_at is not None and follow_up.channel == "email"
    after = client.get("/follow-ups").text
    assert "Followed up with Late Larry by Email" in after
    assert "Late Larry</a>" not in after


# --- scanning a card without JavaScript ------------------------------------------------------------------

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def card_photo() -> bytes:
    """A white card with a name, title, company, email and phone, photographed on a dark desk."""
    card = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(card)
    bold, regular = FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans.ttf"
    draw.text((70, 70), "Maria Schneider", font=ImageFont.truetype(str(bold), 64), fill="black")
    draw.text((70, 160), "Head of Partnerships", font=ImageFont.truetype(str(regular), 40), fill="black")
    draw.text((70, 240), "Northwind Analytics", font=ImageFont.truetype(str(bold), 46), fill="black")
    draw.text((70, 400), "maria@northwind.example", font=ImageFont.truetype(str(regular), 36), fill="black")
    draw.text((70, 460), "+1 415 555 0134", font=ImageFont.truetype(str(regular), 36), fill="black")
    photo = Image.new("RGB", (1400, 1000), (70, 80, 90))
    photo.paste(card, (175, 200))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


@pytest.mark.slow
def test_upload_form_works_without_javascript(client, signed_in):
    home = client.get("/")
    form = re.search(
        r'<form method="post" action="/cards" enctype="multipart/form-data".*?</form>', home.text, re.S
    )
    assert form, "the upload is a plain multipart form"
    # The camera, or a photo already taken (a capture attribute alone can hide the gallery on phones).
    camera = 'id="photo-camera" type="file" name="image" accept="image/*" capture="environment"'
    assert camera in form.group(0)
    assert 'id="photo-gallery" type="file" name="image" accept="image/*">' in form.group(0)

    response = client.post(
        "/cards",
        data={"csrf_token": csrf_of(home.text), "event_name": "Form Summit", "notes": "Met at the booth"},
        files={"image": ("card.jpg", card_photo(), "image/jpeg")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    review_url = response.headers["location"]
    scan_id = uuid.UUID(review_url.rsplit("/", 1)[1])

    review = client.get(review_url)
    assert review.status_code == 200, re.findall(r'class="error-message">([^<]*)<', review.text)
    assert re.search(r'name="name" value="Maria Schneider"', review.text)
    assert re.search(r'name="phone_number" value="\+14155550134"', review.text)
    assert 'name="event_name" value="Form Summit"' in review.text
    # The card image with the boxes of the name's words drawn on it, in the image's own pixel space.
    assert re.search(r'<svg class="overlay" viewBox="0 0 \d+ \d+"', review.text)
    assert re.search(r'<g class="box field-name[^"]*" data-field="name">\s*<rect x="\d+"', review.text)
    image_url = re.search(r'<image href="([^"]+)"', review.text).group(1)
    image = client.get(image_url)  # the session cookie is enough, no bearer token
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"

    with unit_of_work(client.app.state.meishi.sessions) as session:
        scan = session.get(Scan, scan_id)
        contact_id = scan.contact_id
    assert load_contact(client, signed_in, contact_id)[0].status == "draft"

    saved = client.post(
        review_url,
        data={
            "csrf_token": csrf_of(review.text),
            "name": "Maria Schneider",
            "title": "Head of Global Partnerships",
            "company": "Northwind Analytics",
            "email": ["maria@northwind.example"],
            "phone_number": ["+1 415 555 0134"],
            "phone_kind": ["mobile"],
            "event_name": "Form Summit",
            "met_on": "2026-11-20",
            # As a browser does: the date shown (today + 2 days) is sent back unchanged.
            "follow_up_due_on": re.search(r'name="follow_up_due_on" value="([^"]*)"', review.text).group(1),
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/"
    home_again = client.get("/").text
    assert "Saved Maria Schneider" in home_again
    assert 'name="event_name" value="Form Summit"' in home_again, "the next card is from the same event"
    contact, follow_up = load_contact(client, signed_in, contact_id)
    assert contact.status == "confirmed" and contact.title == "Head of Global Partnerships"
    assert contact.source_scan_id == scan_id and contact.phones == [
        {"number": "+14155550134", "kind": "mobile"}
    ]
    assert follow_up.due_on == date(2026, 11, 22), "met_on + the default delay of 2 days"
    assert "Maria Schneider" in client.get("/contacts", params={"q": "northwind"}).text


def test_upload_refuses_a_file_that_is_not_an_image(client, signed_in):
    token = page_token(client, "/")
    response = client.post(
        "/cards",
        data={"csrf_token": token, "event_name": "Kept Summit"},
        files={"image": ("card.jpg", b"%PDF-1.4 this is a document", "image/jpeg")},
    )
    assert response.status_code == 415
    assert "is not a JPEG, PNG" in response.text and 'value="Kept Summit"' in response.text
    missing = client.post(
        "/cards", data={"csrf_token": token}, files={"other": ("x.txt", b"x", "text/plain")}
    )
    assert missing.status_code == 422 and "Choose a photo" in missing.text
    with unit_of_work(client.app.state.meishi.sessions) as session:
        assert session.query(Scan).count() == 0


def _stored_scan(client, email: str, reading: dict, warnings: tuple[str, ...] = ()) -> uuid.UUID:
    """A finished scan with its draft contact, as the reader would leave it (for review-page tests)."""
    contact_id = add_contact(client, email, name="Jon Smith", title="Enginer", status="draft")
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, email)
        scan = Scan(
            user_id=user.id,
            status="done",
            image_key=f"users/{user.id}/scans/x/original",
            image_content_type="image/jpeg",
            reading=reading,
            warnings=list(warnings),
            options={},
            contact_id=contact_id,
        )
        session.add(scan)
        session.flush()
        return scan.id


def _set_needs_review(client, scan_id: uuid.UUID, fields: list[str]) -> None:
    """The scan's draft contact flagged for these fields, as the reader (or a later edit) leaves it."""
    with unit_of_work(client.app.state.meishi.sessions) as session:
        session.get(Contact, session.get(Scan, scan_id).contact_id).needs_review = fields


READING = {
    "card_size": [1000, 600],
    "confidence": {"name": 0.95, "title": 0.41},
    "sources": {
        "name": [{"left": 50, "top": 40, "width": 200, "height": 50}],
        "title": [{"left": 50, "top": 120, "width": 160, "height": 30}],
    },
}


def test_review_flags_low_confidence_fields_in_words(client, signed_in):
    scan_id = _stored_scan(client, signed_in, READING)
    page = client.get(f"/cards/{scan_id}").text
    title = re.search(r'<div class="field([^"]*)" data-field="title">(.*?)</div>', page, re.S)
    assert "is-low" in title.group(1)
    assert "Check this: the reader is only 41% sure" in title.group(2)
    name = re.search(r'<div class="field([^"]*)" data-field="name">(.*?)</div>', page, re.S)
    assert "is-low" not in name.group(1)
    assert "Check this" not in name.group(2) and "95% confidence" in name.group(2)
    assert "Check Title" in page
    assert re.search(r'<g class="box field-title low" data-field="title">', page)
    assert '<rect x="50" y="120" width="160" height="30"' in page


def test_review_asks_for_an_empty_field_the_card_likely_prints(client, signed_in):
    # The reader left the company empty on a card with no firm's domain (a logo it could not read).
    scan_id = _stored_scan(client, signed_in, {**READING, "needs_review": ["company"]})
    _set_needs_review(client, scan_id, ["company"])
    page = client.get(f"/cards/{scan_id}").text
    company = re.search(r'<div class="field([^"]*)" data-field="company">(.*?)</div>', page, re.S)
    assert "is-low" in company.group(1)
    assert "Check this: the reader found none, but the card likely prints one" in company.group(2)
    name = re.search(r'<div class="field([^"]*)" data-field="name">(.*?)</div>', page, re.S)
    assert "is-low" not in name.group(1)


def test_review_save_with_errors_keeps_the_draft(client, signed_in):
    scan_id = _stored_scan(client, signed_in, READING)
    page = client.get(f"/cards/{scan_id}").text
    response = client.post(
        f"/cards/{scan_id}", data={"csrf_token": csrf_of(page), "name": "Jon Smith", "email": ["jon@"]}
    )
    assert response.status_code == 422 and "Please correct the marked fields" in response.text
    with unit_of_work(client.app.state.meishi.sessions) as session:
        contact_id = session.get(Scan, scan_id).contact_id
    assert load_contact(client, signed_in, contact_id)[0].status == "draft"


@pytest.mark.slow
def test_a_failed_read_can_be_retried(client, signed_in):
    """A read that failed for the server's reasons (here: a timeout) shows why and reads again on request."""
    storage = client.app.state.meishi.scans.storage
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, signed_in)
        scan = Scan(
            user_id=user.id,
            status="failed",
            attempts=1,
            image_key=f"users/{user.id}/scans/retry/original",
            image_content_type="image/jpeg",
            options={"event_name": "Retry Expo"},
            warnings=[],
            error_code="ocr_timeout",
            error_message="Reading the card took too long.",
        )
        session.add(scan)
        session.flush()
        scan_id, image_key = scan.id, scan.image_key
    storage.put(image_key, card_photo(), "image/jpeg")
    failed = client.get(f"/cards/{scan_id}")
    assert failed.status_code == 422 and "Reading the card took too long." in failed.text
    retried = client.post(f"/cards/{scan_id}/retry", data={"csrf_token": csrf_of(failed.text)})
    assert retried.status_code == 200, re.findall(r'class="error-message">([^<]*)<', retried.text)
    assert 'name="name" value="Maria Schneider"' in retried.text
    assert 'name="event_name" value="Retry Expo"' in retried.text


def test_another_users_scan_is_not_found(client):
    owner = new_account(client)
    scan_id = _stored_scan(client, owner, READING)
    sign_in(client, new_account(client))
    token = page_token(client)
    page = client.get(f"/cards/{scan_id}")
    assert page.status_code == 404 and "Jon Smith" not in page.text
    assert client.post(f"/cards/{scan_id}", data={"csrf_token": token, "name": "Mine"}).status_code == 404
    assert client.post(f"/cards/{scan_id}/retry", data={"csrf_token": token}).status_code == 404
    assert client.get(f"/v1/scans/{scan_id}/card.jpg").status_code == 404


@web_layer_only
def test_oversized_or_unannounced_uploads_are_refused_before_reading(settings):
    app = create_app(settings.model_copy(update={"max_upload_bytes": 50_000}), migrate=False)
    with TestClient(app) as small_client:
        sign_in(small_client, new_account(small_client))
        token = page_token(small_client, "/")
        big = small_client.post(
            "/cards",
            data={"csrf_token": token},
            files={"image": ("card.jpg", b"\xff" * 400_000, "image/jpeg")},
        )
        assert big.status_code == 413 and "larger than the limit" in big.text

        def chunks():
            yield f"csrf_token={token}".encode()

        chunked = small_client.post(
            "/cards", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert chunked.status_code == 411
        with unit_of_work(app.state.meishi.sessions) as session:
            assert session.query(Scan).count() == 0


def test_session_cookie_reads_the_api_but_never_changes_it(client, signed_in):
    """A cookie can ride along on cross-site requests, so on /v1 it only authorises safe methods."""
    assert client.get("/v1/me").status_code == 200
    refused = client.post("/v1/contacts", json={"name": "Forged"})
    assert refused.status_code == 401
    assert client.get("/v1/contacts?q=Forged").json()["total"] == 0


def test_review_flags_the_fields_the_reader_says_need_review(client, signed_in):
    # A calibrated reading says which fields to check: a crisply read but doubtful name is flagged, an
    # unsure-looking title the model trusts is not; the contact's own list decides.
    reading = {**READING, "needs_review": ["name"]}
    scan_id = _stored_scan(client, signed_in, reading)
    _set_needs_review(client, scan_id, ["name"])
    page = client.get(f"/cards/{scan_id}").text
    name = re.search(r'<div class="field([^"]*)" data-field="name">(.*?)</div>', page, re.S)
    title = re.search(r'<div class="field([^"]*)" data-field="title">(.*?)</div>', page, re.S)
    assert "is-low" in name.group(1) and "Check this" in name.group(2)
    assert "is-low" not in title.group(1) and "Check this" not in title.group(2)


def test_review_says_in_words_that_the_photo_was_out_of_focus(client, signed_in):
    scan_id = _stored_scan(client, signed_in, READING, warnings=("photo_out_of_focus", "some_new_warning"))
    warnings = re.search(r'<ul class="warnings">(.*?)</ul>', client.get(f"/cards/{scan_id}").text, re.S)
    assert "The photo is out of focus: the reader sharpened it" in warnings.group(1)
    assert "some new warning" in warnings.group(1)  # one without words of its own is still shown


def test_review_offers_a_withheld_value_as_a_suggestion_until_the_field_is_edited(client, signed_in):
    # The reader read a company it was too unsure of and left the field empty (ocr/withhold.py).
    reading = {
        **READING,
        "needs_review": ["company"],
        "suggestions": {"company": {"value": "Your partner in logistics", "confidence": 0.23}},
    }
    scan_id = _stored_scan(client, signed_in, reading)
    _set_needs_review(client, scan_id, ["company"])
    page = client.get(f"/cards/{scan_id}").text
    company = re.search(r'<div class="field([^"]*)" data-field="company">(.*?)</div>', page, re.S)
    assert "is-low" in company.group(1)
    assert "the reader read “Your partner in logistics” here but is only 23% sure" in company.group(2)
    assert 'data-value="Your partner in logistics"' in company.group(2)
    assert re.search(r'<input id="f-company"[^>]*value=""', company.group(2))
    # Once the user has edited the field (it left needs_review), the suggestion is not offered again.
    _set_needs_review(client, scan_id, [])
    page = client.get(f"/cards/{scan_id}").text
    assert "Your partner in logistics" not in page


def test_review_ignores_a_malformed_suggestion(client, signed_in):
    reading = {**READING, "needs_review": ["company"], "suggestions": {"company": {"value": 3}}}
    scan_id = _stored_scan(client, signed_in, reading)
    _set_needs_review(client, scan_id, ["company"])
    page = client.get(f"/cards/{scan_id}").text
    assert "the card likely prints one" in page and "use-suggestion" not in page
