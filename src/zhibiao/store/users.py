"""The dashboard's users: names, roles and Argon2id password hashes (argon2-cffi).

An ``editor`` may upload reports and correct facts; a ``viewer`` may only read. Passwords are
never stored, only their Argon2id hashes; :func:`check_password` takes the same time whether
the name exists or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from zhibiao.errors import QueryError
from zhibiao.store.db import now
from zhibiao.store.schema import UserRow

__all__ = ["MIN_PASSWORD", "ROLES", "User", "add_user", "check_password", "count_users", "get_user", "users"]

ROLES = ("editor", "viewer")
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
_U = UserRow.__table__.c


@cache
def _dummy_hash() -> str:
    """A hash checked when the name is unknown, so that a wrong name costs as long as a wrong password
    (made on the first such login, not at import: every command imports this module)."""
    return _HASHER.hash("zhibiao: no such user")


@dataclass(frozen=True, slots=True)
class User:
    """A user as the dashboard knows it (never the hash)."""

    id: int
    name: str
    role: str

    @property
    def can_write(self) -> bool:
        """Whether the user may upload and correct."""
        return self.role == "editor"


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 100 or any(ch.isspace() or ord(ch) < 32 for ch in cleaned):
        raise QueryError(f"a user name is 1 to 100 characters without spaces, not {name[:40]!r}")
    return cleaned


def add_user(conn: Connection, name: str, role: str, password: str, *, replace: bool = False) -> User:
    """Add a user (or, with ``replace``, set an existing user's role and password).
    Raises QueryError for an unknown role, a password under :data:`MIN_PASSWORD` characters,
    a bad name, or a name taken (without ``replace``)."""
    name = _check_name(name)
    if role not in ROLES:
        raise QueryError(f"unknown role {role!r} ({', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise QueryError(f"the password must have at least {MIN_PASSWORD} characters")
    hashed = _HASHER.hash(password)
    existing = conn.execute(select(_U.id).where(_U.name == name)).scalar_one_or_none()
    if existing is not None:
        if not replace:
            raise QueryError(f"user {name!r} exists (use --replace to set a new role and password)")
        conn.execute(update(UserRow.__table__).where(_U.id == existing).values(role=role, password_hash=hashed))
        return User(existing, name, role)
    pk = conn.execute(insert(UserRow.__table__).returning(_U.id),
                      {"name": name, "role": role, "password_hash": hashed, "created_at": now()}).scalar_one()
    return User(int(pk), name, role)


def check_password(conn: Connection, name: str, password: str) -> User | None:
    """The user if ``password`` is theirs, else None."""
    row = conn.execute(select(_U.id, _U.name, _U.role, _U.password_hash).where(_U.name == name.strip())).first()
    try:
        _HASHER.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.id, row.name, row.role) if row is not None else None


def get_user(conn: Connection, user_id: int) -> User | None:
    """A user by id (None when removed)."""
    row = conn.execute(select(_U.id, _U.name, _U.role).where(_U.id == user_id)).first()
    return User(row.id, row.name, row.role) if row is not None else None


def count_users(conn: Connection) -> int:
    """How many users the store has."""
    return int(conn.execute(select(func.count()).select_from(UserRow.__table__)).scalar_one())


def users(conn: Connection) -> list[User]:
    """Every user, by name."""
    return [User(r.id, r.name, r.role) for r in conn.execute(select(_U.id, _U.name, _U.role).order_by(_U.name))]
