#include "core/io/npz_writer.h"

#include "core/io/atomic_file.h"
#include "core/io/npy.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <set>

namespace lb {

namespace {

void putLE16(std::string& out, uint32_t v) {
    out += static_cast<char>(v & 0xFFu);
    out += static_cast<char>((v >> 8) & 0xFFu);
}

void putLE32(std::string& out, uint32_t v) {
    putLE16(out, v & 0xFFFFu);
    putLE16(out, v >> 16);
}

// UTF-8 → code points; false on a malformed sequence (overlong forms and surrogates included).
bool decodeUtf8(const std::string& s, std::vector<uint32_t>& out) {
    out.clear();
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
        for (size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c >> 6) != 0x2) return false;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        static const uint32_t kMinimum[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMinimum[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.push_back(cp);
        i += len;
    }
    return true;
}

// The DOS date/time fields of a zip entry: 1980-01-01 00:00, so the archive's bytes depend on its content only.
constexpr uint32_t kDosTime = 0, kDosDate = (1u << 5) | 1u;

}  // namespace

std::string npyBytes(const ConstRowMatrixRef& matrix) {
    std::string out =
        makeNpyHeader("<f4", {static_cast<uint64_t>(matrix.rows()), static_cast<uint64_t>(matrix.cols())});
    const size_t rowBytes = static_cast<size_t>(matrix.cols()) * sizeof(float);
    // Row by row: a Ref over a column block has an outer stride.
    for (Index r = 0; r < matrix.rows(); ++r) out.append(reinterpret_cast<const char*>(matrix.row(r).data()), rowBytes);
    return out;
}

std::string npyBytes(const std::vector<int32_t>& values) {
    std::string out = makeNpyHeader("<i4", {static_cast<uint64_t>(values.size())});
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(int32_t));
    return out;
}

Result<std::string> npyBytes(const std::vector<std::string>& strings) {
    std::vector<std::vector<uint32_t>> decoded(strings.size());
    size_t width = 1;
    for (size_t i = 0; i < strings.size(); ++i) {
        if (!decodeUtf8(strings[i], decoded[i]))
            return Error{ErrorCode::BadInput, "string " + std::to_string(i) + " is not valid UTF-8", "", ""};
        width = std::max(width, decoded[i].size());
    }
    std::string out = makeNpyHeader("<U" + std::to_string(width), {static_cast<uint64_t>(strings.size())});
    for (const std::vector<uint32_t>& s : decoded)
        for (size_t k = 0; k < width; ++k) putLE32(out, k < s.size() ? s[k] : 0u);
    return out;
}

Status writeNpz(const std::string& path, const std::vector<NpzMember>& members) {
    if (members.empty()) return Status(invalidArgument(path + ": an .npz needs at least one array"));
    if (members.size() > 0xFFFFu) return Status(invalidArgument(path + ": more than 65535 arrays"));
    std::set<std::string> names;
    uint64_t total = 22;  // end of central directory
    for (const NpzMember& m : members) {
        if (m.name.empty() || !names.insert(m.name).second)
            return Status(invalidArgument(path + ": array name '" + m.name + "' is empty or repeated"));
        total += 2 * (30 + m.name.size() + 4) + 16 + m.npy.size();
    }
    if (total > std::numeric_limits<uint32_t>::max())
        return Status(invalidArgument(path + ": more than 4 GiB; write a .npy instead"));
    // Each member goes to the file as it is framed (no second copy of the arrays); the directory follows.
    Result<io::AtomicFileWriter> w = io::AtomicFileWriter::open(path);
    if (!w) return w.status();
    std::string directory;
    uint64_t offset = 0;
    for (const NpzMember& m : members) {
        const std::string file = m.name + ".npy";
        const auto crc = static_cast<uint32_t>(
            ::crc32_z(0L, reinterpret_cast<const Bytef*>(m.npy.data()), static_cast<z_size_t>(m.npy.size())));
        const auto size = static_cast<uint32_t>(m.npy.size());
        // Local file header: version 2.0, no flags, method 0 (stored).
        std::string local;
        putLE32(local, 0x04034b50u);
        putLE16(local, 20), putLE16(local, 0), putLE16(local, 0), putLE16(local, kDosTime), putLE16(local, kDosDate);
        putLE32(local, crc), putLE32(local, size), putLE32(local, size);
        putLE16(local, static_cast<uint32_t>(file.size())), putLE16(local, 0);
        local += file;
        if (Status st = w->write(local.data(), local.size()); !st) return st;
        if (Status st = w->write(m.npy.data(), m.npy.size()); !st) return st;
        // Central directory entry for the same member.
        putLE32(directory, 0x02014b50u);
        putLE16(directory, 20), putLE16(directory, 20), putLE16(directory, 0), putLE16(directory, 0);
        putLE16(directory, kDosTime), putLE16(directory, kDosDate);
        putLE32(directory, crc), putLE32(directory, size), putLE32(directory, size);
        putLE16(directory, static_cast<uint32_t>(file.size()));
        putLE16(directory, 0), putLE16(directory, 0), putLE16(directory, 0), putLE16(directory, 0);
        putLE32(directory, 0), putLE32(directory, static_cast<uint32_t>(offset));
        directory += file;
        offset += local.size() + m.npy.size();
    }
    const auto directorySize = static_cast<uint32_t>(directory.size());
    putLE32(directory, 0x06054b50u);
    putLE16(directory, 0), putLE16(directory, 0);
    putLE16(directory, static_cast<uint32_t>(members.size())),
        putLE16(directory, static_cast<uint32_t>(members.size()));
    putLE32(directory, directorySize), putLE32(directory, static_cast<uint32_t>(offset));
    putLE16(directory, 0);
    if (Status st = w->write(directory.data(), directory.size()); !st) return st;
    return w->commit();
}

Status writeNpzSpace(const std::string& path, const ConstRowMatrixRef& embeddings, const std::vector<std::string>& keys,
                     const std::vector<int32_t>& labels, const std::vector<std::string>& labelNames) {
    std::vector<NpzMember> members{{"embeddings", npyBytes(embeddings)}};
    if (!labels.empty()) members.push_back({"labels", npyBytes(labels)});
    for (const auto& [name, strings] : {std::pair{"keys", &keys}, std::pair{"label_names", &labelNames}}) {
        if (strings->empty()) continue;
        Result<std::string> bytes = npyBytes(*strings);
        if (!bytes)
            return Status(Error{bytes.error().code, std::string(name) + ": " + bytes.error().message, path, ""});
        members.push_back({name, std::move(*bytes)});
    }
    return writeNpz(path, members);
}

}  // namespace lb
