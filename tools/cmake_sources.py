#!/usr/bin/env python3
"""Prints a CMake `set(VAR ...)` block listing the sources of folders, one line group per folder.

Sources are listed in CMake (no globbing); run this after adding or moving files and paste the
block: tools/cmake_sources.py ENGINE_SOURCES engine cost data exec ...
"""
import os
import sys


def block(var, base, folders, exts=(".cpp",), exclude=()):
    lines = [f"set({var}"]
    for folder in folders:
        path = os.path.join(base, folder) if folder else base
        files = sorted(f for f in os.listdir(path) if f.endswith(exts) and f not in exclude)
        current = "  "
        for name in files:
            item = (folder + "/" if folder else "") + name
            if len(current) + len(item) + 1 > 100:
                lines.append(current.rstrip())
                current = "  "
            current += item + " "
        if current.strip():
            lines.append(current.rstrip())
    lines[-1] += ")"
    return "\n".join(lines)


if __name__ == "__main__":
    print(block(sys.argv[1], sys.argv[2], sys.argv[3:]))
