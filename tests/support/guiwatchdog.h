#pragma once

// The stall watchdog of every GUI test (DESIGN.md: the GUI thread never
// waits on librdkafka, a worker or the network).
//
// A test that has a QApplication ends with KAFKADESK_GUITEST_MAIN(TestClass)
// (guitest.h) instead of QTEST_MAIN, and gets this watchdog on its GUI
// thread for the whole run:
//
// - Whenever the GUI thread's event loop has not run for the threshold, a
//   guard thread interrupts the GUI thread (a signal) and prints its stack
//   as it is at that moment, with the test function and the time, to
//   stderr. The stall then fails the test function it happened in at the
//   next opportunity, saying how long it lasted: QTest::qFail when the event
//   loop runs again in the same test function; else a FAIL line under that
//   function's name at the end of the run, which then exits non-zero. A GUI
//   thread stuck for StuckAbortMs (or 10 thresholds, whichever is longer)
//   aborts the run with its stack, rather than hang until CTest's timeout.
//
// - A gap is measured on the GUI thread's own clock: real time less the
//   time the kernel kept the thread waiting for a CPU (its schedstat). What
//   the thread spends running the app's code or blocked in it (a join, a
//   lock, a disk write) counts in full; a machine loaded by other tests and
//   brokers does not make a stall of its own.
//
// - The threshold is 100 ms. KAFKADESK_TEST_STALL_MS=<ms> in the
//   environment changes it, for slow instrumented builds (ASan, TSan,
//   valgrind); never to hide a stall of a normal build.
//
// - What the test itself blocks on (kcat run synchronously, a sandbox or a
//   topic set up, a QProcess waited for) is not the app's fault: such code
//   runs under a testsupport::TestSideBlocking guard, and the time it takes
//   is not counted. kcat.h and testcluster.h do so in their helpers. The
//   guard is for the test's own waits only, never around the app's code.
//
// The stack's frames name their function and, for the test binary itself
// (where the app's code is linked), the source line, through addr2line
// (binutils); a frame it cannot resolve is printed as module+offset, ready
// for `addr2line -Cfipe MODULE OFFSET`.

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <execinfo.h>
#include <mutex>
#include <pthread.h>
#include <semaphore.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace testsupport {

