#include "clusterclient.h"

#include "metadatarequest.h"

#include <QMap>

#include <algorithm>

namespace kafka {

namespace {
QList<int> toList(const int32_t *ids, int count)
{
    return QList<int>(ids, ids + count);
}

// ListOffsets for `partitions` at `which` (RD_KAFKA_OFFSET_BEGINNING or _END).
// rd_kafka_offsets_for_times takes these two as timestamps and, unlike
// rd_kafka_query_watermark_offsets before librdkafka 2.3 (issue #2588, which
// blocks while the leader is down), honours its timeout.
Result<QList<qint64>> listOffsets(rd_kafka_t *rk, const QByteArray &topic, const QList<PartitionInfo *> &partitions,
                                  int64_t which, std::chrono::milliseconds timeout)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const PartitionInfo *partition : partitions)
        rd_kafka_topic_partition_list_add(list.get(), topic.constData(), partition->id)->offset = which;
    if (const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, list.get(), int(timeout.count())))
        return Error{err, QString::fromUtf8(rd_kafka_err2str(err))};
    QList<qint64> offsets;
    for (int i = 0; i < list->cnt; ++i) {
        if (list->elems[i].err)
            return Error{list->elems[i].err, QString::fromUtf8(rd_kafka_err2str(list->elems[i].err))};
        offsets.append(list->elems[i].offset);
    }
    return offsets;
}

TopicInfo toTopicInfo(const rd_kafka_metadata_topic &topic)
{
    TopicInfo info;
    info.name = QString::fromUtf8(topic.topic);
    if (topic.err)
        info.error = QString::fromUtf8(rd_kafka_err2str(topic.err));
    for (int i = 0; i < topic.partition_cnt; ++i) {
        const auto &p = topic.partitions[i];
        PartitionInfo partition;
        partition.id = p.id;
        partition.leader = p.leader;
        partition.replicas = toList(p.replicas, p.replica_cnt);
        partition.inSyncReplicas = toList(p.isrs, p.isr_cnt);
        info.partitions.append(partition);
    }
    std::sort(info.partitions.begin(), info.partitions.end(),
              [](const PartitionInfo &a, const PartitionInfo &b) { return a.id < b.id; });
    return info;
}
} // namespace

Result<std::unique_ptr<ClusterClient>> ClusterClient::create(const ClientConfig &config)
{
    auto conf = config.build();
    if (!conf.ok())
        return conf.error();
    auto handle = createHandle(RD_KAFKA_PRODUCER, std::move(conf).value(), QStringLiteral("a client"));
    if (!handle.ok())
        return handle.error();
    return std::unique_ptr<ClusterClient>(new ClusterClient(std::move(handle).value(), config.bootstrapServers));
}

ClusterClient::ClusterClient(HandlePtr handle, QString bootstrapServers)
    : m_handle(std::move(handle)), m_bootstrapServers(std::move(bootstrapServers))
{
}

Result<ClusterMetadata> ClusterClient::fetchMetadata(Timeout timeout) const
{
    // all_topics: asking for one topic by name would let the broker
    // auto-create it, and a browser must never create what it looks at.
    auto reply = requestMetadata(m_handle.get(), true, timeout, m_bootstrapServers);
    if (!reply.ok())
        return reply.error();
    const MetadataPtr metadata = std::move(reply).value();

    ClusterMetadata result;
    result.originBrokerId = metadata->orig_broker_id;
    for (int i = 0; i < metadata->broker_cnt; ++i) {
        const auto &b = metadata->brokers[i];
        result.brokers.append({b.id, QString::fromUtf8(b.host), b.port});
    }
    std::sort(result.brokers.begin(), result.brokers.end(),
              [](const BrokerInfo &a, const BrokerInfo &b) { return a.id < b.id; });
    for (int i = 0; i < metadata->topic_cnt; ++i)
        result.topics.append(toTopicInfo(metadata->topics[i]));
    std::sort(result.topics.begin(), result.topics.end(),
              [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return result;
}

Result<TopicInfo> ClusterClient::fetchTopic(const QString &name, Timeout timeout) const
{
    auto metadata = fetchMetadata(timeout);
    if (!metadata.ok())
        return metadata.error();
    const TopicInfo *found = metadata.value().topic(name);
    if (!found)
        return Error{RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, QStringLiteral("Topic '%1' does not exist.").arg(name)};

    TopicInfo topic = *found;
    fetchWatermarks(topic, std::min(timeout, WatermarkTimeout));
    return topic;
}

void ClusterClient::fetchWatermarks(TopicInfo &topic, Timeout timeout) const
{
    // One request per leader, so that a broker that is down only blanks the
    // partitions it leads.
    QMap<int, QList<PartitionInfo *>> byLeader;
    for (PartitionInfo &partition : topic.partitions) {
        if (partition.leader < 0)
            partition.watermarkError = QStringLiteral("Partition has no leader");
        else
            byLeader[partition.leader].append(&partition);
    }
    const QByteArray topicName = topic.name.toUtf8();
    for (const QList<PartitionInfo *> &partitions : std::as_const(byLeader)) {
        auto high = listOffsets(m_handle.get(), topicName, partitions, RD_KAFKA_OFFSET_END, timeout);
        auto low = high.ok() ? listOffsets(m_handle.get(), topicName, partitions, RD_KAFKA_OFFSET_BEGINNING, timeout)
                             : high;
        for (qsizetype i = 0; i < partitions.size(); ++i) {
            if (!low.ok()) {
                partitions[i]->watermarkError = low.error().message;
                continue;
            }
            partitions[i]->lowWatermark = low.value()[i];
            partitions[i]->highWatermark = high.value()[i];
        }
    }
}

Error ClusterClient::createTopic(const TopicSpec &spec, Timeout timeout) const
{
    if (auto err = spec.validate())
        return err;
    char errstr[512];
    NewTopicPtr newTopic(rd_kafka_NewTopic_new(spec.name.toUtf8().constData(), spec.partitions,
                                               spec.replicationFactor, errstr, sizeof errstr));
    if (!newTopic)
        return Error::invalid(QString::fromUtf8(errstr));

    AdminOptionsPtr options(rd_kafka_AdminOptions_new(m_handle.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_request_timeout(options.get(), int(timeout.count()), errstr, sizeof errstr);
    QueuePtr queue(rd_kafka_queue_new(m_handle.get()));
    rd_kafka_NewTopic_t *topics[] = {newTopic.get()};
    rd_kafka_CreateTopics(m_handle.get(), topics, 1, options.get(), queue.get());

    // The request timeout above bounds the wait; the margin covers queueing.
    EventPtr event(rd_kafka_queue_poll(queue.get(), int(timeout.count()) + 2000));
    if (!event)
        return cannotReach(m_bootstrapServers, RD_KAFKA_RESP_ERR__TIMED_OUT);
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get()))
        return {err, QStringLiteral("Cannot create topic '%1': %2")
                         .arg(spec.name, QString::fromUtf8(rd_kafka_event_error_string(event.get())))};
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            return {err, QStringLiteral("Topic '%1' already exists.").arg(spec.name)};
        if (err) {
            const char *why = rd_kafka_topic_result_error_string(results[i]);
            return {err, QStringLiteral("Cannot create topic '%1': %2")
                             .arg(spec.name, QString::fromUtf8(why ? why : rd_kafka_err2str(err)))};
        }
    }
    return {};
}

} // namespace kafka
