// libheapviz-record.so: preloaded into a program (LD_PRELOAD) by heapviz-record,
// it writes every malloc, calloc, realloc, reallocarray, free, posix_memalign,
// aligned_alloc, memalign, valloc and pvalloc of the program as a CS:APP .rep
// trace (heap-model.md, "Trace files") that HeapViz opens.
//
// Glossary:
//   real      the next definition of each function (the C library's), found
//             with dlsym(RTLD_NEXT) on the first call
//   arena     a static bump allocator that serves the allocations dlsym itself
//             makes while the real functions are being looked up; never freed
//   id        the trace's name for a live pointer; a freed id is reused (LIFO),
//             so the ids stay as few as the most blocks ever live at once and
//             the simulator's per-id tables stay that small
//   busy      this thread is inside a hook: an allocation made by the real
//             function or by a signal handler then passes straight through
//
// Safe inside any program: nothing here allocates through malloc (the tables
// are mmap'd, the trace is written with write(2) from a static buffer), one
// mutex orders the trace, a fork's child writes its own file (or none), a new
// process image (exec) writes its own, and the buffer is flushed at exit,
// _exit, exec and on SIGSEGV, SIGABRT, SIGTERM, SIGINT and SIGBUS before the
// previous handler runs. The output path is in HEAPVIZ_RECORD_OUT; without it
// the library only passes calls on.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define TLS __thread __attribute__((tls_model("initial-exec")))

extern char** environ;

// ---------------------------------------------------------------------------
// The real functions

typedef void* (*MallocFn)(size_t);
typedef void* (*CallocFn)(size_t, size_t);
typedef void* (*ReallocFn)(void*, size_t);
typedef void* (*ReallocarrayFn)(void*, size_t, size_t);
typedef void (*FreeFn)(void*);
typedef int (*PosixMemalignFn)(void**, size_t, size_t);
typedef void* (*AlignedFn)(size_t, size_t);
typedef void* (*PageFn)(size_t);
typedef void (*ExitFn)(int);
typedef int (*ExecveFn)(const char*, char* const[], char* const[]);
typedef int (*ExecvpeFn)(const char*, char* const[], char* const[]);
typedef int (*FexecveFn)(int, char* const[], char* const[]);

static struct {
    MallocFn malloc;
    CallocFn calloc;
    ReallocFn realloc;
    ReallocarrayFn reallocarray; // may be missing (glibc < 2.26): realloc then
    FreeFn free;
    PosixMemalignFn posix_memalign;
    AlignedFn aligned_alloc;
    AlignedFn memalign;
    PageFn valloc;
    PageFn pvalloc;
    ExitFn exit_, Exit_;
    ExecveFn execve;
    ExecvpeFn execvpe;
    FexecveFn fexecve;
} real;

static int g_resolved;            // atomic: every pointer of `real` is set
static TLS int t_resolving;       // this thread is inside dlsym: use the arena
static TLS int t_busy;            // this thread is inside a hook
static TLS int t_locked;          // this thread holds g_lock

// Dies with a message when the C library cannot be found (a static program
// cannot get here; a broken loader could).
static void die(const char* message)
{
    (void)!write(2, message, strlen(message));
    abort();
}

static void* need(const char* name)
{
    void* f = dlsym(RTLD_NEXT, name);
    if (!f)
        die("libheapviz-record: the C library's allocation functions were not found\n");
    return f;
}

// ISO C has no cast from dlsym's object pointer to a function pointer; POSIX
// guarantees the representation is the same.
#define SET(field, address)                              \
    do {                                                 \
        void* found_ = (address);                        \
        memcpy(&real.field, &found_, sizeof found_);     \
    } while (0)

// Looks every real function up; allocations dlsym makes meanwhile (on this
// thread) come from the arena. Two threads resolving at once find the same.
static void resolve(void)
{
    t_resolving = 1;
    SET(malloc, need("malloc"));
    SET(calloc, need("calloc"));
    SET(realloc, need("realloc"));
    SET(reallocarray, dlsym(RTLD_NEXT, "reallocarray"));
    SET(free, need("free"));
    SET(posix_memalign, need("posix_memalign"));
    SET(aligned_alloc, need("aligned_alloc"));
    SET(memalign, need("memalign"));
    SET(valloc, need("valloc"));
    SET(pvalloc, need("pvalloc"));
    SET(exit_, need("_exit"));
    SET(Exit_, need("_Exit"));
    SET(execve, need("execve"));
    SET(execvpe, need("execvpe"));
    SET(fexecve, need("fexecve"));
    t_resolving = 0;
    __atomic_store_n(&g_resolved, 1, __ATOMIC_RELEASE);
}

