// Background jobs for the GUI: a small pool of worker threads running closures that take a JobContext.
//
// [SECTION] JobHandle   [SECTION] JobRunner   [SECTION] LatestJob (latest-wins slot for live previews)
//
// Threading contract:
//  - work(ctx) runs on a worker thread. It reads immutable inputs it captured (shared_ptr<const ...>) and
//    reports progress through ctx; it never touches app state.
//  - Every exception escaping work is caught at the job boundary and becomes a failed Status
//    (errorFromException: std::bad_alloc from a huge N x D -> OutOfMemory, anything else -> Internal);
//    nothing propagates to the worker loop.
//  - onDone(status) is posted to the MainThreadQueue and runs on the main thread at the next drain(), where
//    it may change app state. It runs for failed and cancelled jobs too (status says which).
//  - A JobHandle is a weak-ish view (shared ownership of a small record): safe to query from the main thread
//    while the worker writes progress.
#pragma once

#include "core/jobs/job_context.h"
#include "core/jobs/main_thread_queue.h"
#include "core/status.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lb {

namespace detail {
struct JobRecord;
}

// Interactive jobs (live previews the user is waiting for, e.g. the anchor update) run on workers that serve
// only them (general workers take them only when there are none), so a long analysis job cannot delay an
// anchor edit's views.
enum class JobPriority { Normal, Interactive };

// How many cores a job's OpenMP regions (and Eigen's products) may use. All: the machine's. One: a single
// thread, for live previews submitted together (the similarity and stitching panels after an anchor edit):
// they then run side by side on the general workers. Two OpenMP teams sharing the same cores slow each job
// down many times over (every small product's barrier waits for a descheduled thread).
enum class JobThreads { All, One };

// ------------------------------------------------------------------------------------------ JobHandle
class JobHandle {
   public:
    JobHandle() = default;
    explicit JobHandle(std::shared_ptr<detail::JobRecord> rec) : m_rec(std::move(rec)) {}

    bool valid() const { return m_rec != nullptr; }
    // Queued or running (work has not returned yet). False for an invalid handle.
    bool running() const;
    // Work returned (or threw, or was cancelled before it started).
    bool finished() const;
    // Progress of the current stage in [0, 1] and its label ("covariance"); 0 / "" for an invalid handle.
    float fraction() const;
    std::string stage() const;
    std::string name() const;
    uint64_t id() const;
    // Wall time of work() in milliseconds once finished, else the time it has been running (0 while queued).
    double elapsedMs() const;
    // Asks the job to stop; work sees ctx.cancelled() and should return Status::cancelled() soon.
    void cancel() const;
    bool cancelRequested() const;

   private:
    std::shared_ptr<detail::JobRecord> m_rec;
};

// ------------------------------------------------------------------------------------------ JobRunner
class JobRunner {
   public:
    using Work = std::function<Status(JobContext&)>;
    using Done = std::function<void(const Status&)>;

    // `threads` general workers (default 2) plus `interactiveThreads` workers that run only Interactive jobs
    // (default 1). `queue` must outlive the runner. Main thread only.
    // generalNice > 0 lowers the general workers' scheduling priority by that nice increment (Linux threads
    // have their own; OpenMP threads they start inherit it): the app's frames and its interactive jobs then
    // win the cores, and the analysis jobs take what is left, instead of stretching the frame that shows an
    // anchor edit's views.
    explicit JobRunner(MainThreadQueue& queue, int threads = 2, int interactiveThreads = 1, int generalNice = 0);
    // Cancels every job, waits for running ones to return and drops their completions (nothing is posted
    // after destruction starts). Main thread only.
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Queues work; onDone (optional) is posted to the queue when work returns. Any thread.
    JobHandle submit(std::string name, Work work, Done onDone = {}, JobPriority priority = JobPriority::Normal,
                     JobThreads threads = JobThreads::All);

    // Same for work returning Result<T>: onDone receives the value or the error (cancelled included).
    template <class T>
    JobHandle submitResult(std::string name, std::function<Result<T>(JobContext&)> work,
                           std::function<void(Result<T>)> onDone, JobPriority priority = JobPriority::Normal,
                           JobThreads threads = JobThreads::All);

