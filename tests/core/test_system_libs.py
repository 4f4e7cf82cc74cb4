"""packaging/system_libs.py: which system libraries the frozen folder bundles, which it leaves
to the office PC's desktop, and the .deb's Depends made from that list."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "packaging" / "system_libs.py"
_spec = importlib.util.spec_from_file_location("system_libs", _PATH)
system_libs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(system_libs)

SITE = "/cache/venv/lib/python3.11/site-packages"


def test_wheels_and_the_short_list_are_bundled_the_desktop_provides_the_rest():
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", f"{SITE}/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/cache/python-3.11-glibc2.28/lib/libpython3.11.so.1.0", "BINARY"),
        ("libxcb-cursor.so.0", "/lib/x86_64-linux-gnu/libxcb-cursor.so.0", "BINARY"),
        ("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "BINARY"),
        ("libfontconfig.so.1", "/usr/lib/x86_64-linux-gnu/libfontconfig.so.1", "BINARY"),
        ("libcups.so.2", "/lib/x86_64-linux-gnu/libcups.so.2", "BINARY"),
    ]
    kept = [dest for dest, _source, _kind in system_libs.bundled_binaries(binaries)]
    assert kept == ["PySide6/Qt/lib/libQt6Gui.so.6", "libpython3.11.so.1.0", "libxcb-cursor.so.0"]


def test_a_system_library_in_no_group_stops_the_build_naming_each():
    binaries = [
        ("libfoo.so.1", "/usr/lib/x86_64-linux-gnu/libfoo.so.1", "BINARY"),
        ("libbar.so.2", "/lib/x86_64-linux-gnu/libbar.so.2", "BINARY"),
    ]
    with pytest.raises(SystemExit) as stop:
        system_libs.bundled_binaries(binaries)
    assert "libfoo.so.1" in str(stop.value) and "libbar.so.2" in str(stop.value)


def test_depends_names_each_desktop_package_once_and_not_the_bundled_one():
    depends = [entry.strip() for entry in system_libs.depends().split(",")]
    assert depends[0] == "libc6 (>= 2.28)"
    assert len(depends) == len(set(depends))
    # Debian 10 calls GCC's runtime libgcc1, Debian 11 and later libgcc-s1.
    assert "libgcc-s1 | libgcc1" in depends and "libstdc++6" in depends
    assert {"libcups2", "libfontconfig1", "libxkbcommon-x11-0", "libgl1"} <= set(depends)
    assert not any("cursor" in entry for entry in depends)
