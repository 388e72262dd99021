// `kafkadesk consume` as a script runs it: a real process; kcat produces.

#include "kcat.h"
#include "testcluster.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

#include <csignal>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::kcat;
using testsupport::run;
using testsupport::jsonLines;

class TestConsumeCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<testsupport::TestCluster> m_cluster;
    QString m_bootstrap;
    QString m_topic;

    testsupport::ProcessResult consume(const QStringList &extra)
    {
        return run(kafkadesk(), QStringList{QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap,
                                            QStringLiteral("-t"), m_topic} + extra);
    }

    // kcat -P of `count` messages key-N/value-N to one partition, with a header.
    bool produce(int partition, int first, int count)
    {
        QByteArray lines;
        for (int i = first; i < first + count; ++i)
            lines += "key-" + QByteArray::number(i) + "\tvalue-" + QByteArray::number(i) + '\n';
        return testsupport::produceKeyed(m_bootstrap, m_topic, partition, lines, QStringLiteral("src=kcat"));
    }

private slots:
    void init()
    {
        auto cluster = testsupport::TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        m_topic = m_cluster->name(QStringLiteral("t"));
        QVERIFY(!m_cluster->createTopic(TopicSpec{m_topic, 3, 1}));
    }
    void cleanup() { m_cluster.reset(); }

    void jsonShowsExactPartitionsOffsetsKeysAndHeaders()
    {
        QVERIFY(produce(0, 0, 20));
        QVERIFY(produce(2, 20, 30));
        const auto result = consume({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--timeout-ms"),
                                     QStringLiteral("1500")});
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 0);
        const QList<QJsonObject> records = jsonLines(result.out);
        QCOMPARE(records.size(), 50);
        QSet<QString> seen;
        for (const QJsonObject &r : records) {
            const int i = r.value(QLatin1String("key")).toString().mid(4).toInt();
            const int partition = i < 20 ? 0 : 2;
            const int offset = i < 20 ? i : i - 20;
            QCOMPARE(r.value(QLatin1String("topic")).toString(), m_topic);
            QCOMPARE(r.value(QLatin1String("partition")).toInt(), partition);
            QCOMPARE(r.value(QLatin1String("offset")).toInt(), offset);
            QCOMPARE(r.value(QLatin1String("value")).toString(), QStringLiteral("value-%1").arg(i));
            QCOMPARE(r.value(QLatin1String("headers")).toArray(),
                     (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("src")},
                                             {QStringLiteral("value"), QStringLiteral("kcat")}}}));
            QVERIFY(r.value(QLatin1String("timestamp")).toDouble() > 0);
            seen.insert(r.value(QLatin1String("key")).toString());
        }
        QCOMPARE(seen.size(), 50);
        QVERIFY2(result.err.contains("consumed 50"), result.err.constData());
    }

    void bytesThatAreNotUtf8ComeAsBase64()
    {
        const QByteArray binary("\xff\xfe\x00\x01", 4);
        const auto produced = kcat({QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                    m_topic, QStringLiteral("-p"), QStringLiteral("1"), QStringLiteral("-k"),
                                    QStringLiteral("plain")},
                                   binary);
        QVERIFY(produced.finished && produced.exitCode == 0);
        const auto result = consume({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-n"),
                                     QStringLiteral("1")});
        QCOMPARE(result.exitCode, 0);
        const QList<QJsonObject> records = jsonLines(result.out);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].value(QLatin1String("key")).toString(), QStringLiteral("plain"));
        QVERIFY(!records[0].contains(QLatin1String("key_encoding")));
        QCOMPARE(records[0].value(QLatin1String("value_encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(records[0].value(QLatin1String("value")).toString().toLatin1()), binary);
    }

    // A second run of the same group resumes where the first stopped:
    // together they print every message once.
    void groupResumesWhereItStopped()
    {
        QVERIFY(produce(0, 0, 10));
        QVERIFY(produce(1, 10, 10));
        const QStringList group{QStringLiteral("-g"), m_cluster->name(QStringLiteral("resume")),
                                QStringLiteral("--format"), QStringLiteral("json")};
        // When the only member leaves, the sandbox lets a new one in only once
        // the old member's session has timed out, so keep that short (real
        // Kafka lets it in at once: 2.5 s for this test against 11 s).
        const auto first = consume(group + QStringList{QStringLiteral("-n"), QStringLiteral("7"), QStringLiteral("-X"),
                                                       QStringLiteral("session.timeout.ms=6000")});
        QCOMPARE(first.exitCode, 0);
        const auto second = consume(group + QStringList{QStringLiteral("--timeout-ms"), QStringLiteral("2000")});
        QCOMPARE(second.exitCode, 0);
        QStringList keys;
        for (const auto &r : jsonLines(first.out) + jsonLines(second.out))
            keys.append(r.value(QLatin1String("key")).toString());
        QCOMPARE(jsonLines(first.out).size(), 7);
        QCOMPARE(keys.size(), 20);
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), 20);
    }

    void fromATimeSkipsOlderMessages()
    {
        QVERIFY(produce(0, 0, 5));
        const qint64 time = QDateTime::currentMSecsSinceEpoch() + 1;
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > time); // later messages get a later timestamp
        QVERIFY(produce(0, 5, 3));
        QVERIFY(produce(1, 8, 2));
        const auto result = consume({QStringLiteral("--from"), QStringLiteral("@%1").arg(time), QStringLiteral("--timeout-ms"),
                                     QStringLiteral("1500")});
        QCOMPARE(result.exitCode, 0);
        QStringList values = QString::fromUtf8(result.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        values.sort();
        QCOMPARE(values, (QStringList{QStringLiteral("value-5"), QStringLiteral("value-6"), QStringLiteral("value-7"),
                                      QStringLiteral("value-8"), QStringLiteral("value-9")}));
        // A real broker looks the offsets up by time; the sandbox cannot, and
        // the command says it reads from the beginning instead.
        const bool fellBack = result.err.contains("cannot look up offsets by time");
        QVERIFY2(fellBack == !testsupport::TestCluster::real(), result.err.constData());
    }

    // No broker answering is a warning on stderr, not the end: the command
    // keeps trying, says when the brokers answer again, and goes on printing
    // what comes. A signal then ends it as usual, exit 0. In a group and
    // without one alike (a group also loses its coordinator).
    void allBrokersDownIsAWarningUntilTheyAnswerAgain_data()
    {
        QTest::addColumn<bool>("group");
        QTest::newRow("partitions") << false;
        QTest::newRow("group") << true;
    }
    void allBrokersDownIsAWarningUntilTheyAnswerAgain()
    {
        QFETCH(bool, group);
        const QString topic = QStringLiteral("fragile");
        std::unique_ptr<Sandbox> sandbox = testsupport::TestCluster::privateSandbox(topic);
        QVERIFY(sandbox);
        const QString bootstrap = sandbox->bootstrapServers();
        QVERIFY(testsupport::produceKeyed(bootstrap, topic, 0, "k\tbefore\n", QStringLiteral("src=kcat")));
        QProcess process;
        QByteArray out, err;
        connect(&process, &QProcess::readyReadStandardOutput, this, [&] { out += process.readAllStandardOutput(); });
        connect(&process, &QProcess::readyReadStandardError, this, [&] { err += process.readAllStandardError(); });
        QStringList arguments{QStringLiteral("consume"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"), topic};
        if (group)
            arguments += {QStringLiteral("-g"), QStringLiteral("fragile-group")};
        process.start(kafkadesk(), arguments);
        QTRY_VERIFY2_WITH_TIMEOUT(out.contains("before\n"), err.constData(), 20000);

        QVERIFY(!sandbox->setBrokerDown(1, true));
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains("kafkadesk consume: warning: No broker answers"), err.constData(), 10000);
        // In a group, the automatic commit of what was printed (every 5 s)
        // fails too while the coordinator is away: also a warning.
        if (group)
            QTRY_VERIFY2_WITH_TIMEOUT(err.contains("kafkadesk consume: warning: Commit failed"), err.constData(), 10000);
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY(!sandbox->setBrokerDown(1, false));
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains("kafkadesk consume: note: The brokers answer again"), err.constData(), 15000);
        QVERIFY(testsupport::produceKeyed(bootstrap, topic, 0, "k\tafter\n", QStringLiteral("src=kcat")));
        QTRY_VERIFY2_WITH_TIMEOUT(out.contains("after\n"), err.constData(), 30000);
        // The next commit, of what was printed since, succeeds and says so.
        if (group)
            QTRY_VERIFY2_WITH_TIMEOUT(err.contains("kafkadesk consume: note: Offsets are committed again"), err.constData(),
                                      15000);

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, err.constData());
        // A group whose member was away longer than its session (6 s on
        // the sandbox) hands the partition out again from the last commit:
        // what was printed but not committed then comes again, at least once.
        const QList<QByteArray> lines = out.trimmed().split('\n');
        if (group) {
            QVERIFY2(lines.first() == "before" && lines.last() == "after", out.constData());
            QVERIFY2(std::all_of(lines.cbegin(), lines.cend(), [](const QByteArray &l) { return l == "before" || l == "after"; }),
                     out.constData());
        } else {
            QCOMPARE(lines, (QList<QByteArray>{"before", "after"}));
        }
        const QByteArray consumed = "consumed " + QByteArray::number(lines.size());
        QVERIFY2(err.contains(consumed), err.constData());
    }

    void problemsEndWithAMessageAndAnExitCode()
    {
        QVERIFY(produce(0, 0, 3));
        const auto badOffset = consume({QStringLiteral("--from"), QStringLiteral("99"), QStringLiteral("--timeout-ms"),
                                        QStringLiteral("10000")});
        // Every wait of the command is bounded (10 s each); what it said if it still ran on.
        QVERIFY2(badOffset.finished, badOffset.err.constData());
        QCOMPARE(badOffset.exitCode, 1);
        QVERIFY2(badOffset.err.contains("Offset out of range"), badOffset.err.constData());

        const QString missing = m_cluster->name(QStringLiteral("missing"));
        const auto noTopic = run(kafkadesk(), {QStringLiteral("consume"), QStringLiteral("-b"), m_bootstrap,
                                               QStringLiteral("-t"), missing});
        QCOMPARE(noTopic.exitCode, 1);
        QVERIFY2(noTopic.err.contains(QStringLiteral("Topic '%1' does not exist.").arg(missing).toUtf8()),
                 noTopic.err.constData());

        const auto badFormat = consume({QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(badFormat.exitCode, 2);
        const auto timeInGroup = consume({QStringLiteral("-g"), m_cluster->name(QStringLiteral("g")),
                                          QStringLiteral("--from"), QStringLiteral("@5")});
        QCOMPARE(timeInGroup.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestConsumeCommand)
#include "test_consumecommand.moc"
