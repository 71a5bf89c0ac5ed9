#include "core/jobs/omp_wait_policy.h"

#include <unistd.h>
#include <cstdlib>

namespace lb {

void preferPassiveOmpWaiting(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;  // the user's choice, or already re-executed
    if (setenv("OMP_WAIT_POLICY", "passive", 1) != 0) return;
    execv("/proc/self/exe", argv);
    // execv returned: it failed. The policy stays the default for this run; children inherit "passive".
}

}  // namespace lb
