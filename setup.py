"""Build vnpolicy, compiling the extractors with mypyc when it can.

The project's metadata is in pyproject.toml; this file only adds the compiled
extension modules (see ``vnpolicy/compiled.py`` for which and why). mypyc runs
only when an extension is built, not for every metadata query pip makes, and a
build that cannot compile (no C compiler, ``VNPOLICY_PURE_PYTHON=1``) installs
the same package as pure Python.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# the same test as vnpolicy.compiled.pure_python_requested, which this file cannot import
PURE = os.environ.get("VNPOLICY_PURE_PYTHON", "").strip().lower() not in ("", "0", "false", "no")


def compiled_module_paths() -> list[str]:
    """The files named by ``MODULES`` in vnpolicy/compiled.py, read without importing vnpolicy."""
    tree = ast.parse((ROOT / "vnpolicy" / "compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "MODULES":
            assert node.value is not None
            return [name.replace(".", "/") + ".py" for name in ast.literal_eval(node.value)]
    raise SystemExit("vnpolicy/compiled.py: no MODULES tuple")


# What pip runs to learn the metadata: it finalizes build_ext too (to list the
# sources of extensions), but builds nothing, so mypyc need not run for it.
METADATA_COMMANDS = {"egg_info", "dist_info", "sdist"}


class MypycBuildExt(build_ext):
    """Translate the modules to C with mypyc, then build them; on any failure, build nothing."""

    def finalize_options(self) -> None:
        # here, not at the top of this file: mypyc type-checks the package first
        # (about a minute), and pip runs this file several times per install
        self.distribution.ext_modules = []
        if not set(self.distribution.commands) <= METADATA_COMMANDS:
            try:
                from mypyc.build import mypycify

                os.chdir(ROOT)  # mypyc names the modules after their relative paths
                # other modules are read for their types only: their errors (a missing
                # optional dependency in the build environment) are not the build's
                self.distribution.ext_modules = mypycify(
                    ["--follow-imports=silent", *compiled_module_paths()], opt_level="3",
                    group_name="vnpolicy.native")
            except (Exception, SystemExit) as error:  # a type error exits: any failure leaves pure Python
                _not_compiled(error)
        super().finalize_options()

    def run(self) -> None:
        try:
            super().run()
        except (Exception, SystemExit) as error:  # no C compiler, say: the .py files are installed all the same
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            _not_compiled(error)


def _not_compiled(error: BaseException) -> None:
    print(f"vnpolicy: not compiled ({type(error).__name__}: {error}); installing pure Python", file=sys.stderr)


class MaybeBinaryDistribution(Distribution):
    """A platform wheel when the extractors are compiled, a pure one otherwise."""

    def has_ext_modules(self) -> bool:
        return not PURE


setup(
    distclass=MaybeBinaryDistribution,
    cmdclass={} if PURE else {"build_ext": MypycBuildExt},
)
