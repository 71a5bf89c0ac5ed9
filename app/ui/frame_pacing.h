// When the frame loop wakes: the pacing rule of redraw_rules.h [8] as a function for gui_main.cpp's loop.
// No GL; pure.
#pragma once

#include "app/ui/redraw_rules.h"

#include <vector>

namespace lb::ui {

// How long the loop may wait for input before its next frame, in seconds. Input and a finished job (the job
// queue's wakeup) end the wait at once, so this only paces frames nobody asked for: kIdleWaitSeconds when no
// job runs and nothing is pending; kProgressWaitSeconds for the progress bars of running jobs, but not before
// the oldest shows its progress (showsProgressAfter).
// runningMs: how long each running job has run (ms); pending: queued jobs or loads not yet running.
double frameWaitSeconds(const std::vector<double>& runningMs, bool pending);

}  // namespace lb::ui
