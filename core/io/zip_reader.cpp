#include "core/io/zip_reader.h"

#include "core/io/byte_order.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace lb {

using io::loadLE;

namespace {
constexpr uint32_t kEocdSig = 0x06054b50, kZip64LocatorSig = 0x07064b50, kZip64EocdSig = 0x06064b50;
constexpr uint32_t kCentralSig = 0x02014b50, kLocalSig = 0x04034b50;
constexpr size_t kEocdSize = 22, kCentralSize = 46, kLocalSize = 30;
// Deflate cannot expand less than ~1:1032 (a 258-byte match costs at least 2 bits), so a member claiming a
// larger ratio is lying; refusing it bounds what we allocate by what the file holds.
constexpr uint64_t kMaxDeflateRatio = 1032;
}  // namespace

static Error zipError(const std::string& path, const std::string& msg, const std::string& detail = {}) {
    return badInput(path, msg, detail);
}

Result<ZipArchive> ZipArchive::open(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                    std::string path) {
    ZipArchive z;
    z.m_data = data;
    z.m_size = size;
    z.m_keepAlive = std::move(keepAlive);
    z.m_path = std::move(path);
    if (size == 0) return zipError(z.m_path, "empty file, expected a zip archive (.npz)");
    if (size < kEocdSize) return zipError(z.m_path, "not a zip archive (too short)");
    // The end record sits in the last 22 + 65535 (max comment) bytes; search backwards for its signature.
    const size_t lowest = size - kEocdSize > 65535 ? size - kEocdSize - 65535 : 0;
    size_t eocd = std::numeric_limits<size_t>::max();
    for (size_t pos = size - kEocdSize + 1; pos-- > lowest;)
        if (loadLE<uint32_t>(data + pos) == kEocdSig) {
            eocd = pos;
            break;
        }
    if (eocd == std::numeric_limits<size_t>::max()) {
        if (size >= 4 && loadLE<uint32_t>(data) == kLocalSig)
            return zipError(z.m_path, "zip archive is cut short (no end of central directory)");
        return zipError(z.m_path, "not a zip archive (no end of central directory record)");
    }
    const uint8_t* e = data + eocd;
    if (loadLE<uint16_t>(e + 4) != 0 || loadLE<uint16_t>(e + 6) != 0)
        return Error{ErrorCode::Unsupported, "multi-disk zip archives are not supported", z.m_path, {}};
    uint64_t count = loadLE<uint16_t>(e + 10);
    uint64_t cdSize = loadLE<uint32_t>(e + 12);
    uint64_t cdOffset = loadLE<uint32_t>(e + 16);
    if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        if (eocd < 20 || loadLE<uint32_t>(data + eocd - 20) != kZip64LocatorSig)
            return zipError(z.m_path, "zip64 archive without its zip64 locator");
        const uint64_t z64 = loadLE<uint64_t>(data + eocd - 20 + 8);
        if (z64 > eocd - 20 || eocd - 20 - z64 < 56 || loadLE<uint32_t>(data + z64) != kZip64EocdSig)
            return zipError(z.m_path, "bad zip64 end of central directory offset", "offset " + std::to_string(z64));
        count = loadLE<uint64_t>(data + z64 + 32);
        cdSize = loadLE<uint64_t>(data + z64 + 40);
        cdOffset = loadLE<uint64_t>(data + z64 + 48);
    }
    if (cdOffset > eocd || cdSize > eocd - cdOffset)
        return zipError(z.m_path, "central directory lies outside the archive (cut short or bad offsets)",
                        "offset " + std::to_string(cdOffset) + ", size " + std::to_string(cdSize));
    if (count > cdSize / kCentralSize) return zipError(z.m_path, "central directory is too small for its entry count");
    if (Status s = z.readDirectory(cdOffset, cdSize, count); !s) return s;
    return z;
}

// Applies the zip64 extra field (id 1): 8-byte values for each 32-bit field that was saturated.
static bool applyZip64Extra(const uint8_t* extra, size_t len, ZipEntry& entry, bool needSize, bool needComp,
                            bool needOffset) {
    size_t pos = 0;
    while (pos + 4 <= len) {
        const uint16_t id = loadLE<uint16_t>(extra + pos), fieldLen = loadLE<uint16_t>(extra + pos + 2);
        pos += 4;
        if (fieldLen > len - pos) return false;
        if (id == 1) {
            size_t at = pos;
            const size_t end = pos + fieldLen;
            auto take = [&](uint64_t& v) {
                if (at + 8 > end) return false;
                v = loadLE<uint64_t>(extra + at);
                at += 8;
                return true;
            };
            if (needSize && !take(entry.size)) return false;
            if (needComp && !take(entry.compressedSize)) return false;
            if (needOffset && !take(entry.localHeaderOffset)) return false;
            return true;
        }
        pos += fieldLen;
    }
    return !(needSize || needComp || needOffset);
}

