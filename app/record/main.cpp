// heapviz-record: runs a dynamically linked program with libheapviz-record.so
// preloaded, which writes the program's every allocation as a .rep trace that
// HeapViz opens (recorder.c says how). Then says which traces were written.
//
//   heapviz-record [-o FILE] [--] PROGRAM [ARGS...]

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr const char* kLibrary = "libheapviz-record.so";

const char* const kUsage =
    "Usage: heapviz-record [-o FILE] [--] PROGRAM [ARGS...]\n"
    "\n"
    "Runs PROGRAM (dynamically linked) and records its every malloc, calloc,\n"
    "realloc, reallocarray, free, posix_memalign, aligned_alloc, memalign, valloc\n"
    "and pvalloc as a trace HeapViz opens (heapviz FILE, heapviz-cli FILE).\n"
    "\n"
    "  -o, --output FILE  the trace (default: PROGRAM's name with .rep, here)\n"
    "  -q, --quiet        say nothing when the program ends\n"
    "  -h, --help         this text\n"
    "      --version      the version\n"
    "\n"
    "A child made by fork writes FILE.<pid>; a program the recorded one starts\n"
    "with exec writes FILE.<pid> (or FILE.<pid>.2, ...) too. The exit status is\n"
    "the program's (128 + N when signal N ended it).\n";

struct Args {
    std::string output;
    bool quiet = false;
    std::vector<char*> command; // PROGRAM ARGS..., null-terminated
};

// Parses the command line; exits with 0 for --help/--version and 2 on misuse.
Args parseArgs(int argc, char** argv)
{
    Args args;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a == "-h" || a == "--help") {
            std::cout << kUsage;
            std::exit(0);
        }
        if (a == "--version") {
            std::cout << "heapviz-record " << HEAPVIZ_VERSION << "\n";
            std::exit(0);
        }
        if (a == "-q" || a == "--quiet") {
            args.quiet = true;
        } else if (a == "-o" || a == "--output") {
            if (i + 1 >= argc) {
                std::cerr << "heapviz-record: " << a << " needs a file name\n" << kUsage;
                std::exit(2);
            }
            args.output = argv[++i];
        } else if (a.rfind("--output=", 0) == 0) {
            args.output = a.substr(9);
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "heapviz-record: unknown option " << a << "\n" << kUsage;
            std::exit(2);
        } else {
            break; // the program
        }
    }
    if (i >= argc) {
        std::cerr << "heapviz-record: no program to record\n" << kUsage;
        std::exit(2);
    }
    for (; i < argc; ++i)
        args.command.push_back(argv[i]);
    args.command.push_back(nullptr);
    if (args.output.empty())
        args.output = fs::path(args.command[0]).filename().string() + ".rep";
    if (args.output.empty()) {
        std::cerr << "heapviz-record: the output file needs a name\n";
        std::exit(2);
    }
    return args;
}

// The library beside this executable (the build tree), else where
// `cmake --install` puts it relative to the installed executable.
std::optional<fs::path> findLibrary()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return std::nullopt;
    for (const fs::path& candidate : {self.parent_path() / kLibrary,
                                      self.parent_path() / HEAPVIZ_RECORD_LIBDIR / kLibrary}) {
        if (fs::exists(candidate, ec))
            return fs::weakly_canonical(candidate, ec);
    }
    return std::nullopt;
}

// FILE.<digits>[.<digits>] beside FILE: the traces of forks and execs.
std::set<std::string> siblingTraces(const fs::path& file)
{
    std::set<std::string> names;
    const std::string prefix = file.filename().string() + ".";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(file.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() == prefix.size())
            continue;
        const std::string rest = name.substr(prefix.size());
        if (rest.find_first_not_of("0123456789.") == std::string::npos && std::isdigit(rest[0]))
            names.insert(entry.path().string());
    }
    return names;
}

