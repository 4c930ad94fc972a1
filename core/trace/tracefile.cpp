#include "core/trace/tracefile.h"

#include <cerrno>
#include <filesystem>
#include <system_error>

#include "core/trace/traceparser.h"

namespace heapviz {

namespace {

std::string errnoMessage(int error)
{
    return std::generic_category().message(error);
}

} // namespace

TraceFile openTraceFile(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw TraceError(path, 0, "cannot open: " + errnoMessage(EISDIR));
    TraceFile file(std::fopen(path.c_str(), "rb"));
    if (!file)
        throw TraceError(path, 0, "cannot open: " + errnoMessage(errno));
    return file;
}

std::size_t readTraceFile(std::FILE* file, const std::string& path, char* into, std::size_t size)
{
    const std::size_t got = std::fread(into, 1, size, file);
    if (got == 0 && std::ferror(file))
        throw TraceError(path, 0, "cannot read: " + errnoMessage(errno));
    return got;
}

} // namespace heapviz
