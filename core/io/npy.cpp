#include "core/io/npy.h"

#include "core/io/byte_order.h"
#include "core/io/mapped_file.h"

#include <cctype>
#include <cstring>

namespace lb {

namespace {

// Hand-written parser for the header dict. The header is a Python literal, but only this subset is valid:
// string keys 'descr', 'fortran_order', 'shape'; values a string, True/False, a tuple of non-negative ints.
class HeaderParser {
   public:
    HeaderParser(const std::string& text, const std::string& path) : m_s(text), m_path(path) {}

    Status parse(std::string& descr, bool& fortran, std::vector<uint64_t>& shape) {
        bool haveDescr = false, haveFortran = false, haveShape = false;
        skipSpace();
        if (!eat('{')) return fail("header is not a dict");
        while (true) {
            skipSpace();
            if (eat('}')) break;
            std::string key;
            if (!parseString(key)) return fail("expected a quoted key");
            skipSpace();
            if (!eat(':')) return fail("expected ':' after '" + key + "'");
            skipSpace();
            Status s = Status::ok();
            if (key == "descr")
                s = once(haveDescr, key) ? parseDescrValue(descr) : dup(key);
            else if (key == "fortran_order")
                s = once(haveFortran, key) ? parseBoolValue(fortran) : dup(key);
            else if (key == "shape")
                s = once(haveShape, key) ? parseShapeValue(shape) : dup(key);
            else
                return fail("unexpected key '" + key + "'");
            if (!s) return s;
            skipSpace();
            if (eat(',')) continue;
            skipSpace();
            if (eat('}')) break;
            return fail("expected ',' or '}'");
        }
        skipSpace();
        if (m_i != m_s.size()) return fail("unexpected text after the header dict");
        if (!haveDescr || !haveFortran || !haveShape)
            return fail("header lacks one of 'descr', 'fortran_order', 'shape'");
        return Status::ok();
    }

   private:
    Error fail(const std::string& what) const {
        return badInput(m_path, "malformed .npy header: " + what, "header byte " + std::to_string(m_i));
    }
    Status dup(const std::string& key) const { return fail("duplicate key '" + key + "'"); }
    static bool once(bool& seen, const std::string&) {
        if (seen) return false;
        seen = true;
        return true;
    }
    void skipSpace() {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r')) ++m_i;
    }
    bool eat(char c) {
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool eatWord(const char* w) {
        const std::string word(w);
        if (m_s.compare(m_i, word.size(), word) != 0) return false;
        m_i += word.size();
        return true;
    }
    bool parseString(std::string& out) {
        if (m_i >= m_s.size() || (m_s[m_i] != '\'' && m_s[m_i] != '"')) return false;
        const char quote = m_s[m_i++];
        while (m_i < m_s.size() && m_s[m_i] != quote) {
            if (m_s[m_i] == '\\') {
                if (++m_i >= m_s.size()) return false;
            }
            out += m_s[m_i++];
        }
        return eat(quote);
    }
    Status parseDescrValue(std::string& descr) {
        if (m_i < m_s.size() && m_s[m_i] == '[')
            return Error{ErrorCode::Unsupported, "structured (record) arrays are not supported", m_path, {}};
        if (!parseString(descr)) return fail("'descr' must be a string");
        return Status::ok();
    }
    Status parseBoolValue(bool& v) {
        if (eatWord("True"))
            v = true;
        else if (eatWord("False"))
            v = false;
        else
            return fail("'fortran_order' must be True or False");
        return Status::ok();
    }
    bool parseInt(uint64_t& v) {
        const size_t start = m_i;
        v = 0;
        while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i]))) {
            const uint64_t digit = static_cast<uint64_t>(m_s[m_i] - '0');
            if (io::mulOverflow(v, 10, &v) || io::addOverflow(v, digit, &v)) return false;
            ++m_i;
        }
        if (m_i == start) return false;
        eat('L');  // Python 2 era files write long integers as 3L
        return true;
    }
    Status parseShapeValue(std::vector<uint64_t>& shape) {
        if (!eat('(')) return fail("'shape' must be a tuple");
        while (true) {
            skipSpace();
            if (eat(')')) return Status::ok();
            uint64_t v = 0;
            if (!parseInt(v)) return fail("'shape' must hold non-negative integers");
            if (shape.size() >= 32) return fail("'shape' has more than 32 dimensions");
            shape.push_back(v);
            skipSpace();
            if (eat(',')) continue;
            if (eat(')')) return Status::ok();
            return fail("expected ',' or ')' in 'shape'");
        }
    }

    const std::string& m_s;
    const std::string& m_path;
    size_t m_i = 0;
};

}  // namespace

