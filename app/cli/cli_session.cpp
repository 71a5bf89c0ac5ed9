#include "app/cli/cli_session.h"

#include "app/cli/cli_common.h"
#include "app/cli/metric_args.h"
#include "core/analysis/anchor_curve.h"
#include "core/analysis/pair_rows.h"
#include "core/session/session_file.h"

#include <cstdio>
#include <filesystem>

namespace lb::cli {

const std::vector<std::string> kSessionValueOptions = {
    "--session", "--anchors", "--seed",   "--similarity",    "--transform", "--post",     "--aggregate",   "--method",
    "--scaling", "--ridge",   "--k",      "--k-mrr",         "--queries",   "--rbf-rows", "--linear-rows", "--protocol",
    "--head",    "--alpha",   "--lambda", "--test-fraction", "--curve",     "--max-rows"};
const std::vector<std::string> kSessionFlags = {"--l2"};

namespace {

void warn(const std::string& text, bool quiet) {
    if (!quiet) std::fprintf(stderr, "latentbridge-cli: warning: %s\n", text.c_str());
}

Result<Session> sessionFromFile(const std::string& path, bool quiet) {
    Result<SessionFile> file = readSessionFile(path);
    if (!file) return file.error();
    for (const std::string& w : file->warnings) warn(w, quiet);
    return openSession(*file);
}

Result<Session> sessionFromFiles(const Args& args, const std::vector<std::string>& files, uint64_t seed, bool quiet) {
    Session s;
    for (const std::string& path : files) {
        Result<LatentSpace> space = loadSpaceOrError(path, quiet);
        if (!space) return space.error();
        const size_t i = s.addSpace(path, std::make_shared<const LatentSpace>(std::move(space).value()));
        const SessionSpace& e = s.entry(i);
        if (!e.matchError.empty()) return badInput(path, e.matchError);
        if (i > 0 && !e.matchedByKey && !quiet && (e.space->hasKeys() || s.space(0).hasKeys()))
            warn("only one of " + s.space(0).path + " and " + path + " has keys; rows matched by index", false);
    }
    const std::optional<std::string> spec = args.get("--anchors");
    if (!spec) return s;
    // Anchors are rows of the first space that every other space has.
    std::vector<Index> candidates = pairRows(s, 0, 1).rowsA;
    for (size_t i = 2; i < s.spaceCount(); ++i) {
        std::vector<Index> kept;
        for (Index r : candidates)
            if (s.rowInSpace(i, r) >= 0) kept.push_back(r);
        candidates = std::move(kept);
    }
    Result<std::vector<Index>> rows = resolveAnchorsAmong(*spec, s.space(0), seed, candidates, s.space(1).path);
    if (!rows) return rows.error();
    s.setAnchors(*rows, "--anchors");
    s.clearHistory();
    return s;
}

bool applyCount(const Args& args, const char* option, bool allowZero, Index& out, std::string& error) {
    return !args.has(option) || getCount(args, option, out, allowZero, out, error);
}

}  // namespace

Result<Session> commandSession(const Args& args, const std::vector<std::string>& files, uint64_t seed, bool quiet) {
    if (const std::optional<std::string> path = args.get("--session")) return sessionFromFile(*path, quiet);
    return sessionFromFiles(args, files, seed, quiet);
}

bool applySettingsFlags(const Args& args, SessionSettings& s, std::string& error) {
    if (!parseRelativeArgs(args, s.relative, error) || !parseTranslationArgs(args, s.translation, error)) return false;
    if (args.has("--method") && !parseTranslationMethod(*args.get("--method"), s.translation.method))
        return error = "unknown --method '" + *args.get("--method") + "'", false;
    SimilaritySettings& sim = s.similarity;
    if (!applyCount(args, "--k", false, sim.kJaccard, error) || !applyCount(args, "--k-mrr", false, sim.kMrr, error) ||
        !applyCount(args, "--queries", true, sim.maxQueries, error) ||
        !applyCount(args, "--rbf-rows", false, sim.rbfRows, error) ||
        !applyCount(args, "--linear-rows", true, sim.linearRows, error) ||
        !applyCount(args, "--max-rows", true, sim.maxRows, error))
        return false;
    if (sim.rbfRows < 2) return error = "--rbf-rows must be >= 2", false;
    if (args.has("--protocol") && !parseProtocol(*args.get("--protocol"), sim.protocol))
        return error = "unknown --protocol '" + *args.get("--protocol") + "' (standard or paper)", false;
    StitchSettings& st = s.stitching;
    if (const std::optional<std::string> head = args.get("--head")) {
        // A head file's path is the command's business (stitch --head FILE); a name sets the kind.
        if (!parseHeadKind(*head, st.head)) st.head = HeadKind::Fixed;
    }
    if (!args.getDouble("--alpha", st.ridgeAlpha, st.ridgeAlpha, error) ||
        !args.getDouble("--lambda", st.logisticLambda, st.logisticLambda, error) ||
        !args.getDouble("--test-fraction", st.testFraction, st.testFraction, error))
        return false;
    if (!(st.testFraction > 0 && st.testFraction < 1)) return error = "--test-fraction must be in (0, 1)", false;
    if (st.ridgeAlpha < 0 || st.logisticLambda < 0) return error = "--alpha/--lambda must be >= 0", false;
    if (args.has("--max-rows")) st.maxRows = sim.maxRows;  // the similarity table and the stitching matrix alike
    if (args.has("--curve") && !parseAnchorCounts(*args.get("--curve"), s.curves.anchorCounts))
        return error = "--curve expects anchor counts >= 2, e.g. 10,30,100 (got '" + *args.get("--curve") + "')", false;
    if (args.has("--seed")) {
        uint64_t seed = 0;
        if (!getSeed(args, seed, error)) return false;
        sim.seed = st.seed = seed;
    }
    return true;
}

nlohmann::json commandInput(const Args& args, uint64_t seed) {
    if (const std::optional<std::string> session = args.get("--session")) return {{"session", *session}};
    nlohmann::json j = {{"files", args.positional()}, {"seed", seed}};
    j["anchors"] = args.has("--anchors") ? nlohmann::json(*args.get("--anchors")) : nlohmann::json(nullptr);
    return j;
}

Result<size_t> spaceNamed(const Session& s, const std::string& name, const std::string& sessionPath) {
    std::vector<size_t> hits;
    std::string names;
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        const std::filesystem::path p(s.entry(i).path);
        if (name == s.space(i).name || name == p.filename().string() || name == p.stem().string() ||
            name == std::to_string(i))
            hits.push_back(i);
        names += (names.empty() ? "" : ", ") + s.space(i).name;
    }
    if (hits.size() == 1) return hits[0];
    return badInput(sessionPath, (hits.empty() ? "no space named '" : "several spaces are named '") + name +
                                     "' (spaces: " + names + ")");
}

}  // namespace lb::cli
