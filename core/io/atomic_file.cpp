#include "core/io/atomic_file.h"

#include "core/io/posix_write.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <climits>
#include <random>
#include <vector>

namespace lb::io {

namespace {

constexpr const char* kTempMarker = ".lbtmp-";  // ".<name>.lbtmp-XXXXXX"
constexpr size_t kMarkerLength = 7;
constexpr size_t kSuffixLength = 6;
// NAME_MAX is 255 bytes on Linux file systems: a long name is cut in its temporary name so that
// "." + name + marker + suffix still fits.
constexpr size_t kMaxNameInTemp = 200;
// Symlink chains longer than this are refused, as the kernel does (its own limit is 40).
constexpr int kMaxSymlinkHops = 40;

std::string atomicDirOf(const std::string& p) {
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return p.substr(0, slash);
}

std::string atomicNameOf(const std::string& p) {
    const size_t slash = p.rfind('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string tempPrefix(const std::string& name) {
    return "." + name.substr(0, kMaxNameInTemp) + kTempMarker;
}

// Follows `path` through symlinks to the file a plain open() would write; the result may not exist yet (a new
// file or a dangling link). Only errors that make saving impossible are reported.
Result<std::string> resolveTarget(const std::string& path) {
    std::string p = path;
    for (int hop = 0; hop < kMaxSymlinkHops; ++hop) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        std::vector<char> buf(static_cast<size_t>(st.st_size > 0 ? st.st_size : PATH_MAX) + 1);
        const ssize_t n = ::readlink(p.c_str(), buf.data(), buf.size());
        if (n < 0) return errnoError(path, "cannot read the symbolic link " + p);
        if (static_cast<size_t>(n) >= buf.size())
            return Error{ErrorCode::Io, "symbolic link changed while read", path, p};
        const std::string link(buf.data(), static_cast<size_t>(n));
        p = link[0] == '/' || p.find('/') == std::string::npos ? link : atomicDirOf(p) + "/" + link;
    }
    errno = ELOOP;
    return errnoError(path, "cannot follow the symbolic link");
}

// Six characters from [A-Za-z0-9]; O_EXCL, not the name, is what guarantees the file is new.
std::string randomSuffix() {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 rng = [] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), static_cast<unsigned>(::getpid()),
                          static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
        return std::mt19937_64(seq);
    }();
    std::string s(kSuffixLength, 'x');
    for (char& c : s) c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
    return s;
}

// Keeps what a reader of the old file relied on. Created 0600 first, so a failing fchmod leaves it stricter, never
// wider; fchown only works as root (or for the group, as a member) and is skipped otherwise.
void copyOwnerAndMode(int fd, const struct stat& old) {
    if (old.st_uid != ::geteuid() || old.st_gid != ::getegid()) {
        // Refused for a non-root user: the file then becomes ours, as any file we write would.
        const int refused = ::fchown(fd, old.st_uid, old.st_gid);
        (void)refused;
    }
    // After fchown, which clears the set-user-ID and set-group-ID bits.
    ::fchmod(fd, old.st_mode & 07777);
}

// Makes a finished rename durable. Folders that cannot be opened or file systems without directory fsync
// (EINVAL) leave the rename to the kernel's own write-back; only a real I/O error is reported.
Status syncDirectory(const std::string& dir, const std::string& path) {
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return Status::ok();
    const bool ok = ::fsync(dfd) == 0 || errno == EINVAL;
    const int err = errno;
    ::close(dfd);
    if (ok) return Status::ok();
    errno = err;
    return errnoError(path, "saved, but flushing the folder to disk failed");
}

}  // namespace

bool isAtomicTempName(const std::string& fileName) {
    const size_t tail = kMarkerLength + kSuffixLength;
    return fileName.size() > tail + 1 && fileName[0] == '.' &&
           fileName.compare(fileName.size() - tail, kMarkerLength, kTempMarker) == 0;
}

int removeStaleTemps(const std::string& path) {
    Result<std::string> target = resolveTarget(path);
    if (!target) return 0;
    const std::string dir = atomicDirOf(*target);
    const std::string prefix = tempPrefix(atomicNameOf(*target));
    DIR* d = ::opendir(dir.c_str());
    if (!d) return 0;
    const auto cutoff = std::chrono::system_clock::now() - std::chrono::seconds(kStaleTempAgeSeconds);
    const time_t cutoffSeconds = std::chrono::system_clock::to_time_t(cutoff);
    int removed = 0;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() != prefix.size() + kSuffixLength || name.compare(0, prefix.size(), prefix) != 0) continue;
        struct stat st {};
        if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
        if (st.st_mtime >= cutoffSeconds) continue;
        // A writer holds a lock on its temporary file until it is renamed or removed: an old file that is still
        // locked belongs to a save that is slow, not dead (a job that computes for minutes between two blocks).
        const int fd = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlinkat(::dirfd(d), e->d_name, 0) == 0) ++removed;
        ::close(fd);
    }
    ::closedir(d);
    return removed;
}

