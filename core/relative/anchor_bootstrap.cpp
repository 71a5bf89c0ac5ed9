#include "core/relative/anchor_bootstrap.h"

#include "core/metrics/knn.h"
#include "core/metrics/sampling.h"
#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace lb {

namespace {

constexpr Index kBlockRows = 1024;  // candidates per block of similarities (block × N_B floats)

// Rows of X (n × D) as cosine relative representations on `anchors` (k × D), each column standardized over the
// n rows (population std; a constant column is only centred), then each row L2-normalized (zero rows stay zero).
Result<RowMatrixXf> matchingRows(const RowMatrixXf& X, const RowMatrixXf& anchors, JobContext& ctx) {
    Result<RowMatrixXf> r = relativeProjection(X, anchors, RelativeOptions{}, ctx);
    if (!r) return r.error();
    RowMatrixXf& m = *r;
    const Eigen::RowVectorXd mean = m.cast<double>().colwise().mean();
    const Eigen::RowVectorXd sd =
        ((m.cast<double>().rowwise() - mean).array().square().colwise().sum() / static_cast<double>(m.rows()))
            .sqrt()
            .matrix();
    for (Index j = 0; j < m.cols(); ++j) {
        const double scale = sd(j) > 1e-12 ? 1.0 / sd(j) : 1.0;
        m.col(j) = ((m.col(j).cast<double>().array() - mean(j)) * scale).cast<float>().matrix();
    }
    return cosineSearchRows(m);
}

struct Proposal {
    Index a, b;  // positions among the round's candidates and B rows
    double similarity;
};

// Mutual best matches between the candidates' rows (C × k) and B's (n_B × k), by cosine of the normalized rows.
std::vector<Proposal> mutualMatches(const RowMatrixXf& sa, const RowMatrixXf& sb, JobContext& ctx) {
    const Index c = sa.rows(), nb = sb.rows();
    std::vector<Index> bestOfA(static_cast<size_t>(c), -1), bestOfB(static_cast<size_t>(nb), -1);
    std::vector<float> simOfA(static_cast<size_t>(c), -std::numeric_limits<float>::infinity());
    std::vector<float> simOfB(static_cast<size_t>(nb), -std::numeric_limits<float>::infinity());
    RowMatrixXf block;
    for (Index r0 = 0; r0 < c && !ctx.cancelled(); r0 += kBlockRows) {
        const Index rb = std::min(kBlockRows, c - r0);
        block.noalias() = sa.middleRows(r0, rb) * sb.transpose();  // rb × n_B
        for (Index i = 0; i < rb; ++i)
            for (Index j = 0; j < nb; ++j) {
                const float s = block(i, j);
                // Strictly greater: ties go to the lower index on both sides.
                if (s > simOfA[static_cast<size_t>(r0 + i)]) {
                    simOfA[static_cast<size_t>(r0 + i)] = s;
                    bestOfA[static_cast<size_t>(r0 + i)] = j;
                }
                if (s > simOfB[static_cast<size_t>(j)]) {
                    simOfB[static_cast<size_t>(j)] = s;
                    bestOfB[static_cast<size_t>(j)] = r0 + i;
                }
            }
        ctx.advance(static_cast<uint64_t>(rb));
    }
    std::vector<Proposal> out;
    for (Index i = 0; i < c; ++i) {
        const Index j = bestOfA[static_cast<size_t>(i)];
        if (j >= 0 && bestOfB[static_cast<size_t>(j)] == i)
            out.push_back({i, j, static_cast<double>(simOfA[static_cast<size_t>(i)])});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Proposal& x, const Proposal& y) { return x.similarity > y.similarity; });
    return out;
}

