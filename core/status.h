// Error and result types shared by the loaders, the numerics, the CLI and the GUI.
//
// Loaders and numerics never throw across the public API: they return Result<T> (a value or an Error)
// or Status. The CLI maps ErrorCode to its exit code; the GUI shows Error::describe() inline.
#pragma once

#include <cassert>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lb {

enum class ErrorCode {
    Ok = 0,
    InvalidArgument,  // an impossible request (K = 0, more anchors than rows, unknown option)
    BadInput,         // a malformed or inconsistent file (bad magic, truncated, shape mismatch, ...)
    Unsupported,      // a well-formed file we refuse on purpose (object/pickle arrays, complex dtype)
    NoOverlap,        // two spaces share no rows
    Io,               // the OS refused (missing file, permission, mmap failure, disk full)
    NumericalIssue,   // a decomposition failed or produced non-finite values
    NotConverging,    // an iterative solver ran out of iterations
    Cancelled,        // JobContext::cancel() was called
    OutOfMemory,      // an allocation failed (std::bad_alloc), typically an N x D or N x N too large for memory
    Internal,         // an unexpected exception escaped a job or a command: a bug, not a problem with the input
};

struct Error {
    ErrorCode code = ErrorCode::BadInput;
    std::string message;  // what is wrong, in words a user understands
    std::string path;     // the file concerned, empty when not about a file
    std::string detail;   // optional: byte offset, header key, row number, ...

    // "<path>: <message> (<detail>)", the single line shown to users.
    std::string describe() const;
};

// A non-fatal observation made while loading or computing ("3 rows contain NaN", "float64 -> float32").
struct Warning {
    std::string message;
    std::string path;
    // An expected, harmless event worth knowing (e.g. float16 storage widened to float32): the GUI shows it
    // as information, not as a yellow warning the user should act on.
    bool informational = false;
    std::string describe() const;
};

// [[nodiscard]]: a dropped Status is a failure nobody sees. Where ignoring one is right, cast it to (void) and
// say why next to the cast.
class [[nodiscard]] Status {
   public:
    Status() = default;
    Status(Error e) : m_error(std::move(e)) {}  // NOLINT: implicit on purpose, `return Error{...};`
    static Status ok() { return {}; }
    static Status cancelled() { return Error{ErrorCode::Cancelled, "cancelled", {}, {}}; }

    bool isOk() const { return !m_error.has_value(); }
    explicit operator bool() const { return isOk(); }
    const Error& error() const {
        assert(m_error && "error() called on an ok Status");
        return *m_error;
    }
    ErrorCode code() const { return m_error ? m_error->code : ErrorCode::Ok; }

   private:
    std::optional<Error> m_error;
};

template <class T>
class [[nodiscard]] Result {
   public:
    Result(T value) : m_v(std::move(value)) {}  // NOLINT: implicit on purpose
    Result(Error e) : m_v(std::move(e)) {}      // NOLINT
    Result(Status s) : m_v(s.error()) {}        // NOLINT: only from a failed Status

    bool isOk() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return isOk(); }
    T& value() & {
        assert(isOk() && "value() called on an error Result");
        return std::get<T>(m_v);
    }
    const T& value() const& {
        assert(isOk() && "value() called on an error Result");
        return std::get<T>(m_v);
    }
    T&& value() && {
        assert(isOk() && "value() called on an error Result");
        return std::get<T>(std::move(m_v));
    }
    const Error& error() const {
        assert(!isOk() && "error() called on an ok Result");
        return std::get<Error>(m_v);
    }
    Status status() const { return isOk() ? Status::ok() : Status(error()); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

   private:
    std::variant<T, Error> m_v;
};

// Shorthands for the common cases, so loaders read as `return badInput(path, "truncated header");`.
inline Error badInput(std::string path, std::string message, std::string detail = {}) {
    return Error{ErrorCode::BadInput, std::move(message), std::move(path), std::move(detail)};
}
inline Error invalidArgument(std::string message) {
    return Error{ErrorCode::InvalidArgument, std::move(message), {}, {}};
}

// Classifies an exception caught at a job or command boundary, where nothing more specific can handle it:
// std::bad_alloc (and its subclasses) -> OutOfMemory, anything else -> Internal, with the exception's what()
// when it has one. `context` names the work that threw (a job name, a CLI command) and appears in the message.
// `error` must not be null. Pure; any thread.
Error errorFromException(const std::exception_ptr& error, const std::string& context);

}  // namespace lb
