#include "sandbox.h"

#include <QMutexLocker>

#include <algorithm>
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

Error Sandbox::failNextRequests(int brokerId, ApiKey request, int count, rd_kafka_resp_err_t error)
{
    if (brokerId < 1 || brokerId > m_brokerCount)
        return Error::invalid(QStringLiteral("The sandbox has brokers 1 to %1, not %2.").arg(m_brokerCount).arg(brokerId));
    if (count < 1 || count > MaxFailures)
        return Error::invalid(QStringLiteral("Fail 1 to %1 requests, not %2.").arg(MaxFailures).arg(count));
    // The call takes (error, delay) pairs as variable arguments: one at a time.
    for (int i = 0; i < count; ++i)
        if (const rd_kafka_resp_err_t err =
                rd_kafka_mock_broker_push_request_error_rtts(m_cluster.get(), brokerId, int16_t(request), 1, error, 0))
            return Error::fromKafka(err, QStringLiteral("Broker %1").arg(brokerId));
    return {};
}

QString Sandbox::apiKeyName(ApiKey request)
{
    switch (request) {
    case ApiKey::Produce: return QStringLiteral("Produce");
    case ApiKey::Fetch: return QStringLiteral("Fetch");
    case ApiKey::ListOffsets: return QStringLiteral("ListOffsets");
    case ApiKey::OffsetCommit: return QStringLiteral("OffsetCommit");
    case ApiKey::OffsetFetch: return QStringLiteral("OffsetFetch");
    case ApiKey::FindCoordinator: return QStringLiteral("FindCoordinator");
    case ApiKey::JoinGroup: return QStringLiteral("JoinGroup");
    case ApiKey::Heartbeat: return QStringLiteral("Heartbeat");
    case ApiKey::SyncGroup: return QStringLiteral("SyncGroup");
    case ApiKey::InitProducerId: return QStringLiteral("InitProducerId");
    }
    return QStringLiteral("API key %1").arg(int(request));
}

Error Sandbox::setBrokerDown(int brokerId, bool down)
{
    if (brokerId < 1 || brokerId > m_brokerCount)
        return Error::invalid(QStringLiteral("The sandbox has brokers 1 to %1, not %2.").arg(m_brokerCount).arg(brokerId));
    const rd_kafka_resp_err_t err = down ? rd_kafka_mock_broker_set_down(m_cluster.get(), brokerId)
                                         : rd_kafka_mock_broker_set_up(m_cluster.get(), brokerId);
    if (err)
        return Error::fromKafka(err, QStringLiteral("Broker %1").arg(brokerId));
    const QMutexLocker lock(&m_stateLock);
    if (down)
        m_down.insert(brokerId);
    else
        m_down.remove(brokerId);
    return {};
}

QList<int> Sandbox::downBrokers() const
{
    const QMutexLocker lock(&m_stateLock);
    QList<int> ids(m_down.cbegin(), m_down.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool Sandbox::isBrokerDown(int brokerId) const
{
    const QMutexLocker lock(&m_stateLock);
    return m_down.contains(brokerId);
}

Error Sandbox::setBrokerRtt(int brokerId, int rttMs)
{
    if (rttMs < 0 || rttMs > MaxRttMs)
        return Error::invalid(QStringLiteral("A delay of 0 to %1 ms, not %2.").arg(MaxRttMs).arg(rttMs));
    if (const rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_rtt(m_cluster.get(), brokerId, rttMs))
        return Error::fromKafka(err, QStringLiteral("Broker %1").arg(brokerId));
    const QMutexLocker lock(&m_stateLock);
    if (rttMs == 0)
        m_rttMs.remove(brokerId);
    else
        m_rttMs[brokerId] = rttMs;
    return {};
}

int Sandbox::brokerRtt(int brokerId) const
{
    const QMutexLocker lock(&m_stateLock);
    return m_rttMs.value(brokerId);
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

QList<Sandbox::LeaderMove> Sandbox::planLeaderElection(const QList<TopicInfo> &topics) const
{
    const QMutexLocker lock(&m_stateLock);
    QList<LeaderMove> moves;
    for (const TopicInfo &topic : topics)
        for (const PartitionInfo &p : topic.partitions) {
            if (p.leader < 0 || !m_down.contains(p.leader))
                continue;
            const auto live = std::find_if(p.replicas.cbegin(), p.replicas.cend(),
                                           [this](int replica) { return !m_down.contains(replica); });
            if (live != p.replicas.cend())
                moves.append({topic.name, p.id, p.leader, *live});
        }
    return moves;
}

QList<Sandbox::LeaderMove> Sandbox::planLeadersBack(const QList<TopicInfo> &topics) const
{
    const QMutexLocker lock(&m_stateLock);
    QList<LeaderMove> moves;
    for (const TopicInfo &topic : topics)
        for (const PartitionInfo &p : topic.partitions) {
            const auto it = m_electedAway.constFind({topic.name, p.id});
            if (it == m_electedAway.cend())
                continue;
            const auto [original, holder] = it.value();
            if (!m_down.contains(original) && p.leader == holder)
                moves.append({topic.name, p.id, p.leader, original});
        }
    return moves;
}

Error Sandbox::moveLeaders(const QList<LeaderMove> &moves)
{
    for (const LeaderMove &move : moves) {
        if (auto err = setPartitionLeader(move.topic, move.partition, move.to))
            return err;
        const QMutexLocker lock(&m_stateLock);
        const QPair<QString, int> key{move.topic, move.partition};
        const auto it = m_electedAway.constFind(key);
        if (m_down.contains(move.from)) // an election: remember whose it was first
            m_electedAway[key] = {it == m_electedAway.cend() ? move.from : it.value().first, move.to};
        else // given back, or moved by hand: nothing to give back any more
            m_electedAway.remove(key);
    }
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
