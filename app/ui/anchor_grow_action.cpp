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

// The anchor's own row in `space` when keys say which sample it is, else -1 (rows matched by index say nothing
// about a pair found by geometry).
Index trueRow(const Session& s, size_t space, Index anchor) {
    return s.entry(space).matchedByKey ? s.rowInSpace(space, anchor) : -1;
}

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
    const int chosen = st.anchorsPanel.grow.target;
    if (chosen >= 0 && static_cast<size_t>(chosen) < s.spaceCount() && static_cast<size_t>(chosen) != s.reference())
        return chosen;
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

DiscoveredAnchors discoveredAnchors(const Session& s) {
    DiscoveredAnchors d;
    Index last = -1;
    for (const AnchorPartner& p : s.partners()) {  // sorted by anchor
        if (p.anchor != last) ++d.count, last = p.anchor;
        const Index truth = trueRow(s, p.space, p.anchor);
        if (truth < 0) continue;
        ++d.known;
        if (truth == p.row) ++d.same;
    }
    return d;
}

std::string discoveredLabel(const Session& s, Index refRow, std::string* detail) {
    for (const AnchorPartner& p : s.partners()) {
        if (p.anchor != refRow) continue;
        const LatentSpace& space = s.space(p.space);
        if (detail) {
            const Index truth = trueRow(s, p.space, p.anchor);
            *detail = "Discovered pair: paired with row " + std::to_string(p.row) +
                      (space.hasKeys() ? " (key " + space.keys[static_cast<size_t>(p.row)] + ")" : "") + " of " +
                      space.name + ", which every analysis uses in " + space.name + ".\n" +
                      (truth < 0 ? std::string("Whether it is the same sample is unknown (no key says).")
                       : truth == p.row
                           ? std::string("It is the same sample.")
                           : "It is another sample: this anchor's own row there is " + std::to_string(truth) + ".");
        }
        return "discovered (partner row " + std::to_string(p.row) + ")";
    }
    return {};
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
            std::vector<Index> rows, partners;
            Index known = 0, same = 0;
            for (const DiscoveredPair& p : r->pairs) {
                rows.push_back(p.a);
                partners.push_back(p.b);
                const Index truth = trueRow(session, other, p.a);
                if (truth < 0) continue;
                ++known;
                if (truth == p.b) ++same;
            }
            session.addAnchorPairs(rows, other, partners,
                                   "grow " + std::to_string(rows.size()) + " anchors towards " + partner->name);
            g.precision = known > 0 ? static_cast<double>(same) / static_cast<double>(known) : -1.0;
            char text[256];
            if (known > 0)
                std::snprintf(text, sizeof text, "added %zu anchors; %lld of %lld (%.0f%%) are the same sample in %s",
                              rows.size(), static_cast<long long>(same), static_cast<long long>(known),
                              100.0 * g.precision, partner->name.c_str());
            else
                std::snprintf(text, sizeof text, "added %zu anchors (no shared keys: precision unknown)", rows.size());
            g.lastResult = text;
            st.info("Anchors: " + g.lastResult);
        });
}

}  // namespace lb::ui
