"""Exceptions raised by latentbridge.

Every error of the core arrives as a subclass of :class:`LatentbridgeError` that is also the matching built-in
exception, so ``except ValueError`` and ``except OSError`` work as usual. The message is the one
``latentbridge-cli`` prints after ``error:`` (``<file>: <problem>``); ``path`` names the file when there is one.

=====================  ===========================================  ============================
core ErrorCode         class                                        also a
=====================  ===========================================  ============================
InvalidArgument,       InvalidInputError                            ValueError
BadInput, Unsupported,
NoOverlap
Io                     LatentbridgeIOError                          OSError
NumericalIssue,        NumericalError                               ArithmeticError
NotConverging
Cancelled              CancelledError                               (LatentbridgeError only)
OutOfMemory            LatentbridgeMemoryError                      MemoryError
Internal               InternalError                                RuntimeError
=====================  ===========================================  ============================
"""


class LatentbridgeError(Exception):
    """Base of every latentbridge error. ``code`` is the core's error code name, ``path`` the file (or "")."""

    code = "internal"
    path = ""
    detail = ""


class InvalidInputError(LatentbridgeError, ValueError):
    """Bad input: a malformed file, an impossible request (K = 0, K > N), an unknown option value."""


class LatentbridgeIOError(LatentbridgeError, OSError):
    """The operating system refused: a missing file, a permission, a full disk."""


class NumericalError(LatentbridgeError, ArithmeticError):
    """A decomposition failed or produced non-finite values; an iterative solver did not converge."""


class CancelledError(LatentbridgeError):
    """The call was cancelled (its progress callback returned False)."""


class LatentbridgeMemoryError(LatentbridgeError, MemoryError):
    """An allocation failed (an N x D or N x N too large for memory)."""


class InternalError(LatentbridgeError, RuntimeError):
    """A bug in latentbridge, not a problem with the input."""


_BY_CODE = {
    "invalid_argument": InvalidInputError,
    "bad_input": InvalidInputError,
    "unsupported": InvalidInputError,
    "no_overlap": InvalidInputError,
    "io": LatentbridgeIOError,
    "numerical_issue": NumericalError,
    "not_converging": NumericalError,
    "cancelled": CancelledError,
    "out_of_memory": LatentbridgeMemoryError,
    "internal": InternalError,
}


def from_core(code, message, path="", detail=""):
    """The exception for a core error (called by the compiled module)."""
    exc = _BY_CODE.get(code, InternalError)(message)
    exc.code, exc.path, exc.detail = code, path, detail
    return exc
