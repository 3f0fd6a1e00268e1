/*
 * lazyfs: the file system JESDB's power-loss tests put a node's data folder on.
 *
 * It passes every call through to a backing folder except file data: a write is kept in this
 * process's memory (in 4 KiB pages, by the backing file's inode, so it follows a rename) and
 * reaches the backing file only when the file is fsynced or fdatasynced, or when it was opened
 * with O_SYNC or O_DSYNC. Reads see the written data. Killing this process with SIGKILL is the
 * power cut: whatever was not synced is gone, as it would be from a disk's volatile cache and
 * the kernel's page cache. Then the test unmounts the dead mount and mounts the backing folder
 * again. The idea is Jepsen's lazyfs; this is a small, separate implementation.
 *
 * Not modelled: metadata (create, rename, unlink, truncate, fallocate) is durable at once, as
 * if every directory were fsynced; torn writes inside a page.
 *
 *   lazyfs BACKING_DIR MOUNT_POINT [FUSE options, e.g. -f]
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <pthread.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

#define PAGE_SIZE 4096

struct page {
    off_t index;
    unsigned char data[PAGE_SIZE];
};

/* What a file holds that is not yet on the backing file. */
struct lazy_file {
    ino_t ino;
    int fd;       /* a writable descriptor of the backing file, to persist through */
    off_t size;   /* the size readers see */
    void *pages;  /* tsearch tree of struct page *, by index */
};

/* An open file: the backing descriptor and what it is. */
struct handle {
    int fd;
    ino_t ino;
    int sync;     /* opened with O_SYNC or O_DSYNC: writes are durable at once */
};

static char backing[PATH_MAX];
static void *files; /* tsearch tree of struct lazy_file *, by inode */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* tsearch keeps pointers to the nodes; these compare the first field of each struct. */
static int by_ino(const void *a, const void *b) {
    ino_t x = ((const struct lazy_file *) a)->ino, y = ((const struct lazy_file *) b)->ino;
    return x < y ? -1 : x > y;
}

static int by_index(const void *a, const void *b) {
    off_t x = ((const struct page *) a)->index, y = ((const struct page *) b)->index;
    return x < y ? -1 : x > y;
}

static int full_path(char out[PATH_MAX], const char *path) {
    return snprintf(out, PATH_MAX, "%s%s", backing, path) >= PATH_MAX ? -ENAMETOOLONG : 0;
}

static struct lazy_file *find_file(ino_t ino) {
    struct lazy_file key = {.ino = ino};
    void *found = tfind(&key, &files, by_ino);
    return found ? *(struct lazy_file **) found : NULL;
}

static struct lazy_file *file_for_write(struct handle *h) {
    struct lazy_file *file = find_file(h->ino);
    if (file) {
        return file;
    }
    struct stat st;
    if (fstat(h->fd, &st) < 0) {
        return NULL;
    }
    file = calloc(1, sizeof *file);
    if (!file) {
        return NULL;
    }
    file->ino = h->ino;
    /* Read and write: the handle may be write-only, and a first write into a page reads it. */
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", h->fd);
    file->fd = open(self, O_RDWR);
    if (file->fd < 0) {
        free(file);
        return NULL;
    }
    file->size = st.st_size;
    tsearch(file, &files, by_ino);
    return file;
}

static struct page *find_page(struct lazy_file *file, off_t index) {
    struct page key = {.index = index};
    void *found = tfind(&key, &file->pages, by_index);
    return found ? *(struct page **) found : NULL;
}

/* The page as readers see it now, made dirty: read from the backing file the first time. */
static struct page *page_for_write(struct lazy_file *file, off_t index) {
    struct page *page = find_page(file, index);
    if (page) {
        return page;
    }
    page = calloc(1, sizeof *page);
    if (!page) {
        return NULL;
    }
    page->index = index;
    off_t start = index * PAGE_SIZE;
    if (start < file->size) {
        ssize_t n = pread(file->fd, page->data, PAGE_SIZE, start);
        (void) n; /* past the backing file's end, the page stays zero */
    }
    tsearch(page, &file->pages, by_index);
    return page;
}

/* tdestroy has no context argument: persisting walks with these. */
static struct lazy_file *persisting;
static int persist_error;

static void persist_page(const void *node, VISIT which, int depth) {
    (void) depth;
    if (which != postorder && which != leaf) {
        return;
    }
    const struct page *page = *(struct page * const *) node;
    off_t start = page->index * PAGE_SIZE;
    if (start >= persisting->size) {
        return;
    }
    size_t length = persisting->size - start < PAGE_SIZE ? (size_t) (persisting->size - start) : PAGE_SIZE;
    if (pwrite(persisting->fd, page->data, length, start) != (ssize_t) length) {
        persist_error = errno ? -errno : -EIO;
    }
}

