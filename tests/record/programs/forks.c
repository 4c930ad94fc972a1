// fork and exec under heapviz-record: the parent allocates two blocks, a
// forked child allocates, resizes and frees its own and frees one it
// inherited (a pointer its trace never saw allocated), then a second child
// execs this program again ("exec"), which allocates and frees one block.
// Prints "fork PID" and "exec PID" for the test to find their traces.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char* what, pid_t pid)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%s %d\n", what, (int)pid);
    (void)!write(1, line, (size_t)n);
}

static volatile size_t g_sizes[] = {111, 222, 333, 444, 555};

int main(int argc, char** argv)
{
    if (argc > 1 && strcmp(argv[1], "exec") == 0) {
        free(malloc(g_sizes[4]));
        return 0;
    }
    char* kept = malloc(g_sizes[0]);
    char* shared = malloc(g_sizes[1]);
    pid_t child = fork();
    if (child == 0) {
        char* own = malloc(g_sizes[2]);
        free(shared);
        own = realloc(own, g_sizes[3]);
        free(own);
        exit(0);
    }
    waitpid(child, NULL, 0);
    say("fork", child);
    pid_t execed = fork();
    if (execed == 0) {
        execl("/proc/self/exe", argv[0], "exec", (char*)NULL);
        _exit(127);
    }
    waitpid(execed, NULL, 0);
    say("exec", execed);
    free(kept);
    free(shared);
    return 0;
}
