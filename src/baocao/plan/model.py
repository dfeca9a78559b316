"""The typed model of a plan (kế hoạch) in the Decree 30/2020 layout.

Pydantic models are used because a plan is edited by hand as YAML: pydantic gives strict checking
(unknown keys, missing fields, wrong types) with the exact location of each fault, which the loader
turns into Vietnamese messages with file, key path and line. Everything a document shows is kept as
written ("slips included"); structure (ids, units, targets, timeframes) sits beside the wording.
"""

from __future__ import annotations

import re
import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_serializer, model_validator

from ..decree30 import AGENCY_CODE, DOC_NUMBER, SIGNER_PREFIX, TYPE_NAMES
from ..vnformat import join_vi
from .base import Model
from .citations import Citation, LegalBasis  # noqa: F401  (Citation is imported from here too)
from .numbers import VnNumber
from .timeframe import Timeframe, parse_timeframe


class Issuer(Model):
    """The issuing agency and the body above it, as the header shows them."""

    parent: str = ""  # cơ quan chủ quản, UPPER, may be empty
    name: str  # cơ quan ban hành, UPPER as in the header
    short_name: str  # as in running text: "Liên minh HTX tỉnh Đắk Nông"
    abbreviation: str  # agency part of the symbol: "LMHTX"

    @field_validator("abbreviation")
    @classmethod
    def _abbreviation(cls, v: str) -> str:
        if not AGENCY_CODE.match(v):
            raise ValueError(f"ký hiệu cơ quan '{v}' không đúng dạng (chữ in hoa, nối bằng '-', ví dụ 'LMHTX')")
        return v


class DocumentInfo(Model):
    """Type, number, place, date and summary line (trích yếu) of the document."""

    type: str = "KH"  # ND30 abbreviation
    number: str | None = None  # blank in a draft
    place: str
    date: dt.date | None = None  # blank day/month in a draft; then ``year`` is required
    year: int | None = None
    summary: str

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in TYPE_NAMES:
            raise ValueError(f"loại văn bản '{v}' không có trong Phụ lục III Nghị định 30 ({', '.join(TYPE_NAMES)})")
        return v

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, v: Any) -> Any:
        if v is None or v == "":
            return None
        v = str(v).strip()
        if not DOC_NUMBER.match(v):
            raise ValueError(f"số văn bản '{v}' không đúng dạng (số Ả Rập, dưới 10 có số 0 đứng trước: 05)")
        return v

    @model_validator(mode="after")
    def _year(self) -> "DocumentInfo":
        if self.date is None and self.year is None:
            raise ValueError("thiếu ngày ban hành: cần 'date' hoặc ít nhất 'year' cho bản dự thảo")
        if self.date is not None and self.year is not None and self.year != self.date.year:
            raise ValueError(f"'year' ({self.year}) khác năm của 'date' ({self.date.year})")
        return self

    @property
    def type_name(self) -> str:
        return TYPE_NAMES[self.type]

    @property
    def issue_year(self) -> int:
        return self.date.year if self.date else int(self.year or 0)


Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
TargetKind = Literal["share", "count", "rate_per_year", "growth", "distribution", "amount", "qualitative", "custom"]


class Baseline(Model):
    """What a growth target is measured against: a value at a date, or a whole period."""

    value: VnNumber | None = None
    date: dt.date | None = None
    period: tuple[int, int] | None = None  # e.g. (2012, 2020)
    note: str = ""


class ClassTarget(Model):
    """One class of a distribution target, e.g. 'Yếu' < 15%."""

    comparator: Comparator = ">="
    value: VnNumber | None = None
    range: tuple[VnNumber, VnNumber] | None = None
    label: str = ""
    goal: str | None = None  # the class's target in the plan's words ("dưới 15%"); default from the figures


