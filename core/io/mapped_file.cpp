#include "core/io/mapped_file.h"

#include "core/io/file_reader.h"

#include <cerrno>
#include <cstring>
#include <sys/mman.h>

namespace lb {

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::string& path) {
    Result<ReadableFile> fd = openForReading(path);
    if (!fd) return fd.error();
    std::shared_ptr<MappedFile> file(new MappedFile());
    file->m_path = path;
    file->m_size = static_cast<size_t>(fd->size());
    if (file->m_size > 0) {
        void* p = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd->fd(), 0);
        if (p == MAP_FAILED) return Error{ErrorCode::Io, std::string("cannot map file: ") + std::strerror(errno), path, {}};
        // Embeddings are read front to back (validation, GEMM panels): let the kernel read ahead.
        ::madvise(p, file->m_size, MADV_SEQUENTIAL);
        file->m_data = static_cast<const uint8_t*>(p);
    }
    return std::shared_ptr<const MappedFile>(std::move(file));  // the mapping keeps its own reference to the file
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

}  // namespace lb
