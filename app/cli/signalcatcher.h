#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace cli {

// Catches SIGINT and SIGTERM while it lives, so that a command ends with its
// summary and exit code rather than being killed:
// - count() and lastCaught() say what arrived, for loops that do not run the
//   event loop (produce's reading and draining);
// - a blocking read() returns EINTR instead of resuming (no SA_RESTART), so
//   such a loop gets to look at count();
// - the event loop, if one runs, quits. A signal handler may only do
//   async-signal-safe work, so it writes one byte to a socket pair and the
//   event loop does the rest (the pattern Qt's documentation gives).
class SignalCatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalCatcher(QObject *parent = nullptr);
    ~SignalCatcher() override;

    // How many signals were caught since this object was made, and the
    // last one (0 before any).
    static int count();
    static int lastCaught();
    // "SIGINT" or "SIGTERM".
    static QString name(int signal);

private:
    void onSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace cli
