// `kafkadesk groups ...` as a script runs it: a real process, its offsets
// checked by kcat consuming in the group.

#include "groupsupport.h"
#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;
using testsupport::kafkadesk;
using testsupport::run;
using testsupport::TestCluster;

namespace {
constexpr int Partitions = 2;
constexpr int PerPartition = 10;

QList<QStringList> rows(const QByteArray &out)
{
    QList<QStringList> rows;
    for (const QString &line : QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        rows.append(line.split(QLatin1Char('\t')));
    return rows;
}
} // namespace

class TestGroupsCommand : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QString m_bootstrap;
    QString m_topic;
    QString m_group;

    testsupport::ProcessResult groups(const QStringList &arguments)
    {
        return run(kafkadesk(), QStringList{QStringLiteral("groups"), arguments.value(0), QStringLiteral("-b"), m_bootstrap}
                                    + arguments.mid(1));
    }

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_bootstrap = m_cluster->bootstrapServers();
        m_topic = TestCluster::name(QStringLiteral("cli-reset"));
        m_group = TestCluster::name(QStringLiteral("cli-resetting"));
        QVERIFY(!m_cluster->createTopic({m_topic, Partitions, 1}));
        for (int p = 0; p < Partitions; ++p)
            QVERIFY(testsupport::produceLines(m_bootstrap, m_topic, p, PerPartition));
    }
    void cleanup() { m_cluster.reset(); }

    // Mistakes and missing confirmations end before any request, exit 2.
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no target") << QStringList{QStringLiteral("reset-offsets"), QStringLiteral("-g"), QStringLiteral("g"),
                                                  QStringLiteral("-t"), QStringLiteral("t")}
                                   << QStringLiteral("exactly one of --to-earliest");
        QTest::newRow("two targets") << QStringList{QStringLiteral("reset-offsets"), QStringLiteral("-g"), QStringLiteral("g"),
                                                    QStringLiteral("-t"), QStringLiteral("t"), QStringLiteral("--to-earliest"),
                                                    QStringLiteral("--to-offset"), QStringLiteral("3")}
                                     << QStringLiteral("exactly one of --to-earliest");
        QTest::newRow("bad partition") << QStringList{QStringLiteral("reset-offsets"), QStringLiteral("-g"), QStringLiteral("g"),
                                                      QStringLiteral("-t"), QStringLiteral("t:1,x"), QStringLiteral("--to-latest")}
                                       << QStringLiteral("'x' in -t t:1,x is not a partition number");
        QTest::newRow("bad date-time") << QStringList{QStringLiteral("reset-offsets"), QStringLiteral("-g"), QStringLiteral("g"),
                                                      QStringLiteral("-t"), QStringLiteral("t"), QStringLiteral("--to-datetime"),
                                                      QStringLiteral("yesterday")}
                                       << QStringLiteral("--to-datetime 'yesterday' is not an ISO 8601 date-time");
        QTest::newRow("delete without --yes") << QStringList{QStringLiteral("delete"), QStringLiteral("-g"), QStringLiteral("g")}
                                              << QStringLiteral("add --yes to delete it");
        QTest::newRow("delete-offsets without --yes")
            << QStringList{QStringLiteral("delete-offsets"), QStringLiteral("-g"), QStringLiteral("g"), QStringLiteral("-t"),
                           QStringLiteral("t")}
            << QStringLiteral("add --yes to delete them");
        QTest::newRow("unknown action") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown action 'frobnicate'");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto result = groups(arguments);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void sandboxSaysSo()
    {
        if (TestCluster::real())
            return;
        QElapsedTimer timer;
        timer.start();
        for (const QStringList &arguments :
             {QStringList{QStringLiteral("list")},
              QStringList{QStringLiteral("reset-offsets"), QStringLiteral("-g"), m_group, QStringLiteral("-t"), m_topic,
                          QStringLiteral("--to-earliest")},
              QStringList{QStringLiteral("delete"), QStringLiteral("-g"), m_group, QStringLiteral("--yes")}}) {
            const auto result = groups(arguments);
            QVERIFY(result.finished);
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains("the sandbox (librdkafka's mock cluster) does not answer"), result.err.constData());
        }
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }

    // The preview changes nothing; --execute moves the offsets it showed,
    // and a consumer in the group (kcat) starts there.
    void previewThenExecute()
    {
        if (!TestCluster::real())
            return;
        QVERIFY(testsupport::commitOffsets(m_bootstrap, m_group, m_topic, Partitions, 6));
        const QStringList reset{QStringLiteral("reset-offsets"), QStringLiteral("-g"), m_group, QStringLiteral("-t"),
                                m_topic + QStringLiteral(":1"), QStringLiteral("--shift-by"), QStringLiteral("-4")};
        auto result = groups(reset);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(rows(result.out),
                 (QList<QStringList>{{QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("CURRENT"),
                                      QStringLiteral("NEW"), QStringLiteral("LOG-START"), QStringLiteral("LOG-END"),
                                      QStringLiteral("LAG-AFTER"), QStringLiteral("NOTE")},
                                     {m_topic, QStringLiteral("1"), QStringLiteral("6"), QStringLiteral("2"), QStringLiteral("0"),
                                      QStringLiteral("10"), QStringLiteral("8"), QStringLiteral("-")}}));
        QVERIFY2(result.err.contains("Nothing was changed"), result.err.constData());
        QCOMPARE(testsupport::firstOffsetsInGroup(m_bootstrap, m_group, m_topic), (QMap<int, qint64>{{0, 6}, {1, 6}}));

        result = groups(reset + QStringList{QStringLiteral("--execute")});
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const auto applied = rows(result.out);
        QCOMPARE(applied.size(), 2);
        QCOMPARE(applied[1].value(3), QStringLiteral("2"));
        QCOMPARE(applied[1].value(8), QStringLiteral("reset"));
        QCOMPARE(testsupport::firstOffsetsInGroup(m_bootstrap, m_group, m_topic), (QMap<int, qint64>{{0, 6}, {1, 2}}));

        // describe and list read the same back.
        result = groups({QStringLiteral("describe"), QStringLiteral("-g"), m_group});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(rows(result.out).contains(QStringList{QStringLiteral("OFFSET"), m_topic, QStringLiteral("1"), QStringLiteral("2"),
                                                       QStringLiteral("10"), QStringLiteral("8")}),
                 result.out.constData());
        result = groups({QStringLiteral("list")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(rows(result.out).contains(QStringList{m_group, QStringLiteral("Empty"), QStringLiteral("-"), QStringLiteral("0"),
                                                       m_topic, QStringLiteral("12")}),
                 result.out.constData());
    }

    // While the group has a member: refused, exit 1, naming it. Once it has
    // left: the offsets and then the group are deleted.
    void activeGroupRefusedThenDeleted()
    {
        if (!TestCluster::real())
            return;
        {
            testsupport::GroupMember member(m_bootstrap, m_group, m_topic);
            QTRY_VERIFY_WITH_TIMEOUT(member.assigned(), 30000);
            const auto result = groups({QStringLiteral("reset-offsets"), QStringLiteral("-g"), m_group, QStringLiteral("-t"),
                                        m_topic, QStringLiteral("--to-earliest"), QStringLiteral("--execute")});
            QVERIFY(result.finished);
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains("active member(s) ('member-under-test' on "), result.err.constData());
            QVERIFY(result.out.isEmpty());
        }
        QVERIFY(testsupport::commitOffsets(m_bootstrap, m_group, m_topic, Partitions, 1));
        auto result = groups({QStringLiteral("delete-offsets"), QStringLiteral("-g"), m_group, QStringLiteral("-t"), m_topic,
                              QStringLiteral("--yes")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(rows(result.out), (QList<QStringList>{{m_topic, QStringLiteral("0")}, {m_topic, QStringLiteral("1")}}));
        result = groups({QStringLiteral("delete"), QStringLiteral("-g"), m_group, QStringLiteral("--yes")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        result = groups({QStringLiteral("delete"), QStringLiteral("-g"), m_group, QStringLiteral("--yes")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("does not exist"), result.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestGroupsCommand)
#include "test_groupscommand.moc"
