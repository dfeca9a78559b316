"""What the operating system said, in Vietnamese: one wording for every file fault a user can meet.

A full disk, a folder without write permission, a read-only medium, a file size limit, a path that
is not there: each becomes one sentence naming the file and saying what to do, so no command shows a
Python traceback for them (see :func:`baocao.cli.common.reports_errors`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_WRITING = {
    errno.ENOSPC: "ổ đĩa đã đầy; giải phóng chỗ trống rồi chạy lại",
    errno.EDQUOT: "đã dùng hết hạn mức dung lượng trên ổ đĩa; giải phóng chỗ trống rồi chạy lại",
    errno.EFBIG: "tệp vượt quá kích thước tối đa được phép ghi trên hệ thống này",
    errno.EACCES: "không có quyền ghi; chọn thư mục khác hoặc xin cấp quyền ghi",
    errno.EPERM: "không có quyền ghi; chọn thư mục khác hoặc xin cấp quyền ghi",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho đọc; chọn thư mục khác",
    errno.ENOENT: "không tìm thấy thư mục hoặc tệp",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đường dẫn là một thư mục, không phải tệp",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.EIO: "lỗi đọc/ghi của thiết bị lưu trữ",
    errno.ETXTBSY: "tệp đang được chương trình khác dùng",
    errno.EBUSY: "tệp hoặc thư mục đang được chương trình khác dùng",
    errno.EEXIST: "tệp đã tồn tại",
    errno.EXDEV: "không chuyển được tệp giữa hai ổ đĩa",
}
_READING = {
    **_WRITING,
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.ENOENT: "không tìm thấy tệp",
    errno.EISDIR: "đây là thư mục, không phải tệp",
}


def os_error_message(exc: OSError, *, reading: bool = False) -> str:
    """Vietnamese reason of an :class:`OSError` (without the file name), e.g. "ổ đĩa đã đầy; …"."""
    table = _READING if reading else _WRITING
    reason = table.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        detail = f" (mã lỗi hệ thống {errno.errorcode.get(exc.errno, exc.errno)})" if exc.errno else ""
        reason = ("không đọc được tệp" if reading else "không ghi được tệp") + detail
    return reason


def os_error_text(exc: OSError, *, reading: bool = False) -> str:
    """The whole sentence: what failed, on which path, and why (:func:`os_error_message`).

    A hidden work item of baocao (``.baocao-…``, see :mod:`baocao.fileio.staging`) is named by its folder,
    the one the user chose.
    """
    where = exc.filename
    if where is not None:
        path = Path(os.fsdecode(where))
        hidden = next((i for i, part in enumerate(path.parts) if part.startswith(".baocao-")), None)
        where = str(path) if hidden is None else f"vào thư mục {Path(*path.parts[:hidden])}"
    verb = "Không đọc được" if reading else "Không ghi được"
    target = f" {where}" if where is not None else ""
    return f"{verb}{target}: {os_error_message(exc, reading=reading)}."
