"""Which extractors run as machine code: the build compiles them with mypyc.

``pip install vnpolicy`` (or ``pip install .``) translates the modules named in
:data:`MODULES` to C with mypyc, the compiler that ships with mypy, and builds
them as extension modules beside their ``.py`` files. The code is the same
Python that mypy checks; compiled, it runs about twice as fast on dense text.

The public entry points (:func:`vnpolicy.extract`, :func:`vnpolicy.repair`)
stay pure Python: they check the type of what they are given and say what to
pass, where compiled code would only say ``str object expected; got bytes``.

``VNPOLICY_PURE_PYTHON=1`` means pure Python. Set when installing, it skips
the compiler (for work on these modules: an editable install then runs the
``.py`` files as edited); set when running, it imports the ``.py`` files even
where compiled ones are installed (to compare, or to debug with pdb). Without
a C compiler the build falls back to pure Python by itself. The results are
the same either way; only the speed differs.

Example:
    >>> from vnpolicy.compiled import compiled_modules
    >>> status = compiled_modules()
    >>> status["vnpolicy.dates"] in (True, False)
    True
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, SOURCE_SUFFIXES, FileFinder, ModuleSpec, SourceFileLoader
from pathlib import Path
from types import ModuleType

# Read by setup.py without importing vnpolicy: keep it one literal tuple.
MODULES: tuple[str, ...] = (
    "vnpolicy.builders",
    "vnpolicy.dates",
    "vnpolicy.encodings.cleanup",
    "vnpolicy.encodings.offsets",
    "vnpolicy.encodings.syllables",
    "vnpolicy.indicators",
    "vnpolicy.legal.find",
    "vnpolicy.legal.link",
    "vnpolicy.legal.patterns",
    "vnpolicy.legal.symbols",
    "vnpolicy.numbers",
    "vnpolicy.quantities",
    "vnpolicy.slogans",
    "vnpolicy.spans",
    "vnpolicy.text",
)

PURE_PYTHON_VARIABLE = "VNPOLICY_PURE_PYTHON"


def pure_python_requested() -> bool:
    """Whether ``VNPOLICY_PURE_PYTHON`` asks for pure Python (any value but empty, 0, false, no)."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def is_compiled(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from an extension module (a compiled one), not from source."""
    return str(getattr(module, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES))


def extension_file(name: str) -> Path | None:
    """The compiled file of module ``name`` in its package folder, if one was built.

    Looked for, not read off the module: mypyc sets ``__file__`` of a module in a
    subpackage to a path that does not exist.
    """
    package, _, leaf = name.rpartition(".")
    for folder in getattr(importlib.import_module(package), "__path__", []):
        for suffix in EXTENSION_SUFFIXES:
            candidate = Path(folder) / (leaf + suffix)
            if candidate.is_file():
                return candidate
    return None


def compiled_modules() -> dict[str, bool]:
    """Each module of :data:`MODULES`, and whether this process runs it compiled."""
    return {name: is_compiled(importlib.import_module(name)) for name in MODULES}


def build_name() -> str:
    """``compiled (mypyc)``, ``pure Python`` or ``partly compiled``: how this process runs the extractors."""
    status = set(compiled_modules().values())
    return "partly compiled" if len(status) > 1 else "compiled (mypyc)" if status == {True} else "pure Python"


class _SourceFirst:
    """An import finder that loads the modules of :data:`MODULES` from their ``.py`` files.

    Python prefers an extension module to a source file of the same name; this
    finder, put first on ``sys.meta_path``, reverses that for these modules only.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in MODULES or not path:
            return None
        for folder in path:
            spec = FileFinder(folder, (SourceFileLoader, SOURCE_SUFFIXES)).find_spec(fullname)
            if spec is not None:
                return spec
        return None


def use_pure_python() -> None:
    """From now on, import the modules of :data:`MODULES` from source (before they are first imported)."""
    if not any(isinstance(finder, _SourceFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
