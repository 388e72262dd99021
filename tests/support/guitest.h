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
