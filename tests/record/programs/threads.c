// Four threads allocating, resizing and freeing at once, for heapviz-record:
// each thread keeps 64 slots and, 20,000 times, fills an empty slot (malloc)
// or resizes (realloc, one time in four) or empties a full one (free); sizes
// are in 10,000..10,999 bytes, so that the test can tell these operations
// from the C library's own. Prints "MALLOCS REALLOCS FREES" when done.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { kThreads = 4, kSlots = 64, kSteps = 20000 };

typedef struct {
    unsigned seed;
    unsigned long mallocs, reallocs, frees;
} Work;

static void* run(void* arg)
{
    Work* w = arg;
    void* slot[kSlots] = {0};
    for (int step = 0; step < kSteps; ++step) {
        int j = rand_r(&w->seed) % kSlots;
        size_t size = 10000 + (size_t)(rand_r(&w->seed) % 1000);
        if (!slot[j]) {
            slot[j] = malloc(size);
            ++w->mallocs;
        } else if (rand_r(&w->seed) % 4 == 0) {
            slot[j] = realloc(slot[j], size);
            ++w->reallocs;
        } else {
            free(slot[j]);
            slot[j] = NULL;
            ++w->frees;
        }
    }
    for (int j = 0; j < kSlots; ++j)
        if (slot[j]) {
            free(slot[j]);
            ++w->frees;
        }
    return NULL;
}

int main(void)
{
    pthread_t threads[kThreads];
    Work work[kThreads];
    for (int t = 0; t < kThreads; ++t) {
        work[t] = (Work){.seed = 1234u + (unsigned)t};
        pthread_create(&threads[t], NULL, run, &work[t]);
    }
    unsigned long m = 0, r = 0, f = 0;
    for (int t = 0; t < kThreads; ++t) {
        pthread_join(threads[t], NULL);
        m += work[t].mallocs;
        r += work[t].reallocs;
        f += work[t].frees;
    }
    char line[96]; // snprintf into the stack: no stdio buffer, no malloc
    int n = snprintf(line, sizeof line, "%lu %lu %lu\n", m, r, f);
    (void)!write(1, line, (size_t)n);
    return 0;
}
