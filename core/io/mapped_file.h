// Read-only memory mapping of a whole file. Large embeddings stay in the page cache and are viewed in
// place (no second copy); small files cost one mmap call. Move-only; unmaps on destruction.
//
// A mapped file can change underneath: a training script re-saving an open .npy with np.save truncates and
// rewrites the same file. Reading a page past the new end raises SIGBUS, which would kill the process. Every live
// mapping is registered with a SIGBUS handler that, for a fault inside a mapping, maps zero pages over the rest of
// it and records the file as truncated, so the read goes on (with zeros) instead of dying; callers then ask
// truncatedMappedFiles() and refuse the results (the CLI) or offer to reload the file (the app). A fault anywhere
// else is handled as before the handler existed (the default action).
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lb {

class MappedFile {
   public:
    // Maps `path` read-only, opened by openForReading (file_reader.h). An empty file yields a valid MappedFile of
    // size 0 (loaders then refuse it with their own message). Errors: Io (missing file, permission, not a regular
    // file: what it is).
    static Result<std::shared_ptr<const MappedFile>> open(const std::string& path);

    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }
    const std::string& path() const { return m_path; }

   private:
    MappedFile() = default;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    std::string m_path;
    int m_slot = -1;  // its entry in the SIGBUS handler's registry (-1: not registered)
};

// Paths of the mapped files that were found truncated while mapped since the process started (a read past their
// new end). Any thread.
std::vector<std::string> truncatedMappedFiles();

// What identifies a file's content on disk, to notice a file replaced or rewritten since it was opened.
struct FileIdentity {
    uint64_t device = 0, inode = 0, size = 0;
    int64_t modifiedNs = 0;
    bool operator==(const FileIdentity& o) const {
        return device == o.device && inode == o.inode && size == o.size && modifiedNs == o.modifiedNs;
    }
    bool operator!=(const FileIdentity& o) const { return !(*this == o); }
};
// The identity of `path` now; a missing file gives an all-zero identity.
FileIdentity fileIdentity(const std::string& path);

}  // namespace lb
