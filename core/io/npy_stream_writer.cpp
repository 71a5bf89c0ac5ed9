#include "core/io/npy_stream_writer.h"

#include "core/io/npy.h"
#include "core/io/posix_write.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lb {

using io::errnoError;
using io::writeAll;

Result<NpyStreamWriter> NpyStreamWriter::open(const std::string& path, Index rows, Index cols) {
    if (rows < 0 || cols < 0) return invalidArgument("negative .npy shape");
    NpyStreamWriter w;
    w.m_path = path;
    w.m_tmpPath = path + ".tmpXXXXXX";
    w.m_fd = ::mkstemp(w.m_tmpPath.data());
    if (w.m_fd < 0) return errnoError(path, "cannot create a temporary file");
    w.m_rows = rows;
    w.m_cols = cols;
    const std::string header = makeNpyHeader("<f4", {static_cast<uint64_t>(rows), static_cast<uint64_t>(cols)});
    if (!writeAll(w.m_fd, header.data(), header.size())) return errnoError(path, "cannot write");
    return w;
}

NpyStreamWriter::NpyStreamWriter(NpyStreamWriter&& o) noexcept
    : m_fd(o.m_fd), m_path(std::move(o.m_path)), m_tmpPath(std::move(o.m_tmpPath)), m_rows(o.m_rows), m_cols(o.m_cols),
      m_written(o.m_written) {
    o.m_fd = -1;
}

NpyStreamWriter& NpyStreamWriter::operator=(NpyStreamWriter&& o) noexcept {
    if (this != &o) {
        discard();
        m_fd = o.m_fd;
        m_path = std::move(o.m_path);
        m_tmpPath = std::move(o.m_tmpPath);
        m_rows = o.m_rows;
        m_cols = o.m_cols;
        m_written = o.m_written;
        o.m_fd = -1;
    }
    return *this;
}

NpyStreamWriter::~NpyStreamWriter() { discard(); }

void NpyStreamWriter::discard() {
    if (m_fd < 0) return;
    ::close(m_fd);
    ::unlink(m_tmpPath.c_str());
    m_fd = -1;
}

Status NpyStreamWriter::writeRows(const ConstRowMatrixRef& block) {
    if (m_fd < 0) return invalidArgument("write to a closed .npy stream");
    if (block.rows() == 0) return Status::ok();
    if (block.cols() != m_cols)
        return invalidArgument("block has " + std::to_string(block.cols()) + " columns, the .npy has " +
                               std::to_string(m_cols));
    if (m_written + block.rows() > m_rows) return invalidArgument("more rows than the .npy shape announces");
    // The file is little-endian float32; this build only targets little-endian machines (checked here).
    static_assert(sizeof(float) == 4, "float32 expected");
    bool ok = true;
    if (block.outerStride() == block.cols())
        ok = writeAll(m_fd, block.data(), static_cast<size_t>(block.size()) * sizeof(float));
    else
        for (Index i = 0; i < block.rows() && ok; ++i)
            ok = writeAll(m_fd, block.row(i).data(), static_cast<size_t>(m_cols) * sizeof(float));
    if (!ok) {
        Error e = errnoError(m_path, "cannot write");
        discard();
        return e;
    }
    m_written += block.rows();
    return Status::ok();
}

Status NpyStreamWriter::finish() {
    if (m_fd < 0) return invalidArgument("finish on a closed .npy stream");
    if (m_written != m_rows) {
        discard();
        return invalidArgument("only " + std::to_string(m_written) + " of " + std::to_string(m_rows) +
                               " rows were written");
    }
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        Error e = errnoError(m_path, "cannot write");
        ::unlink(m_tmpPath.c_str());
        return e;
    }
    m_fd = -1;
    ::chmod(m_tmpPath.c_str(), 0644);  // mkstemp creates 0600; outputs are ordinary files
    if (std::rename(m_tmpPath.c_str(), m_path.c_str()) != 0) {
        Error e = errnoError(m_path, "cannot rename the temporary file");
        ::unlink(m_tmpPath.c_str());
        return e;
    }
    return Status::ok();
}

}  // namespace lb
