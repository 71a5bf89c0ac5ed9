// writeNpy and makeNpyHeader (declared in npy.h).
#include "core/io/npy.h"
#include "core/io/posix_write.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lb {

std::string makeNpyHeader(const std::string& descr, const std::vector<uint64_t>& shape, bool fortranOrder) {
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                       ", 'shape': (";
    for (size_t i = 0; i < shape.size(); ++i) dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    // 10 bytes of magic/version/length, the dict, spaces, '\n'; the total is a multiple of 64 so the data
    // is aligned for SIMD loads of a memory-mapped file (as NumPy does).
    size_t total = 10 + dict.size() + 1;
    total = (total + 63) / 64 * 64;
    const size_t headerLen = total - 10;
    std::string out("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(headerLen & 0xFF);
    out += static_cast<char>((headerLen >> 8) & 0xFF);
    out += dict;
    out.append(total - out.size() - 1, ' ');
    out += '\n';
    return out;
}

using io::errnoError;
using io::writeAll;

// Writes header + payload to "<path>.tmpXXXXXX" beside `path`, then renames it over `path`.
static Status writeAtomically(const std::string& path, const std::string& header, const void* payload, size_t bytes) {
    std::string tmp = path + ".tmpXXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) return errnoError(path, "cannot create a temporary file");
    bool ok = writeAll(fd, header.data(), header.size()) && writeAll(fd, payload, bytes) && ::fsync(fd) == 0;
    int err = ok ? 0 : errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        ::unlink(tmp.c_str());
        errno = err;
        return errnoError(path, "cannot write");
    }
    ::chmod(tmp.c_str(), 0644);  // mkstemp creates 0600; outputs are ordinary files
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        Error e = errnoError(path, "cannot rename the temporary file");
        ::unlink(tmp.c_str());
        return e;
    }
    return Status::ok();
}

Status writeNpy(const std::string& path, const ConstRowMatrixRef& matrix) {
    const std::string header = makeNpyHeader("<f4", {static_cast<uint64_t>(matrix.rows()), static_cast<uint64_t>(matrix.cols())});
    // A Ref over a row-major matrix may still have an outer stride (a column block): write row by row then.
    if (matrix.outerStride() == matrix.cols() || matrix.rows() <= 1)
        return writeAtomically(path, header, matrix.data(), static_cast<size_t>(matrix.size()) * sizeof(float));
    const RowMatrixXf packed = matrix;
    return writeAtomically(path, header, packed.data(), static_cast<size_t>(packed.size()) * sizeof(float));
}

Status writeNpy(const std::string& path, const std::vector<int32_t>& values) {
    const std::string header = makeNpyHeader("<i4", {static_cast<uint64_t>(values.size())});
    return writeAtomically(path, header, values.data(), values.size() * sizeof(int32_t));
}

}  // namespace lb
