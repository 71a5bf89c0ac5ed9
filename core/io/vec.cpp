#include "core/io/vec.h"

#include "core/io/atomic_file.h"
#include "core/io/mapped_file.h"
#include "core/io/text_scan.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <string_view>

namespace lb {

using textscan::LineReader;

namespace {

struct VecShape {
    bool hasHeader = false;
    uint64_t n = 0;
    uint64_t d = 0;
};

// Splits off the word: everything up to the first space or tab.
std::string_view splitWord(std::string_view line, std::string_view& rest) {
    size_t i = 0;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    rest = line.substr(i);
    return line.substr(0, i);
}

// Reads the first line: "N D" (two unsigned integers) is a header; "word v1 ... vD" means no header.
Result<VecShape> readShape(const char* data, size_t size, const std::string& name) {
    LineReader lines(data, size);
    std::string_view first;
    lines.next(first);
    if (textscan::isBlankLine(first))
        return badInput(name, textscan::lineMessage(1, "empty first line (expected \"N D\")"));
    std::string_view tokens[3];
    size_t count = 0;
    for (size_t i = 0; i < first.size() && count < 3;) {
        while (i < first.size() && textscan::isBlank(first[i])) ++i;
        const size_t start = i;
        while (i < first.size() && !textscan::isBlank(first[i])) ++i;
        if (i > start) tokens[count++] = first.substr(start, i - start);
    }
    VecShape shape;
    if (count == 2 && textscan::parseUnsigned(tokens[0], shape.n) && textscan::parseUnsigned(tokens[1], shape.d)) {
        shape.hasHeader = true;
        if (shape.n == 0 || shape.d == 0)
            return badInput(name, textscan::lineMessage(1, "header \"" + std::string(first) + "\" announces no data"));
    } else if (count < 2) {
        return badInput(name, textscan::lineMessage(1, "expected a header \"N D\" or a row \"word v1 ... vD\", found " +
                                                           textscan::quoteToken(first)));
    } else {
        // GloVe-style file without header: D from the first row, N = non-blank lines.
        std::string_view rest;
        splitWord(first, rest);
        const textscan::FieldsParse f = textscan::parseBlankSeparated(rest, nullptr, 0);
        shape.d = f.count;
        shape.n = textscan::countNonBlankLines(data, size);
    }
    return shape;
}

}  // namespace

Result<LatentSpace> parseVec(const char* data, size_t size, const std::string& displayName,
                             const LoadOptions& options) {
    const std::string& name = displayName;
    if (size == 0) return badInput(name, "empty file");
    Result<VecShape> shapeOr = readShape(data, size, name);
    if (!shapeOr) return shapeOr.error();
    const VecShape shape = *shapeOr;

    // A row takes at least 2*D + 1 bytes (a one-byte word, then a separator and a digit per value): refuse a
    // lying header before allocating anything.
    uint64_t minBytes = 0;
    const bool fits =
        shape.d <= size && !textscan::mulOverflows(shape.n, 2 * shape.d + 1, minBytes) && minBytes <= size;
    if (!fits && shape.hasHeader)
        return badInput(name, "header claims " + std::to_string(shape.n) + " x " + std::to_string(shape.d) +
                                  " values, more than a file of " + std::to_string(size) + " bytes can hold");
    // Without a header the shape comes from the rows; if it cannot fit, some row is ragged and the pass
    // below (storing nothing) reports it.
    RowMatrixXf matrix;
    std::vector<std::string> words;
    if (fits) {
        matrix.resize(static_cast<Index>(shape.n), static_cast<Index>(shape.d));
        words.reserve(std::min<uint64_t>(shape.n, size / 16));  // grows past that only as rows are read
    }
    const size_t d = shape.d;

    LineReader lines(data, size);
    std::string_view line;
    if (shape.hasHeader) lines.next(line);
    uint64_t row = 0;
    size_t firstBlankLine = 0;  // blank lines are fine only at the end of the file
    while (lines.next(line)) {
        if (textscan::isBlankLine(line)) {
            if (firstBlankLine == 0) firstBlankLine = lines.lineNumber();
            continue;
        }
        const size_t lineNo = lines.lineNumber();
        if (firstBlankLine != 0)
            return badInput(name, textscan::lineMessage(firstBlankLine, "blank line between rows"));
        if (row == shape.n)
            return badInput(name, textscan::lineMessage(lineNo, "more rows than the " + std::to_string(shape.n) +
                                                                    " announced by the header"));
        std::string_view rest;
        const std::string_view word = splitWord(line, rest);
        if (word.empty())
            return badInput(name, textscan::lineMessage(lineNo, "row starts with a blank instead of a word"));
        float* out = fits ? matrix.data() + row * d : nullptr;
        const textscan::FieldsParse f = textscan::parseBlankSeparated(rest, out, d);
        if (!f.ok)
            return badInput(name, textscan::lineMessage(lineNo, "non-numeric value " + textscan::quoteToken(f.bad)));
        if (f.count != d)
            return badInput(
                name, textscan::lineMessage(lineNo, "expected " + std::to_string(d) + " values after the word, found " +
                                                        std::to_string(f.count)));
        if (fits) words.emplace_back(word);
        ++row;
    }
    if (row < shape.n)
        return badInput(
            name, "header announces " + std::to_string(shape.n) + " rows but the file has only " + std::to_string(row));
    if (!fits) return badInput(name, "rows do not match the shape of the first row");  // unreachable in theory

    LatentSpace space;
    space.name = std::filesystem::path(displayName).stem().string();
    space.path = displayName;
    space.dtype = "text";
    space.embeddings = Embeddings(std::move(matrix));
    space.texts = words;
    space.keys = std::move(words);
    return textscan::finishTextSpace(std::move(space), options);
}

Result<LatentSpace> loadVec(const std::string& path, const LoadOptions& options) {
    Result<std::shared_ptr<const MappedFile>> file = MappedFile::open(path);
    if (!file) return file.error();
    const MappedFile& f = **file;
    return parseVec(reinterpret_cast<const char*>(f.data()), f.size(), path, options);
}

// [SECTION] writer

static bool validWord(const std::string& w) {
    return !w.empty() && w.find_first_of(" \t\r\n") == std::string::npos;
}

Status writeVec(const std::string& path, const LatentSpace& space) {
    if (!space.hasKeys()) return invalidArgument("writeVec needs keys (the words) for every row");
    for (const std::string& key : space.keys)
        if (!validWord(key))
            return invalidArgument("writeVec: key " + textscan::quoteToken(key) +
                                   " is empty or holds a space, tab or line break");
    Result<io::AtomicFileWriter> out = io::AtomicFileWriter::open(path);
    if (!out) return out.status();
    const ConstRowMatrixMap X = space.embeddings.view();
    std::string buf = std::to_string(X.rows()) + " " + std::to_string(X.cols()) + "\n";
    char num[64];
    for (Index i = 0; i < X.rows(); ++i) {
        buf += space.keys[static_cast<size_t>(i)];
        buf += ' ';
        for (Index j = 0; j < X.cols(); ++j) {
            const std::to_chars_result r = std::to_chars(num, num + sizeof(num), X(i, j));
            buf.append(num, r.ptr);
            buf += ' ';
        }
        buf += '\n';
        if (buf.size() > (1u << 20)) {
            if (Status st = out->write(buf.data(), buf.size()); !st) return st;
            buf.clear();
        }
    }
    if (Status st = out->write(buf.data(), buf.size()); !st) return st;
    return out->commit();
}

}  // namespace lb
