// The window's command line and every command's --help, run as a user would
// on a machine without a display: no DISPLAY, no WAYLAND_DISPLAY, and the xcb
// platform asked for, so that a QApplication created too early aborts the
// process instead of passing.

#include "kcat.h"

#include <QProcess>
#include <QtTest>

using testsupport::kafkadesk;

namespace {

struct Outcome {
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome runWithoutDisplay(const QStringList &arguments)
{
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    process.setProcessEnvironment(environment);
    process.start(kafkadesk(), arguments);
    process.closeWriteChannel();
    Outcome outcome;
    outcome.finished = process.waitForFinished(20000);
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private slots:
    void withoutDisplay_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutHas");
        QTest::addColumn<QString>("stderrHas");

        const auto row = [](const char *name, const QStringList &arguments, int exitCode, const QString &out,
                            const QString &err) { QTest::newRow(name) << arguments << exitCode << out << err; };
        const QString version = QStringLiteral("kafkadesk " PROJECT_VERSION " (librdkafka 2.");
        row("--version", {QStringLiteral("--version")}, 0, version, QString());
        row("-v", {QStringLiteral("-v")}, 0, version, QString());
        row("--help", {QStringLiteral("--help")}, 0, QStringLiteral("Usage: kafkadesk [options]"), QString());
        row("-h", {QStringLiteral("-h")}, 0, QStringLiteral("--bootstrap <host:port,...>"), QString());
        row("Qt option before --version", {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--version")},
            0, version, QString());
        row("unknown option", {QStringLiteral("--bogus")}, 2, QString(), QStringLiteral("kafkadesk: Unknown option 'bogus'."));
        row("--help-all", {QStringLiteral("--help-all")}, 2, QString(), QStringLiteral("Unknown option 'help-all'"));
        row("unknown command", {QStringLiteral("frobnicate")}, 2, QString(),
            QStringLiteral("kafkadesk: unknown command 'frobnicate'"));
        row("--brokers alone", {QStringLiteral("--brokers"), QStringLiteral("3")}, 2, QString(),
            QStringLiteral("--brokers goes with --sandbox"));
        row("--brokers not a number", {QStringLiteral("--sandbox"), QStringLiteral("--brokers"), QStringLiteral("x")}, 2,
            QString(), QStringLiteral("--brokers takes a number"));
        row("--brokers too many", {QStringLiteral("--sandbox"), QStringLiteral("--brokers"), QStringLiteral("10")}, 2,
            QString(), QStringLiteral("1 to 9"));
        row("--sandbox with --bootstrap",
            {QStringLiteral("--sandbox"), QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:9092")}, 2, QString(),
            QStringLiteral("--sandbox and --bootstrap exclude each other"));
        row("--bootstrap without a port", {QStringLiteral("--bootstrap"), QStringLiteral("localhost")}, 2, QString(),
            QStringLiteral("localhost"));
        for (const char *command : {"sandbox", "produce", "consume"}) {
            const QString name = QString::fromLatin1(command);
            QTest::newRow(qPrintable(name + QStringLiteral(" --help")))
                << QStringList{name, QStringLiteral("--help")} << 0
                << QStringLiteral("Usage: kafkadesk %1 [options]").arg(name) << QString();
            // Before, QCommandLineParser's --help-all was accepted and ignored:
            // `produce --help-all` went on to produce.
            QTest::newRow(qPrintable(name + QStringLiteral(" --help-all")))
                << QStringList{name, QStringLiteral("--help-all")} << 2 << QString()
                << QStringLiteral("kafkadesk %1: Unknown option 'help-all'.").arg(name);
        }
    }

    void withoutDisplay()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutHas);
        QFETCH(QString, stderrHas);

        const Outcome outcome = runWithoutDisplay(arguments);
        QVERIFY2(outcome.finished, "kafkadesk did not end within 20 s");
        QVERIFY2(outcome.exitCode == exitCode,
                 qPrintable(QStringLiteral("exit %1, expected %2; stderr: %3").arg(outcome.exitCode).arg(exitCode).arg(outcome.err)));
        if (stdoutHas.isEmpty())
            QVERIFY2(outcome.out.isEmpty(), qPrintable(outcome.out));
        else
            QVERIFY2(outcome.out.contains(stdoutHas), qPrintable(outcome.out));
        if (stderrHas.isEmpty()) {
            QVERIFY2(outcome.err.isEmpty(), qPrintable(outcome.err));
        } else {
            QVERIFY2(outcome.err.contains(stderrHas), qPrintable(outcome.err));
            // A usage error shows the help after the message.
            QVERIFY2(outcome.err.contains(QStringLiteral("\nUsage: kafkadesk")), qPrintable(outcome.err));
        }
        QVERIFY2(!outcome.err.contains(QStringLiteral("display")), qPrintable(outcome.err));
    }

    // The help lists no option twice and no Qt option.
    void helpListsOurOptionsOnly()
    {
        const Outcome outcome = runWithoutDisplay({QStringLiteral("--help")});
        QCOMPARE(outcome.exitCode, 0);
        const QString options = outcome.out.mid(outcome.out.indexOf(QStringLiteral("\nOptions:\n")));
        QVERIFY2(options.size() > 100, qPrintable(outcome.out));
        QVERIFY2(!options.contains(QStringLiteral("platform")), qPrintable(options));
        QVERIFY2(!options.contains(QStringLiteral("style")), qPrintable(options));
        QCOMPARE(options.count(QStringLiteral("--version")), 1);
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_commandline.moc"