    // Jobs queued or running, oldest first (for the status bar). Any thread.
    std::vector<JobHandle> activeJobs() const;
    void cancelAll();
    // Blocks until no job is queued or running, or the timeout passes; returns true when idle. Does not
    // drain the queue. For tests and orderly shutdown.
    bool waitIdle(std::chrono::milliseconds timeout);
    MainThreadQueue& queue() { return m_queue; }

   private:
    void workerLoop(bool interactiveOnly);
    void runOne(const std::shared_ptr<detail::JobRecord>& rec);

    MainThreadQueue& m_queue;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;                                // workers wait for jobs
    std::condition_variable m_idle;                                // waitIdle waits for the last job to finish
    std::deque<std::shared_ptr<detail::JobRecord>> m_pending;      // normal jobs, FIFO
    std::deque<std::shared_ptr<detail::JobRecord>> m_interactive;  // interactive jobs, FIFO, taken first
    std::vector<std::shared_ptr<detail::JobRecord>> m_active;      // queued + running
    std::vector<std::thread> m_threads;
    int m_interactiveWorkers = 0;  // set before any worker starts
    uint64_t m_nextId = 1;
    bool m_stopping = false;
};

template <class T>
JobHandle JobRunner::submitResult(std::string name, std::function<Result<T>(JobContext&)> work,
                                  std::function<void(Result<T>)> onDone, JobPriority priority, JobThreads threads) {
    // The value travels from the worker to the main thread in a shared slot; the status decides whether the
    // slot or the error is handed over (an exception leaves the slot empty).
    auto slot = std::make_shared<std::optional<Result<T>>>();
    Work w = [slot, work = std::move(work)](JobContext& ctx) -> Status {
        slot->emplace(work(ctx));
        return (*slot)->status();
    };
    Done d;
    if (onDone) {
        d = [slot, onDone = std::move(onDone)](const Status& s) {
            if (s.isOk() && slot->has_value())
                onDone(std::move(**slot));
            else
                onDone(Result<T>(s.isOk() ? Status(Error{ErrorCode::NumericalIssue, "job produced no result", {}, {}})
                                          : s));
        };
    }
    return submit(std::move(name), std::move(w), std::move(d), priority, threads);
}

// --------------------------------------------------------------------------------- LatestJob (latest wins)
// One slot per live preview (e.g. "relative views for the current anchors"). Each submit cancels the
// previous job and bumps the generation; a completion whose generation is no longer current is dropped
// (its onDone never runs), so a slow stale result can never overwrite a newer one. Main thread only.
class LatestJob {
   public:
    LatestJob() : m_generation(std::make_shared<uint64_t>(0)) {}

    JobHandle submit(JobRunner& runner, std::string name, JobRunner::Work work, JobRunner::Done onDone,
                     JobPriority priority = JobPriority::Normal, JobThreads threads = JobThreads::All);

    template <class T>
    JobHandle submitResult(JobRunner& runner, std::string name, std::function<Result<T>(JobContext&)> work,
                           std::function<void(Result<T>)> onDone, JobPriority priority = JobPriority::Normal,
                           JobThreads threads = JobThreads::All) {
        m_handle.cancel();
        const uint64_t gen = ++*m_generation;
        std::weak_ptr<uint64_t> current = m_generation;
        auto guarded = [current, gen, onDone = std::move(onDone)](Result<T> r) {
            const auto g = current.lock();
            if (g && *g == gen && onDone) onDone(std::move(r));
        };
        m_handle = runner.submitResult<T>(std::move(name), std::move(work), std::move(guarded), priority, threads);
        return m_handle;
    }

    // Cancels the running job and makes any result still on its way stale.
    void invalidate();
    uint64_t generation() const { return *m_generation; }
    const JobHandle& handle() const { return m_handle; }
    bool running() const { return m_handle.running(); }

   private:
    // Shared with the completion closures through weak_ptr: a result arriving after the slot died is dropped.
    std::shared_ptr<uint64_t> m_generation;
    JobHandle m_handle;
};

}  // namespace lb
