#include "app/cli/cli_common.h"

#include "app/cli/exit_codes.h"
#include "core/io/load_space.h"
#include "core/relative/anchor_selection.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unordered_set>

#include <unistd.h>

namespace lb::cli {

static bool g_dropNonFinite = false;

void setDropNonFinite(bool drop) {
    g_dropNonFinite = drop;
}

Result<LatentSpace> loadSpaceOrError(const std::string& path, bool quiet) {
    LoadOptions options;
    options.dropNonFinite = g_dropNonFinite;
    Result<LatentSpace> loaded = loadSpace(path, options);
    if (!loaded) return loaded;
    if (!g_dropNonFinite) {
        const NonFiniteReport nf = nonFiniteRows(*loaded);
        if (nf.count > 0)
            return Error{
                ErrorCode::BadInput, describeNonFinite(nf) + "; pass --drop-nonfinite to leave them out", path, {}};
    }
    if (!quiet)
        for (const Warning& w : loaded->warnings)
            std::fprintf(stderr, "latentbridge-cli: warning: %s\n", w.describe().c_str());
    return loaded;
}

// A count is digits only; "12abc", "-3" and "" are not counts.
static bool parseCount(const std::string& text, long long& out) {
    if (text.empty() || text.size() > 18) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    out = std::strtoll(text.c_str(), nullptr, 10);
    return true;
}

static bool isAnchorFile(const std::string& spec) {
    std::error_code ec;
    return std::filesystem::is_regular_file(spec, ec);
}

static Result<Index> checkedCount(const std::string& spec, Index available, const std::string& what) {
    long long k = 0;
    if (!parseCount(spec, k))
        return invalidArgument("--anchors \"" + spec + "\" is neither an anchor file nor a count");
    if (k == 0) return invalidArgument("--anchors 0: at least one anchor is needed");
    if (k > available)
        return invalidArgument("--anchors " + spec + ": more anchors than " + what + " (" + std::to_string(available) +
                               ")");
    return static_cast<Index>(k);
}

Result<std::vector<Index>> resolveAnchors(const std::string& spec, const LatentSpace& space, uint64_t seed) {
    if (isAnchorFile(spec)) return readAnchorFile(spec, space);
    Result<Index> k = checkedCount(spec, space.n(), "rows in " + space.path);
    if (!k) return k.error();
    return randomSubset(space.n(), *k, seed);
}

Result<std::vector<Index>> resolveAnchorsAmong(const std::string& spec, const LatentSpace& space, uint64_t seed,
                                               const std::vector<Index>& candidates, const std::string& otherPath) {
    if (isAnchorFile(spec)) {
        Result<std::vector<Index>> rows = readAnchorFile(spec, space);
        if (!rows) return rows;
        const std::unordered_set<Index> allowed(candidates.begin(), candidates.end());
        for (Index r : *rows)
            if (!allowed.count(r)) {
                const std::string name =
                    space.hasKeys() ? "key '" + space.keys[static_cast<size_t>(r)] + "'" : "row " + std::to_string(r);
                Error e = invalidArgument("anchor " + name + " has no matching row in " + otherPath);
                e.path = spec;
                return e;
            }
        return rows;
    }
    Result<Index> k = checkedCount(spec, static_cast<Index>(candidates.size()), "rows shared with " + otherPath);
    if (!k) return k.error();
    std::vector<Index> picked = randomSubset(static_cast<Index>(candidates.size()), *k, seed);
    for (Index& p : picked) p = candidates[static_cast<size_t>(p)];
    return picked;
}

bool getSeed(const Args& args, uint64_t& seed, std::string& error) {
    long long s = 0;
    if (!args.getInt("--seed", 0, s, error)) return false;
    if (s < 0) {
        error = "--seed must be >= 0";
        return false;
    }
    seed = static_cast<uint64_t>(s);
    return true;
}

std::vector<std::string> splitList(const std::string& text, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(sep, start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

void printJson(const nlohmann::json& object) {
    std::cout << object.dump() << "\n" << std::flush;
}

CliProgress::CliProgress(bool quiet) : m_quiet(quiet), m_terminal(isatty(fileno(stderr)) != 0) {}

CliProgress::~CliProgress() {
    finish();
}

// "12s", "3m05s", "1h02m": the remaining time of a stage, extrapolated from its elapsed time.
static std::string formatEta(double seconds) {
    const long long s = static_cast<long long>(seconds + 0.5);
    char text[32];
    if (s < 60)
        std::snprintf(text, sizeof text, "%llds", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%lldm%02llds", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    return text;
}

void CliProgress::finish() {
    if (m_quiet) return;
    std::lock_guard<std::mutex> lock(m_printMutex);
    if (m_lineOpen) std::fprintf(stderr, m_terminal ? "\r[%s] 100%%\033[K\n" : "[%s] 100%%\n", m_lastStage.c_str());
    m_lineOpen = false;
}

void CliProgress::onProgress() {
    if (m_quiet) return;
    // try_lock: workers advancing in parallel must never wait on the printer.
    std::unique_lock<std::mutex> lock(m_printMutex, std::try_to_lock);
    if (!lock.owns_lock()) return;
    const auto now = std::chrono::steady_clock::now();
    const std::string label = stage();
    const float f = fraction();
    const bool newStage = label != m_lastStage;
    if (newStage && m_lineOpen)
        std::fprintf(stderr, m_terminal ? "\r[%s] 100%%\033[K\n" : "[%s] 100%%\n", m_lastStage.c_str());
    if (newStage) m_stageStart = now;
    if (!newStage && f < 1.0f && now - m_lastPrint < std::chrono::milliseconds(250)) return;
    if (!newStage && f >= 1.0f && !m_lineOpen) return;  // end of stage already printed
    const int percent = static_cast<int>(f * 100.0f);
    if (!m_terminal) {
        std::fprintf(stderr, "[%s] %d%%\n", label.c_str(), percent);
    } else if (f >= 1.0f) {
        std::fprintf(stderr, "\r[%s] 100%%\033[K\n", label.c_str());
    } else {
        const double elapsed = std::chrono::duration<double>(now - m_stageStart).count();
        // An ETA from the first percent or second is noise; show it once the rate means something.
        const std::string eta = (f > 0.01f && elapsed > 1.0) ? ", ETA " + formatEta(elapsed * (1.0 - f) / f) : "";
        std::fprintf(stderr, "\r[%s] %d%%%s\033[K", label.c_str(), percent, eta.c_str());
        std::fflush(stderr);
    }
    m_lastPrint = now;
    m_lastStage = label;
    m_lineOpen = f < 1.0f;
}

int refuseBinaryStdout(const std::string& command, const std::string& out) {
    if (out != kStdoutPath) return 0;
    return usageError(command, "--out - (stdout) is only for text output; this command writes a binary .npy file");
}

nlohmann::json reportWarnings(const std::vector<Warning>& warnings, bool quiet) {
    nlohmann::json out = nlohmann::json::array();
    for (const Warning& w : warnings) {
        if (!quiet) std::fprintf(stderr, "latentbridge-cli: warning: %s\n", w.describe().c_str());
        out.push_back(w.describe());
    }
    return out;
}

}  // namespace lb::cli
