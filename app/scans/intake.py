"""Turns an upload request into card photos and options, refusing bad input before anything is stored.

Three forms are accepted: `multipart/form-data` (field `image`, repeated for a batch, optional `back`), a raw
`image/*` body, and JSON with base64 images (`image`, `back` or `images`). The body is read with a byte
budget (a huge upload is refused as soon as it exceeds it, never buffered whole), and the image type is
sniffed from the bytes: file names and Content-Type headers are not trusted.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from app.errors import ErrorCode, PayloadTooLarge, Unprocessable, UnsupportedMediaType
from app.settings import Settings

register_heif_opener()  # iPhone photos are HEIC

MAX_IMAGES_PER_REQUEST = 50
MIN_SIDE = 16  # px; a smaller image cannot hold a line of text
# OpenCV's geometry functions stop at 32767 px a side; no camera comes near. A card is 1.4-2:1; even a
# strip photographed with lots of table beside it stays under 8:1, and a thinner image holds no card.
MAX_SIDE = 30_000
MAX_ASPECT_RATIO = 8
IMAGE_FIELDS = ("image", "back", "images")
# Pillow format -> the content type the original is stored and served with.
CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",  # iPhone "JPEG" with a depth map
    "PNG": "image/png",
    "WEBP": "image/webp",
    "HEIF": "image/heic",
    "TIFF": "image/tiff",
    "BMP": "image/bmp",
}

OPENERS = [name for name in CONTENT_TYPES if name != "MPO"]  # MPO files open through the JPEG opener


@dataclass(frozen=True)
class ImageFile:
    data: bytes
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class CardPhoto:
    front: ImageFile
    back: ImageFile | None = None


@dataclass(frozen=True)
class Upload:
    photos: list[CardPhoto]
    options: dict[str, Any] = field(default_factory=dict)  # validated later as ScanOptions


def sniff_image(data: bytes, *, max_bytes: int, max_pixels: int, what: str = "image") -> ImageFile:
    """Checks the bytes are an image we read, of a sane size, from its header alone (no decoding)."""
    if not data:
        raise Unprocessable(f"The {what} is empty (0 bytes).", code=ErrorCode.EMPTY_IMAGE)
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The {what} is {len(data)} bytes; the limit is {max_bytes}.",
            code=ErrorCode.PAYLOAD_TOO_LARGE,
            details={"limit_bytes": max_bytes},
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPENERS)
            width, height = image.size
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(what, max_pixels) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise UnsupportedMediaType(
            f"The {what} is not a JPEG, PNG, WebP, HEIC, TIFF or BMP image.",
            code=ErrorCode.UNSUPPORTED_IMAGE_TYPE,
            details={"accepted": sorted(set(CONTENT_TYPES.values()))},
        ) from exc
    if width * height > max_pixels:
        raise _too_many_pixels(what, max_pixels, width, height)
    if min(width, height) < MIN_SIDE:
        raise Unprocessable(
            f"The {what} is {width}x{height} pixels: too small to hold a card.",
            code=ErrorCode.UNREADABLE_IMAGE,
            details={"width": width, "height": height},
        )
    if max(width, height) > MAX_SIDE or max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise Unprocessable(
            f"The {what} is {width}x{height} pixels: no card has that shape (at most {MAX_SIDE} px a side "
            f"and {MAX_ASPECT_RATIO}:1).",
            code=ErrorCode.UNREADABLE_IMAGE,
            details={
                "width": width,
                "height": height,
                "max_side": MAX_SIDE,
                "max_aspect_ratio": MAX_ASPECT_RATIO,
            },
        )
    return ImageFile(data=data, content_type=CONTENT_TYPES[image.format or ""], width=width, height=height)


def _too_many_pixels(what: str, limit: int, width: int = 0, height: int = 0) -> PayloadTooLarge:
    size = f" ({width}x{height})" if width else ""
    return PayloadTooLarge(
        f"The {what} has more pixels{size} than the limit of {limit}.",
        code=ErrorCode.IMAGE_TOO_LARGE,
        details={"limit_pixels": limit},
    )


async def read_bounded(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (announced or streamed)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _body_too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _body_too_large(limit)
    return bytes(body)


def _body_too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The upload is larger than the limit of {limit} bytes.",
        code=ErrorCode.PAYLOAD_TOO_LARGE,
        details={"limit_bytes": limit},
    )


def photo_from_bytes(front: bytes, settings: Settings, back: bytes | None = None) -> CardPhoto:
    """One card photo (and its back) from bytes already in hand, e.g. a web form's file field."""
    return CardPhoto(
        front=_sniff(front, settings), back=_sniff(back, settings, what="'back' image") if back else None
    )


