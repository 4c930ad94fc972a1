#pragma once
// Opening and reading a trace file, with the messages a user sees when that
// fails, shared by the whole-file parser and the chunked stream.

#include <cstdio>
#include <memory>
#include <string>

namespace heapviz {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using TraceFile = std::unique_ptr<std::FILE, FileCloser>;

// Opens path for reading; a directory counts as a file that cannot be opened
// (fopen accepts one on Linux, and reading it fails later). Throws TraceError
// (line 0): "PATH: cannot open: REASON".
TraceFile openTraceFile(const std::string& path);

// Reads up to `size` bytes into `into`; 0 at the end of the file. Throws
// TraceError (line 0), "PATH: cannot read: REASON", when reading fails.
std::size_t readTraceFile(std::FILE* file, const std::string& path, char* into, std::size_t size);

} // namespace heapviz
