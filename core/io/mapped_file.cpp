#include "core/io/mapped_file.h"

#include "core/io/file_reader.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

namespace lb {

namespace {

// The registry the SIGBUS handler reads: lock-free slots, so a handler running on any thread never waits.
// A slot is taken by storing `end` last (the handler checks begin <= addr < end).
constexpr int kSlots = 4096;
struct Slot {
    std::atomic<uintptr_t> begin{0}, end{0};
    std::atomic<bool> truncated{false};
};
std::array<Slot, kSlots> g_slots;
std::mutex g_registryMutex;                 // taking and freeing slots (not the handler)
std::vector<std::string> g_truncatedPaths;  // filled outside the handler, from the slots' flags
std::array<std::string, kSlots> g_slotPaths;
struct sigaction g_previous {};

void onSigbus(int sig, siginfo_t* info, void* context) {
    const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
    for (Slot& s : g_slots) {
        const uintptr_t begin = s.begin.load(std::memory_order_acquire), end = s.end.load(std::memory_order_acquire);
        if (begin == 0 || addr < begin || addr >= end) continue;
        // Zero pages over the rest of the mapping: the faulting read, and every later one, reads zeros.
        const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
        const uintptr_t from = addr & ~(page - 1);
        void* p = ::mmap(reinterpret_cast<void*>(from), end - from, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS,
                         -1, 0);
        if (p == MAP_FAILED) break;
        s.truncated.store(true, std::memory_order_release);
        return;
    }
    // Not ours: what would have happened without this handler.
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) return g_previous.sa_sigaction(sig, info, context);
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler) {
        return g_previous.sa_handler(sig);
    }
    ::signal(SIGBUS, SIG_DFL);
    ::raise(SIGBUS);
}

void installHandlerOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGBUS, &sa, &g_previous);
    });
}

int registerMapping(const uint8_t* data, size_t size, const std::string& path) {
    installHandlerOnce();
    std::lock_guard<std::mutex> lock(g_registryMutex);
    for (int i = 0; i < kSlots; ++i) {
        Slot& s = g_slots[static_cast<size_t>(i)];
        if (s.begin.load() != 0) continue;
        g_slotPaths[static_cast<size_t>(i)] = path;
        s.truncated.store(false);
        s.begin.store(reinterpret_cast<uintptr_t>(data), std::memory_order_release);
        s.end.store(reinterpret_cast<uintptr_t>(data) + size, std::memory_order_release);
        return i;
    }
    return -1;  // more live mappings than slots: this one is unguarded, as every mapping was before
}

void unregisterMapping(int slot) {
    if (slot < 0) return;
    std::lock_guard<std::mutex> lock(g_registryMutex);
    Slot& s = g_slots[static_cast<size_t>(slot)];
    if (s.truncated.load()) g_truncatedPaths.push_back(g_slotPaths[static_cast<size_t>(slot)]);
    s.end.store(0, std::memory_order_release);
    s.begin.store(0, std::memory_order_release);
}

}  // namespace

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::string& path) {
    Result<ReadableFile> fd = openForReading(path);
    if (!fd) return fd.error();
    std::shared_ptr<MappedFile> file(new MappedFile());
    file->m_path = path;
    file->m_size = static_cast<size_t>(fd->size());
    if (file->m_size > 0) {
        void* p = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd->fd(), 0);
        if (p == MAP_FAILED)
            return Error{ErrorCode::Io, std::string("cannot map file: ") + std::strerror(errno), path, {}};
        // Embeddings are read front to back (validation, GEMM panels): let the kernel read ahead.
        ::madvise(p, file->m_size, MADV_SEQUENTIAL);
        file->m_data = static_cast<const uint8_t*>(p);
        file->m_slot = registerMapping(file->m_data, file->m_size, path);
    }
    return std::shared_ptr<const MappedFile>(std::move(file));  // the mapping keeps its own reference to the file
}

MappedFile::~MappedFile() {
    unregisterMapping(m_slot);
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

std::vector<std::string> truncatedMappedFiles() {
    std::lock_guard<std::mutex> lock(g_registryMutex);
    std::vector<std::string> out = g_truncatedPaths;
    for (size_t i = 0; i < g_slots.size(); ++i)
        if (g_slots[i].begin.load() != 0 && g_slots[i].truncated.load()) out.push_back(g_slotPaths[i]);
    return out;
}

FileIdentity fileIdentity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    return FileIdentity{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                        static_cast<uint64_t>(st.st_size),
                        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

}  // namespace lb
