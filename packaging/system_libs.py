"""Which system libraries the frozen folder bundles and which it takes from the office PC.

PyInstaller copies every shared library the Qt plugins link, from the build machine. Those
copies come from Debian 12 and need glibc up to 2.36, and the desktop's own copies are the ones
that match its X server, GPU driver, fonts and input method. So the folder bundles only what a
target desktop may lack and what runs on glibc 2.28; everything else is taken from the desktop,
group by group, each with its reason and the packages (names valid on Debian 10/11, UOS V20
and Kylin V10) that the .deb depends on.

Read by the spec (`bundled_binaries`) and by make_deb.sh (`python3 system_libs.py --depends`). A
system library in no group stops the build: someone decides which side it belongs to.
"""

from __future__ import annotations

import sys
from fnmatch import fnmatch
from pathlib import PurePosixPath

# soname pattern -> reason. Bundled from the build machine.
BUNDLED = {
    "libxcb-cursor.so.0": "Qt >= 6.5's xcb plugin needs it; Debian 10 and Kylin V10 lack the "
    "package; it needs glibc 2.8 only",
}

# (reason, soname patterns, Depends entries) taken from the desktop.
FROM_DESKTOP: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("GCC's C and C++ runtime: Qt's files need GLIBCXX_3.4.21 at most, which GCC 8's (Kylin "
     "V10, Debian 10) provides; the build machine's needs glibc 2.36",
     ("libstdc++.so.*", "libgcc_s.so.*"),
     ("libstdc++6", "libgcc-s1 | libgcc1")),
    ("X11 client libraries, matched to the desktop's X server and keyboard layouts",
     ("libX11*.so*", "libxcb*.so*", "libXau.so*", "libXdmcp.so*", "libXext.so*",
      "libXrender.so*", "libXi.so*", "libXfixes.so*", "libXcursor.so*", "libXdamage.so*",
      "libXcomposite.so*", "libXrandr.so*", "libXinerama.so*", "libxkbcommon*.so*",
      "libxshmfence.so*", "libSM.so*", "libICE.so*", "libXtst.so*"),
     ("libx11-6", "libx11-xcb1", "libxcb1", "libxcb-icccm4", "libxcb-image0",
      "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0",
      "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
      "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1", "libxkbcommon0",
      "libxkbcommon-x11-0")),
    ("OpenGL and EGL: the GPU driver's own dispatch libraries",
     ("libGL.so*", "libEGL.so*", "libGLX*.so*", "libGLdispatch.so*", "libOpenGL.so*",
      "libgbm.so*", "libdrm*.so*", "libwayland-*.so*"),
     ("libgl1", "libegl1")),
    ("fonts and images: the desktop's font configuration finds the Chinese fonts it has",
     ("libfontconfig.so*", "libfreetype.so*", "libpng16.so*", "libexpat.so*", "libz.so*",
      "libbrotli*.so*", "libbz2.so*", "libjpeg.so*", "libtiff.so*", "libwebp*.so*",
      "libdeflate.so*", "libjbig.so*", "libLerc.so*", "libsharpyuv.so*"),
     ("libfontconfig1", "libfreetype6", "libpng16-16", "libexpat1", "zlib1g")),
    ("the session bus (input methods, notifications) and what it links",
     ("libdbus-1.so*", "libsystemd.so*", "liblzma.so*", "libzstd.so*", "liblz4.so*",
      "libgcrypt.so*", "libgpg-error.so*", "libcap.so*"),
     ("libdbus-1-3",)),
    ("printing: the desktop's CUPS finds its printers (Qt's print support plugin; 打印 from the "
     "print preview)",
     ("libcups.so*", "libavahi-*.so*"),
     ("libcups2",)),
    ("GLib, which Qt's event loop and theme plugins use, and what it links",
     ("libglib-2.0.so*", "libgobject-2.0.so*", "libgio-2.0.so*", "libgmodule-2.0.so*",
      "libgthread-2.0.so*", "libpcre*.so*", "libffi.so*", "libmount.so*", "libblkid.so*",
      "libselinux.so*", "libuuid.so*", "libresolv.so*"),
     ("libglib2.0-0",)),
    ("GTK 3, loaded only by Qt's GTK theme plugin on desktops that have GTK 3 (native file "
     "dialogs); without it Qt draws its own",
     ("libgtk-3.so*", "libgdk-3.so*", "libgdk_pixbuf-2.0.so*", "libpango*.so*", "libcairo*.so*",
      "libatk*.so*", "libatspi.so*", "libharfbuzz*.so*", "libpixman-1.so*", "libfribidi.so*",
      "libthai.so*", "libdatrie.so*", "libgraphite2.so*", "libepoxy.so*", "libxml2.so*",
      "libicu*.so*", "libtinfo.so*", "libmd.so*", "libbsd.so*", "libcloudproviders.so*",
      "libtracker*.so*", "libjson-glib*.so*", "libsqlite3.so*", "libstemmer.so*"),
     ()),
    ("the system's libpq and its TLS, LDAP and Kerberos libraries: psycopg looks for them only "
     "when psycopg-binary, which carries its own libpq, is missing",
     ("libpq.so*", "libssl.so*", "libcrypto.so*", "libldap*.so*", "liblber*.so*",
      "libsasl2.so*", "libgnutls.so*", "libnettle.so*", "libhogweed.so*", "libgmp.so*",
      "libidn2.so*", "libunistring.so*", "libtasn1.so*", "libp11-kit.so*", "libkrb5*.so*",
      "libgssapi*.so*", "libk5crypto.so*", "libcom_err.so*", "libkeyutils.so*"),
     ()),
]

SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def from_system(source: str) -> bool:
    return source.startswith(SYSTEM_DIRS)


def desktop_group(soname: str) -> str | None:
    for reason, patterns, _depends in FROM_DESKTOP:
        if any(fnmatch(soname, pattern) for pattern in patterns):
            return reason
    return None


def bundled_binaries(binaries: list[tuple]) -> list[tuple]:
    """PyInstaller's (dest, source, kind) list less what the desktop provides.

    Stops the build, naming them all, if any system library is in no group.
    """
    kept, unknown = [], []
    for entry in binaries:
        dest, source = entry[0], entry[1]
        soname = PurePosixPath(dest).name
        if not from_system(source) or any(fnmatch(soname, p) for p in BUNDLED):
            kept.append(entry)
        elif desktop_group(soname) is None:
            unknown.append(f"{soname} ({source})")
    if unknown:
        raise SystemExit(
            "system libraries in no group of packaging/system_libs.py (decide whether the "
            "folder bundles them or the desktop provides them):\n  " + "\n  ".join(unknown)
        )
    return kept


def depends() -> str:
    entries = ["libc6 (>= 2.28)"]
    for _reason, _patterns, packages in FROM_DESKTOP:
        entries += [p for p in packages if p not in entries]
    return ", ".join(entries)


if __name__ == "__main__":
    if sys.argv[1:] == ["--depends"]:
        print(depends())
    else:
        for soname, reason in BUNDLED.items():
            print(f"bundled  {soname}: {reason}")
        for reason, patterns, packages in FROM_DESKTOP:
            print(f"desktop  {' '.join(patterns)}\n         {reason}\n         -> {', '.join(packages) or '(not required)'}")
