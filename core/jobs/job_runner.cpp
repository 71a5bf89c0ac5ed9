#include "core/jobs/job_runner.h"

#include <omp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>

namespace lb {

namespace detail {

enum class JobState { Queued, Running, Finished };

// A job's shared record: the context the worker reports into plus what the handle shows.
struct JobRecord : JobContext {
    std::string name;
    uint64_t id = 0;
    std::atomic<JobState> state{JobState::Queued};
    std::atomic<int64_t> startNs{0};
    std::atomic<int64_t> endNs{0};
    JobRunner::Work work;
    JobRunner::Done done;
    JobThreads threads = JobThreads::All;
};

}  // namespace detail

using detail::JobRecord;
using detail::JobState;

static int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// ------------------------------------------------------------------------------------------ JobHandle
bool JobHandle::running() const {
    return m_rec && m_rec->state.load() != JobState::Finished;
}
bool JobHandle::finished() const {
    return m_rec && m_rec->state.load() == JobState::Finished;
}
float JobHandle::fraction() const {
    return m_rec ? m_rec->fraction() : 0.0f;
}
std::string JobHandle::stage() const {
    return m_rec ? m_rec->stage() : std::string();
}
std::string JobHandle::name() const {
    return m_rec ? m_rec->name : std::string();
}
uint64_t JobHandle::id() const {
    return m_rec ? m_rec->id : 0;
}
void JobHandle::cancel() const {
    if (m_rec) m_rec->cancel();
}
bool JobHandle::cancelRequested() const {
    return m_rec && m_rec->cancelled();
}

double JobHandle::elapsedMs() const {
    if (!m_rec) return 0.0;
    const int64_t start = m_rec->startNs.load();
    if (start == 0) return 0.0;
    const int64_t end = m_rec->state.load() == JobState::Finished ? m_rec->endNs.load() : nowNs();
    return static_cast<double>(end - start) / 1e6;
}

// ------------------------------------------------------------------------------------------ JobRunner
JobRunner::JobRunner(MainThreadQueue& queue, int threads, int interactiveThreads, int generalNice)
    : m_queue(queue), m_interactiveWorkers(std::max(0, interactiveThreads)) {
    const int n = std::max(1, threads);
    for (int i = 0; i < n; ++i)
        m_threads.emplace_back([this, generalNice] {
            // Best effort: raising one's own nice value is always allowed; a failure leaves the default. An
            // increment over the nice value the thread inherited (an app started with `nice` keeps its workers
            // below its frames, and a root process is not lifted above it).
            if (generalNice > 0) {
                const auto tid = static_cast<id_t>(syscall(SYS_gettid));
                errno = 0;
                const int inherited = getpriority(PRIO_PROCESS, tid);
                if (errno == 0) (void)setpriority(PRIO_PROCESS, tid, std::min(inherited + generalNice, 19));
            }
            workerLoop(false);
        });
    for (int i = 0; i < interactiveThreads; ++i) m_threads.emplace_back([this] { workerLoop(true); });
}

JobRunner::~JobRunner() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        for (auto& rec : m_active) rec->cancel();
        // Queued jobs never start: they finish as cancelled without posting.
        for (auto* q : {&m_pending, &m_interactive}) {
            for (auto& rec : *q) {
                rec->state.store(JobState::Finished);
                rec->work = nullptr;
                rec->done = nullptr;
            }
            q->clear();
        }
    }
    m_wake.notify_all();
    for (auto& t : m_threads) t.join();
}

JobHandle JobRunner::submit(std::string name, Work work, Done onDone, JobPriority priority, JobThreads threads) {
    auto rec = std::make_shared<JobRecord>();
    rec->name = std::move(name);
    rec->work = std::move(work);
    rec->done = std::move(onDone);
    rec->threads = threads;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        rec->id = m_nextId++;
        if (m_stopping) {
            rec->state.store(JobState::Finished);
            return JobHandle(rec);
        }
        (priority == JobPriority::Interactive ? m_interactive : m_pending).push_back(rec);
        m_active.push_back(rec);
    }
    // notify_all: the one woken worker might be an interactive-only one that cannot take a normal job.
    m_wake.notify_all();
    return JobHandle(rec);
}

std::vector<JobHandle> JobRunner::activeJobs() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<JobHandle> out;
    out.reserve(m_active.size());
    for (const auto& rec : m_active) out.emplace_back(rec);
    return out;
}

void JobRunner::cancelAll() {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto& rec : m_active) rec->cancel();
}

bool JobRunner::waitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_active.empty(); });
}

void JobRunner::workerLoop(bool interactiveOnly) {
    for (;;) {
        std::shared_ptr<JobRecord> rec;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            // Interactive jobs go to the interactive workers when there are any: a general worker may run at a
            // lower priority (generalNice).
            const bool takesInteractive = interactiveOnly || m_interactiveWorkers == 0;
            const auto interactiveReady = [&] { return takesInteractive && !m_interactive.empty(); };
            const auto hasWork = [&] { return interactiveReady() || (!interactiveOnly && !m_pending.empty()); };
            m_wake.wait(lock, [&] { return m_stopping || hasWork(); });
            if (m_stopping) return;  // the destructor already finished every queued job as cancelled
            auto& q = interactiveReady() ? m_interactive : m_pending;
            rec = q.front();
            q.pop_front();
        }
        runOne(rec);
    }
}

// Runs one job and converts whatever happens into a Status: this is the job boundary, so no exception reaches
// the worker loop (where it would end the process).
static Status runGuarded(JobRecord& rec) {
    if (rec.cancelled()) return Status::cancelled();
    try {
        return rec.work(rec);
    } catch (...) {
        return errorFromException(std::current_exception(), "\"" + rec.name + "\"");
    }
}

void JobRunner::runOne(const std::shared_ptr<JobRecord>& rec) {
    rec->startNs.store(nowNs());
    rec->state.store(JobState::Running);
    // nthreads-var is per thread: this worker's later OpenMP regions (and Eigen's products) follow it.
    const int ompThreads = omp_get_max_threads();
    if (rec->threads == JobThreads::One) omp_set_num_threads(1);
    const Status status = runGuarded(*rec);
    omp_set_num_threads(ompThreads);
    rec->endNs.store(nowNs());
    Done done = std::move(rec->done);
    rec->work = nullptr;  // release captured inputs now, not when the last handle dies
    rec->done = nullptr;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        rec->state.store(JobState::Finished);
        m_active.erase(std::remove(m_active.begin(), m_active.end(), rec), m_active.end());
        // After destruction started nobody will drain the queue: drop the completion.
        if (done && !m_stopping) m_queue.post([done = std::move(done), status] { done(status); });
        if (m_active.empty()) m_idle.notify_all();
    }
}

// --------------------------------------------------------------------------------- LatestJob
JobHandle LatestJob::submit(JobRunner& runner, std::string name, JobRunner::Work work, JobRunner::Done onDone,
                            JobPriority priority, JobThreads threads) {
    m_handle.cancel();
    const uint64_t gen = ++*m_generation;
    std::weak_ptr<uint64_t> current = m_generation;
    auto guarded = [current, gen, onDone = std::move(onDone)](const Status& s) {
        const auto g = current.lock();
        if (g && *g == gen && onDone) onDone(s);
    };
    m_handle = runner.submit(std::move(name), std::move(work), std::move(guarded), priority, threads);
    return m_handle;
}

void LatestJob::invalidate() {
    m_handle.cancel();
    ++*m_generation;
}

}  // namespace lb
