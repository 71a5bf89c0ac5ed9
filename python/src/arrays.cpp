// NumPy arrays in and out of the core without copies where the layout allows (see bindings.h).
#include "python/src/bindings.h"

#include <cstdint>
#include <vector>

namespace lb::py {

namespace {

std::string shapeText(const pyb::array& a) {
    std::string s = "(";
    for (pyb::ssize_t i = 0; i < a.ndim(); ++i) s += (i ? ", " : "") + std::to_string(a.shape(i));
    return s + (a.ndim() == 1 ? ",)" : ")");
}

bool usableInPlace(const pyb::array& a) {
    const auto flags = a.flags();
    return a.dtype().is(pyb::dtype::of<float>()) && (flags & pyb::array::c_style) &&
           (flags & pyb::detail::npy_api::NPY_ARRAY_ALIGNED_) &&
           reinterpret_cast<std::uintptr_t>(a.data()) % alignof(float) == 0;
}

}  // namespace

FloatMatrix asFloatMatrix(const pyb::handle& obj, const std::string& name, bool allowVector, bool requireFinite) {
    FloatMatrix out;
    pyb::array a = pyb::array::ensure(obj);
    if (!a) {
        PyErr_Clear();
        raise(invalidArgument(name + " must be an array (N x D), got " +
                              std::string(pyb::str(pyb::type::handle_of(obj).attr("__name__")))));
    }
    if (a.ndim() == 1 && allowVector) a = a.attr("reshape")(1, -1);
    if (a.ndim() != 2) raise(invalidArgument(name + " must be 2-D (N x D), got shape " + shapeText(a)));
    const char kind = a.dtype().kind();
    if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b')
        raise(invalidArgument(name + " must hold numbers, got dtype " + std::string(pyb::str(a.dtype()))));
    if (!usableInPlace(a)) {
        // One conversion to float32 C order (float64 rounds to nearest, Fortran order is transposed in memory).
        a = pyb::array_t<float, pyb::array::c_style | pyb::array::forcecast>::ensure(a);
        out.converted = true;
    }
    out.array = a;
    new (&out.map) ConstRowMatrixMap(static_cast<const float*>(a.data()), a.shape(0), a.shape(1));
    if (requireFinite && !isAllFinite(out.map))
        raise(invalidArgument(name + " contains NaN or Inf (shape " + shapeText(a) + ")"));
    return out;
}

pyb::array toNumpy(RowMatrixXf&& m) {
    auto* owned = new RowMatrixXf(std::move(m));
    pyb::capsule base(owned, [](void* p) { delete static_cast<RowMatrixXf*>(p); });
    const auto rows = static_cast<pyb::ssize_t>(owned->rows()), cols = static_cast<pyb::ssize_t>(owned->cols());
    const auto item = static_cast<pyb::ssize_t>(sizeof(float));
    return pyb::array_t<float>(std::vector<pyb::ssize_t>{rows, cols}, std::vector<pyb::ssize_t>{cols * item, item},
                               owned->data(), base);
}

pyb::array toNumpy(const std::vector<int32_t>& v) {
    pyb::array_t<int32_t> a(static_cast<pyb::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return std::move(a);
}

pyb::array indicesToNumpy(const std::vector<Index>& v) {
    pyb::array_t<int64_t> a(static_cast<pyb::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return std::move(a);
}

void bindArrays(pyb::module_& m) {
    // The address of the float32 buffer the core reads for `X` and whether a conversion was made: lets tests and
    // users check that an array is used in place.
    m.def(
        "_input_buffer",
        [](const pyb::handle& X) {
            const FloatMatrix f = asFloatMatrix(X, "X", true, false);
            return pyb::make_tuple(reinterpret_cast<std::uintptr_t>(f.map.data()), f.converted);
        },
        pyb::arg("X"));
}

}  // namespace lb::py
