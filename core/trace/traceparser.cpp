#include "core/trace/traceparser.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/trace/tracefile.h"
#include "core/trace/tracelineparser.h"

namespace heapviz {

namespace {

// Parses one trace's text line by line, stopping at the first error.
class Parser {
public:
    Parser(std::string_view text, std::string name, TaskControl control)
        : m_text(text), m_control(control), m_lines(std::move(name))
    {
        m_trace.name = m_lines.name();
    }

    Trace run()
    {
        reserveOps();
        std::size_t pos = 0;
        Op op;
        while (pos < m_text.size()) {
            std::size_t end = m_text.find('\n', pos);
            if (end == std::string_view::npos)
                end = m_text.size();
            if (m_lines.parse(m_text.substr(pos, end - pos), op))
                m_trace.ops.push_back(op);
            pos = end + 1;
            if (m_lines.line() % 65536 == 0)
                checkIn(pos);
        }
        checkIn(m_text.size());
        m_trace.header = m_lines.takeHeader();
        assignSlots(m_trace);
        return std::move(m_trace);
    }

private:
    // One op per line at most, and no op line is shorter than "f 0\n": reserving
    // that much spares the vector's regrowth on big traces without letting a
    // file of blank lines reserve more than a few times its own size.
    void reserveOps()
    {
        const auto lines = static_cast<std::size_t>(std::count(m_text.begin(), m_text.end(), '\n')) + 1;
        m_trace.ops.reserve(std::min(lines, m_text.size() / 4 + 1));
    }

    // Tells how far the parse has got (in bytes), and stops it when asked to.
    void checkIn(std::size_t pos)
    {
        m_control.add(std::min(pos, m_text.size()) - m_reported);
        m_reported = std::min(pos, m_text.size());
        if (m_control.cancelled())
            throw Cancelled{};
    }

    std::string_view m_text;
    TaskControl m_control;
    std::size_t m_reported = 0; // bytes told to m_control so far
    TraceLineParser m_lines;
    Trace m_trace;
};

// Reads the whole file in one go.
std::string readFile(const std::string& path)
{
    const TraceFile file = openTraceFile(path);
    std::string text;
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(path, ec); !ec)
        text.reserve(static_cast<std::size_t>(size));
    std::array<char, 1 << 16> buffer;
    while (const std::size_t got = readTraceFile(file.get(), path, buffer.data(), buffer.size()))
        text.append(buffer.data(), got);
    return text;
}

std::string formatWhat(const std::string& file, LineNo line, const std::string& message)
{
    if (line == 0)
        return file + ": " + message;
    return file + ':' + std::to_string(line) + ": " + message;
}

} // namespace

TraceError::TraceError(std::string file, LineNo line, std::string message)
    : std::runtime_error(formatWhat(file, line, message))
    , m_file(std::move(file))
    , m_line(line)
    , m_message(std::move(message))
{
}

Trace parseTrace(std::string_view text, std::string name, TaskControl control)
{
    return Parser(text, std::move(name), control).run();
}

Trace loadTrace(const std::string& path, TaskControl control)
{
    return parseTrace(readFile(path), path, control);
}

} // namespace heapviz