// The summary line the library ends a trace with ("# end (exit): 25
// operations; ..."), or empty when the trace has none. It is the last line,
// so only the file's tail is read: a trace can be gigabytes, and a script
// leaves dozens of them.
std::string summaryLineOf(const fs::path& trace)
{
    std::ifstream in(trace, std::ios::binary | std::ios::ate);
    constexpr std::streamoff kTail = 4096; // a summary line is under 300 bytes
    const std::streamoff size = in.tellg();
    in.seekg(std::max<std::streamoff>(0, size - kTail));
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty())
            last = line;
    return last.rfind("# end (", 0) == 0 ? last : std::string();
}

// The operations a trace's summary line counts (0 without one).
std::uint64_t operationsOf(const std::string& summaryLine)
{
    const auto colon = summaryLine.find("): ");
    return colon == std::string::npos ? 0 : std::strtoull(summaryLine.c_str() + colon + 3, nullptr, 10);
}

// "412106 operations" from a trace's summary line.
std::string summaryOf(const std::string& last)
{
    if (last.empty())
        return "incomplete, without its summary line (the process was killed, or closed the trace)";
    const auto ops = last.find(" operations");
    if (ops == std::string::npos)
        return "";
    std::string text = std::to_string(operationsOf(last)) + " operations";
    const auto skipped = last.find("; ", ops);
    const auto frees = last.find(" frees", ops);
    if (skipped != std::string::npos && frees != std::string::npos) {
        const std::string n = last.substr(skipped + 2, frees - skipped - 2);
        if (n != "0")
            text += ", " + n + " frees of pointers from before recording skipped";
    }
    return text;
}

// The program a trace's first line names ("# heapviz-record: pid 12, forked
// from pid 11, /usr/bin/bash"), or "?".
std::string programOf(const fs::path& trace)
{
    std::ifstream in(trace);
    std::string line;
    std::getline(in, line);
    const std::string start = "# heapviz-record: pid ";
    if (line.rfind(start, 0) != 0)
        return "?";
    std::size_t at = line.find(", ", start.size());
    const std::string forked = ", forked from pid ";
    if (at != std::string::npos && line.compare(at, forked.size(), forked) == 0)
        at = line.find(", ", at + forked.size());
    return at == std::string::npos ? "?" : line.substr(at + 2);
}

// The traces forks and execs wrote beside FILE (not those of an earlier
// recording, `before`), by program: a shell script or a launcher (pyenv's
// python3, say) forks and execs dozens of images, and the program the user
// meant may be any of them. Each program's largest traces are named, the
// program with the largest first; a few lines in all, which the window's
// Record dialog reads back.
void reportOtherTraces(const fs::path& output, const std::set<std::string>& before)
{
    struct Trace {
        std::string name;
        std::uint64_t operations;
        bool complete; // ends with its summary line
    };
    std::map<std::string, std::vector<Trace>> byProgram;
    std::size_t total = 0;
    for (const std::string& path : siblingTraces(output)) {
        if (before.contains(path))
            continue;
        const std::string summary = summaryLineOf(path);
        byProgram[programOf(path)].push_back({fs::path(path).filename().string(), operationsOf(summary), !summary.empty()});
        ++total;
    }
    if (total == 0)
        return;
    const auto larger = [](const Trace& a, const Trace& b) { return a.operations > b.operations; };
    std::vector<std::pair<std::string, std::vector<Trace>>> programs(byProgram.begin(), byProgram.end());
    for (auto& [program, traces] : programs)
        std::stable_sort(traces.begin(), traces.end(), larger);
    std::stable_sort(programs.begin(), programs.end(),
                     [&](const auto& a, const auto& b) { return larger(a.second.front(), b.second.front()); });
    std::cerr << "heapviz-record: its forks and execs wrote " << total << (total == 1 ? " more trace" : " more traces")
              << " beside it (" << output.filename().string() << ".*), by program:\n";
    constexpr std::size_t kPrograms = 8; // programs named (a build runs hundreds), the largest
    constexpr std::size_t kNamed = 3;    // a program's traces named, the largest
    for (std::size_t p = 0; p < std::min(programs.size(), kPrograms); ++p) {
        const auto& [program, traces] = programs[p];
        std::cerr << "heapviz-record:   " << program << ", " << traces.size() << (traces.size() == 1 ? " trace: " : " traces: ");
        for (std::size_t i = 0; i < std::min(traces.size(), kNamed); ++i)
            std::cerr << (i ? ", " : "") << traces[i].name << " ("
                      << (traces[i].complete ? std::to_string(traces[i].operations) + " operations" : "incomplete") << ")";
        if (traces.size() > kNamed)
            std::cerr << " and " << traces.size() - kNamed << " more";
        std::cerr << "\n";
    }
    if (programs.size() > kPrograms) {
        const std::size_t more = programs.size() - kPrograms;
        std::size_t rest = 0;
        for (std::size_t p = kPrograms; p < programs.size(); ++p)
            rest += programs[p].second.size();
        std::cerr << "heapviz-record:   and " << more << (more == 1 ? " more program, " : " more programs, ") << rest
                  << (rest == 1 ? " trace\n" : " traces\n");
    }
}