namespace stall_detail {

constexpr int MaxFrames = 64;
// Filled by the signal handler on the GUI thread, read by the guard thread
// after sem_wait (which orders the two).
inline void *frames[MaxFrames];
inline int frameCount = 0;
inline char testFunction[256];
inline char dataTag[256];
inline sem_t captured;

inline void copyName(char (&to)[256], const char *from)
{
    std::size_t i = 0;
    for (; from && from[i] && i + 1 < sizeof to; ++i)
        to[i] = from[i];
    to[i] = '\0';
}

// Runs on the GUI thread, interrupting whatever it does. Only async-signal
// safe work here: backtrace() was called once beforehand, so that it has
// loaded its unwinder, and QTest's current names are plain pointer reads.
inline void captureStack(int)
{
    const int savedErrno = errno;
    frameCount = backtrace(frames, MaxFrames);
    copyName(testFunction, QTest::currentTestFunction());
    copyName(dataTag, QTest::currentDataTag());
    sem_post(&captured);
    errno = savedErrno;
}

inline qint64 nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// How long thread `tid` of this process has waited, runnable, for a CPU
// (the second field of its schedstat), in µs; 0 where the kernel does not
// say.
inline qint64 runQueueWaitUs(pid_t tid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", static_cast<int>(tid));
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char text[128];
    const ssize_t length = read(fd, text, sizeof text - 1);
    close(fd);
    if (length <= 0)
        return 0;
    text[length] = '\0';
    unsigned long long running = 0, waiting = 0;
    if (std::sscanf(text, "%llu %llu", &running, &waiting) != 2)
        return 0;
    return static_cast<qint64>(waiting / 1000);
}

inline std::string demangle(const char *name)
{
    if (!name)
        return "??";
    int status = 0;
    char *readable = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string result = status == 0 && readable ? readable : name;
    std::free(readable);
    return result;
}

// addr2line's "function at file:line" (and the functions inlined there)
// for each offset of `module`, one entry per offset; empty if it could not
// run.
inline std::vector<std::string> addr2line(const std::string &module, const std::vector<std::uintptr_t> &offsets)
{
    if (offsets.empty() || module.find('\'') != std::string::npos)
        return {};
    std::string command = "addr2line -a -C -f -i -p -e '" + module + "'";
    char hex[32];
    for (std::uintptr_t offset : offsets) {
        std::snprintf(hex, sizeof hex, " 0x%zx", static_cast<std::size_t>(offset));
        command += hex;
    }
    command += " 2>/dev/null";
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return {};
    std::vector<std::string> entries;
    char line[4096];
    while (std::fgets(line, sizeof line, pipe)) {
        std::string text(line);
        if (!text.empty() && text.back() == '\n')
            text.pop_back();
        if (text.rfind("0x", 0) == 0) { // "0x...: function at file:line" starts an entry
            const auto colon = text.find(": ");
            entries.push_back(colon == std::string::npos ? text : text.substr(colon + 2));
        } else if (!entries.empty()) { // " (inlined by) function at file:line"
            entries.back() += "\n        " + text.substr(text.find_first_not_of(' '));
        }
    }
    pclose(pipe);
    if (entries.size() != offsets.size())
        return {};
    return entries;
}

// The captured frames, one line each: function (and source line, for the
// test binary), module+offset. Frame 0 is the interrupted instruction; the
// others are return addresses, looked up one byte back so that they name
// the line of the call.
inline std::string describeFrames(void *const *stack, int count)
{
    Dl_info self{};
    dladdr(reinterpret_cast<void *>(&captureStack), &self);
    char exe[4096];
    const ssize_t exeLength = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const std::string exePath = exeLength > 0 ? std::string(exe, std::size_t(exeLength)) : std::string();

    struct Frame {
        std::string module;
        std::uintptr_t offset = 0;
        std::string function;
        bool inExe = false;
    };
    std::vector<Frame> described;
    std::vector<std::uintptr_t> exeOffsets;
    for (int i = 0; i < count; ++i) {
        const auto address = reinterpret_cast<std::uintptr_t>(stack[i]) - (i > 0 ? 1 : 0);
        Frame frame;
        Dl_info info{};
        if (dladdr(reinterpret_cast<void *>(address), &info) && info.dli_fname) {
            frame.inExe = info.dli_fbase == self.dli_fbase;
            frame.module = frame.inExe && !exePath.empty() ? exePath : info.dli_fname;
            frame.offset = address - reinterpret_cast<std::uintptr_t>(info.dli_fbase);
            frame.function = info.dli_sname ? demangle(info.dli_sname) : "??";
        } else {
            frame.module = "??";
            frame.offset = address;
            frame.function = "??";
        }
        if (frame.inExe)
            exeOffsets.push_back(frame.offset);
        described.push_back(std::move(frame));
    }
    const std::vector<std::string> lines = addr2line(exePath, exeOffsets);
    std::string text;
    std::size_t nextLine = 0;
    char buffer[64];
    for (std::size_t i = 0; i < described.size(); ++i) {
        const Frame &frame = described[i];
        std::snprintf(buffer, sizeof buffer, "  #%-2zu ", i);
        text += buffer;
        text += frame.inExe && nextLine < lines.size() ? lines[nextLine++] : frame.function;
        std::snprintf(buffer, sizeof buffer, "+0x%zx", static_cast<std::size_t>(frame.offset));
        text += "  [" + frame.module + buffer + "]\n";
    }
    return text;
}

} // namespace stall_detail

class StallWatchdog : public QObject {
public:
    static constexpr int DefaultThresholdMs = 100;
    static constexpr int TickMs = 10;
    static constexpr qint64 StuckAbortMs = 5000;

