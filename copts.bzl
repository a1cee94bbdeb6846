"""Compiler options for jpkicore's own code (not for third-party code)."""

JPKICORE_COPTS = [
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wno-unused-parameter",
]
