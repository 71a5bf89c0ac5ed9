// Small POSIX helpers for writing through a file descriptor (used by atomic_file.cpp, the one place that
// creates output files).
#pragma once

#include "core/status.h"

#include <cstddef>
#include <string>

namespace lb::io {

// Writes all `size` bytes to `fd`, retrying short writes and EINTR. False on any other error (errno set).
bool writeAll(int fd, const void* data, size_t size);

// Error{Io, "<what>: <strerror(errno)>", path}: call right after the failing system call.
Error errnoError(const std::string& path, const std::string& what);

}  // namespace lb::io
