#include "core/io/npz_roles.h"

#include <algorithm>

namespace lb {

namespace {

struct Field {
    const char* canonical;
    std::vector<const char*> aliases;  // names other tools commonly use for the same data
    std::string NpzRoles::*slot;
};

const std::vector<Field>& fields() {
    static const std::vector<Field> all = {
        {"embeddings", {"embedding", "features", "feats", "emb", "x", "X", "arr_0"}, &NpzRoles::embeddings},
        {"labels", {"label", "targets", "target", "y"}, &NpzRoles::labels},
        {"keys", {"key", "ids", "id"}, &NpzRoles::keys},
        {"label_names", {"classes", "class_names"}, &NpzRoles::labelNames},
        {"texts", {"text"}, &NpzRoles::texts},
        {"images", {}, &NpzRoles::images},
    };
    return all;
}

bool contains(const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}

}  // namespace

Result<NpzRoles> assignNpzRoles(const std::vector<std::string>& names, const std::string& path) {
    NpzRoles roles;
    std::vector<std::string> claimed;
    for (const Field& f : fields()) {
        std::string chosen;
        if (contains(names, f.canonical)) {
            chosen = f.canonical;
        } else {
            std::vector<std::string> found;
            for (const char* a : f.aliases)
                if (contains(names, a)) found.push_back(a);
            if (found.size() > 1)
                return badInput(path, "arrays " + quotedList(found) + " could each be the " + f.canonical,
                                "save the one you mean as '" + std::string(f.canonical) + "'");
            if (!found.empty()) chosen = found.front();
        }
        roles.*(f.slot) = chosen;
        if (!chosen.empty()) claimed.push_back(chosen);
    }
    if (roles.embeddings.empty())
        return badInput(path, "no embeddings array in the archive",
                        "found: " + (names.empty() ? std::string("nothing") : quotedList(names)) +
                            "; save the N x D array as 'embeddings'");
    for (const std::string& n : names)
        if (!contains(claimed, n)) roles.ignored.push_back(n);
    return roles;
}

}  // namespace lb
