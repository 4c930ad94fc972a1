#include "core/trace/tracelineparser.h"

#include <array>
#include <charconv>
#include <limits>
#include <system_error>

#include "core/trace/traceparser.h"

namespace heapviz {

namespace {

// Messages quote at most this many characters of a line (after escaping), so
// a 10 MB line of binary garbage still gives a message that fits a dialog.
constexpr std::size_t kQuoteLimit = 40;

const std::string kExpectedOp = "expected 'a ID SIZE', 'f ID', 'r ID SIZE' or 'w ID OFFSET LENGTH'";
const std::string kExpectedOffset = "expected an offset (-9223372036854775808 to 9223372036854775807)";
const std::string kExpectedLength = "expected a length (1 to 18446744073709551615)";
const std::string kExpectedSize = "expected a size (0 to 18446744073709551615)";
const std::string kExpectedHeader = "expected a header integer (0 to 18446744073709551615)";
const std::string kExpectedId = "expected an id (a non-negative integer)";
const std::string kExpectedIdInRange = "expected an id (0 to 9223372036854775807)";
const std::string kExpectedIdNotNull =
    "expected an id (a non-negative integer; -1 only in 'f -1')";

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Appends one byte so that the message stays printable ASCII whatever the file
// holds (binary garbage, NUL bytes, stray CRs).
void appendPrintable(std::string& out, char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
        out += c;
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\r') {
        out += "\\r";
    } else {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\x";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xf];
    }
}

// Quotes text for a message: 'text', with unprintable bytes escaped, cut to
// kQuoteLimit characters with "...".
std::string quote(std::string_view text)
{
    std::string out;
    std::size_t used = 0;
    for (; used < text.size() && out.size() < kQuoteLimit; ++used)
        appendPrintable(out, text[used]);
    return "'" + out + (used < text.size() ? "..." : "") + "'";
}

// Cuts a raw line down to what the parser reads: no comment, no CR, no
// surrounding blanks. A line that is only a comment becomes empty.
std::string_view cleanLine(std::string_view line)
{
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
        line = line.substr(0, hash);
    auto skippable = [](char c) { return isBlank(c) || c == '\r'; };
    while (!line.empty() && skippable(line.back()))
        line.remove_suffix(1);
    while (!line.empty() && skippable(line.front()))
        line.remove_prefix(1);
    return line;
}

// The blank-separated words of a line; count stops at kMaxFields + 1 since one
// word more than any op takes is already an error.
struct Fields {
    static constexpr std::size_t kMaxFields = 4; // w ID OFFSET LENGTH
    std::array<std::string_view, kMaxFields> words;
    std::size_t count = 0;
};

Fields splitFields(std::string_view line)
{
    Fields fields;
    std::size_t pos = 0;
    while (pos < line.size() && fields.count <= Fields::kMaxFields) {
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos == line.size())
            break;
        const std::size_t start = pos;
        while (pos < line.size() && !isBlank(line[pos]))
            ++pos;
        if (fields.count < Fields::kMaxFields)
            fields.words[fields.count] = line.substr(start, pos - start);
        ++fields.count;
    }
    return fields;
}

enum class NumberStatus { Ok, NotANumber, OutOfRange };

// Reads a whole word as an unsigned decimal: no sign, no '+', nothing after it.
NumberStatus parseUnsigned(std::string_view word, std::uint64_t& value)
{
    const char* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(word.data(), end, value);
    if (ptr != end || ec == std::errc::invalid_argument)
        return NumberStatus::NotANumber;
    if (ec == std::errc::result_out_of_range)
        return NumberStatus::OutOfRange;
    return NumberStatus::Ok;
}

} // namespace

bool TraceLineParser::parse(std::string_view raw, Op& op)
{
    nextLine();
    const std::string_view line = cleanLine(raw);
    if (line.empty())
        return false;
    const Fields fields = splitFields(line);
    if (isHeaderLine(fields.words[0], fields.count)) {
        parseHeader(fields.words[0]);
        return false;
    }
    const std::string_view letter = fields.words[0];
    op = Op{};
    op.line = m_line;
    if (letter == "a" || letter == "r") {
        if (fields.count != 3)
            fail("expected '" + std::string(letter) + " ID SIZE'", line);
        op.kind = letter == "a" ? OpKind::Malloc : OpKind::Realloc;
        op.id = parseId(fields.words[1], false);
        op.size = parseSize(fields.words[2]);
    } else if (letter == "f") {
        if (fields.count != 2)
            fail("expected 'f ID'", line);
        op.kind = OpKind::Free;
        op.id = parseId(fields.words[1], true);
    } else if (letter == "w") {
        if (fields.count != 4)
            fail("expected 'w ID OFFSET LENGTH'", line);
        op.kind = OpKind::Write;
        op.id = parseId(fields.words[1], false);
        op.offset = parseOffset(fields.words[2]);
        op.size = parseSize(fields.words[3]);
        if (op.size == 0)
            fail(kExpectedLength, fields.words[3]);
    } else {
        fail(kExpectedOp, line);
    }
    m_sawOp = true;
    return true;
}

void TraceLineParser::fail(const std::string& expected, std::string_view got) const
{
    throw TraceError(m_name, m_line, expected + ", got " + quote(got));
}

void TraceLineParser::nextLine()
{
    if (m_line == std::numeric_limits<LineNo>::max())
        throw TraceError(m_name, m_line, "too many lines (the limit is 4294967295)");
    ++m_line;
}

// A lone number before the first op is a header line, up to four of them; a
// fifth, or one after an op, is read as a (malformed) op.
bool TraceLineParser::isHeaderLine(std::string_view first, std::size_t count) const
{
    if (count != 1 || m_sawOp || m_header.size() >= 4)
        return false;
    return isDigit(first.front()) || first.front() == '-' || first.front() == '+';
}

void TraceLineParser::parseHeader(std::string_view word)
{
    std::uint64_t value = 0;
    if (parseUnsigned(word, value) != NumberStatus::Ok)
        fail(kExpectedHeader, word);
    m_header.push_back(value);
}

// Ids are non-negative and fit TraceId; "-1" (exactly) is C's NULL, which
// only free accepts.
TraceId TraceLineParser::parseId(std::string_view word, bool nullAllowed) const
{
    if (word == "-1") {
        if (!nullAllowed)
            fail(kExpectedIdNotNull, word);
        return -1;
    }
    std::uint64_t value = 0;
    const NumberStatus status = parseUnsigned(word, value);
    if (status == NumberStatus::NotANumber)
        fail(kExpectedId, word);
    if (status == NumberStatus::OutOfRange || value > static_cast<std::uint64_t>(std::numeric_limits<TraceId>::max()))
        fail(kExpectedIdInRange, word);
    return static_cast<TraceId>(value);
}

// A signed decimal that fits 64 bits: "-8", "60" (no '+').
std::int64_t TraceLineParser::parseOffset(std::string_view word) const
{
    std::int64_t value = 0;
    const char* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(word.data(), end, value);
    if (word.empty() || ptr != end || ec != std::errc())
        fail(kExpectedOffset, word);
    return value;
}

Size TraceLineParser::parseSize(std::string_view word) const
{
    Size value = 0;
    if (parseUnsigned(word, value) != NumberStatus::Ok)
        fail(kExpectedSize, word);
    return value;
}

} // namespace heapviz
