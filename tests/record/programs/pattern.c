// A known allocation pattern for heapviz-record: every function it records,
// each C library edge case once. record_test compares the trace line by line
// with expected/pattern.rep, whose comments work each line out.
// No stdio: its buffers would be allocations of their own.

#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

// Sizes the compiler cannot see, so that it keeps every call as written.
static volatile size_t g_huge = SIZE_MAX / 2;

static void check(int ok, const char* what)
{
    if (!ok) {
        (void)!write(2, what, __builtin_strlen(what));
        (void)!write(2, "\n", 1);
        _exit(3);
    }
}

int main(void)
{
    char* a = malloc(100);
    char* b = calloc(10, 24);
    a = realloc(a, 5000);
    free(b);
    char* c = malloc(32);
    check(calloc(g_huge, 3) == NULL, "calloc's overflow not refused");
    free(NULL);
    void* d = realloc(NULL, 64);
    check(realloc(d, 0) == NULL, "realloc(p, 0) did not free (not glibc?)");
    void* p = NULL;
    check(posix_memalign(&p, 64, 200) == 0, "posix_memalign failed");
    void* q = aligned_alloc(4096, 8192);
    void* r = memalign(32, 48);
    void* v = valloc(10);
    void* pv = pvalloc(5000);
    int* array = reallocarray(NULL, 100, sizeof(int));
    array = reallocarray(array, 200, sizeof(int));
    check(reallocarray(array, g_huge, 4) == NULL, "reallocarray's overflow not refused");
    check(malloc(g_huge) == NULL, "a malloc of 2^63 bytes succeeded");
    check(a && c && q && r && v && pv && array, "an allocation failed");
    free(a);
    free(c);
    free(p);
    free(q);
    free(r);
    free(v);
    free(pv);
    free(array);
    char* again = malloc(1);
    free(again);
    return 0;
}
