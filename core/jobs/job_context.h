// Progress reporting and cancellation for long core calls.
//
// A long function takes `JobContext&`, calls setStage()/advance() every 10-50 ms of work and returns
// Status::cancelled() soon after cancelled() turns true. All members are safe to call from any thread:
// the worker writes progress, the GUI (or the CLI's printer) reads it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace lb {

class JobContext {
   public:
    JobContext() = default;
    // A context for a helper thread of `parent`'s job: progress of its own (nobody watches it), cancelled
    // whenever the parent is, so the helper stops with the job. `parent` must outlive it.
    explicit JobContext(const JobContext* parent) : m_parent(parent) {}
    JobContext(const JobContext&) = delete;
    JobContext& operator=(const JobContext&) = delete;
    virtual ~JobContext() = default;

    // Starts a new stage of `total` work units ("covariance", 100000 rows).
    void setStage(std::string label, uint64_t total);
    void advance(uint64_t n = 1);
    void cancel() { m_cancel.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed) || (m_parent && m_parent->cancelled()); }

    // Fraction of the current stage in [0, 1]; 0 when the stage has no total.
    float fraction() const;
    std::string stage() const;

   protected:
    // Called after every setStage()/advance(); the CLI overrides it to print throttled progress lines.
    virtual void onProgress() {}

   private:
    std::atomic<uint64_t> m_done{0};
    std::atomic<uint64_t> m_total{0};
    std::atomic<bool> m_cancel{false};
    const JobContext* m_parent = nullptr;
    mutable std::mutex m_stageMutex;
    std::string m_stage;
};

// A context nobody watches, for tests and synchronous calls that need no progress.
inline JobContext& silentJob() {
    thread_local JobContext ctx;
    return ctx;
}

}  // namespace lb
