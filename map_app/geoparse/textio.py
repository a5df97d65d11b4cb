"""Turn raw bytes from users into text, or say clearly why not."""
from __future__ import annotations

import codecs


class InputError(ValueError):
    """Input that is not usable text (empty, binary, not UTF-8/UTF-16)."""


def read_text(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16; refuse binary and empty."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 ({exc.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{name}: not a text file (binary data)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not UTF-8 text (invalid byte at position {exc.start}); "
                "convert it to UTF-8 first"
            ) from None
    if "\x00" in text:
        raise InputError(f"{name}: not a text file (contains NUL characters)")
    if not text.strip():
        raise InputError(f"{name}: empty input")
    return text