    // On the GUI thread, once its QApplication exists.
    StallWatchdog()
    {
        m_thresholdUs = thresholdFromEnvironment() * 1000;
        m_guiThread = pthread_self();
        m_guiTid = gettid();
        void *warmUp[1];
        backtrace(warmUp, 1); // loads libgcc's unwinder now, not in the signal handler
        sem_init(&stall_detail::captured, 0, 0);
        m_signal = SIGRTMIN + 3; // glibc keeps the first two for itself
        struct sigaction action {};
        action.sa_handler = &stall_detail::captureStack;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        sigaction(m_signal, &action, nullptr);

        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(TickMs);
        connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::tick);
        m_timer.start();
        m_lastBeatUs = clockUs();
        m_lastWallBeatUs = stall_detail::nowUs();
        s_instance = this;
        m_guard = std::thread([this] { guard(); });
    }
    ~StallWatchdog() override
    {
        stopGuard();
        s_instance = nullptr;
    }
    StallWatchdog(const StallWatchdog &) = delete;
    StallWatchdog &operator=(const StallWatchdog &) = delete;

    static StallWatchdog *instance() { return s_instance; }
    // The test class, to name "Class::function()" as Qt Test does.
    void setTestClass(const char *name) { m_testClass = name; }

    // The longest gap between two runs of the event loop since
    // startMeasuring(), for a test that reports it; any gap over the
    // threshold has failed the test already.
    void startMeasuring()
    {
        m_measuredFromUs = clockUs();
        m_maxGapUs = 0;
        m_maxGapAtUs = 0;
    }
    qint64 maxGapMs() const { return m_maxGapUs / 1000; }
    // When the longest gap ended, in ms after startMeasuring() (on the
    // watchdog's clock, below).
    qint64 maxGapAtMs() const { return (m_maxGapAtUs - m_measuredFromUs) / 1000; }
    qint64 ticks() const { return m_ticks; }

    // End of main(): stops the guard, reports a stall no event loop ran
    // after (one at the end of the last test function, or in the test
    // object's destructor) and returns qExec's result with those added.
    int finish(int result)
    {
        checkGapNow();
        stopGuard();
        // For the log: how close the run came to the limit.
        if (m_ticks == 0)
            std::printf("Stall watchdog: the event loop never ran; the whole run counted as one gap (limit %lld ms)\n",
                        static_cast<long long>(m_thresholdUs / 1000));
        else
            std::printf("Stall watchdog: the longest gap of the GUI thread's event loop was %lld ms, ending in %s (limit "
                    "%lld ms); in real time, waits for a CPU included, %lld ms\n",
                    static_cast<long long>(m_runMaxGapUs / 1000), m_runMaxGapWhere.c_str(),
                    static_cast<long long>(m_thresholdUs / 1000), static_cast<long long>(m_runMaxWallGapUs / 1000));
        std::fflush(stdout);
        const std::lock_guard lock(m_mutex);
        m_pending.insert(m_pending.begin(), m_pendingAtEnd.begin(), m_pendingAtEnd.end());
        for (const Stall &stall : m_pending) {
            std::fprintf(stderr, "FAIL!  : %s %s\n", stall.where.c_str(), message(stall).constData());
            ++result;
        }
        m_pending.clear();
        std::fflush(stderr);
        return result;
    }

    // TestSideBlocking's two ends. A gap already over the threshold when the
    // test starts to block is the app's, and counts; the app's part of the
    // gap before it is carried over to after it.
    void testStartsBlocking(const char *why)
    {
        if (m_blockingDepth++ > 0)
            return;
        checkGapNow();
        m_blockingWhy = why;
        m_gapBeforeBlockingUs = clockUs() - m_lastBeatUs;
        m_wallGapBeforeBlockingUs = stall_detail::nowUs() - m_lastWallBeatUs;
        m_testBlocking = true;
    }
    void testStopsBlocking()
    {
        if (--m_blockingDepth > 0)
            return;
        m_lastWallBeatUs = stall_detail::nowUs() - m_wallGapBeforeBlockingUs;
        {
            const std::lock_guard lock(m_mutex);
            const qint64 before = m_lastBeatUs;
            const qint64 after = clockUs() - m_gapBeforeBlockingUs;
            m_lastBeatUs = after;
            if (m_caughtBeatUs == before) { // the same stall goes on: caught once, its length without the test's part
                m_caughtBeatUs = after;
                for (Stall &stall : m_pending)
                    if (stall.beatUs == before)
                        stall.beatUs = after;
            }
            m_testBlocking = false;
        }
        m_wake.notify_one();
    }

