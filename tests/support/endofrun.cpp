// Compiled into every test program: it ends as the app does (app/main.cpp),
// waiting, bounded, for the connections it released to be destroyed on the
// network pool before the application object goes away. Without this, the
// clients a test's last Connection released were still being destroyed while
// the process exited: LeakSanitizer reported them, and AddressSanitizer a
// use after free in a static destructor (scripts/sanitize.sh).

#include "kafka/networkpool.h"

#include <QCoreApplication>

namespace {

constexpr int ReleaseBoundMs = 30000;

void waitForReleasedConnections()
{
    if (!kafka::networkPool()->waitForDone(ReleaseBoundMs))
        qWarning("a released connection was not destroyed within %d s", ReleaseBoundMs / 1000);
}

void waitAtTheEnd()
{
    qAddPostRoutine(waitForReleasedConnections);
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(waitAtTheEnd)
