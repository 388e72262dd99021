#include "sandbox.h"

#include <vector>

#include "clientconfig.h"
#include "logging.h"

namespace kafka {

Result<std::unique_ptr<Sandbox>> Sandbox::start(int brokerCount)
{
    if (brokerCount < MinBrokers || brokerCount > MaxBrokers)
        return Error::invalid(QStringLiteral("The sandbox runs %1 to %2 brokers, not %3.")
                                  .arg(MinBrokers)
                                  .arg(MaxBrokers)
                                  .arg(brokerCount));
    // The mock cluster needs a host client for its bookkeeping; it never
    // connects anywhere, so its logs (e.g. "no bootstrap.servers") are noise.
    ConfPtr conf(rd_kafka_conf_new());
    installLogger(conf.get());
    auto host = createHandle(RD_KAFKA_PRODUCER, std::move(conf), QStringLiteral("the sandbox's host client"));
    if (!host.ok())
        return host.error();
    rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(host.value().get(), brokerCount);
    if (!cluster)
        return Error::invalid(QStringLiteral("Cannot start the sandbox: no free ports on 127.0.0.1?"));
    return std::unique_ptr<Sandbox>(new Sandbox(std::move(host).value(), cluster, brokerCount));
}

Sandbox::Sandbox(HandlePtr host, rd_kafka_mock_cluster_t *cluster, int brokerCount)
    : m_host(std::move(host)), m_cluster(cluster), m_brokerCount(brokerCount)
{
}

Sandbox::~Sandbox() = default;

QString Sandbox::bootstrapServers() const
{
    return QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_cluster.get()));
}

QString Sandbox::replicaNote() const
{
    return QStringLiteral("The sandbox keeps a replica of every partition on each of its %1 brokers, "
                          "whatever the replication factor.")
        .arg(m_brokerCount);
}

Error Sandbox::checkTopic(const TopicSpec &spec, int brokerCount)
{
    if (auto err = spec.validate())
        return err;
    if (spec.partitions > MaxPartitions)
        return Error::invalid(QStringLiteral("The sandbox takes at most %1 partitions per topic; '%2' asks for %3.")
                                  .arg(MaxPartitions)
                                  .arg(spec.name)
                                  .arg(spec.partitions));
    // rd_kafka_mock_topic_create (2.0.2) takes no configs, and the mock
    // answers no DescribeConfigs: a config asked for could not be applied,
    // nor seen, so it is refused rather than dropped.
    if (!spec.configs.isEmpty())
        return Error::invalid(QStringLiteral("The sandbox (librdkafka's mock cluster) cannot set topic configs (here "
                                             "'%1'): create '%2' without them, or on a real Kafka cluster.")
                                  .arg(spec.configs.first().first, spec.name));
    if (spec.replicationFactor > brokerCount)
        return Error::invalid(QStringLiteral("Replication factor %1 needs at least %1 brokers; the sandbox has %2.")
                                  .arg(spec.replicationFactor)
                                  .arg(brokerCount));
    return {};
}

Error Sandbox::createTopic(const TopicSpec &spec)
{
    if (auto err = checkTopic(spec, m_brokerCount))
        return err;
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(m_cluster.get(), spec.name.toUtf8().constData(),
                                                               spec.partitions, spec.replicationFactor);
    if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        return {err, QStringLiteral("Topic '%1' already exists.").arg(spec.name)};
    if (err)
        return Error::fromKafka(err, QStringLiteral("Cannot create topic '%1'").arg(spec.name));
    return {};
}

void Sandbox::failNextRequests(ApiKey request, int count, rd_kafka_resp_err_t error)
{
    const std::vector<rd_kafka_resp_err_t> errors(size_t(count), error);
    rd_kafka_mock_push_request_errors_array(m_cluster.get(), int16_t(request), errors.size(), errors.data());
}

Error Sandbox::setBrokerDown(int brokerId, bool down)
{
    const rd_kafka_resp_err_t err = down ? rd_kafka_mock_broker_set_down(m_cluster.get(), brokerId)
                                         : rd_kafka_mock_broker_set_up(m_cluster.get(), brokerId);
    if (err)
        return Error::fromKafka(err, QStringLiteral("Broker %1").arg(brokerId));
    return {};
}

Error Sandbox::setBrokerRtt(int brokerId, int rttMs)
{
    if (const rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_rtt(m_cluster.get(), brokerId, rttMs))
        return Error::fromKafka(err, QStringLiteral("Broker %1").arg(brokerId));
    return {};
}

Error Sandbox::setGroupCoordinator(const QString &groupId, int brokerId)
{
    if (const rd_kafka_resp_err_t err =
            rd_kafka_mock_coordinator_set(m_cluster.get(), "group", groupId.toUtf8().constData(), brokerId))
        return Error::fromKafka(err, QStringLiteral("Group %1").arg(groupId));
    return {};
}

Error Sandbox::setPartitionLeader(const QString &topic, int partition, int brokerId)
{
    if (const rd_kafka_resp_err_t err =
            rd_kafka_mock_partition_set_leader(m_cluster.get(), topic.toUtf8().constData(), partition, brokerId))
        return Error::fromKafka(err, QStringLiteral("%1[%2]").arg(topic).arg(partition));
    return {};
}

Error Sandbox::setApiVersions(ApiKey request, int minVersion, int maxVersion)
{
    if (const rd_kafka_resp_err_t err = rd_kafka_mock_set_apiversion(m_cluster.get(), int16_t(request),
                                                                     int16_t(minVersion), int16_t(maxVersion)))
        return Error::fromKafka(err, QStringLiteral("API key %1").arg(int(request)));
    return {};
}

} // namespace kafka

namespace kafka {

bool Sandbox::isSandboxClusterId(const QString &clusterId)
{
    // librdkafka's mock names its clusters "mockCluster" and a hex number.
    return clusterId.startsWith(QLatin1String("mockCluster"));
}

Properties Sandbox::groupConsumerProperties()
{
    // 6 s is the least a real broker accepts by default (group.min.session.timeout.ms);
    // heartbeats stay at a third of the session, as librdkafka advises.
    return {{QStringLiteral("session.timeout.ms"), QStringLiteral("6000")},
            {QStringLiteral("heartbeat.interval.ms"), QStringLiteral("2000")}};
}

} // namespace kafka
