"""The outbox sender's own mechanics, without a Bot API server."""

from __future__ import annotations

import gc
import weakref

from aiogram.methods import SendPhoto
from aiogram.methods.base import Response

from bot.sender import _keep_response_type


def test_the_model_that_reads_an_answer_survives_garbage_collection() -> None:
    # pydantic holds Response[...] classes weakly; rebuilding one costs milliseconds per send.
    def answer_model() -> weakref.ref[type]:
        return weakref.ref(Response[SendPhoto.__returning__])

    _keep_response_type(SendPhoto(chat_id=1, photo="file-id"))
    model = answer_model()
    gc.collect()
    assert model() is not None
    assert answer_model()() is model()
