#include "core/io/text_scan.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace lb::textscan {

size_t countNonBlankLines(const char* data, size_t size) {
    LineReader lines(data, size);
    std::string_view line;
    size_t count = 0;
    while (lines.next(line))
        if (!isBlankLine(line)) ++count;
    return count;
}

// from_chars reports result_out_of_range without a value. Decide the direction from the token: a
// negative exponent means underflow (-> signed zero), anything else overflow (-> signed infinity).
static float outOfRangeValue(const char* p, const char* end) {
    const bool negative = *p == '-';
    for (const char* q = p; q + 1 < end; ++q)
        if ((*q == 'e' || *q == 'E') && q[1] == '-') return negative ? -0.0f : 0.0f;
    return negative ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
}

FloatParse parseFloatToken(const char* p, const char* end, float& out) {
    if (p >= end) return FloatParse::NotANumber;
    // from_chars rejects a leading '+', which some writers emit ("+0.5"); accept it unless it is doubled.
    const char* start = p;
    if (*start == '+') {
        ++start;
        if (start == end || *start == '+' || *start == '-') return FloatParse::NotANumber;
    }
    const std::from_chars_result r = std::from_chars(start, end, out);
    if (r.ptr != end) return FloatParse::NotANumber;  // trailing garbage ("1.5x") or nothing parsed
    if (r.ec == std::errc::result_out_of_range) {
        out = outOfRangeValue(p, end);
        return FloatParse::Ok;
    }
    return r.ec == std::errc() ? FloatParse::Ok : FloatParse::NotANumber;
}

bool parseUnsigned(std::string_view token, uint64_t& out) {
    if (token.empty()) return false;
    const std::from_chars_result r = std::from_chars(token.data(), token.data() + token.size(), out);
    return r.ec == std::errc() && r.ptr == token.data() + token.size();
}

std::string quoteToken(std::string_view token) {
    std::string out = "\"";
    const size_t shown = token.size() < 24 ? token.size() : 24;
    for (size_t i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(token[i]);
        if (c >= 0x20 && c < 0x7f && c != '"') {
            out += static_cast<char>(c);
        } else {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (shown < token.size()) out += "...";
    return out + "\"";
}

Result<LatentSpace> finishTextSpace(LatentSpace space, const LoadOptions& options) {
    reportOrDropNonFinite(space, options.dropNonFinite);
    const Status valid = validateSpace(space);
    if (!valid) return valid.error();
    return space;
}

std::string lineMessage(size_t line, const std::string& what) {
    return "line " + std::to_string(line) + ": " + what;
}

}  // namespace lb::textscan

namespace lb::textscan {

// Fast path: from_chars straight on the rest of the line, accepted when the next byte ends the field.
// Anything unusual (leading '+', out of range, trailing garbage) goes through parseFloatToken.
static inline bool parseFieldAt(const char*& p, const char* end, float& value, std::string_view& bad) {
    const std::from_chars_result r = std::from_chars(p, end, value);
    if (r.ec == std::errc() && r.ptr != p && (r.ptr == end || isBlank(*r.ptr))) {
        p = r.ptr;
        return true;
    }
    const char* tokenEnd = p;
    while (tokenEnd < end && !isBlank(*tokenEnd)) ++tokenEnd;
    if (parseFloatToken(p, tokenEnd, value) == FloatParse::Ok) {
        p = tokenEnd;
        return true;
    }
    bad = std::string_view(p, static_cast<size_t>(tokenEnd - p));
    return false;
}

FieldsParse parseBlankSeparated(std::string_view fields, float* out, size_t capacity) {
    FieldsParse result;
    const char* p = fields.data();
    const char* end = p + fields.size();
    float value = 0.0f;
    for (;;) {
        while (p < end && isBlank(*p)) ++p;
        if (p == end) return result;
        if (!parseFieldAt(p, end, value, result.bad)) {
            result.ok = false;
            return result;
        }
        if (out && result.count < capacity) out[result.count] = value;
        ++result.count;
    }
}

FieldsParse parseTabSeparated(std::string_view fields, float* out, size_t capacity) {
    FieldsParse result;
    const char* p = fields.data();
    const char* end = p + fields.size();
    while (p < end) {
        const void* tab = std::memchr(p, '\t', static_cast<size_t>(end - p));
        const char* cellEnd = tab ? static_cast<const char*>(tab) : end;
        const char* b = p;
        const char* e = cellEnd;
        while (b < e && (*b == ' ' || *b == '\r')) ++b;
        while (e > b && (e[-1] == ' ' || e[-1] == '\r')) --e;
        float value = 0.0f;
        if (b == e || parseFloatToken(b, e, value) != FloatParse::Ok) {
            result.ok = false;
            result.bad = std::string_view(p, static_cast<size_t>(cellEnd - p));
            return result;
        }
        if (out && result.count < capacity) out[result.count] = value;
        ++result.count;
        if (!tab) break;
        p = cellEnd + 1;  // a tab that ends the line leaves p == end: tolerated, no empty cell counted
    }
    return result;
}

}  // namespace lb::textscan
