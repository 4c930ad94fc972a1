// A program that allocates nothing, so that heapviz-record records no
// operation, and with a number of seconds waits that long: the GUI's tests
// of a recording with nothing in it and of Cancel. With "deaf" it ignores
// SIGTERM, as some servers do, so that only SIGKILL stops it.
// No stdio: its buffers would be allocations.

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc > 2 && strcmp(argv[2], "deaf") == 0)
        signal(SIGTERM, SIG_IGN);
    unsigned left = argc > 1 ? (unsigned)atoi(argv[1]) : 0;
    while (left > 0)
        left = sleep(left);
    return 0;
}