Status validate(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B,
                const std::vector<std::pair<Index, Index>>& seed, const AnchorBootstrapSettings& s) {
    if (seed.size() < 2) return invalidArgument("bootstrapping needs at least 2 seed anchor pairs");
    if (s.targetCount < 1) return invalidArgument("the target count of new anchor pairs must be at least 1");
    if (s.rounds < 1) return invalidArgument("bootstrapping needs at least 1 round");
    if (s.candidates < 0) return invalidArgument("the candidate count must be 0 (every row) or positive");
    std::vector<char> usedA(static_cast<size_t>(A.rows()), 0), usedB(static_cast<size_t>(B.rows()), 0);
    for (const auto& [a, b] : seed) {
        if (a < 0 || a >= A.rows() || b < 0 || b >= B.rows())
            return invalidArgument("seed pair (" + std::to_string(a) + ", " + std::to_string(b) +
                                   ") is out of range: the spaces have " + std::to_string(A.rows()) + " and " +
                                   std::to_string(B.rows()) + " rows");
        if (usedA[static_cast<size_t>(a)]++ || usedB[static_cast<size_t>(b)]++)
            return invalidArgument("seed pair (" + std::to_string(a) + ", " + std::to_string(b) +
                                   ") repeats a row already in another seed pair");
    }
    const Index wanted = static_cast<Index>(seed.size()) + s.targetCount;
    if (wanted > std::min(A.rows(), B.rows()))
        return invalidArgument(std::to_string(seed.size()) + " seed pairs and " + std::to_string(s.targetCount) +
                               " new ones need more rows than the spaces have (" + std::to_string(A.rows()) + " and " +
                               std::to_string(B.rows()) + ")");
    return Status::ok();
}

}  // namespace

Result<AnchorBootstrap> bootstrapAnchors(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B,
                                         const std::vector<std::pair<Index, Index>>& seed,
                                         const AnchorBootstrapSettings& settings, JobContext& ctx) {
    if (Status st = validate(A, B, seed, settings); !st) return st.error();
    std::vector<Index> anchorsA, anchorsB;
    std::vector<char> pairedA(static_cast<size_t>(A.rows()), 0), pairedB(static_cast<size_t>(B.rows()), 0);
    auto pair = [&](Index a, Index b) {
        anchorsA.push_back(a);
        anchorsB.push_back(b);
        pairedA[static_cast<size_t>(a)] = pairedB[static_cast<size_t>(b)] = 1;
    };
    for (const auto& [a, b] : seed) pair(a, b);
    const ConstRowMatrixMap viewA(A.data(), A.rows(), A.cols()), viewB(B.data(), B.rows(), B.cols());
    AnchorBootstrap out;
    for (int round = 1; round <= settings.rounds; ++round) {
        const Index remaining = settings.targetCount - static_cast<Index>(out.pairs.size());
        if (remaining <= 0) break;
        const int roundsLeft = settings.rounds - round + 1;
        const Index share = (remaining + roundsLeft - 1) / roundsLeft;
        // The round's rows: unpaired B rows, and unpaired A rows (or a seeded sample of them, new each round).
        std::vector<Index> rowsA, rowsB;
        for (Index i = 0; i < A.rows(); ++i)
            if (!pairedA[static_cast<size_t>(i)]) rowsA.push_back(i);
        for (Index i = 0; i < B.rows(); ++i)
            if (!pairedB[static_cast<size_t>(i)]) rowsB.push_back(i);
        if (settings.candidates > 0 && settings.candidates < static_cast<Index>(rowsA.size())) {
            std::vector<Index> sampled;
            for (Index p : sampleRows(static_cast<Index>(rowsA.size()), settings.candidates,
                                      settings.seed + static_cast<uint64_t>(round)))
                sampled.push_back(rowsA[static_cast<size_t>(p)]);
            rowsA = std::move(sampled);
        }
        ctx.setStage("anchor bootstrapping, round " + std::to_string(round) + " of " + std::to_string(settings.rounds),
                     static_cast<uint64_t>(rowsA.size()));
        Result<RowMatrixXf> sa = matchingRows(gatherRows(viewA, rowsA), gatherRows(viewA, anchorsA), ctx);
        if (!sa) return sa.error();
        Result<RowMatrixXf> sb = matchingRows(gatherRows(viewB, rowsB), gatherRows(viewB, anchorsB), ctx);
        if (!sb) return sb.error();
        const std::vector<Proposal> proposals = mutualMatches(*sa, *sb, ctx);
        if (ctx.cancelled()) return Status::cancelled();
        const Index accepted = std::min(share, static_cast<Index>(proposals.size()));
        for (Index i = 0; i < accepted; ++i) {
            const Proposal& p = proposals[static_cast<size_t>(i)];
            const Index a = rowsA[static_cast<size_t>(p.a)], b = rowsB[static_cast<size_t>(p.b)];
            out.pairs.push_back({a, b, p.similarity, round});
            pair(a, b);
        }
        out.perRound.push_back(accepted);
        if (accepted == 0) break;
    }
    return out;
}

}  // namespace lb