class Target(Model):
    """A quantitative or qualitative target with the words of the plan it comes from."""

    id: str
    quote: str  # words of the sentence this target stands for (must occur in its paragraph)
    label: str  # short name for tables
    kind: TargetKind
    unit: str = ""
    comparator: Comparator = ">="
    value: VnNumber | None = None
    range: tuple[VnNumber, VnNumber] | None = None
    classes: dict[str, ClassTarget] | None = None
    baseline: Baseline | None = None
    start: dt.date | None = None  # start of the straight-line path (default: 1 January of the plan's first year)
    deadline: dt.date | None = None
    path: dict[dt.date, float] | None = None  # milestones the plan sets on the way (date -> value); else straight
    goal: str | None = None  # the target in the plan's words for documents ("trên 20 tỷ đồng"); default from the figures
    theme: str | None = None  # the heading a report groups this target's result under ("Số lượng HTX, LHHTX, THT")
    compute: dict[str, Any] = Field(default_factory=dict)  # how the indicator engine computes it
    note: str = ""

    @model_validator(mode="after")
    def _shape(self) -> "Target":
        if self.kind == "qualitative":
            return self
        if self.kind == "distribution":
            if not self.classes:
                raise ValueError("chỉ tiêu dạng 'distribution' cần 'classes'")
        elif self.comparator == "range":
            if not self.range or self.range[0] > self.range[1]:
                raise ValueError("so sánh 'range' cần 'range: [thấp, cao]' với thấp ≤ cao")
        elif self.value is None:
            raise ValueError(f"chỉ tiêu dạng '{self.kind}' cần 'value'")
        if self.kind == "growth" and self.baseline is None:
            raise ValueError("chỉ tiêu tăng trưởng ('growth') cần 'baseline'")
        if self.path and (self.kind == "distribution" or self.comparator == "range"):
            raise ValueError("lộ trình ('path') chỉ khai báo cho chỉ tiêu có một mức (không cho 'range' hay "
                             "'distribution')")
        return self


BLOCK_KINDS = ("text", "numbered", "lettered", "dash", "plus", "heading", "tasks")


