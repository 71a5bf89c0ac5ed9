#include "core/io/posix_write.h"

#include <unistd.h>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace lb::io {

bool writeAll(int fd, const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

Error errnoError(const std::string& path, const std::string& what) {
    return Error{ErrorCode::Io, what + ": " + std::strerror(errno), path, {}};
}

}  // namespace lb::io
