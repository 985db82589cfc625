"""The labelled messages the reader learns from and is checked against, as tab-separated files.

Three layouts are read, told apart by their number of columns:

- the development sets (5): role, intent, category, location, text;
- the evaluation sets (7): role, intent, category, location, context, kind, text;
- the reader's own corpus (8): role, intent, category, location, context, act, kind, text.

`\\N` is "none"; `context` is `card` when the message replies to a ticket card, `-` otherwise;
`act` is the speech act (tickets.understanding.acts), which the development and evaluation sets
do not carry. Lines starting with "#" and a header line starting with "role" are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tickets.roles import Role
from tickets.understanding.acts import Act
from tickets.understanding.reading import Intent

CORPUS_PATH = Path(__file__).resolve().parent / "data" / "corpus.tsv"
NONE_MARK = r"\N"
CARD = "card"


@dataclass(frozen=True, slots=True)
class CorpusRow:
    role: Role
    intent: Intent
    category: str | None
    location: str | None
    context: str  # "card" or "-"
    act: Act | None
    kind: str
    text: str

    @property
    def replying(self) -> bool:
        return self.context == CARD


def _value(field: str) -> str | None:
    return None if field == NONE_MARK else field


def parse_line(line: str) -> CorpusRow | None:
    if not line.strip() or line.startswith("#"):
        return None
    fields = line.split("\t")
    if fields[0] == "role":
        return None
    role, intent, category, location = Role(fields[0]), Intent(fields[1]), fields[2], fields[3]
    if len(fields) == 5:
        context, act, kind, text = "-", None, "-", fields[4]
    elif len(fields) == 7:
        context, act, kind, text = fields[4], None, fields[5], fields[6]
    elif len(fields) == 8:
        context, act, kind, text = fields[4], Act(fields[5]), fields[6], fields[7]
    else:
        raise ValueError(f"expected 5, 7 or 8 tab-separated columns, got {len(fields)}")
    return CorpusRow(
        role, intent, _value(category), _value(location), context or "-", act, kind, text
    )


def load_rows(path: Path) -> list[CorpusRow]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            row = parse_line(line)
        except ValueError as error:
            raise ValueError(f"{path}:{number}: {error}") from None
        if row is not None:
            rows.append(row)
    return rows


def load_corpus(path: Path = CORPUS_PATH) -> list[CorpusRow]:
    return load_rows(path)


def format_row(row: CorpusRow) -> str:
    fields = (
        row.role.value,
        row.intent.value,
        row.category or NONE_MARK,
        row.location or NONE_MARK,
        row.context,
        (row.act or Act.NONE).value,
        row.kind,
        row.text.replace("\t", " ").replace("\n", " "),
    )
    return "\t".join(fields)


HEADER = (
    "# The reader's labelled corpus (bench/understanding/make_corpus.py writes it).\n"
    "# role, intent, category, location, context (card|-), act, kind, text. \\N = none.\n"
)


def write_corpus(path: Path, rows: Iterable[CorpusRow]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(format_row(row) for row in rows)
    path.write_text(HEADER + body + "\n", encoding="utf-8")
