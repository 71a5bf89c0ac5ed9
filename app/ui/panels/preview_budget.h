// Sizes a panel's preview so that its first answer after an edit arrives within a time budget, whatever the
// data's size and the machine's speed: the preview settings' sizes (rows, queries, kernel rows) times a
// fraction that the preview's own measured time steers (effectiveSimilaritySettings / effectiveStitchSettings
// apply it, with their floor).
//
// The fraction moves on a ladder of halvings (1, 1/2, ... 1/64): down when a preview took more than 1.5× the
// budget (by log2 of the excess), up one step when it took less than 0.4×, never in between. Steps with a dead band,
// not a continuous fraction: a preview reuses the previous one's anchor-free parts only when it evaluates the same
// rows, so the sizes must stay put from one edit to the next; and the first preview after a step (which cannot reuse)
// is not taken as evidence. Main thread only.
#pragma once

namespace lb::ui {

class PreviewBudget {
   public:
    // The first answers' goal is 200 ms from the click. A preview starts only once the views' job has fitted the
    // translations it shares, runs beside that job's pass over the rows, and shows a frame after it ends: at
    // 100k × 768 that leaves about 70 ms for the preview itself (docs/benchmarks.md).
    static constexpr double kDefaultBudgetMs = 70.0;
    static constexpr int kMostHalvings = 6;

    explicit PreviewBudget(double budgetMs = kDefaultBudgetMs) : m_budgetMs(budgetMs) {}

    // The fraction of the preview settings' sizes the next preview computes.
    double fraction() const;
    int halvings() const { return m_halvings; }
    // A preview computed at `halvingsUsed` (halvings() when it was submitted) took `workerMs`.
    void observe(int halvingsUsed, double workerMs);

   private:
    double m_budgetMs;
    int m_halvings = 0;
    bool m_justStepped = false;  // the next observation is the first at the new sizes: not taken as evidence
};

}  // namespace lb::ui