static inline int resolved(void) { return __atomic_load_n(&g_resolved, __ATOMIC_ACQUIRE); }

// ---------------------------------------------------------------------------
// The bootstrap arena: what dlsym allocates before malloc is known.

#define ARENA_SIZE (256 * 1024)
static _Alignas(64) unsigned char g_arena[ARENA_SIZE];
static size_t g_arenaUsed; // atomic

static int inArena(const void* p)
{
    return (const unsigned char*)p >= g_arena && (const unsigned char*)p < g_arena + ARENA_SIZE;
}

// A block of the arena, `align`-aligned (a power of two, at least 16), its
// size in the 16 bytes before it (for realloc). Zeroed: the arena is static
// and nothing in it is ever reused, so calloc needs no memset.
static void* arenaAlloc(size_t size, size_t align)
{
    if (align < 16)
        align = 16;
    if (size > ARENA_SIZE)
        die("libheapviz-record: the start-up arena is exhausted\n");
    size_t need = size + align + 16;
    size_t start = __atomic_fetch_add(&g_arenaUsed, need, __ATOMIC_RELAXED);
    if (start + need > ARENA_SIZE)
        die("libheapviz-record: the start-up arena is exhausted\n");
    uintptr_t base = (uintptr_t)(g_arena + start) + 16;
    uintptr_t p = (base + align - 1) & ~(uintptr_t)(align - 1);
    ((size_t*)p)[-1] = size;
    return (void*)p;
}

static size_t arenaSize(const void* p) { return ((const size_t*)p)[-1]; }

// ---------------------------------------------------------------------------
// Recording state; everything below is guarded by g_lock.

// Adaptive: a thread that finds it taken spins a little before it sleeps.
// The lock is held for a line's worth of work (~75 ns), far less than a
// sleep and a wake-up; two threads allocating at once on two cores took
// 20% less time than with a plain mutex (README, Benchmarks).
static pthread_mutex_t g_lock = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;

enum { kUnknown = 0, kOn, kOff };
static int g_mode = kUnknown;      // decided on the first recorded call
static int g_fd = -1;
static int g_afterExit;            // our destructor ran: flush every line
static char g_path[4096];          // HEAPVIZ_RECORD_OUT

#define BUFFER_SIZE (64 * 1024)
static char g_buf[BUFFER_SIZE];
static size_t g_len;               // bytes of g_buf holding whole lines
static size_t g_written;           // of those, already written (for a signal mid-flush)

static struct {
    uint64_t ops;             // lines of operations written
    uint64_t unknownFrees;    // free / realloc(p, 0) of a pointer never seen allocated
    uint64_t unknownReallocs; // realloc of one, recorded as a malloc of the new block
    uint64_t failed;          // requests the C library refused (NULL, or an error)
    uint64_t stale;           // a pointer handed out again that the trace thought live
} g_count;

static void lock(void)
{
    pthread_mutex_lock(&g_lock);
    t_locked = 1;
}

static void unlock(void)
{
    t_locked = 0;
    pthread_mutex_unlock(&g_lock);
}

// Raw writes of the whole range, retrying on EINTR and short writes.
static void writeAll(const char* p, size_t n)
{
    while (n > 0 && g_fd >= 0) {
        ssize_t w = write(g_fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return; // disk full, fd closed by the program: nothing better to do
        }
        p += w;
        n -= (size_t)w;
    }
}

static dev_t g_dev;     // the trace file, to tell it from another file
static ino_t g_ino;     // that the program opened on a descriptor it closed
static pid_t g_owner;   // the process that opened it (not a vfork child)

// Whether g_fd is still the trace: a program may close every descriptor it
// did not open (a daemon does) and open a file of its own in its place.
static int stillOurs(void)
{
    struct stat st;
    if (g_fd < 0 || fstat(g_fd, &st) != 0 || st.st_dev != g_dev || st.st_ino != g_ino) {
        static const char msg[] = "libheapviz-record: the program closed the trace file; recording stops\n";
        (void)!write(2, msg, sizeof msg - 1);
        g_fd = -1;
        g_mode = kOff;
        return 0;
    }
    return 1;
}

static void flush(void)
{
    if (g_written < g_len && !stillOurs()) {
        g_len = g_written = 0;
        return;
    }
    while (g_written < g_len) {
        size_t chunk = g_len - g_written;
        writeAll(g_buf + g_written, chunk);
        g_written += chunk;
    }
    g_len = g_written = 0;
}

// --- formatting into a line on the stack

typedef struct {
    char text[256];
    size_t n;
} Line;

static void put(Line* l, const char* s)
{
    while (*s && l->n < sizeof l->text - 1)
        l->text[l->n++] = *s++;
}

