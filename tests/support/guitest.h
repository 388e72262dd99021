#pragma once

// KAFKADESK_GUITEST_MAIN(TestClass): QTEST_MAIN for a test that has a
// QApplication, with the stall watchdog of guiwatchdog.h on its GUI thread
// for the whole run (the test object's destructor included). A stall of the
// GUI thread's event loop fails the test that stalled it; see guiwatchdog.h
// for the threshold (KAFKADESK_TEST_STALL_MS) and testsupport::TestSideBlocking,
// and modeltester.h for testsupport::ModelTester, the QAbstractItemModelTester
// to use in them.

#include "guiwatchdog.h"
#include "modeltester.h"

#include <QApplication>
#include <QTest>

#define KAFKADESK_GUITEST_MAIN(TestObject)                                                                             \
    int main(int argc, char *argv[])                                                                                   \
    {                                                                                                                  \
        QT_PREPEND_NAMESPACE(QTest::Internal::callInitMain)<TestObject>();                                             \
        QApplication app(argc, argv);                                                                                  \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                                       \
        testsupport::StallWatchdog watchdog;                                                                           \
        int result = 0;                                                                                                \
        {                                                                                                              \
            TestObject tc;                                                                                             \
            watchdog.setTestClass(tc.metaObject()->className());                                                      \
            QTEST_SET_MAIN_SOURCE_PATH                                                                                 \
            result = QTest::qExec(&tc, argc, argv);                                                                    \
        }                                                                                                              \
        return watchdog.finish(result);                                                                                \
    }

namespace testsupport {

// Lets the GUI's event loop run a few more ticks, so that a gap caused by the
// last synchronous call is measured (and a stall over the limit fails the
// test), then logs the longest gap since StallWatchdog::startMeasuring().
inline void reportLongestGap(const char *what)
{
    StallWatchdog *watchdog = StallWatchdog::instance();
    const qint64 from = watchdog->ticks();
    QTRY_VERIFY(watchdog->ticks() >= from + 3);
    qInfo("longest stand-still of the GUI event loop while %s: %lld ms (ending %lld ms in)", what,
          static_cast<long long>(watchdog->maxGapMs()), static_cast<long long>(watchdog->maxGapAtMs()));
}

} // namespace testsupport
