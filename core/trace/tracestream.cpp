#include "core/trace/tracestream.h"

#include <cstring>

namespace heapviz {

namespace {

// Bytes read from the file at a time.
constexpr std::size_t kReadSize = std::size_t{1} << 16;

} // namespace

TraceStream::TraceStream(const std::string& path) : m_file(openTraceFile(path)), m_lines(path)
{
}

bool TraceStream::read(OpList& chunk, std::size_t most)
{
    chunk.clear();
    std::string_view line;
    Op op;
    while (chunk.size() < most && nextLine(line)) {
        if (m_lines.parse(line, op)) {
            m_slots.assign(op);
            chunk.push_back(op);
        }
    }
    return !chunk.empty();
}

// The next line without its '\n', split exactly as parseTrace splits the
// whole text: a last line without '\n' counts when it is not empty. The view
// is valid until the next call.
bool TraceStream::nextLine(std::string_view& line)
{
    std::size_t scanned = 0; // bytes after m_pos known to hold no '\n'
    for (;;) {
        const char* start = m_buffer.data() + m_pos;
        const std::size_t left = m_buffer.size() - m_pos;
        if (const void* newline = std::memchr(start + scanned, '\n', left - scanned)) {
            const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
            line = std::string_view(start, length);
            m_pos += length + 1;
            return true;
        }
        scanned = left;
        if (!refill())
            break;
    }
    if (m_pos == m_buffer.size())
        return false;
    line = std::string_view(m_buffer).substr(m_pos); // the last line, with no '\n' after it
    m_pos = m_buffer.size();
    return true;
}

// Drops the bytes already parsed and appends the next block of the file;
// false at the end of the file. A line longer than a block keeps growing the
// buffer until its '\n' arrives.
bool TraceStream::refill()
{
    if (m_atEnd)
        return false;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    const std::size_t kept = m_buffer.size();
    m_buffer.resize(kept + kReadSize);
    const std::size_t got = readTraceFile(m_file.get(), m_lines.name(), m_buffer.data() + kept, kReadSize);
    m_buffer.resize(kept + got);
    m_atEnd = got == 0;
    return !m_atEnd;
}

} // namespace heapviz
