// Latent translation: Translator::fit / apply (`latentbridge-cli translate`) and the fit files of
// core/translate/translator_file.h.
#include "core/translate/apply_translator.h"
#include "core/translate/translator.h"
#include "core/translate/translator_file.h"
#include "python/src/bindings.h"

#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

namespace lb::py {

namespace {

// Python-side handle of a fitted translator (Translator has no default state: it exists only once fitted).
struct FittedTranslator {
    std::shared_ptr<const Translator> t;
};

pyb::dict reportDict(const Translator& t) {
    const TranslationFitReport& r = t.report();
    pyb::dict d;
    std::vector<float> sv(r.singularValues.data(),
                          r.singularValues.data() + std::min<Index>(10, r.singularValues.size()));
    d["rank"] = r.rank;
    d["singular_values"] = sv;
    d["orthogonality_error"] = r.orthogonalityError;
    d["anchor_mse"] = r.anchorMse;
    return d;
}

pyb::dict settingsDict(const Translator& t) {
    const TranslationOptions& o = t.options();
    pyb::dict d;
    d["method"] = translationMethodName(o.method);
    d["scaling"] = scalingName(o.scaling);
    d["l2"] = o.l2;
    d["ridge"] = o.ridge;
    return d;
}

}  // namespace

void bindTranslate(pyb::module_& m) {
    pyb::class_<FittedTranslator>(m, "FittedTranslator")
        .def_property_readonly("source_dim", [](const FittedTranslator& f) { return f.t->sourceDim(); })
        .def_property_readonly("target_dim", [](const FittedTranslator& f) { return f.t->targetDim(); })
        .def_property_readonly("report", [](const FittedTranslator& f) { return reportDict(*f.t); })
        .def_property_readonly("settings", [](const FittedTranslator& f) { return settingsDict(*f.t); })
        .def(
            "apply",
            [](const FittedTranslator& f, const pyb::handle& X, const pyb::object& progress) {
                const FloatMatrix x = asFloatMatrix(X, "X", true);
                if (x.map.cols() != f.t->sourceDim())
                    raise(invalidArgument("X has " + std::to_string(x.map.cols()) +
                                          " columns, the translator was fitted on " +
                                          std::to_string(f.t->sourceDim())));
                RowMatrixXf out;
                runJob(progress, [&](JobContext& ctx) { check(applyTranslator(*f.t, x.map, out, ctx)); });
                return toNumpy(std::move(out));
            },
            pyb::arg("X"), pyb::arg("progress") = pyb::none())
        .def("to_bytes", [](const FittedTranslator& f) { return pyb::bytes(serializeTranslator(*f.t)); })
        .def("save",
             [](const FittedTranslator& f, const std::string& path) { check(writeTranslatorFile(path, *f.t)); });

    m.def(
        "fit_translator",
        [](const pyb::handle& src, const pyb::handle& tgt, const std::string& method, const std::string& scaling,
           bool l2, double ridge, const pyb::object& progress) {
            TranslationOptions o;
            if (!parseTranslationMethod(method, o.method)) raise(invalidArgument("unknown method '" + method + "'"));
            if (!parseScaling(scaling, o.scaling)) raise(invalidArgument("unknown scaling '" + scaling + "'"));
            o.l2 = l2;
            o.ridge = ridge;
            const FloatMatrix a = asFloatMatrix(src, "source anchors"), b = asFloatMatrix(tgt, "target anchors");
            Translator t =
                runJobFor<Translator>(progress, [&](JobContext& ctx) { return Translator::fit(a.map, b.map, o, ctx); });
            return FittedTranslator{std::make_shared<const Translator>(std::move(t))};
        },
        pyb::arg("source_anchors"), pyb::arg("target_anchors"), pyb::arg("method") = "procrustes",
        pyb::arg("scaling") = "standard", pyb::arg("l2") = false, pyb::arg("ridge") = 0.0,
        pyb::arg("progress") = pyb::none());
    m.def("load_translator", [](const std::string& path) {
        return FittedTranslator{std::make_shared<const Translator>(unwrap(readTranslatorFile(path)))};
    });
    m.def("translator_from_bytes", [](const pyb::bytes& data) {
        const std::string bytes = data;
        return FittedTranslator{std::make_shared<const Translator>(
            unwrap(parseTranslator(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "<bytes>")))};
    });
}

}  // namespace lb::py
