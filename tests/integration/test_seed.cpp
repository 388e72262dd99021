// The flow Kafka Desk grew out of (a producer and a consumer group on Kafka
// with ZooKeeper), on a real cluster: `kafkadesk produce`, then
// `kafkadesk consume -g` twice (the second run resumes where the first
// committed), then the window connecting and listing the topic. CTest runs
// it on ZooKeeper + Kafka 3.9 (the seed's topology) and on the KRaft cluster.
// It needs a real cluster: without KAFKADESK_TEST_KAFKA it fails.

#include "clusternavigatormodel.h"
#include "mainwindow.h"
#include "partitionsmodel.h"

#include "kcat.h"
#include "testcluster.h"
#include "guitest.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using testsupport::TestCluster;

class TestSeed : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QString m_topic;
    int m_brokers = 0;

    testsupport::ProcessResult kafkadesk(const QStringList &args, const QByteArray &input = {})
    {
        return testsupport::run(testsupport::kafkadesk(), args, input, 120000);
    }

    // The keys of `--format json` lines, each once; -1 if a key came twice.
    static qsizetype distinctKeys(const QByteArray &out, QSet<QString> &keys)
    {
        for (const QByteArray &line : out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QString key = QJsonDocument::fromJson(line).object().value(QLatin1String("key")).toString();
            if (keys.contains(key))
                return -1;
            keys.insert(key);
        }
        return keys.size();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto cluster = TestCluster::startReal();
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        {
            const testsupport::TestSideBlocking allow("the test asks the cluster for its brokers");
            const auto metadata = m_cluster->client().fetchMetadata();
            QVERIFY2(metadata.ok(), qPrintable(metadata.error().message));
            m_brokers = int(metadata.value().brokers.size());
        }
        m_topic = TestCluster::name(QStringLiteral("seed"));
        // Three partitions, so that a group's assignment means something.
        QVERIFY(!m_cluster->createTopic({m_topic, 3, std::min(3, m_brokers)}));
    }

    void produceThenConsumeInAGroupAndResume()
    {
        QByteArray lines;
        for (int i = 0; i < 1000; ++i)
            lines += "key-" + QByteArray::number(i) + ":value-" + QByteArray::number(i) + '\n';
        const auto produced = kafkadesk({QStringLiteral("produce"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                         QStringLiteral("-t"), m_topic, QStringLiteral("-K"), QStringLiteral(":"),
                                         QStringLiteral("-X"), QStringLiteral("compression.type=gzip")},
                                        lines);
        QVERIFY(produced.finished);
        QCOMPARE(produced.exitCode, 0);
        // Applied, so nothing to warn about.
        QCOMPARE(produced.err, QByteArray("delivered 1000, failed 0\n"));
        for (int p = 0; p < 3; ++p) {
            const QStringList codecs = TestCluster::storedCodecs(m_topic, p);
            QVERIFY2(!codecs.isEmpty() && codecs.count(QStringLiteral("gzip")) == codecs.size(),
                     qPrintable(codecs.join(QLatin1Char(' '))));
        }

        const QString group = TestCluster::name(QStringLiteral("seed-group"));
        const QStringList consume{QStringLiteral("consume"), QStringLiteral("-b"), m_cluster->bootstrapServers(),
                                  QStringLiteral("-t"), m_topic, QStringLiteral("-g"), group,
                                  QStringLiteral("--format"), QStringLiteral("json")};
        const auto first = kafkadesk(consume + QStringList{QStringLiteral("-n"), QStringLiteral("600")});
        QVERIFY(first.finished);
        QCOMPARE(first.exitCode, 0);
        QSet<QString> keys;
        QCOMPARE(distinctKeys(first.out, keys), 600);

        // The group committed exactly what was printed: the next run resumes.
        const auto second = kafkadesk(consume + QStringList{QStringLiteral("--timeout-ms"), QStringLiteral("4000")});
        QVERIFY(second.finished);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(distinctKeys(second.out, keys), 1000); // the other 400, none twice
        QVERIFY(keys.contains(QStringLiteral("key-0")) && keys.contains(QStringLiteral("key-999")));
    }

    void windowConnectsAndListsTheTopic()
    {
        MainWindow window;
        testsupport::ModelTester tester(window.navigatorModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(window.connectTo(TestCluster::windowSpec()));
        QTRY_VERIFY_WITH_TIMEOUT(window.connectionStateText().startsWith(QLatin1String("Connected")), 15000);
        QVERIFY2(window.connectionStateText().contains(QStringLiteral("brokers: %1").arg(m_brokers)),
                 qPrintable(window.connectionStateText()));
        QTRY_VERIFY_WITH_TIMEOUT(window.navigatorModel()->topicIndex(m_topic).isValid(), 10000);
        window.selectTopic(m_topic);
        QTRY_COMPARE_WITH_TIMEOUT(window.partitionsModel()->rowCount(), 3, 10000);
    }

    void cleanupTestCase() { m_cluster.reset(); }
};

KAFKADESK_GUITEST_MAIN(TestSeed)
#include "test_seed.moc"
