// The Admin requests of kafka/topicadmin.h, kafka/configadmin.h and
// kafka/brokeradmin.h. On the sandbox each is refused at once, in words;
// on the real cluster each does what it says, checked with kcat or fresh
// metadata as the other side.

#include "kafka/brokeradmin.h"
#include "kafka/configadmin.h"
#include "kafka/topicadmin.h"

#include "kcat.h"
#include "testcluster.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kafka;
using testsupport::TestCluster;

namespace {

// Asserts that `err` is the sandbox's prompt refusal of `request`.
#define VERIFY_SANDBOX_REFUSAL(err, request, elapsed)                                                              \
    do {                                                                                                           \
        QCOMPARE((err).code, RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE);                                              \
        QVERIFY2((err).message.contains(QLatin1String("the sandbox (librdkafka's mock cluster) does not answer "   \
                                                      request ". Connect to a real Kafka cluster")),               \
                 qPrintable((err).message));                                                                       \
        QVERIFY2((elapsed) < 2000, qPrintable(QString::number(elapsed)));                                          \
    } while (false)

QStringList consumeOffsets(const QString &bootstrap, const QString &topic, int partition)
{
    const auto read = testsupport::kcat({QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
                                         topic, QStringLiteral("-p"), QString::number(partition), QStringLiteral("-e"),
                                         QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%o %s\n")});
    return QString::fromUtf8(read.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

std::optional<QString> overrideOf(const QList<ConfigEntry> &entries, const QString &name)
{
    for (const ConfigEntry &e : entries)
        if (e.name == name && e.source == ConfigEntry::Source::DynamicTopic)
            return e.value;
    return std::nullopt;
}

} // namespace

class TestTopicAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<TestCluster> m_cluster;
    QElapsedTimer m_timer;

    const ClusterClient &client() const { return m_cluster->client(); }

private slots:
    void init()
    {
        auto cluster = TestCluster::start(1);
        QVERIFY2(cluster.ok(), qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
        m_timer.start();
    }
    void cleanup() { m_cluster.reset(); }

    // Created with topic configs, which read back as the topic's overrides;
    // the sandbox refuses configs it cannot apply.
    void createWithConfigs()
    {
        const QString topic = TestCluster::name(QStringLiteral("configured"));
        TopicSpec spec{topic, 2, TestCluster::real() ? 3 : 1,
                       {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                        {QStringLiteral("retention.ms"), QStringLiteral("7200000")}}};
        if (!TestCluster::real()) {
            QCOMPARE(m_cluster->sandbox()->createTopic(spec).message,
                     QStringLiteral("The sandbox (librdkafka's mock cluster) cannot set topic configs (here "
                                    "'cleanup.policy'): create '%1' without them, or on a real Kafka cluster.")
                         .arg(topic));
            const Error viaAdmin = client().createTopic(spec);
            VERIFY_SANDBOX_REFUSAL(viaAdmin, "CreateTopics", m_timer.elapsed());
            return;
        }
        QVERIFY(!m_cluster->createTopic(spec));
        const auto configs = describeConfigs(client(), ConfigResource::topic(topic));
        QVERIFY2(configs.ok(), qPrintable(configs.error().message));
        QCOMPARE(overrideOf(configs.value(), QStringLiteral("cleanup.policy")), QStringLiteral("compact"));
        QCOMPARE(overrideOf(configs.value(), QStringLiteral("retention.ms")), QStringLiteral("7200000"));
        QCOMPARE(overrideOf(configs.value(), QStringLiteral("segment.bytes")), std::nullopt);

        spec.name = TestCluster::name(QStringLiteral("badconfig"));
        spec.configs = {{QStringLiteral("retention.mss"), QStringLiteral("1")}};
        const Error bad = client().createTopic(spec);
        QVERIFY2(bad.message.startsWith(QStringLiteral("Cannot create topic '%1': ").arg(spec.name)), qPrintable(bad.message));
        QVERIFY2(bad.message.contains(QLatin1String("retention.mss")), qPrintable(bad.message));
    }

    // Gone from the metadata as soon as deleteTopic returns (no ghost in a
    // browser that refreshes), and kcat can no longer read it.
    void deleteTopic()
    {
        const QString topic = TestCluster::name(QStringLiteral("doomed"));
        if (!TestCluster::real()) {
            const Error err = kafka::deleteTopic(client(), QStringLiteral("demo"));
            VERIFY_SANDBOX_REFUSAL(err, "DeleteTopics", m_timer.elapsed());
            return;
        }
        QVERIFY(!m_cluster->createTopic({topic, 3, 3}));
        QVERIFY(testsupport::produceLines(m_cluster->bootstrapServers(), topic, 0, 3));
        const Error err = kafka::deleteTopic(client(), topic, std::chrono::seconds(30));
        QVERIFY2(!err, qPrintable(err.message));
        QVERIFY(!client().fetchMetadata().value().topic(topic));

        const Error again = kafka::deleteTopic(client(), topic);
        QCOMPARE(again.code, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        QCOMPARE(again.message, QStringLiteral("Cannot delete topic '%1': the topic does not exist (any more).").arg(topic));
    }

    void addPartitions()
    {
        const QString topic = TestCluster::name(QStringLiteral("growing"));
        if (!TestCluster::real()) {
            const Error err = kafka::addPartitions(client(), QStringLiteral("demo"), 10);
            VERIFY_SANDBOX_REFUSAL(err, "CreatePartitions", m_timer.elapsed());
            return;
        }
        QVERIFY(!m_cluster->createTopic({topic, 2, 3}));
        for (int total : {1, 2}) {
            const Error refused = kafka::addPartitions(client(), topic, total);
            QCOMPARE(refused.message, QStringLiteral("Topic '%1' has 2 partitions; Kafka can only add partitions, so the "
                                                     "new total must be more than 2 (asked: %2).")
                                          .arg(topic)
                                          .arg(total));
        }
        const Error err = kafka::addPartitions(client(), topic, 5, std::chrono::seconds(30));
        QVERIFY2(!err, qPrintable(err.message));
        QCOMPARE(client().fetchMetadata().value().topic(topic)->partitions.size(), 5);
        // The new partition takes messages.
        QVERIFY(testsupport::produceLines(m_cluster->bootstrapServers(), topic, 4, 2));
        QCOMPARE(consumeOffsets(m_cluster->bootstrapServers(), topic, 4).size(), 2);

        QCOMPARE(kafka::addPartitions(client(), TestCluster::name(QStringLiteral("nosuch")), 3).code,
                 RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    }

    // DeleteRecords: one partition before an offset (kcat then reads from
    // there), then every partition whole; bad requests are refused in words.
    void truncate()
    {
        const QString topic = TestCluster::name(QStringLiteral("truncated"));
        if (!TestCluster::real()) {
            const auto result = truncateTopic(client(), {QStringLiteral("demo")});
            QVERIFY(!result.ok());
            VERIFY_SANDBOX_REFUSAL(result.error(), "DeleteRecords", m_timer.elapsed());
            return;
        }
        const QString bootstrap = m_cluster->bootstrapServers();
        QVERIFY(!m_cluster->createTopic({topic, 2, 3}));
        QVERIFY(testsupport::produceLines(bootstrap, topic, 0, 10));
        QVERIFY(testsupport::produceLines(bootstrap, topic, 1, 5));

        auto one = truncateTopic(client(), {topic, 0, 4});
        QVERIFY2(one.ok(), qPrintable(one.error().message));
        QCOMPARE(one.value(), (QList<TruncatedPartition>{{0, 4, {}}}));
        QCOMPARE(consumeOffsets(bootstrap, topic, 0).first(), QStringLiteral("4 message-4"));
        QCOMPARE(consumeOffsets(bootstrap, topic, 1).size(), 5);

        const auto pastEnd = truncateTopic(client(), {topic, 1, 6});
        QVERIFY(!pastEnd.ok());
        QCOMPARE(pastEnd.error().message,
                 QStringLiteral("Partition 1 of topic '%1' ends at offset 5 (its high watermark): records can be deleted "
                                "before an offset up to 5, not 6.")
                     .arg(topic));
        const auto noPartition = truncateTopic(client(), {topic, 7});
        QCOMPARE(noPartition.error().message, QStringLiteral("Topic '%1' has no partition 7 (it has 2).").arg(topic));
        const auto offsetWithoutPartition = truncateTopic(client(), {topic, TruncateSpec::EveryPartition, 3});
        QVERIFY(!offsetWithoutPartition.ok());

        auto all = truncateTopic(client(), {topic});
        QVERIFY2(all.ok(), qPrintable(all.error().message));
        QCOMPARE(all.value(), (QList<TruncatedPartition>{{0, 10, {}}, {1, 5, {}}}));
        QVERIFY(consumeOffsets(bootstrap, topic, 0).isEmpty());
        const auto after = client().fetchTopic(topic);
        QCOMPARE(after.value().partitions[1].lowWatermark, 5);
        QCOMPARE(after.value().partitions[1].highWatermark, 5);
    }

    // librdkafka 2.0.2's AlterConfigs replaces all of a topic's overrides:
    // an edit of one must leave the others as they were. Also shown: what
    // the plan prevents, sending the edited one alone wipes the others.
    void otherOverridesSurviveAnEdit()
    {
        const QString topic = TestCluster::name(QStringLiteral("edited"));
        if (!TestCluster::real()) {
            const auto configs = describeConfigs(client(), ConfigResource::topic(QStringLiteral("demo")));
            QVERIFY(!configs.ok());
            VERIFY_SANDBOX_REFUSAL(configs.error(), "DescribeConfigs", m_timer.elapsed());
            ConfigPlan plan;
            plan.overrides = {{QStringLiteral("retention.ms"), QStringLiteral("1")}};
            const Error applied = applyConfigPlan(client(), ConfigResource::topic(QStringLiteral("demo")), plan);
            VERIFY_SANDBOX_REFUSAL(applied, "AlterConfigs", m_timer.elapsed());
            return;
        }
        QVERIFY(!m_cluster->createTopic({topic, 1, 3,
                                         {{QStringLiteral("cleanup.policy"), QStringLiteral("compact")},
                                          {QStringLiteral("max.message.bytes"), QStringLiteral("500000")}}}));
        const ConfigResource resource = ConfigResource::topic(topic);
        auto before = describeConfigs(client(), resource);
        QVERIFY2(before.ok(), qPrintable(before.error().message));
        auto plan = planConfigChange(resource, before.value(),
                                     {{QStringLiteral("retention.ms"), QStringLiteral("60000")},
                                      {QStringLiteral("max.message.bytes"), std::nullopt}});
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QCOMPARE(plan.value().diff.size(), 2);
        const Error err = applyConfigPlan(client(), resource, plan.value());
        QVERIFY2(!err, qPrintable(err.message));

        auto after = describeConfigs(client(), resource);
        QVERIFY(after.ok());
        QCOMPARE(overrideOf(after.value(), QStringLiteral("cleanup.policy")), QStringLiteral("compact"));
        QCOMPARE(overrideOf(after.value(), QStringLiteral("retention.ms")), QStringLiteral("60000"));
        QCOMPARE(overrideOf(after.value(), QStringLiteral("max.message.bytes")), std::nullopt);

        // Without the plan: one override sent alone, and the others are gone.
        ConfigPlan naive;
        naive.overrides = {{QStringLiteral("retention.ms"), QStringLiteral("120000")}};
        QVERIFY(!applyConfigPlan(client(), resource, naive));
        auto wiped = describeConfigs(client(), resource);
        QCOMPARE(overrideOf(wiped.value(), QStringLiteral("cleanup.policy")), std::nullopt);
    }

    // A broker's sensitive override cannot be read back, so an edit of its
    // other overrides is refused instead of wiping it; removing it too is
    // allowed. Broker 3 of the shared cluster, with a listener name of this
    // test's own; this is the only test that edits broker configs.
    void sensitiveBrokerOverrideRefusesAnEdit()
    {
        if (!TestCluster::real()) {
            const auto configs = describeConfigs(client(), ConfigResource::broker(1));
            VERIFY_SANDBOX_REFUSAL(configs.error(), "DescribeConfigs", m_timer.elapsed());
            return;
        }
        const ConfigResource broker = ConfigResource::broker(3);
        const QString secret = QStringLiteral("listener.name.test%1.ssl.key.password").arg(QCoreApplication::applicationPid());
        const auto current = [&] {
            auto configs = describeConfigs(client(), broker);
            return configs.ok() ? configs.value() : QList<ConfigEntry>{};
        };
        auto set = planConfigChange(broker, current(), {{secret, QStringLiteral("s3cret")}});
        QVERIFY2(set.ok(), qPrintable(set.error().message));
        QVERIFY2(!applyConfigPlan(client(), broker, set.value()), "setting the sensitive override");

        const auto entries = current();
        const auto found = std::find_if(entries.cbegin(), entries.cend(), [&](const ConfigEntry &e) { return e.name == secret; });
        QVERIFY(found != entries.cend());
        QVERIFY(found->sensitive);
        QCOMPARE(found->value, std::nullopt);
        QCOMPARE(found->source, ConfigEntry::Source::DynamicBroker);
        QCOMPARE(found->displayValue(), QStringLiteral("(sensitive, not shown)"));

        const auto refused = planConfigChange(broker, entries, {{QStringLiteral("log.cleaner.backoff.ms"), QStringLiteral("15001")}});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("its override of '%1' is sensitive").arg(secret)),
                 qPrintable(refused.error().message));

        auto removed = planConfigChange(broker, entries, {{secret, std::nullopt}});
        QVERIFY(removed.ok());
        QVERIFY(!applyConfigPlan(client(), broker, removed.value()));
        const auto left = current();
        QVERIFY(std::none_of(left.cbegin(), left.cend(), [&](const ConfigEntry &e) { return e.name == secret; }));
    }

    // Brokers with their address, rack (none set on the test cluster) and
    // the controller; on the sandbox the racks are unknown and say why.
    void brokers()
    {
        const auto list = describeBrokers(client());
        QVERIFY2(list.ok(), qPrintable(list.error().message));
        const QList<BrokerDetails> &brokers = list.value().brokers;
        if (!TestCluster::real()) {
            QCOMPARE(brokers.size(), 1);
            QCOMPARE(brokers[0].rack, std::nullopt);
            QVERIFY2(brokers[0].rackError.contains(QLatin1String("does not answer DescribeConfigs")),
                     qPrintable(brokers[0].rackError));
            QVERIFY2(m_timer.elapsed() < 2000, qPrintable(QString::number(m_timer.elapsed())));
            // The mock names no broker of its as the controller.
            QCOMPARE(list.value().controllerId, -1);
            QVERIFY(!brokers[0].controller);
            return;
        }
        QCOMPARE(brokers.size(), 3);
        int controllers = 0;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(brokers[i].broker.id, i + 1);
            QCOMPARE(brokers[i].broker.address(),
                     QStringLiteral("127.0.0.1:%1").arg(qEnvironmentVariableIntValue("KAFKADESK_TEST_KAFKA_PORT_BASE") + i));
            QCOMPARE(brokers[i].rack, QString());
            controllers += brokers[i].controller ? 1 : 0;
        }
        QCOMPARE(controllers, 1);
        QVERIFY(list.value().controllerId >= 1 && list.value().controllerId <= 3);
    }
};

QTEST_GUILESS_MAIN(TestTopicAdmin)
#include "test_topicadmin.moc"
