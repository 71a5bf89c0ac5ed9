// Loading and saving spaces: the loaders and writers the CLI and the app use (core/io/).
#include "core/io/load_space.h"
#include "core/io/npy.h"
#include "core/io/vec.h"
#include "python/src/bindings.h"

#include <pybind11/stl.h>

namespace lb::py {

namespace {

// A read-only NumPy view of `data` kept valid by `owner` (the loaded space: a memory-mapped file or its buffers).
template <class T>
pyb::array viewOf(const T* data, std::vector<pyb::ssize_t> shape, const pyb::object& owner) {
    pyb::array a(pyb::dtype::of<T>(), std::move(shape), {}, data, owner);
    a.attr("setflags")(pyb::arg("write") = false);
    return a;
}

pyb::dict spaceDict(std::shared_ptr<LatentSpace> space) {
    // The capsule owns the space; every array below views it, so a float32 .npy stays memory-mapped, uncopied.
    auto* holder = new std::shared_ptr<LatentSpace>(space);
    pyb::capsule owner(holder, [](void* p) { delete static_cast<std::shared_ptr<LatentSpace>*>(p); });
    pyb::dict d;
    d["embeddings"] = viewOf(space->embeddings.data(), {space->n(), space->d()}, owner);
    d["labels"] = pyb::none();
    d["keys"] = pyb::none();
    d["label_names"] = pyb::none();
    d["texts"] = pyb::none();
    d["images"] = pyb::none();
    if (space->hasLabels()) d["labels"] = toNumpy(space->labels);
    if (space->hasKeys()) d["keys"] = pyb::cast(space->keys);
    if (!space->labelNames.empty()) d["label_names"] = pyb::cast(space->labelNames);
    if (!space->texts.empty()) d["texts"] = pyb::cast(space->texts);
    if (!space->images.empty())
        d["images"] =
            viewOf(space->images.pixels.data(), {space->n(), space->images.height, space->images.width}, owner);
    d["name"] = space->name;
    d["path"] = space->path;
    d["dtype"] = space->dtype;
    d["mapped"] = space->embeddings.isMapped();
    std::vector<std::string> warnings;
    for (const Warning& w : space->warnings) warnings.push_back(w.describe());
    d["warnings"] = warnings;
    return d;
}

Result<LatentSpace> loadChecked(const std::string& path, bool dropNonFinite) {
    LoadOptions options;
    options.dropNonFinite = dropNonFinite;
    Result<LatentSpace> loaded = loadSpace(path, options);
    if (!loaded || dropNonFinite) return loaded;
    // As the CLI: NaN/Inf rows would poison every mean and fit, so they are refused unless asked to drop them.
    const NonFiniteReport nf = nonFiniteRows(*loaded);
    if (nf.count > 0)
        return Error{
            ErrorCode::BadInput, describeNonFinite(nf) + "; pass drop_nonfinite=True to leave them out", path, {}};
    return loaded;
}

}  // namespace

void bindIo(pyb::module_& m) {
    m.def(
        "load",
        [](const std::string& path, bool dropNonFinite, const pyb::object& progress) {
            LatentSpace space =
                runJobFor<LatentSpace>(progress, [&](JobContext&) { return loadChecked(path, dropNonFinite); });
            return spaceDict(std::make_shared<LatentSpace>(std::move(space)));
        },
        pyb::arg("path"), pyb::arg("drop_nonfinite") = false, pyb::arg("progress") = pyb::none());
    m.def(
        "write_npy",
        [](const std::string& path, const pyb::handle& X) {
            const FloatMatrix f = asFloatMatrix(X, "embeddings", false, false);
            pyb::gil_scoped_release release;
            check(writeNpy(path, f.map));
        },
        pyb::arg("path"), pyb::arg("X"));
    m.def(
        "write_vec",
        [](const std::string& path, const pyb::handle& X, const std::vector<std::string>& keys) {
            const FloatMatrix f = asFloatMatrix(X, "embeddings", false, false);
            LatentSpace space;
            space.path = path;
            space.embeddings = Embeddings(f.map.data(), f.map.rows(), f.map.cols(), nullptr);
            space.keys = keys;
            pyb::gil_scoped_release release;
            check(writeVec(path, space));
        },
        pyb::arg("path"), pyb::arg("X"), pyb::arg("keys"));
}

}  // namespace lb::py
