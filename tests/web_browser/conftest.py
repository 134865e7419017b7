"""One live server and one headless Chromium for every browser test of the session, and the helpers they
share: a fresh signed-in account per test, pages at desktop and phone size, axe-core's accessibility
check, and screenshots under test-artifacts/ (git-ignored)."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.users.service import create_user

CHROMIUM = "/usr/bin/chromium"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct horse battery"
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE_JS = Path(__file__).resolve().parent / "npm" / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__test__/axe.min.js"  # served by a route of the test, so the page's CSP ('self') allows it
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def _missing_or_skip(missing: str) -> None:
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving the real app on a free port, with its own data directory and SQLite database."""

    def __init__(self, base_url: str, database_url: str) -> None:
        self.base_url = base_url
        self.database_url = database_url
        self._engine = make_engine(database_url)
        self.sessions = make_session_factory(self._engine)

    def new_account(self, **settings: Any) -> str:
        email = f"browser-{uuid.uuid4().hex[:8]}@example.com"
        with unit_of_work(self.sessions) as session:
            user = create_user(session, email, PASSWORD)
            for name, value in settings.items():
                setattr(user, name, value)
        return email

    def close(self) -> None:
        self._engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing_or_skip("playwright is not installed")
    _missing_or_skip("" if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (apt-get install chromium)")
    data_dir = tmp_path_factory.mktemp("browser-data")
    database_url = f"sqlite:///{data_dir / 'meishi.db'}"
    engine = make_engine(database_url)
    upgrade_to_head(engine)
    engine.dispose()

    port = _free_port()
    env = {
        **os.environ,
        "MEISHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "MEISHI_SECRET_KEY": "browser-test-secret-key-long-enough-for-hs256",
        "MEISHI_OCR_WORKERS": "1",
        "MEISHI_OCR_ENGINE": "tesseract",
        "OMP_THREAD_LIMIT": "1",
    }
    env.pop("MEISHI_QUEUE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PYTHONPATH": str(REPO_ROOT)},
        cwd=data_dir,  # so no .env of the developer's is picked up
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its OCR worker processes go with it at the end
    )
    base_url = f"http://127.0.0.1:{port}"
    live = LiveServer(base_url, database_url)
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
        yield live
    finally:
        live.close()
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(live_server: LiveServer) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _missing_or_skip("" if AXE_JS.exists() else f"{AXE_JS} is missing: run scripts/install-test-assets.sh")
    return AXE_JS.read_text(encoding="utf-8")


class BrowserSession:
    """A signed-in browser context of one account: open pages at a viewport size, check them."""

    def __init__(self, browser: Any, server: LiveServer, axe_source: str, email: str, name: str) -> None:
        self.server = server
        self.email = email
        self.name = name
        self.context = browser.new_context(viewport=DESKTOP, base_url=server.base_url)
        self.context.set_default_timeout(15_000)
        self.context.route(
            f"**{AXE_URL_PATH}",
            lambda route: route.fulfill(body=axe_source, content_type="text/javascript"),
        )
        self.console_errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.sign_in()

    def sign_in(self) -> None:
        from playwright.sync_api import expect

        page = self.page
        page.goto("/signin")
        page.fill("input[name=email]", self.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("button:has-text('Sign in')")
        expect(page.locator("h1")).to_have_text("Scan a card")
        # The heading shows while the page is still parsing; its script enhances the form only after.
        page.wait_for_load_state("load")

    def at(self, size: str) -> Any:
        self.page.set_viewport_size(VIEWPORTS[size])
        return self.page

    def check_page(self, label: str, size: str) -> list[dict[str, Any]]:
        """Screenshot the page, assert it fits the viewport's width and axe finds no serious or critical
        violation; returns axe's lesser findings."""
        page = self.page
        page.wait_for_load_state("load")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{self.name}-{label}-{size}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[size]["width"], f"{label} at {size} is {width} px wide"
        unreachable = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                    'a[href], button, input, select, textarea, summary, [role=button]'))
                .filter((el) => el.type !== 'hidden' && el.getClientRects().length && el.tabIndex < 0)
                .map((el) => el.outerHTML.slice(0, 120))"""
        )
        assert not unreachable, f"{label} at {size}: controls the keyboard cannot reach: {unreachable}"
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=AXE_URL_PATH)
        results = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
        )
        serious = [v for v in results if v["impact"] in ("serious", "critical")]
        assert not serious, f"{label} at {size}: {serious}"
        return results

    def tab_reaches(self, selector: str, limit: int = 80) -> bool:
        """Whether pressing Tab from the top of the page reaches the element (keyboard access)."""
        page = self.page
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.locator("body").focus()
        target = page.locator(selector).first
        for _ in range(limit):
            page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return True
        return False

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def web(
    browser: Any, live_server: LiveServer, axe_source: str, request: pytest.FixtureRequest
) -> Iterator[BrowserSession]:
    """A fresh account, signed in, in its own browser context."""
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")
    session = BrowserSession(browser, live_server, axe_source, live_server.new_account(), name)
    try:
        yield session
    finally:
        session.close()


def draw_card_photo(path: Path, name: str = "Maria Schneider", company: str = "Northwind Analytics") -> Path:
    """A photo of a business card lying on a dark desk, rendered with Pillow."""
    card = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(card)

    def font(file: str, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(FONTS / file), size)

    draw.text((70, 70), name, font=font("DejaVuSans-Bold.ttf", 64), fill="black")
    draw.text((70, 160), "Head of Partnerships", font=font("DejaVuSans.ttf", 40), fill=(40, 40, 40))
    draw.text((70, 240), company, font=font("DejaVuSans-Bold.ttf", 46), fill=(20, 60, 140))
    draw.text((70, 400), "maria.schneider@northwind.example", font=font("DejaVuSans.ttf", 36), fill="black")
    draw.text((70, 460), "+1 415 555 0134", font=font("DejaVuSans.ttf", 36), fill="black")
    photo = Image.new("RGB", (1400, 1000), (70, 80, 90))
    photo.paste(card, (175, 200))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="session")
def card_photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draw_card_photo(tmp_path_factory.mktemp("cards") / "card.jpg")
