"""Render a docxtpl template (.docx with Jinja tags) into a document, safely.

Guarantees, whatever the data:

* ``autoescape=True`` always: a ``&``, ``<`` or ``"`` in the data becomes text, never broken XML
  (without it docxtpl silently cuts the document at that point);
* nothing renders as a silent blank: before rendering, the variables the template uses (top-level
  names, and ``a.b.c`` chains on them) are compared with the context and every missing one is
  reported in one :class:`~baocao.errors.TemplateError` that names the template; during
  rendering Jinja's ``StrictUndefined`` turns any other missing attribute (e.g. a loop item
  without ``lead``) into the same error;
* the output is written atomically and an existing file is kept unless ``overwrite=True``
  (:class:`~baocao.errors.OutputExistsError`).

Strings in the context are normalised to Unicode NFC (Decree 30: TCVN 6909:2001), so text pasted
from a decomposed source renders with the same glyphs and compares equal afterwards.

Pictures: put an :class:`Image` (a path and a width in mm) anywhere in the context; it becomes a
docxtpl ``InlineImage`` of the template being rendered just before rendering. Core properties of
the output (title, subject, keywords…) can be set with ``core_properties=``.

Imports stay light (docxtpl, python-docx, jinja2; no pandas): the CLI uses this path cold.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date as dt_date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from baocao.errors import OutputExistsError, TemplateError
from baocao.fileio.atomic import atomic_output, ensure_writable, output_exists

__all__ = ["render_docx", "render_many", "template_variables", "missing_variables",
           "make_environment", "resolve_template", "Image", "CORE_PROPERTIES"]


# --------------------------------------------------------------------------- pictures


@dataclass(frozen=True)
class Image:
    """A picture to put in a rendered document: ``{{ img }}`` alone in a paragraph of the template.

    ``width_mm`` is the printed width; the height follows the picture's aspect ratio, except that
    a picture taller than ``max_height_mm`` is scaled down to that height (so a tall chart never
    runs off a landscape page: 140 mm leaves room for the appendix heading above it on a page of
    170 mm text height). ``max_height_mm=None`` turns the cap off.
    Formats: PNG, JPEG, GIF, BMP, TIFF (what python-docx reads).
    """

    path: str | os.PathLike[str]
    width_mm: float = 230
    max_height_mm: float | None = 140

    def size_mm(self) -> tuple[float, float]:
        """Printed (width, height) in mm; raises :class:`TemplateError` if the file is unusable."""
        from docx.image.exceptions import UnrecognizedImageError
        from docx.image.image import Image as DocxImage

        path = Path(self.path)
        if not path.is_file():
            raise TemplateError(f"Không tìm thấy tệp ảnh '{path}' (ảnh cần chèn vào văn bản). "
                                "Kiểm tra đường dẫn hoặc tạo lại biểu đồ.")
        try:
            info = DocxImage.from_file(str(path))
        except (UnrecognizedImageError, OSError, ValueError, IndexError) as exc:
            raise TemplateError(f"Tệp ảnh '{path}' không đọc được (chỉ nhận PNG, JPEG, GIF, BMP, "
                                f"TIFF): {exc}") from exc
        if not self.width_mm or self.width_mm <= 0 or not info.px_width or not info.px_height:
            raise TemplateError(f"Ảnh '{path}': kích thước không hợp lệ (rộng {self.width_mm} mm, "
                                f"{info.px_width} × {info.px_height} điểm ảnh).")
        width = float(self.width_mm)
        height = width * info.px_height / info.px_width
        if self.max_height_mm and height > self.max_height_mm:
            width, height = width * self.max_height_mm / height, float(self.max_height_mm)
        return width, height


#: python-docx core properties ``render_docx(core_properties=…)`` accepts (text ones ≤ 255 chars).
CORE_PROPERTIES = {
    "author": str, "category": str, "comments": str, "content_status": str, "identifier": str,
    "keywords": str, "language": str, "last_modified_by": str, "subject": str, "title": str,
    "version": str, "created": "datetime", "modified": "datetime", "last_printed": "datetime",
    "revision": int,
}


# --------------------------------------------------------------------------- environment


def _filters() -> dict[str, Any]:
    """Vietnamese number/date filters from :mod:`baocao.vnformat` (imported on first use)."""
    try:
        from baocao.vnformat import JINJA_FILTERS
    except ModuleNotFoundError as exc:  # the module is optional for templates that use none
        if exc.name != "baocao.vnformat":
            raise
        return {}
    return dict(JINJA_FILTERS)


def make_environment():
    """The one Jinja environment for docx templates: autoescape on, strict undefined, filters."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined)
    env.filters.update(_filters())
    return env


