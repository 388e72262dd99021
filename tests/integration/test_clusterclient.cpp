#include "kafka/clusterclient.h"
#include "kafka/connection.h"
#include "kafka/sandbox.h"

#include "kcat.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;

class TestClusterClient : public QObject {
    Q_OBJECT
private slots:
    void watermarksMatchWhatKcatProduced()
    {
        auto sandbox = Sandbox::start(3);
        QVERIFY(sandbox.ok());
        const QString bootstrap = sandbox.value()->bootstrapServers();
        QVERIFY(!sandbox.value()->createTopic(TopicSpec{QStringLiteral("counts"), 4, 3}));
        const QList<int> counts{5, 0, 17, 100};
        for (int p = 0; p < counts.size(); ++p) {
            if (counts[p] > 0)
                QVERIFY(testsupport::produceLines(bootstrap, QStringLiteral("counts"), p, counts[p]));
        }

        auto client = ClusterClient::create({bootstrap, {}});
        QVERIFY2(client.ok(), qPrintable(client.error().message));
        const auto metadata = client.value()->fetchMetadata();
        QVERIFY2(metadata.ok(), qPrintable(metadata.error().message));
        QCOMPARE(metadata.value().brokers.size(), 3);
        QCOMPARE(metadata.value().brokers[0].id, 1);
        QVERIFY(metadata.value().topic(QStringLiteral("counts")));

        const auto topic = client.value()->fetchTopic(QStringLiteral("counts"));
        QVERIFY2(topic.ok(), qPrintable(topic.error().message));
        QCOMPARE(topic.value().partitions.size(), counts.size());
        for (int p = 0; p < counts.size(); ++p) {
            const PartitionInfo &partition = topic.value().partitions[p];
            QCOMPARE(partition.id, p);
            QCOMPARE(partition.lowWatermark, 0);
            QCOMPARE(partition.highWatermark, counts[p]);
            QCOMPARE(partition.messageCount(), counts[p]);
            QCOMPARE(partition.replicas.size(), 3);
            QVERIFY(partition.leader >= 1 && partition.leader <= 3);
        }
    }

    void unknownTopicIsReportedAndNotCreated()
    {
        auto sandbox = Sandbox::start(1);
        QVERIFY(sandbox.ok());
        auto client = ClusterClient::create({sandbox.value()->bootstrapServers(), {}});
        QVERIFY(client.ok());
        const auto topic = client.value()->fetchTopic(QStringLiteral("nope"));
        QVERIFY(!topic.ok());
        QCOMPARE(topic.error().code, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        QVERIFY(!client.value()->fetchMetadata().value().topic(QStringLiteral("nope")));
    }

    void unreachableClusterFailsWithinTenSeconds()
    {
        // Port 1 on loopback: nothing listens there.
        auto client = ClusterClient::create({QStringLiteral("127.0.0.1:1"), {}});
        QVERIFY(client.ok());
        QElapsedTimer timer;
        timer.start();
        const auto metadata = client.value()->fetchMetadata();
        QVERIFY(!metadata.ok());
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(metadata.error().message.startsWith(QLatin1String("Cannot reach 127.0.0.1:1")),
                 qPrintable(metadata.error().message));
    }

    // The sandbox answers no admin requests: the Admin API path must end in a
    // clear error, not a hang.
    void adminCreateTopicAgainstSandboxEndsInAnError()
    {
        auto sandbox = Sandbox::start(1);
        QVERIFY(sandbox.ok());
        auto client = ClusterClient::create({sandbox.value()->bootstrapServers(), {}});
        QVERIFY(client.ok());
        const Error err = client.value()->createTopic({QStringLiteral("via-admin"), 1, 1}, std::chrono::seconds(3));
        QVERIFY(err);
        QVERIFY2(err.message.contains(QLatin1String("via-admin")) || err.message.contains(QLatin1String("Cannot")),
                 qPrintable(err.message));
    }

    void adminGroupListingAgainstSandboxEndsInAnError()
    {
        auto sandbox = Sandbox::start(1);
        QVERIFY(sandbox.ok());
        auto client = ClusterClient::create({sandbox.value()->bootstrapServers(), {}});
        QVERIFY(client.ok());
        QElapsedTimer timer;
        timer.start();
        const auto groups = client.value()->describeGroups(std::chrono::seconds(3));
        QVERIFY(!groups.ok());
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(groups.error().message.startsWith(QLatin1String("Cannot")), qPrintable(groups.error().message));

        // The connection knows it is the sandbox and says so at once.
        auto opened = Connection::open(ConnectionSpec::sandbox(1));
        QVERIFY(opened.ok());
        auto viaConnection = opened.value()->describeGroups();
        QVERIFY(viaConnection.isFinished());
        QCOMPARE(viaConnection.result().error().message, Connection::sandboxGroupsNote());
    }

    void connectionServesTheSandboxAsynchronously()
    {
        auto opened = Connection::open(ConnectionSpec::sandbox(3));
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        Connection &connection = *opened.value();
        QVERIFY(connection.sandbox());
        QCOMPARE(connection.bootstrapServers(), connection.sandbox()->bootstrapServers());

        auto metadata = connection.fetchMetadata();
        metadata.waitForFinished();
        QVERIFY(metadata.result().ok());
        const TopicInfo *demo = metadata.result().value().topic(QStringLiteral("demo"));
        QVERIFY(demo);
        QCOMPARE(demo->partitions.size(), 6);
        QCOMPARE(demo->partitions[0].replicas.size(), 3);

        auto created = connection.createTopic({QStringLiteral("orders"), 4, 2});
        created.waitForFinished();
        QVERIFY2(!created.result(), qPrintable(created.result().message));
        auto duplicate = connection.createTopic({QStringLiteral("orders"), 4, 2});
        duplicate.waitForFinished();
        QVERIFY(duplicate.result().message.contains(QLatin1String("already exists")));

        auto orders = connection.fetchTopic(QStringLiteral("orders"));
        orders.waitForFinished();
        QVERIFY(orders.result().ok());
        QCOMPARE(orders.result().value().partitions.size(), 4);
    }

    void connectionRefusesBadSpecsBeforeTheNetwork()
    {
        QVERIFY(!Connection::open(ConnectionSpec::bootstrap(QStringLiteral("no-port"))).ok());
        QVERIFY(!Connection::open(ConnectionSpec::sandbox(12)).ok());
        auto spec = ConnectionSpec::bootstrap(QStringLiteral("localhost:9092"));
        spec.properties = {{QStringLiteral("unknown.key"), QStringLiteral("1")}};
        const auto opened = Connection::open(spec);
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().message.contains(QLatin1String("unknown.key")));
    }
};

QTEST_GUILESS_MAIN(TestClusterClient)
#include "test_clusterclient.moc"
