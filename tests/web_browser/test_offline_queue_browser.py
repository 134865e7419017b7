"""Works offline at the event: the installable app keeps the scan page on the device, photos taken without
a connection wait in IndexedDB with their own Idempotency-Key, survive a reload, and upload exactly once
when the connection returns, even when the answer to an upload was lost on the way."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_photos_taken_offline_upload_once_when_the_connection_returns(web, card_photo: Path) -> None:
    from playwright.sync_api import expect

    page = web.at("phone")
    manifest = page.request.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/" and {"192x192", "512x512"} <= {i["sizes"] for i in manifest["icons"]}
    page.goto("/")
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith("/sw.js")
    page.wait_for_function("async () => !!(await caches.match('/'))")

    web.context.set_offline(True)
    for event, back in (("Expo Hall A", None), ("Expo Hall B", card_photo)):
        page.set_input_files("#photo-gallery", str(card_photo))
        if back is not None:
            page.click("summary:has-text('Add the back of the card')")
            page.set_input_files("#photo-back", str(back))
        page.fill("input[name=event_name]", event)
        page.click("button:has-text('Read the card')")
        expect(page.locator("#upload-status")).to_contain_text("kept on this device")
    expect(page.locator("#queue-count")).to_have_text("2")
    web.check_page("offline-queue", "phone")

    # Closing and reopening the page without a connection: the app opens, the photos are still queued.
    page.reload()
    expect(page.locator("h1")).to_have_text("Scan a card")
    expect(page.locator("#queue-count")).to_have_text("2")
    keys = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("meishi", 1);
            open.onsuccess = () => {
              const get = open.result.transaction("uploads").objectStore("uploads").getAll();
              get.onsuccess = () => resolve(get.result.map((item) => [item.key, item.account]));
            };
        })"""
    )
    assert {account for _, account in keys} == {web.email}, "each photo remembers whose it is"
    keys = [key for key, _ in keys]
    assert len(set(keys)) == 2

    # The connection returns, but the answer to the first upload is lost after the server stored it.
    sent: list[str] = []

    def lose_first_answer(route) -> None:
        sent.append(route.request.headers["idempotency-key"])
        if len(sent) == 1:
            route.fetch()  # the server gets the photo ...
            route.abort("connectionreset")  # ... the phone never hears back
        else:
            route.continue_()

    page.route("**/cards/queued", lose_first_answer)
    web.context.set_offline(False)
    expect(page.locator("#queue-count")).to_have_text("2")
    page.wait_for_function("() => document.getElementById('queue-status').textContent.includes('retried')")
    page.click("#queue-retry")
    expect(page.locator("#offline-queue")).to_be_hidden()
    expect(page.locator("#uploaded-list li")).to_have_count(2)

    assert sent[0] == sent[1], "the retried upload kept its Idempotency-Key"
    assert sorted(set(sent)) == sorted(keys)
    scans = page.request.get("/v1/scans").json()["items"]
    assert len(scans) == 2, scans  # the lost answer did not make a second scan
    assert sorted(s["options"]["event_name"] for s in scans) == ["Expo Hall A", "Expo Hall B"]
    assert [
        bool(s["links"]["back_image"]) for s in sorted(scans, key=lambda s: s["options"]["event_name"])
    ] == [
        False,
        True,
    ]

    # A photo another account queued on this device waits for that account instead of landing here.
    page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("meishi", 1);
            open.onsuccess = () => {
              const tx = open.result.transaction("uploads", "readwrite");
              tx.objectStore("uploads").put({
                key: "offline-someone-else", account: "someone-else@example.com",
                queuedAt: new Date().toISOString(), image: new Blob(["x"], {type: "image/jpeg"}),
                imageName: "card.jpg", back: null, backName: null, fields: {}, attempts: 0, lastError: null,
              });
              tx.oncomplete = () => resolve();
            };
        })"""
    )
    page.reload()
    page.click("#queue-retry")
    expect(page.locator("#queue-list li")).to_contain_text("waits for someone-else@example.com")
    expect(page.locator("#queue-count")).to_have_text("1")
    assert len(page.request.get("/v1/scans").json()["items"]) == 2
    assert "offline-someone-else" not in sent
