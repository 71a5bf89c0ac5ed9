#include "core/io/npy_stream_writer.h"

#include "core/io/npy.h"

namespace lb {

Result<NpyStreamWriter> NpyStreamWriter::open(const std::string& path, Index rows, Index cols) {
    if (rows < 0 || cols < 0) return invalidArgument("negative .npy shape");
    Result<io::AtomicFileWriter> file = io::AtomicFileWriter::open(path);
    if (!file) return file.status();
    NpyStreamWriter w(std::move(*file));
    w.m_rows = rows;
    w.m_cols = cols;
    const std::string header = makeNpyHeader("<f4", {static_cast<uint64_t>(rows), static_cast<uint64_t>(cols)});
    if (Status s = w.m_file.write(header.data(), header.size()); !s) return s;
    return w;
}

Status NpyStreamWriter::writeRows(const ConstRowMatrixRef& block) {
    if (!m_file.isOpen()) return invalidArgument("write to a closed .npy stream");
    if (block.rows() == 0) return Status::ok();
    if (block.cols() != m_cols)
        return invalidArgument("block has " + std::to_string(block.cols()) + " columns, the .npy has " +
                               std::to_string(m_cols));
    if (m_written + block.rows() > m_rows) return invalidArgument("more rows than the .npy shape announces");
    // The file is little-endian float32; this build only targets little-endian machines (checked here).
    static_assert(sizeof(float) == 4, "float32 expected");
    if (block.outerStride() == block.cols()) {
        if (Status s = m_file.write(block.data(), static_cast<size_t>(block.size()) * sizeof(float)); !s) return s;
    } else {
        for (Index i = 0; i < block.rows(); ++i)
            if (Status s = m_file.write(block.row(i).data(), static_cast<size_t>(m_cols) * sizeof(float)); !s) return s;
    }
    m_written += block.rows();
    return Status::ok();
}

Status NpyStreamWriter::finish() {
    if (!m_file.isOpen()) return invalidArgument("finish on a closed .npy stream");
    if (m_written != m_rows) {
        m_file.discard();
        return invalidArgument("only " + std::to_string(m_written) + " of " + std::to_string(m_rows) +
                               " rows were written");
    }
    return m_file.commit();
}

}  // namespace lb
