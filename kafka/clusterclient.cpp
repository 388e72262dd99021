#include "clusterclient.h"

#include "metadatarequest.h"

#include <QDeadlineTimer>
#include <QMap>
#include <QThread>

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
    const QDeadlineTimer deadline(timeout);
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
        return cannotReach(m_bootstrapServers, RD_KAFKA_RESP_ERR__TIMED_OUT, m_handle.get());
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
    waitUntilServed(spec, deadline);
    return {};
}

void ClusterClient::waitUntilServed(const TopicSpec &spec, QDeadlineTimer deadline) const
{
    // A real cluster answers CreateTopics once its controller has the topic;
    // the brokers learn of it, and the new leaders start serving it, a
    // moment later. Until then a metadata request may not list it, or its
    // watermarks cannot be read, and the browser would show a topic that
    // "does not exist" or has unknown offsets. Creation succeeded either
    // way, so running out of time is fine.
    while (!deadline.hasExpired()) {
        auto topic = fetchTopic(spec.name, Timeout(std::max<qint64>(1, deadline.remainingTime())));
        if (topic.ok() && topic.value().partitions.size() == spec.partitions
            && std::all_of(topic.value().partitions.cbegin(), topic.value().partitions.cend(),
                           [](const PartitionInfo &p) { return p.leader >= 0 && p.hasWatermarks(); }))
            return;
        QThread::msleep(50);
    }
}

Result<EventPtr> ClusterClient::awaitAdmin(rd_kafka_queue_t *queue, Timeout timeout, const QString &what) const
{
    // The margin covers queueing.
    EventPtr event(rd_kafka_queue_poll(queue, int(timeout.count()) + 2000));
    if (!event)
        return cannotReach(m_bootstrapServers, RD_KAFKA_RESP_ERR__TIMED_OUT, m_handle.get());
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get()))
        return Error{err, QStringLiteral("Cannot %1: %2").arg(what, QString::fromUtf8(rd_kafka_event_error_string(event.get())))};
    return event;
}

