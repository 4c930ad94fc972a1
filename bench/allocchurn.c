// allocchurn: a program that does millions of allocations, for recordbench
// to run plain and under heapviz-record. Each of THREADS threads keeps SLOTS
// slots and, OPS / THREADS times, picks one at random: an empty slot gets a
// malloc of 16..4096 bytes, a full one is freed (or, one time in eight,
// realloc'd). Prints the calls made and the loop's time in ns per call.
//
//   allocchurn [OPS=10000000] [THREADS=1] [SLOTS=10000]

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct {
    uint64_t state;
    long steps;
    long slots;
    long calls;
} Work;

static uint64_t next(uint64_t* s) // xorshift64*
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void* churn(void* arg)
{
    Work* w = arg;
    void** slot = calloc((size_t)w->slots, sizeof(void*));
    for (long i = 0; i < w->steps; ++i) {
        uint64_t r = next(&w->state);
        long j = (long)(r % (uint64_t)w->slots);
        size_t size = 16 + (size_t)((r >> 32) % 4081);
        if (!slot[j])
            slot[j] = malloc(size);
        else if ((r >> 20) % 8 == 0)
            slot[j] = realloc(slot[j], size);
        else {
            free(slot[j]);
            slot[j] = NULL;
        }
        ++w->calls;
    }
    for (long j = 0; j < w->slots; ++j)
        if (slot[j]) {
            free(slot[j]);
            ++w->calls;
        }
    free(slot);
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char** argv)
{
    long ops = argc > 1 ? atol(argv[1]) : 10000000;
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    long slots = argc > 3 ? atol(argv[3]) : 10000;
    if (ops <= 0 || threads <= 0 || threads > 64 || slots <= 0) {
        fprintf(stderr, "usage: allocchurn [OPS] [THREADS] [SLOTS]\n");
        return 2;
    }
    pthread_t tid[64];
    Work work[64];
    double start = now();
    for (int t = 0; t < threads; ++t) {
        work[t] = (Work){.state = 0x9E3779B97F4A7C15ull * (uint64_t)(t + 1), .steps = ops / threads, .slots = slots};
        pthread_create(&tid[t], NULL, churn, &work[t]);
    }
    long calls = 0;
    for (int t = 0; t < threads; ++t) {
        pthread_join(tid[t], NULL);
        calls += work[t].calls;
    }
    double seconds = now() - start;
    printf("%ld calls in %.3f s: %.1f ns per call\n", calls, seconds, seconds * 1e9 / (double)calls);
    return 0;
}
