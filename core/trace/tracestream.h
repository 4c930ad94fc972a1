#pragma once
// A .rep trace file read a chunk of operations at a time: the same lines,
// slots and error messages as loadTrace (both parse through TraceLineParser),
// in memory for a chunk and the longest line rather than for the whole file.

#include <string>
#include <vector>

#include "core/model/opsource.h"
#include "core/trace/tracefile.h"
#include "core/trace/tracelineparser.h"

namespace heapviz {

class TraceStream : public OpSource {
public:
    // Opens path; throws TraceError (line 0), as loadTrace does, when it cannot.
    explicit TraceStream(const std::string& path);

    bool read(OpList& chunk, std::size_t most) override;
    const std::string& name() const override { return m_lines.name(); }

private:
    bool nextLine(std::string_view& line);
    bool refill();

    TraceFile m_file;
    TraceLineParser m_lines;
    SlotTable m_slots;
    std::string m_buffer;  // bytes read but not yet parsed start at m_pos
    std::size_t m_pos = 0;
    bool m_atEnd = false;  // the file has nothing more to read
};

} // namespace heapviz
