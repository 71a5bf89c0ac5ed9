// Shared by the analysis tests (core and the app's panels): a session of two labelled spaces where B is A rotated
// (same samples, keys in reverse order), so the relative representations coincide and a translation recovers A.
#pragma once

#include "core/session/session.h"
#include "tests/support/test_helpers.h"

#include <memory>
#include <string>

namespace lb::test {

// A space of the rows of x (reversed when `reverse`), keys "k<row of x>", labels row % 3.
inline std::shared_ptr<const LatentSpace> rotatedSpace(const std::string& name, const RowMatrixXf& x, bool reverse) {
    LatentSpace s;
    s.name = name;
    s.path = name + ".npz";
    const Index n = x.rows();
    RowMatrixXf rows(n, x.cols());
    for (Index i = 0; i < n; ++i) {
        const Index src = reverse ? n - 1 - i : i;
        rows.row(i) = x.row(src);
        s.keys.push_back("k" + std::to_string(src));
        s.labels.push_back(static_cast<int32_t>(src % 3));
    }
    s.labelNames = {"cat", "dog", "bird"};
    s.embeddings = Embeddings(std::move(rows));
    return std::make_shared<const LatentSpace>(std::move(s));
}

// Two spaces of n rows: A (width d, three separable classes) and B = A·R (its first dB columns), 40 anchors
// (rows 1, 6, 11, ...), translation with centering only (standard scaling is not rotation-equivariant, so it
// would not recover the rotation). Space 0 (A) is the reference. noise > 0 adds that much Gaussian noise to B, so
// that B's neighbourhoods are not A's up to round-off (where a search's near-ties would follow the round-off).
inline void fillRotatedSession(Session& s, Index n = 240, Index d = 8, Index dB = 8, float noise = 0) {
    RowMatrixXf a = randomMatrix(n, d, 7);
    for (Index i = 0; i < n; ++i) a(i, i % 3) += 6.0f;  // one direction per class: no masking for ridge
    RowMatrixXf b = (a * randomRotation(d, 3)).leftCols(dB);
    if (noise > 0) b += noise * randomMatrix(n, dB, 11);
    s.addSpace("a.npz", rotatedSpace("model_a", a, false));
    s.addSpace("b.npz", rotatedSpace("model_b", b, true));
    s.settings.translation.scaling = Scaling::Center;
    std::vector<Index> anchors;
    for (Index i = 0; i < 40; ++i) anchors.push_back(i * 5 + 1);
    s.setAnchors(anchors, "test anchors");
}

}  // namespace lb::test
