"""Errors the user can act on; their message is shown as is (in Chinese)."""

from __future__ import annotations

import errno


class UserError(Exception):
    """A problem caused by input or environment, never by a bug: shown, not traced."""


# The C library's reasons are English; the few a clerk meets are said in Chinese.
_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限（文件可能正被其他程序打开，或为只读）",
    errno.EPERM: "操作不被允许（权限不足）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EINVAL: "文件名无效（不能含有 \\ / : * ? \" < > | 等字符）",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese where the reason is a common one."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