static void putU(Line* l, uint64_t v)
{
    char digits[24];
    int k = 0;
    do {
        digits[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k > 0 && l->n < sizeof l->text - 1)
        l->text[l->n++] = digits[--k];
}

// Adds a line to the buffer.
static void append(Line* l)
{
    l->text[l->n++] = '\n';
    if (g_len + l->n > BUFFER_SIZE)
        flush();
    memcpy(g_buf + g_len, l->text, l->n);
    g_len += l->n;
}

static void rewriteTail(void);

// Adds an operation's line; after our destructor (other libraries' destructors
// still free), it goes into the file at once, before the summary.
static void emit(Line* l)
{
    append(l);
    if (UNLIKELY(g_afterExit))
        rewriteTail();
}

// --- the live pointers: an open-addressing table (linear probing, backward
// shift on delete), mmap'd so that it never calls malloc.

typedef struct {
    uintptr_t key; // 0 = empty
    uint64_t id;
} Entry;

static Entry* g_table;
static size_t g_cap;   // a power of two
static size_t g_live;

static uint64_t* g_freeIds; // released ids, reused last-in first-out
static size_t g_freeCount, g_freeCap;
static uint64_t g_nextId;

static void* mapPages(size_t bytes)
{
    void* p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("libheapviz-record: out of memory for its tables\n");
    return p;
}

static inline size_t slotOf(uintptr_t key, size_t cap)
{
    // Fibonacci hashing: the product's top bits, as many as the table needs.
    return (size_t)(((uint64_t)key >> 4) * 0x9E3779B97F4A7C15ull >> (64 - __builtin_ctzll(cap)));
}

static void tableInsert(Entry* table, size_t cap, uintptr_t key, uint64_t id)
{
    size_t i = slotOf(key, cap);
    while (table[i].key)
        i = (i + 1) & (cap - 1);
    table[i].key = key;
    table[i].id = id;
}

static void grow(void)
{
    size_t cap = g_cap ? g_cap * 2 : (1u << 16);
    Entry* table = mapPages(cap * sizeof(Entry));
    for (size_t i = 0; i < g_cap; ++i)
        if (g_table[i].key)
            tableInsert(table, cap, g_table[i].key, g_table[i].id);
    if (g_table)
        munmap(g_table, g_cap * sizeof(Entry));
    g_table = table;
    g_cap = cap;
}

// The slot holding key, or the empty slot where it would go.
static size_t find(uintptr_t key)
{
    size_t i = slotOf(key, g_cap);
    while (g_table[i].key && g_table[i].key != key)
        i = (i + 1) & (g_cap - 1);
    return i;
}

static void removeAt(size_t i)
{
    // Backward shift: move later entries of the probe run into the hole
    // unless their home slot lies cyclically after the hole.
    size_t hole = i, j = i;
    for (;;) {
        j = (j + 1) & (g_cap - 1);
        if (!g_table[j].key)
            break;
        size_t home = slotOf(g_table[j].key, g_cap);
        if (((j - home) & (g_cap - 1)) >= ((j - hole) & (g_cap - 1))) {
            g_table[hole] = g_table[j];
            hole = j;
        }
    }
    g_table[hole].key = 0;
    --g_live;
}

static uint64_t takeId(void)
{
    return g_freeCount ? g_freeIds[--g_freeCount] : g_nextId++;
}

static void releaseId(uint64_t id)
{
    if (g_freeCount == g_freeCap) {
        size_t cap = g_freeCap ? g_freeCap * 2 : 4096;
        uint64_t* ids = mapPages(cap * sizeof(uint64_t));
        if (g_freeIds) {
            memcpy(ids, g_freeIds, g_freeCount * sizeof(uint64_t));
            munmap(g_freeIds, g_freeCap * sizeof(uint64_t));
        }
        g_freeIds = ids;
        g_freeCap = cap;
    }
    g_freeIds[g_freeCount++] = id;
}

static void forgetAll(void)
{
    if (g_table)
        munmap(g_table, g_cap * sizeof(Entry));
    if (g_freeIds)
        munmap(g_freeIds, g_freeCap * sizeof(uint64_t));
    g_table = NULL;
    g_cap = g_live = 0;
    g_freeIds = NULL;
    g_freeCount = g_freeCap = 0;
    g_nextId = 0;
    memset(&g_count, 0, sizeof g_count);
}

// --- the output file

// HEAPVIZ_RECORD_OUT from the environment this image started with: from libc's
// environ once it is set, else (calls made by the loader before libc is
// initialised) from /proc/self/environ.
static int outputPath(char* out, size_t cap)
{
    static const char key[] = "HEAPVIZ_RECORD_OUT=";
    const size_t keyLen = sizeof key - 1;
    if (environ) {
        for (char** e = environ; *e; ++e)
            if (strncmp(*e, key, keyLen) == 0 && strlen(*e + keyLen) < cap) {
                strcpy(out, *e + keyLen);
                return out[0] != 0;
            }
        return 0;
    }
    int fd = open("/proc/self/environ", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    // Entries are NUL-separated; match the key at each entry's start.
    char chunk[4096];
    size_t matched = 0, n = 0; // matched: key bytes matched at this entry's start
    int atStart = 1, copying = 0, found = 0;
    ssize_t r;
    while (!found && (r = read(fd, chunk, sizeof chunk)) > 0) {
        for (ssize_t i = 0; i < r && !found; ++i) {
            char c = chunk[i];
            if (copying) {
                if (c == 0 || n + 1 >= cap) {
                    out[n] = 0;
                    found = c == 0 && n > 0;
                    copying = 0;
                    atStart = 1;
                    matched = 0;
                } else {
                    out[n++] = c;
                }
                continue;
            }
            if (c == 0) {
                atStart = 1;
                matched = 0;
                continue;
            }
            if (atStart && c == key[matched]) {
                if (++matched == keyLen) {
                    copying = 1;
                    n = 0;
                }
            } else {
                atStart = 0;
            }
        }
    }
    if (copying && n > 0) {
        out[n] = 0;
        found = 1;
    }
    close(fd);
    return found;
}

static void appendNumber(char* s, size_t cap, uint64_t v)
{
    Line l = {.n = 0};
    putU(&l, v);
    size_t len = strlen(s);
    if (len + l.n + 1 < cap) {
        memcpy(s + len, l.text, l.n);
        s[len + l.n] = 0;
    }
}

// Opens this process image's own trace, never one another image has: FILE if
// nobody has it yet (the launcher removed it), else FILE.<pid>, else
// FILE.<pid>.2, ... The descriptor sits high, away from the program's own,
// and closes on exec.
static int openOwnFile(void)
{
    char name[sizeof g_path + 48];
    for (int attempt = 0; attempt < 100; ++attempt) {
        strcpy(name, g_path);
        if (attempt > 0) {
            strcat(name, ".");
            appendNumber(name, sizeof name, (uint64_t)getpid());
        }
        if (attempt > 1) {
            strcat(name, ".");
            appendNumber(name, sizeof name, (uint64_t)attempt);
        }
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            int high = fcntl(fd, F_DUPFD_CLOEXEC, 512);
            if (high >= 0) {
                close(fd);
                fd = high;
            }
            return fd;
        }
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

static void header(uint64_t forkedFrom)
{
    Line l = {.n = 0};
    put(&l, "# heapviz-record: pid ");
    putU(&l, (uint64_t)getpid());
    if (forkedFrom) {
        put(&l, ", forked from pid ");
        putU(&l, forkedFrom);
    }
    char exe[200];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        put(&l, ", ");
        put(&l, exe);
    }
    emit(&l);
}

static uint64_t g_forkedFrom; // the parent's pid in a fork's child, else 0

// Decides, on the first recorded call, whether this image records and where.
static void start(void)
{
    g_mode = kOff;
    if (!outputPath(g_path, sizeof g_path))
        return;
    g_fd = openOwnFile();
    if (g_fd < 0) {
        static const char msg[] = "libheapviz-record: cannot create the trace file; not recording\n";
        (void)!write(2, msg, sizeof msg - 1);
        return;
    }
    struct stat st;
    if (fstat(g_fd, &st) == 0) {
        g_dev = st.st_dev;
        g_ino = st.st_ino;
    }
    g_owner = getpid();
    g_mode = kOn;
    header(g_forkedFrom);
}

static void footer(const char* why)
{
    Line l = {.n = 0};
    put(&l, "# end (");
    put(&l, why);
    put(&l, "): ");
    putU(&l, g_count.ops);
    put(&l, " operations; ");
    putU(&l, g_count.unknownFrees);
    put(&l, " frees of pointers never seen allocated, skipped; ");
    putU(&l, g_count.unknownReallocs);
    put(&l, " reallocs of them, recorded as mallocs; ");
    putU(&l, g_count.failed);
    put(&l, " failed requests, not recorded");
    append(&l);
    if (g_count.stale) {
        l.n = 0;
        put(&l, "# ");
        putU(&l, g_count.stale);
        put(&l, " pointers were handed out again while still live in the trace (a free the recorder missed)");
        append(&l);
    }
}

static off_t g_footerAt;     // where the summary starts, once our destructor ran
static const char* g_endWhy; // what ended the image: "exit", "_exit", ...

// Writes the buffered lines over the summary and the summary after them, so
// that it stays the file's last line.
static void rewriteTail(void)
{
    if (lseek(g_fd, g_footerAt, SEEK_SET) < 0)
        return;
    flush();
    g_footerAt = lseek(g_fd, 0, SEEK_CUR);
    footer(g_endWhy);
    flush();
}

// True when this call is to be recorded: the lock is then held.
static int begin(void)
{
    lock();
    if (UNLIKELY(g_mode == kUnknown))
        start();
    if (g_mode == kOn)
        return 1;
    unlock();
    return 0;
}

// --- the operations (g_lock held)

typedef struct {
    const char* function; // "posix_memalign", ...; NULL for plain malloc/calloc
    size_t alignment;
    size_t requested;     // pvalloc: the size asked for, before rounding
} Note;

static void recordAlloc(void* p, size_t size, const Note* note)
{
    if (UNLIKELY(g_live + 1 > g_cap / 4 * 3))
        grow();
    size_t i = find((uintptr_t)p);
    Line l = {.n = 0};
    if (UNLIKELY(g_table[i].key)) {
        // Live already: a free went past us (an allocation freed by code that
        // called the C library's internal free). Close it so ids stay sound.
        ++g_count.stale;
        put(&l, "f ");
        putU(&l, g_table[i].id);
        put(&l, " # freed without the recorder seeing it");
        ++g_count.ops;
        emit(&l);
        l.n = 0;
        releaseId(g_table[i].id);
        removeAt(i);
        i = find((uintptr_t)p);
    }
    uint64_t id = takeId();
    g_table[i].key = (uintptr_t)p;
    g_table[i].id = id;
    ++g_live;
    put(&l, "a ");
    putU(&l, id);
    put(&l, " ");
    putU(&l, size);
    if (note && note->function) {
        put(&l, " # ");
        put(&l, note->function);
        put(&l, ", alignment ");
        putU(&l, note->alignment);
        if (note->requested != size) {
            put(&l, ", ");
            putU(&l, note->requested);
            put(&l, " bytes asked for, rounded up to whole pages");
        }
    }
    ++g_count.ops; // before emit: after exit, emit rewrites the summary
    emit(&l);
}

static void recordFree(void* p)
{
    Line l = {.n = 0};
    if (!p) {
        put(&l, "f -1");
        ++g_count.ops; // before emit: after exit, emit rewrites the summary
        emit(&l);
        return;
    }
    if (!g_cap) {
        ++g_count.unknownFrees;
        return;
    }
    size_t i = find((uintptr_t)p);
    if (!g_table[i].key) {
        ++g_count.unknownFrees;
        return;
    }
    put(&l, "f ");
    putU(&l, g_table[i].id);
    ++g_count.ops; // before emit: after exit, emit rewrites the summary
    emit(&l);
    releaseId(g_table[i].id);
    removeAt(i);
}

// realloc(p, size) returned q, as the C library behaves: p NULL is a malloc;
// q NULL with size 0 means p was freed (glibc); q NULL otherwise is a failure
// that left p alone; a p never seen allocated gives a new block, recorded as
// a malloc (and counted).
static void recordRealloc(void* p, size_t size, void* q, const char* function)
{
    if (!p) {
        if (q)
            recordAlloc(q, size, NULL);
        else
            ++g_count.failed;
        return;
    }
    size_t i = g_cap ? find((uintptr_t)p) : 0;
    int known = g_cap && g_table[i].key;
    if (!q) {
        if (size == 0)
            recordFree(p); // counts an unknown p itself
        else
            ++g_count.failed;
        return;
    }
    if (!known) {
        ++g_count.unknownReallocs;
        recordAlloc(q, size, NULL);
        return;
    }
    uint64_t id = g_table[i].id;
    if (q != p) {
        removeAt(i);
        if (UNLIKELY(g_live + 1 > g_cap / 4 * 3))
            grow();
        size_t j = find((uintptr_t)q);
        if (UNLIKELY(g_table[j].key)) { // q live in the trace: see recordAlloc
            ++g_count.stale;
            Line s = {.n = 0};
            put(&s, "f ");
            putU(&s, g_table[j].id);
            put(&s, " # freed without the recorder seeing it");
            ++g_count.ops;
            emit(&s);
            releaseId(g_table[j].id);
            removeAt(j);
            j = find((uintptr_t)q);
        }
        g_table[j].key = (uintptr_t)q;
        g_table[j].id = id;
        ++g_live;
    }
    Line l = {.n = 0};
    put(&l, "r ");
    putU(&l, id);
    put(&l, " ");
    putU(&l, size);
    if (function) {
        put(&l, " # ");
        put(&l, function);
    }
    ++g_count.ops; // before emit: after exit, emit rewrites the summary
    emit(&l);
}

// ---------------------------------------------------------------------------
// The hooks. Each saves errno around its own bookkeeping so that the program
// sees the C library's errno.

#define ENSURE_RESOLVED(arenaExpr)   \
    if (UNLIKELY(!resolved())) {     \
        if (t_resolving)             \
            return arenaExpr;        \
        resolve();                   \
    }

static void* allocated(void* p, size_t size, const Note* note)
{
    int saved = errno;
    if (begin()) {
        if (p)
            recordAlloc(p, size, note);
        else
            ++g_count.failed;
        unlock();
    }
    errno = saved;
    return p;
}

EXPORT void* malloc(size_t size)
{
    ENSURE_RESOLVED(arenaAlloc(size, 16));
    if (t_busy || g_mode == kOff)
        return real.malloc(size);
    t_busy = 1;
    void* p = allocated(real.malloc(size), size, NULL);
    t_busy = 0;
    return p;
}

EXPORT void* calloc(size_t count, size_t size)
{
    size_t total;
    int overflow = __builtin_mul_overflow(count, size, &total);
    ENSURE_RESOLVED(overflow ? NULL : arenaAlloc(total, 16));
    if (t_busy || g_mode == kOff)
        return real.calloc(count, size);
    t_busy = 1;
    void* p = real.calloc(count, size); // NULL and ENOMEM on overflow
    allocated(overflow ? NULL : p, overflow ? 0 : total, NULL);
    t_busy = 0;
    return p;
}

EXPORT void free(void* p)
{
    if (UNLIKELY(!resolved())) {
        if (t_resolving)
            return; // the arena's blocks are never reused; others leak (start-up only)
        resolve();
    }
    if (UNLIKELY(inArena(p)))
        return;
    if (t_busy || g_mode == kOff) {
        real.free(p);
        return;
    }
    t_busy = 1;
    int saved = errno;
    // Recorded before the block goes back, so that no other thread can be
    // handed it (and record its malloc) ahead of this free.
    if (begin()) {
        recordFree(p);
        unlock();
    }
    errno = saved;
    real.free(p);
    t_busy = 0;
}

// A block of the arena moved to the real heap (dlsym's, grown after start-up).
static void* leaveArena(void* p, size_t size)
{
    void* q = real.malloc(size);
    if (q) {
        size_t old = arenaSize(p);
        memcpy(q, p, old < size ? old : size);
    }
    return q;
}

// realloc and reallocarray: the real call runs under the lock, so that the
// block it frees cannot be handed to another thread and recorded before this
// realloc is.
static void* reallocRecorded(void* p, size_t size, size_t count, size_t each, const char* function)
{
    t_busy = 1;
    void* q;
    int saved = errno;
    if (begin()) {
        errno = saved;
        q = function ? real.reallocarray(p, count, each) : real.realloc(p, size);
        saved = errno;
        recordRealloc(p, size, q, function);
        unlock();
        errno = saved;
    } else {
        errno = saved;
        q = function ? real.reallocarray(p, count, each) : real.realloc(p, size);
    }
    t_busy = 0;
    return q;
}

EXPORT void* realloc(void* p, size_t size)
{
    if (UNLIKELY(!resolved())) {
        if (t_resolving) {
            void* q = arenaAlloc(size, 16);
            if (p)
                memcpy(q, p, arenaSize(p) < size ? arenaSize(p) : size);
            return q;
        }
        resolve();
    }
    if (UNLIKELY(p && inArena(p))) {
        void* q = leaveArena(p, size);
        return (t_busy || g_mode == kOff) ? q : allocated(q, size, NULL);
    }
    if (t_busy || g_mode == kOff)
        return real.realloc(p, size);
    return reallocRecorded(p, size, 0, 0, NULL);
}

EXPORT void* reallocarray(void* p, size_t count, size_t each)
{
    size_t total;
    if (__builtin_mul_overflow(count, each, &total)) {
        if (resolved() && !t_busy && g_mode != kOff) {
            int saved = errno;
            if (begin()) {
                ++g_count.failed;
                unlock();
            }
            errno = saved;
        }
        errno = ENOMEM; // as glibc: p is left alone
        return NULL;
    }
    ENSURE_RESOLVED(realloc(p, total));
    if (!real.reallocarray || (p && inArena(p)) || t_busy || g_mode == kOff)
        return realloc(p, total);
    return reallocRecorded(p, total, count, each, "reallocarray");
}

static void* aligned(void* p, size_t size, const char* function, size_t alignment, size_t requested)
{
    Note note = {function, alignment, requested};
    return allocated(p, size, &note);
}

EXPORT int posix_memalign(void** out, size_t alignment, size_t size)
{
    if (UNLIKELY(!resolved())) {
        if (t_resolving) {
            *out = arenaAlloc(size, alignment);
            return 0;
        }
        resolve();
    }
    if (t_busy || g_mode == kOff)
        return real.posix_memalign(out, alignment, size);
    t_busy = 1;
    int rc = real.posix_memalign(out, alignment, size);
    aligned(rc == 0 ? *out : NULL, size, "posix_memalign", alignment, size);
    t_busy = 0;
    return rc;
}

EXPORT void* aligned_alloc(size_t alignment, size_t size)
{
    ENSURE_RESOLVED(arenaAlloc(size, alignment));
    if (t_busy || g_mode == kOff)
        return real.aligned_alloc(alignment, size);
    t_busy = 1;
    void* p = aligned(real.aligned_alloc(alignment, size), size, "aligned_alloc", alignment, size);
    t_busy = 0;
    return p;
}

EXPORT void* memalign(size_t alignment, size_t size)
{
    ENSURE_RESOLVED(arenaAlloc(size, alignment));
    if (t_busy || g_mode == kOff)
        return real.memalign(alignment, size);
    t_busy = 1;
    void* p = aligned(real.memalign(alignment, size), size, "memalign", alignment, size);
    t_busy = 0;
    return p;
}

EXPORT void* valloc(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    ENSURE_RESOLVED(arenaAlloc(size, page));
    if (t_busy || g_mode == kOff)
        return real.valloc(size);
    t_busy = 1;
    void* p = aligned(real.valloc(size), size, "valloc", page, size);
    t_busy = 0;
    return p;
}

// pvalloc rounds the size up to whole pages (a page for 0): the block is
// recorded at the size the program may use, the request in the comment.
EXPORT void* pvalloc(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t rounded = size == 0 ? page : (size + page - 1) / page * page;
    int overflow = rounded < size;
    ENSURE_RESOLVED(overflow ? NULL : arenaAlloc(rounded, page));
    if (t_busy || g_mode == kOff)
        return real.pvalloc(size);
    t_busy = 1;
    void* p = real.pvalloc(size);
    aligned(overflow ? NULL : p, rounded, "pvalloc", page, size);
    t_busy = 0;
    return p;
}

// ---------------------------------------------------------------------------
// Exit, exec, fork and signals

// Everything buffered goes out, with the summary when the image ends here.
// It may be called where this thread holds the lock already (_exit from a
// signal handler that interrupted a hook): the buffer then holds whole lines.
static void finish(const char* why)
{
    int saved = errno;
    int mine = t_locked;
    if (!mine)
        lock();
    // A vfork child shares our memory until it execs or exits: the trace
    // stays the parent's to end.
    if (g_mode == kOn && !g_afterExit && getpid() == g_owner) {
        flush();
        g_footerAt = lseek(g_fd, 0, SEEK_CUR);
        g_endWhy = why;
        footer(why);
        flush();
        g_afterExit = 1; // destructors after ours may still free
    }
    if (!mine)
        unlock();
    errno = saved;
}

__attribute__((destructor)) static void atEnd(void) { finish("exit"); }

EXPORT void _exit(int status)
{
    if (!resolved())
        resolve();
    finish("_exit");
    real.exit_(status);
    __builtin_unreachable();
}

EXPORT void _Exit(int status)
{
    if (!resolved())
        resolve();
    finish("_Exit");
    real.Exit_(status);
    __builtin_unreachable();
}

// Before a new image replaces this one (its own trace is its own file): the
// summary, and what is buffered. If exec fails, recording simply goes on.
static void beforeExec(void)
{
    if (!resolved())
        resolve();
    int saved = errno;
    lock();
    if (g_mode == kOn && getpid() == g_owner) { // not from a vfork child: see finish
        footer("exec");
        flush();
    }
    unlock();
    errno = saved;
}

EXPORT int execve(const char* path, char* const argv[], char* const envp[])
{
    beforeExec();
    return real.execve(path, argv, envp);
}

EXPORT int execv(const char* path, char* const argv[])
{
    beforeExec();
    return real.execve(path, argv, environ);
}

EXPORT int execvpe(const char* file, char* const argv[], char* const envp[])
{
    beforeExec();
    return real.execvpe(file, argv, envp);
}

EXPORT int execvp(const char* file, char* const argv[])
{
    beforeExec();
    return real.execvpe(file, argv, environ);
}

EXPORT int fexecve(int fd, char* const argv[], char* const envp[])
{
    beforeExec();
    return real.fexecve(fd, argv, envp);
}

// execl, execlp, execle: the variadic list copied to the stack.
#define COLLECT_ARGS(first, argv, readEnv, envp)                 \
    size_t argc = 1; /* glibc declares the first argument nonnull */ \
    va_list ap;                                                  \
    va_start(ap, first);                                         \
    while (va_arg(ap, const char*))                              \
        ++argc;                                                  \
    va_end(ap);                                                  \
    char* argv[argc + 1];                                        \
    argv[0] = (char*)(first);                                    \
    va_start(ap, first);                                         \
    for (size_t k = 1; k <= argc; ++k)                           \
        argv[k] = va_arg(ap, char*);                             \
    if (readEnv)                                                 \
        envp = va_arg(ap, char* const*);                         \
    va_end(ap)

EXPORT int execl(const char* path, const char* arg, ...)
{
    char* const* envp = environ;
    COLLECT_ARGS(arg, argv, 0, envp);
    beforeExec();
    return real.execve(path, argv, envp);
}

EXPORT int execlp(const char* file, const char* arg, ...)
{
    char* const* envp = environ;
    COLLECT_ARGS(arg, argv, 0, envp);
    beforeExec();
    return real.execvpe(file, argv, envp);
}

EXPORT int execle(const char* path, const char* arg, ...)
{
    char* const* envp = NULL;
    COLLECT_ARGS(arg, argv, 1, envp);
    beforeExec();
    return real.execve(path, argv, envp);
}

static void beforeFork(void) { lock(); }
static void afterForkParent(void) { unlock(); }

// The child drops the parent's buffered lines, file and live pointers (its
// frees of inherited blocks are then of pointers never seen), and opens its
// own trace on its first call.
static void afterForkChild(void)
{
    g_forkedFrom = (uint64_t)getppid();
    if (g_mode == kOn) {
        close(g_fd);
        g_fd = -1;
        g_len = g_written = 0;
        g_afterExit = 0;
        forgetAll();
        g_mode = kUnknown;
    }
    unlock();
}

static const int kSignals[] = {SIGSEGV, SIGABRT, SIGTERM, SIGINT, SIGBUS};
#define SIGNALS (sizeof kSignals / sizeof kSignals[0])
static struct sigaction g_previous[SIGNALS];

// Writes what is buffered, from a signal handler: the lock is this thread's
// already (the buffer holds whole lines up to g_len), or taken if it comes
// free within about a second.
static void flushFromSignal(int sig, int fatal)
{
    int mine = t_locked;
    if (!mine) {
        int tries = 0;
        while (pthread_mutex_trylock(&g_lock) != 0) {
            if (++tries > 1000)
                return;
            struct timespec ms = {0, 1000000};
            nanosleep(&ms, NULL);
        }
    }
    if (g_mode == kOn) {
        if (fatal) {
            Line l = {.n = 0};
            put(&l, "# signal ");
            putU(&l, (uint64_t)sig);
            append(&l);
            footer("signal");
        }
        flush();
    }
    if (!mine)
        pthread_mutex_unlock(&g_lock);
}

static void onSignal(int sig, siginfo_t* info, void* context)
{
    int saved = errno;
    size_t k = 0;
    while (k < SIGNALS && kSignals[k] != sig)
        ++k;
    if (k == SIGNALS)
        return;
    const struct sigaction* old = &g_previous[k];
    int isDefault = !(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_DFL;
    int isIgnored = !(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_IGN;
    flushFromSignal(sig, isDefault);
    if (old->sa_flags & SA_SIGINFO) {
        old->sa_sigaction(sig, info, context);
    } else if (isDefault || (isIgnored && (sig == SIGSEGV || sig == SIGBUS))) {
        // Die as the program would have: the default action, delivered when
        // this handler returns (or, for a fault, when the instruction reruns).
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        if (sig != SIGSEGV && sig != SIGBUS)
            raise(sig);
    } else if (!isIgnored) {
        old->sa_handler(sig);
    }
    errno = saved;
}

__attribute__((constructor)) static void atStart(void)
{
    if (!resolved())
        resolve();
    char path[sizeof g_path];
    if (!outputPath(path, sizeof path))
        return; // not recording: the hooks only pass calls on
    t_busy = 1; // pthread_atfork allocates
    pthread_atfork(beforeFork, afterForkParent, afterForkChild);
    t_busy = 0;
    // The trace exists even if the program never allocates: no file then
    // means the library was not loaded (a static or set-user-ID program).
    if (begin())
        unlock();
    for (size_t k = 0; k < SIGNALS; ++k) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = onSignal;
        sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        sigaction(kSignals[k], &sa, &g_previous[k]);
    }
}
