#include "core/io/file_role.h"

#include "core/io/file_reader.h"
#include "core/io/npy.h"
#include "core/io/npz.h"
#include "core/io/npz_roles.h"
#include "core/io/safetensors.h"
#include "core/session/session_file.h"

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace lb {

namespace fs = std::filesystem;

namespace {

constexpr uint64_t kMaxSessionBytes = uint64_t{16} << 20;

std::string lowerExtension(const fs::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

FileRoleGuess companion(std::string reason) {
    return {FileRole::Companion, std::move(reason)};
}
FileRoleGuess unreadable(std::string reason) {
    return {FileRole::Unreadable, std::move(reason)};
}

// The first `limit` bytes of a text file ("" when it cannot be read).
std::string readPrefix(const std::string& path, size_t limit) {
    Result<ReadableFile> f = openForReading(path);
    if (!f) return {};
    std::string bytes(static_cast<size_t>(std::min<uint64_t>(f->size(), limit)), '\0');
    size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t r = ::read(f->fd(), bytes.data() + got, bytes.size() - got);
        if (r <= 0) break;
        got += static_cast<size_t>(r);
    }
    bytes.resize(got);
    return bytes;
}

std::vector<std::string> splitFields(const std::string& line, const char* separators) {
    std::vector<std::string> fields;
    size_t start = line.find_first_not_of(separators);
    while (start != std::string::npos) {
        const size_t end = line.find_first_of(separators, start);
        fields.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? end : line.find_first_not_of(separators, end);
    }
    return fields;
}

bool isNumber(const std::string& s) {
    if (s.empty()) return false;
    char* end = nullptr;
    std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size();
}

std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

FileRoleGuess guessNpy(const std::string& path) {
    Result<NpyArray> a = readNpyFile(path);
    if (!a) return unreadable(a.error().message);
    if (a->rank() == 2) {
        if (isFloatType(a->dtype) || isIntegerType(a->dtype)) return {FileRole::Space, {}};
        return companion(std::string("2-D ") + dtypeName(a->dtype) + ", not embeddings");
    }
    if (a->rank() == 1) {
        const bool strings = a->dtype == DType::Unicode || a->dtype == DType::Bytes;
        return companion(std::string("1-D array of ") + std::to_string(a->shape[0]) +
                         (strings ? " strings (keys or texts)" : " values (labels)"));
    }
    if (a->rank() == 3 && a->dtype == DType::UInt8) return companion("image stack (thumbnails)");
    return companion(std::to_string(a->rank()) + "-D array, not N x D embeddings");
}

FileRoleGuess guessNpz(const std::string& path) {
    Result<NpzFile> npz = NpzFile::openFile(path);
    if (!npz) return unreadable(npz.error().message);
    const std::vector<std::string> names = npz->names();
    const auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    if (has("weight") && has("bias") && !has("embeddings")) return companion("linear head (Stitching panel)");
    Result<NpzRoles> roles = assignNpzRoles(names, path);
    if (!roles) return unreadable(roles.error().message);
    return {FileRole::Space, {}};
}

FileRoleGuess guessSafetensors(const std::string& path) {
    Result<SafetensorsFile> f = readSafetensorsFile(path);
    if (!f) return unreadable(f.error().message);
    const auto format = f->metadata.find("format");
    if (format != f->metadata.end() && format->second == "latentbridge-translator")
        return companion("saved translator");
    if (f->tensors.count("weight") && f->tensors.count("bias") && !f->tensors.count("embeddings"))
        return companion("linear head (Stitching panel)");
    return {FileRole::Space, {}};
}

FileRoleGuess guessJson(const fs::path& p, const std::vector<std::string>& siblings) {
    // emb.npy.json or emb.json beside emb.npy: the sidecar npy_sidecar.h reads with emb.npy.
    const std::string name = p.filename().string();
    const std::string stem = p.stem().string();
    for (const std::string& candidate : {stem, stem + ".npy"}) {
        if (lowerExtension(candidate) != ".npy") continue;
        if (std::find(siblings.begin(), siblings.end(), candidate) != siblings.end())
            return companion("sidecar of " + candidate);
    }
    // A session is a small JSON object listing "spaces" (session_file.h); anything larger is data.
    Result<std::string> text = readWholeFile(p.string(), kMaxSessionBytes, "a session");
    if (!text) return companion("JSON, not a session");
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return unreadable("not valid JSON");
    const bool session = j.is_object() && (j.contains("spaces") || j.value("format", std::string()) == kSessionFormat);
    if (session) return {FileRole::Session, {}};
    return companion("JSON, not a session (no \"spaces\")");
}

FileRoleGuess guessTsv(const std::string& path) {
    const std::string line = firstLine(readPrefix(path, 64 * 1024));
    const std::vector<std::string> fields = splitFields(line, "\t");
    if (fields.empty()) return unreadable("empty");
    const bool numeric = std::all_of(fields.begin(), fields.end(), isNumber);
    // The projector's tensors file is rows of numbers; its metadata is one label column or a header of names.
    if (numeric && fields.size() >= 2) return {FileRole::Space, {}};
    return companion("projector metadata");
}

FileRoleGuess guessWord2vecText(const std::string& path) {
    const std::string text = readPrefix(path, 64 * 1024);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const std::vector<std::string> fields = splitFields(line, " \t\r");
        if (fields.empty()) continue;
        // "N D" header, or "word v1 v2 ...": word2vec text. One token per line: a list of names.
        if (fields.size() == 1) return companion("one name per line (anchors or keys)");
        return {FileRole::Space, {}};
    }
    return unreadable("empty");
}

}  // namespace

FileRoleGuess guessFileRole(const std::string& path, const std::vector<std::string>& siblings) {
    const fs::path p(path);
    const std::string ext = lowerExtension(p);
    if (ext == ".npy") return guessNpy(path);
    if (ext == ".npz") return guessNpz(path);
    if (ext == ".safetensors") return guessSafetensors(path);
    if (ext == ".json") return guessJson(p, siblings);
    if (ext == ".tsv") return guessTsv(path);
    if (ext == ".vec" || ext == ".txt") return guessWord2vecText(path);
    if (ext == ".bin") return {FileRole::Space, {}};
    return {FileRole::Other, "not a format latentbridge reads"};
}

}  // namespace lb
