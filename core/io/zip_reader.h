// A minimal read-only zip reader for .npz archives, working over bytes already in memory (a MappedFile).
//
// Reads the end-of-central-directory record (and its zip64 twin), the central directory (with zip64 extra
// fields, which NumPy writes for its members) and each member's local header. Stored members are returned
// as views into the archive bytes (zero copy); deflated members are inflated with zlib into an owned buffer.
// Every offset and size is checked against the archive size before use; a declared uncompressed size
// beyond deflate's maximum ratio (~1032:1) is refused before allocating. CRC-32 is verified for deflated
// members and for stored members up to kMaxCheckedStoredBytes (larger stored members are mapped, not read).
// Encrypted members, multi-disk archives and methods other than store/deflate are refused (Unsupported).
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lb {

struct ZipEntry {
    std::string name;
    uint16_t method = 0;  // 0 stored, 8 deflated
    uint16_t flags = 0;
    uint32_t crc32 = 0;
    uint64_t compressedSize = 0;
    uint64_t size = 0;  // uncompressed
    uint64_t localHeaderOffset = 0;
};

// The bytes of one member: `data` stays valid while `keepAlive` lives.
struct ZipMember {
    const uint8_t* data = nullptr;
    size_t size = 0;
    std::shared_ptr<const void> keepAlive;
};

class ZipArchive {
   public:
    static constexpr uint64_t kMaxCheckedStoredBytes = 64ull << 20;

    // Parses the directory of the archive [data, data + size). `keepAlive` owns those bytes (may be null
    // when the caller keeps them alive); `path` labels errors. O(central directory). Errors: BadInput
    // (not a zip, cut short, bad offsets), Unsupported (encryption, multi-disk). Pure; any thread.
    static Result<ZipArchive> open(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                   std::string path);

    const std::vector<ZipEntry>& entries() const { return m_entries; }
    // First entry called `name`, or nullptr.
    const ZipEntry* find(const std::string& name) const;
    // The uncompressed bytes of `entry` (view or inflated copy, see above). Errors: BadInput, Unsupported.
    Result<ZipMember> read(const ZipEntry& entry) const;
    const std::string& path() const { return m_path; }

   private:
    Status readDirectory(uint64_t cdOffset, uint64_t cdSize, uint64_t count);
    Result<ZipMember> inflateMember(const ZipEntry& entry, const uint8_t* src) const;

    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
    std::shared_ptr<const void> m_keepAlive;
    std::string m_path;
    std::vector<ZipEntry> m_entries;
};

}  // namespace lb
