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
from ..vnformat import join_vi, parse_date
from .appendices import Appendix
from .base import Model
from .citations import Citation, LegalBasis  # noqa: F401  (Citation is imported from here too)
from .data_spec import PlanData
from .targets import Baseline, ClassTarget, Comparator, Target, TargetKind  # noqa: F401  (imported from here too)
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


def known_type(code: str) -> str:
    """*code* if it is a type code of Decree 30, Appendix III (KH, QĐ, …); else a Vietnamese ValueError."""
    if code not in TYPE_NAMES:
        raise ValueError(f"loại văn bản '{code}' không có trong Phụ lục III Nghị định 30 ({', '.join(TYPE_NAMES)})")
    return code


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
        return known_type(v)

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
    def type_word(self) -> str:
        """The type as running text names it: "Kế hoạch", "Quyết định"."""
        return self.type_name.capitalize()

    @property
    def issue_year(self) -> int:
        return self.date.year if self.date else int(self.year or 0)


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


class Article(Model):
    """An article of a decision: "Điều 1." then its sentence (or its title), and the clauses under it."""

    text: str
    title: bool = False  # the text is the article's title: the whole line bold
    role: str | None = None
    blocks: list[Block] = Field(default_factory=list)


class Decision(Model):
    """What a decision (quyết định) puts between its title and its signature.

    The authority line ("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN") stands before the legal bases; the decision
    line ("QUYẾT ĐỊNH:") after them; then the articles, the last of which names who executes the
    decision and ends with "./.".
    """

    authority: str
    line: str = "QUYẾT ĐỊNH:"
    articles: list[Article] = Field(min_length=1)


class Attached(Model):
    """The document a decision issues, printed after it as its own titled document (the plan itself): the plan's
    ``preamble``, ``sections`` and ``closing`` under "KẾ HOẠCH" / ``title`` / "(Ban hành kèm theo … ngày … của …)"."""

    type: str = "KH"
    title: str
    ref_prefix: str | None = None  # default "Ban hành kèm theo Quyết định số"
    ref_date: str | None = None  # the decision's date as that line writes it ("17/02/2023"); the long form if none

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        return known_type(v)

    @property
    def type_name(self) -> str:
        return TYPE_NAMES[self.type]


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


def closed_by_last_block(blocks: Any) -> bool:
    """Plan data whose last paragraph ends "./." (QĐ 254/QĐ-UBND Sơn La ends on "4. … hướng dẫn./.")."""
    last = blocks[-1] if isinstance(blocks, list) and blocks and isinstance(blocks[-1], dict) else {}
    if last.get("blocks"):
        return closed_by_last_block(last["blocks"])
    return any(str(last.get(k, "")).rstrip().endswith("./.") for k in BLOCK_KINDS)


class Plan(Model):
    """A whole plan: header, legal bases, body sections, tasks, closing, recipients, signer, appendix."""

    issuer: Issuer
    document: DocumentInfo
    horizon: Horizon
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    preamble: list[str | LegalBasis] = Field(default_factory=list)  # sentences; a cited one as structure
    units: list[Unit] = Field(min_length=1)
    sections: list[Section]  # a decision without an attached document has none (its articles hold all)
    task_groups: list[TaskGroup] = Field(default_factory=list)
    closing: str
    recipients: list[Recipient] = Field(default_factory=list)
    archive: str = "VT"
    signer: Signer
    decision: Decision | None = None
    attached: Attached | None = None
    appendix: Appendix = Field(default_factory=Appendix)  # the one task appendix (when no ``appendices``)
    appendices: list[Appendix] | None = None  # none ([]), one or several, replacing ``appendix``
    reporting: Reporting | None = None
    data: PlanData = Field(default_factory=PlanData)

    @field_validator("preamble", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, (str, dict)) else v

    @model_validator(mode="before")
    @classmethod
    def _decision_alone(cls, data: Any) -> Any:
        """A decision that attaches nothing needs no sections nor closing; a plan ending "./." no closing."""
        if isinstance(data, dict) and data.get("decision") is not None and data.get("attached") is None:
            data = {"sections": [], "closing": "", **data}
        elif isinstance(data, dict) and "closing" not in data and closed_by_last_block(data.get("sections")):
            data = {**data, "closing": ""}
        return data

    @model_validator(mode="after")
    def _kind(self) -> "Plan":
        """A decision has articles; the plan's own body (sections, closing) is the document's, or the
        attached document's; a decision without one carries everything in its articles."""
        if self.document.type == "QĐ" and self.decision is None:
            raise ValueError("văn bản loại QĐ cần mục 'decision' (dòng thẩm quyền, các Điều)")
        if self.attached is not None and self.decision is None:
            raise ValueError("'attached' (văn bản ban hành kèm theo) chỉ dùng với 'decision'")
        if self.attached and self.attached.ref_date and parse_date(self.attached.ref_date) != self.document.date:
            raise ValueError(f"'attached.ref_date' ({self.attached.ref_date}) không khớp ngày ban hành 'document.date'")
        own_body = self.decision is None or self.attached is not None
        if own_body and not self.sections:
            raise ValueError("thiếu 'sections' (các phần I, II… của kế hoạch)")
        if own_body and not self.closing and not closed_by_last_block([s.model_dump() for s in self.sections]):
            raise ValueError("thiếu 'closing' (câu kết thúc './.')")
        if not own_body and (self.sections or self.preamble or self.closing):
            raise ValueError("quyết định không có văn bản kèm theo: nội dung ghi trong các Điều, "
                             "không dùng 'sections', 'preamble', 'closing'")
        if self.appendices is not None and "appendix" in self.model_fields_set:
            raise ValueError("ghi 'appendix' (một phụ lục nhiệm vụ) hoặc 'appendices' (danh sách), không cả hai")
        return self

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

    def parts(self) -> list[Section | Article]:
        """The decision's articles, then the sections of the plan's body, in document order."""
        return [*(self.decision.articles if self.decision else ()), *self.sections]

    def blocks(self) -> list[tuple[Section | Article, Block]]:
        """Every block of the body with its section (or article), depth first in document order."""
        out: list[tuple[Section | Article, Block]] = []

        def walk(part: Section | Article, blocks: list[Block]) -> None:
            for b in blocks:
                out.append((part, b))
                walk(part, b.blocks)

        for part in self.parts():
            walk(part, part.blocks)
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
        for s in self.parts():
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

    def appendix_list(self) -> list[Appendix]:
        """The appendices printed: ``appendices`` as given, else the task appendix when there are tasks."""
        if self.appendices is not None:
            return list(self.appendices)
        return [self.appendix] if self.task_groups else []

    def lead_label(self, task: Task) -> str:
        """The lead cell of a task: its original wording, or the declared unit names joined."""
        if task.lead_label:
            return task.lead_label
        return join_vi([self.unit(u).name for u in task.lead])


Block.model_rebuild()
