#include "core/jobs/main_thread_queue.h"

namespace lb {

void MainThreadQueue::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_tasks.push_back(std::move(task));
        wake = m_wake;
    }
    if (wake) wake();
}

void MainThreadQueue::setWakeup(std::function<void()> wake) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_wake = std::move(wake);
}

size_t MainThreadQueue::drain() {
    std::vector<Task> batch;
    {
        // Swap out under the lock and run outside it: a task may post (or a worker may post meanwhile)
        // without deadlocking.
        std::lock_guard<std::mutex> lock(m_mutex);
        batch.swap(m_tasks);
    }
    for (Task& t : batch) {
        if (t) t();
    }
    return batch.size();
}

size_t MainThreadQueue::pending() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_tasks.size();
}

}  // namespace lb
