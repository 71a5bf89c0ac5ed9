#include "app/ui/frame_pacing.h"

#include <algorithm>

namespace lb::ui {

double frameWaitSeconds(const std::vector<double>& runningMs, bool pending) {
    if (runningMs.empty()) return pending ? kProgressWaitSeconds : kIdleWaitSeconds;
    const double oldest = *std::max_element(runningMs.begin(), runningMs.end());
    if (showsProgressAfter(oldest)) return kProgressWaitSeconds;
    return std::max(kProgressWaitSeconds, (kProgressAfterMs - oldest) / 1000.0);
}

}  // namespace lb::ui
