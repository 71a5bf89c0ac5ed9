"""Shared fixtures of the Python tests: the built CLI, the demo data, a scratch directory.

Run through ctest (tests/CMakeLists.txt sets PYTHONPATH to the build tree's python/ and LB_CLI to the built
latentbridge-cli), or by hand:
    PYTHONPATH=build/python LB_CLI=build/latentbridge-cli /usr/bin/python3 -m pytest tests/python
"""

import json
import os
import subprocess

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO = os.path.join(REPO, "assets", "demo")


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("LB_CLI") or os.path.join(REPO, "build", "latentbridge-cli")
    if not os.path.exists(path):
        pytest.skip("latentbridge-cli not built (set LB_CLI)")
    return path


@pytest.fixture(scope="session")
def run_cli(cli):
    """Runs latentbridge-cli with --json --quiet and returns the parsed JSON (asserting exit code 0)."""

    def run(*args):
        p = subprocess.run([cli, *map(str, args), "--json", "--quiet"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout)

    return run


def demo(name):
    return os.path.join(DEMO, name)