/* Writes every dirty page to the backing file and syncs it; the file keeps no pages after. */
static int persist(struct lazy_file *file, int datasync) {
    persisting = file;
    persist_error = 0;
    twalk(file->pages, persist_page);
    if (persist_error) {
        return persist_error;
    }
    tdestroy(file->pages, free);
    file->pages = NULL;
    if ((datasync ? fdatasync(file->fd) : fsync(file->fd)) < 0) {
        return -errno;
    }
    return 0;
}

/* Drops pages wholly past size and zeroes the tail of the one that holds the end. */
static off_t cutting_at;
static struct page **cut_pages;
static size_t cut_count;

static void collect_past_end(const void *node, VISIT which, int depth) {
    (void) depth;
    if (which != postorder && which != leaf) {
        return;
    }
    struct page *page = *(struct page * const *) node;
    off_t start = page->index * PAGE_SIZE;
    if (start >= cutting_at) {
        cut_pages[cut_count++] = page;
    } else if (start + PAGE_SIZE > cutting_at) {
        memset(page->data + (cutting_at - start), 0, PAGE_SIZE - (cutting_at - start));
    }
}

static size_t count_pages;
static void count_page(const void *node, VISIT which, int depth) {
    (void) node;
    (void) depth;
    if (which == postorder || which == leaf) {
        count_pages++;
    }
}

static int cut(struct lazy_file *file, off_t size) {
    count_pages = 0;
    twalk(file->pages, count_page);
    cut_pages = calloc(count_pages + 1, sizeof *cut_pages);
    if (!cut_pages) {
        return -ENOMEM;
    }
    cut_count = 0;
    cutting_at = size;
    twalk(file->pages, collect_past_end);
    for (size_t i = 0; i < cut_count; i++) {
        tdelete(cut_pages[i], &file->pages, by_index);
        free(cut_pages[i]);
    }
    free(cut_pages);
    file->size = size;
    return 0;
}

static struct handle *handle_of(struct fuse_file_info *fi) {
    return (struct handle *) (uintptr_t) fi->fh;
}

static void *lazy_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
    (void) conn;
    /*
     * Sizes are asked for every time: the kernel must see the size of unsynced data. The
     * kernel's page cache stays on (Ratis maps files to read them, which direct I/O forbids):
     * writes go through it to us at once (no writeback cache), and a crash's new mount starts
     * with an empty one.
     */
    cfg->use_ino = 1;
    cfg->attr_timeout = 0;
    cfg->entry_timeout = 0;
    cfg->negative_timeout = 0;
    return NULL;
}

static int lazy_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
    int result;
    if (fi) {
        result = fstat(handle_of(fi)->fd, st);
    } else {
        char p[PATH_MAX];
        int error = full_path(p, path);
        if (error) {
            return error;
        }
        result = lstat(p, st);
    }
    if (result < 0) {
        return -errno;
    }
    pthread_mutex_lock(&lock);
    struct lazy_file *file = S_ISREG(st->st_mode) ? find_file(st->st_ino) : NULL;
    if (file) {
        st->st_size = file->size;
        st->st_blocks = (file->size + 511) / 512;
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

static int lazy_access(const char *path, int mask) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : access(p, mask) < 0 ? -errno : 0;
}

static int lazy_readlink(const char *path, char *buf, size_t size) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    if (error) {
        return error;
    }
    ssize_t n = readlink(p, buf, size - 1);
    if (n < 0) {
        return -errno;
    }
    buf[n] = '\0';
    return 0;
}

static int lazy_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t offset, struct fuse_file_info *fi,
                        enum fuse_readdir_flags flags) {
    (void) offset;
    (void) fi;
    (void) flags;
    char p[PATH_MAX];
    int error = full_path(p, path);
    if (error) {
        return error;
    }
    DIR *dir = opendir(p);
    if (!dir) {
        return -errno;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        struct stat st = {0};
        st.st_ino = entry->d_ino;
        st.st_mode = entry->d_type << 12;
        if (filler(buf, entry->d_name, &st, 0, 0)) {
            break;
        }
    }
    closedir(dir);
    return 0;
}

static int lazy_mkdir(const char *path, mode_t mode) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : mkdir(p, mode) < 0 ? -errno : 0;
}

static int lazy_unlink(const char *path) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : unlink(p) < 0 ? -errno : 0;
}

