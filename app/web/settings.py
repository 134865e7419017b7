"""The settings page: phone region, card languages, follow-up delay and business days, time zone and the
follow-up message templates (the same settings as `/v1/me/settings`)."""

from __future__ import annotations

from functools import cache
from typing import Any
from zoneinfo import available_timezones

import phonenumbers
from fastapi import APIRouter
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.deps import SessionDep
from app.followups.channels import DEFAULT_BODY, DEFAULT_LINKEDIN_NOTE, DEFAULT_SUBJECT, PLACEHOLDERS
from app.users.schemas import UserSettings, UserSettingsPatch
from app.web.auth import WebUser
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.rendering import flash, render
from models import User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# The Tesseract language packs scripts/install-system-deps.sh installs.
CARD_LANGUAGES = {
    "eng": "English",
    "deu": "German",
    "fra": "French",
    "spa": "Spanish",
    "por": "Portuguese",
    "ita": "Italian",
    "nld": "Dutch",
}
TEMPLATE_FIELDS = ("email_subject_template", "email_body_template", "linkedin_note_template")


@cache
def _regions() -> list[tuple[str, str]]:
    return sorted(
        (region, f"{region} (+{phonenumbers.country_code_for_region(region)})")
        for region in phonenumbers.SUPPORTED_REGIONS
    )


@cache
def _time_zones() -> list[str]:
    return sorted(zone for zone in available_timezones() if "/" in zone or zone == "UTC")


def _render_settings(
    request: Request, values: dict[str, Any], errors: dict[str, str], status_code: int = 200
) -> Response:
    context = {
        "values": values,
        "errors": errors,
        "regions": _regions(),
        "time_zones": _time_zones(),
        "card_languages": CARD_LANGUAGES,
        "defaults": {
            "email_subject_template": DEFAULT_SUBJECT,
            "email_body_template": DEFAULT_BODY,
            "linkedin_note_template": DEFAULT_LINKEDIN_NOTE,
        },
        "placeholders": PLACEHOLDERS,
    }
    return render(request, "settings.html", context, status_code=status_code)


def _values_of(user: User) -> dict[str, Any]:
    values = UserSettings.model_validate(user).model_dump()
    values["languages"] = [] if values["ocr_lang"] in (None, "auto") else values["ocr_lang"].split("+")
    return values


def _values_from(form: FormData) -> dict[str, Any]:
    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    ticked = set(form.getlist("languages"))
    languages = [lang for lang in CARD_LANGUAGES if lang in ticked]  # English first: Tesseract's main one
    return {
        "default_region": text("default_region"),
        "languages": languages,
        "follow_up_days": text("follow_up_days"),
        "business_days_only": form.get("business_days_only") == "on",
        "time_zone": text("time_zone"),
        **{name: text(name) for name in TEMPLATE_FIELDS},
    }


@router.get("/settings")
def settings_page(request: Request, user: WebUser) -> Response:
    return _render_settings(request, _values_of(user), {})


@router.post("/settings")
def save_settings(request: Request, user: WebUser, session: SessionDep, form: FormDep) -> Response:
    values = _values_from(form)
    data = {
        "default_region": values["default_region"],
        "follow_up_days": values["follow_up_days"],
        "business_days_only": values["business_days_only"],
        "time_zone": values["time_zone"],
        "ocr_lang": "+".join(values["languages"]) or None,
        # A blank template means the built-in one.
        **{name: values[name] or None for name in TEMPLATE_FIELDS},
    }
    try:
        patch = UserSettingsPatch.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "form"
            errors.setdefault(field, error["msg"].removeprefix("Value error, "))
        return _render_settings(request, values, errors, status_code=422)
    for name, value in patch.model_dump().items():
        setattr(user, name, value)
    session.flush()
    flash(request, "Settings saved.")
    return RedirectResponse("/settings", status_code=303)
