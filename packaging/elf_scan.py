"""Report the highest GLIBC/GLIBCXX versions the ELF files in a folder need (objdump -p)."""

# ld.so checks the "Version References" of each file, so that is what decides whether a frozen
# folder starts on an older desktop (issue 21: Kylin V10 / UOS V20 ship glibc 2.28).
import argparse
import os
import re
import subprocess
import sys

_REF = re.compile(r"\b(GLIBC|GLIBCXX)_(\d+(?:\.\d+)*)\b")


def _ver(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def _is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needs(path: str) -> dict[str, tuple[int, ...]]:
    """The highest GLIBC and GLIBCXX version one ELF file references."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    refs = out.split("Version References:", 1)
    found: dict[str, tuple[int, ...]] = {}
    if len(refs) == 2:
        for kind, v in _REF.findall(refs[1]):
            if _ver(v) > found.get(kind, ()):
                found[kind] = _ver(v)
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    ap.add_argument("--max-glibc", default="2.28")
    ap.add_argument("--max-glibcxx", default="3.4.25")
    ap.add_argument("--enforce", action="store_true", help="exit 1 if a file is above a limit")
    a = ap.parse_args(argv)
    limits = {"GLIBC": _ver(a.max_glibc), "GLIBCXX": _ver(a.max_glibcxx)}
    top = {"GLIBC": (), "GLIBCXX": ()}
    above: list[tuple[str, str]] = []
    n = 0
    for root, _dirs, files in os.walk(a.folder):
        for name in sorted(files):
            p = os.path.join(root, name)
            if os.path.islink(p) or not _is_elf(p):
                continue
            n += 1
            for kind, v in needs(p).items():
                top[kind] = max(top[kind], v)
                if v > limits[kind]:
                    above.append((f"{kind}_{'.'.join(map(str, v))}", os.path.relpath(p, a.folder)))
    fmt = lambda v: ".".join(map(str, v)) or "-"  # noqa: E731
    print(f"elf files: {n}")
    print(f"highest GLIBC: {fmt(top['GLIBC'])} (limit {a.max_glibc})")
    print(f"highest GLIBCXX: {fmt(top['GLIBCXX'])} (limit {a.max_glibcxx})")
    print(f"files above the limits: {len(above)}")
    for ver, rel in sorted(above):
        print(f"  {ver} {rel}")
    return 1 if (above and a.enforce) else 0


if __name__ == "__main__":
    sys.exit(main())