async def read_upload(request: Request, settings: Settings) -> Upload:
    """Parse whichever of the three forms the request uses; query parameters carry options for all."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    options = {k: v for k, v in request.query_params.items() if k != "mode"}
    if media_type == "multipart/form-data":
        return await _from_multipart(request, settings, options)
    if media_type == "application/json" or media_type.endswith("+json"):
        return await _from_json(request, settings, options)
    body = await read_bounded(request, settings.max_upload_bytes)
    if not body:
        raise _missing_image([])
    if media_type and not (media_type.startswith("image/") or media_type == "application/octet-stream"):
        raise UnsupportedMediaType(
            f"Content-Type {media_type} is not accepted.",
            code=ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            details={"accepted": ["multipart/form-data", "application/json", "image/*"]},
        )
    return Upload([CardPhoto(front=_sniff(body, settings))], options)


def _sniff(data: bytes, settings: Settings, what: str = "image") -> ImageFile:
    return sniff_image(
        data, max_bytes=settings.max_upload_bytes, max_pixels=settings.max_image_pixels, what=what
    )


def _missing_image(received: list[str]) -> Unprocessable:
    return Unprocessable(
        "No card photo found: send it as the multipart field 'image', as a raw image/* body, "
        "or as base64 in the JSON key 'image'.",
        code=ErrorCode.MISSING_IMAGE,
        details={"received_fields": received},
    )


def _check_count(count: int) -> None:
    if count > MAX_IMAGES_PER_REQUEST:
        raise Unprocessable(
            f"At most {MAX_IMAGES_PER_REQUEST} photos per request.",
            code=ErrorCode.TOO_MANY_IMAGES,
            details={"limit": MAX_IMAGES_PER_REQUEST},
        )


def _pair(fronts: list[ImageFile], backs: list[ImageFile]) -> list[CardPhoto]:
    _check_count(len(fronts))
    if not backs:
        return [CardPhoto(front=f) for f in fronts]
    if len(backs) > 1 or len(fronts) != 1:
        raise Unprocessable("'back' goes with exactly one 'image'.", code=ErrorCode.BACK_NEEDS_SINGLE_IMAGE)
    return [CardPhoto(front=fronts[0], back=backs[0])]


async def _from_multipart(request: Request, settings: Settings, options: dict[str, Any]) -> Upload:
    body = await read_bounded(request, settings.max_request_bytes)

    async def one_chunk() -> AsyncIterator[bytes]:
        yield body

    parser = MultiPartParser(
        request.headers,
        one_chunk(),
        max_files=MAX_IMAGES_PER_REQUEST + 1,
        max_fields=50,
        max_part_size=64 * 1024,
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise Unprocessable(
            f"Malformed multipart body: {exc.message}", code=ErrorCode.INVALID_MULTIPART
        ) from exc
    fronts: list[ImageFile] = []
    backs: list[ImageFile] = []
    received: list[str] = []
    for name, value in form.multi_items():
        received.append(name)
        if isinstance(value, UploadFile):
            if name not in ("image", "back"):
                raise _missing_image([n for n, _ in form.multi_items()])
            data = await value.read()
            (fronts if name == "image" else backs).append(_sniff(data, settings, what=f"'{name}' file"))
        elif name in ("image", "back"):
            raise Unprocessable(f"'{name}' must be a file, not a text field.", code=ErrorCode.MISSING_IMAGE)
        else:
            options[name] = value
    if not fronts:
        raise _missing_image(received)
    return Upload(_pair(fronts, backs), options)


def _decode_base64(value: Any, settings: Settings, what: str) -> ImageFile:
    if not isinstance(value, str):
        raise Unprocessable(f"'{what}' must be a base64 string.", code=ErrorCode.INVALID_BASE64)
    text = value.strip()
    if text.startswith("data:") and "," in text:  # a data: URL from a browser's FileReader
        text = text.split(",", 1)[1]
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Unprocessable(f"'{what}' is not valid base64.", code=ErrorCode.INVALID_BASE64) from exc
    return _sniff(data, settings, what=f"'{what}' image")


async def _from_json(request: Request, settings: Settings, options: dict[str, Any]) -> Upload:
    body = await read_bounded(request, settings.max_request_bytes)
    if not body.strip():
        raise _missing_image([])
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Unprocessable("The body is not valid JSON.", code=ErrorCode.INVALID_JSON) from exc
    if not isinstance(payload, dict):
        raise Unprocessable("The JSON body must be an object.", code=ErrorCode.INVALID_JSON)
    if not any(payload.get(name) for name in IMAGE_FIELDS):
        raise _missing_image(sorted(payload))
    images = payload.get("images") or []
    if not isinstance(images, list):
        raise Unprocessable("'images' must be a list of base64 strings.", code=ErrorCode.INVALID_BASE64)
    _check_count(len(images))
    fronts = [_decode_base64(payload["image"], settings, "image")] if payload.get("image") else []
    fronts += [_decode_base64(item, settings, f"images[{i}]") for i, item in enumerate(images)]
    backs = [_decode_base64(payload["back"], settings, "back")] if payload.get("back") else []
    if not fronts:
        raise _missing_image(sorted(payload))
    options.update({k: v for k, v in payload.items() if k not in IMAGE_FIELDS})
    return Upload(_pair(fronts, backs), options)
