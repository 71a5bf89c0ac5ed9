// A queue of closures that worker threads post and the GUI thread runs at the start of each frame.
//
// Why: session state and GPU objects are touched only on the main thread (the GL context is current there,
// and the UI reads the state without locks). A finished job therefore never writes its result into the app
// state itself; it posts a closure here, and the frame loop calls drain() before building the UI, so every
// state change happens between two frames.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace lb {

class MainThreadQueue {
   public:
    using Task = std::function<void()>;

    // Any thread. The task runs on the thread that calls drain(), in posting order.
    void post(Task task);

    // Main thread only. Runs every task posted before the call (tasks posted while draining run at the next
    // drain, so a task that re-posts itself cannot loop forever). Returns the number of tasks run.
    size_t drain();

    // Any thread. Number of tasks waiting.
    size_t pending() const;

    // Called (on the posting thread) after every post, e.g. glfwPostEmptyEvent so a GUI loop sleeping in
    // glfwWaitEvents wakes up and drains at once. Set it before any worker posts. Must be thread-safe.
    void setWakeup(std::function<void()> wake);

   private:
    mutable std::mutex m_mutex;
    std::vector<Task> m_tasks;
    std::function<void()> m_wake;
};

}  // namespace lb
