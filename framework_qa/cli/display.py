"""Can a window be shown here? Checked before Qt starts, because Qt cannot be asked afterwards.

When Qt's xcb platform plugin cannot load (on a fresh Debian, Ubuntu or Fedora desktop pip cannot bring
`libxcb-cursor0` and friends), Qt prints a screenful about plugins and *aborts the process*: no exception
to catch, a core dump instead of a message. So before the first QApplication, when Qt is going to use xcb
(`QT_QPA_PLATFORM` unset or `xcb`, with a `DISPLAY`), `xcb_problem()` runs `ldd` on the plugin shipped with
PySide6 (about 10 ms) and names the system packages that provide the libraries reported "not found",
with the apt and dnf commands that install them. Without `ldd` (or the plugin) it says nothing and Qt
gets its chance. What only that check needs (subprocess, shutil, importlib.util) is imported by it, so
`framework-qa --help`, which registers the gui command, does not load it.

For tests only: `FRAMEWORK_QA_LDD` names a program to run instead of `ldd` (a script printing
`libxcb-cursor.so.0 => not found` simulates a machine without the package).
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

from framework_qa.cli.common import CliError

if TYPE_CHECKING:
    from pathlib import Path

# shared library -> (Debian/Ubuntu package, Fedora package); the libraries Qt's xcb plugin links to
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def headless() -> bool:
    """No display to show a window on (Linux without X11 or Wayland, or Qt told to draw offscreen)."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal"):
        return True
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _uses_xcb() -> bool:
    """Qt will try xcb first: asked for, or left to choose on an X11 (not Wayland) session."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    return platform == "xcb" or (not platform and not os.environ.get("WAYLAND_DISPLAY"))


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, found without importing Qt."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.exists():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """Shared libraries of `plugin` the dynamic loader cannot find, per `ldd` (empty if it cannot tell)."""
    import shutil
    import subprocess

    ldd = os.environ.get("FRAMEWORK_QA_LDD") or shutil.which("ldd")
    if not ldd:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(set(_NOT_FOUND.findall(out)))


def xcb_problem() -> str | None:
    """One line naming the system packages Qt's xcb plugin lacks, or None when it should load."""
    if not _uses_xcb():
        return None
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin else []
    if not missing:
        return None
    apt = sorted({PACKAGES.get(lib, (lib, lib))[0] for lib in missing})
    dnf = sorted({PACKAGES.get(lib, (lib, lib))[1] for lib in missing})
    return (f"the window cannot start: Qt's X11 (xcb) plugin needs system libraries that are not installed "
            f"({', '.join(missing)}); install them with `sudo apt install {' '.join(apt)}` (Debian/Ubuntu) "
            f"or `sudo dnf install {' '.join(dnf)}` (Fedora)")


def check_can_show_window() -> None:
    """Raise a one-line CliError instead of letting Qt abort on a missing xcb dependency."""
    problem = xcb_problem()
    if problem:
        raise CliError(problem)
