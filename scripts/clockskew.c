/*
 * Moves a process's wall clock by an offset read from a file, for clock-skew faults:
 *
 *   LD_PRELOAD=clockskew.so JESDB_CLOCK_SKEW_FILE=/path/to/offset-ms java ...
 *
 * The file holds signed milliseconds ("-30000"); a missing or empty file means 0. It is read
 * again at most every 200 ms, so writing a new value makes the clock jump in a running process,
 * forwards or backwards, the way a stepped NTP correction does.
 *
 * Only the wall clock moves (CLOCK_REALTIME and its coarse form, gettimeofday, time): the
 * monotonic clocks, which timeouts and elections should use, stay true, as on a real machine
 * whose clock is stepped. Unlike libfaketime nothing else is hooked, so a clock read costs a
 * few nanoseconds more, not microseconds. What this cannot move: the kernel's own use of the
 * wall clock, i.e. timed waits with an absolute CLOCK_REALTIME deadline and file times.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define REREAD_NS 200000000LL

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static _Atomic(clock_gettime_fn) real_clock_gettime;
static _Atomic long long skew_ns;
static _Atomic long long next_read_ns;

static clock_gettime_fn real(void) {
    clock_gettime_fn fn = atomic_load(&real_clock_gettime);
    if (fn == NULL) {
        fn = (clock_gettime_fn) dlsym(RTLD_NEXT, "clock_gettime");
        atomic_store(&real_clock_gettime, fn);
    }
    return fn;
}

/* Reads the file with plain system calls: no malloc, no stdio, safe in any thread. */
static long long read_skew_ns(void) {
    const char *path = getenv("JESDB_CLOCK_SKEW_FILE");
    if (path == NULL) {
        return 0;
    }
    int fd = (int) syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    char text[32];
    long n = (long) syscall(SYS_read, fd, text, sizeof text - 1);
    syscall(SYS_close, fd);
    if (n <= 0) {
        return 0;
    }
    text[n] = '\0';
    long long sign = 1, ms = 0;
    int i = 0;
    if (text[0] == '-' || text[0] == '+') {
        sign = text[0] == '-' ? -1 : 1;
        i = 1;
    }
    for (; i < n && text[i] >= '0' && text[i] <= '9'; i++) {
        ms = ms * 10 + (text[i] - '0');
    }
    return sign * ms * 1000000LL;
}

static long long current_skew_ns(void) {
    struct timespec now;
    if (real()(CLOCK_MONOTONIC_COARSE, &now) != 0) {
        return atomic_load(&skew_ns);
    }
    long long now_ns = now.tv_sec * 1000000000LL + now.tv_nsec;
    long long due = atomic_load(&next_read_ns);
    /* One thread re-reads; the others use the value they find meanwhile. */
    if (now_ns >= due && atomic_compare_exchange_strong(&next_read_ns, &due, now_ns + REREAD_NS)) {
        atomic_store(&skew_ns, read_skew_ns());
    }
    return atomic_load(&skew_ns);
}

static void shift(struct timespec *ts, long long by_ns) {
    long long ns = ts->tv_sec * 1000000000LL + ts->tv_nsec + by_ns;
    ts->tv_sec = ns / 1000000000LL;
    ts->tv_nsec = ns % 1000000000LL;
    if (ts->tv_nsec < 0) {
        ts->tv_sec -= 1;
        ts->tv_nsec += 1000000000LL;
    }
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    int result = real()(clock, ts);
    if (result == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) {
        shift(ts, current_skew_ns());
    }
    return result;
}

/* glibc declares tv non-null, but the system call allows NULL (tz only): keep the check. */
#pragma GCC diagnostic ignored "-Wnonnull-compare"
int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    (void) tz;
    struct timespec ts;
    int result = clock_gettime(CLOCK_REALTIME, &ts);
    if (result == 0 && tv != NULL) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return result;
}

time_t time(time_t *out) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return (time_t) -1;
    }
    if (out != NULL) {
        *out = ts.tv_sec;
    }
    return ts.tv_sec;
}
