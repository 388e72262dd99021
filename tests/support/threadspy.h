#pragma once

#include <QList>
#include <QObject>
#include <QVariant>

namespace testsupport {

// A QSignalSpy for a signal emitted on another thread (a worker's). Qt 6.4's
// QSignalSpy appends to its list on the emitting thread, without a lock,
// while the test reads that list on its own thread: ThreadSanitizer reported
// exactly that in test_producerworker. This spy's connection is automatic: a
// signal emitted on the spy's thread is recorded at once, as QSignalSpy
// would; one emitted elsewhere is queued, its arguments copied, and recorded
// on the spy's thread when its event loop runs (QTRY_* runs it). The list is
// only ever touched on one thread.
class ThreadSpy : public QObject, public QList<QVariantList> {
public:
    template <typename Sender, typename Signal>
    ThreadSpy(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, this,
                         [this](const auto &...arguments) { append(QVariantList{QVariant::fromValue(arguments)...}); });
    }
};

} // namespace testsupport
