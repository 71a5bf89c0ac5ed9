"""Opening the desktop app on in-memory spaces: ``lb.show(X, Y, labels=y, names=["cnn", "mlp"])``.

The spaces are written to a temporary directory (float32 .npy + sidecar JSON each, and a session.json listing
them); the app is started on that session by a small watcher process (``_show_run.py``) that
waits for the app to close and then deletes the directory. show() returns at once.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from .space import Space, as_space, save


def find_app():
    """The `latentbridge` executable: $LATENTBRIDGE_APP, else on PATH, else beside this build tree's package."""
    env = os.environ.get("LATENTBRIDGE_APP")
    if env:
        return env
    on_path = shutil.which("latentbridge")
    if on_path:
        return on_path
    # Build tree: <build>/python/latentbridge/show.py and <build>/latentbridge.
    here = os.path.dirname(os.path.abspath(__file__))
    candidate = os.path.join(here, "..", "..", "latentbridge")
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return os.path.normpath(candidate)
    raise FileNotFoundError("latentbridge app not found: build it (LB_BUILD_GUI), put it on PATH or set "
                            "LATENTBRIDGE_APP")


def show(*spaces, labels=None, names=None, app=None, args=()):
    """Opens the desktop app on ``spaces`` (Space objects, arrays or paths) and returns the watcher process at once.

    labels: N class ids given to every space that has none (colours the points). names: one display name per space.
    app: the executable (default: :func:`find_app`); args: extra app arguments. The temporary files are removed
    when the app closes.
    """
    if not spaces:
        raise ValueError("show() needs at least one space")
    if names is not None and len(names) != len(spaces):
        raise ValueError(f"names has {len(names)} entries for {len(spaces)} spaces")
    app = app or find_app()
    tmp = tempfile.mkdtemp(prefix="latentbridge-show-")
    try:
        entries = []
        for i, obj in enumerate(spaces):
            s = as_space(obj, f"space{i}")
            name = names[i] if names is not None else (s.name or f"space{i}")
            if labels is not None and s.labels is None:
                s = Space(s.embeddings, labels, s.keys, s.label_names, s.texts, s.images, name, s.path)
            else:
                s = Space(s.embeddings, s.labels, s.keys, s.label_names, s.texts, s.images, name, s.path)
            path = os.path.join(tmp, f"{i}.npy")
            save(path, s)
            entries.append({"path": path, "name": name})
        session = os.path.join(tmp, "session.json")
        with open(session, "w", encoding="utf-8") as f:
            json.dump({"format": "latentbridge-session", "version": 2, "spaces": entries, "reference": 0}, f)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    watcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_show_run.py")
    return subprocess.Popen([sys.executable, watcher, tmp, app, session, *args], start_new_session=True,
                            stdin=subprocess.DEVNULL)
