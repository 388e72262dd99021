#pragma once

#include <QObject>

class QSocketNotifier;

namespace cli {

// Quits the application's event loop on SIGINT or SIGTERM. A signal handler
// may only do async-signal-safe work, so it writes one byte to a socket pair
// and the event loop does the rest (the pattern Qt's documentation gives for
// Unix signals).
class SignalQuitter : public QObject {
    Q_OBJECT
public:
    explicit SignalQuitter(QObject *parent = nullptr);
    ~SignalQuitter() override;

    int lastSignal() const { return m_lastSignal; }

private:
    void onSignal();

    QSocketNotifier *m_notifier = nullptr;
    int m_lastSignal = 0;
};

} // namespace cli
