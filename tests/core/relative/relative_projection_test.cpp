// Relative projection: kernels vs plain reference loops, invariances, zero vectors, errors, streaming blocks,
// incremental edits vs full recomputation.

#include "core/relative/relative_projection.h"

#include "tests/support/test_helpers.h"

#include <cmath>
#include <random>

using namespace lb;
using lb::test::randomMatrix;
using lb::test::randomRotation;
using lb::test::requireNear;

namespace {

// Plain double-precision loops written from docs/methods.md §1, for one similarity without transform.
RowMatrixXd referenceProjection(const RowMatrixXf& X, const RowMatrixXf& A, Similarity s) {
    RowMatrixXd out(X.rows(), A.rows());
    for (Index i = 0; i < X.rows(); ++i)
        for (Index k = 0; k < A.rows(); ++k) {
            double dot = 0, nx = 0, na = 0, l2 = 0, l1 = 0, linf = 0;
            for (Index j = 0; j < X.cols(); ++j) {
                const double x = X(i, j), a = A(k, j);
                dot += x * a;
                nx += x * x;
                na += a * a;
                l2 += (x - a) * (x - a);
                l1 += std::abs(x - a);
                linf = std::max(linf, std::abs(x - a));
            }
            const double cosine = dot / (std::max(std::sqrt(nx), 1e-12) * std::max(std::sqrt(na), 1e-12));
            switch (s) {
                case Similarity::Cosine: out(i, k) = cosine; break;
                case Similarity::Angular: out(i, k) = std::acos(std::clamp(cosine, -1.0, 1.0)) / M_PI; break;
                case Similarity::Euclidean: out(i, k) = std::sqrt(l2); break;
                case Similarity::L1: out(i, k) = l1; break;
                case Similarity::LInf: out(i, k) = linf; break;
                case Similarity::Whitened: out(i, k) = 0; break;  // not pairwise: whitened_similarity_test.cpp
            }
        }
    return out;
}

RowMatrixXf project(const RowMatrixXf& X, const RowMatrixXf& A, RelativeOptions o) {
    Result<RowMatrixXf> r = relativeProjection(X, A, o);
    REQUIRE(r.isOk());
    return *r;
}

RelativeOptions only(Similarity s, AbsoluteTransform t = AbsoluteTransform::None) {
    RelativeOptions o;
    o.similarities = {s};
    o.transform = t;
    return o;
}

const Similarity kAll[] = {Similarity::Cosine, Similarity::Angular, Similarity::Euclidean, Similarity::L1,
                           Similarity::LInf};

}  // namespace

TEST_CASE("vectorized kernels equal plain reference loops", "[relative]") {
    // 37 rows with block size 8 exercises partial blocks; 70 anchors exercise partial anchor tiles.
    const RowMatrixXf X = randomMatrix(37, 19, 1) * 3.0f;
    const RowMatrixXf A = randomMatrix(70, 19, 2);
    for (Similarity s : kAll) {
        INFO(similarityName(s));
        RowMatrixXf got(X.rows(), A.rows());
        REQUIRE(relativeProjectionBlocks(
                    X, A, only(s),
                    [&](Index r0, const RowMatrixXf& b) {
                        got.middleRows(r0, b.rows()) = b;
                        return Status::ok();
                    },
                    silentJob(), 8)
                    .isOk());
        const RowMatrixXd ref = referenceProjection(X, A, s);
        const double scale = std::max(1.0, ref.cwiseAbs().maxCoeff());
        requireNear(got.cast<double>(), ref, 2e-5 * scale);
    }
}

TEST_CASE("euclidean keeps precision for near-duplicate rows far from the origin", "[relative]") {
    // Rows at distance ~1e-3 from anchors with norms ~1e3: the plain ‖x‖²+‖a‖²−2x·a formula in float would
    // lose everything; the kernel must match the double reference loop.
    RowMatrixXf A = randomMatrix(6, 32, 3).array() + 1000.0f;
    RowMatrixXf X = A + randomMatrix(6, 32, 4) * 1e-3f / std::sqrt(32.0f);
    const RowMatrixXd ref = referenceProjection(X, A, Similarity::Euclidean);
    const RowMatrixXf got = project(X, A, only(Similarity::Euclidean));
    // Diagonal: distance ~1e-3, required to 1%.
    for (Index i = 0; i < 6; ++i) CHECK(std::abs(got(i, i) - ref(i, i)) < 1e-5);
    requireNear(got.cast<double>(), ref, 1e-3);
}

