"""A consistent copy of the database, taken while the bot runs.

SQLite: the online backup API (a plain file copy taken during a write can be torn, and misses
what still sits in the WAL file); the copy is one self-contained file, checked before it is
kept. PostgreSQL: `pg_dump` in its custom format (one snapshot), restored with `pg_restore`.
A file is never replaced without `force`: yesterday's backup is not given up for a failed one."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL

from storage.engine import is_sqlite, normalise_url


class BackupFailed(Exception):
    """No backup was kept; the message says why in one sentence."""


def make_backup(database_url: str, output: Path, *, force: bool = False) -> str:
    """Write the backup of `database_url` to `output`; return a line for the terminal."""
    if output.exists() and not force:
        raise BackupFailed(f"{output} exists already; choose another --output or add --force")
    if not output.parent.is_dir():
        raise BackupFailed(f"cannot write {output}: the folder {output.parent} does not exist")
    url = normalise_url(database_url)
    # Written beside the target, then moved into place: a failed backup leaves no half file.
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    os.close(handle)
    partial = Path(name)
    try:
        said = _sqlite(url, partial) if is_sqlite(url) else _postgres(url, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return f"{said} to {output}"


def _sqlite(url: URL, target: Path) -> str:
    source_path = Path(url.database or "")
    if not url.database or url.database == ":memory:" or not source_path.is_file():
        raise BackupFailed(f"no SQLite database at {source_path}")
    source = sqlite3.connect(source_path)
    try:
        source.execute("PRAGMA busy_timeout = 30000")  # the bot may be writing this moment
        copy = sqlite3.connect(target)
        try:
            # One step: the whole database as of one moment, the bot's writes going on meanwhile.
            source.backup(copy)
            # The copy is one file: no WAL to carry along when it is moved or restored.
            copy.execute("PRAGMA journal_mode = DELETE")
            if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupFailed(f"the copy of {source_path} failed SQLite's integrity check")
            return f"backed up {_tickets(copy)} tickets"
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise BackupFailed(f"cannot back up {source_path}: {error}") from None
    finally:
        source.close()


def _tickets(copy: sqlite3.Connection) -> int:
    try:
        return int(copy.execute("SELECT count(*) FROM tickets").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # a database the bot has not set up yet: still copied as it is


def _postgres(url: URL, target: Path) -> str:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupFailed(
            "pg_dump was not found: install the PostgreSQL client tools (the same major version "
            "as the server), or run pg_dump --format=custom yourself"
        )
    # The password goes through the environment, never the command line (`ps` shows that).
    environment = {**os.environ}
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={plain}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise BackupFailed(f"pg_dump failed: {reason}")
    return "backed up the PostgreSQL database (pg_dump custom format)"