Result<NpyDescr> parseNpyDescr(const std::string& descr, const std::string& path) {
    size_t i = 0;
    NpyDescr d;
    if (!descr.empty() && (descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '=')) {
        d.bigEndian = descr[0] == '>';  // '=' is native order, little-endian on every host we build for
        i = 1;
    }
    if (i >= descr.size()) return badInput(path, "empty dtype in .npy header");
    const char kind = descr[i++];
    if (kind == 'O')
        return Error{ErrorCode::Unsupported, "object arrays (pickled Python objects) are not read", path, descr};
    uint64_t size = 0;
    size_t digits = 0;
    for (; i < descr.size() && std::isdigit(static_cast<unsigned char>(descr[i])) && digits < 12; ++i, ++digits)
        size = size * 10 + static_cast<uint64_t>(descr[i] - '0');
    if (i != descr.size() || digits == 0) {
        if (kind == 'M' || kind == 'm' || kind == 'V' || kind == 'c')
            return Error{ErrorCode::Unsupported, "dtype '" + descr + "' is not supported", path, {}};
        return badInput(path, "unparseable dtype '" + descr + "' in .npy header");
    }
    auto pick = [&](std::initializer_list<std::pair<uint64_t, DType>> sizes) -> bool {
        for (const auto& [s, t] : sizes)
            if (s == size) {
                d.dtype = t;
                d.itemSize = static_cast<size_t>(s);
                return true;
            }
        return false;
    };
    bool ok = false;
    switch (kind) {
        case 'b': ok = pick({{1, DType::Bool}}); break;
        case 'i': ok = pick({{1, DType::Int8}, {2, DType::Int16}, {4, DType::Int32}, {8, DType::Int64}}); break;
        case 'u': ok = pick({{1, DType::UInt8}, {2, DType::UInt16}, {4, DType::UInt32}, {8, DType::UInt64}}); break;
        case 'f': ok = pick({{2, DType::Float16}, {4, DType::Float32}, {8, DType::Float64}}); break;
        case 'U':
            if (size == 0 || size > (1u << 24)) return badInput(path, "unicode length out of range in '" + descr + "'");
            d.dtype = DType::Unicode;
            d.itemSize = static_cast<size_t>(size) * 4;
            return d;
        case 'S':
        case 'a':
            if (size == 0 || size > (1u << 26)) return badInput(path, "bytes length out of range in '" + descr + "'");
            d.dtype = DType::Bytes;
            d.itemSize = static_cast<size_t>(size);
            return d;
        default: break;
    }
    if (!ok) return Error{ErrorCode::Unsupported, "dtype '" + descr + "' is not supported", path, {}};
    return d;
}

Result<NpyArray> parseNpy(const uint8_t* bytes, size_t size, std::shared_ptr<const void> keepAlive,
                          const std::string& path, const std::string& name) {
    static const uint8_t kMagic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (size == 0) return badInput(path, "empty file, expected a .npy array");
    if (size < 6 || std::memcmp(bytes, kMagic, 6) != 0) return badInput(path, "not a .npy file (bad magic)");
    if (size < 10) return badInput(path, "truncated .npy header (" + std::to_string(size) + " bytes)");
    const uint8_t major = bytes[6];
    if (major < 1 || major > 3)
        return Error{ErrorCode::Unsupported, "unsupported .npy format version " + std::to_string(major), path, {}};
    const size_t prefix = major == 1 ? 10 : 12;
    if (size < prefix) return badInput(path, "truncated .npy header");
    const uint64_t headerLen = major == 1 ? io::loadLE<uint16_t>(bytes + 8) : io::loadLE<uint32_t>(bytes + 8);
    if (headerLen > size - prefix)
        return badInput(path, "truncated .npy header",
                        "header of " + std::to_string(headerLen) + " bytes, file of " + std::to_string(size));
    const std::string header(reinterpret_cast<const char*>(bytes + prefix), static_cast<size_t>(headerLen));
    std::string descr;
    NpyArray a;
    if (Status s = HeaderParser(header, path).parse(descr, a.fortranOrder, a.shape); !s) return s;
    Result<NpyDescr> d = parseNpyDescr(descr, path);
    if (!d) return d.error();
    a.dtype = d->dtype;
    a.itemSize = d->itemSize;
    a.bigEndian = d->bigEndian && d->itemSize > 1;
    uint64_t count = 1, bytesNeeded = 0;
    for (uint64_t s : a.shape)
        if (io::mulOverflow(count, s, &count)) return badInput(path, "shape in .npy header overflows");
    if (io::mulOverflow(count, a.itemSize, &bytesNeeded)) return badInput(path, "shape in .npy header overflows");
    const uint64_t available = size - prefix - headerLen;
    if (bytesNeeded > available)
        return badInput(path, "truncated .npy data: the header claims " + std::to_string(count) + " elements (" +
                                  std::to_string(bytesNeeded) + " bytes) but " + std::to_string(available) +
                                  " bytes follow");
    a.data = bytes + prefix + headerLen;
    a.keepAlive = std::move(keepAlive);
    a.path = path;
    a.name = name;
    return a;
}

Result<NpyArray> readNpyFile(const std::string& path) {
    Result<std::shared_ptr<const MappedFile>> file = MappedFile::open(path);
    if (!file) return file.error();
    const std::shared_ptr<const MappedFile>& f = *file;
    return parseNpy(f->data(), f->size(), f, path);
}

}  // namespace lb
