// Loading a .npy embeddings file with its optional JSON sidecar of per-row metadata.
//
// For `emb.npy` the sidecar is `emb.npy.json` or, if that does not exist, `emb.json` beside it:
//   {
//     "name":        "resnet50",                  // display name (default: the file stem)
//     "labels":      "labels.npy" | [0, 2, 1],    // N ints: a .npy path (relative to the sidecar) or an array
//     "keys":        "keys.txt" | "keys.npy" | ["a", "b"],  // N unique strings: one per line, a '<U' .npy,
//     "texts":       "texts.txt" | "texts.npy" | [...],     //   or an array (same forms for texts)
//     "label_names": ["cat", "dog"] | "names.txt",          // C class names
//     "images":      "thumbs.npy"                 // N x h x w uint8 .npy
//   }
// Unknown keys give a warning (typos should not pass silently). Invalid JSON or a wrong type is BadInput
// naming the sidecar; a bad referenced file is an error naming that file.
#pragma once

#include "core/space/latent_space.h"

#include <string>

namespace lb {

// Reads `path` (.npy, see npy.h) as N x D embeddings plus its sidecar. Does not call validateSpace (loadSpace
// does). A float32 little-endian C-order file is memory-mapped, not copied. Pure; any thread.
Result<LatentSpace> loadNpySpace(const std::string& path);

// The sidecar path used for `npyPath`, or "" when there is none.
std::string findNpySidecar(const std::string& npyPath);

}  // namespace lb