def resolve_template(template: str | os.PathLike[str]) -> Path:
    """A template path; a bare name such as ``"ke-hoach.docx"`` means the bundled template."""
    path = Path(template).expanduser()
    if path.is_file():
        return path
    if path.name == str(template) and not path.exists():
        from baocao.resources import template_path

        try:
            bundled = template_path(path.name)
        except FileNotFoundError:
            bundled = None
        if bundled is not None and bundled.is_file():
            return bundled
    raise TemplateError(f"Không tìm thấy tệp mẫu: {path}")


# --------------------------------------------------------------------------- analysis


def _docxtpl_class():
    from docxtpl import DocxTemplate
    from lxml import etree

    class _StrictDocxTemplate(DocxTemplate):
        """docxtpl parses the rendered body with ``recover=True``: a broken tag or unescaped
        text would be silently dropped. Parse strictly first and fail loudly instead."""

        def fix_tables(self, xml):  # noqa: D401 - docxtpl hook
            try:
                etree.fromstring(xml)
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    f"Mẫu '{self._baocao_name}' sinh ra XML hỏng ({exc}); văn bản sẽ bị cắt "
                    "nên không ghi. Kiểm tra các thẻ trong mẫu.") from exc
            return super().fix_tables(xml)

    return _StrictDocxTemplate


def _load(template_bytes: bytes, name: str):
    cls = _docxtpl_class()
    tpl = cls(io.BytesIO(template_bytes))
    tpl._baocao_name = name
    return tpl


def _template_source(tpl) -> str:
    """The Jinja source docxtpl will render: body, headers and footers, after ``patch_xml``."""
    document = tpl.get_docx()
    source = tpl.patch_xml(tpl.xml_to_string(document._element.body))
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            source += tpl.patch_xml(tpl.get_part_xml(part))
    return source


@dataclass(frozen=True)
class _Analysis:
    names: frozenset[str]  # top-level variables (docxtpl's get_undeclared_template_variables)
    chains: tuple[tuple[str, ...], ...]  # attribute chains rooted at those names


def _analyse(env, source: str, name: str) -> _Analysis:
    from jinja2 import TemplateSyntaxError, meta, nodes

    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(_syntax_message(name, exc)) from exc
    names = frozenset(meta.find_undeclared_variables(ast))
    chains: set[tuple[str, ...]] = set()
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        chain: list[str] = []
        cur = node
        while True:
            if isinstance(cur, nodes.Getattr):
                chain.append(cur.attr)
                cur = cur.node
            elif isinstance(cur, nodes.Getitem) and isinstance(cur.arg, nodes.Const) \
                    and isinstance(cur.arg.value, str):
                chain.append(cur.arg.value)
                cur = cur.node
            else:
                break
        if isinstance(cur, nodes.Name) and cur.name in names and chain:
            chains.add((cur.name, *reversed(chain)))
    return _Analysis(names, tuple(sorted(chains)))


_MISSING = object()


def _lookup(value: Any, key: str) -> Any:
    if isinstance(value, Mapping):
        return value[key] if key in value else _MISSING
    return getattr(value, key, _MISSING)


def _missing(analysis: _Analysis, context: Mapping[str, Any]) -> list[str]:
    missing = sorted(n for n in analysis.names if n not in context)
    for chain in analysis.chains:
        value: Any = context.get(chain[0], _MISSING)
        if value is _MISSING:
            continue  # already reported as a top-level name
        for i, key in enumerate(chain[1:], start=1):
            value = _lookup(value, key)
            if value is _MISSING:
                dotted = ".".join(chain[: i + 1])
                if dotted not in missing:
                    missing.append(dotted)
                break
    return missing


def _syntax_message(name: str, exc: Exception) -> str:
    lineno = getattr(exc, "lineno", None)
    where = f" (dòng XML {lineno})" if lineno else ""
    return (f"Mẫu '{name}' có thẻ Jinja sai cú pháp{where}: {getattr(exc, 'message', exc)}. "
            "Hãy gõ lại thẻ trong Word một lần liền, không đổi định dạng giữa chừng.")


def _missing_message(name: str, missing: list[str]) -> str:
    listed = ", ".join(missing)
    return (f"Mẫu '{name}' cần dữ liệu chưa có: {listed}. Bổ sung các trường này vào dữ liệu "
            "trước khi xuất văn bản (không để trống im lặng).")


