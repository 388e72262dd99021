#include "topicadmin.h"

#include "adminrequest.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>
#include <functional>

namespace kafka {

namespace {

using Timeout = ClusterClient::Timeout;

// The topic's result of a CreateTopics-like answer (DeleteTopics,
// CreatePartitions), as an Error.
Error topicResultError(const rd_kafka_topic_result_t **results, size_t count, const QString &what)
{
    for (size_t i = 0; i < count; ++i)
        if (const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i])) {
            if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                return {err, QStringLiteral("Cannot %1: the topic does not exist (any more).").arg(what)};
            return adminItemError(err, rd_kafka_topic_result_error_string(results[i]), what);
        }
    return {};
}

} // namespace

Error deleteTopic(const ClusterClient &client, const QString &topic, Timeout timeout)
{
    const QString what = QStringLiteral("delete topic '%1'").arg(topic);
    if (topic.isEmpty())
        return Error::invalid(QStringLiteral("Name the topic to delete."));
    const QDeadlineTimer deadline(timeout);
    if (auto err = refuseOnSandbox(client, "DeleteTopics", what, timeout))
        return err;

    DeleteTopicPtr request(rd_kafka_DeleteTopic_new(topic.toUtf8().constData()));
    AdminOptionsPtr options = adminOptions(client, RD_KAFKA_ADMIN_OP_DELETETOPICS, timeout, true);
    QueuePtr queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_DeleteTopic_t *requests[] = {request.get()};
    rd_kafka_DeleteTopics(client.handle(), requests, 1, options.get(), queue.get());
    auto event = client.awaitAdmin(queue.get(), timeout, what);
    if (!event.ok())
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event.value().get()), &count);
    if (auto err = topicResultError(results, count, what))
        return err;
    client.waitUntilMetadataAgrees(deadline, [&](const ClusterMetadata &m) { return !m.topic(topic); });
    return {};
}

Error addPartitions(const ClusterClient &client, const QString &topic, int newTotal, Timeout timeout)
{
    const QString what = QStringLiteral("add partitions to topic '%1'").arg(topic);
    const QDeadlineTimer deadline(timeout);
    if (auto err = refuseOnSandbox(client, "CreatePartitions", what, timeout))
        return err;
    auto metadata = client.fetchMetadata(ClusterClient::timeLeft(deadline));
    if (!metadata.ok())
        return metadata.error();
    const TopicInfo *current = metadata.value().topic(topic);
    if (!current)
        return {RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, QStringLiteral("Topic '%1' does not exist.").arg(topic)};
    const int currentCount = int(current->partitions.size());
    if (newTotal <= currentCount)
        return Error::invalid(QStringLiteral("Topic '%1' has %2 partitions; Kafka can only add partitions, so the new "
                                             "total must be more than %2 (asked: %3).")
                                  .arg(topic)
                                  .arg(currentCount)
                                  .arg(newTotal));

    char errstr[512];
    NewPartitionsPtr request(
        rd_kafka_NewPartitions_new(topic.toUtf8().constData(), size_t(newTotal), errstr, sizeof errstr));
    if (!request)
        return Error::invalid(QStringLiteral("Cannot %1: %2").arg(what, QString::fromUtf8(errstr)));
    AdminOptionsPtr options = adminOptions(client, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, ClusterClient::timeLeft(deadline), true);
    QueuePtr queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_NewPartitions_t *requests[] = {request.get()};
    rd_kafka_CreatePartitions(client.handle(), requests, 1, options.get(), queue.get());
    auto event = client.awaitAdmin(queue.get(), ClusterClient::timeLeft(deadline), what);
    if (!event.ok())
        return event.error();
    size_t count = 0;
    const rd_kafka_topic_result_t **results =
        rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(event.value().get()), &count);
    if (auto err = topicResultError(results, count, what))
        return err;
    client.waitUntilMetadataAgrees(deadline, [&](const ClusterMetadata &m) {
        const TopicInfo *t = m.topic(topic);
        return t && t->partitions.size() == newTotal
               && std::all_of(t->partitions.cbegin(), t->partitions.cend(),
                              [](const PartitionInfo &p) { return p.leader >= 0; });
    });
    return {};
}