class Block(Model):
    """A piece of the body: a paragraph, a heading with children, or the place of the task groups.

    In YAML a block is written by its kind: ``- dash: "…"``, ``- numbered: "…"`` (1., 2.),
    ``- lettered: "…"`` (a), b), c) … in Vietnamese order), ``- heading: "…"`` (with ``blocks:``),
    ``- tasks: all``. ``unit`` marks a block as the duties of one declared unit, or of several
    named together (a list).
    """

    kind: Literal["text", "numbered", "lettered", "dash", "plus", "heading", "tasks"]
    text: str = ""
    number: str | None = None  # explicit number or letter instead of the automatic one
    role: str | None = None  # semantic tag, e.g. "general_goals", "specific_targets"
    unit: str | list[str] | None = None
    targets: list[Target] = Field(default_factory=list)
    blocks: list["Block"] = Field(default_factory=list)

    @property
    def unit_ids(self) -> list[str]:
        """The units this block assigns to (none, one, or several named together)."""
        if self.unit is None:
            return []
        return [self.unit] if isinstance(self.unit, str) else list(self.unit)

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, dict) and "kind" not in data:
            found = [k for k in BLOCK_KINDS if k in data]
            if len(found) == 1:
                data = dict(data)
                value = data.pop(found[0])
                data["kind"] = found[0]
                data["text"] = "" if value is None else value
            elif not found:
                raise ValueError(f"khối nội dung cần đúng một trong các khóa: {', '.join(BLOCK_KINDS)}")
            else:
                raise ValueError(f"khối nội dung có nhiều khóa loại cùng lúc: {', '.join(found)}")
        return data

    @model_serializer(mode="wrap")
    def _dump_short(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        if "kind" not in data:  # pydantic may apply this serializer twice through the recursive schema
            return data
        kind = data.pop("kind")
        text = data.pop("text", "")
        return {kind: text, **data}


class Section(Model):
    """A Roman-numbered part of the body: "I. MỤC ĐÍCH, YÊU CẦU"."""

    title: str
    number: str | None = None
    role: str | None = None
    blocks: list[Block] = Field(default_factory=list)


class Unit(Model):
    """A unit of the issuing body that can lead tasks (đơn vị chủ trì)."""

    id: str
    name: str  # as documents write it: "Phòng CSTT, PT HTX"
    full_name: str = ""
    successor: str = ""  # after a reorganisation: who takes its tasks over


#: Bounds of a task's derived short title, in words (see :meth:`Task.title`).
TITLE_MIN_WORDS = 6
TITLE_MAX_WORDS = 20


class Task(Model):
    """A task: its appendix wording, its body wording, lead units and timeframe."""

    id: str
    text: str  # wording in the appendix table
    short: str | None = None  # short title a report names the task by (default: derived from ``text``)
    body: str | None = None  # wording in the body when it differs (default: ``text`` + ".")
    in_body: bool = True  # False: the task appears only in the appendix
    lead: list[str] = Field(min_length=1)  # unit ids
    lead_label: str | None = None  # original wording of the lead cell; kept only while ``lead`` is unchanged
    support: list[str] = Field(default_factory=list)  # coordinating unit ids (phối hợp)
    timeframe: Timeframe
    note: str = ""

    @field_validator("timeframe", mode="before")
    @classmethod
    def _timeframe(cls, v: Any) -> Any:
        if isinstance(v, Timeframe):
            return v
        if isinstance(v, (int, str)):
            return parse_timeframe(str(v))
        raise ValueError("thời gian thực hiện phải là chữ, ví dụ 'Năm 2021 và thường xuyên'")

    @field_validator("lead", "support", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @model_serializer(mode="wrap")
    def _dump(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        data["timeframe"] = self.timeframe.text
        return data

    def title(self) -> str:
        """The short title reports name the task by: ``short``, else derived from ``text``.

        Derived: the first clause (up to the first ";" or sentence end), cut before a purpose or
        reference phrase (" để ", " nhằm ", " (") when at least :data:`TITLE_MIN_WORDS` words remain,
        then, when still longer than :data:`TITLE_MAX_WORDS` words, after the last comma within them
        (if that leaves at least twice :data:`TITLE_MIN_WORDS` words). A plan file declares ``short``
        where this reads badly.
        """
        if self.short:
            return self.short
        clause = re.split(r";|\.\s|\.$", self.text.strip(), maxsplit=1)[0].strip()
        for marker in (" để ", " nhằm ", " ("):
            head = clause.split(marker, 1)[0]
            if len(head.split()) >= TITLE_MIN_WORDS:
                clause = head
        words = clause.split()
        if len(words) > TITLE_MAX_WORDS:
            head = " ".join(words[:TITLE_MAX_WORDS])
            cut = head[: head.rfind(",")] if "," in head else ""
            if len(cut.split()) >= 2 * TITLE_MIN_WORDS:
                clause = cut
        return clause.strip().rstrip(",:")

    def body_text(self) -> str | None:
        """Wording in the body, or None for an appendix-only task."""
        if not self.in_body:
            return None
        return self.body if self.body is not None else self.text.rstrip() + "."


class TaskGroup(Model):
    """A group of tasks: a "3.1." heading in the body and a Roman row in the appendix."""

    id: str
    title: str
    appendix_title: str | None = None
    tasks: list[Task] = Field(default_factory=list)


class Recipient(Model):
    """One "Nơi nhận" line: who, and why ("b/c" to report, "t/h" to carry out)."""

    name: str
    purpose: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            m = re.fullmatch(r"\s*(.*?)\s*(?:\(([^()]*)\))?\s*", data)
            assert m is not None
            return {"name": m.group(1), "purpose": m.group(2)}
        return data

    @model_serializer(mode="plain")
    def _dump(self) -> str:
        return self.text()

    def text(self) -> str:
        return f"{self.name} ({self.purpose})" if self.purpose else self.name


class Signer(Model):
    """Signature block: authority (TM./KT./Q./TL./TUQ.), position, full name."""

    authority: str = ""
    position: str
    name: str

    @field_validator("authority")
    @classmethod
    def _authority(cls, v: str) -> str:
        if v and not SIGNER_PREFIX.match(v):
            raise ValueError(f"thẩm quyền ký '{v}' phải bắt đầu bằng TM./KT./Q./TL./TUQ. hoặc để trống")
        return v


class Appendix(Model):
    """The appendix assigning tasks: heading, title and the "Kèm theo" line prefix."""

    heading: str = "Phụ lục"
    title: str = "PHÂN CÔNG THỰC HIỆN KẾ HOẠCH"
    ref_prefix: str | None = None  # default "Kèm theo Kế hoạch số"; the seed writes "số:"


class Reporting(Model):
    """Section III's reporting rule: who compiles which periodic reports for whom."""

    compiler: str  # unit id (the Office)
    kinds: list[Literal["month", "quarter", "half", "nine_months", "year", "summary"]] = Field(default_factory=lambda: ["half", "year"])
    recipients: list[str] = Field(min_length=1)  # bodies the periodic reports go to ("Kính gửi")
    copies: list[str] = Field(default_factory=list)  # further "Nơi nhận" lines of a report, after "Như trên"
    archive_unit: str = ""  # drafting unit in "Lưu: VT, …"
    themes: list[str] = Field(default_factory=list)  # order of the targets' ``theme`` headings in a report


class Horizon(Model):
    """The years the plan covers."""

    start: int
    end: int

    @model_validator(mode="after")
    def _order(self) -> "Horizon":
        if self.end < self.start:
            raise ValueError("năm kết thúc kế hoạch trước năm bắt đầu")
        return self


class Plan(Model):
    """A whole plan: header, legal bases, body sections, tasks, closing, recipients, signer, appendix."""

    issuer: Issuer
    document: DocumentInfo
    horizon: Horizon
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    preamble: list[str | LegalBasis] = Field(default_factory=list)  # sentences; a cited one as structure
    units: list[Unit] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    task_groups: list[TaskGroup] = Field(default_factory=list)
    closing: str
    recipients: list[Recipient] = Field(default_factory=list)
    archive: str = "VT"
    signer: Signer
    appendix: Appendix = Field(default_factory=Appendix)
    reporting: Reporting | None = None

    @field_validator("preamble", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, (str, dict)) else v

    # --- derived views -------------------------------------------------------------------------
    @property
    def symbol(self) -> str:
        """Document symbol "188/KH-LMHTX"; a draft without number gives "     /KH-LMHTX"."""
        number = self.document.number or "     "
        return f"{number}/{self.document.type}-{self.issuer.abbreviation}"

    def unit(self, unit_id: str) -> Unit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def tasks(self) -> list[Task]:
        """Every task, in document order."""
        return [t for g in self.task_groups for t in g.tasks]

    def task(self, task_id: str) -> Task:
        for t in self.tasks():
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def blocks(self) -> list[tuple[Section, Block]]:
        """Every block of the body with its section, depth first in document order."""
        out: list[tuple[Section, Block]] = []

        def walk(section: Section, blocks: list[Block]) -> None:
            for b in blocks:
                out.append((section, b))
                walk(section, b.blocks)

        for s in self.sections:
            walk(s, s.blocks)
        return out

    def targets(self) -> list[Target]:
        """Every target in document order (general goals first where the plan puts them first)."""
        return [t for _, b in self.blocks() for t in b.targets]

    def target(self, target_id: str) -> Target:
        for t in self.targets():
            if t.id == target_id:
                return t
        raise KeyError(target_id)

    def by_role(self, role: str) -> list[Block]:
        """Blocks tagged with a role ("purposes", "general_goals", "specific_targets", …), with sections."""
        out: list[Block] = []
        for s in self.sections:
            if s.role == role:
                out.extend(s.blocks)
        out.extend(b for _, b in self.blocks() if b.role == role)
        return out

    def duties(self) -> dict[str, list[str]]:
        """Implementation duties per unit id: the texts of the blocks marked with ``unit``."""
        out: dict[str, list[str]] = {}
        for _, b in self.blocks():
            texts = [b.text] if b.text.rstrip(": ") and not b.blocks else []
            texts += [c.text for c in b.blocks]
            for unit_id in b.unit_ids:
                out.setdefault(unit_id, []).extend(texts)
        return out

    def lead_label(self, task: Task) -> str:
        """The lead cell of a task: its original wording, or the declared unit names joined."""
        if task.lead_label:
            return task.lead_label
        return join_vi([self.unit(u).name for u in task.lead])


Block.model_rebuild()
