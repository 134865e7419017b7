"""Sign-in, the current user, API keys and per-user settings."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm

from app.deps import (
    ApiKeysManage,
    ClientAddressDep,
    PrincipalDep,
    SessionDep,
    SettingsDep,
    SettingsRead,
    SettingsWrite,
    SignInThrottleDep,
)
from app.errors import error_responses
from app.security import create_access_token
from app.settings import Settings
from app.users import repository, service
from app.users.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyList,
    ApiKeyOut,
    PasswordChange,
    TokenOut,
    UserOut,
    UserSettings,
    UserSettingsPatch,
)
from models import User

router = APIRouter(prefix="/v1", tags=["account"])


@router.post("/auth/token", response_model=TokenOut, responses=error_responses(401, 422, 429, 503))
def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
    throttle: SignInThrottleDep,
    client: ClientAddressDep,
) -> TokenOut:
    """OAuth2 password flow: exchange email (as `username`) and password for a bearer token. Too many
    failures from one client answer 429 `too_many_sign_in_attempts` with Retry-After
    (MEISHI_SIGN_IN_LIMIT)."""
    user = service.sign_in(session, throttle, form.username, form.password, client)
    return _token_for(user, settings)


def _token_for(user: User, settings: Settings) -> TokenOut:
    token = create_access_token(
        user.id,
        settings.resolved_secret_key,
        settings.access_token_minutes,
        session_version=user.session_version,
    )
    return TokenOut(access_token=token, expires_in=settings.access_token_minutes * 60)


@router.post("/auth/sign-out", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
def sign_out(user: SettingsWrite, session: SessionDep) -> None:
    """Sign out everywhere: every access token and web session of this account stops working at once.
    API keys keep working (revoke them with DELETE /v1/api-keys/{id})."""
    service.end_all_sessions(session, user)


@router.post("/me/password", response_model=TokenOut, responses=error_responses(401, 403, 422))
def change_password(
    body: PasswordChange, user: SettingsWrite, session: SessionDep, settings: SettingsDep
) -> TokenOut:
    """Change the password. Every other access token and web session ends; the answer is a new token
    for this client."""
    service.change_password(session, user, body.current_password, body.new_password)
    return _token_for(user, settings)


@router.get("/me", response_model=UserOut, responses=error_responses(401))
def me(user: SettingsRead) -> UserOut:
    """The signed-in account."""
    return UserOut.model_validate(user)


@router.get("/me/settings", response_model=UserSettings, responses=error_responses(401))
def get_settings(user: SettingsRead) -> UserSettings:
    """Your settings: follow-up delay, business days, time zone, phone region, email templates."""
    return UserSettings.model_validate(user)


@router.patch("/me/settings", response_model=UserSettings, responses=error_responses(401, 422))
def patch_settings(body: UserSettingsPatch, user: SettingsWrite, session: SessionDep) -> UserSettings:
    """Change the given settings; the others stay as they are."""
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is None and name in {"follow_up_days", "business_days_only", "time_zone", "default_region"}:
            continue
        setattr(user, name, value)
    session.flush()
    return UserSettings.model_validate(user)


@router.post(
    "/api-keys",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 422),
)
def create_api_key(
    body: ApiKeyCreate, user: ApiKeysManage, principal: PrincipalDep, session: SessionDep
) -> ApiKeyCreated:
    """Create a long-lived key for a companion app or an integration, limited to `scopes` (all of yours
    when absent). The secret is shown once and stored only hashed."""
    scopes = principal.scopes if body.scopes is None else [scope.value for scope in body.scopes]
    key, secret = service.create_api_key(session, user, body.name, scopes, granted=principal.scopes)
    return ApiKeyCreated(**ApiKeyOut.model_validate(key).model_dump(), key=secret)


@router.get("/api-keys", response_model=ApiKeyList, responses=error_responses(401))
def list_api_keys(user: ApiKeysManage, session: SessionDep) -> ApiKeyList:
    """Your API keys (never their secrets), with their scopes and last use."""
    keys = repository.list_api_keys(session, user)
    return ApiKeyList(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.delete(
    "/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 404, 422)
)
def revoke_api_key(key_id: uuid.UUID, user: ApiKeysManage, session: SessionDep) -> None:
    """Revoke a key: requests made with it are refused from now on."""
    service.revoke_api_key(session, user, key_id)
