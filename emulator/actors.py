"""People in the chats: what users do, turned into the updates Telegram would send each bot.

Delivery follows Telegram's privacy mode. A bot with `can_read_all_group_messages` (or an
administrator of the group) sees every group message; any other bot sees commands, replies to its
own messages and service messages only. Private messages reach only the bot they were sent to.
"""

from __future__ import annotations

from typing import Any

from emulator.accounts import BotAccount
from emulator.chats import CallbackQueryRecord, ChatMessage, ChatRecord, Topic
from emulator.files import StoredFile
from emulator.markup import plain
from emulator.message_entities import FormattedText, explicit_entities
from emulator.world import World

MAX_TEXT = 4096
MAX_CAPTION = 1024
PhotoArg = bool | str | bytes | None
DocumentArg = bytes | tuple[str, bytes] | str | None


def _sees(world: World, bot: BotAccount, chat: ChatRecord, message: ChatMessage) -> bool:
    membership = world.membership(chat, bot.id)
    if membership is None or not membership.present:
        return False
    if bot.can_read_all_group_messages or membership.is_admin or message.service:
        return True
    body = message.text if message.text is not None else (message.caption or "")
    if body.startswith("/"):
        command = body.split(maxsplit=1)[0]
        if "@" in command:
            return command.split("@", 1)[1].lower() == bot.username.lower()
        return True
    topic_opener = message.is_topic_message and message.reply_to == message.thread_id
    if message.reply_to is not None and not topic_opener:
        replied = chat.messages.get(message.reply_to)
        return replied is not None and replied.sender_id == bot.id
    return False


def deliver(
    world: World,
    chat: ChatRecord,
    message: ChatMessage,
    kind: str = "message",
    only: BotAccount | None = None,
) -> None:
    """Queue `{kind: message}` for every bot that would receive it."""
    payload = message.to_json(world)
    if chat.type == "private":
        recipients = [only] if only is not None else []
    else:
        recipients = [bot for bot in world.bots.values() if _sees(world, bot, chat, message)]
    for bot in recipients:
        if bot.id != message.sender_id:
            bot.updates.push({kind: payload})


def _joined(world: World, chat: ChatRecord, user_id: int) -> None:
    """Make sure the user may post: join them as a member unless they left or were kicked."""
    if chat.type == "private":
        return
    membership = chat.members.get(user_id)
    if membership is None:
        world.set_member(chat.id, user_id, "member")
    elif not membership.present:
        raise ValueError(f"user {user_id} is {membership.status!r} in chat {chat.id}")


def _text(
    text: str, entities: list[dict[str, Any]] | None, world: World, limit: int
) -> FormattedText:
    if len(text) > limit:
        raise ValueError(f"Telegram clients split texts over {limit} characters")
    if entities is None:
        return plain(text)
    return explicit_entities(text, entities, world.user_json)


def _photo(world: World, photo: PhotoArg) -> list[StoredFile]:
    if photo is True:
        return world.files.add_photo()
    if isinstance(photo, bytes):
        return world.files.add_photo(photo)
    if isinstance(photo, str):
        sizes = world.files.photo_set(photo)
        if sizes is None:
            raise ValueError(f"no photo with file_id {photo!r}")
        return sizes
    raise ValueError("photo is True, bytes or a photo file_id")


def _document(world: World, document: DocumentArg) -> StoredFile:
    if isinstance(document, str):
        stored = world.files.get(document)
        if stored is None or stored.kind != "document":
            raise ValueError(f"no document with file_id {document!r}")
        return stored
    if isinstance(document, tuple):
        name, data = document
    else:
        name, data = "document.bin", document or b""
    return world.files.add_document(data, name)


def _forward_origin(world: World, forward: bool | int, date: int) -> dict[str, Any] | None:
    if forward is False:
        return None
    if forward is True:
        return {"type": "hidden_user", "date": date, "sender_user_name": "Hidden User"}
    user = world.user_json(forward)
    if user is None:
        raise ValueError(f"no user {forward}")
    return {"type": "user", "date": date, "sender_user": user}


