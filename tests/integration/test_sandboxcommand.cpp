// `kafkadesk sandbox` as a user runs it: a real process, checked with kcat.

#include "kcat.h"

#include <QProcess>
#include <QTest>

#include <csignal>

using testsupport::kafkadesk;
using testsupport::kcat;

class TestSandboxCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kafkadesk()), "KAFKADESK must name the built binary"); }

    void servesUntilSignalledAndExitsZero_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void servesUntilSignalledAndExitsZero()
    {
        QFETCH(int, signal);
        QProcess sandbox;
        sandbox.start(kafkadesk(), {QStringLiteral("sandbox"), QStringLiteral("--brokers"), QStringLiteral("2"),
                                    QStringLiteral("--topic"), QStringLiteral("orders:4:2"), QStringLiteral("--topic"),
                                    QStringLiteral("logs:1")});
        QVERIFY(sandbox.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 10000);
        const QString line = QString::fromUtf8(sandbox.readLine()).trimmed();
        QVERIFY2(line.startsWith(QLatin1String("bootstrap: 127.0.0.1:")), qPrintable(line));
        const QString bootstrap = line.mid(int(qstrlen("bootstrap: ")));
        QCOMPARE(bootstrap.split(QLatin1Char(',')).size(), 2);

        const auto listing = kcat({QStringLiteral("-b"), bootstrap, QStringLiteral("-L")});
        QVERIFY2(listing.exitCode == 0, listing.err.constData());
        QVERIFY(listing.out.contains(" 2 brokers:"));
        QVERIFY(listing.out.contains("topic \"orders\" with 4 partitions"));
        QVERIFY(listing.out.contains("topic \"logs\" with 1 partitions"));
        QCOMPARE(sandbox.state(), QProcess::Running);

        ::kill(pid_t(sandbox.processId()), signal);
        QVERIFY(sandbox.waitForFinished(15000));
        QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sandbox.exitCode(), 0);
    }

    void defaultsAreThreeBrokersAndDemo()
    {
        QProcess sandbox;
        sandbox.start(kafkadesk(), {QStringLiteral("sandbox")});
        QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 10000);
        const QString bootstrap = QString::fromUtf8(sandbox.readLine()).trimmed().mid(int(qstrlen("bootstrap: ")));
        const auto listing = kcat({QStringLiteral("-b"), bootstrap, QStringLiteral("-L")});
        QVERIFY(listing.out.contains(" 3 brokers:"));
        QVERIFY(listing.out.contains("topic \"demo\" with 6 partitions"));
        QVERIFY(listing.out.contains("replicas: 1,2,3"));
        sandbox.terminate();
        QVERIFY(sandbox.waitForFinished(15000));
        QCOMPARE(sandbox.exitCode(), 0);
    }

    void badArgumentsPrintUsageAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("zero brokers") << QStringList{QStringLiteral("--brokers"), QStringLiteral("0")};
        QTest::newRow("ten brokers") << QStringList{QStringLiteral("--brokers"), QStringLiteral("10")};
        QTest::newRow("brokers not a number") << QStringList{QStringLiteral("--brokers"), QStringLiteral("many")};
        QTest::newRow("topic without partitions") << QStringList{QStringLiteral("--topic"), QStringLiteral("orders")};
        QTest::newRow("bad topic name") << QStringList{QStringLiteral("--topic"), QStringLiteral("a b:1")};
        QTest::newRow("rf above brokers")
            << QStringList{QStringLiteral("--brokers"), QStringLiteral("1"), QStringLiteral("--topic"),
                           QStringLiteral("t:1:2")};
        QTest::newRow("duplicate topic")
            << QStringList{QStringLiteral("--topic"), QStringLiteral("t:1"), QStringLiteral("--topic"),
                           QStringLiteral("t:2")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")};
    }
    void badArgumentsPrintUsageAndExitTwo()
    {
        QFETCH(QStringList, args);
        const auto result = testsupport::run(kafkadesk(), QStringList{QStringLiteral("sandbox")} + args, {}, 15000);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.startsWith("kafkadesk sandbox: "), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSandboxCommand)
#include "test_sandboxcommand.moc"
