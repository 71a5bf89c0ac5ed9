#include "app/ui/anchor_grow_action.h"

#include "app/ui/app_state.h"
#include "core/relative/anchor_bootstrap.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>

namespace lb::ui {

namespace {

using Pairs = std::vector<std::pair<Index, Index>>;

// The session's anchors as pairs (reference row, row in space `other`), skipping anchors the other space lacks.
Pairs seedPairs(const Session& s, size_t other) {
    Pairs seed;
    const std::vector<Index> rows = s.anchorRowsIn(other);
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i] >= 0) seed.emplace_back(s.anchors()[i], rows[i]);
    return seed;
}

}  // namespace

int anchorGrowPartner(const AppState& st) {
    const Session& s = st.session;
    for (size_t i = 0; i < s.spaceCount(); ++i)
        if (i != s.reference()) return static_cast<int>(i);
    return -1;
}

std::string anchorGrowUnavailableReason(const AppState& st) {
    const int other = anchorGrowPartner(st);
    if (other < 0) return "needs a second space to grow the anchors towards";
    if (seedPairs(st.session, static_cast<size_t>(other)).size() < 2)
        return "needs at least 2 anchors that " + st.session.entry(static_cast<size_t>(other)).space->name +
               " also encodes (the seed)";
    return "";
}

void growAnchors(AppState& st, AnchorGrowState& g) {
    g.error.clear();
    if (const std::string why = anchorGrowUnavailableReason(st); !why.empty()) {
        g.error = "cannot grow anchors: " + why;
        return;
    }
    const Session& s = st.session;
    const size_t other = static_cast<size_t>(anchorGrowPartner(st));
    const auto ref = s.entry(s.reference()).space;
    const auto partner = s.entry(other).space;
    const Pairs seed = seedPairs(s, other);
    AnchorBootstrapSettings settings;
    settings.targetCount = std::max(1, g.count);
    g.job.submitResult<AnchorBootstrap>(
        st.jobs, "grow anchors towards " + partner->name,
        [ref, partner, seed, settings](JobContext& ctx) {
            return bootstrapAnchors(ref->embeddings.view(), partner->embeddings.view(), seed, settings, ctx);
        },
        [&st, &g, ref, partner, other](Result<AnchorBootstrap> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) g.error = "grow anchors: " + r.error().describe();
                return;
            }
            Session& session = st.session;
            if (session.empty() || session.entry(session.reference()).space != ref || other >= session.spaceCount() ||
                session.entry(other).space != partner)
                return;  // the spaces changed while the job ran
            std::vector<Index> rows;
            Index known = 0, same = 0;
            for (const DiscoveredPair& p : r->pairs) {
                rows.push_back(p.a);
                const Index truth = session.rowInSpace(other, p.a);
                if (truth < 0) continue;
                ++known;
                if (truth == p.b) ++same;
            }
            session.addAnchors(rows, "grow " + std::to_string(rows.size()) + " anchors towards " + partner->name);
            g.precision = known > 0 ? static_cast<double>(same) / static_cast<double>(known) : -1.0;
            char text[256];
            if (known > 0)
                std::snprintf(text, sizeof text, "added %zu anchors; %lld of %lld (%.0f%%) are the same sample in %s",
                              rows.size(), static_cast<long long>(same), static_cast<long long>(known),
                              100.0 * g.precision, partner->name.c_str());
            else
                std::snprintf(text, sizeof text, "added %zu anchors (no matched rows: precision unknown)", rows.size());
            g.lastResult = text;
            st.info("Anchors: " + g.lastResult);
        });
}

}  // namespace lb::ui
