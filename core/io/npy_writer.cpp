// writeNpy and makeNpyHeader (declared in npy.h).
#include "core/io/npy.h"

#include "core/io/atomic_file.h"

namespace lb {

std::string makeNpyHeader(const std::string& descr, const std::vector<uint64_t>& shape, bool fortranOrder) {
    std::string dict =
        "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") + ", 'shape': (";
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

// Header and payload as one atomic save: a reader never sees a header without its rows.
static Status writeNpyAtomically(const std::string& path, const std::string& header, const void* payload,
                                 size_t bytes) {
    Result<io::AtomicFileWriter> w = io::AtomicFileWriter::open(path);
    if (!w) return w.status();
    if (Status s = w->write(header.data(), header.size()); !s) return s;
    if (Status s = w->write(payload, bytes); !s) return s;
    return w->commit();
}

Status writeNpy(const std::string& path, const ConstRowMatrixRef& matrix) {
    const std::string header =
        makeNpyHeader("<f4", {static_cast<uint64_t>(matrix.rows()), static_cast<uint64_t>(matrix.cols())});
    // A Ref over a row-major matrix may still have an outer stride (a column block): write row by row then.
    if (matrix.outerStride() == matrix.cols() || matrix.rows() <= 1)
        return writeNpyAtomically(path, header, matrix.data(), static_cast<size_t>(matrix.size()) * sizeof(float));
    const RowMatrixXf packed = matrix;
    return writeNpyAtomically(path, header, packed.data(), static_cast<size_t>(packed.size()) * sizeof(float));
}

Status writeNpy(const std::string& path, const std::vector<int32_t>& values) {
    const std::string header = makeNpyHeader("<i4", {static_cast<uint64_t>(values.size())});
    return writeNpyAtomically(path, header, values.data(), values.size() * sizeof(int32_t));
}

}  // namespace lb
