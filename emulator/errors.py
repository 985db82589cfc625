"""The errors the Bot API answers with, in Telegram's own words.

A method raises `ApiError`; the HTTP layer turns it into `{"ok": false, "error_code": ...,
"description": ...}`. Descriptions copy Telegram's, because bots (and aiogram) match on them.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error: the status code doubles as `error_code`, as Telegram does."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


UNAUTHORIZED = ApiError(401, "Unauthorized")
NOT_FOUND = ApiError(404, "Not Found")
MESSAGE_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
WRONG_FILE_ID = "wrong file identifier/HTTP URL specified"

# Telegram's 502/504 come from its nginx front, as HTML rather than JSON; a bot has to survive a
# body it cannot decode, so the emulator sends the same page.
NGINX_PAGES = {
    502: "502 Bad Gateway",
    504: "504 Gateway Time-out",
}


def nginx_page(status: int) -> str:
    title = NGINX_PAGES[status]
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
        "</body>\r\n</html>\r\n"
    )


def injected_error(error_code: int, retry_after: int, description: str | None) -> ApiError:
    """The error a fault injection answers with: Telegram's usual wording for each code."""
    if error_code == 429:
        return too_many_requests(retry_after)
    defaults = {
        400: "Bad Request: injected failure",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        500: "Internal Server Error",
        503: "Service Unavailable",
    }
    return ApiError(error_code, description or defaults.get(error_code, f"Error {error_code}"))
