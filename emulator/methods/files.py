"""getFile: where a file can be downloaded (`{base}/file/bot<token>/<file_path>`)."""

from __future__ import annotations

from typing import Any

from emulator.errors import bad_request
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params

# The Bot API hands out files up to 20 MB; getFile refuses a bigger one.
GET_FILE_LIMIT = 20 * 1024 * 1024


@api_method("getFile")
async def get_file(ctx: MethodContext, params: Params) -> dict[str, Any]:
    file_id = params.text("file_id", required=True)
    assert file_id is not None
    stored = ctx.world.files.get(file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > GET_FILE_LIMIT:
        raise bad_request("file is too big")
    return stored.file_json()
