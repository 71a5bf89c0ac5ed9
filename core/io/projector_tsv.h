// TensorBoard embedding projector files: tensors.tsv (+ optional metadata.tsv, see projector_metadata.h).
//
// tensors.tsv: no header, one row per sample, D decimal floats separated by single tabs (what
// np.savetxt(path, X, delimiter="\t") writes). CRLF, a trailing tab, blanks around a cell, a missing
// final newline and blank lines at the very end are accepted.
// Refused (BadInput, message names the file and the 1-based line): empty file, a row with another number
// of cells than the first (ragged), a non-numeric or empty cell (e.g. a header row), blank lines between
// rows, a metadata file whose row count differs from N.
// Metadata is looked for in the tensor file's folder (first existing wins):
//   tensors.tsv / vectors.tsv -> metadata.tsv
//   <prefix>_tensors.tsv      -> <prefix>_metadata.tsv
//   vecs.tsv                  -> meta.tsv
//   <stem>.tsv                -> <stem>_metadata.tsv, then <stem>.metadata.tsv
// Opening a metadata file itself is refused with a hint to open the tensors file.
// Result: N x D float32 owned embeddings, dtype "text", name = tensor file stem.
// Cost: two passes over the bytes (count lines, parse), one N x D allocation. Pure; any thread.
#pragma once

#include "core/io/load_space.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lb {

// A file's bytes and the name that stands for it in messages.
struct TextBuffer {
    const char* data = nullptr;
    size_t size = 0;
    std::string name;
};

// Maps `path` (and its metadata file when one exists) and parses them. Errors: Io, BadInput.
Result<LatentSpace> loadProjectorTsv(const std::string& path, const LoadOptions& options = {});

// Parses tensors (and metadata when not null) from memory. Name and path come from tensors.name.
Result<LatentSpace> parseProjectorTsv(const TextBuffer& tensors, const TextBuffer* metadata,
                                      const LoadOptions& options = {});

// The metadata files looked for beside `tensorsPath`, in order (they need not exist).
std::vector<std::string> projectorMetadataCandidates(const std::string& tensorsPath);

}  // namespace lb
