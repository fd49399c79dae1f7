"""Import steps for people and cases: users become coders, cases are matched by name, variables become
attributes (Integer/Float: number, Date/DateTime: date, others: text)."""

from __future__ import annotations

from datetime import datetime

from framework_qa.core.importers.attributes import canonical
from framework_qa.core.interop.refi.model import VariableType, VariableValue
from framework_qa.core.model import AttributeType

from .import_state import WriterState

UNKNOWN_CODER = "imported"
_KINDS: dict[VariableType, AttributeType] = {
    "Text": "text", "Boolean": "text", "Integer": "number", "Float": "number", "Date": "date", "DateTime": "date"}


def _value_text(value: VariableValue) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date()
    return value


class PeopleSteps(WriterState):
    """Coders, cases and their attribute values."""

    def add_coder(self, name: str, guid: str | None = None) -> int:
        coder_id = self.project.ensure_coder(name, guid)
        self.coder_names[coder_id] = name
        return coder_id

    def add_users(self) -> None:
        for user in self.refi.users:
            name = user.name.strip() or f"user {user.guid[:8]}"
            self.coders[user.guid] = self.add_coder(name, user.guid)

    def coder_for(self, user_guid: str | None) -> int:
        if user_guid and user_guid in self.coders:
            return self.coders[user_guid]
        if user_guid:
            self.report.adjusted.append(f"User {user_guid} is not listed among the project's users; "
                                        f"their passages are credited to 'user {user_guid[:8]}'.")
            self.coders[user_guid] = self.add_coder(f"user {user_guid[:8]}", user_guid)
            return self.coders[user_guid]
        if "" not in self.coders:
            self.report.adjusted.append(f"Passages without a coder are credited to the coder '{UNKNOWN_CODER}'.")
            self.coders[""] = self.add_coder(UNKNOWN_CODER)
        return self.coders[""]

    def ensure_case(self, name: str, guid: str | None = None) -> tuple[int, bool]:
        """The case named `name` and whether this import created it."""
        existing = self.project.stored_case_id(name)
        if existing is not None:
            return existing, False
        return self.project.ensure_case(name, guid), True

    def add_cases(self) -> dict[str, int]:
        """Cases by GUID; returns each source GUID's case id (first case wins)."""
        membership: dict[str, int] = {}
        for n, case in enumerate(self.refi.cases, start=1):
            name = case.name.strip() or f"Case {n}"
            case_id, created = self.ensure_case(name, case.guid)
            self.outcome.cases += created
            if not created:
                self.report.adjusted.append(f"Case {name!r}: joined with the case of that name already present.")
            self.cases[case.guid] = case_id
            if case.description.strip():
                self.memos.setdefault(("case", case_id), []).append(case.description)
            for source in case.source_guids:
                if source in membership and membership[source] != case_id:
                    self.report.adjusted.append(f"Case {name!r}: a document belongs to several cases; "
                                                "framework-qa keeps one case per document, the first listed.")
                    continue
                membership[source] = case_id
        return membership

    def add_attributes(self) -> None:
        variables: dict[str, tuple[int, AttributeType, str]] = {}
        for var in self.refi.variables:
            name = var.name.strip() or f"variable {var.guid[:8]}"
            attribute = self.project.stored_attribute(name)
            if attribute is None:
                kind = _KINDS[var.type_name]
                variables[var.guid] = (self.project.ensure_attribute(name, kind), kind, name)
                if var.type_name in ("Boolean", "DateTime"):
                    kept = "text (true/false)" if var.type_name == "Boolean" else "a date (time of day dropped)"
                    self.report.adjusted.append(f"Variable {name!r} ({var.type_name}) kept as {kept}.")
            else:
                variables[var.guid] = (attribute.id, attribute.type, name)
        for case in self.refi.cases:
            case_id = self.cases[case.guid]
            for var_guid, value in case.values.items():
                attr_id, kind, name = variables[var_guid]
                try:
                    text = canonical(_value_text(value), kind)
                except ValueError as exc:
                    self.report.dropped.append(f"Case {case.name!r}, {name}: {exc} (the attribute holds {kind}s).")
                    continue
                if not text:
                    continue
                self.project.write_case_value(case_id, attr_id, text)
                self.outcome.attribute_values += 1
