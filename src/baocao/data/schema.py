"""The one place that maps the data workbook's Vietnamese sheets and headers to internal names.

Every table of the cycle's data workbook is a :class:`Table`: its sheet name as analysts see it,
its columns (Vietnamese header, internal snake_case name, kind, whether a value is required) and
its key. The loader, the writer, the generator and the documentation all read these specs, so a
header is renamed here and nowhere else.

Only the standard library is imported: ``import baocao.data`` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["code", "text", "int", "number", "date", "year", "bool", "enum"]

KIND_VI: dict[str, str] = {
    "code": "mã (ghi dạng chữ để giữ số 0 đầu)",
    "text": "chữ",
    "int": "số nguyên",
    "number": "số",
    "date": "ngày (ngày/tháng/năm)",
    "year": "năm",
    "bool": "Có/Không",
    "enum": "chọn trong danh sách",
}

# ----------------------------------------------------------------------------------------------
# Domain vocabularies
# ----------------------------------------------------------------------------------------------

UNIT_TYPES = ("Xã", "Phường", "Thị trấn", "Đặc khu")
RURAL_UNIT_TYPES = ("Xã",)  # the seed says "số xã": count xã only by default

SECTORS = (
    "Nông nghiệp",
    "Công nghiệp - tiểu thủ công nghiệp",
    "Thương mại - dịch vụ",
    "Giao thông vận tải",
    "Xây dựng",
    "Tín dụng",
    "Môi trường",
    "Khác",
)
AGRICULTURE = "Nông nghiệp"

STATUS_ACTIVE = "Đang hoạt động"
STATUS_STOPPED = "Ngừng hoạt động"
STATUS_DISSOLVED = "Đã giải thể"
STATUSES = (STATUS_ACTIVE, STATUS_STOPPED, STATUS_DISSOLVED)

# Classification grades from weakest to best (Circular 01/2020/TT-BKHĐT).
RATINGS = ("Yếu", "Trung bình", "Khá", "Tốt")
# An HTX is "effective" for new-rural criterion 13 when rated at least this grade. It is a
# parameter: the guidance behind it is unverified (see docs/data-workbook.md).
EFFECTIVE_MIN_RATING = "Khá"
# Point bands of Circular 01/2020/TT-BKHĐT (lower bound of each grade), used by the generator.
RATING_MIN_POINTS = {"Tốt": 80.0, "Khá": 65.0, "Trung bình": 50.0, "Yếu": 0.0}

YES, NO = "Có", "Không"


def rating_rank(rating: str) -> int:
    """Position of *rating* in :data:`RATINGS` (0 = Yếu … 3 = Tốt)."""
    return RATINGS.index(rating)


def effective_ratings(min_rating: str = EFFECTIVE_MIN_RATING) -> tuple[str, ...]:
    """Grades that count as "effective": *min_rating* and better (default Khá, Tốt)."""
    return RATINGS[rating_rank(min_rating):]


# ----------------------------------------------------------------------------------------------
# Specs
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: Vietnamese header, internal name, kind and constraints."""

    name: str
    header: str
    kind: Kind
    required: bool = True
    choices: tuple[str, ...] = ()  # for kind "enum": canonical values
    aliases: tuple[tuple[str, str], ...] = ()  # extra accepted spellings -> canonical value
    min: float | None = None
    max: float | None = None
    width: int | None = None  # kind "code": a number typed into the cell is zero-padded to this
    note: str = ""  # Vietnamese explanation for the docs and the "Giới thiệu" sheet
    dated_by: str | None = None  # kind "bool": the date column saying since when the flag holds
    may_be_absent: bool = False  # the column may be left out of the sheet (read as all blank)


