// The one way latentbridge opens a file for reading. Every loader, sidecar, session, anchor, head and metadata
// reader goes through openForReading (MappedFile::open included), so a hostile path is refused the same way
// everywhere, with a message naming the file:
//  - opened non-blocking: a FIFO or a socket never hangs the app or the CLI;
//  - fstat'ed: anything but a regular file is refused and named ("is a directory", "is a FIFO (named pipe)",
//    "is a character device" such as /dev/zero or /dev/urandom);
//  - bounded: a caller reading a whole small file (a sidecar, a keys list) says how large it may be, so
//    reading never runs away with memory.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <string>

namespace lb {

// An open read-only file descriptor; closes on destruction. Move-only.
class ReadableFile {
   public:
    ReadableFile() = default;
    ReadableFile(ReadableFile&& other) noexcept;
    ReadableFile& operator=(ReadableFile&& other) noexcept;
    ReadableFile(const ReadableFile&) = delete;
    ReadableFile& operator=(const ReadableFile&) = delete;
    ~ReadableFile();

    int fd() const { return m_fd; }
    uint64_t size() const { return m_size; }
    const std::string& path() const { return m_path; }

   private:
    friend Result<ReadableFile> openForReading(const std::string& path);
    int m_fd = -1;
    uint64_t m_size = 0;
    std::string m_path;
};

// Opens `path` for reading as described above. Errors: Io naming the file (missing, permission, not a regular
// file: what it is).
Result<ReadableFile> openForReading(const std::string& path);

// The whole file as bytes, refused when it holds more than maxBytes (`what` names it in the message: "a keys
// file"). Errors: those of openForReading, BadInput (too large), Io (read failure).
Result<std::string> readWholeFile(const std::string& path, uint64_t maxBytes, const std::string& what);

// Size bounds for the small files around the embeddings: generous for real use, far below what would hurt.
constexpr uint64_t kMaxSessionFileBytes = uint64_t{256} << 20;  // 256 MB: anchors and history of millions of keys
constexpr uint64_t kMaxSidecarBytes = uint64_t{256} << 20;      // a JSON sidecar with inline texts
// A per-row text file (keys, texts, label names) of `rows` entries: 64 KB a row, and at least 1 MB.
uint64_t maxTextFileBytes(int64_t rows);

}  // namespace lb
