// Read-only memory mapping of a whole file. Large embeddings stay in the page cache and are viewed in
// place (no second copy); small files cost one mmap call. Move-only; unmaps on destruction.
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

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
};

}  // namespace lb
