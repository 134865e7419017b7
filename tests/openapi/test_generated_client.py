"""A Python client generated with openapi-python-client from the served schema runs the companion-app flow
against a live server: sign in, get a scoped key, register a webhook, upload a card photo as an app does
(base64 JSON, async), learn of `scan.completed` by the signed webhook, delta-sync, mark the follow-up done
and see that in the next delta."""

from __future__ import annotations

import base64
import importlib
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import sessionmaker

from app.users.service import create_user

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS / "scans"), str(TESTS / "webhooks")]
from processes import free_port, kill, service_env, start, wait_until_serving  # noqa: E402
from receiver import Receiver  # noqa: E402
from scan_support import card_photo  # noqa: E402

pytestmark = pytest.mark.slow  # the live server reads the photo with Tesseract
PASSWORD = "correct horse battery"
GENERATOR = str(Path(sys.executable).with_name("openapi-python-client"))
# The generator has no model for image bodies; they come back as raw bytes.
GENERATOR_CONFIG = """\
content_type_overrides:
  "image/*": application/octet-stream
  image/jpeg: application/octet-stream
post_hooks: []
"""


@pytest.fixture
def database_url(postgresql_database_url: str) -> str:
    """PostgreSQL only: the flow is the same on SQLite (tests/sync covers both); a live server costs."""
    return postgresql_database_url


@pytest.fixture
def live_server(settings, db_engine, tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    env = service_env(settings, MEISHI_OCR_WORKERS="1", MEISHI_WEBHOOKS_ALLOW_PRIVATE="true")
    server = start(["serve", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path, log)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url, server, log)
        yield base_url
    finally:
        kill(server, sig=15)


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


def _generate_client(base_url: str, into: Path):
    """Generate a client package from the schema the server serves, and import it."""
    schema = into / "openapi.json"
    schema.write_bytes(httpx.get(f"{base_url}/openapi.json").content)
    config = into / "generator.yaml"
    config.write_text(GENERATOR_CONFIG)
    package = f"meishi_client_{uuid.uuid4().hex[:8]}"
    result = subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--config",
            str(config),
            "--output-path",
            str(into / package),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(into))
    return importlib.import_module(package)


def _module(package, name: str):
    return importlib.import_module(f"{package.__name__}.{name}")


def test_the_companion_app_flow_with_a_generated_client(live_server, receiver, db_engine, tmp_path):
    meishi = _generate_client(live_server, tmp_path)
    api = lambda name: _module(meishi, f"api.{name}")  # noqa: E731
    models = _module(meishi, "models")

    email = f"app-{uuid.uuid4().hex[:8]}@example.com"
    with sessionmaker(bind=db_engine)() as session:
        create_user(session, email, PASSWORD)
        session.commit()
    anonymous = meishi.Client(base_url=live_server, raise_on_unexpected_status=True)
    token = api("account.account_sign_in").sync(
        client=anonymous, body=models.BodyAccountSignIn(username=email, password=PASSWORD)
    )
    signed_in = meishi.AuthenticatedClient(base_url=live_server, token=token.access_token, timeout=60)
    key = api("account.account_create_api_key").sync(
        client=signed_in,
        body=models.ApiKeyCreate(
            name="Phone",
            scopes=[
                models.Scope(s)
                for s in (
                    "scans:write",
                    "scans:read",
                    "contacts:read",
                    "contacts:write",
                    "sync:read",
                    "webhooks",
                )
            ],
        ),
    )
    phone = meishi.AuthenticatedClient(base_url=live_server, token=key.key, timeout=60)

    endpoint = api("webhooks.webhooks_create_webhook").sync(
        client=phone,
        body=models.EndpointCreate(
            url=receiver.url, event_types=[models.EndpointCreateEventTypesItem("scan.completed")]
        ),
    )
    receiver.secret = endpoint.secret

    full = api("sync.sync_sync").sync(client=phone)
    assert full.full and full.contacts == [] and not full.has_more
    cursor = full.next_cursor

    upload = api("scans.scans_create_scans").sync_detailed(
        client=phone,
        body=models.ScansCreateScansJsonBody(image=base64.b64encode(card_photo()).decode()),
        mode=models.ScansCreateScansModeType0.ASYNC,
        idempotency_key=str(uuid.uuid4()),
    )
    assert upload.status_code == 202, upload.content
    scan_id = str(upload.parsed.id)

    delivered = receiver.wait_for(1, timeout=90)[0]
    assert delivered.error is None, delivered.error  # signed with the endpoint's secret
    assert delivered.verified["type"] == "scan.completed"
    assert delivered.verified["data"]["scan"]["id"] == scan_id

    delta = api("sync.sync_sync").sync(client=phone, cursor=cursor)
    assert [(str(s.id), s.status) for s in delta.scans] == [(scan_id, models.ScanOutStatus("done"))]
    (contact,) = delta.contacts
    assert contact.name == "Jane Doe"
    assert contact.follow_up.done_at is None

    done = api("contacts.contacts_act_on_follow_up").sync(
        contact.id, client=phone, body=models.FollowUpAction(channel=models.FollowUpActionChannelType0.EMAIL)
    )
    assert done.follow_up.done_at is not None

    after = api("sync.sync_sync").sync(client=phone, cursor=delta.next_cursor)
    assert [c.id for c in after.contacts] == [contact.id]
    history = [f for f in after.follow_ups if f.contact_id == contact.id]
    assert [str(f.channel) for f in history] == ["email"] and history[0].done_at is not None
    assert after.scans == [] and after.tombstones == []
