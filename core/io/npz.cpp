#include "core/io/npz.h"

#include "core/io/mapped_file.h"
#include "core/io/npy.h"
#include "core/io/npz_roles.h"

namespace lb {

static std::string arrayName(const std::string& member) {
    const std::string suffix = ".npy";
    if (member.size() > suffix.size() && member.compare(member.size() - suffix.size(), suffix.size(), suffix) == 0)
        return member.substr(0, member.size() - suffix.size());
    return member;
}

Result<NpzFile> NpzFile::open(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                              const std::string& path) {
    Result<ZipArchive> zip = ZipArchive::open(data, size, std::move(keepAlive), path);
    if (!zip) return zip.error();
    return NpzFile(std::move(*zip));
}

Result<NpzFile> NpzFile::openFile(const std::string& path) {
    Result<std::shared_ptr<const MappedFile>> file = MappedFile::open(path);
    if (!file) return file.error();
    const std::shared_ptr<const MappedFile>& f = *file;
    return open(f->data(), f->size(), f, path);
}

std::vector<std::string> NpzFile::names() const {
    std::vector<std::string> out;
    for (const ZipEntry& e : m_zip.entries()) out.push_back(arrayName(e.name));
    return out;
}

const ZipEntry* NpzFile::findEntry(const std::string& name) const {
    if (const ZipEntry* e = m_zip.find(name + ".npy")) return e;
    return m_zip.find(name);
}

Result<NpyArray> NpzFile::array(const std::string& name) const {
    const ZipEntry* entry = findEntry(name);
    if (!entry) return badInput(path(), "no array '" + name + "' in the archive");
    Result<ZipMember> member = m_zip.read(*entry);
    if (!member) return member.error();
    Result<NpyArray> a = parseNpy(member->data, member->size, member->keepAlive, path(), name);
    if (!a) {
        Error e = a.error();
        e.message = "array '" + name + "': " + e.message;
        return e;
    }
    return a;
}

// Reads an optional array with `convert` into `out` when the archive has it.
template <class T, class Convert>
static Status readOptional(const NpzFile& npz, const std::string& name, T& out, Convert convert) {
    if (name.empty() || !npz.has(name)) return Status::ok();
    Result<NpyArray> a = npz.array(name);
    if (!a) return a.error();
    auto converted = convert(*a);
    if (!converted) return converted.error();
    out = std::move(*converted);
    return Status::ok();
}

static Result<LatentSpace> spaceFromNpz(const NpzFile& npz) {
    Result<NpzRoles> roles = assignNpzRoles(npz.names(), npz.path());
    if (!roles) return roles.error();
    Result<NpyArray> emb = npz.array(roles->embeddings);
    if (!emb) return emb.error();
    Result<Embeddings> embeddings = toEmbeddings(*emb);
    if (!embeddings) return embeddings.error();
    LatentSpace s;
    s.path = npz.path();
    s.dtype = dtypeName(emb->dtype);
    s.embeddings = std::move(*embeddings);
    if (emb->dtype != DType::Float32)
        s.warnings.push_back({s.dtype + " converted to float32", s.path, /*informational=*/true});
    if (Status st = readOptional(npz, roles->labels, s.labels, toInt32Vector); !st) return st;
    if (Status st = readOptional(npz, roles->keys, s.keys, toStrings); !st) return st;
    if (Status st = readOptional(npz, roles->labelNames, s.labelNames, toStrings); !st) return st;
    if (Status st = readOptional(npz, roles->texts, s.texts, toStrings); !st) return st;
    if (Status st = readOptional(npz, roles->images, s.images, toImages); !st) return st;
    for (const std::string& n : roles->ignored) s.warnings.push_back({"array '" + n + "' ignored", s.path});
    return s;
}

Result<LatentSpace> loadNpzSpace(const std::string& path) {
    Result<NpzFile> npz = NpzFile::openFile(path);
    if (!npz) return npz.error();
    return spaceFromNpz(*npz);
}

Result<LatentSpace> loadNpzSpace(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                 const std::string& path) {
    Result<NpzFile> npz = NpzFile::open(data, size, std::move(keepAlive), path);
    if (!npz) return npz.error();
    return spaceFromNpz(*npz);
}

}  // namespace lb
