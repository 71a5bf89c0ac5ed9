#include "core/io/finish_space.h"

#include "core/space/display_name.h"

#include <filesystem>

namespace lb {

Result<LatentSpace> finishLoadedSpace(Result<LatentSpace> loaded, const std::string& path, const LoadOptions& options) {
    if (!loaded) return loaded;
    LatentSpace space = std::move(loaded).value();
    if (space.path.empty()) space.path = path;
    if (space.name.empty()) space.name = defaultSpaceName(path);
    // Validate before dropping: dropNonFiniteRows indexes the metadata by row and needs consistent lengths.
    if (Status s = validateSpace(space); !s) return s;
    reportOrDropNonFinite(space, options.dropNonFinite);
    if (Status s = validateSpace(space); !s) return s;  // e.g. every row was NaN
    return space;
}

}  // namespace lb
