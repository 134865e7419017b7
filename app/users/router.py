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
from app.users import repository, service
from app.users.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyList,
    ApiKeyOut,
    TokenOut,
    UserOut,
    UserSettings,
    UserSettingsPatch,
)

router = APIRouter(prefix="/v1", tags=["account"])


@router.post("/auth/token", response_model=TokenOut, responses=error_responses(401, 422, 429))
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
    token = create_access_token(user.id, settings.resolved_secret_key, settings.access_token_minutes)
    return TokenOut(access_token=token, expires_in=settings.access_token_minutes * 60)


@router.get("/me", response_model=UserOut, responses=error_responses(401))
def me(user: SettingsRead) -> UserOut:
    return UserOut.model_validate(user)


@router.get("/me/settings", response_model=UserSettings, responses=error_responses(401))
def get_settings(user: SettingsRead) -> UserSettings:
    return UserSettings.model_validate(user)


@router.patch("/me/settings", response_model=UserSettings, responses=error_responses(401, 422))
def patch_settings(body: UserSettingsPatch, user: SettingsWrite, session: SessionDep) -> UserSettings:
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
    keys = repository.list_api_keys(session, user)
    return ApiKeyList(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.delete(
    "/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 404, 422)
)
def revoke_api_key(key_id: uuid.UUID, user: ApiKeysManage, session: SessionDep) -> None:
    """Revoke a key: requests made with it are refused from now on."""
    service.revoke_api_key(session, user, key_id)