Result<QList<GroupInfo>> ClusterClient::describeGroups(Timeout timeout) const
{
    char errstr[512];
    // librdkafka 2.0.2 gives a group request's coordinator lookup the same
    // deadline as the request itself. When both expire together (a
    // coordinator that does not answer) their callbacks race and can abort
    // the process (rd_kafka_enq_once_del_source_return; librdkafka issues
    // 3663 and 4605; seen here with a broker killed or paused under the
    // Groups tab). So the requests live well past socket.timeout.ms (60 s),
    // where a silent broker fails them the ordinary way, and this call stops
    // waiting for them after `timeout` as before; a late answer goes to a
    // queue that is gone by then, and is dropped.
    constexpr int RequestLifetimeMs = 300000;
    const auto options = [&](rd_kafka_admin_op_t op) {
        AdminOptionsPtr o(rd_kafka_AdminOptions_new(m_handle.get(), op));
        rd_kafka_AdminOptions_set_request_timeout(o.get(), RequestLifetimeMs, errstr, sizeof errstr);
        return o;
    };
    QueuePtr queue(rd_kafka_queue_new(m_handle.get()));

    // The groups' names...
    AdminOptionsPtr listOptions = options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS);
    rd_kafka_ListConsumerGroups(m_handle.get(), listOptions.get(), queue.get());
    auto listed = awaitAdmin(queue.get(), timeout, QStringLiteral("list the consumer groups"));
    if (!listed.ok())
        return listed.error();
    size_t count = 0;
    const rd_kafka_ListConsumerGroups_result_t *listResult = rd_kafka_event_ListConsumerGroups_result(listed.value().get());
    // Brokers that could not answer are listed as errors beside the groups
    // the others returned; with no group at all, that is the answer.
    const rd_kafka_error_t **listErrors = rd_kafka_ListConsumerGroups_result_errors(listResult, &count);
    const QString firstListError = count > 0 ? QString::fromUtf8(rd_kafka_error_string(listErrors[0])) : QString();
    const rd_kafka_ConsumerGroupListing_t **listings = rd_kafka_ListConsumerGroups_result_valid(listResult, &count);
    if (count == 0 && !firstListError.isEmpty())
        return Error{RD_KAFKA_RESP_ERR__FAIL, QStringLiteral("Cannot list the consumer groups: %1").arg(firstListError)};
    QList<QByteArray> names;
    for (size_t i = 0; i < count; ++i)
        names.append(QByteArray(rd_kafka_ConsumerGroupListing_group_id(listings[i])));
    if (names.isEmpty())
        return QList<GroupInfo>{};

    // ...their members and assignments...
    std::vector<const char *> ids;
    for (const QByteArray &name : std::as_const(names))
        ids.push_back(name.constData());
    AdminOptionsPtr describeOptions = options(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS);
    rd_kafka_DescribeConsumerGroups(m_handle.get(), ids.data(), ids.size(), describeOptions.get(), queue.get());
    auto described = awaitAdmin(queue.get(), timeout, QStringLiteral("describe the consumer groups"));
    if (!described.ok())
        return described.error();
    const rd_kafka_ConsumerGroupDescription_t **descriptions = rd_kafka_DescribeConsumerGroups_result_groups(
        rd_kafka_event_DescribeConsumerGroups_result(described.value().get()), &count);
    QList<GroupInfo> groups;
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_ConsumerGroupDescription_t *d = descriptions[i];
        GroupInfo group;
        group.id = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(d));
        group.state = QString::fromUtf8(rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(d)));
        if (const rd_kafka_error_t *error = rd_kafka_ConsumerGroupDescription_error(d))
            group.error = QString::fromUtf8(rd_kafka_error_string(error));
        for (size_t m = 0; m < rd_kafka_ConsumerGroupDescription_member_count(d); ++m) {
            const rd_kafka_MemberDescription_t *member = rd_kafka_ConsumerGroupDescription_member(d, m);
            GroupMemberInfo info{QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(member)),
                                 QString::fromUtf8(rd_kafka_MemberDescription_client_id(member)),
                                 QString::fromUtf8(rd_kafka_MemberDescription_host(member)),
                                 {}};
            const rd_kafka_topic_partition_list_t *assigned =
                rd_kafka_MemberAssignment_partitions(rd_kafka_MemberDescription_assignment(member));
            for (int p = 0; assigned && p < assigned->cnt; ++p)
                info.partitions.append({QString::fromUtf8(assigned->elems[p].topic), int(assigned->elems[p].partition)});
            group.members.append(info);
        }
        groups.append(group);
    }

    // ...and their committed offsets (one group per request), with lag.
    QMap<QString, TopicInfo> topics;
    for (GroupInfo &group : groups) {
        const QByteArray id = group.id.toUtf8();
        rd_kafka_ListConsumerGroupOffsets_t *request = rd_kafka_ListConsumerGroupOffsets_new(id.constData(), nullptr);
        AdminOptionsPtr offsetOptions = options(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS);
        rd_kafka_ListConsumerGroupOffsets(m_handle.get(), &request, 1, offsetOptions.get(), queue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(request);
        auto fetched = awaitAdmin(queue.get(), timeout, QStringLiteral("list the offsets of group %1").arg(group.id));
        if (!fetched.ok()) {
            group.error = fetched.error().message;
            continue;
        }
        const rd_kafka_group_result_t **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(fetched.value().get()), &count);
        for (size_t r = 0; r < count; ++r) {
            const rd_kafka_topic_partition_list_t *offsets = rd_kafka_group_result_partitions(results[r]);
            for (int p = 0; offsets && p < offsets->cnt; ++p) {
                const rd_kafka_topic_partition_t &e = offsets->elems[p];
                PartitionProgress progress;
                progress.partition = {QString::fromUtf8(e.topic), int(e.partition)};
                progress.committed = e.offset >= 0 ? e.offset : -1;
                if (!topics.contains(progress.partition.topic)) {
                    auto topic = fetchTopic(progress.partition.topic, timeout);
                    topics.insert(progress.partition.topic, topic.ok() ? topic.value() : TopicInfo{});
                }
                for (const PartitionInfo &info : std::as_const(topics[progress.partition.topic].partitions))
                    if (info.id == progress.partition.partition)
                        progress.highWatermark = info.highWatermark;
                group.offsets.append(progress);
            }
        }
    }
    return groups;
}

} // namespace kafka
