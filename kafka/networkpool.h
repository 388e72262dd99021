#pragma once

#include <QFuture>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>

#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace kafka {

// The threads that wait on the network for the GUI (metadata, watermarks,
// admin requests, releasing a connection), kept apart from Qt's global pool.
// Qt paints with the global pool too (the raster engine splits large fills
// across it and waits for them): with its threads (one per core) waiting out
// a hung broker's 3 s timeouts, every repaint of the window stood still until
// they returned. Never run a blocking call on QThreadPool::globalInstance().
QThreadPool *networkPool();

// Tells ThreadSanitizer (in a TSan build; nothing otherwise) that what one
// thread did before handOver(token) happens before what another does after
// takeOver(token). Qt's thread pool and event queue pass work between
// threads under locks inside Qt, which is not instrumented, so TSan cannot
// see those hand-overs and reports the data handed over as a race.
inline void handOver([[maybe_unused]] const void *token)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void *>(token));
#endif
}
inline void takeOver([[maybe_unused]] const void *token)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void *>(token));
#endif
}

// The token of a finished future's result: its address in the future's
// store (taken without reading the result).
template <typename T>
const void *resultToken(const QFuture<T> &future)
{
    return &*future.begin();
}

namespace detail {
template <typename Task, typename Result = std::invoke_result_t<Task>>
class PoolTask final : public QRunnable {
public:
    explicit PoolTask(Task task) : m_task(std::move(task)) { m_promise.start(); }
    QFuture<Result> future() { return m_promise.future(); }

    void run() override
    {
        takeOver(this);
        if constexpr (std::is_void_v<Result>) {
            m_task();
        } else {
            m_promise.addResult(m_task());
            // Read by whoever waits for the future (whenReady).
            handOver(resultToken(m_promise.future()));
        }
        m_promise.finish();
    }

private:
    Task m_task;
    QPromise<Result> m_promise;
};
} // namespace detail

// Runs `task` on `pool` and returns its result as a future. Every task our
// code gives a thread pool goes through here, so that the hand-over to the
// pool's thread (and the result's, back through whenReady) is visible to
// ThreadSanitizer.
template <typename Task>
QFuture<std::invoke_result_t<Task>> runOnPool(QThreadPool *pool, Task task)
{
    auto *runnable = new detail::PoolTask<Task>(std::move(task));
    QFuture<std::invoke_result_t<Task>> future = runnable->future();
    handOver(runnable);
    pool->start(runnable);
    return future;
}

// The blocking requests for the GUI: on the network pool.
template <typename Task>
QFuture<std::invoke_result_t<Task>> runOnNetworkPool(Task task)
{
    return runOnPool(networkPool(), std::move(task));
}

} // namespace kafka
