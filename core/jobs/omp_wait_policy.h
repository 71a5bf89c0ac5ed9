// The OpenMP runtime's idle threads wait passively (sleep) instead of spinning, for the CLI and the app.
//
// Why: on a busy machine (another process on one of two cores), spinning workers take the cycles the working
// ones need: under such load a `translate` ran about 2× faster with OMP_WAIT_POLICY=passive, and on a quiet
// machine it changes nothing measurable. The runtime reads the policy once, when it is loaded, before main()
// runs; so when the user has not chosen one, main() sets it and re-executes the same program with the same
// arguments (same process id). A user's own OMP_WAIT_POLICY is kept.
#pragma once

namespace lb {

// Call first thing in main(). Returns only when no re-execution was needed or it failed (then the program runs
// on with the runtime's default policy).
void preferPassiveOmpWaiting(char** argv);

}  // namespace lb
