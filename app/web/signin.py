"""Sign-in and sign-out pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.deps import ClientAddressDep, SessionDep, SignInThrottleDep, user_of_web_session
from app.errors import TooManyRequests, Unauthorized
from app.users.service import end_all_sessions
from app.users.service import sign_in as sign_in_user
from app.web.auth import USER_KEY, end_session, safe_next, start_session
from app.web.errors import PageRoute
from app.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/signin")
def sign_in_page(request: Request, next: str | None = None) -> Response:
    if request.session.get(USER_KEY):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "signin.html", {"next": safe_next(next), "email": ""})


@router.post("/signin")
def sign_in(
    request: Request,
    session: SessionDep,
    throttle: SignInThrottleDep,
    client: ClientAddressDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    try:
        user = sign_in_user(session, throttle, email.strip(), password, client)
    except Unauthorized:
        context = {"next": safe_next(next), "email": email, "error": "Wrong email or password."}
        return render(request, "signin.html", context, status_code=401)
    except TooManyRequests as exc:
        context = {"next": safe_next(next), "email": email, "error": "Too many failed sign-ins; try later."}
        response = render(request, "signin.html", context, status_code=429)
        response.headers.update(exc.headers or {})
        return response
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/signout")
def sign_out(request: Request, session: SessionDep) -> Response:
    """Signs out everywhere: this browser and every other session and access token of the account."""
    user = user_of_web_session(session, request.session)
    if user is not None:
        end_all_sessions(session, user)
    end_session(request)
    return RedirectResponse("/signin", status_code=303)
