#include "kafka/clusterclient.h"
#include "kafka/connection.h"

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

namespace {
const GroupInfo *findGroup(const QList<GroupInfo> &groups, const QString &id)
{
    for (const GroupInfo &group : groups)
        if (group.id == id)
            return &group;
    return nullptr;
}
// Counts the Kafka requests one client sends, by kind, from librdkafka's
// own protocol log ("Sent MetadataRequest (v4, ...)"): the client under test
// gets debug=protocol and a client.id of its own, and its log lines reach
// Qt's logging (kafka/logging.cpp), where this handler reads them.
class RequestCounter {
public:
    static constexpr const char *ClientId = "requests-counted";
    static Properties clientProperties()
    {
        return {{QStringLiteral("client.id"), QString::fromLatin1(ClientId)},
                {QStringLiteral("debug"), QStringLiteral("protocol")}};
    }
    RequestCounter()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("kafkadesk.rdkafka.debug=true"));
        s_previous = qInstallMessageHandler(&RequestCounter::handle);
    }
    ~RequestCounter()
    {
        qInstallMessageHandler(s_previous);
        QLoggingCategory::setFilterRules(QString());
    }
    QMap<QString, int> take()
    {
        const QMutexLocker lock(&s_mutex);
        return std::exchange(s_counts, {});
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        static const QRegularExpression sent(QStringLiteral("^%1#\\S+ SEND: .*Sent (\\w+)Request ")
                                                 .arg(QString::fromLatin1(ClientId)));
        if (const auto match = sent.match(message); match.hasMatch()) {
            const QMutexLocker lock(&s_mutex);
            ++s_counts[match.captured(1)];
        } else if (type != QtDebugMsg) {
            s_previous(type, context, message);
        }
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QMap<QString, int> s_counts;
};

// Commits `offset` for every partition of `topic` in `group`, as a consumer
// outside the group would (no membership needed).
bool commitOffsets(const QString &bootstrap, const QString &group, const QString &topic, int partitions, qint64 offset)
{
    auto conf = ClientConfig{bootstrap, {{QStringLiteral("group.id"), group}}}.build();
    if (!conf.ok())
        return false;
    auto handle = createHandle(RD_KAFKA_CONSUMER, std::move(conf).value(), QStringLiteral("a committer"));
    if (!handle.ok())
        return false;
    PartitionListPtr list(rd_kafka_topic_partition_list_new(partitions));
    for (int p = 0; p < partitions; ++p)
        rd_kafka_topic_partition_list_add(list.get(), topic.toUtf8().constData(), p)->offset = offset;
    const rd_kafka_resp_err_t err = rd_kafka_commit(handle.value().get(), list.get(), 0);
    rd_kafka_consumer_close(handle.value().get());
    return err == RD_KAFKA_RESP_ERR_NO_ERROR;
}
} // namespace

class TestClusterClient : public QObject {
    Q_OBJECT
private slots:
    // The Groups tab's refresh, past the listing: committed offsets need one
    // OffsetFetch per group (librdkafka 2.0.2 takes one group per
    // ListConsumerGroupOffsets), but the high watermarks of every partition
    // of every group come from one metadata request and one ListOffsets per
    // leader, not a metadata request and two ListOffsets per topic and leader.
    void groupOffsetsTakeFewRequests()
    {
        auto cluster = TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QStringList topics{TestCluster::name(QStringLiteral("lagging-a")), TestCluster::name(QStringLiteral("lagging-b"))};
        QMap<QString, QStringList> groups; // with the topics they have committed offsets in
        for (const QString &topic : topics) {
            QVERIFY(!cluster.value()->createTopic({topic, 6, 3}));
            QVERIFY(testsupport::produceLines(bootstrap, topic, 0, 10));
        }
        for (int g = 0; g < 3; ++g) {
            const QString group = TestCluster::name(QStringLiteral("lagging-%1").arg(g));
            groups.insert(group, topics);
            for (const QString &topic : topics)
                QVERIFY(commitOffsets(bootstrap, group, topic, 6, 4));
        }

        RequestCounter counter;
        auto client = ClusterClient::create({bootstrap, RequestCounter::clientProperties()});
        QVERIFY(client.ok());
        // The first answer also pays for connecting (bootstrap metadata,
        // coordinators); the refreshes after it are what the tab repeats.
        QVERIFY(client.value()->describeGroupOffsets(groups).ok());
        counter.take();
        const auto described = client.value()->describeGroupOffsets(groups);
        const QMap<QString, int> sent = counter.take();
        QVERIFY(described.ok());
        QCOMPARE(described.value().size(), 3);
        for (const GroupInfo &group : described.value()) {
            QCOMPARE(group.offsets.size(), 12);
            for (const PartitionProgress &p : group.offsets) {
                QCOMPARE(p.committed, 4);
                QCOMPARE(p.highWatermark, p.partition.partition == 0 ? 10 : 0);
            }
        }
        const auto said = [&] {
            QStringList parts;
            for (auto it = sent.cbegin(); it != sent.cend(); ++it)
                parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
            return parts.join(QStringLiteral(", "));
        };
        qInfo("requests in one refresh of 3 groups over 12 partitions: %s", qPrintable(said()));
        QVERIFY2(sent.value(QStringLiteral("OffsetFetch")) == 3, qPrintable(said()));
        QVERIFY2(sent.value(QStringLiteral("Metadata")) <= 1, qPrintable(said()));
        QVERIFY2(sent.value(QStringLiteral("ListOffsets")) <= 3, qPrintable(said()));
    }