TEST_CASE("zero vectors give zero cosines and finite values, never NaN", "[relative]") {
    RowMatrixXf X = randomMatrix(5, 8, 5);
    X.row(2).setZero();
    RowMatrixXf A = randomMatrix(4, 8, 6);
    A.row(1).setZero();
    for (Similarity s : kAll) {
        INFO(similarityName(s));
        const RowMatrixXf r = project(X, A, only(s));
        REQUIRE(r.allFinite());
        if (s == Similarity::Cosine) {
            CHECK(r.row(2).isZero(0.0f));
            CHECK(r.col(1).isZero(0.0f));
        }
        if (s == Similarity::Angular) CHECK(std::abs(r(2, 0) - 0.5f) < 1e-6f);
    }
    RelativeOptions poi;
    poi.similarities = {Similarity::Cosine, Similarity::Euclidean};
    poi.post = PostNormalization::L2;
    const RowMatrixXf z = project(RowMatrixXf::Zero(3, 8), RowMatrixXf::Zero(2, 8), poi);
    CHECK(z.allFinite());
}

TEST_CASE("relative representations have the invariances of their similarity", "[relative]") {
    const RowMatrixXf X = randomMatrix(40, 12, 7);
    const RowMatrixXf A = X.topRows(10);
    const Eigen::MatrixXf Q = randomRotation(12, 8);
    const Eigen::RowVectorXf shift = randomMatrix(1, 12, 9).row(0) * 5.0f;

    SECTION("cosine and angular: rotations and rescaling") {
        for (Similarity s : {Similarity::Cosine, Similarity::Angular}) {
            const RowMatrixXf XR = (X * Q) * 3.5f, AR = (A * Q) * 3.5f;
            requireNear(project(XR, AR, only(s)), project(X, A, only(s)), 2e-5);
        }
    }
    SECTION("euclidean: rotations and translations") {
        const RowMatrixXf XR = (X * Q).rowwise() + shift, AR = (A * Q).rowwise() + shift;
        requireNear(project(XR, AR, only(Similarity::Euclidean)), project(X, A, only(Similarity::Euclidean)), 1e-4);
    }
    SECTION("L1 and L∞: coordinate permutations") {
        Eigen::PermutationMatrix<Eigen::Dynamic> perm(12);
        perm.setIdentity();
        std::mt19937 rng(3);
        std::shuffle(perm.indices().data(), perm.indices().data() + 12, rng);
        const RowMatrixXf XP = X * perm, AP = A * perm;
        for (Similarity s : {Similarity::L1, Similarity::LInf})
            requireNear(project(XP, AP, only(s)), project(X, A, only(s)), 1e-5);
    }
    SECTION("centered cosine: translations") {
        const RowMatrixXf XT = X.rowwise() + shift, AT = A.rowwise() + shift;
        const auto o = only(Similarity::Cosine, AbsoluteTransform::Center);
        requireNear(project(XT, AT, o), project(X, A, o), 1e-4);
        // ...which plain cosine is not.
        CHECK((project(XT, AT, only(Similarity::Cosine)) - project(X, A, only(Similarity::Cosine)))
                  .cwiseAbs()
                  .maxCoeff() > 1e-2f);
    }
    SECTION("standardized cosine: per-coordinate rescaling and translation") {
        const Eigen::RowVectorXf scale = randomMatrix(1, 12, 10).row(0).cwiseAbs().array() + 0.5f;
        const RowMatrixXf XS = (X.array().rowwise() * scale.array()).matrix().rowwise() + shift;
        const RowMatrixXf AS = (A.array().rowwise() * scale.array()).matrix().rowwise() + shift;
        const auto o = only(Similarity::Cosine, AbsoluteTransform::Standard);
        requireNear(project(XS, AS, o), project(X, A, o), 1e-4);
    }
}

TEST_CASE("product of invariances standardizes each block, post-normalizations hold", "[relative]") {
    const RowMatrixXf X = randomMatrix(20, 9, 11);
    const RowMatrixXf A = randomMatrix(7, 9, 12);
    RelativeOptions o;
    o.similarities = {Similarity::Cosine, Similarity::Euclidean, Similarity::L1};
    const RowMatrixXf cat = project(X, A, o);
    REQUIRE(cat.cols() == 21);
    REQUIRE(relativeOutputCols(o, 7) == 21);
    for (Index i = 0; i < X.rows(); ++i)
        for (int b = 0; b < 3; ++b) {
            const Eigen::RowVectorXf seg = cat.row(i).segment(7 * b, 7);
            CHECK(std::abs(seg.mean()) < 1e-5f);
            const float var = (seg.array() - seg.mean()).square().mean();
            CHECK(std::abs(var - 1.0f) < 1e-3f);  // eps 1e-5 makes it a hair below 1
        }
    o.aggregation = Aggregation::Sum;
    const RowMatrixXf sum = project(X, A, o);
    REQUIRE(sum.cols() == 7);
    requireNear(sum, cat.middleCols(0, 7) + cat.middleCols(7, 7) + cat.middleCols(14, 7), 1e-5);

    o.post = PostNormalization::L2;
    const RowMatrixXf l2 = project(X, A, o);
    for (Index i = 0; i < l2.rows(); ++i) CHECK(std::abs(l2.row(i).norm() - 1.0f) < 1e-5f);
    o.post = PostNormalization::Standardize;
    const RowMatrixXf st = project(X, A, o);
    for (Index i = 0; i < st.rows(); ++i) CHECK(std::abs(st.row(i).mean()) < 1e-5f);
}

