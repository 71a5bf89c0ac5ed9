#include "core/io/projector_tsv.h"

#include "core/io/mapped_file.h"
#include "core/io/projector_metadata.h"
#include "core/io/text_scan.h"

#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace lb {

using textscan::LineReader;

static bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> projectorMetadataCandidates(const std::string& tensorsPath) {
    const fs::path p(tensorsPath);
    const fs::path dir = p.parent_path();
    const std::string file = p.filename().string();
    const std::string stem = p.stem().string();
    std::vector<std::string> out;
    if (file == "tensors.tsv" || file == "vectors.tsv") out.push_back((dir / "metadata.tsv").string());
    if (endsWith(stem, "_tensors")) out.push_back((dir / (stem.substr(0, stem.size() - 8) + "_metadata.tsv")).string());
    if (file == "vecs.tsv") out.push_back((dir / "meta.tsv").string());
    out.push_back((dir / (stem + "_metadata.tsv")).string());
    out.push_back((dir / (stem + ".metadata.tsv")).string());
    return out;
}

// Parses the tensor rows into `out` (N x D, or null when the shape cannot fit the file: the pass then only
// looks for the ragged row that must exist). Returns the number of rows read.
static Result<size_t> parseRows(const TextBuffer& t, size_t d, float* out, size_t n) {
    LineReader lines(t.data, t.size);
    std::string_view line;
    size_t row = 0;
    size_t firstBlankLine = 0;
    while (lines.next(line)) {
        if (textscan::isBlankLine(line)) {
            if (firstBlankLine == 0) firstBlankLine = lines.lineNumber();
            continue;
        }
        const size_t lineNo = lines.lineNumber();
        if (firstBlankLine != 0)
            return badInput(t.name, textscan::lineMessage(firstBlankLine, "blank line between rows"));
        const textscan::FieldsParse f = textscan::parseTabSeparated(line, out ? out + row * d : nullptr, d);
        if (!f.ok) {
            std::string msg = "non-numeric value " + textscan::quoteToken(f.bad);
            if (lineNo == 1) msg += " (tensors.tsv has no header row)";
            return badInput(t.name, textscan::lineMessage(lineNo, msg));
        }
        if (f.count != d)
            return badInput(t.name, textscan::lineMessage(lineNo, "expected " + std::to_string(d) +
                                                                      " tab-separated values (as on the "
                                                                      "first row), found " +
                                                                      std::to_string(f.count)));
        if (++row > n) break;  // cannot happen: n counts the non-blank lines
    }
    return row;
}

Result<LatentSpace> parseProjectorTsv(const TextBuffer& tensors, const TextBuffer* metadata,
                                      const LoadOptions& options) {
    const std::string& name = tensors.name;
    if (tensors.size == 0) return badInput(name, "empty file");
    LineReader lines(tensors.data, tensors.size);
    std::string_view first;
    lines.next(first);
    if (textscan::isBlankLine(first)) return badInput(name, textscan::lineMessage(1, "empty first line"));
    const textscan::FieldsParse firstRow = textscan::parseTabSeparated(first, nullptr, 0);
    const size_t d = firstRow.ok ? firstRow.count : 1;  // a bad first row is reported by parseRows
    const size_t n = textscan::countNonBlankLines(tensors.data, tensors.size);

    // Each value takes at least one character and one separator; if N x D cannot fit, a row is ragged.
    uint64_t values = 0;
    const bool fits = !textscan::mulOverflows(n, d, values) && values <= tensors.size / 2 + 1;
    RowMatrixXf matrix;
    if (fits) matrix.resize(static_cast<Index>(n), static_cast<Index>(d));
    Result<size_t> rows = parseRows(tensors, d, fits ? matrix.data() : nullptr, n);
    if (!rows) return rows.error();
    if (!fits || *rows != n) return badInput(name, "rows do not match the shape of the first row");

    LatentSpace space;
    space.name = fs::path(name).stem().string();
    space.path = name;
    space.dtype = "text";
    space.embeddings = Embeddings(std::move(matrix));
    if (metadata) {
        const Status s = applyProjectorMetadata(metadata->data, metadata->size, metadata->name, space);
        if (!s) return s.error();
    }
    return textscan::finishTextSpace(std::move(space), options);
}

Result<LatentSpace> loadProjectorTsv(const std::string& path, const LoadOptions& options) {
    const std::string file = fs::path(path).filename().string();
    if (endsWith(file, "metadata.tsv") || file == "meta.tsv")
        return badInput(path, "this is a projector metadata file; open the tensors file beside it");
    Result<std::shared_ptr<const MappedFile>> tensorFile = MappedFile::open(path);
    if (!tensorFile) return tensorFile.error();
    const TextBuffer tensors{reinterpret_cast<const char*>((*tensorFile)->data()), (*tensorFile)->size(), path};

    for (const std::string& candidate : projectorMetadataCandidates(path)) {
        std::error_code ec;
        if (!fs::is_regular_file(candidate, ec)) continue;
        Result<std::shared_ptr<const MappedFile>> metaFile = MappedFile::open(candidate);
        if (!metaFile) return metaFile.error();
        const TextBuffer meta{reinterpret_cast<const char*>((*metaFile)->data()), (*metaFile)->size(), candidate};
        return parseProjectorTsv(tensors, &meta, options);
    }
    return parseProjectorTsv(tensors, nullptr, options);
}

}  // namespace lb
