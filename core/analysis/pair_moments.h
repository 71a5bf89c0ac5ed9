// The similarity table's linear-CKA moments over all M rows a pair shares, kept across anchor edits.
//
// Linear CKA of the absolute column, of the translated one (an affine map of A) and of the default relative one (a
// linear map of the L2-normalized rows) all come from the centered cross products of A's and B's rows over the
// evaluated rows (cka.h, linearCkaOfMaps). Those rows are the M shared rows less the anchors, so the products are
// formed once over all M rows, O(M·(Da + Db)²), and each edit leaves its anchors out, O(K·(Da + Db)²).
#pragma once

#include "core/analysis/pair_rows.h"
#include "core/jobs/job_context.h"
#include "core/metrics/cka.h"
#include "core/space/latent_space.h"

#include <memory>

namespace lb {

struct PairMoments {
    std::weak_ptr<const LatentSpace> spaceA, spaceB;
    uint64_t key = 0;                              // the pair's shared rows (pairMomentsKey)
    std::shared_ptr<const LinearCkaAllRows> raw;   // of A's and B's rows, when asked for
    std::shared_ptr<const LinearCkaAllRows> unit;  // of their L2-normalized rows, when asked for
};

uint64_t pairMomentsKey(const PairRows& rows);

// The moments asked for (raw, unit) of the pair (a, b) on rows.rowsA / rows.rowsB, taking those `previous` holds for
// the same pair and rows; the missing ones are computed side by side on two threads. Errors: as linearCkaMoments.
Result<std::shared_ptr<const PairMoments>> pairMoments(const std::shared_ptr<const PairMoments>& previous,
                                                       const std::shared_ptr<const LatentSpace>& a,
                                                       const std::shared_ptr<const LatentSpace>& b,
                                                       const PairRows& rows, bool raw, bool unit, JobContext& ctx);

// The moments of the evaluated rows: `all` (p.raw or p.unit, `unit` saying which) less the rows at `excluded`
// (positions in 0..M-1). Errors: InvalidArgument (fewer than 2 rows left).
Result<LinearCkaMoments> evaluatedMoments(const LinearCkaAllRows& all, bool unit, const LatentSpace& a,
                                          const LatentSpace& b, const PairRows& rows,
                                          const std::vector<Index>& excluded);

}  // namespace lb
