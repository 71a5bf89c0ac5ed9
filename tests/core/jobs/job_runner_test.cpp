#include "core/jobs/job_runner.h"

#include <catch2/catch.hpp>

#include <omp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <new>
#include <stdexcept>
#include <thread>

using namespace lb;
using namespace std::chrono_literals;

namespace {

// Drains the queue until `pred` holds or 5 s pass (the runner posts completions asynchronously).
template <class Pred>
bool drainUntil(MainThreadQueue& q, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
        q.drain();
        if (pred()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

// Spins until the flag is set, reporting progress; returns cancelled when asked to stop.
Status spinUntilCancelled(JobContext& ctx, std::atomic<bool>& started) {
    ctx.setStage("spinning", 1000);
    started = true;
    for (int i = 0; i < 100000; ++i) {
        if (ctx.cancelled()) return Status::cancelled();
        if (i < 500) ctx.advance();
        std::this_thread::sleep_for(1ms);
    }
    return Status::ok();
}

}  // namespace

TEST_CASE("a job's completion runs on the draining thread with its status", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 2);
    bool done = false;
    std::thread::id doneThread;
    runner.submit(
        "ok", [](JobContext&) { return Status::ok(); },
        [&](const Status& s) {
            REQUIRE(s.isOk());
            done = true;
            doneThread = std::this_thread::get_id();
        });
    REQUIRE(drainUntil(q, [&] { return done; }));
    REQUIRE(doneThread == std::this_thread::get_id());
}

TEST_CASE("cancel mid-run stops the job and reports Cancelled", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 1);
    std::atomic<bool> started{false};
    bool done = false;
    ErrorCode code = ErrorCode::Ok;
    JobHandle h = runner.submit(
        "spin", [&](JobContext& ctx) { return spinUntilCancelled(ctx, started); },
        [&](const Status& s) {
            code = s.code();
            done = true;
        });
    while (!started) std::this_thread::sleep_for(1ms);
    REQUIRE(h.running());
    h.cancel();
    REQUIRE(drainUntil(q, [&] { return done; }));
    REQUIRE(code == ErrorCode::Cancelled);
    REQUIRE(h.finished());
    REQUIRE_FALSE(h.running());
    REQUIRE(runner.activeJobs().empty());
}

TEST_CASE("progress written by the worker is visible through the handle", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 1);
    std::atomic<bool> started{false};
    JobHandle h = runner.submit("spin", [&](JobContext& ctx) { return spinUntilCancelled(ctx, started); });
    while (!started) std::this_thread::sleep_for(1ms);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (h.fraction() < 0.05f && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    REQUIRE(h.fraction() >= 0.05f);
    REQUIRE(h.fraction() <= 1.0f);
    REQUIRE(h.stage() == "spinning");
    REQUIRE(h.name() == "spin");
    REQUIRE(runner.activeJobs().size() == 1);
    REQUIRE(h.elapsedMs() > 0.0);
    h.cancel();
    REQUIRE(runner.waitIdle(5s));
}

TEST_CASE("exceptions escaping a job become a failed Status", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 2);
    Status fromRuntime, fromAlloc, fromUnknown;
    int done = 0;
    runner.submit(
        "throws", [](JobContext&) -> Status { throw std::runtime_error("boom"); },
        [&](const Status& s) { fromRuntime = s, ++done; });
    runner.submit(
        "oom", [](JobContext&) -> Status { throw std::bad_alloc(); }, [&](const Status& s) { fromAlloc = s, ++done; });
    runner.submit(
        "int", [](JobContext&) -> Status { throw 42; }, [&](const Status& s) { fromUnknown = s, ++done; });
    REQUIRE(drainUntil(q, [&] { return done == 3; }));
    // Out of memory is neither an I/O nor a numerical failure, and an unexpected exception is a bug: each has
    // its own code, so the CLI's exit code and the GUI's message say which happened.
    REQUIRE(fromAlloc.code() == ErrorCode::OutOfMemory);
    CHECK(fromAlloc.error().message.find("out of memory") != std::string::npos);
    CHECK(fromAlloc.error().message.find("oom") != std::string::npos);
    REQUIRE(fromRuntime.code() == ErrorCode::Internal);
    CHECK(fromRuntime.error().message.find("internal error") != std::string::npos);
    CHECK(fromRuntime.error().message.find("boom") != std::string::npos);
    CHECK(fromRuntime.error().message.find("throws") != std::string::npos);
    REQUIRE(fromUnknown.code() == ErrorCode::Internal);
    // The runner survives and keeps running jobs.
    bool ok = false;
    runner.submit(
        "after", [](JobContext&) { return Status::ok(); }, [&](const Status& s) { ok = s.isOk(); });
    REQUIRE(drainUntil(q, [&] { return ok; }));
}

