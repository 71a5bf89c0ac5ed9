// A small argument parser shared by every latentbridge-cli subcommand.
//
// Syntax: positional arguments, `--flag`, `--option value` and `--option=value`. Each subcommand declares
// which options take a value and which are flags; anything else is a usage error (exit code 1) that
// suggests the closest known option. `--quiet` is accepted by every command.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lb::cli {

struct ArgSpec {
    std::set<std::string> valueOptions;  // e.g. {"--anchors", "--seed"}
    std::set<std::string> flags;         // e.g. {"--json", "--l2"}
};

class Args {
   public:
    // Parses argv[first..argc). On a usage error returns false and sets `error`.
    bool parse(int argc, char** argv, int first, const ArgSpec& spec, std::string& error);

    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& flagOrOption) const;
    std::optional<std::string> get(const std::string& option) const;
    std::string getOr(const std::string& option, const std::string& fallback) const;
    // Integer/real option values; on a malformed number returns false and sets `error`.
    bool getInt(const std::string& option, long long fallback, long long& out, std::string& error) const;
    bool getDouble(const std::string& option, double fallback, double& out, std::string& error) const;

   private:
    std::vector<std::string> m_positional;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

}  // namespace lb::cli
