"""The STREETDESK_ environment variables, read as the file's keys are written.

`STREETDESK_SCHEDULER__SWEEP_EVERY=90s` is `[scheduler] sweep_every = "90s"`: one variable per
key, "__" between levels. A value is the text of the key, without the quotes: a list is written
as in the file (`[1, 2]`) or separated by commas (`1,2`); a table or a list of tables as a TOML
inline value. A variable that names no key is a mistake of the environment, said as such (a
misspelt override silently ignored would leave the file's value in force).
"""

from __future__ import annotations

import difflib
import tomllib
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

ENV_PREFIX = "STREETDESK_"
# Variables of the project's own tools that share the prefix but are not settings.
NOT_SETTINGS = ("STREETDESK_TEST_", "STREETDESK_BENCH_")

Path = tuple[str, ...]


@dataclass
class Environment:
    values: dict[str, Any] = field(default_factory=dict)  # nested like the file's data
    variables: dict[Path, str] = field(default_factory=dict)  # key path -> its variable
    problems: list[tuple[str, str]] = field(default_factory=list)  # (variable, reason)

    def path_of(self, variable: str) -> Path:
        return next(path for path, name in self.variables.items() if name == variable)

    def variable_for(self, loc: tuple[int | str, ...]) -> str | None:
        """The variable that set the value at `loc` (or a table around it), if one did."""
        for path, variable in self.variables.items():
            if tuple(loc[: len(path)]) == path:
                return variable
        return None


def read_environment(environ: Mapping[str, str], model: type[BaseModel]) -> Environment:
    environment = Environment()
    known = {_variable(path): path for path in _key_paths(model)}
    for name, raw in sorted(environ.items()):
        variable = name.upper()
        if not variable.startswith(ENV_PREFIX) or variable.startswith(NOT_SETTINGS):
            continue
        path = known.get(variable)
        if path is None:
            environment.problems.append((name, _unknown(variable, known)))
            continue
        try:
            value = _value(raw, _annotation(model, path))
        except ValueError as error:
            environment.problems.append((name, str(error)))
            continue
        node = environment.values
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
        environment.variables[path] = name
    return environment


def merged(file_data: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The file's data with the environment's values over it, table by table."""
    result = dict(file_data)
    for key, value in overrides.items():
        below = result.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            result[key] = merged(below, value)
        else:
            result[key] = value
    return result


def _variable(path: Path) -> str:
    return ENV_PREFIX + "__".join(step.upper() for step in path)


def _unknown(variable: str, known: Mapping[str, Path]) -> str:
    close = difflib.get_close_matches(variable, known, n=1, cutoff=0.8)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"names no StreetDesk setting (check the spelling, and __ between levels){hint}"


def _key_paths(model: type[BaseModel], above: Path = ()) -> Iterator[Path]:
    for name, info in model.model_fields.items():
        path = (*above, name)
        yield path  # a whole table may be given too, as an inline table
        if _is_model(info.annotation):
            yield from _key_paths(info.annotation, path)


def _annotation(model: type[BaseModel], path: Path) -> Any:
    annotation: Any = model
    for step in path:
        annotation = annotation.model_fields[step].annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _value(raw: str, annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    text = raw.strip()
    if origin is list:
        if text.startswith("["):
            return _toml(raw, "a list", "[1, 2]")
        return [part.strip() for part in text.split(",") if part.strip()]
    if origin is dict or _is_model(annotation):
        if text.startswith("{"):
            return _toml(raw, "a table", '{key = "value"}')
        raise ValueError(
            f"{_shown(raw)} is not a table; write it as a TOML inline table, "
            f'e.g. {{key = "value"}}, or set its keys one variable each'
        )
    # A single value stays the string it is: the readers accept "90s", "09:00", "8080", "true"
    # from a string as from the file, and a token or a URL is never reinterpreted.
    return raw


def _toml(raw: str, what: str, example: str) -> Any:
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        raise ValueError(
            f"{_shown(raw)} is not {what}; write it as in the file, e.g. {example}"
        ) from None


def _shown(raw: str) -> str:
    # Lists and tables of settings hold no secrets (the token and the secrets are single
    # values), but a long value is cut so the sentence stays one line.
    return repr(raw if len(raw) <= 60 else raw[:57] + "...")