Status ZipArchive::readDirectory(uint64_t cdOffset, uint64_t cdSize, uint64_t count) {
    m_entries.reserve(static_cast<size_t>(count));
    size_t pos = static_cast<size_t>(cdOffset);
    const size_t end = static_cast<size_t>(cdOffset + cdSize);
    for (uint64_t k = 0; k < count; ++k) {
        const std::string where = "central directory entry " + std::to_string(k);
        if (end - pos < kCentralSize || loadLE<uint32_t>(m_data + pos) != kCentralSig)
            return zipError(m_path, "corrupt zip central directory", where);
        const uint8_t* c = m_data + pos;
        ZipEntry entry;
        entry.flags = loadLE<uint16_t>(c + 8);
        entry.method = loadLE<uint16_t>(c + 10);
        entry.crc32 = loadLE<uint32_t>(c + 16);
        entry.compressedSize = loadLE<uint32_t>(c + 20);
        entry.size = loadLE<uint32_t>(c + 24);
        const size_t nameLen = loadLE<uint16_t>(c + 28), extraLen = loadLE<uint16_t>(c + 30),
                     commentLen = loadLE<uint16_t>(c + 32);
        entry.localHeaderOffset = loadLE<uint32_t>(c + 42);
        if (end - pos - kCentralSize < nameLen + extraLen + commentLen)
            return zipError(m_path, "corrupt zip central directory (entry overruns it)", where);
        entry.name.assign(reinterpret_cast<const char*>(c + kCentralSize), nameLen);
        if (!applyZip64Extra(c + kCentralSize + nameLen, extraLen, entry, entry.size == 0xFFFFFFFF,
                             entry.compressedSize == 0xFFFFFFFF, entry.localHeaderOffset == 0xFFFFFFFF))
            return zipError(m_path, "corrupt zip64 extra field", where);
        m_entries.push_back(std::move(entry));
        pos += kCentralSize + nameLen + extraLen + commentLen;
    }
    return Status::ok();
}

const ZipEntry* ZipArchive::find(const std::string& name) const {
    for (const ZipEntry& e : m_entries)
        if (e.name == name) return &e;
    return nullptr;
}

static uint32_t crcOf(const uint8_t* p, size_t n) {
    return static_cast<uint32_t>(::crc32_z(0L, p, n));
}

Result<ZipMember> ZipArchive::read(const ZipEntry& entry) const {
    const std::string where = "member '" + entry.name + "'";
    if (entry.flags & 1) return Error{ErrorCode::Unsupported, "encrypted zip members are not supported", m_path, where};
    if (entry.method != 0 && entry.method != 8)
        return Error{ErrorCode::Unsupported,
                     "zip compression method " + std::to_string(entry.method) + " is not supported", m_path, where};
    const uint64_t off = entry.localHeaderOffset;
    if (off > m_size || m_size - off < kLocalSize || loadLE<uint32_t>(m_data + off) != kLocalSig)
        return zipError(m_path, "bad local header offset in zip archive", where);
    const uint64_t dataStart =
        off + kLocalSize + loadLE<uint16_t>(m_data + off + 26) + loadLE<uint16_t>(m_data + off + 28);
    if (dataStart > m_size || entry.compressedSize > m_size - dataStart)
        return zipError(m_path, "zip member data lies beyond the end of the archive (cut short?)", where);
    const uint8_t* src = m_data + dataStart;
    if (entry.method == 8) return inflateMember(entry, src);
    if (entry.compressedSize != entry.size)
        return zipError(m_path, "stored zip member with different compressed and uncompressed sizes", where);
    if (entry.size <= kMaxCheckedStoredBytes && crcOf(src, static_cast<size_t>(entry.size)) != entry.crc32)
        return zipError(m_path, "CRC-32 mismatch in zip member", where);
    return ZipMember{src, static_cast<size_t>(entry.size), m_keepAlive};
}

Result<ZipMember> ZipArchive::inflateMember(const ZipEntry& entry, const uint8_t* src) const {
    const std::string where = "member '" + entry.name + "'";
    uint64_t limit = 0;
    if (io::mulOverflow(entry.compressedSize, kMaxDeflateRatio, &limit) || entry.size > limit + 64)
        return zipError(m_path, "zip member claims an impossible compression ratio", where);
    // The output grows as bytes arrive (doubling, capped at the declared size): a member that declares a gigabyte
    // but holds a megabyte costs a few megabytes before it is refused, not the gigabyte.
    auto buffer = std::make_shared<std::vector<uint8_t>>();
    constexpr uint64_t kFirstBytes = 1u << 20;
    buffer->resize(
        static_cast<size_t>(std::min<uint64_t>(entry.size, std::max(kFirstBytes, entry.compressedSize * 4))));
    z_stream zs{};
    if (inflateInit2(&zs, -15) != Z_OK) return Error{ErrorCode::Io, "zlib initialisation failed", m_path, where};
    // zlib counts in uInt (32 bits): feed input and output in chunks so members above 4 GB work.
    constexpr uint64_t kChunk = 1u << 30;
    uint64_t inLeft = entry.compressedSize;
    const uint8_t* in = src;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (zs.avail_in == 0 && inLeft > 0) {
            zs.next_in = const_cast<Bytef*>(in);
            zs.avail_in = static_cast<uInt>(std::min(inLeft, kChunk));
            in += zs.avail_in;
            inLeft -= zs.avail_in;
        }
        if (zs.avail_out == 0) {
            const uint64_t produced = zs.total_out;
            if (produced == buffer->size() && buffer->size() < entry.size)
                buffer->resize(static_cast<size_t>(std::min<uint64_t>(entry.size, 2 * buffer->size())));
            zs.next_out = buffer->data() + produced;
            zs.avail_out = static_cast<uInt>(std::min<uint64_t>(buffer->size() - produced, kChunk));
        }
        // With no room left, inflate reports Z_BUF_ERROR: the member is larger than it claims.
        rc = inflate(&zs, Z_NO_FLUSH);
    }
    const uint64_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != entry.size || produced != buffer->size())
        return zipError(
            m_path, rc == Z_STREAM_END ? "zip member is shorter than declared" : "corrupt deflate data in zip member",
            where);
    if (crcOf(buffer->data(), buffer->size()) != entry.crc32)
        return zipError(m_path, "CRC-32 mismatch in zip member", where);
    const uint8_t* p = buffer->data();
    return ZipMember{p, buffer->size(), std::move(buffer)};
}

}  // namespace lb
