"""What a login's role forbids is refused in the one sentence the user reads, and nothing is written.
On a PostgreSQL server row-level security decides (see `server/roles.py`); the refusal itself is shared
`SqlStore` code (the before-image a command locks), so this file is named apart from the `server`
tests, which the mutation run's selection (`-k "not server"`) leaves out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import FqaError

BOND = "Working alliance/Bond"
REFUSED = "^your role in this project does not allow this change$"


@pytest.fixture
def owner_and_coder(pg_server: object) -> Iterator[tuple[Project, Project]]:
    """A project owned by amira, with ben a coder (real logins, no superuser)."""
    database, logins = pg_server.team_database(("amira", "ben"))  # type: ignore[attr-defined]
    with new_project(pg_server.address(database, logins["amira"]), ["alliance"]) as amira:  # type: ignore[attr-defined]
        amira.add_document("P01", "P01: I trusted it.")
        amira.store.set_member(logins["ben"], "coder")  # type: ignore[attr-defined]
        with open_project(pg_server.address(database, logins["ben"])) as ben:  # type: ignore[attr-defined]
            yield amira, ben


def test_a_coder_changing_or_removing_the_framework_is_refused_in_one_sentence(
        owner_and_coder: tuple[Project, Project]) -> None:
    amira, ben = owner_and_coder
    bond = amira.code(BOND)
    with pytest.raises(FqaError, match=REFUSED):
        ben.update_code(BOND, name="Rapport")
    with pytest.raises(FqaError, match=REFUSED):
        ben.delete_code(BOND)
    assert amira.store.row("codes", bond.id) == ben.store.row("codes", bond.id)
    assert amira.code(BOND).name == "Bond" and not ben.undo_stack.can_undo
    ben.add_code("Feeling judged")  # a theme of ben's own: allowed
    theme = ben.code("Feeling judged")
    stored = amira.store.row("codes", theme.id)  # read from the server, not from amira's cache, which
    assert stored is not None and stored["name"] == "Feeling judged"  # hears of it a moment later
