// Core errors as Python exceptions: the classes live in latentbridge/errors.py (so they can subclass both
// LatentbridgeError and ValueError / OSError / ...); this translator picks one by ErrorCode.
#include "python/src/bindings.h"

#include <new>

namespace lb::py {

namespace {

const char* codeName(ErrorCode c) {
    switch (c) {
        case ErrorCode::Ok: return "ok";
        case ErrorCode::InvalidArgument: return "invalid_argument";
        case ErrorCode::BadInput: return "bad_input";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::NoOverlap: return "no_overlap";
        case ErrorCode::Io: return "io";
        case ErrorCode::NumericalIssue: return "numerical_issue";
        case ErrorCode::NotConverging: return "not_converging";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::OutOfMemory: return "out_of_memory";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

void setPythonError(const Error& e) {
    // latentbridge.errors.from_core(code, message, path, detail) -> an exception instance of the right class.
    pyb::object make = pyb::module_::import("latentbridge.errors").attr("from_core");
    pyb::object exc = make(codeName(e.code), e.describe(), e.path, e.detail);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
}

}  // namespace

void bindErrors(pyb::module_&) {
    pyb::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const CoreError& e) {
            setPythonError(e.error);
        }
    });
}

}  // namespace lb::py
