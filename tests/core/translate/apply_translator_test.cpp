// applyTranslator (core/translate/apply_translator.h): the rows Translator::apply gives, and the same bits for the
// rows of a shard cut at multiples of kTranslateChunkRows as for the same rows of the whole matrix.

#include "core/translate/apply_translator.h"

#include "tests/support/test_helpers.h"

using namespace lb;
using lb::test::randomMatrix;
using lb::test::requireNear;

TEST_CASE("applyTranslator translates every row as apply does", "[translate]") {
    const RowMatrixXf X = randomMatrix(1000, 24, 61), Y = randomMatrix(1000, 17, 62);
    for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Affine}) {
        TranslationOptions o;
        o.method = m;
        Result<Translator> t = Translator::fit(X.topRows(100), Y.topRows(100), o);
        REQUIRE(t.isOk());
        RowMatrixXf out;
        REQUIRE(applyTranslator(*t, X, out).isOk());
        REQUIRE(out.rows() == 1000);
        REQUIRE(out.cols() == 17);
        requireNear(out, t->apply(X), 1e-5);

        SECTION("shards cut at multiples of 256 rows give the same bits") {
            RowMatrixXf shard;
            REQUIRE(applyTranslator(*t, X.middleRows(256, 512), shard).isOk());
            CHECK(shard == out.middleRows(256, 512));
            REQUIRE(applyTranslator(*t, X.bottomRows(1000 - 768), shard).isOk());
            CHECK(shard == out.bottomRows(1000 - 768));
        }
    }
}

TEST_CASE("applyTranslator refuses another width and stops when cancelled", "[translate][jobs]") {
    const RowMatrixXf X = randomMatrix(600, 8, 71);
    Result<Translator> t = Translator::fit(X.topRows(50), X.topRows(50), {});
    REQUIRE(t.isOk());
    RowMatrixXf out;
    const Status wrong = applyTranslator(*t, randomMatrix(10, 7, 72), out);
    REQUIRE(!wrong.isOk());
    CHECK(wrong.code() == ErrorCode::InvalidArgument);
    JobContext ctx;
    ctx.cancel();
    CHECK(applyTranslator(*t, X, out, ctx).code() == ErrorCode::Cancelled);
}
