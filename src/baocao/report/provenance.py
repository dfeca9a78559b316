"""Where every figure of a report comes from: a JSON sidecar written beside the .docx.

For each figure: the target, the cut-off, the value as printed, numerator and denominator, where the
report shows it, and the source rows (sheet and Excel row numbers) of the data workbook; for the whole
report: the plan file and data file with their SHA-256, the period, the unit returns used, the run time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__

if TYPE_CHECKING:
    from .build import Report


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def provenance(report: "Report", *, plan_path: str | Path, data_path: str | Path | None,
               data_sha256: str | None = None, returns: dict[str, str] | None = None,
               run_time: dt.datetime | None = None) -> dict[str, Any]:
    """The sidecar's content (JSON-ready)."""
    by_id = {a.target_id: a for a in report.assessments}
    sources = {tid: [{"sheet": sheet, "rows": rows} for sheet, rows in a.source_rows().items()]
               for tid, a in by_id.items()}
    figures = []
    for f in report.figures:
        figures.append({
            "target": f.target_id,
            "cutoff": f.cutoff.isoformat(),
            "text": f.text,
            "value": f.value,
            "numerator": f.numerator,
            "denominator": f.denominator,
            "shown_at": list(f.where),
            "sources": sources.get(f.target_id, []) if f.cutoff == report.cutoff else [],
        })
    return {
        "generator": f"baocao {__version__}",
        "run_time": (run_time or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds"),
        "period": {"code": report.period.code, "label": report.period.label,
                   "cutoff_start": report.period.cutoff_start.isoformat(), "cutoff_end": report.cutoff.isoformat()},
        "plan": {"path": str(plan_path), "sha256": sha256_file(plan_path), "symbol": report.plan.symbol},
        "data": None if data_path is None else {"path": str(data_path),
                                                "sha256": data_sha256 or sha256_file(data_path)},
        "returns": returns or {},
        "missing_narrative": report.missing_parts,
        "notes": report.notes,
        "readings": report.readings,
        "figures": figures,
    }


def provenance_json(content: dict[str, Any]) -> str:
    """Pretty JSON text with Vietnamese letters kept as they are."""
    return json.dumps(content, ensure_ascii=False, indent=2)