TEST_CASE("relative projection refuses impossible requests", "[relative]") {
    const RowMatrixXf X = randomMatrix(5, 4, 13);
    CHECK(relativeProjection(X, RowMatrixXf(0, 4), RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    CHECK(relativeProjection(X, randomMatrix(2, 3, 1), RelativeOptions{}).error().code == ErrorCode::InvalidArgument);
    RelativeOptions none;
    none.similarities.clear();
    CHECK(relativeProjection(X, X, none).error().code == ErrorCode::InvalidArgument);
    CHECK(relativeProjection(X, X.topRows(1), only(Similarity::Cosine, AbsoluteTransform::Standard)).error().code ==
          ErrorCode::InvalidArgument);
    RowMatrixXf bad = X.topRows(2);
    bad(0, 0) = std::nanf("");
    CHECK(relativeProjection(X, bad, RelativeOptions{}).error().code == ErrorCode::NumericalIssue);
}

TEST_CASE("streaming blocks cover every row once, in order, and honour cancellation", "[relative]") {
    const RowMatrixXf X = randomMatrix(50, 6, 14);
    const RowMatrixXf A = X.topRows(4);
    const RowMatrixXf full = project(X, A, RelativeOptions{});
    Index next = 0;
    REQUIRE(relativeProjectionBlocks(
                X, A, RelativeOptions{},
                [&](Index r0, const RowMatrixXf& b) {
                    REQUIRE(r0 == next);
                    requireNear(b, full.middleRows(r0, b.rows()), 1e-6);
                    next += b.rows();
                    return Status::ok();
                },
                silentJob(), 7)
                .isOk());
    CHECK(next == 50);
    // A sink error stops the run and comes back unchanged.
    const Status st = relativeProjectionBlocks(
        X, A, RelativeOptions{}, [](Index, const RowMatrixXf&) -> Status { return badInput("out.npy", "disk full"); },
        silentJob(), 7);
    CHECK(st.code() == ErrorCode::BadInput);
    JobContext ctx;
    ctx.cancel();
    CHECK(relativeProjection(X, A, RelativeOptions{}, ctx).error().code == ErrorCode::Cancelled);
}

TEST_CASE("incremental projection equals full recomputation after random edits", "[relative]") {
    const RowMatrixXf X = randomMatrix(60, 10, 15);
    std::mt19937 rng(16);
    for (const auto& sims : std::vector<std::vector<Similarity>>{
             {Similarity::Cosine}, {Similarity::Euclidean}, {Similarity::Angular, Similarity::L1, Similarity::LInf}}) {
        RelativeOptions o;
        o.similarities = sims;
        o.post = sims.size() > 1 ? PostNormalization::L2 : PostNormalization::None;
        Result<IncrementalRelativeProjection> inc = IncrementalRelativeProjection::create(X, o);
        REQUIRE(inc.isOk());
        inc->setAnchors({3, 7, 11});
        for (int step = 0; step < 25; ++step) {
            if (inc->anchorCount() > 1 && rng() % 3 == 0)
                inc->removeAnchor(static_cast<Index>(rng() % static_cast<unsigned>(inc->anchorCount())));
            else
                inc->addAnchor(static_cast<Index>(rng() % 60));
            const RowMatrixXf anchors = [&] {
                RowMatrixXf a(inc->anchorCount(), X.cols());
                for (Index k = 0; k < inc->anchorCount(); ++k) a.row(k) = X.row(inc->anchorRows()[size_t(k)]);
                return a;
            }();
            requireNear(inc->result(), project(X, anchors, o), 5e-4);
        }
    }
    RelativeOptions centered;
    centered.transform = AbsoluteTransform::Center;
    CHECK(IncrementalRelativeProjection::create(X, centered).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("option names round-trip", "[relative]") {
    for (Similarity s : kAll) {
        Similarity back;
        REQUIRE(parseSimilarity(similarityName(s), back));
        CHECK(back == s);
    }
    AbsoluteTransform t;
    CHECK(parseTransform("standard", t));
    CHECK(t == AbsoluteTransform::Standard);
    PostNormalization p;
    CHECK(parsePostNormalization("l2", p));
    CHECK(p == PostNormalization::L2);
    Similarity unused;
    CHECK_FALSE(parseSimilarity("dot", unused));
}