@dataclass(frozen=True)
class Table:
    """One sheet of the data workbook."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns whose values must be unique together
    required: bool = True  # a missing sheet is an error (else: empty table)
    title: str = ""  # Vietnamese one-line description
    title_en: str = ""
    column_by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_by_name", {c.name: c for c in self.columns})

    @property
    def names(self) -> list[str]:
        """Internal column names in sheet order."""
        return [c.name for c in self.columns]

    def header(self, name: str) -> str:
        """Vietnamese header of the internal column *name*."""
        return self.column_by_name[name].header


def describe(column: Column) -> str:
    """Vietnamese description of what a column accepts, for the docs and the intro sheet."""
    text = KIND_VI[column.kind]
    if column.kind == "enum":
        text += ": " + ", ".join(column.choices)
    if column.note:
        text += f"; {column.note}"
    return text


def _code(name: str, header: str, width: int | None = None, **kw) -> Column:
    return Column(name, header, "code", width=width, **kw)


_COMMUNE = dict(width=5, note="mã xã (5 chữ số), phải có trong trang 'Đơn vị hành chính'")
_YES_NO = dict(choices=(YES, NO), required=False)
_BOOL_ALIASES = (("c", YES), ("x", YES), ("k", NO), ("có", YES), ("không", NO))
_MONEY = dict(min=0.0, note="triệu đồng")

UNITS = Table(
    "units",
    "Đơn vị hành chính",
    (
        _code("province_code", "Mã tỉnh", 2),
        Column("province_name", "Tên tỉnh", "text"),
        _code("district_code", "Mã huyện", 3),
        Column("district_name", "Tên huyện", "text"),
        _code("commune_code", "Mã xã", 5, note="mã đơn vị hành chính cấp xã (5 chữ số)"),
        Column("commune_name", "Tên xã", "text"),
        Column("commune_type", "Loại đơn vị", "enum", choices=UNIT_TYPES),
    ),
    key=("commune_code",),
    title="Danh mục đơn vị hành chính cấp huyện, cấp xã (trước sắp xếp 01/7/2025)",
    title_en="Administrative units (district and commune level, before the 1 July 2025 reorganisation)",
)

COMMUNE_MAP_2025 = Table(
    "commune_map_2025",
    "Chuyển đổi xã 2025",
    (
        _code("old_commune_code", "Mã xã cũ", **_COMMUNE),
        Column("old_commune_name", "Tên xã cũ", "text"),
        _code("new_commune_code", "Mã xã mới", 5),
        Column("new_commune_name", "Tên xã mới", "text"),
        Column("new_commune_type", "Loại đơn vị mới", "enum", choices=UNIT_TYPES),
        _code("new_province_code", "Mã tỉnh mới", 2),
        Column("new_province_name", "Tên tỉnh mới", "text"),
        Column("is_default", "Xã mới mặc định", "bool", aliases=_BOOL_ALIASES, **_YES_NO,
               note="Có = xã mới nhận toàn bộ (hoặc phần chính) xã cũ"),
    ),
    key=("old_commune_code", "new_commune_code"),
    required=False,
    title="Chuyển đổi xã cũ sang xã mới sau sắp xếp 01/7/2025",
    title_en="Old commune -> commune after the 1 July 2025 reorganisation",
)

def _since(name: str, header: str) -> Column:
    """The optional date a yes/no column became "Có": a report at an earlier cut-off counts it as "Không"."""
    return Column(name, header, "date", required=False, may_be_absent=True,
                  note="ngày bắt đầu; trống = không rõ ngày (tính là đã có ở mọi ngày chốt); "
                       "có thể bỏ cả cột")


COOPERATIVES = Table(
    "cooperatives",
    "HTX",
    (
        _code("coop_id", "Mã HTX"),
        Column("name", "Tên HTX", "text"),
        _code("commune_code", "Mã xã", **_COMMUNE),
        Column("sector", "Lĩnh vực", "enum", choices=SECTORS),
        Column("founded_on", "Ngày thành lập", "date"),
        Column("closed_on", "Ngày giải thể/ngừng hoạt động", "date", required=False),
        Column("status", "Tình trạng", "enum", choices=STATUSES),
        Column("alliance_member_since", "Thành viên Liên minh HTX tỉnh từ ngày", "date", required=False,
               note="để trống nếu không phải thành viên"),
        Column("ocop_products", "Số sản phẩm OCOP", "int", required=False, min=0),
        Column("ocop_best_stars", "Số sao OCOP cao nhất", "int", required=False, min=1, max=5),
        Column("ocop_first_year", "Năm có sản phẩm OCOP đầu tiên", "year", required=False),
        Column("value_chain", "Liên kết chuỗi giá trị sản phẩm chủ lực", "bool", aliases=_BOOL_ALIASES, **_YES_NO,
               dated_by="value_chain_since"),
        _since("value_chain_since", "Liên kết chuỗi giá trị từ ngày"),
        Column("model_selected", "Được chọn mô hình HTX mạnh toàn diện", "bool", aliases=_BOOL_ALIASES,
               **_YES_NO, note="theo Quyết định 167/QĐ-TTg"),
        Column("model_year", "Năm được chọn mô hình", "year", required=False),
        Column("trade_union", "Có tổ chức công đoàn", "bool", aliases=_BOOL_ALIASES, **_YES_NO,
               dated_by="trade_union_since"),
        _since("trade_union_since", "Có tổ chức công đoàn từ ngày"),
        Column("social_insurance", "Có đóng BHXH cho người lao động", "bool", aliases=_BOOL_ALIASES, **_YES_NO,
               dated_by="social_insurance_since"),
        _since("social_insurance_since", "Đóng BHXH từ ngày"),
    ),
    key=("coop_id",),
    title="Danh sách hợp tác xã (HTX)",
    title_en="Cooperative registry",
)

RATINGS_TABLE = Table(
    "ratings",
    "Xếp loại HTX",
    (
        _code("entity_id", "Mã HTX/LHHTX", note="mã trong trang 'HTX' hoặc 'LHHTX'"),
        Column("year", "Năm", "year"),
        Column("rating", "Xếp loại", "enum", choices=RATINGS,
               aliases=(("yếu, kém", "Yếu"), ("yếu kém", "Yếu"), ("kém", "Yếu"), ("tb", "Trung bình"))),
        Column("points", "Điểm", "number", required=False, min=0, max=100),
    ),
    key=("entity_id", "year"),
    title="Kết quả đánh giá, xếp loại HTX, LHHTX hằng năm",
    title_en="Yearly classification of cooperatives and unions",
)

UNIONS = Table(
    "unions",
    "LHHTX",
    (
        _code("union_id", "Mã LHHTX"),
        Column("name", "Tên LHHTX", "text"),
        _code("commune_code", "Mã xã", **_COMMUNE),
        Column("sector", "Lĩnh vực", "enum", choices=SECTORS),
        Column("founded_on", "Ngày thành lập", "date"),
        Column("closed_on", "Ngày giải thể/ngừng hoạt động", "date", required=False),
        Column("status", "Tình trạng", "enum", choices=STATUSES),
        Column("member_coops", "Số HTX thành viên", "int", required=False, min=0),
        Column("value_chain", "Liên kết chuỗi giá trị sản phẩm chủ lực", "bool", aliases=_BOOL_ALIASES, **_YES_NO,
               dated_by="value_chain_since"),
        _since("value_chain_since", "Liên kết chuỗi giá trị từ ngày"),
    ),
    key=("union_id",),
    title="Danh sách liên hiệp hợp tác xã (LHHTX)",
    title_en="Unions of cooperatives",
)

GROUPS = Table(
    "groups",
    "THT",
    (
        _code("group_id", "Mã THT"),
        Column("name", "Tên THT", "text"),
        _code("commune_code", "Mã xã", **_COMMUNE),
        Column("founded_on", "Ngày thành lập", "date"),
        Column("certified_on", "Ngày chứng thực hợp đồng", "date", required=False,
               note="để trống = hợp đồng hợp tác chưa được chứng thực (Nghị định 77/2019/NĐ-CP)"),
    ),
    key=("group_id",),
    title="Danh sách tổ hợp tác (THT)",
    title_en="Cooperative groups",
)

HOUSEHOLDS = Table(
    "households",
    "Hộ nông dân",
    (
        _code("commune_code", "Mã xã", **_COMMUNE),
        Column("year", "Năm", "year"),
        Column("farm_households", "Số hộ nông dân", "int", min=0),
        Column("participating_households", "Số hộ tham gia kinh tế tập thể", "int", min=0,
               note="hộ là thành viên hoặc sử dụng dịch vụ của HTX, THT"),
    ),
    key=("commune_code", "year"),
    title="Hộ nông dân và hộ tham gia kinh tế tập thể theo xã, theo năm",
    title_en="Farm households and participating households per commune and year",
)

LINKAGE_MODELS = Table(
    "linkage_models",
    "Mô hình liên kết",
    (
        _code("model_id", "Mã mô hình"),
        Column("name", "Tên mô hình", "text"),
        _code("commune_code", "Mã xã", **_COMMUNE),
        Column("product", "Sản phẩm", "text"),
        _code("lead_coop_id", "Mã HTX chủ trì", required=False),
        Column("started_on", "Ngày bắt đầu", "date"),
        Column("ended_on", "Ngày kết thúc", "date", required=False),
    ),
    key=("model_id",),
    title="Mô hình liên kết sản xuất - tiêu thụ sản phẩm",
    title_en="Production-consumption linkage models",
)

FUND = Table(
    "fund",
    "Quỹ hỗ trợ HTX",
    (
        Column("year", "Năm", "year"),
        Column("charter_capital", "Vốn điều lệ (triệu đồng)", "number", **_MONEY),
        Column("preferential_lending_capital", "Nguồn vốn cho vay ưu đãi (triệu đồng)", "number", **_MONEY),
        Column("outstanding_loans", "Dư nợ cho vay (triệu đồng)", "number", **_MONEY),
        Column("loan_count", "Số món vay", "int", min=0),
        Column("dedicated_staff", "Số cán bộ chuyên trách", "int", min=0),
    ),
    key=("year",),
    title="Quỹ Hỗ trợ phát triển HTX của tỉnh, số liệu cuối năm",
    title_en="Provincial cooperative support fund, end-of-year figures",
)

TRAINING = Table(
    "training",
    "Tuyên truyền, bồi dưỡng",
    (
        Column("year", "Năm", "year"),
        Column("staff_total", "Tổng số cán bộ, thành viên, người lao động HTX", "int", min=0),
        Column("staff_informed", "Số được tuyên truyền", "int", min=0),
        Column("staff_trained", "Số được bồi dưỡng", "int", min=0),
    ),
    key=("year",),
    title="Tuyên truyền, bồi dưỡng cán bộ, thành viên, người lao động HTX theo năm",
    title_en="Outreach and training of cooperative staff and members per year",
)

SUPPORT = Table(
    "support",
    "Hỗ trợ HTX",
    (
        _code("coop_id", "Mã HTX"),
        Column("year", "Năm", "year"),
        Column("kind", "Loại hỗ trợ", "text"),
        Column("amount", "Kinh phí (triệu đồng)", "number", required=False, **_MONEY),
    ),
    title="HTX được thụ hưởng chính sách hỗ trợ, theo năm (từ 2012)",
    title_en="Cooperatives receiving support, per year (from 2012)",
)

TABLES: tuple[Table, ...] = (
    UNITS,
    COMMUNE_MAP_2025,
    COOPERATIVES,
    RATINGS_TABLE,
    UNIONS,
    GROUPS,
    HOUSEHOLDS,
    LINKAGE_MODELS,
    FUND,
    TRAINING,
    SUPPORT,
)
TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
INTRO_SHEET = "Giới thiệu"  # free text for people; the loader ignores it

YEAR_RANGE = (1900, 2100)
