// `kafkadesk topics|configs|brokers` as a script runs them: real processes,
// checked with kcat and with the commands' own read-only actions.

#include "kcat.h"
#include "testcluster.h"

#include <QTest>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::TestCluster;

class TestAdminCommands : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;

    testsupport::ProcessResult run(const QStringList &arguments) const
    {
        return testsupport::run(kafkadesk(), arguments + QStringList{QStringLiteral("-b"), m_cluster->bootstrapServers()});
    }
    QStringList lines(const QStringList &arguments) const
    {
        return QString::fromUtf8(run(arguments).out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
    }
    void cleanup() { m_cluster.reset(); }

    // Nothing reaches the cluster (the topic named does not exist anywhere).
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no action") << QStringList{QStringLiteral("topics")} << "kafkadesk topics: name an action";
        QTest::newRow("unknown action") << QStringList{QStringLiteral("configs"), QStringLiteral("put")}
                                        << "kafkadesk configs: unknown action 'put'";
        QTest::newRow("delete without --yes")
            << QStringList{QStringLiteral("topics"), QStringLiteral("delete"), QStringLiteral("-t"), QStringLiteral("usage-demo")}
            << "kafkadesk topics delete: Deleting topic 'usage-demo' cannot be undone; add --yes to do it";
        QTest::newRow("truncate without --yes")
            << QStringList{QStringLiteral("topics"), QStringLiteral("truncate"), QStringLiteral("-t"), QStringLiteral("usage-demo")}
            << "kafkadesk topics truncate: Deleting records of topic 'usage-demo' cannot be undone; add --yes to do it";
        QTest::newRow("add-partitions without --yes")
            << QStringList{QStringLiteral("topics"), QStringLiteral("add-partitions"), QStringLiteral("-t"),
                           QStringLiteral("usage-demo"), QStringLiteral("--total"), QStringLiteral("9")}
            << "kafkadesk topics add-partitions: Adding partitions to topic 'usage-demo' cannot be undone; add --yes to do it";
        QTest::newRow("--before without -p")
            << QStringList{QStringLiteral("topics"), QStringLiteral("truncate"), QStringLiteral("-t"), QStringLiteral("usage-demo"),
                           QStringLiteral("--before"), QStringLiteral("3"), QStringLiteral("--yes")}
            << "kafkadesk topics truncate: --before needs -p: each partition has offsets of its own";
        QTest::newRow("topic and broker")
            << QStringList{QStringLiteral("configs"), QStringLiteral("get"), QStringLiteral("-t"), QStringLiteral("usage-demo"),
                           QStringLiteral("--broker"), QStringLiteral("1")}
            << "kafkadesk configs get: name either a topic (-t TOPIC) or a broker (--broker ID)";
        QTest::newRow("set without a change")
            << QStringList{QStringLiteral("configs"), QStringLiteral("set"), QStringLiteral("-t"), QStringLiteral("usage-demo")}
            << "kafkadesk configs set: name a change: -s NAME=VALUE or --delete NAME";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto result = run(arguments);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith(QByteArray(message.toUtf8() + '\n')), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    // On the sandbox every command that needs an Admin request fails at
    // once (exit 1) and says why; list, describe and brokers still work.
    void sandboxSaysWhy()
    {
        if (TestCluster::real())
            return;
        QVERIFY(!m_cluster->createTopic({QStringLiteral("demo"), 2, 1}));
        const QList<QStringList> refused{
            {QStringLiteral("topics"), QStringLiteral("create"), QStringLiteral("-t"), QStringLiteral("x")},
            {QStringLiteral("topics"), QStringLiteral("delete"), QStringLiteral("-t"), QStringLiteral("demo"), QStringLiteral("--yes")},
            {QStringLiteral("topics"), QStringLiteral("truncate"), QStringLiteral("-t"), QStringLiteral("demo"), QStringLiteral("--yes")},
            {QStringLiteral("topics"), QStringLiteral("add-partitions"), QStringLiteral("-t"), QStringLiteral("demo"),
             QStringLiteral("--total"), QStringLiteral("3"), QStringLiteral("--yes")},
            {QStringLiteral("configs"), QStringLiteral("get"), QStringLiteral("--broker"), QStringLiteral("1")},
            {QStringLiteral("configs"), QStringLiteral("set"), QStringLiteral("-t"), QStringLiteral("demo"),
             QStringLiteral("-s"), QStringLiteral("retention.ms=1")}};
        for (const QStringList &arguments : refused) {
            const auto result = run(arguments);
            QVERIFY(result.finished);
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains("the sandbox (librdkafka's mock cluster) does not answer"), result.err.constData());
        }
        QCOMPARE(lines({QStringLiteral("topics"), QStringLiteral("list")}), QStringList{QStringLiteral("demo\t2\t1")});
        QCOMPARE(lines({QStringLiteral("topics"), QStringLiteral("describe"), QStringLiteral("-t"), QStringLiteral("demo")}).size(), 2);
        const auto brokers = run({QStringLiteral("brokers")});
        QCOMPARE(brokers.exitCode, 0);
        QVERIFY2(brokers.out.startsWith(QByteArray("1\t" + m_cluster->bootstrapServers().toUtf8() + "\tunknown\t")), brokers.out.constData());
        QVERIFY2(brokers.err.contains("rack unknown: Cannot read the configs of broker 1: the sandbox"), brokers.err.constData());
        QVERIFY2(brokers.err.contains("the controller is unknown"), brokers.err.constData());
    }

    // A topic's whole life through the commands, on the real cluster.
    void topicLifecycle()
    {
        if (!TestCluster::real())
            return;
        const QString topic = TestCluster::name(QStringLiteral("cli"));
        const QStringList t{QStringLiteral("-t"), topic};
        auto result = run(QStringList{QStringLiteral("topics"), QStringLiteral("create"), QStringLiteral("-p"),
                                      QStringLiteral("2"), QStringLiteral("-r"), QStringLiteral("3"), QStringLiteral("-c"),
                                      QStringLiteral("max.message.bytes=500000"), QStringLiteral("-c"),
                                      QStringLiteral("retention.ms=7200000")} + t);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out, "created topic " + topic.toUtf8() + '\n');
        QVERIFY(lines({QStringLiteral("topics"), QStringLiteral("list")}).contains(topic + QStringLiteral("\t2\t3")));

        const QStringList getOverrides = QStringList{QStringLiteral("configs"), QStringLiteral("get"),
                                                     QStringLiteral("--overrides-only")} + t;
        QCOMPARE(lines(getOverrides), (QStringList{QStringLiteral("max.message.bytes\t500000\ttopic override\t-"),
                                                   QStringLiteral("retention.ms\t7200000\ttopic override\t-")}));

        // The change is shown; without --yes it is not applied.
        const QStringList set = QStringList{QStringLiteral("configs"), QStringLiteral("set"), QStringLiteral("-s"),
                                            QStringLiteral("retention.ms=60000")} + t;
        result = run(set);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QByteArray("retention.ms: 7200000 -> 60000\n"));
        QVERIFY2(result.err.contains("not applied; add --yes"), result.err.constData());
        QVERIFY(lines(getOverrides).contains(QStringLiteral("retention.ms\t7200000\ttopic override\t-")));
        result = run(set + QStringList{QStringLiteral("--yes")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        // The other override survived.
        QCOMPARE(lines(getOverrides), (QStringList{QStringLiteral("max.message.bytes\t500000\ttopic override\t-"),
                                                   QStringLiteral("retention.ms\t60000\ttopic override\t-")}));

        result = run(QStringList{QStringLiteral("topics"), QStringLiteral("add-partitions"), QStringLiteral("--total"),
                                 QStringLiteral("3"), QStringLiteral("--yes")} + t);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(lines(QStringList{QStringLiteral("topics"), QStringLiteral("describe")} + t).size(), 3);

        QVERIFY(testsupport::produceLines(m_cluster->bootstrapServers(), topic, 0, 5));
        result = run(QStringList{QStringLiteral("topics"), QStringLiteral("truncate"), QStringLiteral("-p"),
                                 QStringLiteral("0"), QStringLiteral("--before"), QStringLiteral("2"), QStringLiteral("--yes")} + t);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out, QByteArray("0\t2\n"));
        const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                             QStringLiteral("-t"), topic, QStringLiteral("-p"), QStringLiteral("0"),
                                             QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%o\n")});
        QCOMPARE(read.out, QByteArray("2\n3\n4\n"));
        // Partition 0 now starts at 2 (low watermark) and ends at 5.
        const QStringList described = lines(QStringList{QStringLiteral("topics"), QStringLiteral("describe")} + t);
        QVERIFY2(described.value(0).startsWith(QLatin1String("0\t")) && described.value(0).endsWith(QLatin1String("\t2\t5")),
                 qPrintable(described.join(QLatin1Char('|'))));

        result = run(QStringList{QStringLiteral("topics"), QStringLiteral("delete"), QStringLiteral("--yes")} + t);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.out, "deleted topic " + topic.toUtf8() + '\n');
        QVERIFY(!lines({QStringLiteral("topics"), QStringLiteral("list")}).contains(topic + QStringLiteral("\t3\t3")));
        result = run(QStringList{QStringLiteral("topics"), QStringLiteral("delete"), QStringLiteral("--yes")} + t);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("does not exist"), result.err.constData());
    }

    void brokers()
    {
        if (!TestCluster::real())
            return; // the sandbox's: sandboxSaysWhy()
        const QStringList brokers = lines({QStringLiteral("brokers")});
        QCOMPARE(brokers.size(), 3);
        const int base = qEnvironmentVariableIntValue("KAFKADESK_TEST_KAFKA_PORT_BASE");
        int controllers = 0;
        for (int i = 0; i < 3; ++i) {
            QVERIFY2(brokers[i].startsWith(QStringLiteral("%1\t127.0.0.1:%2\t-\t").arg(i + 1).arg(base + i)),
                     qPrintable(brokers[i]));
            controllers += brokers[i].endsWith(QLatin1String("\tcontroller")) ? 1 : 0;
        }
        QCOMPARE(controllers, 1);
    }
};

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "test_admincommands.moc"
