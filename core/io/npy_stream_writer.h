// Streams a float32 N x D matrix into a .npy file block by block, so a large result (N x K relative
// representations, N x D' translations) never has to exist in memory at once.
//
// Format: version 1.0 header (makeNpyHeader, '<f4', C order, fixed shape (N, D)), then the rows in order.
// The bytes go through an io::AtomicFileWriter, committed by finish(); a writer destroyed before finish()
// (error, cancel) removes its temporary file, so `path` is either the old file or the complete new one.
// Move-only; one thread at a time.
#pragma once

#include "core/io/atomic_file.h"
#include "core/status.h"
#include "core/types.h"

#include <string>

namespace lb {

class NpyStreamWriter {
   public:
    // Creates the temporary file and writes the header for shape (rows, cols). Errors: Io.
    static Result<NpyStreamWriter> open(const std::string& path, Index rows, Index cols);

    // Appends block (B x cols, any outer stride) after the rows written so far. Errors: InvalidArgument (wrong
    // width, more rows than announced), Io (disk full, ...).
    Status writeRows(const ConstRowMatrixRef& block);
    // Checks that all rows were written and commits the file. Errors: InvalidArgument, Io.
    Status finish();

   private:
    explicit NpyStreamWriter(io::AtomicFileWriter file) : m_file(std::move(file)) {}
    io::AtomicFileWriter m_file;
    Index m_rows = 0, m_cols = 0, m_written = 0;
};

}  // namespace lb
