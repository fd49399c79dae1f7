"""Commands on cases and their typed attributes.

Methods whose docstring starts "Inside a running command" are the write steps the commands here (and
importers such as the REFI-QDA adapter) are built from: they must be called from a command's body, and
they are the only code that writes these rows, so each rule about them lives in one place.
"""

from __future__ import annotations

from pathlib import Path

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Attribute, AttributeType, Case
from framework_qa.core.project.base import ProjectBase
from framework_qa.core.project.guids import free_guid


class CaseOps(ProjectBase):
    def add_case(self, name: str) -> Change:
        name = name.strip()
        if not name:
            raise FqaError("a case needs a name")
        if self.find_case(name):
            raise FqaError(f"a case named '{name}' is already in the project")
        _, change = self._run(f"Add case '{name}'", lambda: self.ensure_case(name))
        return change

    def ensure_case(self, name: str, guid: str | None = None) -> int:
        """Inside a running command: the id of the case named `name`, created if missing.

        A new case gets `guid` when no case has it yet (an import keeping identities), else a fresh one.
        """
        for row in self._store.select("cases", ("id",), name=name):
            return int(row["id"])
        return self._store.insert("cases", {"name": name, "guid": free_guid(self._store, "cases", guid)})

    def stored_case_id(self, name: str) -> int | None:
        """Inside a running command: the id of the case named `name`, read from the file, or None.

        The cached `find_case` only sees a command's writes once it has finished.
        """
        return next((int(r["id"]) for r in self._store.select("cases", ("id",), name=name)), None)

    def rename_case(self, ref: int | str | Case, new_name: str) -> Change:
        case = self.case(ref)
        new_name = new_name.strip()
        if not new_name:
            raise FqaError("a case needs a name")
        other = self.find_case(new_name)
        if other and other.id != case.id:
            raise FqaError(f"a case named '{new_name}' is already in the project")
        _, change = self._run(f"Rename case '{case.name}'",
                              lambda: self._store.update("cases", case.id, {"name": new_name}))
        return change

    def delete_case(self, ref: int | str | Case) -> Change:
        """Delete the case, its attribute values, summaries and memo; its documents stay, without a case."""
        case = self.case(ref)

        def body() -> None:
            for d in self.case_documents(case):
                self._store.update("documents", d.id, {"case_id": None})
            for table in ("case_values", "summaries"):
                for row in self._store.select(table, ("id",), case_id=case.id):
                    self._store.delete(table, int(row["id"]))
            for row in self._store.select("memos", ("id",), target_kind="case", target_id=case.id):
                self._store.delete("memos", int(row["id"]))
            self._store.delete("cases", case.id)
        _, change = self._run(f"Delete case '{case.name}'", body)
        return change

    def define_attribute(self, name: str, kind: AttributeType = "text") -> Change:
        name = name.strip()
        if not name:
            raise FqaError("an attribute needs a name")
        if any(a.name == name for a in self.attributes()):
            raise FqaError(f"an attribute named '{name}' already exists")
        _, change = self._run(f"Add attribute '{name}'", lambda: self.ensure_attribute(name, kind))
        return change

    def ensure_attribute(self, name: str, kind: AttributeType = "text") -> int:
        """Inside a running command: the id of the attribute `name`, created with `kind` if missing.

        An attribute already present keeps its type: values are checked against the stored type.
        """
        found = self.stored_attribute(name)
        return found.id if found else self._store.insert("attributes", {"name": name, "type": kind})

    def stored_attribute(self, name: str) -> Attribute | None:
        """Inside a running command: the attribute named `name` as the file holds it, or None."""
        rows = self._store.select("attributes", ("id", "name", "type"), name=name)
        return Attribute(int(rows[0]["id"]), rows[0]["name"], rows[0]["type"]) if rows else None

    def set_case_value(self, case: int | str | Case, attribute: str, value: object) -> Change:
        """Set (or with an empty value, clear) one attribute of one case; the attribute must exist."""
        from framework_qa.core.importers.attributes import canonical  # the readers load python-docx
        c = self.case(case)
        attr = next((a for a in self.attributes() if a.name == attribute), None)
        if attr is None:
            raise FqaError(f"no attribute named '{attribute}'")
        try:
            text = canonical(value, attr.type)
        except ValueError as exc:
            raise FqaError(f"{attribute} of {c.name}: {exc}") from None
        _, change = self._run(f"Set {attribute} of '{c.name}'", lambda: self.write_case_value(c.id, attr.id, text))
        return change

    def write_case_value(self, case_id: int, attribute_id: int, text: str) -> None:
        """Inside a running command: set one case's value of one attribute; empty `text` clears it.

        `text` must already be canonical for the attribute's type (`importers.attributes.canonical`).
        """
        rows = self._store.select("case_values", ("id",), case_id=case_id, attribute_id=attribute_id)
        if rows and text == "":
            self._store.delete("case_values", int(rows[0]["id"]))
        elif rows:
            self._store.update("case_values", int(rows[0]["id"]), {"value": text})
        elif text != "":
            self._store.insert("case_values", {"case_id": case_id, "attribute_id": attribute_id, "value": text})

    def import_attributes(self, path: str | Path) -> Change:
        """Import a CSV/XLSX attribute table as one command; cases named in it are created if missing.

        An existing attribute keeps its type; a value that does not fit it rejects the whole file.
        """
        from framework_qa.core.importers.attributes import canonical, read_attribute_table
        from framework_qa.core.importers.files import display_name, printable
        table = read_attribute_table(path)
        existing = {a.name: a for a in self.attributes()}
        for name, kind in table.types.items():
            if name in existing and existing[name].type != kind and kind != "text":
                table.types[name] = existing[name].type
        for case_name, values in table.rows.items():
            for attr, value in values.items():
                try:
                    canonical(value, existing[attr].type if attr in existing else table.types[attr])
                except ValueError as exc:
                    raise FqaError(printable(f"{display_name(path)}: {attr} of {case_name}: {exc}")) from None

        def body() -> None:
            ids = {a.name: a.id for a in self.attributes()}
            for name, kind in table.types.items():
                if name not in ids:
                    ids[name] = self.ensure_attribute(name, kind)
            for case_name, values in table.rows.items():
                case_id = self.ensure_case(case_name)
                for attr, value in values.items():
                    kind = existing[attr].type if attr in existing else table.types[attr]
                    self.write_case_value(case_id, ids[attr], canonical(value, kind))
        _, change = self._run(f"Import attributes from {display_name(path)}", body)
        return change
