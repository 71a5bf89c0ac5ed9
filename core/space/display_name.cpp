#include "core/space/display_name.h"

#include <algorithm>
#include <filesystem>

namespace lb {

std::string defaultSpaceName(const std::string& path) {
    const std::filesystem::path p(path);
    const std::string stem = p.stem().string();
    if (p.extension() == ".tsv" && stem == "tensors") {
        const std::string folder = p.parent_path().filename().string();
        if (!folder.empty() && folder != "." && folder != "..") return folder;
    }
    return stem;
}

std::string uniqueDisplayName(const std::string& name, const std::vector<std::string>& taken) {
    const auto isTaken = [&](const std::string& n) { return std::find(taken.begin(), taken.end(), n) != taken.end(); };
    if (!isTaken(name)) return name;
    for (size_t k = 2;; ++k) {
        std::string candidate = name + " (" + std::to_string(k) + ")";
        if (!isTaken(candidate)) return candidate;
    }
}

std::string shortenMiddle(const std::string& name, size_t maxChars) {
    maxChars = std::max<size_t>(maxChars, 5);
    // Byte offsets where each UTF-8 character starts (continuation bytes are 10xxxxxx).
    std::vector<size_t> starts;
    for (size_t i = 0; i < name.size(); ++i)
        if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) starts.push_back(i);
    if (starts.size() <= maxChars) return name;
    const size_t keep = maxChars - 3;  // characters kept around "..."
    const size_t head = (keep + 1) / 2, tail = keep / 2;
    return name.substr(0, starts[head]) + "..." + name.substr(starts[starts.size() - tail]);
}

}  // namespace lb
