// Settings as JSON: what session files store, what every JSON output records next to its numbers (so a number
// can be reproduced), and the one way of knowing that settings changed (settingsFingerprint: a hash of the
// same JSON, so a field added to a struct and its JSON is seen by every cache without a hand-written hash).
//
// Reading validates: a wrong type, an unknown name ("similarity": "cosin") or a value out of range throws
// SettingsError naming the field ("settings.similarity.k_jaccard must be between 1 and 100000"); a field the
// reader does not know is a warning, not an error, so files written by newer builds still open.
// Pure; any thread.
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/relative/anchor_selection.h"
#include "core/relative/relative_projection.h"
#include "core/translate/translator.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace lb {

struct SettingsError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads the fields of one JSON object, each at most once, and reports the ones never read as unknown.
// `where` names the object in messages ("settings.similarity"). Throws SettingsError.
class JsonFields {
   public:
    JsonFields(const nlohmann::json& object, std::string where, std::vector<std::string>& warnings);
    ~JsonFields();  // appends a warning for each field never read
    JsonFields(const JsonFields&) = delete;
    JsonFields& operator=(const JsonFields&) = delete;

    bool has(const char* key) const;
    const nlohmann::json& raw(const char* key);  // the field itself (marked read); null when absent
    void boolean(const char* key, bool& out);
    void text(const char* key, std::string& out);
    void integer(const char* key, Index& out, Index min, Index max);
    void integer(const char* key, int& out, int min, int max);
    void seed(const char* key, uint64_t& out);
    void number(const char* key, double& out, double min, double max);
    template <class E>
    void name(const char* key, E& out, bool (*parse)(const std::string&, E&)) {
        std::string n;
        text(key, n);
        if (has(key) && !parse(n, out)) throw SettingsError(where(key) + ": unknown value \"" + n + "\"");
    }
    std::string where(const char* key) const { return m_where + "." + key; }

   private:
    const nlohmann::json& m_object;
    std::string m_where;
    std::vector<std::string>& m_warnings;
    std::vector<std::string> m_read;
};

nlohmann::json toJson(const RelativeOptions& o);
nlohmann::json toJson(const TranslationOptions& o);
nlohmann::json toJson(const AnchorSelectionOptions& o);
nlohmann::json toJson(const SimilaritySettings& s);
nlohmann::json toJson(const StitchSettings& s);
nlohmann::json toJson(const CurveSettings& s);
nlohmann::json toJson(const ViewSettings& s);

// Fields present in `j` overwrite `out`; absent ones keep its value. `where` prefixes messages.
void readJson(const nlohmann::json& j, const std::string& where, RelativeOptions& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, TranslationOptions& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, AnchorSelectionOptions& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, SimilaritySettings& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, StitchSettings& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, CurveSettings& out,
              std::vector<std::string>& warnings);
void readJson(const nlohmann::json& j, const std::string& where, ViewSettings& out, std::vector<std::string>& warnings);

// A 64-bit hash of a JSON value's canonical text (keys sorted: nlohmann's objects are ordered maps).
uint64_t fingerprintOf(const nlohmann::json& j);
template <class Settings>
uint64_t settingsFingerprint(const Settings& s) {
    return fingerprintOf(toJson(s));
}

}  // namespace lb
