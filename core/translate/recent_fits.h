// The translators fitted lately, shared by every job of the process: one anchor edit asks for the same fit
// several times (the views' translated column, the agreement colouring and the similarity table all translate
// each space into the reference on the same anchors), and a 768-d Procrustes fit is the largest fixed cost of
// an edit's first answers. A fit asked for while another thread is computing it waits for that one.
//
// A hit needs the same anchors bit for bit (both K × D matrices are kept and compared, not a hash), the same
// options and the same reporting: it returns a copy of exactly what the fit returned, so a caller cannot tell a
// reused translator from a fresh one. Cancelled fits are not kept (the next caller fits with its own job).
// Bounded by bytes (kRecentFitBytes): wide spaces keep fewer fits, and a translator larger than the bound is
// never kept. Thread-safe.
#pragma once

#include "core/translate/translator.h"

#include <functional>

namespace lb {

constexpr size_t kRecentFitBytes = size_t(96) << 20;

// The result of fit() for these anchors and options: a kept one, another thread's in flight, or fit()'s own.
Result<Translator> reuseOrFit(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                              const TranslationOptions& options, FitReport reporting,
                              const std::function<Result<Translator>()>& fit);

// Forgets every kept fit (tests; a process that wants its memory back).
void forgetRecentFits();

}  // namespace lb
