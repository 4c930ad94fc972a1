#pragma once
// Reads CS:APP malloc-lab .rep traces (heap-model.md, "Trace files"):
//
//   20000        <- optional header: up to four lines of one integer each
//   2            (classic traces: suggested heap size, ids, ops, weight)
//   a 0 2040     <- malloc: id, payload size
//   r 0 4000     <- realloc: id, new payload size
//   f 0          <- free; "f -1" is free(NULL), a no-op
//
// Blank lines, CR line ends and text after '#' are ignored. Anything else is an
// error naming the file, the line, what was expected and what was found; the
// first one stops the parse, so nothing is ever run from a broken file.

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/model/trace.h"
#include "core/model/types.h"

namespace heapviz {

// A trace that cannot be read or parsed. what() is "FILE:LINE: MESSAGE", or
// "FILE: MESSAGE" when the problem is not on a line (the file cannot be opened).
class TraceError : public std::runtime_error {
public:
    TraceError(std::string file, LineNo line, std::string message);

    const std::string& file() const { return m_file; }
    LineNo line() const { return m_line; }          // 1-based; 0 = the file as a whole
    const std::string& message() const { return m_message; }

private:
    std::string m_file;
    LineNo m_line = 0;
    std::string m_message;
};

// Parses the text of a .rep file; name is used for the trace and in messages.
// The result has each op's 1-based line and its slot (assignSlots) filled in.
// Throws TraceError on the first malformed line. `control` counts the bytes
// parsed and can stop the parse (Cancelled).
Trace parseTrace(std::string_view text, std::string name, TaskControl control = {});

// Reads the whole file at path and parses it; the trace is named path as given.
// Throws TraceError (line 0) when the file cannot be opened or read.
Trace loadTrace(const std::string& path, TaskControl control = {});

} // namespace heapviz
