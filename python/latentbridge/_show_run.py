"""Watcher of lb.show(): ``python _show_run.py TMPDIR APP SESSION [ARGS...]`` runs the app on the
session and deletes TMPDIR (the temporary spaces) once it exits, whatever its exit status."""

import shutil
import subprocess
import sys


def main(argv):
    tmp, app, session, extra = argv[1], argv[2], argv[3], argv[4:]
    try:
        return subprocess.call([app, session, *extra])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
