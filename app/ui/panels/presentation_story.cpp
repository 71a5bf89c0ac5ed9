#include "app/ui/panels/presentation_story.h"

#include "app/ui/app_state.h"
#include "core/relative/nested_anchor_sets.h"

#include <algorithm>

namespace lb::ui {

const std::vector<StoryStep>& storySteps() {
    static const std::vector<StoryStep> steps{
        {0,
         "No anchors: nothing ties the two spaces together, so the target's head reads the source's vectors "
         "as noise - absolute stitching is at chance."},
        {5,
         "Five shared samples as anchors: describing every sample by its similarity to them already lets "
         "the target's head read the source."},
        {30, "Thirty anchors: relative and translated stitching close in on the target's own (native) accuracy."},
        {300,
         "Three hundred anchors: the spaces are aligned - a model trained on one space works on the other, "
         "zero-shot."},
    };
    return steps;
}

std::vector<Index> storyAnchors(const AppState& st, const PresentationStory& story, int step) {
    const std::vector<StoryStep>& steps = storySteps();
    if (st.session.empty() || step < 0 || step >= static_cast<int>(steps.size())) return {};
    // The pool: reference rows present in every space matched to it, so each anchor counts in every pair.
    const size_t ref = st.session.reference();
    std::vector<Index> pool;
    for (Index r = 0; r < st.session.space(ref).n(); ++r) {
        bool everywhere = true;
        for (size_t i = 0; i < st.session.spaceCount() && everywhere; ++i) {
            const std::vector<Index>& from = st.session.entry(i).fromRef;
            if (i != ref && !from.empty()) everywhere = r < static_cast<Index>(from.size()) && from[r] >= 0;
        }
        if (everywhere) pool.push_back(r);
    }
    std::vector<Index> counts;
    for (const StoryStep& s : steps) counts.push_back(s.k);
    return nestedAnchorSets(pool, counts, story.seed)[static_cast<size_t>(step)];
}

void goToStoryStep(AppState& st, PresentationStory& story, int step) {
    if (st.session.empty()) return;
    step = std::clamp(step, 0, static_cast<int>(storySteps().size()) - 1);
    if (!story.holding) {
        story.userAnchors = st.session.anchors();
        story.userPartners = st.session.partners();
        story.userHistory = st.session.history();
        story.holding = true;
    }
    story.step = step;
    ++story.transitions;
    st.session.setAnchors(storyAnchors(st, story, step),
                          "story step " + std::to_string(step + 1) +
                              " (K = " + std::to_string(storySteps()[static_cast<size_t>(step)].k) + ")");
}

void leaveStory(AppState& st, PresentationStory& story) {
    story.step = -1;
    if (!story.holding) return;
    story.holding = false;
    st.session.setAnchorsWithPartners(story.userAnchors, story.userPartners, "leave the story");
    // The user's stacks end at the anchors just restored, so restoreHistory accepts them: the story's edits
    // leave no trace in undo.
    if (!st.session.restoreHistory(std::move(story.userHistory))) st.session.clearHistory();
    story.userHistory = AnchorHistory{};
    story.userAnchors.clear();
    story.userPartners.clear();
}

}  // namespace lb::ui
