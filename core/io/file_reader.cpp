#include "core/io/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lb {

ReadableFile::ReadableFile(ReadableFile&& other) noexcept
    : m_fd(other.m_fd), m_size(other.m_size), m_path(std::move(other.m_path)) {
    other.m_fd = -1;
}

ReadableFile& ReadableFile::operator=(ReadableFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        m_size = other.m_size;
        m_path = std::move(other.m_path);
        other.m_fd = -1;
    }
    return *this;
}

ReadableFile::~ReadableFile() {
    if (m_fd >= 0) ::close(m_fd);
}

namespace {

const char* kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "is a directory, not a file";
    if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(mode)) return "is a character device (like /dev/zero), not a regular file";
    if (S_ISBLK(mode)) return "is a block device, not a regular file";
    if (S_ISSOCK(mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

}  // namespace

Result<ReadableFile> openForReading(const std::string& path) {
    // O_NONBLOCK: opening a FIFO for reading blocks until a writer appears; non-blocking it returns at once and
    // fstat then says what it is. Regular files ignore the flag.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return Error{ErrorCode::Io, std::strerror(errno), path, {}};
    ReadableFile file;
    file.m_fd = fd;
    file.m_path = path;
    struct stat st {};
    if (::fstat(fd, &st) != 0) return Error{ErrorCode::Io, std::strerror(errno), path, {}};
    if (!S_ISREG(st.st_mode)) return Error{ErrorCode::Io, kindOf(st.st_mode), path, {}};
    file.m_size = static_cast<uint64_t>(st.st_size);
    return file;
}

Result<std::string> readWholeFile(const std::string& path, uint64_t maxBytes, const std::string& what) {
    Result<ReadableFile> file = openForReading(path);
    if (!file) return file.error();
    if (file->size() > maxBytes)
        return badInput(path, what + " of " + std::to_string(file->size()) + " bytes is larger than the " +
                                  std::to_string(maxBytes) + " bytes such a file may have");
    std::string bytes(static_cast<size_t>(file->size()), '\0');
    size_t done = 0;
    // The size fstat gave bounds the read: a file that grows while it is read is cut there, never followed.
    while (done < bytes.size()) {
        const ssize_t n = ::read(file->fd(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{ErrorCode::Io, std::string("cannot read: ") + std::strerror(errno), path, {}};
        if (n == 0) break;  // it shrank: what is there
        done += static_cast<size_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

uint64_t maxTextFileBytes(int64_t rows) {
    return std::max<uint64_t>(uint64_t{1} << 20,
                              static_cast<uint64_t>(std::max<int64_t>(rows, 0)) * (uint64_t{64} << 10));
}

}  // namespace lb
