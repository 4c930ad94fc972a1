// recordbench: what recording costs. Runs allocchurn (millions of malloc,
// realloc and free calls) plain and under heapviz-record, one thread and two,
// best of three each, and prints the whole process's wall time, the loop's
// ns per call as allocchurn measured it, the slowdown and the trace's size.
//
//   recordbench [OPS=10000000] [DIR=/tmp]   (the trace is written in DIR, then removed)

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Timing {
    double wall = 0;    // seconds, fork to exit
    double perCall = 0; // ns, allocchurn's own loop
};

// Runs argv with stdout read back; allocchurn's last line gives its ns per call.
Timing runOnce(const std::vector<std::string>& args)
{
    int out[2];
    if (pipe(out) != 0)
        std::exit(1);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        std::vector<char*> argv;
        for (const std::string& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string text;
    char buf[512];
    for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    Timing t;
    t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::cerr << "recordbench: " << args[0] << " failed\n";
        std::exit(1);
    }
    const auto colon = text.find("s: ");
    t.perCall = colon == std::string::npos ? 0 : std::atof(text.c_str() + colon + 3);
    return t;
}

Timing best(const std::vector<std::string>& args, int runs)
{
    Timing b{1e30, 1e30};
    for (int i = 0; i < runs; ++i) {
        const Timing t = runOnce(args);
        b.wall = std::min(b.wall, t.wall);
        b.perCall = std::min(b.perCall, t.perCall);
    }
    return b;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string ops = argc > 1 ? argv[1] : "10000000";
    const fs::path dir = argc > 2 ? argv[2] : fs::temp_directory_path();
    const fs::path trace = dir / ("recordbench-" + std::to_string(getpid()) + ".rep");
    std::printf("allocchurn %s calls (malloc 16..4096 B / realloc / free, 10,000 slots per thread), best of 3\n",
                ops.c_str());
    std::printf("%-9s %10s %12s %12s %14s %8s %10s\n", "threads", "plain s", "recorded s", "slowdown",
                "ns/call p/r", "", "trace MB");
    for (const char* threads : {"1", "2"}) {
        const std::vector<std::string> plain{ALLOCCHURN, ops, threads};
        std::vector<std::string> recorded{HEAPVIZ_RECORD, "-q", "-o", trace.string(), "--"};
        recorded.insert(recorded.end(), plain.begin(), plain.end());
        const Timing p = best(plain, 3);
        const Timing r = best(recorded, 3);
        std::error_code ec;
        const double mb = static_cast<double>(fs::file_size(trace, ec)) / 1e6;
        std::printf("%-9s %10.3f %12.3f %11.2fx %6.1f / %5.1f %8s %10.1f\n", threads, p.wall, r.wall, r.wall / p.wall,
                    p.perCall, r.perCall, "", mb);
        fs::remove(trace, ec);
    }
    return 0;
}
