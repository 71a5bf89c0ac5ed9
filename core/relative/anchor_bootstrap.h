// Bootstrapping parallel anchors (docs/methods.md §3, after Cannistraci et al., "Bootstrapping Parallel Anchors
// for Relative Representations", arXiv 2303.00721): from a few known parallel anchor pairs (the seed), discover
// more pairs between two spaces whose samples are not known to correspond.
//
// The paper's anchor optimization asks that a new anchor pair (α, β) relate to the known parallel samples alike
// in both spaces: rr(α) on A's seed equals rr(β) on B's seed. We search that objective over the spaces' own
// samples (the paper optimizes continuous anchors, then takes their nearest samples) and grow the anchor set in
// rounds, each round matching in the relative spaces of every pair accepted so far:
//   1. both spaces' rows as cosine relative representations on the current pairs (A: C candidate rows × k,
//      B: its N_B rows × k), each anchor's column standardized over the space's rows (two models' cosines differ
//      in offset and spread) and every row L2-normalized;
//   2. the cosine of every candidate against every B row; a pair is proposed when each is the other's best match
//      (mutual nearest neighbours: one-to-one, no hub takes many);
//   3. the most similar proposals, up to this round's share of the target count, join the anchors.
// Rows already paired take no further part. Rounds stop early when no new mutual pair appears.
#pragma once

#include "core/jobs/job_context.h"
#include "core/space/latent_space.h"

#include <utility>
#include <vector>

namespace lb {

struct AnchorBootstrapSettings {
    Index targetCount = 100;  // K2: pairs to discover beyond the seed (fewer when no more mutual matches exist)
    int rounds = 4;           // each adds about K2 / rounds pairs, then matching starts again on the grown set
    Index candidates = 0;     // A rows tried per round: a seeded sample of this many (0 = every unpaired row)
    uint64_t seed = 0;        // the candidates' sample
};

struct DiscoveredPair {
    Index a = 0, b = 0;     // rows of A and B
    double similarity = 0;  // cosine of their standardized relative representations (1 = identical)
    int round = 0;          // 1-based round that found it
};

struct AnchorBootstrap {
    std::vector<DiscoveredPair> pairs;  // in the order found (by round, then by similarity, descending)
    std::vector<Index> perRound;        // pairs accepted in each round that ran
};

// A: N_A × D_A, B: N_B × D_B (rows in any order, no correspondence assumed); seed: k0 ≥ 2 known pairs (row of A,
// row of B), distinct on each side. Cost per round O(C·N_B·k) for k current pairs; memory O((C + N_B)·k) plus
// one block of similarities. Errors: InvalidArgument (fewer than 2 seed pairs, rows out of range or repeated,
// target count < 1, rounds < 1, a space with fewer rows than the pairs asked for), Cancelled.
Result<AnchorBootstrap> bootstrapAnchors(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B,
                                         const std::vector<std::pair<Index, Index>>& seed,
                                         const AnchorBootstrapSettings& settings, JobContext& ctx = silentJob());

}  // namespace lb
