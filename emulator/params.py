"""Method parameters as Telegram accepts them: query string, JSON, urlencoded or multipart.

Whatever the encoding, values end up as strings, numbers, JSON objects or uploads; the accessors
coerce them the way the Bot API does ("123" is a number, '{"a":1}' is an object) and raise the
400 Telegram would for a missing or malformed parameter.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from emulator.errors import ApiError, bad_request

# Parameters the Bot API types as objects or arrays; in a form they arrive as JSON strings.
JSON_PARAMETERS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "media",
    }
)


@dataclass(frozen=True)
class Upload:
    """A file that came in the request body (multipart)."""

    filename: str
    content_type: str
    data: bytes


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Decode a request (or webhook reply) body into parameters."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if not body.strip():
        return {}
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(decoded, dict):
            raise bad_request("can't parse JSON object")
        return decoded
    if media_type == "multipart/form-data":
        envelope = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(envelope)
        values: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                values[name] = Upload(filename, part.get_content_type(), data)
            else:
                values[name] = data.decode("utf-8", errors="replace")
        return values
    # Telegram treats anything else (including a missing type) as a urlencoded form.
    return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))


class Params:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def for_record(self) -> dict[str, Any]:
        """The parameters as a test reads them back: objects decoded, uploads summarised."""
        record: dict[str, Any] = {}
        for name, value in self.values.items():
            if isinstance(value, Upload):
                record[name] = {
                    "upload": value.filename,
                    "content_type": value.content_type,
                    "size": len(value.data),
                }
            elif isinstance(value, str) and name in JSON_PARAMETERS:
                try:
                    record[name] = json.loads(value)
                except ValueError:
                    record[name] = value
            else:
                record[name] = value
        return record

    def _missing(self, name: str, message: str | None) -> ApiError:
        return bad_request(message or f"{name} is empty")

    def text(self, name: str, *, required: bool = False, missing: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise self._missing(name, missing)
            return None if value is None else ""
        if isinstance(value, Upload):
            raise bad_request(f"{name} must be a string")
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def integer(
        self, name: str, *, required: bool = False, missing: str | None = None
    ) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise self._missing(name, missing)
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1", "yes", "on")

    def obj(self, name: str, what: str | None = None) -> Any:
        """A JSON-typed parameter: an object in a JSON body, or a JSON string in a form."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what or name} JSON object") from None
        if isinstance(value, Upload):
            raise bad_request(f"can't parse {what or name} JSON object")
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.values.get(name)
        if value is None or value == "":
            raise self._missing(name, None)
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if text.startswith("@"):
            return text
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None

    def file(self, name: str) -> Upload | str | None:
        """A file parameter: an upload in this field, `attach://<field>`, a file_id or a URL."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, Upload):
            return value
        text = str(value)
        if text.startswith("attach://"):
            attached = self.values.get(text.removeprefix("attach://"))
            if not isinstance(attached, Upload):
                raise bad_request("wrong file identifier/HTTP URL specified")
            return attached
        return text
