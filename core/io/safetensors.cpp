#include "core/io/safetensors.h"

#include "core/io/byte_order.h"
#include "core/io/mapped_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lb {

using nlohmann::json;

namespace {
// The format's own limit on the header size; also bounds the JSON parser's work on hostile input.
constexpr uint64_t kMaxHeaderBytes = 100ull << 20;

struct DTypeInfo {
    const char* name;
    DType dtype;
    size_t size;
};
const DTypeInfo kDTypes[] = {
    {"BOOL", DType::Bool, 1},   {"I8", DType::Int8, 1},     {"I16", DType::Int16, 2},     {"I32", DType::Int32, 4},
    {"I64", DType::Int64, 8},   {"U8", DType::UInt8, 1},    {"U16", DType::UInt16, 2},    {"U32", DType::UInt32, 4},
    {"U64", DType::UInt64, 8},  {"F16", DType::Float16, 2}, {"BF16", DType::BFloat16, 2}, {"F32", DType::Float32, 4},
    {"F64", DType::Float64, 8},
};
const char* kKnownUnsupported[] = {"F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64", "C128"};
}  // namespace

static Result<NpyArray> parseTensor(const std::string& name, const json& t, const uint8_t* buffer, uint64_t bufferSize,
                                    const std::string& path) {
    const std::string where = "tensor '" + name + "'";
    if (!t.is_object() || !t.contains("dtype") || !t.contains("shape") || !t.contains("data_offsets"))
        return badInput(path, where + " needs 'dtype', 'shape' and 'data_offsets'");
    const json& dt = t["dtype"];
    const json& shape = t["shape"];
    const json& offsets = t["data_offsets"];
    if (!dt.is_string()) return badInput(path, where + ": 'dtype' must be a string");
    NpyArray a;
    a.path = path;
    a.name = name;
    const std::string dtype = dt.get<std::string>();
    bool known = false;
    for (const DTypeInfo& info : kDTypes)
        if (dtype == info.name) {
            a.dtype = info.dtype;
            a.itemSize = info.size;
            known = true;
        }
    if (!known) {
        for (const char* u : kKnownUnsupported)
            if (dtype == u)
                return Error{ErrorCode::Unsupported, where + ": dtype " + dtype + " is not supported", path, {}};
        return badInput(path, where + ": unknown dtype '" + dtype + "'");
    }
    if (!shape.is_array() || shape.size() > 32) return badInput(path, where + ": 'shape' must be an array of integers");
    uint64_t count = 1;
    for (const json& s : shape) {
        if (!s.is_number_unsigned()) return badInput(path, where + ": 'shape' must hold non-negative integers");
        a.shape.push_back(s.get<uint64_t>());
        if (io::mulOverflow(count, a.shape.back(), &count)) return badInput(path, where + ": 'shape' overflows");
    }
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
        return badInput(path, where + ": 'data_offsets' must be [begin, end]");
    const uint64_t begin = offsets[0].get<uint64_t>(), end = offsets[1].get<uint64_t>();
    if (begin > end || end > bufferSize)
        return badInput(
            path, where + ": data offsets lie beyond the end of the file",
            "[" + std::to_string(begin) + ", " + std::to_string(end) + "] of " + std::to_string(bufferSize));
    uint64_t bytes = 0;
    if (io::mulOverflow(count, a.itemSize, &bytes) || bytes != end - begin)
        return badInput(path, where + ": shape and data offsets disagree",
                        std::to_string(end - begin) + " bytes for " + std::to_string(count) + " elements of " + dtype);
    a.data = buffer + begin;
    return a;
}

