#include "core/io/projector_metadata.h"

#include "core/io/text_scan.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

namespace lb {

namespace {

constexpr uint64_t kMaxIntegerLabel = 1000000;

std::vector<std::string_view> splitTabs(std::string_view line) {
    std::vector<std::string_view> cells;
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find('\t', start);
        cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) return cells;
        start = tab + 1;
    }
}

std::string lowerTrimmed(std::string_view s) {
    while (!s.empty() && textscan::isBlank(s.front())) s.remove_prefix(1);
    while (!s.empty() && textscan::isBlank(s.back())) s.remove_suffix(1);
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Integers as class ids when all entries are small non-negative integers, else sorted distinct names.
void toLabels(const std::vector<std::string>& entries, LatentSpace& space) {
    std::vector<int32_t> ids(entries.size());
    bool integers = true;
    for (size_t i = 0; i < entries.size() && integers; ++i) {
        uint64_t v = 0;
        integers = textscan::parseUnsigned(entries[i], v) && v < kMaxIntegerLabel;
        ids[i] = static_cast<int32_t>(v);
    }
    if (integers) {
        space.labels = std::move(ids);
        return;
    }
    std::map<std::string, int32_t> names;  // sorted: class ids do not depend on row order
    for (const std::string& e : entries) names.emplace(e, 0);
    int32_t next = 0;
    space.labelNames.clear();
    for (auto& [nameStr, id] : names) {
        id = next++;
        space.labelNames.push_back(nameStr);
    }
    space.labels.resize(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) space.labels[i] = names[entries[i]];
}

bool allDistinct(const std::vector<std::string>& entries) {
    std::unordered_set<std::string_view> seen;
    seen.reserve(entries.size());
    for (const std::string& e : entries)
        if (!seen.insert(e).second) return false;
    return true;
}

Status countMismatch(const std::string& name, size_t rows, const LatentSpace& space) {
    return badInput(name,
                    "metadata has " + std::to_string(rows) + " rows but the tensors have " + std::to_string(space.n()));
}

}  // namespace

Status applyProjectorMetadata(const char* data, size_t size, const std::string& displayName, LatentSpace& space) {
    const std::string& name = displayName;
    std::vector<std::string_view> lines;
    textscan::LineReader reader(data, size);
    std::string_view line;
    while (reader.next(line)) lines.push_back(line);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    if (lines.empty()) return badInput(name, "empty metadata file");
    const size_t n = static_cast<size_t>(space.n());

    const std::vector<std::string_view> header = splitTabs(lines[0]);
    if (header.size() == 1) {
        // Single column: no header, one entry per line.
        for (size_t i = 0; i < lines.size(); ++i)
            if (lines[i].find('\t') != std::string_view::npos)
                return badInput(name, "line " + std::to_string(i + 1) + ": tab in a single-column metadata file");
        if (lines.size() != n) return countMismatch(name, lines.size(), space);
        std::vector<std::string> entries(lines.begin(), lines.end());
        if (allDistinct(entries))
            space.keys = std::move(entries);
        else
            toLabels(entries, space);
        return Status::ok();
    }

    if (lines.size() - 1 != n) return countMismatch(name, lines.size() - 1, space);
    enum Role { None, Label, Key, Text };
    std::vector<Role> roles(header.size(), None);
    bool used[4] = {true, false, false, false};
    std::string ignored;
    for (size_t c = 0; c < header.size(); ++c) {
        const std::string h = lowerTrimmed(header[c]);
        Role r = None;
        if (h == "label" || h == "class") r = Label;
        if (h == "key" || h == "id" || h == "word") r = Key;
        if (h == "text") r = Text;
        if (!used[r]) {
            roles[c] = r;
            used[r] = true;
        } else {
            ignored += (ignored.empty() ? "" : ", ") + textscan::quoteToken(header[c]);
        }
    }
    std::vector<std::vector<std::string>> columns(4);
    for (size_t i = 1; i < lines.size(); ++i) {
        const std::vector<std::string_view> cells = splitTabs(lines[i]);
        if (cells.size() != header.size())
            return badInput(name, "line " + std::to_string(i + 1) + ": expected " + std::to_string(header.size()) +
                                      " tab-separated cells (as in the header), found " + std::to_string(cells.size()));
        for (size_t c = 0; c < cells.size(); ++c)
            if (roles[c] != None) columns[roles[c]].emplace_back(cells[c]);
    }
    if (used[Label]) toLabels(columns[Label], space);
    if (used[Key]) {
        // Checked here so the message names the metadata file, where the duplicate is (validateSpace would name
        // the tensors file).
        std::unordered_set<std::string_view> seen;
        for (size_t i = 0; i < columns[Key].size(); ++i)
            if (!seen.insert(columns[Key][i]).second)
                return badInput(name, "duplicate key \"" + columns[Key][i] + "\" in the key column",
                                "line " + std::to_string(i + 2));
        space.keys = std::move(columns[Key]);
    }
    if (used[Text]) space.texts = std::move(columns[Text]);
    if (!ignored.empty()) space.warnings.push_back({"metadata columns ignored: " + ignored, name});
    return Status::ok();
}

}  // namespace lb
