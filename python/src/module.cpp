// latentbridge._core: the pybind11 module the `latentbridge` Python package wraps (python/latentbridge/).
#include "python/src/bindings.h"

PYBIND11_MODULE(_core, m) {
    m.doc() = "latentbridge core (C++): relative representations, latent translation, stitching, metrics";
    m.attr("__version__") = LB_VERSION;
    lb::py::bindErrors(m);
    lb::py::bindArrays(m);
    lb::py::bindIo(m);
    lb::py::bindRelative(m);
    lb::py::bindTranslate(m);
    lb::py::bindAnalysis(m);
}
