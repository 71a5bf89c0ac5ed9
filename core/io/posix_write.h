// Small POSIX helpers shared by the writers that create files atomically (write a temporary file beside the
// target, fsync, rename): the .npy writer and the streaming .npy writer.
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
