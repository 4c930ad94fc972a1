#include "heaptesting.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <filesystem>

namespace heapviz::testing {

std::string shape(const std::vector<BlockInfo>& blocks)
{
    std::string s;
    for (const BlockInfo& b : blocks) {
        if (!s.empty())
            s += ' ';
        s += "[" + std::to_string(b.at.value()) + "," + std::to_string((b.at + b.size).value()) + ")";
        s += b.used ? "u" + std::to_string(b.id) : "f";
    }
    return s;
}

Outcome runOps(std::string_view ops, const HeapConfig& config, Strategy strategy, bool recordEvents)
{
    return runOps(ops, laneOf(strategy, config), recordEvents);
}

Outcome runOps(std::string_view ops, const LaneSpec& lane, bool recordEvents)
{
    const Trace trace = parseTrace(ops, "test.rep");
    RunOptions options{.lane = lane, .countExamined = true, .recordEvents = recordEvents, .checkInvariants = true};
    Outcome out{runTrace(trace, options), {}};
    out.layout = shape(out.run.finalBlocks);
    return out;
}

std::string sharedTracesDir()
{
    std::error_code ec;
    return std::filesystem::is_directory(HEAPVIZ_SHARED_TRACES, ec) ? HEAPVIZ_SHARED_TRACES : "";
}

std::vector<std::string> sharedTraceFiles()
{
    std::vector<std::string> files;
    const std::string dir = sharedTracesDir();
    if (dir.empty())
        return files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().extension() == ".rep")
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string fileWith(const std::string& name, const std::string& text)
{
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto path = std::filesystem::path(::testing::TempDir()) / (std::to_string(stamp) + "_" + name);
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

} // namespace heapviz::testing
