"""Every bad upload in issue 4 gets a clear JSON error, nothing is stored, and the server stays up."""

from __future__ import annotations

import base64
import io
import zlib

import pytest
from PIL import Image
from scan_support import card_photo, encode

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _stored_files(client) -> list[str]:
    root = client.app.state.meishi.settings.data_dir / "images"
    return [str(p) for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _assert_nothing_kept(client, headers):
    assert client.get("/v1/scans", headers=headers).json()["total"] == 0
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 0
    assert _stored_files(client) == []
    assert client.get("/healthz").status_code == 200


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code, body
    return body["error"]


def _bomb_png(width: int = 12000, height: int = 12000) -> bytes:
    """A valid PNG header announcing 144 megapixels, in a few hundred bytes (the IDAT is never decoded)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def test_refused_uploads(client, make_user):
    headers = make_user()

    def post(**kw):
        return client.post("/v1/scans", **{"headers": headers, **kw})

    _error(post(content=b""), 422, "missing_image")
    _error(post(content=b"", headers={**headers, "Content-Type": "image/jpeg"}), 422, "missing_image")
    wrong_field = post(files={"file": ("card.jpg", card_photo(), "image/jpeg")})
    assert _error(wrong_field, 422, "missing_image")["details"] == {"received_fields": ["file"]}
    _error(post(files={"image": ("card.jpg", PDF, "image/jpeg")}), 415, "unsupported_image_type")
    _error(
        post(files={"image": ("card.jpg", b"hello, I am text", "image/jpeg")}), 415, "unsupported_image_type"
    )
    raw = {**headers, "Content-Type": "image/jpeg"}
    _error(client.post("/v1/scans", content=PDF, headers=raw), 415, "unsupported_image_type")
    _error(post(files={"image": ("card.jpg", b"", "image/jpeg")}), 422, "empty_image")
    one_pixel = encode(Image.new("RGB", (1, 1), "white"), "PNG")
    _error(client.post("/v1/scans", content=one_pixel, headers=raw), 422, "unreadable_image")
    _error(client.post("/v1/scans", content=_bomb_png(), headers=raw), 413, "image_too_large")
    _error(post(json={"image": "not base64 at all!"}), 422, "invalid_base64")
    _error(post(json={"images": ["@@@"]}), 422, "invalid_base64")
    _error(post(json={"picture": base64.b64encode(card_photo()).decode()}), 422, "missing_image")
    _error(
        post(content=b"{not json", headers={**headers, "Content-Type": "application/json"}),
        422,
        "invalid_json",
    )
    _error(
        post(content=b"abc", headers={**headers, "Content-Type": "text/plain"}), 415, "unsupported_media_type"
    )
    _error(
        post(files={"image": ("c.jpg", card_photo(), "image/jpeg")}, data={"met_on": "yesterday"}),
        422,
        "validation_error",
    )
    _error(
        post(files={"image": ("c.jpg", card_photo(), "image/jpeg")}, data={"colour": "red"}),
        422,
        "validation_error",
    )
    _error(
        client.post(
            "/v1/scans?event_id=6f1c1f8e-5d8a-4d87-9a0c-000000000000", content=card_photo(), headers=raw
        ),
        422,
        "unknown_event",
    )
    _assert_nothing_kept(client, headers)


def test_truncated_jpeg_is_unreadable_and_nothing_is_kept(client, make_user):
    headers = make_user()
    whole = card_photo()
    response = client.post(
        "/v1/scans", files={"image": ("card.jpg", whole[: len(whole) // 3], "image/jpeg")}, headers=headers
    )
    _error(response, 422, "unreadable_image")
    _assert_nothing_kept(client, headers)


@pytest.mark.scan_settings(max_upload_bytes=50_000, max_request_bytes=120_000)
def test_size_limits_answer_413(client, make_user):
    headers = make_user()
    big = encode(Image.effect_noise((400, 400), 80).convert("RGB"), "PNG")  # ~ 150 kB of noise
    assert len(big) > 50_000
    raw = {**headers, "Content-Type": "image/png"}
    assert _error(client.post("/v1/scans", content=big, headers=raw), 413, "payload_too_large")[
        "details"
    ] == {"limit_bytes": 50_000}
    _error(
        client.post("/v1/scans", files={"image": ("a.png", big, "image/png")}, headers=headers),
        413,
        "payload_too_large",
    )
    announced = {**raw, "Content-Length": str(10**12)}
    _error(client.post("/v1/scans", content=b"x" * 10, headers=announced), 413, "payload_too_large")

    def chunks():
        for _ in range(100):
            yield b"\xff" * 10_000

    _error(client.post("/v1/scans", content=chunks(), headers=raw), 413, "payload_too_large")
    _assert_nothing_kept(client, headers)


def test_too_many_photos(client, make_user):
    headers = make_user()
    tiny = encode(Image.new("RGB", (40, 40), "white"), "PNG")
    files = [("image", (f"{i}.png", io.BytesIO(tiny), "image/png")) for i in range(51)]
    _error(client.post("/v1/scans", files=files, headers=headers), 422, "too_many_images")
    two_backs = [("image", ("a.png", tiny, "image/png")), ("image", ("b.png", tiny, "image/png"))]
    two_backs.append(("back", ("c.png", tiny, "image/png")))
    _error(client.post("/v1/scans", files=two_backs, headers=headers), 422, "back_needs_single_image")


@pytest.mark.parametrize("engine", ["rapidocr", "both"])
def test_engine_without_its_extra_is_refused_before_anything_is_stored(
    client, make_user, monkeypatch, engine
):
    from ocr.engines import rapidocr

    monkeypatch.setattr(rapidocr, "available", lambda: False)
    headers = make_user()
    response = client.post(
        f"/v1/scans?engine={engine}",
        files={"image": ("card.jpg", card_photo(), "image/jpeg")},
        headers=headers,
    )
    assert "rapidocr" in _error(response, 422, "engine_unavailable")["message"]
    _assert_nothing_kept(client, headers)


def test_extreme_shapes_are_refused_at_upload(client, make_user):
    """A 999999x40 PNG (under the pixel limit) used to be accepted and then fail inside OpenCV."""
    headers = make_user()
    raw = {**headers, "Content-Type": "image/png"}
    for width, height in ((999_999, 40), (40, 999_999), (2_000, 200)):
        error = _error(
            client.post("/v1/scans", content=_bomb_png(width, height), headers=raw), 422, "unreadable_image"
        )
        assert error["details"]["width"] == width
    _assert_nothing_kept(client, headers)


def test_nul_in_scan_notes_is_refused_before_anything_is_kept(client, make_user):
    headers = make_user()
    for mode in ("async", "sync"):
        response = client.post(
            f"/v1/scans?mode={mode}",
            files={"image": ("c.jpg", card_photo(), "image/jpeg")},
            data={"notes": "met at\x00 the stand", "event_name": "Expo"},
            headers=headers,
        )
        _error(response, 422, "nul_character")
        response = client.post(
            f"/v1/scans?mode={mode}&event_name=Ex%00po",
            content=card_photo(),
            headers={**headers, "Content-Type": "image/jpeg"},
        )
        _error(response, 422, "nul_character")
    _assert_nothing_kept(client, headers)
