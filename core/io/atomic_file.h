// Saving a file so that a crash, a full disk or a killed process never leaves a half-written file: the one
// mechanism every writer in the project uses (sessions, anchors, .npy outputs, exports, PNGs, test reports).
//
// How: the bytes go to a new temporary file ".<name>.lbtmp-XXXXXX" created with O_EXCL in the same directory
// as the final file (rename is atomic only within one file system), which is fsynced, renamed over the
// final file, and the directory is fsynced so the rename itself survives a power cut. Until the rename,
// `path` keeps its old content; on every failure the temporary file is removed.
// - Symlinks: saving through a symlink replaces the file it points to (followed to the end of the chain,
//   dangling or not), so the link stays a link.
// - Permissions: an existing file's mode (and, when allowed, owner) carries over, so a 0600 file stays
//   0600; a new file gets 0666 & ~umask like any file the process creates.
// - Only regular files are replaced: a directory or a device at `path` is an error.
// - Temporary files of a save that was killed are removed by the next save of the same file once they are
//   older than kStaleTempAgeSeconds and no writer holds them (each writer flocks its temporary file).
// Pure POSIX; any thread; two saves of the same path at once each leave a complete file (the last rename wins).
#pragma once

#include "core/status.h"

#include <cstddef>
#include <string>

namespace lb::io {

// A temporary file younger than this may belong to a save running right now (in this or another process);
// an older one is left over from a save that was killed.
constexpr int kStaleTempAgeSeconds = 60;

// What a save survives once it returned. PowerCut (every user file): the data and the rename are fsynced.
// ProcessCrash: a reader still sees the old file or the new one whole, never a part, but a power cut may lose the
// save; for a file rewritten several times a second that only another process reads meanwhile (the app's test
// report), where two fsyncs a write would block the writing thread for nothing.
enum class Durability { PowerCut, ProcessCrash };

// Writes [data, data + size) to `path` atomically. Errors: Io naming `path` (missing or unwritable folder,
// disk full, `path` is a directory, ...); `path` is then unchanged.
Status writeFileAtomic(const std::string& path, const void* data, size_t size,
                       Durability durability = Durability::PowerCut);
Status writeFileAtomic(const std::string& path, const std::string& bytes, Durability durability = Durability::PowerCut);

// The streaming shape, for files written block by block (a large .npy): open, write chunks, commit.
// Destroyed (or discarded) before commit(), it removes its temporary file and `path` is unchanged.
// Move-only; one thread at a time.
class AtomicFileWriter {
   public:
    // Resolves symlinks, removes stale temporary files and creates the temporary file. Errors: Io naming `path`.
    static Result<AtomicFileWriter> open(const std::string& path);

    AtomicFileWriter(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    // Appends bytes after those written so far. On error the writer discards itself. Errors: Io (disk full, ...),
    // InvalidArgument after commit/discard.
    Status write(const void* data, size_t size);
    // fsync, rename over the target, fsync the directory (ProcessCrash: the rename alone). The writer is closed
    // afterwards whatever the outcome. Errors: Io naming `path`, InvalidArgument after commit/discard.
    Status commit(Durability durability = Durability::PowerCut);
    // Closes and removes the temporary file; `path` is unchanged. Idempotent.
    void discard();

    bool isOpen() const { return m_fd >= 0; }
    const std::string& path() const { return m_path; }          // as given to open()
    const std::string& tempPath() const { return m_tempPath; }  // empty once closed

   private:
    AtomicFileWriter() = default;
    int m_fd = -1;
    std::string m_path;      // as given: the name errors carry
    std::string m_target;    // `path` with symlinks followed: the file that is replaced
    std::string m_tempPath;  // beside m_target
};

// Removes the temporary files of earlier saves of `path` (symlinks followed) that are older than
// kStaleTempAgeSeconds and not held by a running writer; returns how many were removed. Best effort:
// unreadable folders count as none. AtomicFileWriter::open calls it.
int removeStaleTemps(const std::string& path);

// Whether `fileName` (no directory) is a temporary file of this mechanism, for any target.
bool isAtomicTempName(const std::string& fileName);

}  // namespace lb::io