Result<SafetensorsFile> parseSafetensors(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                         const std::string& path) {
    if (size == 0) return badInput(path, "empty file, expected a .safetensors file");
    if (size < 8) return badInput(path, "truncated .safetensors file (no header length)");
    const uint64_t headerLen = io::loadLE<uint64_t>(data);
    if (headerLen > size - 8)
        return badInput(path, "safetensors header length lies beyond the end of the file",
                        std::to_string(headerLen) + " bytes claimed, " + std::to_string(size - 8) + " present");
    if (headerLen > kMaxHeaderBytes) return badInput(path, "safetensors header larger than 100 MB");
    const json header = json::parse(data + 8, data + 8 + headerLen, nullptr, /*allow_exceptions=*/false);
    if (header.is_discarded()) return badInput(path, "invalid JSON in the safetensors header");
    if (!header.is_object()) return badInput(path, "the safetensors header must be a JSON object");
    SafetensorsFile file;
    file.path = path;
    const uint8_t* buffer = data + 8 + headerLen;
    const uint64_t bufferSize = size - 8 - headerLen;
    struct Range {
        uint64_t begin, end;
        std::string name;
    };
    std::vector<Range> ranges;
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__") {
            if (!it->is_object()) return badInput(path, "'__metadata__' must be an object of strings");
            for (auto m = it->begin(); m != it->end(); ++m) {
                if (!m->is_string()) return badInput(path, "'__metadata__' values must be strings", m.key());
                file.metadata[m.key()] = m->get<std::string>();
            }
            continue;
        }
        Result<NpyArray> t = parseTensor(it.key(), *it, buffer, bufferSize, path);
        if (!t) return t.error();
        t->keepAlive = keepAlive;
        const json& offsets = (*it)["data_offsets"];
        ranges.push_back({offsets[0].get<uint64_t>(), offsets[1].get<uint64_t>(), it.key()});
        file.tensors.emplace(it.key(), std::move(*t));
    }
    // The format's rule: the tensors' byte ranges tile the data buffer, no overlap and no gap (an overlap would let
    // two tensors share bytes; a gap hides data nobody declared).
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
    uint64_t covered = 0;
    for (const Range& r : ranges) {
        if (r.begin < covered) return badInput(path, "tensor '" + r.name + "' overlaps the bytes of another tensor");
        if (r.begin > covered) return badInput(path, "a gap of unused bytes before tensor '" + r.name + "'");
        covered = r.end;
    }
    if (covered != bufferSize) return badInput(path, "unused bytes after the last tensor");
    return file;
}

Result<SafetensorsFile> readSafetensorsFile(const std::string& path) {
    Result<std::shared_ptr<const MappedFile>> file = MappedFile::open(path);
    if (!file) return file.error();
    const std::shared_ptr<const MappedFile>& f = *file;
    return parseSafetensors(f->data(), f->size(), f, path);
}

// A metadata value holding a JSON array of strings ("[\"cat\", \"dog\"]").
static Status metadataStrings(const SafetensorsFile& f, const std::string& key, std::vector<std::string>& out) {
    const auto it = f.metadata.find(key);
    if (it == f.metadata.end()) return Status::ok();
    const json v = json::parse(it->second, nullptr, false);
    if (v.is_discarded() || !v.is_array())
        return badInput(f.path, "'__metadata__' entry '" + key + "' must be a JSON array of strings");
    for (const json& x : v) {
        if (!x.is_string())
            return badInput(f.path, "'__metadata__' entry '" + key + "' must be a JSON array of strings");
        out.push_back(x.get<std::string>());
    }
    return Status::ok();
}

static Result<LatentSpace> spaceFromSafetensors(const SafetensorsFile& f) {
    const auto emb = f.tensors.find("embeddings");
    if (emb == f.tensors.end()) return badInput(f.path, "no tensor named 'embeddings'");
    Result<Embeddings> embeddings = toEmbeddings(emb->second);
    if (!embeddings) return embeddings.error();
    LatentSpace s;
    s.path = f.path;
    s.dtype = dtypeName(emb->second.dtype);
    s.embeddings = std::move(*embeddings);
    if (emb->second.dtype != DType::Float32)
        s.warnings.push_back({s.dtype + " converted to float32", s.path, /*informational=*/true});
    if (const auto it = f.tensors.find("labels"); it != f.tensors.end()) {
        Result<std::vector<int32_t>> labels = toInt32Vector(it->second);
        if (!labels) return labels.error();
        s.labels = std::move(*labels);
    }
    if (const auto it = f.tensors.find("images"); it != f.tensors.end()) {
        Result<ImageStack> images = toImages(it->second);
        if (!images) return images.error();
        s.images = std::move(*images);
    }
    if (Status st = metadataStrings(f, "label_names", s.labelNames); !st) return st;
    if (Status st = metadataStrings(f, "keys", s.keys); !st) return st;
    if (Status st = metadataStrings(f, "texts", s.texts); !st) return st;
    for (const auto& [name, t] : f.tensors)
        if (name != "embeddings" && name != "labels" && name != "images")
            s.warnings.push_back({"tensor '" + name + "' ignored", s.path});
    return s;
}

Result<LatentSpace> loadSafetensorsSpace(const std::string& path) {
    Result<SafetensorsFile> f = readSafetensorsFile(path);
    if (!f) return f.error();
    return spaceFromSafetensors(*f);
}

Result<LatentSpace> loadSafetensorsSpace(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                         const std::string& path) {
    Result<SafetensorsFile> f = parseSafetensors(data, size, std::move(keepAlive), path);
    if (!f) return f.error();
    return spaceFromSafetensors(*f);
}

}  // namespace lb
