#pragma once

// A watchdog on the GUI thread's event loop, for tests that must show the
// window never waits (DESIGN.md: the GUI thread never waits on librdkafka).

#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace testsupport {

// Watches the GUI thread's event loop: a 10 ms timer on it records the
// largest gap between two of its ticks. While armed, a thread beside it
// aborts the test when the loop has not run for AbortAfterMs, so that a join
// that never returns fails at once, saying what it blocked, instead of
// hanging the test until CTest's timeout.
class GuiWatchdog : public QObject {
public:
    static constexpr int TickMs = 10;
    static constexpr qint64 AbortAfterMs = 5000;

    GuiWatchdog()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(TickMs);
        connect(&m_timer, &QTimer::timeout, this, &GuiWatchdog::tick);
        m_timer.start();
        m_lastTick = now();
        m_guard = std::thread([this] { guard(); });
    }
    ~GuiWatchdog() override
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_guard.join(); // the watchdog's own thread, which never blocks
    }

    // Starts measuring: the largest gap from now on, and the abort guard.
    void arm(const char *what)
    {
        m_what = what;
        m_lastTick = m_armedAt = now();
        m_maxGapMs = 0;
        m_armed = true;
    }
    void disarm() { m_armed = false; }
    qint64 maxGapMs() const { return m_maxGapMs; }
    // When the longest gap ended, in ms after arm().
    qint64 maxGapAtMs() const { return m_maxGapAtMs; }
    qint64 ticks() const { return m_ticks; }

private:
    static qint64 now()
    {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    void tick()
    {
        const qint64 t = now();
        if (t - m_lastTick.load() > m_maxGapMs)
            m_maxGapAtMs = t - m_armedAt;
        m_maxGapMs = std::max(m_maxGapMs, t - m_lastTick.load());
        m_lastTick = t;
        ++m_ticks;
    }
    void guard()
    {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, std::chrono::milliseconds(50), [this] { return m_stop; })) {
            const qint64 blocked = now() - m_lastTick.load();
            if (m_armed && blocked > AbortAfterMs) {
                std::fprintf(stderr, "FAIL: the GUI thread has been blocked for %lld ms while %s\n",
                             static_cast<long long>(blocked), m_what.load());
                std::fflush(stderr);
                std::abort();
            }
        }
    }

    QTimer m_timer;
    std::atomic<qint64> m_lastTick{0};
    std::atomic<bool> m_armed{false};
    std::atomic<const char *> m_what{""};
    qint64 m_maxGapMs = 0;
    qint64 m_maxGapAtMs = 0;
    qint64 m_armedAt = 0;
    qint64 m_ticks = 0;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_guard;
};

} // namespace testsupport