_ATTR_RE = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined|"
                      r"no element for key '?([^'\s]+)'?")


def _undefined_message(name: str, exc: Exception) -> str:
    text = str(exc)
    m = _ATTR_RE.search(text)
    field = next((g for g in (m.groups() if m else ()) if g), None)
    what = f"trường '{field}'" if field else "một giá trị"
    snippet = ""
    around = getattr(exc, "docx_context", None)
    if around:
        words = " ".join(" ".join(around).split())
        snippet = f" Gần đoạn mẫu: «{words[:160]}»."
    return (f"Mẫu '{name}': dữ liệu thiếu {what} khi điền mẫu ({text}).{snippet} "
            "Bổ sung trường này cho mọi dòng/mục dùng nó.")


# --------------------------------------------------------------------------- public API


def template_variables(template: str | os.PathLike[str]) -> set[str]:
    """Top-level variables a template uses (docxtpl ``get_undeclared_template_variables``)."""
    path = resolve_template(template)
    env = make_environment()
    tpl = _load(path.read_bytes(), path.name)
    return set(_analyse(env, _template_source(tpl), path.name).names)


def missing_variables(template: str | os.PathLike[str], context: Mapping[str, Any]) -> list[str]:
    """Names (``doc``) and attribute paths (``doc.symbol``) the template needs but ``context`` lacks."""
    path = resolve_template(template)
    env = make_environment()
    tpl = _load(path.read_bytes(), path.name)
    return _missing(_analyse(env, _template_source(tpl), path.name), context)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return _as_typed(value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value))
    if isinstance(value, Mapping):
        return {k: _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def _as_typed(text: str) -> str:
    """``text`` so that it comes out as typed: docxtpl turns ``{_{``, ``}_}``, ``{_%``, ``%_}`` anywhere in
    the rendered XML into ``{{``, ``}}``, ``{%``, ``%}``, so a text holding them is passed as escaped
    markup whose underscore is a character reference (``&#95;``), which docxtpl does not touch."""
    if "{_" not in text and "_}" not in text:
        return text
    from markupsafe import Markup, escape

    return Markup(str(escape(text)).replace("{_", "{&#95;").replace("_}", "&#95;}"))


def _is_rich(value: Any) -> bool:
    from baocao.render.tables import DocTable

    return isinstance(value, (Image, DocTable))


def _has_rich(value: Any) -> bool:
    """True when *value* holds an :class:`Image` or a :class:`~baocao.render.tables.DocTable` somewhere."""
    if _is_rich(value):
        return True
    if isinstance(value, Mapping):
        return any(_has_rich(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_rich(v) for v in value)
    return False


def _with_rich(value: Any, tpl: Any) -> Any:
    """``value`` with every :class:`Image` (in nested dicts/lists) made an ``InlineImage`` of ``tpl``,
    and every :class:`~baocao.render.tables.DocTable` a subdocument of ``tpl``."""
    if isinstance(value, Image):
        from docx.shared import Mm
        from docxtpl import InlineImage

        width, height = value.size_mm()
        return InlineImage(tpl, str(Path(value.path)), width=Mm(width), height=Mm(height))
    if _is_rich(value):
        return value.subdoc(tpl)
    if isinstance(value, Mapping):
        return {k: _with_rich(v, tpl) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_with_rich(v, tpl) for v in value]
    return value


def _core_values(props: Mapping[str, Any], name: str) -> dict[str, Any]:
    """Checked core property values: known names, datetimes in UTC, text cut to 255 characters."""
    unknown = sorted(k for k in props if k not in CORE_PROPERTIES)
    if unknown:
        raise TemplateError(f"Thuộc tính tài liệu không có: {', '.join(unknown)} (mẫu '{name}'). "
                            f"Dùng: {', '.join(sorted(CORE_PROPERTIES))}.")
    out: dict[str, Any] = {}
    for key, value in props.items():
        kind = CORE_PROPERTIES[key]
        if value is None:
            continue
        if kind == "datetime":
            if isinstance(value, dt_date) and not isinstance(value, datetime):
                value = datetime(value.year, value.month, value.day)
            if not isinstance(value, datetime):
                raise TemplateError(f"Thuộc tính tài liệu '{key}' phải là ngày giờ (datetime), "
                                    f"không phải {type(value).__name__}.")
            if value.tzinfo is not None:  # python-docx writes the wall time with a "Z"
                value = value.astimezone(timezone.utc).replace(tzinfo=None)
            out[key] = value.replace(microsecond=0)
        elif kind is int:
            out[key] = int(value)
        else:
            text = unicodedata.normalize("NFC", " ".join(str(value).split()))
            out[key] = text if len(text) <= 255 else text[:254] + "…"
    return out


class _Renderer:
    """A loaded template, analysed once, rendered for one or many contexts."""

    def __init__(self, template: str | os.PathLike[str]) -> None:
        self.path = resolve_template(template)
        self.name = self.path.name
        self.data = self.path.read_bytes()
        self.env = make_environment()
        self.analysis: _Analysis | None = None

    def render(self, context: Mapping[str, Any], out_path: str | os.PathLike[str], *,
               overwrite: bool, core_properties: Mapping[str, Any] | None = None) -> Path:
        from jinja2 import TemplateSyntaxError, UndefinedError

        if not isinstance(context, Mapping):
            raise TemplateError(f"Dữ liệu cho mẫu '{self.name}' phải là một dict, không phải "
                                f"{type(context).__name__}.")
        target = ensure_writable(out_path, overwrite=overwrite)
        extra_props = _core_values(core_properties or {}, self.name)
        tpl = _load(self.data, self.name)
        if self.analysis is None:
            self.analysis = _analyse(self.env, _template_source(tpl), self.name)
        missing = _missing(self.analysis, context)
        if missing:
            raise TemplateError(_missing_message(self.name, missing))
        values = _nfc(context)
        if _has_rich(values):
            values = _with_rich(values, tpl)  # needs this template object: done per render
        try:
            tpl.render(values, jinja_env=self.env, autoescape=True)
        except UndefinedError as exc:
            raise TemplateError(_undefined_message(self.name, exc)) from exc
        except TemplateSyntaxError as exc:
            raise TemplateError(_syntax_message(self.name, exc)) from exc
        except TemplateError:
            raise
        except Exception as exc:  # lxml / docxtpl internals: keep the template name
            raise TemplateError(f"Không điền được mẫu '{self.name}': {exc}") from exc
        from baocao.docx.sections import fold_empty_last_section

        fold_empty_last_section(tpl.docx.element.body)
        now = datetime.now(timezone.utc).replace(microsecond=0)
        props = tpl.docx.core_properties
        props.created = now
        props.modified = now
        props.revision = 1
        props.comments = f"Tạo bởi baocao từ mẫu {self.name}"
        for key, value in extra_props.items():
            setattr(props, key, value)
        with atomic_output(target, overwrite=overwrite) as temp:
            tpl.save(temp)
        return target


def render_docx(template: str | os.PathLike[str], context: Mapping[str, Any],
                out_path: str | os.PathLike[str], *, overwrite: bool = False,
                core_properties: Mapping[str, Any] | None = None) -> Path:
    """Render ``template`` with ``context`` into ``out_path`` (atomic; no silent overwrite).

    ``template`` is a path or the bare name of a bundled template (``"ke-hoach.docx"``).
    :class:`Image` values anywhere in ``context`` become inline pictures.
    ``core_properties`` (names in :data:`CORE_PROPERTIES`: title, subject, keywords, comments,
    author, category, created, modified…) are set on the output after the defaults (created and
    modified = now, comments "Tạo bởi baocao từ mẫu …"); aware datetimes are stored in UTC, text
    longer than 255 characters is cut with "…".
    Raises :class:`TemplateError` (missing data or picture, bad tags, unknown property) or
    :class:`OutputExistsError`. Returns the absolute output path.
    """
    return _Renderer(template).render(context, out_path, overwrite=overwrite,
                                      core_properties=core_properties)


def render_many(template: str | os.PathLike[str],
                jobs: Iterable[tuple[Mapping[str, Any], str | os.PathLike[str]]], *,
                overwrite: bool = False) -> list[Path]:
    """Render one template for many ``(context, out_path)`` jobs; template read and analysed once.

    Every output path is checked before the first render, so a batch that would overwrite a file
    (or write two jobs to one name) fails before producing anything.
    """
    jobs = list(jobs)
    seen: set[Path] = set()
    for _context, out in jobs:
        target = Path(out).expanduser().absolute()
        if target in seen:
            raise OutputExistsError(f"Hai văn bản cùng ghi vào một tệp: {target}")
        seen.add(target)
        if target.exists() and not overwrite:
            raise output_exists(target)
    renderer = _Renderer(template)
    return [renderer.render(context, out, overwrite=overwrite) for context, out in jobs]