// ------------------------------------------------------------------------------------------- AtomicFileWriter
Result<AtomicFileWriter> AtomicFileWriter::open(const std::string& path) {
    Result<std::string> target = resolveTarget(path);
    if (!target) return target.error();
    const std::string name = atomicNameOf(*target);
    if (name.empty() || name == "." || name == "..")
        return Error{ErrorCode::Io, "cannot save: it is a folder", path, {}};
    struct stat old {};
    const bool exists = ::stat(target->c_str(), &old) == 0;
    if (!exists && errno != ENOENT) return errnoError(path, "cannot save");
    // A device or FIFO (/dev/null, /dev/stdout) would be replaced by a regular file, not written to.
    if (exists && !S_ISREG(old.st_mode)) {
        const char* what = S_ISDIR(old.st_mode) ? "cannot save: it is a folder" : "cannot save: not a regular file";
        return Error{ErrorCode::Io, what, path, {}};
    }
    removeStaleTemps(*target);

    AtomicFileWriter w;
    w.m_path = path;
    w.m_target = *target;
    const std::string dir = atomicDirOf(*target);
    const std::string prefix = dir + "/" + tempPrefix(name);
    // 0666 lets the umask decide for a new file, as for any file the process creates; a replacement starts
    // private and takes the old file's mode below.
    const mode_t createMode = exists ? 0600 : 0666;
    for (int attempt = 0; attempt < 100 && w.m_fd < 0; ++attempt) {
        w.m_tempPath = prefix + randomSuffix();
        w.m_fd = ::open(w.m_tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, createMode);
        if (w.m_fd < 0 && errno != EEXIST) break;
    }
    if (w.m_fd < 0) {
        w.m_tempPath.clear();
        return errnoError(path, "cannot create a temporary file in " + dir);
    }
    // Marks the file as in use for removeStaleTemps; released with the descriptor (by the kernel if we die).
    ::flock(w.m_fd, LOCK_EX | LOCK_NB);
    if (exists) copyOwnerAndMode(w.m_fd, old);
    return w;
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& o) noexcept
    : m_fd(o.m_fd), m_path(std::move(o.m_path)), m_target(std::move(o.m_target)), m_tempPath(std::move(o.m_tempPath)) {
    o.m_fd = -1;
    o.m_tempPath.clear();
}

AtomicFileWriter& AtomicFileWriter::operator=(AtomicFileWriter&& o) noexcept {
    if (this != &o) {
        discard();
        m_fd = o.m_fd;
        m_path = std::move(o.m_path);
        m_target = std::move(o.m_target);
        m_tempPath = std::move(o.m_tempPath);
        o.m_fd = -1;
        o.m_tempPath.clear();
    }
    return *this;
}

AtomicFileWriter::~AtomicFileWriter() {
    discard();
}

void AtomicFileWriter::discard() {
    if (m_fd < 0) return;
    ::close(m_fd);
    ::unlink(m_tempPath.c_str());
    m_fd = -1;
    m_tempPath.clear();
}

Status AtomicFileWriter::write(const void* data, size_t size) {
    if (m_fd < 0) return invalidArgument("write to a closed file: " + m_path);
    if (writeAll(m_fd, data, size)) return Status::ok();
    Error e = errnoError(m_path, "cannot write (disk full?)");
    discard();
    return e;
}

Status AtomicFileWriter::commit(Durability durability) {
    if (m_fd < 0) return invalidArgument("commit of a closed file: " + m_path);
    const bool powerCut = durability == Durability::PowerCut;
    // Data before name: without this fsync a power cut after the rename could leave an empty file at `path`.
    if (powerCut && ::fsync(m_fd) != 0) {
        Error e = errnoError(m_path, "cannot write (disk full?)");
        discard();
        return e;
    }
    const int fd = m_fd;
    m_fd = -1;
    const std::string temp = std::move(m_tempPath);
    m_tempPath.clear();
    if (::close(fd) != 0) {
        Error e = errnoError(m_path, "cannot write");
        ::unlink(temp.c_str());
        return e;
    }
    if (::rename(temp.c_str(), m_target.c_str()) != 0) {
        Error e = errnoError(m_path, "cannot replace the file");
        ::unlink(temp.c_str());
        return e;
    }
    return powerCut ? syncDirectory(atomicDirOf(m_target), m_path) : Status::ok();
}

// ------------------------------------------------------------------------------------------- whole buffers
Status writeFileAtomic(const std::string& path, const void* data, size_t size, Durability durability) {
    Result<AtomicFileWriter> w = AtomicFileWriter::open(path);
    if (!w) return w.status();
    if (Status s = w->write(data, size); !s) return s;
    return w->commit(durability);
}

Status writeFileAtomic(const std::string& path, const std::string& bytes, Durability durability) {
    return writeFileAtomic(path, bytes.data(), bytes.size(), durability);
}

}  // namespace lb::io
