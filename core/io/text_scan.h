// Small, fast helpers shared by the text loaders (word2vec .vec/.txt, projector .tsv): walking lines of a
// memory buffer, splitting fields and parsing decimal floats without locale (std::from_chars).
// All functions are pure and thread-safe; none allocates except where a std::string is returned.
#pragma once

#include "core/io/load_space.h"
#include "core/space/latent_space.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lb::textscan {

// A cursor over the lines of a buffer. A line ends at '\n' (excluded); a trailing '\r' is dropped so CRLF
// files read like LF files; the last line may lack its '\n'.
class LineReader {
   public:
    LineReader(const char* data, size_t size) : m_p(data), m_end(data + size) {}

    // Next line into `line`; false at end of buffer. `lineNumber()` is then its 1-based number.
    bool next(std::string_view& line) {
        if (m_p >= m_end) return false;
        const void* nl = std::memchr(m_p, '\n', static_cast<size_t>(m_end - m_p));
        const char* stop = nl ? static_cast<const char*>(nl) : m_end;
        size_t len = static_cast<size_t>(stop - m_p);
        if (len > 0 && m_p[len - 1] == '\r') --len;
        line = std::string_view(m_p, len);
        m_p = nl ? stop + 1 : m_end;
        ++m_line;
        return true;
    }
    size_t lineNumber() const { return m_line; }
    // Start of the next unread line (one past the end of the buffer when all lines were read).
    const char* position() const { return m_p; }

   private:
    const char* m_p;
    const char* m_end;
    size_t m_line = 0;
};

inline bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// True when the line holds only spaces/tabs.
inline bool isBlankLine(std::string_view line) {
    for (char c : line)
        if (!isBlank(c)) return false;
    return true;
}

// Number of lines holding something other than blanks (an upper bound on the data rows of a file).
size_t countNonBlankLines(const char* data, size_t size);

enum class FloatParse { Ok, NotANumber };

// Parses one decimal float token [p, end) entirely (the whole token must be consumed). Accepts what
// numpy / gensim / fastText write: an optional sign, digits, '.', exponent, "nan", "inf". Values beyond
// float range become +-inf, values below the smallest subnormal become +-0 (like strtof).
FloatParse parseFloatToken(const char* p, const char* end, float& out);

// Parses an unsigned decimal integer token (all of it) into `out`; false on anything else or overflow.
bool parseUnsigned(std::string_view token, uint64_t& out);

// Outcome of parsing the numeric fields of one line. `count` counts every field seen (also those beyond
// the capacity, so a ragged row can say how many it had); on failure `bad` is the offending field.
struct FieldsParse {
    bool ok = true;
    size_t count = 0;
    std::string_view bad;
};

// Fields separated by runs of spaces/tabs (word2vec / GloVe rows). Stores the first `capacity` values in
// `out` when `out` is not null; stops at the first non-numeric field.
FieldsParse parseBlankSeparated(std::string_view fields, float* out, size_t capacity);

// Fields separated by single tabs (projector tensors.tsv); blanks around a cell are ignored, one trailing
// tab at the end of the line is tolerated, an empty cell is non-numeric.
FieldsParse parseTabSeparated(std::string_view fields, float* out, size_t capacity);

// "a x b" with overflow check; false when the product does not fit in 64 bits.
inline bool mulOverflows(uint64_t a, uint64_t b, uint64_t& out) {
    return __builtin_mul_overflow(a, b, &out);
}

// A short printable excerpt of a bad token for error messages (at most 24 bytes, non-printables escaped).
std::string quoteToken(std::string_view token);

// Last step of every text loader: report NaN/Inf rows as a warning (count + first rows) or drop them
// (LoadOptions::dropNonFinite), then validateSpace(). Reads the matrix once; any thread.
Result<LatentSpace> finishTextSpace(LatentSpace space, const LoadOptions& options);

// "line 12: <what>": how text loaders name the place of a problem (1-based line numbers).
std::string lineMessage(size_t line, const std::string& what);

}  // namespace lb::textscan
