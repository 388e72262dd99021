#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

class QThread;

namespace kafka {

// Keeps count of the worker threads of one owner (a window) that are still
// running, so that its lifecycles (reconnect, quit) can wait for them on the
// event loop instead of joining them (DESIGN.md: nobody waits for a worker on
// the GUI thread). A thread is counted from adopt() until its QThread object
// is destroyed, which WorkerThread arranges for once the thread has finished.
// Lives on the main thread, and is used from there only.
class ThreadReaper : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QStringList &stillRunning)>;

    explicit ThreadReaper(QObject *parent = nullptr);
    // For threads that no window owns (tests, tools). Never destroyed: a
    // watch still pending at exit may hold a connection whose release would
    // start pool work during static destruction; the process's end reclaims it.
    static ThreadReaper *processWide();

    // Counts `thread` until it is destroyed.
    void adopt(QThread *thread);
    int liveCount() const { return int(m_live.size()); }
    // The object names of the threads still running ("consumer", "producer").
    QStringList liveNames() const;
    QList<QThread *> liveThreads() const { return m_live.keys(); }

    // Calls `done` once every thread running now has ended, or once boundMs
    // has passed, whichever comes first; `done` gets the names of those still
    // running then (empty when all ended). Threads started later do not count.
    // With none running, `done` is called at once. If `context` is destroyed
    // first, `done` is dropped (destroyed, with what it captured) uncalled.
    // The watch does not need this reaper to live on: `context` may outlive it.
    void whenEnded(int boundMs, QObject *context, Done done);

signals:
    void liveCountChanged(int live);

private:
    QHash<QThread *, QString> m_live;
};

} // namespace kafka