def _place(
    world: World,
    chat: ChatRecord,
    message: ChatMessage,
    reply_to: int | None,
    thread_id: int | None,
) -> None:
    if thread_id is not None:
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise ValueError(f"chat {chat.id} has no topic {thread_id}")
            message.is_topic_message = True
        elif chat.type != "supergroup" or thread_id not in chat.messages:
            raise ValueError(f"chat {chat.id} has no thread {thread_id}")
        message.thread_id = thread_id
    if reply_to is not None:
        replied = chat.messages.get(reply_to)
        if replied is None or replied.deleted:
            raise ValueError(f"chat {chat.id} has no message {reply_to}")
        message.reply_to = reply_to
        if thread_id is None:
            message.thread_id, message.is_topic_message = world.reply_thread(chat, replied)
    if message.is_topic_message and message.reply_to is None:
        message.reply_to = message.thread_id  # Telegram's forum quirk, as for bot messages


def post_message(
    world: World,
    chat_id: int,
    user_id: int,
    text: str | None = None,
    *,
    photo: PhotoArg = False,
    caption: str | None = None,
    document: DocumentArg = None,
    location: tuple[float, float] | None = None,
    reply_to: int | None = None,
    media_group_id: str | None = None,
    thread_id: int | None = None,
    forward: bool | int = False,
    entities: list[dict[str, Any]] | None = None,
    only: BotAccount | None = None,
) -> ChatMessage:
    chat = world.chats.get(chat_id)
    if chat is None:
        raise ValueError(f"no chat {chat_id}")
    if user_id not in world.users:
        raise ValueError(f"no user {user_id}: call add_user first")
    _joined(world, chat, user_id)
    has_media = bool(photo) or document is not None
    if text is None and not has_media and location is None:
        raise ValueError("a message needs text, a photo, a document or a location")
    if text is not None and has_media:
        raise ValueError("text that goes with a photo or document is its caption=")
    message = ChatMessage(chat_id=chat.id, message_id=0, date=world.now(), sender_id=user_id)
    if text is not None:
        formatted = _text(text, entities, world, MAX_TEXT)
        message.text, message.entities = formatted.text, formatted.entities
    if photo:
        message.photo = [size.photo_size_json() for size in _photo(world, photo)]
    if document is not None:
        message.document = _document(world, document).document_json()
    if location is not None:
        message.location = {"latitude": location[0], "longitude": location[1]}
    if caption is not None and has_media:
        formatted = _text(caption, None, world, MAX_CAPTION)
        message.caption, message.caption_entities = formatted.text, formatted.entities
    message.media_group_id = media_group_id
    message.recipient_bot_id = only.id if only is not None else None
    message.forward_origin = _forward_origin(world, forward, message.date)
    _place(world, chat, message, reply_to, thread_id)
    world.store(chat, message)
    deliver(world, chat, message, only=only)
    return message


def post_private_message(
    world: World,
    user_id: int,
    text: str | None = None,
    *,
    bot: str | int | None = None,
    **details: Any,
) -> ChatMessage:
    """A message from a user to one bot in their private chat (chat id = user id)."""
    account = world.find_bot(bot)
    if user_id not in world.users:
        raise ValueError(f"no user {user_id}: call add_user first")
    world.private_started.add((account.id, user_id))
    world.private_chat(user_id)
    return post_message(world, user_id, user_id, text, only=account, **details)


def command_text(command: str, args: str | None = None, bot_username: str | None = None) -> str:
    text = "/" + command.removeprefix("/")
    if bot_username:
        text += "@" + bot_username.removeprefix("@")
    if args:
        text += " " + args
    return text


