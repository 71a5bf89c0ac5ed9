"""The README's Python section runs as written: every ```python block between the markers
<!-- python-snippets:begin --> and <!-- python-snippets:end -->, in order, in one namespace, from a directory
where assets/ is the repository's (so relative paths work and written files stay out of the tree)."""

import os
import re

from conftest import REPO


def snippets():
    text = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    section = re.search(r"<!-- python-snippets:begin -->(.*?)<!-- python-snippets:end -->", text, re.S)
    assert section, "README.md has no Python snippets section"
    blocks = re.findall(r"```python\n(.*?)```", section.group(1), re.S)
    assert blocks
    return blocks


def test_readme_python_snippets_run(tmp_path, monkeypatch):
    os.symlink(os.path.join(REPO, "assets"), tmp_path / "assets")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LATENTBRIDGE_APP", "/bin/true")  # lb.show() starts this instead of the desktop app
    namespace = {}
    for i, block in enumerate(snippets()):
        exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)
