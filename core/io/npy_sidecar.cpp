#include "core/io/npy_sidecar.h"

#include "core/io/file_reader.h"

#include "core/io/npy.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <limits>

namespace lb {

namespace fs = std::filesystem;
using nlohmann::json;

std::string findNpySidecar(const std::string& npyPath) {
    std::error_code ec;
    const std::string direct = npyPath + ".json";
    if (fs::is_regular_file(direct, ec)) return direct;
    const std::string beside = fs::path(npyPath).replace_extension(".json").string();
    if (beside != npyPath && fs::is_regular_file(beside, ec)) return beside;
    return {};
}

// One entry per line; a trailing newline does not make an extra entry; "\r\n" endings are accepted.
static std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

namespace {

// Reads the fields of one sidecar; every error names the sidecar, or the referenced file when it is at fault.
class SidecarReader {
   public:
    SidecarReader(std::string sidecar) : m_sidecar(std::move(sidecar)), m_dir(fs::path(m_sidecar).parent_path()) {}

    Status read(LatentSpace& s) {
        m_rows = s.n();
        Result<std::string> text = readWholeFile(m_sidecar, kMaxSidecarBytes, "a sidecar");
        if (!text) return text.error();
        const json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
        if (doc.is_discarded()) return badInput(m_sidecar, "invalid JSON in the sidecar file");
        if (!doc.is_object()) return badInput(m_sidecar, "the sidecar must be a JSON object");
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            const std::string& key = it.key();
            Status st = Status::ok();
            if (key == "name")
                st = readName(*it, s.name);
            else if (key == "labels")
                st = readLabels(*it, s.labels);
            else if (key == "keys")
                st = readStrings(key, *it, s.keys);
            else if (key == "texts")
                st = readStrings(key, *it, s.texts);
            else if (key == "label_names")
                st = readStrings(key, *it, s.labelNames);
            else if (key == "images")
                st = readImages(*it, s.images);
            else
                s.warnings.push_back({"sidecar key '" + key + "' ignored", m_sidecar});
            if (!st) return st;
        }
        return Status::ok();
    }

   private:
    Error wrongType(const std::string& key, const char* expected) const {
        return badInput(m_sidecar, "sidecar key '" + key + "' must be " + expected, key);
    }
    std::string resolve(const std::string& rel) const { return (m_dir / rel).string(); }
    // An error about a file the sidecar points to, saying which field of which sidecar named it.
    Error namedBy(Error e, const std::string& key) const {
        e.message += " (named by '" + key + "' in " + m_sidecar + ")";
        return e;
    }
    Index m_rows = 0;  // N of the space the sidecar describes: bounds the size of its text files

    Status readName(const json& v, std::string& name) const {
        if (!v.is_string()) return wrongType("name", "a string");
        name = v.get<std::string>();
        return Status::ok();
    }

    Status readLabels(const json& v, std::vector<int32_t>& labels) const {
        if (v.is_string()) {
            Result<NpyArray> a = readNpyFile(resolve(v.get<std::string>()));
            if (!a) return namedBy(a.error(), "labels");
            Result<std::vector<int32_t>> values = toInt32Vector(*a);
            if (!values) return values.error();
            labels = std::move(*values);
            return Status::ok();
        }
        if (!v.is_array()) return wrongType("labels", "a .npy path or an array of integers");
        labels.reserve(v.size());
        for (const json& x : v) {
            if (!x.is_number_integer()) return wrongType("labels", "an array of integers");
            const auto value = x.get<int64_t>();
            if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max())
                return wrongType("labels", "an array of int32 values");
            labels.push_back(static_cast<int32_t>(value));
        }
        return Status::ok();
    }

    Status readStrings(const std::string& key, const json& v, std::vector<std::string>& out) const {
        if (v.is_string()) {
            const std::string file = resolve(v.get<std::string>());
            if (fs::path(file).extension() == ".npy") {
                Result<NpyArray> a = readNpyFile(file);
                if (!a) return namedBy(a.error(), key);
                Result<std::vector<std::string>> values = toStrings(*a);
                if (!values) return values.error();
                out = std::move(*values);
                return Status::ok();
            }
            Result<std::string> text = readWholeFile(file, maxTextFileBytes(m_rows), "a '" + key + "' file");
            if (!text) return namedBy(text.error(), key);
            out = splitLines(*text);
            return Status::ok();
        }
        if (!v.is_array()) return wrongType(key, "a file path or an array of strings");
        out.reserve(v.size());
        for (const json& x : v) {
            if (!x.is_string()) return wrongType(key, "an array of strings");
            out.push_back(x.get<std::string>());
        }
        return Status::ok();
    }

    Status readImages(const json& v, ImageStack& images) const {
        if (!v.is_string()) return wrongType("images", "a path to an N x h x w uint8 .npy");
        Result<NpyArray> a = readNpyFile(resolve(v.get<std::string>()));
        if (!a) return namedBy(a.error(), "images");
        Result<ImageStack> stack = toImages(*a);
        if (!stack) return stack.error();
        images = std::move(*stack);
        return Status::ok();
    }

    std::string m_sidecar;
    fs::path m_dir;
};

}  // namespace

Result<LatentSpace> loadNpySpace(const std::string& path) {
    Result<NpyArray> array = readNpyFile(path);
    if (!array) return array.error();
    Result<Embeddings> emb = toEmbeddings(*array);
    if (!emb) return emb.error();
    LatentSpace s;
    s.path = path;
    s.dtype = dtypeName(array->dtype);
    s.embeddings = std::move(*emb);
    if (array->dtype != DType::Float32)
        s.warnings.push_back({s.dtype + " converted to float32", path, /*informational=*/true});
    const std::string sidecar = findNpySidecar(path);
    if (!sidecar.empty())
        if (Status st = SidecarReader(sidecar).read(s); !st) return st;
    return s;
}

}  // namespace lb