static int lazy_rmdir(const char *path) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : rmdir(p) < 0 ? -errno : 0;
}

static int lazy_symlink(const char *target, const char *path) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : symlink(target, p) < 0 ? -errno : 0;
}

static int lazy_rename(const char *from, const char *to, unsigned int flags) {
    char f[PATH_MAX], t[PATH_MAX];
    int error = full_path(f, from);
    if (!error) {
        error = full_path(t, to);
    }
    if (error) {
        return error;
    }
    return renameat2(AT_FDCWD, f, AT_FDCWD, t, flags) < 0 ? -errno : 0;
}

static int lazy_link(const char *from, const char *to) {
    char f[PATH_MAX], t[PATH_MAX];
    int error = full_path(f, from);
    if (!error) {
        error = full_path(t, to);
    }
    return error ? error : link(f, t) < 0 ? -errno : 0;
}

static int lazy_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
    if (fi) {
        return fchmod(handle_of(fi)->fd, mode) < 0 ? -errno : 0;
    }
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : chmod(p, mode) < 0 ? -errno : 0;
}

static int lazy_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
    if (fi) {
        return fchown(handle_of(fi)->fd, uid, gid) < 0 ? -errno : 0;
    }
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : lchown(p, uid, gid) < 0 ? -errno : 0;
}

static int lazy_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
    if (fi) {
        return futimens(handle_of(fi)->fd, tv) < 0 ? -errno : 0;
    }
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : utimensat(AT_FDCWD, p, tv, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
}

/* Truncation is durable at once (metadata); the pages past the new end go. */
static int lazy_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
    int result;
    struct stat st;
    if (fi) {
        result = ftruncate(handle_of(fi)->fd, size);
        if (result == 0) {
            result = fstat(handle_of(fi)->fd, &st);
        }
    } else {
        char p[PATH_MAX];
        int error = full_path(p, path);
        if (error) {
            return error;
        }
        result = truncate(p, size);
        if (result == 0) {
            result = stat(p, &st);
        }
    }
    if (result < 0) {
        return -errno;
    }
    pthread_mutex_lock(&lock);
    struct lazy_file *file = find_file(st.st_ino);
    int error = file ? cut(file, size) : 0;
    pthread_mutex_unlock(&lock);
    return error;
}

static int open_handle(const char *path, struct fuse_file_info *fi, mode_t mode, int create) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    if (error) {
        return error;
    }
    int fd = create ? open(p, fi->flags, mode) : open(p, fi->flags & ~O_TRUNC);
    if (fd < 0) {
        return -errno;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        error = -errno;
        close(fd);
        return error;
    }
    struct handle *h = calloc(1, sizeof *h);
    if (!h) {
        close(fd);
        return -ENOMEM;
    }
    h->fd = fd;
    h->ino = st.st_ino;
    h->sync = (fi->flags & (O_SYNC | O_DSYNC)) != 0;
    fi->fh = (uint64_t) (uintptr_t) h;
    if (!create && (fi->flags & O_TRUNC)) {
        return lazy_truncate(path, 0, fi);
    }
    return 0;
}

static int lazy_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
    return open_handle(path, fi, mode, 1);
}

static int lazy_open(const char *path, struct fuse_file_info *fi) {
    return open_handle(path, fi, 0, 0);
}

static int lazy_read(const char *path, char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
    (void) path;
    struct handle *h = handle_of(fi);
    pthread_mutex_lock(&lock);
    struct lazy_file *file = find_file(h->ino);
    off_t end;
    if (file) {
        end = file->size;
    } else {
        struct stat st;
        if (fstat(h->fd, &st) < 0) {
            pthread_mutex_unlock(&lock);
            return -errno;
        }
        end = st.st_size;
    }
    if (offset >= end) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    size_t length = end - offset < (off_t) size ? (size_t) (end - offset) : size;
    ssize_t n = pread(h->fd, buf, length, offset);
    if (n < 0) {
        int error = -errno;
        pthread_mutex_unlock(&lock);
        return error;
    }
    if ((size_t) n < length) {
        memset(buf + n, 0, length - n); /* written here but not yet on the backing file */
    }
    if (file) {
        for (off_t index = offset / PAGE_SIZE; index * PAGE_SIZE < offset + (off_t) length; index++) {
            struct page *page = find_page(file, index);
            if (!page) {
                continue;
            }
            off_t from = index * PAGE_SIZE > offset ? index * PAGE_SIZE : offset;
            off_t to = (index + 1) * PAGE_SIZE < offset + (off_t) length ? (index + 1) * PAGE_SIZE : offset + (off_t) length;
            memcpy(buf + (from - offset), page->data + (from - index * PAGE_SIZE), to - from);
        }
    }
    pthread_mutex_unlock(&lock);
    return (int) length;
}

