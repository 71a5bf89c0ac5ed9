// Streams a float32 N x D matrix into a .npy file block by block, so a large result (N x K relative
// representations, N x D' translations) never has to exist in memory at once.
//
// Format: version 1.0 header (makeNpyHeader, '<f4', C order, fixed shape (N, D)), then the rows in order.
// The bytes go to a temporary file beside `path` ("<path>.tmpXXXXXX"), renamed over `path` by finish(); a
// writer destroyed before finish() (error, cancel) removes the temporary file, so `path` is either the old
// file or the complete new one. Move-only; one thread at a time.
#pragma once

#include "core/status.h"
#include "core/types.h"

#include <string>

namespace lb {

class NpyStreamWriter {
public:
    // Creates the temporary file and writes the header for shape (rows, cols). Errors: Io.
    static Result<NpyStreamWriter> open(const std::string& path, Index rows, Index cols);

    NpyStreamWriter(NpyStreamWriter&& other) noexcept;
    NpyStreamWriter& operator=(NpyStreamWriter&& other) noexcept;
    NpyStreamWriter(const NpyStreamWriter&) = delete;
    NpyStreamWriter& operator=(const NpyStreamWriter&) = delete;
    ~NpyStreamWriter();

    // Appends block (B x cols, any outer stride) after the rows written so far. Errors: InvalidArgument (wrong
    // width, more rows than announced), Io (disk full, ...).
    Status writeRows(const ConstRowMatrixRef& block);
    // Checks that all rows were written, flushes, fsyncs and renames over `path`. Errors: InvalidArgument, Io.
    Status finish();

private:
    NpyStreamWriter() = default;
    void discard();
    int m_fd = -1;
    std::string m_path, m_tmpPath;
    Index m_rows = 0, m_cols = 0, m_written = 0;
};

}  // namespace lb