pid_t g_child = 0;

void forward(int sig)
{
    if (g_child > 0)
        kill(g_child, sig);
}

} // namespace

int main(int argc, char** argv)
{
    const Args args = parseArgs(argc, argv);
    const auto library = findLibrary();
    if (!library) {
        std::cerr << "heapviz-record: cannot find " << kLibrary << " beside the executable or in "
                  << HEAPVIZ_RECORD_LIBDIR << " relative to it\n";
        return 2;
    }
    std::error_code ec;
    const fs::path output = fs::absolute(args.output, ec);
    if (fs::is_directory(output, ec)) {
        std::cerr << "heapviz-record: " << output.string() << " is a directory\n";
        return 2;
    }
    // The first process image to record claims FILE (the library creates it
    // exclusively), so an old one must go first.
    if (fs::exists(output, ec) && !fs::remove(output, ec)) {
        std::cerr << "heapviz-record: cannot replace " << output.string() << ": " << ec.message() << "\n";
        return 2;
    }
    const std::set<std::string> before = siblingTraces(output);

    std::string preload = library->string();
    if (const char* old = std::getenv("LD_PRELOAD"); old && *old)
        preload += std::string(":") + old;

    // The terminal's Ctrl+C and Ctrl+\ reach the program directly; a kill
    // aimed at the launcher is passed on.
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTERM, forward);
    signal(SIGHUP, forward);

    g_child = fork();
    if (g_child < 0) {
        std::cerr << "heapviz-record: fork: " << std::strerror(errno) << "\n";
        return 2;
    }
    if (g_child == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        setenv("LD_PRELOAD", preload.c_str(), 1);
        setenv("HEAPVIZ_RECORD_OUT", output.c_str(), 1);
        execvp(args.command[0], args.command.data());
        const int error = errno;
        std::cerr << "heapviz-record: cannot run " << args.command[0] << ": " << std::strerror(error) << "\n";
        _exit(error == ENOENT ? 127 : 126);
    }

    int status = 0;
    while (waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (WIFEXITED(status) && (code == 126 || code == 127) && !fs::exists(output, ec))
        return code; // it never ran; the child said why

    if (!args.quiet) {
        if (!fs::exists(output, ec)) {
            std::cerr << "heapviz-record: no trace was written: " << args.command[0]
                      << " is statically linked or set-user-ID (the loader then ignores LD_PRELOAD)\n";
        } else {
            const std::string summary = summaryLineOf(output);
            std::cerr << "heapviz-record: " << output.string() << ": " << summaryOf(summary) << "\n";
            reportOtherTraces(output, before);
        }
        if (WIFSIGNALED(status))
            std::cerr << "heapviz-record: " << args.command[0] << " was ended by signal " << WTERMSIG(status)
                      << " (" << strsignal(WTERMSIG(status)) << ")\n";
    }
    return code;
}