static int lazy_write(const char *path, const char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
    (void) path;
    struct handle *h = handle_of(fi);
    pthread_mutex_lock(&lock);
    struct lazy_file *file = file_for_write(h);
    if (!file) {
        pthread_mutex_unlock(&lock);
        return -ENOMEM;
    }
    size_t done = 0;
    while (done < size) {
        off_t at = offset + done;
        off_t index = at / PAGE_SIZE;
        struct page *page = page_for_write(file, index);
        if (!page) {
            pthread_mutex_unlock(&lock);
            return -ENOMEM;
        }
        size_t in_page = PAGE_SIZE - (at - index * PAGE_SIZE);
        size_t n = size - done < in_page ? size - done : in_page;
        memcpy(page->data + (at - index * PAGE_SIZE), buf + done, n);
        done += n;
    }
    if (offset + (off_t) size > file->size) {
        file->size = offset + size;
    }
    int error = h->sync ? persist(file, 1) : 0;
    pthread_mutex_unlock(&lock);
    return error ? error : (int) size;
}

static int lazy_statfs(const char *path, struct statvfs *st) {
    char p[PATH_MAX];
    int error = full_path(p, path);
    return error ? error : statvfs(p, st) < 0 ? -errno : 0;
}

static int lazy_flush(const char *path, struct fuse_file_info *fi) {
    (void) path;
    (void) fi;
    return 0; /* close(2) makes nothing durable */
}

static int lazy_release(const char *path, struct fuse_file_info *fi) {
    (void) path;
    struct handle *h = handle_of(fi);
    close(h->fd);
    free(h);
    return 0;
}

static int lazy_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
    (void) path;
    struct handle *h = handle_of(fi);
    pthread_mutex_lock(&lock);
    struct lazy_file *file = find_file(h->ino);
    int error;
    if (file) {
        error = persist(file, datasync);
    } else {
        error = (datasync ? fdatasync(h->fd) : fsync(h->fd)) < 0 ? -errno : 0;
    }
    pthread_mutex_unlock(&lock);
    return error;
}

static int lazy_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
    (void) datasync;
    (void) fi;
    char p[PATH_MAX];
    int error = full_path(p, path);
    if (error) {
        return error;
    }
    int fd = open(p, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        return -errno;
    }
    error = fsync(fd) < 0 ? -errno : 0;
    close(fd);
    return error;
}

/* Space is reserved on the backing file at once; only mode 0 and KEEP_SIZE are offered. */
static int lazy_fallocate(const char *path, int mode, off_t offset, off_t length, struct fuse_file_info *fi) {
    (void) path;
    if (mode & ~FALLOC_FL_KEEP_SIZE) {
        return -EOPNOTSUPP;
    }
    struct handle *h = handle_of(fi);
    if (fallocate(h->fd, mode, offset, length) < 0) {
        return -errno;
    }
    pthread_mutex_lock(&lock);
    struct lazy_file *file = find_file(h->ino);
    if (file && !(mode & FALLOC_FL_KEEP_SIZE) && offset + length > file->size) {
        file->size = offset + length;
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

static const struct fuse_operations operations = {
    .init = lazy_init,
    .getattr = lazy_getattr,
    .access = lazy_access,
    .readlink = lazy_readlink,
    .readdir = lazy_readdir,
    .mkdir = lazy_mkdir,
    .symlink = lazy_symlink,
    .unlink = lazy_unlink,
    .rmdir = lazy_rmdir,
    .rename = lazy_rename,
    .link = lazy_link,
    .chmod = lazy_chmod,
    .chown = lazy_chown,
    .truncate = lazy_truncate,
    .utimens = lazy_utimens,
    .open = lazy_open,
    .create = lazy_create,
    .read = lazy_read,
    .write = lazy_write,
    .statfs = lazy_statfs,
    .flush = lazy_flush,
    .release = lazy_release,
    .fsync = lazy_fsync,
    .fsyncdir = lazy_fsyncdir,
    .fallocate = lazy_fallocate,
};

int main(int argc, char *argv[]) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s BACKING_DIR MOUNT_POINT [FUSE options]\n", argv[0]);
        return 2;
    }
    if (!realpath(argv[1], backing)) {
        perror(argv[1]);
        return 2;
    }
    /* FUSE sees the mount point and its options; the backing folder is ours. */
    argv[1] = argv[0];
    return fuse_main(argc - 1, argv + 1, &operations, NULL);
}
