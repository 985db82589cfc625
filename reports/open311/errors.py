"""The errors a GeoReport v2 client is told, in the spec's words: an HTTP status and a list of
{code, description}, in the format the client asked for."""

from __future__ import annotations


class Open311Error(Exception):
    """A request the API refuses: `status` is both the HTTP status and the error's code, as the
    spec has them (400 missing or invalid, 403 api_key, 404 not found)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# The spec's own sentences, so a client that matches on them finds them.
def jurisdiction_not_found(given: str) -> Open311Error:
    return Open311Error(404, f"jurisdiction_id provided was not found: {given}")


def api_key_invalid() -> Open311Error:
    return Open311Error(403, "api_key was not provided or invalid")


def service_code_missing() -> Open311Error:
    return Open311Error(400, "service_code was not provided")


def service_code_not_found(code: str) -> Open311Error:
    return Open311Error(404, f"service_code provided was not found: {code}")


def location_missing() -> Open311Error:
    return Open311Error(400, "lat/long, address_string, or address_id was not provided")


def request_not_found(given: str) -> Open311Error:
    return Open311Error(404, f"service_request_id provided was not found: {given}")


def general(description: str) -> Open311Error:
    return Open311Error(400, f"General service error: {description}")
