// Class identity across spaces is the class *name* when both spaces carry label names: an .npz keeps its
// label_names order while a projector metadata.tsv numbers names byte-wise, so the same class can have two
// different ids. These functions renumber one space's labels onto another's name order so a class keeps one id
// (and one colour) everywhere. Spaces without names keep their ids (ids are then the identity).
#pragma once

#include "core/space/latent_space.h"
#include "core/status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb {

// For every class id of `from` (C_from entries), the id of the same name in `onto`, or -1 when `onto` has no
// such name. Both spaces must carry label names. O(C log C). Pure; any thread.
std::vector<int32_t> labelIdMapByName(const LatentSpace& from, const LatentSpace& onto);

// Renumbers `space`'s labels so its class names follow `referenceNames`' order; names the reference lacks are
// appended after the reference's names (so no class is lost). No-op when either side has no names. O(N + C log C).
void alignLabelsByName(LatentSpace& space, const std::vector<std::string>& referenceNames);

// The label ids of `source`'s rows expressed in `target`'s ids: the identity when either space has no names, else
// through labelIdMapByName. Refused (BadInput naming both files and how to fix it) when a class name used by
// `source` is missing from `target`'s label names.
Result<std::vector<int32_t>> sourceLabelsInTargetIds(const LatentSpace& source, const LatentSpace& target);

}  // namespace lb
