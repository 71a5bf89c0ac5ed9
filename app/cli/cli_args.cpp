#include "app/cli/cli_args.h"

#include "app/cli/suggest.h"

#include <cerrno>
#include <cstdlib>

namespace lb::cli {

bool Args::parse(int argc, char** argv, int first, const ArgSpec& spec, std::string& error) {
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.size() < 2 || a.rfind("--", 0) != 0) {
            m_positional.push_back(a);
            continue;
        }
        std::string value;
        bool hasInlineValue = false;
        if (const size_t eq = a.find('='); eq != std::string::npos) {
            value = a.substr(eq + 1);
            a = a.substr(0, eq);
            hasInlineValue = true;
        }
        // --quiet is accepted by every command (scripts pass it uniformly); commands without output to
        // silence simply ignore it.
        if (spec.flags.count(a) || a == "--quiet") {
            if (hasInlineValue) {
                error = a + " takes no value";
                return false;
            }
            m_flags.insert(a);
        } else if (spec.valueOptions.count(a)) {
            if (!hasInlineValue) {
                if (i + 1 >= argc) {
                    error = a + " needs a value";
                    return false;
                }
                value = argv[++i];
            }
            m_values[a] = value;
        } else {
            std::vector<std::string> known(spec.flags.begin(), spec.flags.end());
            known.insert(known.end(), spec.valueOptions.begin(), spec.valueOptions.end());
            error = "unknown option " + a + didYouMean(a, known);
            return false;
        }
    }
    return true;
}

bool Args::has(const std::string& name) const {
    return m_flags.count(name) || m_values.count(name);
}

std::optional<std::string> Args::get(const std::string& option) const {
    const auto it = m_values.find(option);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::getOr(const std::string& option, const std::string& fallback) const {
    return get(option).value_or(fallback);
}

bool Args::getInt(const std::string& option, long long fallback, long long& out, std::string& error) const {
    const auto v = get(option);
    if (!v) {
        out = fallback;
        return true;
    }
    char* end = nullptr;
    errno = 0;
    out = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno != 0) {
        error = option + " expects an integer, got \"" + *v + "\"";
        return false;
    }
    return true;
}

bool Args::getDouble(const std::string& option, double fallback, double& out, std::string& error) const {
    const auto v = get(option);
    if (!v) {
        out = fallback;
        return true;
    }
    char* end = nullptr;
    errno = 0;
    out = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || errno != 0) {
        error = option + " expects a number, got \"" + *v + "\"";
        return false;
    }
    return true;
}

}  // namespace lb::cli
