// Anchor files: one key (or 0-based row index when the space has no keys) per line.

#include "core/relative/anchor_selection.h"

#include "core/io/atomic_file.h"
#include "core/io/file_reader.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace lb {

static std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    const size_t a = s.find_first_not_of(ws);
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(ws) - a + 1);
}

static Error lineError(const std::string& path, size_t line, const std::string& message) {
    return badInput(path, message, "line " + std::to_string(line));
}

// A row index: digits only, below n.
static bool parseRowIndex(const std::string& text, Index n, Index& out) {
    if (text.empty() || text.size() > 18) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    out = static_cast<Index>(std::strtoll(text.c_str(), nullptr, 10));
    return out < n;
}

Result<std::vector<Index>> readAnchorFile(const std::string& path, const LatentSpace& space) {
    Result<std::string> text = readWholeFile(path, maxTextFileBytes(space.n()), "an anchor file");
    if (!text) return text.error();
    std::istringstream in(*text);
    std::unordered_map<std::string, Index> rowOfKey;
    if (space.hasKeys())
        for (size_t i = 0; i < space.keys.size(); ++i) rowOfKey.emplace(space.keys[i], static_cast<Index>(i));
    std::unordered_map<Index, size_t> lineOfRow;
    std::vector<Index> rows;
    std::string raw;
    size_t lineNo = 0;
    while (std::getline(in, raw)) {
        ++lineNo;
        const std::string item = trim(raw);
        if (item.empty() || item[0] == '#') continue;
        Index row = -1;
        if (space.hasKeys()) {
            const auto it = rowOfKey.find(item);
            if (it == rowOfKey.end())
                return lineError(path, lineNo, "anchor key '" + item + "' not found in " + space.path);
            row = it->second;
        } else if (!parseRowIndex(item, space.n(), row)) {
            return lineError(path, lineNo,
                             "'" + item + "' is not a row index in [0, " + std::to_string(space.n()) + ") of " +
                                 space.path + " (the space has no keys)");
        }
        const auto [it, inserted] = lineOfRow.emplace(row, lineNo);
        if (!inserted)
            return lineError(path, lineNo,
                             "duplicate anchor '" + item + "' (first on line " + std::to_string(it->second) + ")");
        rows.push_back(row);
    }
    if (in.bad()) return Error{ErrorCode::Io, "read error", path, {}};
    if (rows.empty()) return badInput(path, "anchor file lists no anchors");
    return rows;
}

// Keys that the reader would change or skip cannot be written faithfully.
static bool roundTrips(const std::string& key) {
    return !key.empty() && key[0] != '#' && trim(key) == key && key.find('\n') == std::string::npos &&
           key.find('\r') == std::string::npos;
}

Result<std::string> formatAnchorFile(const LatentSpace& space, const std::vector<Index>& rows) {
    std::string text;
    for (Index r : rows) {
        if (r < 0 || r >= space.n())
            return invalidArgument("anchor row " + std::to_string(r) + " is outside [0, " + std::to_string(space.n()) +
                                   ")");
        if (!space.hasKeys()) {
            text += std::to_string(r) + "\n";
            continue;
        }
        const std::string& key = space.keys[static_cast<size_t>(r)];
        if (!roundTrips(key))
            return invalidArgument("key of row " + std::to_string(r) + " cannot be written on one line");
        text += key + "\n";
    }
    return text;
}

Status writeAnchorFile(const std::string& path, const LatentSpace& space, const std::vector<Index>& rows) {
    Result<std::string> text = formatAnchorFile(space, rows);
    if (!text) return text.error();
    return io::writeFileAtomic(path, *text);
}

}  // namespace lb
