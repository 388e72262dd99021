// The stall watchdog every GUI test has (guitest.h, guiwatchdog.h), seen
// from outside: stallwatchdog_child runs one function per case, and what it
// prints and how it exits is what a stalling test would show in CTest.

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestStallWatchdog : public QObject {
    Q_OBJECT

    struct Outcome {
        bool ended = false;
        QProcess::ExitStatus status = QProcess::NormalExit;
        int exitCode = -1;
        QString output; // stdout and stderr
    };

    // Runs the child's test function `function`, with `stallMs` as
    // KAFKADESK_TEST_STALL_MS (unset when empty).
    static Outcome runChild(const QString &function, const QString &stallMs = {})
    {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.remove(QStringLiteral("KAFKADESK_TEST_STALL_MS"));
        if (!stallMs.isEmpty())
            environment.insert(QStringLiteral("KAFKADESK_TEST_STALL_MS"), stallMs);
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QStringLiteral(STALLWATCHDOG_CHILD), {function});
        Outcome outcome;
        outcome.ended = QTest::qWaitFor([&] { return child.state() == QProcess::NotRunning; }, 60000);
        outcome.status = child.exitStatus();
        outcome.exitCode = child.exitCode();
        outcome.output = QString::fromLocal8Bit(child.readAll());
        if (!outcome.ended)
            child.kill();
        return outcome;
    }

    // A 300 ms sleep is reported as at least this long: the watchdog's clock
    // (real time less waits for a CPU, read from /proc) is exact to a few ms.
    static constexpr int SleptMs = 290;

    // How long the failure message says the event loop stood still.
    static int reportedMs(const QString &output, const QString &function)
    {
        const QRegularExpression failure(QStringLiteral("FAIL!  : StallingTest::%1\\(\\) the GUI thread's event loop "
                                                        "stood still for (\\d+) ms \\(limit 100 ms, "
                                                        "KAFKADESK_TEST_STALL_MS\\) in StallingTest::%1\\(\\); its stack")
                                             .arg(function));
        const auto match = failure.match(output);
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

    // The stack printed when the stall passed 100 ms names the function
    // that held the GUI thread, with its source line.
    static bool showsStack(const QString &output, const QString &function)
    {
        static const QRegularExpression stack(
            QStringLiteral("STALL #1: the GUI thread's event loop has not run for \\d+ ms \\(limit 100 ms\\) in "
                           "StallingTest::(\\w+)\\(\\), at [0-9T:.-]+Z; the GUI thread's stack:\n"
                           "(  .*\n)*  #\\d+ +\\(anonymous namespace\\)::holdTheGuiThread\\(int\\) at "
                           "\\S*stallwatchdog_child.cpp:\\d+"));
        const auto match = stack.match(output);
        return match.hasMatch() && match.captured(1) == function;
    }

private slots:
    void stallInTheTestFunctionFailsIt()
    {
        const Outcome outcome = runChild(QStringLiteral("stallInTheTestFunction"));
        QVERIFY(outcome.ended);
        QCOMPARE(outcome.status, QProcess::NormalExit);
        QVERIFY2(outcome.exitCode == 1, qPrintable(outcome.output));
        QVERIFY2(reportedMs(outcome.output, QStringLiteral("stallInTheTestFunction")) >= SleptMs, qPrintable(outcome.output));
        QVERIFY2(showsStack(outcome.output, QStringLiteral("stallInTheTestFunction")), qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("StallingTest::stallInTheTestFunction() at ")),
                 qPrintable(outcome.output));
    }

    void stallInASlotFailsTheTest()
    {
        const Outcome outcome = runChild(QStringLiteral("stallInASlot"));
        QVERIFY(outcome.ended);
        QVERIFY2(outcome.exitCode == 1, qPrintable(outcome.output));
        QVERIFY2(reportedMs(outcome.output, QStringLiteral("stallInASlot")) >= SleptMs, qPrintable(outcome.output));
        QVERIFY2(showsStack(outcome.output, QStringLiteral("stallInASlot")), qPrintable(outcome.output));
        // The slot ran from the event loop, under the test function's wait.
        QVERIFY2(outcome.output.contains(QLatin1String("QTest::qWait")), qPrintable(outcome.output));
    }

    void testSideBlockingIsNotCounted()
    {
        const Outcome outcome = runChild(QStringLiteral("testSideBlocking"));
        QVERIFY(outcome.ended);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("PASS   : StallingTest::testSideBlocking()")),
                 qPrintable(outcome.output));
        QVERIFY2(!outcome.output.contains(QLatin1String("STALL")), qPrintable(outcome.output));
    }

    // The threshold for slow instrumented builds.
    void theEnvironmentRaisesTheThreshold()
    {
        const Outcome outcome = runChild(QStringLiteral("stallInTheTestFunction"), QStringLiteral("1000"));
        QVERIFY(outcome.ended);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.output));
        QVERIFY2(outcome.output.contains(QLatin1String("PASS   : StallingTest::stallInTheTestFunction()")),
                 qPrintable(outcome.output));
        QVERIFY2(!outcome.output.contains(QLatin1String("STALL")), qPrintable(outcome.output));

        const Outcome invalid = runChild(QStringLiteral("stallInTheTestFunction"), QStringLiteral("fast"));
        QVERIFY(invalid.ended);
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.output.contains(QLatin1String("KAFKADESK_TEST_STALL_MS=fast: must be a positive number")),
                 qPrintable(invalid.output));
    }

    // No event loop runs after the stall: the run fails at its end.
    void stallAtTheEndFailsTheRun()
    {
        const Outcome outcome = runChild(QStringLiteral("stallAtTheEnd"));
        QVERIFY(outcome.ended);
        QVERIFY2(outcome.exitCode == 1, qPrintable(outcome.output));
        QVERIFY2(reportedMs(outcome.output, QStringLiteral("stallAtTheEnd")) >= 100, qPrintable(outcome.output));
        QVERIFY2(showsStack(outcome.output, QStringLiteral("stallAtTheEnd")), qPrintable(outcome.output));
    }

    // A GUI thread that never comes back aborts the run after 5 s, saying
    // where it is, instead of waiting for CTest's timeout.
    void stuckGuiThreadAborts()
    {
        const Outcome outcome = runChild(QStringLiteral("stuck"));
        QVERIFY(outcome.ended);
        QCOMPARE(outcome.status, QProcess::CrashExit);
        QVERIFY2(outcome.output.contains(QRegularExpression(
                     QStringLiteral("FAIL!  : StallingTest::stuck\\(\\) the GUI thread's event loop has not run for "
                                    "\\d+ ms: aborting. Its stack now:\n(  .*\n)*  #\\d+ +\\(anonymous "
                                    "namespace\\)::holdTheGuiThread"))),
                 qPrintable(outcome.output));
    }
};

QTEST_GUILESS_MAIN(TestStallWatchdog)
#include "test_stallwatchdog.moc"
