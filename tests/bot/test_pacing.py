"""Telegram's limits kept by arithmetic on a fake monotonic clock: no waiting in the test."""

import pytest

from bot.pacing import Limits, Pacer


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def time() -> FakeMonotonic:
    return FakeMonotonic()


def call(pacer: Pacer, chat: int, *, new_message: bool = True) -> None:
    """A call answered at once (a loopback Bot API)."""
    pacer.start(chat, new_message=new_message)
    pacer.finish(chat, new_message=new_message)


def send_as_fast_as_allowed(pacer: Pacer, time: FakeMonotonic, chat: int, count: int) -> float:
    start = time.now
    for _ in range(count):
        time.now += pacer.wait_for(chat)
        call(pacer, chat)
    return time.now - start


def test_one_group_gets_one_message_a_second(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_per_minute=20, per_chat_interval=1.0), time)
    assert pacer.wait_for(1) == 0
    call(pacer, 1)
    assert pacer.wait_for(1) == pytest.approx(1.0)
    assert pacer.wait_for(2) == 0  # another group is not held up


def test_twenty_a_minute_in_one_group(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_per_minute=20, per_chat_interval=0.0), time)
    elapsed = send_as_fast_as_allowed(pacer, time, chat=1, count=21)
    assert elapsed == pytest.approx(60.0)  # the 21st waits for the first to leave the minute


def test_thirty_a_second_overall(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_interval=0.0, global_per_second=30), time)
    for chat in range(30):
        assert pacer.wait_for(chat) == 0
        call(pacer, chat)
    assert pacer.wait_for(99) == pytest.approx(1.0)


def test_a_429_pauses_that_group_for_retry_after(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(), time)
    pacer.pause(1, 7.0)
    assert pacer.wait_for(1) == pytest.approx(7.0)
    assert pacer.wait_for(2) == 0


def test_idle_groups_are_forgotten(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(), time)
    call(pacer, 1)
    time.now += 61
    pacer.forget_idle()
    assert pacer.wait_for(1) == 0


def test_editing_a_card_does_not_use_up_the_groups_twenty_a_minute(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_per_minute=20, per_chat_interval=1.0), time)
    for _ in range(20):
        time.now += pacer.wait_for(1)
        call(pacer, 1)
    assert pacer.wait_for(1) > 30  # a 21st new message waits for the minute to pass
    assert pacer.wait_for(1, new_message=False) == pytest.approx(1.0)  # an edit only the gap
    time.now += 1.0
    call(pacer, 1, new_message=False)
    assert pacer.wait_for(1, new_message=False) == pytest.approx(1.0)


# Telegram counts a message when the request reaches it, at some moment between the bot's send
# and its answer. These tests let calls take time, as they do over a network.


def test_the_gap_in_a_group_counts_from_the_answer(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_interval=1.0), time)
    pacer.start(1)
    time.now += 0.3  # the request took 0.3 s: Telegram may have counted it as late as this
    pacer.finish(1)
    assert pacer.wait_for(1) == pytest.approx(1.0)


def test_a_call_in_flight_holds_its_group_until_answered(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_interval=1.0), time)
    pacer.start(1)
    time.now += 5.0  # no answer yet: its count at Telegram may come any moment
    assert pacer.wait_for(1) == pytest.approx(1.0)
    assert pacer.wait_for(2) == 0


def test_calls_in_flight_count_against_the_second(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_interval=0.0, global_per_second=3), time)
    for chat in range(3):
        assert pacer.wait_for(chat) == 0
        pacer.start(chat)  # three requests out, none answered
    assert pacer.wait_for(9) > 0
    time.now += 0.5
    pacer.finish(0)
    assert pacer.wait_for(9) == pytest.approx(1.0)  # a second after that answer
    pacer.finish(1)
    pacer.finish(2)
    time.now += 1.0
    assert pacer.wait_for(9) == 0


def test_the_minute_counts_from_the_answers(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_per_minute=2, per_chat_interval=0.0), time)
    call(pacer, 1)
    pacer.start(1)
    time.now += 2.0  # a slow request: counted by Telegram up to two seconds after the first
    pacer.finish(1)
    assert pacer.wait_for(1) == pytest.approx(58.0)  # a minute after the first answer
    time.now += 58.0
    assert pacer.wait_for(1) == 0


def test_edits_in_flight_do_not_count_against_the_minute(time: FakeMonotonic) -> None:
    pacer = Pacer(Limits(per_chat_per_minute=1, per_chat_interval=0.0), time)
    pacer.start(1, new_message=False)
    pacer.start(2)
    assert pacer.wait_for(1) == 0
    assert pacer.wait_for(2) > 30
