#include "core/jobs/concurrency.h"

#include "core/jobs/job_context.h"

#include <omp.h>

#include <algorithm>
#include <atomic>

namespace lb {

ScopedOmpThreads::ScopedOmpThreads(int threads) : m_saved(omp_get_max_threads()) {
    omp_set_num_threads(std::max(1, threads));
}

ScopedOmpThreads::~ScopedOmpThreads() {
    omp_set_num_threads(m_saved);
}

void OneShotGate::open() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_open = true;
    }
    m_opened.notify_all();
}

void OneShotGate::wait() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_opened.wait(lock, [this] { return m_open; });
}

void runSideBySide(const std::function<void()>& helper, const std::function<void()>& own) {
    std::exception_ptr helperError;
    std::thread thread([&] {
        omp_set_num_threads(1);
        try {
            helper();
        } catch (...) {
            helperError = std::current_exception();
        }
    });
    std::exception_ptr ownError;
    try {
        own();
    } catch (...) {
        ownError = std::current_exception();
    }
    thread.join();
    if (ownError) std::rethrow_exception(ownError);
    if (helperError) std::rethrow_exception(helperError);
}

void runTasksOnTwoThreads(size_t count, const std::function<void(size_t, JobContext&)>& task, JobContext& ctx) {
    std::atomic<size_t> next{0};
    JobContext helperCtx(&ctx);
    const auto drain = [&](JobContext& c) {
        for (size_t i; (i = next.fetch_add(1)) < count;) task(i, c);
    };
    runSideBySide([&] { drain(helperCtx); }, [&] { drain(ctx); });
}

int defaultRangeThreads() {
    return static_cast<int>(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
}

void parallelRanges(size_t n, int threads, const std::function<void(size_t, size_t, int)>& body) {
    if (threads <= 0) threads = defaultRangeThreads();
    const size_t parts = static_cast<size_t>(threads);
    std::vector<std::exception_ptr> errors(parts);
    std::vector<std::thread> pool;
    pool.reserve(parts - 1);
    const auto run = [&](size_t t) {
        try {
            body(n * t / parts, n * (t + 1) / parts, static_cast<int>(t));
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    for (size_t t = 1; t < parts; ++t) pool.emplace_back(run, t);
    run(0);
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace lb
