// Not a test of its own: the GUI test that test_stallwatchdog runs, one
// function at a time, to see what the stall watchdog of guitest.h reports.
// Each function is what it says; only some of them stall.

#include "guitest.h"

#include <QTimer>

#include <chrono>
#include <thread>

namespace {

// Out of line, so that the watchdog's stack of the GUI thread names it.
[[gnu::noinline]] void holdTheGuiThread(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

} // namespace

class StallingTest : public QObject {
    Q_OBJECT

private slots:
    void stallInTheTestFunction()
    {
        holdTheGuiThread(300);
        QTest::qWait(50);
    }

    void stallInASlot()
    {
        QTimer::singleShot(0, [] { holdTheGuiThread(300); });
        QTest::qWait(500);
    }

    void testSideBlocking()
    {
        {
            testsupport::TestSideBlocking allow("the self-test sleeps on purpose");
            holdTheGuiThread(300);
        }
        QTest::qWait(50);
    }

    // No event loop runs after it: the end of the run reports it.
    void stallAtTheEnd() { holdTheGuiThread(300); }

    void stuck() { holdTheGuiThread(60000); }
};

KAFKADESK_GUITEST_MAIN(StallingTest)
#include "stallwatchdog_child.moc"
