#pragma once
// The line grammar of a .rep trace (heap-model.md, "Trace files"), one line at
// a time, with its error messages: the one place that knows what a line may
// say. The whole-file parser (traceparser.h) and the chunked stream
// (tracestream.h) both feed it their lines in order.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/trace.h"
#include "core/model/types.h"

namespace heapviz {

class TraceLineParser {
public:
    // `name` is the file as the messages name it.
    explicit TraceLineParser(std::string name) : m_name(std::move(name)) {}

    // Reads the next line of the file (without its '\n'). True, with `op`
    // filled in (kind, id, size, offset, line; not its slot), when the line is
    // an operation; false for a blank, comment or header line (header()).
    // Throws TraceError naming the file, this line, what was expected and what
    // was found.
    bool parse(std::string_view raw, Op& op);

    const std::string& name() const { return m_name; }
    const std::vector<std::uint64_t>& header() const { return m_header; }
    std::vector<std::uint64_t> takeHeader() { return std::move(m_header); }
    LineNo line() const { return m_line; } // the last line read (1-based)

private:
    [[noreturn]] void fail(const std::string& expected, std::string_view got) const;
    void nextLine();
    bool isHeaderLine(std::string_view first, std::size_t count) const;
    void parseHeader(std::string_view word);
    TraceId parseId(std::string_view word, bool nullAllowed) const;
    std::int64_t parseOffset(std::string_view word) const;
    Size parseSize(std::string_view word) const;

    std::string m_name;
    std::vector<std::uint64_t> m_header;
    LineNo m_line = 0;
    bool m_sawOp = false; // a header line may only come before the first op
};

} // namespace heapviz
