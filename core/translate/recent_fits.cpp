#include "core/translate/recent_fits.h"

#include <algorithm>
#include <cstring>
#include <future>
#include <list>
#include <memory>
#include <mutex>

namespace lb {

namespace {

struct KeptFit {
    RowMatrixXf anchorsX, anchorsY;  // K × D, K × D': what the fit saw
    TranslationOptions options;
    FitReport reporting = FitReport::Skip;
    std::shared_future<Result<Translator>> result;
    size_t bytes = 0;  // anchors and the translator's map
};

bool sameOptions(const TranslationOptions& a, const TranslationOptions& b) {
    return a.method == b.method && a.scaling == b.scaling && a.l2 == b.l2 && a.ridge == b.ridge;
}

bool sameBits(const RowMatrixXf& kept, const ConstRowMatrixRef& asked) {
    if (kept.rows() != asked.rows() || kept.cols() != asked.cols()) return false;
    for (Index r = 0; r < kept.rows(); ++r)
        if (std::memcmp(kept.row(r).data(), asked.row(r).data(), sizeof(float) * static_cast<size_t>(kept.cols())))
            return false;
    return true;
}

class RecentFits {
   public:
    Result<Translator> get(const ConstRowMatrixRef& ax, const ConstRowMatrixRef& ay, const TranslationOptions& o,
                           FitReport reporting, const std::function<Result<Translator>()>& fit) {
        std::shared_ptr<KeptFit> mine;
        std::promise<Result<Translator>> promise;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            for (auto it = m_fits.begin(); it != m_fits.end(); ++it) {
                const KeptFit& k = **it;
                if (k.reporting != reporting || !sameOptions(k.options, o) || !sameBits(k.anchorsX, ax) ||
                    !sameBits(k.anchorsY, ay))
                    continue;
                m_fits.splice(m_fits.begin(), m_fits, it);  // most recently used first
                const std::shared_future<Result<Translator>> kept = k.result;
                lock.unlock();
                Result<Translator> r = kept.get();  // waits while another thread fits (rethrows what it threw)
                if (r || r.error().code != ErrorCode::Cancelled) return r;
                lock.lock();
                break;  // that job was cancelled: fit with this one (the list may have changed meanwhile)
            }
            const size_t anchorBytes = sizeof(float) * static_cast<size_t>(ax.size() + ay.size());
            if (anchorBytes < kRecentFitBytes) {
                mine = std::make_shared<KeptFit>();
                mine->anchorsX = ax;
                mine->anchorsY = ay;
                mine->options = o;
                mine->reporting = reporting;
                mine->result = promise.get_future().share();
                mine->bytes = anchorBytes;
                m_fits.push_front(mine);
            }
        }
        Result<Translator> r = Status::cancelled().error();
        try {
            r = fit();
        } catch (...) {
            if (mine) {
                promise.set_exception(std::current_exception());
                forget(mine);
            }
            throw;
        }
        if (!mine) return r;
        promise.set_value(r);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!r && r.error().code == ErrorCode::Cancelled) {
            m_fits.remove(mine);
            return r;
        }
        if (r) mine->bytes += r->mapBytes();
        evictBeyondBound();
        return r;
    }

    void clear() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_fits.clear();
    }

   private:
    void forget(const std::shared_ptr<KeptFit>& fit) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_fits.remove(fit);
    }
    // Oldest first out until the kept fits fit the bound (one in flight counts only its anchors).
    void evictBeyondBound() {
        size_t total = 0;
        for (auto it = m_fits.begin(); it != m_fits.end();) {
            total += (*it)->bytes;
            it = total > kRecentFitBytes ? m_fits.erase(it) : std::next(it);
        }
    }

    std::mutex m_mutex;
    std::list<std::shared_ptr<KeptFit>> m_fits;  // most recently used first
};

RecentFits& recentFits() {
    static RecentFits fits;
    return fits;
}

}  // namespace

Result<Translator> reuseOrFit(const ConstRowMatrixRef& anchorsX, const ConstRowMatrixRef& anchorsY,
                              const TranslationOptions& options, FitReport reporting,
                              const std::function<Result<Translator>()>& fit) {
    return recentFits().get(anchorsX, anchorsY, options, reporting, fit);
}

void forgetRecentFits() {
    recentFits().clear();
}

}  // namespace lb
