// Option parsing and row bookkeeping shared by the pca, compare, stitch and asif subcommands.
#pragma once

#include "app/cli/cli_args.h"
#include "core/analysis/pair_rows.h"
#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"
#include "core/translate/translator.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lb::cli {

// Applies --similarity LIST, --transform, --post, --aggregate to `out` where given (the others keep out's values:
// RelativeOptions{}'s defaults for a fresh struct). On an unknown name returns false and sets `error`.
bool parseRelativeArgs(const Args& args, RelativeOptions& out, std::string& error);

// Applies --scaling, --l2, --ridge where given, as above; the method is chosen by the caller.
bool parseTranslationArgs(const Args& args, TranslationOptions& out, std::string& error);

// Positions in a RowMatch of the given rows of space A (the anchors resolved by resolveAnchorsAmong).
// Every row must be among match.rowsA (resolveAnchorsAmong guarantees it).
std::vector<Index> matchPositionsOf(const RowMatch& match, const std::vector<Index>& rowsA);

// A JSON number, or null for an absent value.
nlohmann::json jsonOrNull(const std::optional<double>& v);

// Reads a positive integer option (> 0 unless allowZero). On error returns false and sets `error`.
bool getCount(const Args& args, const std::string& option, long long fallback, bool allowZero, Index& out,
              std::string& error);

// Warns on stderr (unless quiet) when only one of two spaces has keys, so rows are matched by index.
void warnIfMatchedByIndex(const RowMatch& match, bool aHasKeys, bool bHasKeys, bool quiet);

}  // namespace lb::cli
