// Dies of SIGABRT with two blocks allocated: heapviz-record's trace must
// still hold them, then the signal and the summary.

#include <stdlib.h>

static volatile size_t g_sizes[] = {77, 88};

int main(void)
{
    void* volatile a = malloc(g_sizes[0]);
    void* volatile b = malloc(g_sizes[1]);
    (void)a;
    (void)b;
    abort();
}
