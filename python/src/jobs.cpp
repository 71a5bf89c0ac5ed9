// Long calls: the work on a worker thread without the GIL, the caller watching for Ctrl+C and reporting progress.
#include "python/src/bindings.h"

#include <chrono>
#include <future>

namespace lb::py {

void runJob(const pyb::object& progress, const std::function<void(JobContext&)>& work) {
    JobContext ctx;
    std::exception_ptr thrown;
    std::promise<void> finished;
    std::future<void> done = finished.get_future();
    // A thread of its own rather than a pool: the core parallelizes inside (OpenMP), and several Python threads
    // (Dask's threaded scheduler) may each run a call at the same time.
    std::thread worker([&] {
        try {
            work(ctx);
        } catch (...) {
            thrown = std::current_exception();
        }
        finished.set_value();
    });
    std::optional<pyb::error_already_set> pending;  // a Python exception to re-raise once the worker stopped
    std::exception_ptr callbackFailure;             // a C++ exception from calling the callback (a failed cast)
    bool cancelledByCallback = false;
    for (;;) {
        bool ready = false;
        {
            pyb::gil_scoped_release release;
            ready = done.wait_for(std::chrono::milliseconds(50)) == std::future_status::ready;
        }
        if (ready) break;
        if (pending || cancelledByCallback || callbackFailure) continue;
        if (PyErr_CheckSignals() != 0) {
            pending.emplace();  // fetches KeyboardInterrupt (or whatever a signal handler raised)
            ctx.cancel();
            continue;
        }
        if (!progress.is_none()) {
            try {
                const pyb::object r = progress(ctx.stage(), ctx.fraction());
                if (r.is(pyb::bool_(false))) {
                    cancelledByCallback = true;
                    ctx.cancel();
                }
            } catch (pyb::error_already_set& e) {
                pending.emplace(std::move(e));
                ctx.cancel();
            } catch (...) {
                callbackFailure = std::current_exception();
                ctx.cancel();
            }
        }
    }
    worker.join();
    if (pending) throw std::move(*pending);
    if (callbackFailure) std::rethrow_exception(callbackFailure);
    if (cancelledByCallback) raise(Error{ErrorCode::Cancelled, "cancelled by the progress callback", {}, {}});
    if (thrown) {
        try {
            std::rethrow_exception(thrown);
        } catch (const CoreError&) {
            throw;
        } catch (const std::bad_alloc&) {
            raise(errorFromException(std::current_exception(), "latentbridge"));
        } catch (const pyb::error_already_set&) {
            throw;
        } catch (const std::exception&) {
            raise(errorFromException(std::current_exception(), "latentbridge"));
        }
    }
    if (!progress.is_none()) progress(ctx.stage(), 1.0);
}

}  // namespace lb::py
