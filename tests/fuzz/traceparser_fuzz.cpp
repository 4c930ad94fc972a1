// libFuzzer target: any bytes as a trace file. The parser must either give a
// trace whose ops it can write back and read again to the same ops, or a
// TraceError naming a line; never crash, hang or throw anything else.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/trace/traceparser.h"
#include "core/trace/tracewriter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    heapviz::Trace trace;
    try {
        trace = heapviz::parseTrace(text, "fuzz.rep");
    } catch (const heapviz::TraceError& e) {
        if (e.line() == 0 && size > 0)
            std::abort(); // an error in a text always names its line
        return 0;
    }
    // What parses writes back to text that parses to the same operations.
    const heapviz::Trace back = heapviz::parseTrace(heapviz::traceToString(trace), "back.rep");
    if (back.ops.size() != trace.ops.size())
        std::abort();
    for (std::size_t i = 0; i < trace.ops.size(); ++i) {
        const heapviz::Op& a = trace.ops[i];
        const heapviz::Op& b = back.ops[i];
        if (a.kind != b.kind || a.id != b.id || a.size != b.size || a.offset != b.offset)
            std::abort();
    }
    return 0;
}
