"""latentbridge from Python: relative representations, latent translation, zero-shot stitching and similarity
metrics on NumPy arrays, computed by the same C++ core as ``latentbridge-cli`` and the desktop app.

Arrays: float32 C-contiguous arrays are used in place (no copy); any other dtype or memory order is converted
once to float32 C order for the call. Results are new float32 arrays owned by NumPy (no copy on the way out).
Long calls release the GIL, accept ``progress=callable(stage, fraction)`` (return False to cancel) and stop on
Ctrl+C (KeyboardInterrupt). See docs/python.md.
"""

import os as _os

# As the CLI and the app (core/jobs/omp_wait_policy.h): idle OpenMP threads sleep instead of spinning, which on a
# busy machine leaves the cycles to the working threads. The runtime reads the policy when it is loaded: by the
# import below, unless NumPy loaded it first (Debian's OpenBLAS is the OpenMP build), in which case only
# OMP_WAIT_POLICY exported before Python starts has an effect (docs/python.md). A user's own setting is kept.
_os.environ.setdefault("OMP_WAIT_POLICY", "passive")

from . import _core  # noqa: E402
from .errors import (
    CancelledError,
    InternalError,
    InvalidInputError,
    LatentbridgeError,
    LatentbridgeIOError,
    LatentbridgeMemoryError,
    NumericalError,
)
from .space import Space, load, save
from .relative import RelativeProjection, select_anchors
from .translate import Translator
from .analysis import asif, asif_encode, compare, stitch
from .show import show

__version__ = _core.__version__

__all__ = [
    "Space", "load", "save", "select_anchors", "RelativeProjection", "Translator", "compare", "stitch", "asif",
    "asif_encode", "show", "LatentbridgeError", "InvalidInputError", "LatentbridgeIOError", "NumericalError",
    "CancelledError", "LatentbridgeMemoryError", "InternalError", "__version__",
]
