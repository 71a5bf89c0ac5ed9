#include "app/ui/panels/preview_budget.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

double PreviewBudget::fraction() const {
    return std::ldexp(1.0, -m_halvings);
}

void PreviewBudget::observe(int halvingsUsed, double workerMs) {
    if (halvingsUsed != m_halvings || !(workerMs >= 0.0)) return;  // an older preview, at other sizes
    if (m_justStepped) {
        m_justStepped = false;
        return;
    }
    // Down by as many halvings as the time is over budget (a preview's time is about proportional to its sizes
    // until their floor), so that a first preview 6× over budget arrives within it on the next edit but one; up
    // one at a time.
    int halvings = m_halvings;
    if (workerMs > 1.5 * m_budgetMs) halvings += std::max(1, static_cast<int>(std::log2(workerMs / m_budgetMs)));
    if (workerMs < 0.4 * m_budgetMs) halvings -= 1;
    halvings = std::clamp(halvings, 0, kMostHalvings);
    if (halvings == m_halvings) return;
    m_halvings = halvings;
    m_justStepped = true;
}

}  // namespace lb::ui
