// Anchor selection and relative projection: the functions `latentbridge-cli anchors` and `relative` call.
#include "core/relative/anchor_selection.h"
#include "core/relative/relative_projection.h"
#include "python/src/bindings.h"

#include <pybind11/stl.h>

namespace lb::py {

namespace {

template <class E>
E parseName(const std::string& value, const char* what, bool (*parse)(const std::string&, E&)) {
    E out{};
    if (!parse(value, out)) raise(invalidArgument(std::string("unknown ") + what + " '" + value + "'"));
    return out;
}

RelativeOptions relativeOptions(const std::vector<std::string>& similarities, const std::string& transform,
                                const std::string& post, const std::string& aggregate) {
    RelativeOptions o;
    o.similarities.clear();
    for (const std::string& s : similarities) o.similarities.push_back(parseName(s, "similarity", parseSimilarity));
    if (o.similarities.empty()) raise(invalidArgument("similarity must name at least one similarity"));
    o.transform = parseName(transform, "transform", parseTransform);
    o.post = parseName(post, "post", parsePostNormalization);
    if (aggregate != "concat" && aggregate != "sum") raise(invalidArgument("unknown aggregate '" + aggregate + "'"));
    o.aggregation = aggregate == "sum" ? Aggregation::Sum : Aggregation::Concat;
    return o;
}

}  // namespace

void bindRelative(pyb::module_& m) {
    m.def(
        "select_anchors",
        [](const pyb::handle& X, long long k, const std::string& strategy, const pyb::object& labels, uint64_t seed,
           int iterations, const pyb::object& progress) {
            const FloatMatrix f = asFloatMatrix(X, "X");
            AnchorSelectionOptions o;
            o.strategy = parseName(strategy, "strategy", parseAnchorStrategy);
            if (k < 0) raise(invalidArgument("k must be >= 1, got " + std::to_string(k)));
            o.count = static_cast<Index>(k);
            o.seed = seed;
            o.kmeansIterations = iterations;
            std::vector<int32_t> lab;
            if (!labels.is_none()) {
                lab = pyb::cast<std::vector<int32_t>>(pyb::module_::import("numpy").attr("asarray")(labels, "int32"));
                if (static_cast<Index>(lab.size()) != f.map.rows())
                    raise(invalidArgument("labels has " + std::to_string(lab.size()) + " entries, X has " +
                                          std::to_string(f.map.rows()) + " rows"));
            }
            const std::vector<Index> rows = runJobFor<std::vector<Index>>(
                progress, [&](JobContext& ctx) { return selectAnchors(f.map, lab, o, ctx); });
            return indicesToNumpy(rows);
        },
        pyb::arg("X"), pyb::arg("k"), pyb::arg("strategy") = "random", pyb::arg("labels") = pyb::none(),
        pyb::arg("seed") = 0, pyb::arg("iterations") = 30, pyb::arg("progress") = pyb::none());

    m.def(
        "relative_projection",
        [](const pyb::handle& X, const pyb::handle& anchors, const std::vector<std::string>& similarities,
           const std::string& transform, const std::string& post, const std::string& aggregate,
           const pyb::object& progress) {
            const RelativeOptions o = relativeOptions(similarities, transform, post, aggregate);
            const FloatMatrix x = asFloatMatrix(X, "X", true), a = asFloatMatrix(anchors, "anchors");
            if (x.map.cols() != a.map.cols())
                raise(invalidArgument("X has " + std::to_string(x.map.cols()) + " columns, the anchors " +
                                      std::to_string(a.map.cols())));
            // The core streams 4096-row blocks through one reused buffer (as `latentbridge-cli relative` does) and
            // each block is copied into a NumPy-allocated result. Filling a fresh N x K matrix directly would pay
            // the first-touch page faults in the GEMM's zeroing pass; NumPy's allocator asks for huge pages.
            const Index cols = relativeOutputCols(o, a.map.rows());
            pyb::array_t<float> out(std::vector<pyb::ssize_t>{x.map.rows(), cols});
            float* dst = out.mutable_data();
            runJob(progress, [&](JobContext& ctx) {
                check(relativeProjectionBlocks(
                    x.map, a.map, o,
                    [&](Index r0, const RowMatrixXf& block) {
                        RowMatrixMap(dst + r0 * cols, block.rows(), cols) = block;
                        return Status::ok();
                    },
                    ctx));
            });
            return out;
        },
        pyb::arg("X"), pyb::arg("anchors"), pyb::arg("similarities"), pyb::arg("transform"), pyb::arg("post"),
        pyb::arg("aggregate"), pyb::arg("progress") = pyb::none());

    m.def("check_relative_options",
          [](const std::vector<std::string>& similarities, const std::string& transform, const std::string& post,
             const std::string& aggregate) { (void)relativeOptions(similarities, transform, post, aggregate); });
    m.def("relative_output_cols",
          [](const std::vector<std::string>& similarities, const std::string& aggregate, Index k) {
              return relativeOutputCols(relativeOptions(similarities, "none", "none", aggregate), k);
          });
}

}  // namespace lb::py