    void watermarksMatchWhatKcatProduced()
    {
        auto cluster = TestCluster::start(3);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString bootstrap = cluster.value()->bootstrapServers();
        const QString name = TestCluster::name(QStringLiteral("counts"));
        QVERIFY(!cluster.value()->createTopic(TopicSpec{name, 4, 3}));
        const QList<int> counts{5, 0, 17, 100};
        for (int p = 0; p < counts.size(); ++p) {
            if (counts[p] > 0)
                QVERIFY(testsupport::produceLines(bootstrap, name, p, counts[p]));
        }

        auto client = ClusterClient::create({bootstrap, {}});
        QVERIFY2(client.ok(), qPrintable(client.error().message));
        const auto metadata = client.value()->fetchMetadata();
        QVERIFY2(metadata.ok(), qPrintable(metadata.error().message));
        QCOMPARE(metadata.value().brokers.size(), 3);
        QCOMPARE(metadata.value().brokers[0].id, 1);
        QVERIFY(metadata.value().topic(name));

        const auto topic = client.value()->fetchTopic(name);
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
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const QString name = TestCluster::name(QStringLiteral("nope"));
        const ClusterClient &client = cluster.value()->client();
        const auto topic = client.fetchTopic(name);
        QVERIFY(!topic.ok());
        QCOMPARE(topic.error().code, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        QVERIFY(!client.fetchMetadata().value().topic(name));
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

    // CreateTopics through the Admin API. The sandbox answers no admin
    // requests: there the path must end in a clear error, not a hang. A real
    // cluster places the replicas of RF 3 on three distinct brokers, and
    // refuses a duplicate or an RF above the broker count in clear words.
    void adminCreateTopic()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const ClusterClient &client = cluster.value()->client();
        const QString name = TestCluster::name(QStringLiteral("via-admin"));
        QElapsedTimer timer;
        timer.start();
        const Error err = client.createTopic({name, 3, TestCluster::real() ? 3 : 1}, std::chrono::seconds(3));
        if (!TestCluster::real()) {
            QVERIFY(err);
            // The mock names no controller, so librdkafka 2.0.2 would wait
            // for one for the whole request timeout: the client sees the
            // sandbox's cluster id and refuses at once.
            QCOMPARE(err.code, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE);
            QCOMPARE(err.message, QStringLiteral("Cannot create topic '%1': the sandbox (librdkafka's mock cluster) does "
                                                 "not answer CreateTopics. Connect to a real Kafka cluster to do this.")
                                      .arg(name));
            QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
            return;
        }
        QVERIFY2(!err, qPrintable(err.message));
        // Browsable at once: createTopic returns when every partition has a leader.
        const auto topic = client.fetchTopic(name);
        QVERIFY2(topic.ok(), qPrintable(topic.error().message));
        QCOMPARE(topic.value().partitions.size(), 3);
        for (const PartitionInfo &p : topic.value().partitions) {
            QCOMPARE(QSet<int>(p.replicas.cbegin(), p.replicas.cend()), (QSet<int>{1, 2, 3}));
            QVERIFY(p.leader >= 1);
            QCOMPARE(p.highWatermark, 0);
        }

        const Error duplicate = client.createTopic({name, 3, 3});
        QCOMPARE(duplicate.code, RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
        QCOMPARE(duplicate.message, QStringLiteral("Topic '%1' already exists.").arg(name));

        const QString tooMany = TestCluster::name(QStringLiteral("rf4"));
        const Error rf = client.createTopic({tooMany, 1, 4});
        QCOMPARE(rf.code, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);
        QVERIFY2(rf.message.startsWith(QStringLiteral("Cannot create topic '%1': ").arg(tooMany)), qPrintable(rf.message));
        QVERIFY2(rf.message.contains(QLatin1String("3")) && rf.message.contains(QLatin1String("4")), qPrintable(rf.message));
        QVERIFY(!client.fetchMetadata().value().topic(tooMany));
    }

    // ListConsumerGroups / DescribeConsumerGroups / ListConsumerGroupOffsets.
    // The sandbox answers none, and says so at once. On a real cluster a
    // group consumed by kcat shows its state, member (client id, host), its
    // assignment, committed offsets and lag; once kcat leaves, Empty with its lag.
    void adminGroups()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        const ClusterClient &client = cluster.value()->client();
        auto opened = Connection::open(TestCluster::real() ? ConnectionSpec::bootstrap(TestCluster::realBootstrap())
                                                           : ConnectionSpec::sandbox(1));
        QVERIFY(opened.ok());
        if (!TestCluster::real()) {
            QElapsedTimer timer;
            timer.start();
            const auto groups = client.describeGroups(std::chrono::seconds(3));
            QVERIFY(!groups.ok());
            QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(groups.error().code, RD_KAFKA_RESP_ERR__FAIL);
            // The mock does not support ListGroups (librdkafka 2.0.2).
            QCOMPARE(groups.error().message,
                     QStringLiteral("Cannot list the consumer groups: Local: Required feature not supported by broker"));
            // The connection knows it is the sandbox: it asks only for the
            // offsets of the groups it is told of (here none).
            auto viaConnection = opened.value()->describeGroups({});
            viaConnection.waitForFinished();
            QVERIFY(viaConnection.result().ok());
            QVERIFY(viaConnection.result().value().isEmpty());
            return;
        }

        const QString topic = TestCluster::name(QStringLiteral("grouped"));
        const QString groupId = TestCluster::name(QStringLiteral("kcat-group"));
        QVERIFY(!cluster.value()->createTopic({topic, 2, 3}));
        QVERIFY(testsupport::produceLines(cluster.value()->bootstrapServers(), topic, 0, 30));
        QVERIFY(testsupport::produceLines(cluster.value()->bootstrapServers(), topic, 1, 20));

        QProcess kcat;
        kcat.start(testsupport::kcatPath(),
                   {QStringLiteral("-b"), cluster.value()->bootstrapServers(), QStringLiteral("-G"), groupId, topic,
                    QStringLiteral("-q"), QStringLiteral("-X"), QStringLiteral("client.id=kcat-member"),
                    QStringLiteral("-X"), QStringLiteral("auto.commit.interval.ms=100"), QStringLiteral("-o"),
                    QStringLiteral("beginning")});
        QVERIFY(kcat.waitForStarted());
        const auto group = [&]() -> std::optional<GroupInfo> {
            auto groups = opened.value()->describeGroups({});
            groups.waitForFinished();
            if (!groups.result().ok())
                return std::nullopt;
            const GroupInfo *found = findGroup(groups.result().value(), groupId);
            return found ? std::optional<GroupInfo>(*found) : std::nullopt;
        };
        const auto committed = [](const GroupInfo &g) {
            qint64 sum = 0;
            for (const PartitionProgress &p : g.offsets)
                sum += p.committed;
            return g.offsets.size() == 2 ? sum : -1;
        };
        // kcat has read everything and committed it: lag 0 on each partition.
        QTRY_VERIFY_WITH_TIMEOUT(group() && group()->state == QLatin1String("Stable") && committed(*group()) == 50, 30000);
        GroupInfo stable = *group();
        QCOMPARE(stable.members.size(), 1);
        QCOMPARE(stable.members[0].clientId, QStringLiteral("kcat-member"));
        QVERIFY2(stable.members[0].host.contains(QLatin1String("127.0.0.1")), qPrintable(stable.members[0].host));
        QCOMPARE(QSet<TopicPartition>(stable.members[0].partitions.cbegin(), stable.members[0].partitions.cend()),
                 (QSet<TopicPartition>{{topic, 0}, {topic, 1}}));
        for (const PartitionProgress &p : stable.offsets) {
            QCOMPARE(p.highWatermark, p.partition.partition == 0 ? 30 : 20);
            QCOMPARE(p.committed, p.highWatermark);
            QCOMPARE(p.lag(), 0);
        }

        // kcat leaves (SIGTERM: it closes its consumer); then more arrives.
        kcat.terminate();
        QVERIFY(kcat.waitForFinished(15000));
        QVERIFY(testsupport::produceLines(cluster.value()->bootstrapServers(), topic, 1, 7));
        QTRY_VERIFY_WITH_TIMEOUT(group() && group()->state == QLatin1String("Empty"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(group()->offsets.size() == 2 && group()->offsets[0].highWatermark
                                         + group()->offsets[1].highWatermark == 57, 10000);
        const GroupInfo empty = *group();
        QVERIFY(empty.members.isEmpty());
        for (const PartitionProgress &p : empty.offsets) {
            QCOMPARE(p.committed, p.partition.partition == 0 ? 30 : 20);
            QCOMPARE(p.lag(), p.partition.partition == 0 ? 0 : 7);
        }
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