private:
    struct Stall {
        qint64 beatUs = 0; // the last beat before it: which gap it is
        qint64 lengthUs = 0; // so far, or in all once ended
        std::string where; // the test function (and data tag)
        QByteArray at; // when it passed the threshold, UTC
        int number = 0;
    };

    // The watchdog's clock: real time, less the time the GUI thread has
    // waited for a CPU. A gap is then what the GUI thread spent running or
    // blocked (the app's doing), not what a loaded machine kept it from
    // running (another test, the brokers, a build beside it).
    qint64 clockUs() const { return stall_detail::nowUs() - stall_detail::runQueueWaitUs(m_guiTid); }

    static int thresholdFromEnvironment()
    {
        const QByteArray value = qgetenv("KAFKADESK_TEST_STALL_MS");
        if (value.isEmpty())
            return DefaultThresholdMs;
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms <= 0) {
            std::fprintf(stderr, "KAFKADESK_TEST_STALL_MS=%s: must be a positive number of milliseconds\n",
                         value.constData());
            std::exit(2);
        }
        return ms;
    }

    QByteArray message(const Stall &stall) const
    {
        return QByteArrayLiteral("the GUI thread's event loop stood still for ") + QByteArray::number(stall.lengthUs / 1000) +
               " ms (limit " + QByteArray::number(m_thresholdUs / 1000) + " ms, KAFKADESK_TEST_STALL_MS) in " +
               QByteArray::fromStdString(stall.where) + "; its stack as it passed the limit, at " + stall.at +
               ", is on stderr under \"STALL #" + QByteArray::number(stall.number) + "\"";
    }

    // On the GUI thread: one more run of the event loop. Ends the gap before
    // it, and fails the test with every stall not reported yet.
    void tick()
    {
        const qint64 now = clockUs();
        const qint64 beat = m_lastBeatUs;
        if (!m_testBlocking) {
            const qint64 gap = now - beat;
            if (gap > m_maxGapUs) {
                m_maxGapUs = gap;
                m_maxGapAtUs = now;
            }
            if (gap > m_runMaxGapUs) {
                m_runMaxGapUs = gap;
                m_runMaxGapWhere = currentWhere(QTest::currentTestFunction(), QTest::currentDataTag());
            }
            const qint64 wallNow = stall_detail::nowUs();
            m_runMaxWallGapUs = std::max(m_runMaxWallGapUs, wallNow - m_lastWallBeatUs);
            m_lastWallBeatUs = wallNow;
            m_lastBeatUs = now;
        }
        ++m_ticks;
        std::vector<Stall> stalls;
        {
            const std::lock_guard lock(m_mutex);
            for (Stall &stall : m_pending)
                if (stall.beatUs == beat)
                    stall.lengthUs = now - beat;
            stalls.swap(m_pending);
        }
        // A stall of an earlier test function (one that ended in its
        // cleanup, with no event loop after it) is reported under its own
        // name at the end of the run: failing the current one would also cut
        // its QTRY waits short (they stop once the test has failed).
        const std::string here = currentWhere(QTest::currentTestFunction(), QTest::currentDataTag());
        for (Stall &stall : stalls) {
            if (stall.where == here) {
                QTest::qFail(message(stall).constData(), __FILE__, __LINE__);
            } else {
                const std::lock_guard lock(m_mutex);
                m_pendingAtEnd.push_back(std::move(stall));
            }
        }
    }

    // On the GUI thread, which is not in its event loop: a gap over the
    // threshold that the guard has not caught (it ended within its reaction
    // time) is recorded now, without a stack.
    void checkGapNow()
    {
        if (m_testBlocking)
            return;
        const qint64 beat = m_lastBeatUs;
        const qint64 gap = clockUs() - beat;
        if (gap <= m_thresholdUs)
            return;
        const std::lock_guard lock(m_mutex);
        if (m_caughtBeatUs == beat) {
            for (Stall &stall : m_pending)
                if (stall.beatUs == beat)
                    stall.lengthUs = gap;
            return;
        }
        m_caughtBeatUs = beat;
        Stall stall;
        stall.beatUs = beat;
        stall.lengthUs = gap;
        stall.where = currentWhere(QTest::currentTestFunction(), QTest::currentDataTag());
        stall.at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        stall.number = ++m_stallCount;
        std::fprintf(stderr, "STALL #%d: the GUI thread's event loop stood still for %lld ms in %s (caught as it "
                             "ended, no stack)\n",
                     stall.number, static_cast<long long>(gap / 1000), stall.where.c_str());
        m_pending.push_back(std::move(stall));
    }

    std::string currentWhere(const char *function, const char *tag) const
    {
        std::string where = function && *function ? m_testClass + "::" + function + "()"
                                                  : m_testClass + " (outside any test function)";
        if (tag && *tag)
            where += std::string(" [") + tag + "]";
        return where;
    }

    // Interrupts the GUI thread and describes its stack; false if it did not
    // take the signal in time (then `where` is unknown).
    bool captureGuiStack(std::string &where, std::string &stack)
    {
        while (sem_trywait(&stall_detail::captured) == 0) {
        } // a late answer to an earlier capture
        if (pthread_kill(m_guiThread, m_signal) != 0)
            return false;
        timespec deadline{};
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += 2;
        while (sem_timedwait(&stall_detail::captured, &deadline) != 0)
            if (errno != EINTR)
                return false;
        where = currentWhere(stall_detail::testFunction, stall_detail::dataTag);
        // Frames 0 and 1 are the handler and the kernel's return trampoline.
        const int skipped = std::min(2, stall_detail::frameCount);
        stack = stall_detail::describeFrames(stall_detail::frames + skipped, stall_detail::frameCount - skipped);
        return true;
    }

    void guard()
    {
        const qint64 stuckAbortUs = std::max(StuckAbortMs * 1000, 10 * m_thresholdUs);
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            const qint64 beat = m_lastBeatUs;
            const qint64 gap = clockUs() - beat;
            if (!m_testBlocking && gap > m_thresholdUs && m_caughtBeatUs != beat) {
                m_caughtBeatUs = beat;
                lock.unlock();
                Stall stall;
                stall.at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
                std::string stack;
                if (!captureGuiStack(stall.where, stack)) {
                    stall.where = "(unknown test function)";
                    stack = "  (the GUI thread did not take the signal)\n";
                }
                lock.lock();
                stall.beatUs = beat;
                stall.lengthUs = clockUs() - beat;
                stall.number = ++m_stallCount;
                std::fprintf(stderr,
                             "STALL #%d: the GUI thread's event loop has not run for %lld ms (limit %lld ms) in %s, "
                             "at %s; the GUI thread's stack:\n%s",
                             stall.number, static_cast<long long>(gap / 1000), static_cast<long long>(m_thresholdUs / 1000),
                             stall.where.c_str(), stall.at.constData(), stack.c_str());
                std::fflush(stderr);
                m_pending.push_back(std::move(stall));
                continue;
            }
            if (!m_testBlocking && m_caughtBeatUs == beat && gap > stuckAbortUs) {
                lock.unlock();
                std::string where, stack;
                if (!captureGuiStack(where, stack))
                    stack = "  (the GUI thread did not take the signal)\n";
                std::fprintf(stderr,
                             "FAIL!  : %s the GUI thread's event loop has not run for %lld ms: aborting. Its stack now:\n%s",
                             where.c_str(), static_cast<long long>(gap / 1000), stack.c_str());
                std::fflush(stderr);
                std::abort();
            }
            // Next look: when the current gap would pass the threshold, or
            // the abort bound once it has.
            // While the test blocks, its end wakes the guard.
            const qint64 due = m_caughtBeatUs == beat ? beat + stuckAbortUs : beat + m_thresholdUs + 1000;
            const qint64 waitUs = m_testBlocking ? 50000 : std::clamp<qint64>(due - clockUs(), 1000, 50000);
            m_wake.wait_for(lock, std::chrono::microseconds(waitUs));
        }
    }

    void stopGuard()
    {
        {
            const std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            m_stop = true;
        }
        m_wake.notify_one();
        m_guard.join(); // the watchdog's own thread, which never blocks for long
        m_timer.stop();
    }

    static inline StallWatchdog *s_instance = nullptr;

    QTimer m_timer;
    qint64 m_thresholdUs = DefaultThresholdMs * 1000;
    std::string m_testClass = "the test";
    pthread_t m_guiThread{};
    pid_t m_guiTid = 0;
    int m_signal = 0;
    std::atomic<qint64> m_lastBeatUs{0};
    std::atomic<bool> m_testBlocking{false};
    // The GUI thread's only:
    int m_blockingDepth = 0;
    const char *m_blockingWhy = ""; // what the test blocks on, for a debugger
    qint64 m_gapBeforeBlockingUs = 0;
    qint64 m_measuredFromUs = 0;
    qint64 m_maxGapUs = 0;
    qint64 m_maxGapAtUs = 0;
    qint64 m_ticks = 0;
    qint64 m_runMaxGapUs = 0;
    qint64 m_runMaxWallGapUs = 0; // for the log only
    qint64 m_lastWallBeatUs = 0;
    qint64 m_wallGapBeforeBlockingUs = 0;
    std::string m_runMaxGapWhere = "(no gap)";
    // Shared with the guard thread, under m_mutex:
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    qint64 m_caughtBeatUs = -1; // the gap the last stall was caught in
    int m_stallCount = 0;
    std::vector<Stall> m_pending; // caught, not reported yet
    std::vector<Stall> m_pendingAtEnd; // ended, to report at the end of the run
    std::thread m_guard;
};

// Marks a stretch where the test itself, not the app, blocks the GUI thread
// (kcat run synchronously, a sandbox started, a process waited for): the
// watchdog does not count it. Does nothing in a test without a watchdog.
class TestSideBlocking {
public:
    explicit TestSideBlocking(const char *why)
        : m_watchdog(StallWatchdog::instance())
    {
        if (m_watchdog)
            m_watchdog->testStartsBlocking(why);
    }
    ~TestSideBlocking()
    {
        if (m_watchdog)
            m_watchdog->testStopsBlocking();
    }
    TestSideBlocking(const TestSideBlocking &) = delete;
    TestSideBlocking &operator=(const TestSideBlocking &) = delete;

private:
    StallWatchdog *m_watchdog;
};

} // namespace testsupport
