"""`python -m emulator --port 8081 [--bot TOKEN[=username]]...`: the emulator on its own.

Point a bot at it with `TelegramAPIServer.from_base("http://127.0.0.1:8081")` and drive it through
`/_control/...` (see emulator.client).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from emulator.server import Emulator


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m emulator", description="A Telegram Bot API emulator on loopback."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument(
        "--bot",
        action="append",
        default=[],
        metavar="TOKEN[=USERNAME]",
        help="register a bot (repeatable)",
    )
    parser.add_argument(
        "--read-all",
        action="store_true",
        help="the --bot bots read all group messages (privacy mode off)",
    )
    parser.add_argument(
        "--any-token", action="store_true", help="accept any well-formed token instead of 401"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for ids and random faults")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    emulator = Emulator(args.host, args.port, accept_any_token=args.any_token, seed=args.seed)
    for spec in args.bot:
        token, _, username = spec.partition("=")
        emulator.add_bot(
            token, username=username or None, can_read_all_group_messages=args.read_all
        )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signum, stop.set)
    async with emulator:
        # The port line is for scripts that start the emulator with --port 0 and read it back.
        print(f"Bot API emulator listening on {emulator.base_url}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
