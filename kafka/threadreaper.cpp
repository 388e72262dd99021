#include "threadreaper.h"

#include <QCoreApplication>
#include <QThread>
#include <QTimer>

namespace kafka {

namespace {

// One whenEnded() request: waits for its threads' QThread objects to go, or
// for its bound, then calls back once and deletes itself.
class EndWatch : public QObject {
public:
    EndWatch(const QHash<QThread *, QString> &threads, int boundMs, QObject *context, ThreadReaper::Done done)
        : QObject(context), m_running(threads), m_done(std::move(done))
    {
        for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
            QThread *thread = it.key();
            connect(thread, &QObject::destroyed, this, [this, thread] {
                m_running.remove(thread);
                if (m_running.isEmpty())
                    finish();
            });
        }
        m_bound.setSingleShot(true);
        connect(&m_bound, &QTimer::timeout, this, &EndWatch::finish);
        m_bound.start(boundMs);
    }

private:
    void finish()
    {
        if (!m_done)
            return;
        m_bound.stop();
        // Moved out first: the callback may release what it captured (a
        // connection) and must run exactly once.
        const ThreadReaper::Done done = std::exchange(m_done, nullptr);
        QStringList stillRunning = m_running.values();
        stillRunning.sort();
        deleteLater();
        done(stillRunning);
    }

    QHash<QThread *, QString> m_running;
    ThreadReaper::Done m_done;
    QTimer m_bound;
};

} // namespace

ThreadReaper::ThreadReaper(QObject *parent) : QObject(parent)
{
}

ThreadReaper *ThreadReaper::processWide()
{
    static ThreadReaper *const reaper = new ThreadReaper;
    return reaper;
}

void ThreadReaper::adopt(QThread *thread)
{
    Q_ASSERT(QThread::currentThread() == this->thread());
    m_live.insert(thread, thread->objectName());
    connect(thread, &QObject::destroyed, this, [this, thread] {
        m_live.remove(thread);
        emit liveCountChanged(liveCount());
    });
    emit liveCountChanged(liveCount());
}

QStringList ThreadReaper::liveNames() const
{
    QStringList names = m_live.values();
    names.sort();
    return names;
}

void ThreadReaper::whenEnded(int boundMs, QObject *context, Done done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_live.isEmpty())
        return done({});
    new EndWatch(m_live, boundMs, context, std::move(done));
}

} // namespace kafka
