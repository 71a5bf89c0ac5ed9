#include "core/jobs/job_context.h"

namespace lb {

void JobContext::setStage(std::string label, uint64_t total) {
    {
        std::lock_guard<std::mutex> lock(m_stageMutex);
        m_stage = std::move(label);
    }
    m_total.store(total, std::memory_order_relaxed);
    m_done.store(0, std::memory_order_relaxed);
    onProgress();
}

void JobContext::advance(uint64_t n) {
    m_done.fetch_add(n, std::memory_order_relaxed);
    onProgress();
}

float JobContext::fraction() const {
    const uint64_t total = m_total.load(std::memory_order_relaxed);
    if (total == 0) return 0.0f;
    const uint64_t done = m_done.load(std::memory_order_relaxed);
    return done >= total ? 1.0f : static_cast<float>(static_cast<double>(done) / static_cast<double>(total));
}

std::string JobContext::stage() const {
    std::lock_guard<std::mutex> lock(m_stageMutex);
    return m_stage;
}

}  // namespace lb
