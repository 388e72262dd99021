#pragma once

#include <QObject>
#include <QThread>

#include <memory>

namespace kafka {

// A worker QObject on its own QThread (DESIGN.md: moveToThread, never a
// QThread subclass). Destroying the WorkerThread lets the worker finish the
// requests already queued to it, ends the thread, and deletes the worker on
// that thread, so its librdkafka handles are destroyed where they lived.
template <typename Worker>
class WorkerThread {
public:
    WorkerThread(std::unique_ptr<Worker> worker, const QString &name) : m_worker(worker.release())
    {
        m_thread.setObjectName(name);
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
    }
    ~WorkerThread()
    {
        // Queued behind earlier requests, unlike a direct quit().
        QMetaObject::invokeMethod(m_worker, [thread = &m_thread] { thread->quit(); }, Qt::QueuedConnection);
        m_thread.wait();
    }
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    Worker *worker() const { return m_worker; }

private:
    QThread m_thread;
    Worker *m_worker;
};

} // namespace kafka
