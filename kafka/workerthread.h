#pragma once

#include "threadreaper.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace kafka {

// A worker QObject on its own QThread (DESIGN.md: moveToThread, never a
// QThread subclass), owned the way a unique_ptr owns: the owner uses
// worker() and lets go by destroying the WorkerThread.
//
// Letting go never waits (DESIGN.md: nobody waits for a worker on the GUI
// thread; closing a consumer or destroying a client can wait on the network
// for seconds, or for ever when librdkafka keeps looking for a coordinator
// that is gone). It queues the worker's deletion behind the requests already
// queued to it, so those are still served (a stop() sent just before runs
// first) and the worker's librdkafka handles are destroyed on the thread
// where they lived. The worker's destruction quits the thread, and the
// thread's end deletes the QThread. `reaper` (the owner's, else the
// process-wide one) counts the thread until then: that is how a lifecycle
// learns that a released thread has ended.
template <typename Worker>
class WorkerThread {
public:
    WorkerThread(std::unique_ptr<Worker> worker, const QString &name, ThreadReaper *reaper = nullptr)
        : m_thread(new QThread), m_worker(worker.release())
    {
        m_thread->setObjectName(name);
        m_worker->moveToThread(m_thread);
        // Direct: emitted on the worker's thread, during its deletion.
        QObject::connect(m_worker, &QObject::destroyed, m_thread, &QThread::quit, Qt::DirectConnection);
        // Should the thread end some other way, the worker still goes with it.
        QObject::connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        // Queued to the thread that made the QThread. Qt's own idiom; by the
        // time the deletion runs there, the ending thread has nothing left
        // to do but return (the worker is gone already).
        QObject::connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
        (reaper ? reaper : ThreadReaper::processWide())->adopt(m_thread);
        m_thread->start();
    }
    ~WorkerThread()
    {
        QMetaObject::invokeMethod(m_worker, &QObject::deleteLater, Qt::QueuedConnection);
    }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    Worker *worker() const { return m_worker; }

private:
    QThread *m_thread; // deletes itself when the thread has finished
    Worker *m_worker;  // deleted on its thread, after the requests queued before the release
};

} // namespace kafka
