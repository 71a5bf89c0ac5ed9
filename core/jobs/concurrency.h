// How latentbridge runs work in parallel inside one job: the one mechanism every analysis, panel and widget
// uses below the JobRunner (job_runner.h schedules whole jobs; this file splits one job's work).
//
// The rules, and why:
//  - OpenMP (Eigen's products, `#pragma omp parallel for`) is the default way to use the cores inside a job.
//    A job that runs beside another one (JobThreads::One) or that is made of many small products caps its own
//    OpenMP team with ScopedOmpThreads: an OpenMP team waits at every barrier for its slowest thread, so on a
//    busy machine one descheduled thread can make small products many times slower than one thread doing
//    them all.
//  - Two independent halves of one job that each run single-threaded code go runSideBySide: a helper thread for
//    one half, the caller for the other; exceptions of either reach the caller. A OneShotGate lets one half wait
//    for something the other half prepares. A list of independent single-threaded tasks (the similarity table's
//    metric parts) goes runTasksOnTwoThreads, phase by phase.
//  - Loops outside any job (on the UI thread: the density image) use parallelRanges: a few std::threads for the
//    duration of the call, so they never share an OpenMP team with a worker's job.
// Everything here is thread-safe as documented per item and holds no global state.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lb {

class JobContext;

// Caps the OpenMP team of the calling thread at `threads` while alive (omp_set_num_threads affects only the
// calling thread), then restores the previous cap. Not copyable; use as a scoped guard.
class ScopedOmpThreads {
   public:
    explicit ScopedOmpThreads(int threads);
    ~ScopedOmpThreads();
    ScopedOmpThreads(const ScopedOmpThreads&) = delete;
    ScopedOmpThreads& operator=(const ScopedOmpThreads&) = delete;

   private:
    int m_saved;
};

// Opened once by one thread; wait() blocks until then. Any thread.
class OneShotGate {
   public:
    void open();
    void wait();
    // Opens the gate when it leaves scope, even on an exception, so a waiter is never stranded.
    struct OpenOnExit {
        OneShotGate& gate;
        ~OpenOnExit() { gate.open(); }
    };

   private:
    std::mutex m_mutex;
    std::condition_variable m_opened;
    bool m_open = false;
};

// Runs `helper` on a new thread (capped at one OpenMP thread) while the caller runs `own`; returns once both are
// done. An exception from either is rethrown here (the caller's first). The helper thread inherits the
// caller's scheduling priority (nice value) on Linux.
void runSideBySide(const std::function<void()>& helper, const std::function<void()>& own);

// Runs task(0) ... task(count - 1), each once, on the calling thread and one helper (runSideBySide): each thread
// takes the next task not yet started, so list them costliest first. task(i, ctx) gets the caller's `ctx` or a
// helper context cancelled with it. Returns when all are done; exceptions as runSideBySide.
void runTasksOnTwoThreads(size_t count, const std::function<void(size_t task, JobContext& ctx)>& task, JobContext& ctx);

// Splits [0, n) into `threads` contiguous ranges and calls body(begin, end, part) for each, part 0 on the
// calling thread and the others on short-lived threads; returns when all are done. threads <= 0 means the
// hardware's concurrency (at most 8). An exception from any part is rethrown after all have finished.
void parallelRanges(size_t n, int threads, const std::function<void(size_t begin, size_t end, int part)>& body);

// The thread count parallelRanges uses for `threads` <= 0.
int defaultRangeThreads();

}  // namespace lb
