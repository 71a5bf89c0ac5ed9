// Finding samples by what a user remembers of them: a key ("img_0412"), a class name ("Sandal") or a word of
// their text ("shepherd"). Case-insensitive substring match over every loaded space's metadata.
#pragma once

#include "core/session/session.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace lb {

// Rows of `space` whose key, label name or text contains `query` (ASCII case-insensitive), ascending. Rows
// without keys match their row number's text only when the space has no keys at all (so "12" finds row 12 of
// an unkeyed file). An empty or all-blank query matches nothing. O(N · length).
std::vector<Index> findRows(const LatentSpace& space, const std::string& query);

// The same over the session: reference rows of the samples that match in any space (a text held by one space
// finds the sample in all of them), ascending and unique. Rows of spaces unmatched to the reference are skipped.
std::vector<Index> findSamples(const Session& session, const std::string& query);

}  // namespace lb
