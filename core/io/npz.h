// .npz archives (np.savez / np.savez_compressed): a zip of .npy members named "<array>.npy".
//
// A latentbridge .npz holds:
//   embeddings   N x D float16/float32/float64   required
//   labels       N ints (bool/int8..int64/uint8..uint64, must fit int32)   optional
//   keys         N unique strings ('<U')          optional; rows are matched across spaces by key
//   label_names  C strings                        optional
//   texts        N strings                        optional
//   images       N x h x w uint8                  optional
// Common other names (arr_0, features, feats, x, y, targets, ids, ...) are accepted: core/io/npz_roles.h.
// Other members are ignored with a warning. With np.savez (stored members) a float32 embeddings member
// whose data happens to be 4-byte aligned in the file is viewed in place; otherwise it is copied once.
#pragma once

#include "core/io/npy_array.h"
#include "core/io/zip_reader.h"
#include "core/space/latent_space.h"

#include <memory>
#include <string>
#include <vector>

namespace lb {

class NpzFile {
   public:
    // Parses the zip directory of [data, data + size) (see ZipArchive::open).
    static Result<NpzFile> open(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                const std::string& path);
    // Memory-maps `path` and parses its directory. Errors: Io, BadInput, Unsupported.
    static Result<NpzFile> openFile(const std::string& path);

    // Array names (member names without ".npy").
    std::vector<std::string> names() const;
    bool has(const std::string& name) const { return findEntry(name) != nullptr; }
    // Reads and parses member "<name>.npy" (inflating it when deflated). Errors: BadInput (missing or
    // malformed), Unsupported (object arrays, ...). O(member bytes).
    Result<NpyArray> array(const std::string& name) const;
    const std::string& path() const { return m_zip.path(); }

   private:
    explicit NpzFile(ZipArchive zip) : m_zip(std::move(zip)) {}
    const ZipEntry* findEntry(const std::string& name) const;
    ZipArchive m_zip;
};

// Reads a latentbridge .npz (layout above) as a LatentSpace; loadSpace validates it afterwards.
Result<LatentSpace> loadNpzSpace(const std::string& path);
// Same from bytes in memory (fuzzing, archives inside archives). `keepAlive` owns the bytes or is null.
Result<LatentSpace> loadNpzSpace(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                 const std::string& path);

}  // namespace lb
