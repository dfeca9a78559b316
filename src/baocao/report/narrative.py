"""The parts of a report only people can write: direction, assessment, causes, proposals.

They come from a small YAML file per period (``sample_data/nhan-dinh/2023-H1.yaml``) or from notebook
variables. A missing part is never an empty heading: the report shows a visible marker and the
pre-signing check flags it.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..plan.model import Issuer, Signer
from ..yamlfile import parse_yaml_model, read_text_file

Paragraphs = list[str]

#: Vietnamese names of the narrative parts, in report order (used in the missing-part markers).
PART_NAMES = {
    "leadership": "công tác lãnh đạo, chỉ đạo, triển khai",
    "achievements": "kết quả đạt được",
    "shortcomings": "tồn tại, hạn chế",
    "causes_objective": "nguyên nhân khách quan",
    "causes_subjective": "nguyên nhân chủ quan",
    "lessons": "bài học kinh nghiệm",
    "next_tasks": "phương hướng, nhiệm vụ kỳ tới",
    "proposals": "đề xuất, kiến nghị",
}


class ReportDocument(BaseModel):
    """Optional header values of the report itself; each one left out is taken from the plan.

    ``issuer``, ``place``, ``signer``, ``recipients`` (the "Kính gửi" lines) and ``copies`` (further
    "Nơi nhận" lines) exist for reports issued after the body or the province changed, e.g. after the
    01/7/2025 reorganisation; the plan's citation in the report keeps the plan's own issuer.
    """

    model_config = ConfigDict(extra="forbid")

    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    issuer: Issuer | None = None
    signer: Signer | None = None
    recipients: list[str] | None = Field(default=None, min_length=1)
    copies: list[str] | None = None
    # header parts kept from the plan on purpose after the 01/7/2025 reorganisation (report/reorganisation.py)
    keep_from_plan: list[Literal["issuer", "place", "recipients"]] = Field(default_factory=list)


class Narrative(BaseModel):
    """Paragraphs written by people for one period; every part may be missing."""

    model_config = ConfigDict(extra="forbid")

    period: str | None = None  # period code the text was written for ("2023-H1"); checked against the report
    document: ReportDocument = Field(default_factory=ReportDocument)
    leadership: Paragraphs = Field(default_factory=list)
    achievements: Paragraphs = Field(default_factory=list)
    shortcomings: Paragraphs = Field(default_factory=list)
    causes_objective: Paragraphs = Field(default_factory=list)
    causes_subjective: Paragraphs = Field(default_factory=list)
    lessons: Paragraphs = Field(default_factory=list)
    next_tasks: Paragraphs = Field(default_factory=list)  # added to the priorities derived from targets and tasks
    proposals: Paragraphs = Field(default_factory=list)
    closing: str | None = None  # the closing sentence, when not the standard "Trên đây là báo cáo …"

    @field_validator("leadership", "achievements", "shortcomings", "causes_objective", "causes_subjective",
                     "lessons", "next_tasks", "proposals", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        if v is None:
            return []
        return [v] if isinstance(v, str) else v

    @field_validator("period", mode="before")
    @classmethod
    def _period_text(cls, v: Any) -> Any:
        return None if v is None else str(v)

    def missing_parts(self, *, lessons: bool) -> list[str]:
        """Names of the parts people still have to write (lessons only for annual and summary reports)."""
        parts = [p for p in PART_NAMES if p != "next_tasks" and (lessons or p != "lessons")]
        return [p for p in parts if not any(s.strip() for s in getattr(self, p))]


def parse_narrative(text: str, filename: str = "<chuỗi>") -> Narrative:
    """Parse a narrative YAML text; faults raise InputError naming file, key and line."""
    return parse_yaml_model(text, Narrative, filename, title="Tệp nhận định báo cáo có lỗi")


def load_narrative(path: str | os.PathLike[str]) -> Narrative:
    """Load a narrative YAML file (see ``docs/report.md``)."""
    return parse_narrative(read_text_file(path, title="Không đọc được tệp nhận định"), str(path))
