"""The compiled build (vnpolicy.compiled): all or none of the extractors compiled, same results as pure Python.

CI installs the package as a user does, so the extractors run compiled there;
``VNPOLICY_EXPECT_COMPILED=1`` (set by ``.ci/run``) makes a build that silently
fell back to pure Python a failure. pytest's ``--doctest-modules`` cannot see
the docstrings of compiled functions, so the examples of compiled modules are
read from their source here and run against the compiled code.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import vnpolicy
from vnpolicy.compiled import (
    MODULES,
    PURE_PYTHON_VARIABLE,
    build_name,
    compiled_modules,
    extension_file,
    is_compiled,
    pure_python_requested,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample" / "unc-news-sample.jsonl"


def _source(name: str) -> Path:
    return ROOT / (name.replace(".", "/") + ".py")


def test_a_compiled_module_is_found_beside_its_source() -> None:
    for name, compiled in compiled_modules().items():
        built = extension_file(name)
        if compiled:
            assert built is not None and built.parent == _source(name).parent, name


def test_build_name_says_how_the_extractors_run() -> None:
    status = set(compiled_modules().values())
    assert build_name() == ("compiled (mypyc)" if status == {True} else "pure Python")


def test_every_listed_module_has_its_source_in_the_package() -> None:
    missing = [name for name in MODULES if not _source(name).is_file()]
    assert not missing, f"vnpolicy/compiled.py names modules with no source file: {missing}"


def test_public_entry_points_stay_pure_python() -> None:
    # they check the type of their argument and say what to pass (tests/test_pipeline.py)
    assert "vnpolicy.pipeline" not in MODULES and "vnpolicy.repair" not in MODULES
    assert not is_compiled(importlib.import_module("vnpolicy.pipeline"))


def test_the_extractors_are_all_compiled_or_none_is() -> None:
    # half a build means a failed compile left stray extension modules behind
    status = compiled_modules()
    assert len(set(status.values())) == 1, status


@pytest.mark.skipif(not os.environ.get("VNPOLICY_EXPECT_COMPILED"), reason="VNPOLICY_EXPECT_COMPILED is not set")
def test_the_build_compiled_the_extractors() -> None:
    status = compiled_modules()
    if pure_python_requested():
        assert not any(status.values()), status
    else:
        assert all(status.values()), f"the install fell back to pure Python: {status}"


def _docstring_examples() -> list[tuple[str, str, str, int]]:
    """(module, qualified name, docstring, line) of every docstring with examples in the listed modules."""
    found = []
    for name in MODULES:
        path = _source(name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        todo: list[tuple[str, ast.AST]] = [(name, tree)]
        while todo:
            qualname, node = todo.pop()
            doc = ast.get_docstring(node, clean=False) if isinstance(
                node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) else None
            if doc and ">>>" in doc:
                found.append((name, qualname, doc, getattr(node, "lineno", 1)))
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    todo.append((f"{qualname}.{child.name}", child))
    return sorted(found)


EXAMPLES = _docstring_examples()


def test_the_listed_modules_have_examples_to_run() -> None:
    # the parametrised test below must not pass by finding nothing
    assert len(EXAMPLES) >= 40
    assert {"vnpolicy.dates", "vnpolicy.quantities", "vnpolicy.numbers"} <= {m for m, *_ in EXAMPLES}


@pytest.mark.parametrize(("module_name", "qualname", "doc", "line"), EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_docstring_examples_run_on_the_compiled_code(module_name: str, qualname: str, doc: str, line: int) -> None:
    module = importlib.import_module(module_name)
    if not is_compiled(module):
        pytest.skip("pure Python: pytest --doctest-modules runs this example")
    test = doctest.DocTestParser().get_doctest(doc, dict(vars(module)), qualname, str(_source(module_name)), line)
    runner = doctest.DocTestRunner(verbose=False)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_compiled_and_pure_python_give_the_same_records() -> None:
    # the bundled sample (120 real articles) in a pure-Python process and in this one
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()[:40]]
    script = ("import json, sys, vnpolicy\n"
              "texts = json.load(sys.stdin)\n"
              "print(json.dumps([vnpolicy.extract(t).to_dict() for t in texts], ensure_ascii=False))\n")
    pure = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True,
                          check=True, env={**os.environ, PURE_PYTHON_VARIABLE: "1"}, cwd=ROOT)
    here = [vnpolicy.extract(t).to_dict() for t in texts]
    assert json.loads(pure.stdout) == here


def test_pure_python_variable_imports_the_sources() -> None:
    script = ("import vnpolicy\nfrom vnpolicy.compiled import compiled_modules\n"
              "print(sorted(set(compiled_modules().values())))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, PURE_PYTHON_VARIABLE: "1"}, cwd=ROOT)
    assert run.stdout.strip() == "[False]"


def test_no_compiled_module_is_older_than_its_source() -> None:
    # an editable install compiles in place: after an edit, the old machine code would
    # still run. Rebuild (pip install -e .) or install with VNPOLICY_PURE_PYTHON=1.
    stale = []
    for name in MODULES:
        built = extension_file(name)
        if built is not None and built.stat().st_mtime < _source(name).stat().st_mtime:
            stale.append(name)
    assert not stale, f"compiled before their source last changed, rebuild: {stale}"
