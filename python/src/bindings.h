// Shared pieces of latentbridge._core (the pybind11 module behind the `latentbridge` package, python/latentbridge/):
// NumPy <-> Eigen without copies, core errors -> Python exceptions, and long calls that release the GIL, report
// progress and stop on Ctrl+C. One file per area registers its functions (module.cpp calls them).
//
// [SECTION] arrays   [SECTION] errors   [SECTION] jobs   [SECTION] registration
#pragma once

#include "core/jobs/job_context.h"
#include "core/space/latent_space.h"
#include "core/status.h"
#include "core/types.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace lb::py {

namespace pyb = pybind11;

// ------------------------------------------------------------------------------------------------- arrays
// A 2-D float32 C-order matrix seen by Eigen. A float32 C-contiguous aligned NumPy array is used in place (the
// map points into its buffer); any other dtype or order is converted once to a float32 C-order copy, which
// `array` owns. `array` keeps the buffer alive while the map is used.
struct FloatMatrix {
    pyb::array array;
    ConstRowMatrixMap map{nullptr, 0, 0};
    bool converted = false;  // true when a copy was made
};

// `obj` (anything np.asarray accepts) as N x D. `name` labels errors ("X must be 2-D (N x D), got shape (5,)").
// A 1-D array is refused unless `allowVector` (then it is one row, 1 x D). Empty rows or columns are allowed (the
// core functions decide). NaN/Inf are refused (ValueError naming `name`) when `requireFinite`.
FloatMatrix asFloatMatrix(const pyb::handle& obj, const std::string& name, bool allowVector = false,
                          bool requireFinite = true);

// Moves `m` into a NumPy array without copying: the array's base is a capsule owning the matrix.
pyb::array toNumpy(RowMatrixXf&& m);
// N int32 values (labels) as a new NumPy array; an int vector of row indices as int64.
pyb::array toNumpy(const std::vector<int32_t>& v);
pyb::array indicesToNumpy(const std::vector<Index>& v);

// -------------------------------------------------------------------------------------------------- errors
// A core Error travelling as a C++ exception until the module's translator turns it into the Python class of
// latentbridge.errors for its code (ValueError / OSError / ... subclasses of LatentbridgeError) with the message
// the CLI prints (Error::describe()).
struct CoreError : std::exception {
    Error error;
    explicit CoreError(Error e) : error(std::move(e)) {}
    const char* what() const noexcept override { return error.message.c_str(); }
};
[[noreturn]] inline void raise(const Error& e) {
    throw CoreError(e);
}
template <class T>
T unwrap(Result<T>&& r) {
    if (!r) raise(r.error());
    return std::move(r).value();
}
inline void check(const Status& s) {
    if (!s) raise(s.error());
}

// ---------------------------------------------------------------------------------------------------- jobs
// Runs `work(ctx)` on a worker thread with the GIL released. The calling thread wakes every 50 ms: it calls
// `progress(stage, fraction)` when given (a Python callable; returning False cancels), and PyErr_CheckSignals(),
// so Ctrl+C raises KeyboardInterrupt. Either cancels the job through its JobContext and waits for it to stop; a
// Python exception (KeyboardInterrupt, or one the callback raised) is re-raised, a cancel by the callback raises
// latentbridge.CancelledError. Exceptions thrown by `work` are re-thrown here (std::bad_alloc -> MemoryError).
void runJob(const pyb::object& progress, const std::function<void(JobContext&)>& work);

// Same, returning the value of `work` (a Result<T> is unwrapped into T or raised).
template <class T>
T runJobFor(const pyb::object& progress, const std::function<Result<T>(JobContext&)>& work) {
    std::optional<Result<T>> out;
    runJob(progress, [&](JobContext& ctx) { out.emplace(work(ctx)); });
    return unwrap(std::move(*out));
}

// ---------------------------------------------------------------------------------------------- registration
void bindErrors(pyb::module_& m);
void bindArrays(pyb::module_& m);
void bindIo(pyb::module_& m);
void bindRelative(pyb::module_& m);
void bindTranslate(pyb::module_& m);
void bindAnalysis(pyb::module_& m);

}  // namespace lb::py
