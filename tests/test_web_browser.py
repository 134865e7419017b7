"""The web UI end to end in a real headless Chromium against a live server: sign in, upload a card photo,
see what was read, correct a field, save, find the contact by search, mark its follow-up done."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.users.service import create_user

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FONTS = Path("/usr/share/fonts/truetype/dejavu")
EMAIL, PASSWORD = "browser@example.com", "correct horse battery"
SCREENSHOT = Path("/tmp/meishi-review-page.png")


def _chromium_or_skip() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed"
    else:
        missing = "" if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving the real app on a free port, with its own data directory and SQLite database."""
    _chromium_or_skip()
    data_dir = tmp_path_factory.mktemp("browser-data")
    database_url = f"sqlite:///{data_dir / 'meishi.db'}"
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    with unit_of_work(make_session_factory(engine)) as session:
        create_user(session, EMAIL, PASSWORD)
    engine.dispose()

    port = _free_port()
    env = {
        **os.environ,
        "MEISHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "MEISHI_SECRET_KEY": "browser-test-secret-key-long-enough-for-hs256",
        "MEISHI_OCR_WORKERS": "1",
        "OMP_THREAD_LIMIT": "1",
    }
    env.pop("MEISHI_QUEUE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=data_dir,  # so no .env of the developer's is picked up
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout else ""
                pytest.fail(f"the server did not start:\n{output[-3000:]}")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


def card_photo(path: Path) -> Path:
    """A photo of a business card lying on a dark desk, rendered with Pillow."""
    card = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(card)

    def font(name: str, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(FONTS / name), size)

    draw.text((70, 70), "Maria Schneider", font=font("DejaVuSans-Bold.ttf", 64), fill="black")
    draw.text((70, 160), "Head of Partnerships", font=font("DejaVuSans.ttf", 40), fill=(40, 40, 40))
    draw.text((70, 240), "Northwind Analytics", font=font("DejaVuSans-Bold.ttf", 46), fill=(20, 60, 140))
    draw.text((70, 400), "maria.schneider@northwind.example", font=font("DejaVuSans.ttf", 36), fill="black")
    draw.text((70, 460), "+1 415 555 0134", font=font("DejaVuSans.ttf", 36), fill="black")
    photo = Image.new("RGB", (1400, 1000), (70, 80, 90))
    photo.paste(card, (175, 200))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())
    return path


def test_scan_review_save_search_and_follow_up(live_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    photo = card_photo(tmp_path / "card.jpg")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(20_000)
            console_errors: list[str] = []
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

            # Sign in (the first page sends us to the sign-in form and back).
            page.goto(live_server + "/")
            expect(page).to_have_url(re.compile(r"/signin\?next=%2F$"))
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Sign in')")
            expect(page.locator("h1")).to_have_text("Scan a card")

            # Upload the card photo; the script previews it and posts it with progress.
            page.set_input_files("input[name=image]", str(photo))
            expect(page.locator("#upload-preview")).to_be_visible()
            page.fill("input[name=event_name]", "Browser Summit")
            page.click("button:has-text('Read the card')")
            page.wait_for_url(re.compile(r"/cards/[0-9a-f-]{36}$"), timeout=40_000)

            # The review page shows what was read, with the words' boxes drawn on the card.
            expect(page.locator("h1")).to_have_text("Review the card")
            expect(page.locator("input[name=name]")).to_have_value(re.compile("Maria Schneider"))
            expect(page.locator("input[name=phone_number]").first).to_have_value(re.compile(r"4155550134"))
            expect(page.locator("input[name=event_name]")).to_have_value("Browser Summit")
            expect(page.locator(".overlay .box[data-field=name] rect").first).to_be_visible()
            assert page.locator(".overlay image").evaluate("img => img.getBBox().width") > 100
            page.screenshot(path=str(SCREENSHOT), full_page=True)

            # Correct a field and save.
            page.fill("input[name=title]", "Head of Global Partnerships")
            page.fill("input[name=company]", "Northwind Analytics")
            page.click("button:has-text('Save contact')")
            expect(page.locator(".flash")).to_contain_text("Saved Maria Schneider")

            # Find the contact in the list by searching.
            page.click("nav >> text=Contacts")
            page.fill("input[name=q]", "northwind")
            page.press("input[name=q]", "Enter")
            row = page.locator("table.contacts tbody tr", has_text="Maria Schneider")
            expect(row).to_have_count(1)
            expect(row).to_contain_text("Northwind Analytics")
            row.locator("a", has_text="Maria Schneider").click()
            expect(page.locator("input[name=title]")).to_have_value("Head of Global Partnerships")

            # Follow up: the contact is upcoming (met today + 2 days); mark it done by email.
            page.click("nav >> text=Follow up")
            item = page.locator("li.due", has_text="Maria Schneider")
            expect(item).to_have_count(1)
            expect(item.locator("a.channel[data-channel=linkedin]")).to_have_attribute(
                "href", re.compile(r"^https://www\.linkedin\.com/search/results/people/\?keywords=Maria")
            )
            item.locator("select[name=channel]").select_option("email")
            item.locator("button:has-text('Mark done')").click()
            expect(page.locator(".flash")).to_contain_text("Followed up with Maria Schneider by Email")
            expect(page.locator("li.due", has_text="Maria Schneider")).to_have_count(0)
            assert not console_errors, console_errors  # e.g. a Content-Security-Policy violation
        finally:
            browser.close()