def edit_message(
    world: World,
    chat_id: int,
    message_id: int,
    text: str | None = None,
    caption: str | None = None,
) -> ChatMessage:
    """The author edits their message; bots get an `edited_message` update."""
    chat = world.chats.get(chat_id)
    message = chat.messages.get(message_id) if chat else None
    if chat is None or message is None or message.deleted:
        raise ValueError(f"no message {message_id} in chat {chat_id}")
    if message.from_bot:
        raise ValueError("users edit their own messages; this one is a bot's")
    if (text is None) == (caption is None):
        raise ValueError("edit either the text or the caption")
    message.revise(world.clock())
    if text is not None:
        if message.text is None:
            raise ValueError("the message has no text; edit its caption")
        formatted = _text(text, None, world, MAX_TEXT)
        message.text, message.entities = formatted.text, formatted.entities
    elif caption is not None:
        formatted = _text(caption, None, world, MAX_CAPTION)
        message.caption, message.caption_entities = formatted.text, formatted.entities
    message.edit_date = world.now()
    world.changed.notify()
    only = world.bot_by_user_id(message.recipient_bot_id or 0)
    deliver(world, chat, message, kind="edited_message", only=only)
    return message


def press_button(
    world: World, chat_id: int, user_id: int, message_id: int, callback_data: str
) -> str:
    """A user taps an inline button; the bot that sent the message gets the callback query."""
    chat = world.chats.get(chat_id)
    message = chat.messages.get(message_id) if chat else None
    if chat is None or message is None or message.deleted:
        raise ValueError(f"no message {message_id} in chat {chat_id}")
    bot = world.bot_by_user_id(message.sender_id or 0)
    if bot is None:
        raise ValueError(f"message {message_id} was not sent by a bot")
    if callback_data not in message.callback_data:
        raise ValueError(
            f"message {message_id} has no button with callback_data {callback_data!r}; "
            f"it has {message.callback_data}"
        )
    user = world.user_json(user_id)
    if user is None:
        raise ValueError(f"no user {user_id}: call add_user first")
    _joined(world, chat, user_id)
    query_id = str(world.rng.getrandbits(62))
    world.callback_queries[query_id] = CallbackQueryRecord(
        query_id, bot.token, user_id, chat.id, message_id, callback_data
    )
    bot.updates.push(
        {
            "callback_query": {
                "id": query_id,
                "from": user,
                "message": message.to_json(world),
                # Stable per chat, like Telegram's opaque chat_instance.
                "chat_instance": str(abs(chat.id * 2_654_435_761) % 10**19),
                "data": callback_data,
            }
        }
    )
    return query_id


def create_topic(
    world: World,
    chat_id: int,
    name: str,
    icon_color: int = 0x6FB9F0,
    user_id: int | None = None,
) -> int:
    """Open a forum topic; its id is the id of its `forum_topic_created` service message."""
    chat = world.chats.get(chat_id)
    if chat is None or not chat.is_forum:
        raise ValueError(f"chat {chat_id} is not a forum")
    if user_id is None:
        user_id = _first_admin(chat)
    message = ChatMessage(
        chat_id=chat.id,
        message_id=0,
        date=world.now(),
        sender_id=user_id,
        service={"forum_topic_created": {"name": name, "icon_color": icon_color}},
    )
    world.store(chat, message)
    message.thread_id = message.message_id
    message.is_topic_message = True
    chat.topics[message.message_id] = Topic(message.message_id, name, icon_color)
    deliver(world, chat, message)
    return message.message_id


def _first_admin(chat: ChatRecord) -> int | None:
    """Who opens a topic when the test does not say: the owner, else an admin, else anyone."""
    for status in ("creator", "administrator", "member"):
        for member in chat.members.values():
            if member.status == status:
                return member.user_id
    return None


def post_raw_update(
    world: World, update: dict[str, Any], bot: str | int | None = None
) -> int | None:
    """Queue any update as given (an `update_id` in it is kept), for one bot."""
    return world.find_bot(bot).updates.push(dict(update))