Result<QList<TruncatedPartition>> truncateTopic(const ClusterClient &client, const TruncateSpec &spec, Timeout timeout)
{
    const QString what = QStringLiteral("truncate topic '%1'").arg(spec.topic);
    if (spec.partition == TruncateSpec::EveryPartition && spec.beforeOffset != TruncateSpec::HighWatermark)
        return Error::invalid(QStringLiteral("An offset to truncate before needs a partition: each partition has "
                                             "offsets of its own."));
    if (spec.beforeOffset < TruncateSpec::HighWatermark)
        return Error::invalid(QStringLiteral("Offset %1 is not an offset (0 or more).").arg(spec.beforeOffset));
    const QDeadlineTimer deadline(timeout);
    if (auto err = refuseOnSandbox(client, "DeleteRecords", what, timeout))
        return err;
    auto topic = client.fetchTopic(spec.topic, ClusterClient::timeLeft(deadline));
    if (!topic.ok())
        return topic.error();

    PartitionListPtr offsets(rd_kafka_topic_partition_list_new(int(topic.value().partitions.size())));
    const QByteArray name = spec.topic.toUtf8();
    bool found = false;
    for (const PartitionInfo &p : topic.value().partitions) {
        if (spec.partition != TruncateSpec::EveryPartition && p.id != spec.partition)
            continue;
        found = true;
        // Checked here, where the partition's end is known, so the user reads
        // the numbers rather than Kafka's OFFSET_OUT_OF_RANGE.
        if (spec.beforeOffset != TruncateSpec::HighWatermark && p.hasWatermarks() && spec.beforeOffset > p.highWatermark)
            return Error::invalid(QStringLiteral("Partition %1 of topic '%2' ends at offset %3 (its high watermark): "
                                                 "records can be deleted before an offset up to %3, not %4.")
                                      .arg(p.id)
                                      .arg(spec.topic)
                                      .arg(p.highWatermark)
                                      .arg(spec.beforeOffset));
        rd_kafka_topic_partition_list_add(offsets.get(), name.constData(), p.id)->offset =
            spec.beforeOffset == TruncateSpec::HighWatermark ? RD_KAFKA_OFFSET_END : spec.beforeOffset;
    }
    if (!found)
        return Error::invalid(QStringLiteral("Topic '%1' has no partition %2 (it has %3).")
                                  .arg(spec.topic)
                                  .arg(spec.partition)
                                  .arg(topic.value().partitions.size()));

    DeleteRecordsPtr request(rd_kafka_DeleteRecords_new(offsets.get()));
    AdminOptionsPtr options = adminOptions(client, RD_KAFKA_ADMIN_OP_DELETERECORDS, ClusterClient::timeLeft(deadline), true);
    QueuePtr queue(rd_kafka_queue_new(client.handle()));
    rd_kafka_DeleteRecords_t *requests[] = {request.get()};
    rd_kafka_DeleteRecords(client.handle(), requests, 1, options.get(), queue.get());
    auto event = client.awaitAdmin(queue.get(), ClusterClient::timeLeft(deadline), what);
    if (!event.ok())
        return event.error();
    const rd_kafka_topic_partition_list_t *result =
        rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(event.value().get()));
    QList<TruncatedPartition> truncated;
    for (int i = 0; result && i < result->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = result->elems[i];
        TruncatedPartition partition;
        partition.partition = int(e.partition);
        if (e.err)
            partition.error = QString::fromUtf8(rd_kafka_err2str(e.err));
        else
            partition.lowWatermark = e.offset;
        truncated.append(partition);
    }
    std::sort(truncated.begin(), truncated.end(),
              [](const TruncatedPartition &a, const TruncatedPartition &b) { return a.partition < b.partition; });
    return truncated;
}

} // namespace kafka
