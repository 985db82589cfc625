"""Signed, expiring session cookies and the form tokens that go with them.

Two cookies, both HttpOnly and SameSite=Lax: `sd_browser`, a random id given on the first visit
(before sign-in too, so the sign-in form has a token), and `sd_session`, the signed user and
expiry. A form's token is a MAC of the browser id: a page on another site can neither read it
nor make it (double-submit, signed), so a form posted without it or with another is refused.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web

from reports.web.signing import Signer, read_expiring
from tickets.clock import Clock

SESSION_COOKIE = "sd_session"
BROWSER_COOKIE = "sd_browser"
CSRF_FIELD = "csrf"
# A browser id given during this request, before its cookie comes back.
GIVEN_BROWSER_ID = web.RequestKey("streetdesk.browser_id", str)


@dataclass(frozen=True, slots=True)
class SignedIn:
    user_id: int
    expires_at: datetime


class Sessions:
    def __init__(self, signer: Signer, clock: Clock, *, lasts: timedelta, secure: bool) -> None:
        self._signer = signer
        self._clock = clock
        self._lasts = lasts
        self._secure = secure  # cookies only over HTTPS when the desk is reached by HTTPS

    def signed_in(self, request: web.Request) -> SignedIn | None:
        value = request.cookies.get(SESSION_COOKIE)
        said = read_expiring(self._signer, value, "s", 0, self._clock.now())
        return None if said is None else SignedIn(said.user_id, said.expires)

    def sign_in(self, response: web.StreamResponse, user_id: int) -> None:
        expires = int((self._clock.now() + self._lasts).timestamp())
        response.set_cookie(
            SESSION_COOKIE,
            self._signer.sign(f"s.{user_id}.{expires}"),
            max_age=int(self._lasts.total_seconds()),
            **self._cookie_options(),
        )

    def sign_out(self, response: web.StreamResponse) -> None:
        response.del_cookie(SESSION_COOKIE, path="/")

    def browser_id(self, request: web.Request) -> str | None:
        value = request.cookies.get(BROWSER_COOKIE, "")
        return value if 16 <= len(value) <= 64 and value.isascii() else None

    def ensure_browser_id(self, request: web.Request, response: web.StreamResponse) -> str:
        """The browser's id, given now (cookie set on `response`) if it has none yet."""
        known = request.get(GIVEN_BROWSER_ID) or self.browser_id(request)
        if known is not None:
            return known
        fresh = secrets.token_urlsafe(24)
        request[GIVEN_BROWSER_ID] = fresh
        response.set_cookie(BROWSER_COOKIE, fresh, **self._cookie_options())
        return fresh

    def form_token(self, browser_id: str) -> str:
        return self._signer.mac(f"csrf.{browser_id}")

    def form_token_ok(self, request: web.Request, posted: str | None) -> bool:
        browser = self.browser_id(request)
        if browser is None or not posted:
            return False
        return hmac.compare_digest(posted, self.form_token(browser))

    def _cookie_options(self) -> dict[str, object]:
        return {"path": "/", "httponly": True, "samesite": "Lax", "secure": self._secure}