TEST_CASE("submitResult hands the value or the error to the main thread", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 1);
    std::optional<Result<int>> good, bad;
    runner.submitResult<int>(
        "good", [](JobContext&) -> Result<int> { return 7; }, [&](Result<int> r) { good.emplace(std::move(r)); });
    runner.submitResult<int>(
        "bad", [](JobContext&) -> Result<int> { return invalidArgument("K = 0"); },
        [&](Result<int> r) { bad.emplace(std::move(r)); });
    REQUIRE(drainUntil(q, [&] { return good && bad; }));
    REQUIRE(good->isOk());
    REQUIRE(good->value() == 7);
    REQUIRE_FALSE(bad->isOk());
    REQUIRE(bad->error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("latest wins: a stale generation's result is dropped", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 2);
    LatestJob slot;
    std::atomic<bool> release{false};
    std::vector<int> delivered;
    // The first job ignores cancellation on purpose (like a long non-cancellable step) and finishes after
    // the second: its completion must still be dropped.
    slot.submitResult<int>(
        runner, "first",
        [&](JobContext&) -> Result<int> {
            while (!release) std::this_thread::sleep_for(1ms);
            return 1;
        },
        [&](Result<int> r) { delivered.push_back(r.value()); });
    const uint64_t g1 = slot.generation();
    slot.submitResult<int>(
        runner, "second", [](JobContext&) -> Result<int> { return 2; },
        [&](Result<int> r) { delivered.push_back(r.value()); });
    REQUIRE(slot.generation() == g1 + 1);
    REQUIRE(drainUntil(q, [&] { return !delivered.empty(); }));
    release = true;
    REQUIRE(runner.waitIdle(5s));
    q.drain();
    REQUIRE(delivered == std::vector<int>{2});

    SECTION("invalidate drops the pending result too") {
        bool got = false;
        slot.submit(
            runner, "third", [](JobContext&) { return Status::ok(); }, [&](const Status&) { got = true; });
        slot.invalidate();
        REQUIRE(runner.waitIdle(5s));
        q.drain();
        REQUIRE_FALSE(got);
    }
}

TEST_CASE("destroying the runner cancels running jobs and never posts afterwards", "[jobs]") {
    MainThreadQueue q;
    std::atomic<bool> started{false};
    {
        JobRunner runner(q, 1);
        runner.submit(
            "spin", [&](JobContext& ctx) { return spinUntilCancelled(ctx, started); }, [](const Status&) {});
        runner.submit(
            "queued", [](JobContext&) { return Status::ok(); }, [](const Status&) {});
        while (!started) std::this_thread::sleep_for(1ms);
    }
    REQUIRE(q.pending() == 0);
}

TEST_CASE("an interactive job runs while normal jobs occupy every general worker", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 1, 1);
    std::atomic<bool> started{false};
    JobHandle slow = runner.submit("slow", [&](JobContext& ctx) { return spinUntilCancelled(ctx, started); });
    runner.submit("queued normal", [](JobContext&) { return Status::ok(); });
    while (!started) std::this_thread::sleep_for(1ms);
    bool done = false;
    runner.submit(
        "interactive", [](JobContext&) { return Status::ok(); }, [&](const Status& s) { done = s.isOk(); },
        JobPriority::Interactive);
    REQUIRE(drainUntil(q, [&] { return done; }));
    REQUIRE(slow.running());  // the slow normal job is still going: the interactive one did not wait for it
    slow.cancel();
    REQUIRE(runner.waitIdle(5s));
}

TEST_CASE("a JobThreads::One job runs its OpenMP regions on one thread; the worker keeps its setting after", "[jobs]") {
    MainThreadQueue q;
    JobRunner runner(q, 1, 0);  // one worker: both jobs run on the same thread, one after the other
    std::atomic<int> inSingle{-1}, inAll{-1};
    auto teamSize = [](std::atomic<int>& out) {
        return [&out](JobContext&) {
            int size = 0;
#pragma omp parallel
            {
#pragma omp single
                size = omp_get_num_threads();
            }
            out = size;
            return Status::ok();
        };
    };
    runner.submit("single", teamSize(inSingle), {}, JobPriority::Normal, JobThreads::One);
    runner.submit("all", teamSize(inAll));
    REQUIRE(runner.waitIdle(5s));
    CHECK(inSingle == 1);
    CHECK(inAll == omp_get_max_threads());
}

TEST_CASE("general workers run at the nice increment asked for, the interactive worker at the caller's", "[jobs]") {
    MainThreadQueue q;
    const int callerNice = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
    JobRunner runner(q, 1, 1, 5);
    std::atomic<int> general{-100}, interactive{-100};
    auto niceOf = [](std::atomic<int>& out) {
        return [&out](JobContext&) {
            out = getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
            return Status::ok();
        };
    };
    runner.submit("normal", niceOf(general));
    runner.submit("interactive", niceOf(interactive), {}, JobPriority::Interactive);
    REQUIRE(runner.waitIdle(5s));
    CHECK(general == std::min(callerNice + 5, 19));
    CHECK(interactive == callerNice);
}
