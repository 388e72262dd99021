#include "clusterclient.h"

#include "adminrequest.h"
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
    // The mock names no controller: CreateTopics would wait out its whole
    // timeout for one (librdkafka 2.0.2).
    if (auto err = refuseOnSandbox(*this, "CreateTopics", QStringLiteral("create topic '%1'").arg(spec.name), timeout))
        return err;
    char errstr[512];
    NewTopicPtr newTopic(rd_kafka_NewTopic_new(spec.name.toUtf8().constData(), spec.partitions,
                                               spec.replicationFactor, errstr, sizeof errstr));
    if (!newTopic)
        return Error::invalid(QString::fromUtf8(errstr));
    for (const auto &[config, value] : spec.configs)
        if (rd_kafka_NewTopic_set_config(newTopic.get(), config.toUtf8().constData(), value.toUtf8().constData()))
            return Error::invalid(QStringLiteral("Cannot set topic config '%1'.").arg(config));

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
    // way, so running out of time is fine. First every broker should know
    // it (see waitUntilMetadataAgrees), then its leaders serve watermarks.
    waitUntilMetadataAgrees(deadline, [&spec](const ClusterMetadata &metadata) {
        const TopicInfo *topic = metadata.topic(spec.name);
        return topic && topic->partitions.size() == spec.partitions;
    });
    while (!deadline.hasExpired()) {
        auto topic = fetchTopic(spec.name, timeLeft(deadline));
        if (topic.ok() && topic.value().partitions.size() == spec.partitions
            && std::all_of(topic.value().partitions.cbegin(), topic.value().partitions.cend(),
                           [](const PartitionInfo &p) { return p.leader >= 0 && p.hasWatermarks(); }))
            return;
        QThread::msleep(50);
    }
}

void ClusterClient::waitUntilMetadataAgrees(const QDeadlineTimer &deadline,
                                            const std::function<bool(const ClusterMetadata &)> &agrees) const
{
    qsizetype inARow = 0;
    while (!deadline.hasExpired()) {
        auto metadata = fetchMetadata(timeLeft(deadline));
        if (metadata.ok() && agrees(metadata.value())) {
            if (++inARow >= std::max<qsizetype>(3, metadata.value().brokers.size()))
                return;
        } else {
            inARow = 0;
        }
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
    // Groups tab). So the requests (GroupRequestLifetimeMs) live well past
    // socket.timeout.ms (60 s), where a silent broker fails them the
    // ordinary way, and this call stops
    // waiting for them after `timeout` as before; a late answer goes to a
    // queue that is gone by then, and is dropped.
    const auto options = [&](rd_kafka_admin_op_t op) {
        AdminOptionsPtr o(rd_kafka_AdminOptions_new(m_handle.get(), op));
        rd_kafka_AdminOptions_set_request_timeout(o.get(), GroupRequestLifetimeMs, errstr, sizeof errstr);
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
    QStringList names;
    for (size_t i = 0; i < count; ++i)
        names.append(QString::fromUtf8(rd_kafka_ConsumerGroupListing_group_id(listings[i])));
    if (names.isEmpty())
        return QList<GroupInfo>{};
    // ...their members, assignments and committed offsets.
    return describeGroups(names, timeout);
}

Result<QList<GroupInfo>> ClusterClient::describeGroups(const QStringList &groupIds, Timeout timeout) const
{
    char errstr[512];
    // The request lifetime: see describeGroups() above.
    AdminOptionsPtr describeOptions(rd_kafka_AdminOptions_new(m_handle.get(), RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS));
    rd_kafka_AdminOptions_set_request_timeout(describeOptions.get(), GroupRequestLifetimeMs, errstr, sizeof errstr);
    QueuePtr queue(rd_kafka_queue_new(m_handle.get()));
    size_t count = 0;
    QList<QByteArray> names;
    for (const QString &id : groupIds)
        names.append(id.toUtf8());
    std::vector<const char *> ids;
    for (const QByteArray &name : std::as_const(names))
        ids.push_back(name.constData());
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
        group.partitionAssignor = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(d));
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

    // Their committed offsets, with lag; not for a group that could not be
    // described. An OffsetFetch sent through the Admin API that gets a
    // coordinator error (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE) makes
    // librdkafka 2.0.2 ask the client's consumer group, which a client
    // without group.id does not have, to look the coordinator up again: a
    // NULL dereference on its main thread (librdkafka issue 5040, still open
    // in 2.4). Seen here on a fresh cluster, whose coordinators are still
    // loading: DescribeGroups fails first, and then the OffsetFetch crashed.
    QList<GroupInfo> answered;
    QList<qsizetype> where;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        if (groups[i].error.isEmpty()) {
            answered.append(groups[i]);
            where.append(i);
        }
    }
    addCommittedOffsets(answered, {}, timeout);
    for (qsizetype i = 0; i < answered.size(); ++i)
        groups[where[i]] = answered[i];
    return groups;
}

void ClusterClient::addCommittedOffsets(QList<GroupInfo> &groups, const QMap<QString, QStringList> &topicsByGroup,
                                        Timeout timeout) const
{
    if (groups.isEmpty())
        return;
    const QDeadlineTimer deadline(timeout);
    const auto left = [&deadline] { return timeLeft(deadline); };
    // One metadata request serves the whole refresh: the partitions of the
    // groups whose topics are given, and the leaders asked for watermarks.
    auto metadata = fetchMetadata(timeout);
    if (!metadata.ok()) {
        for (GroupInfo &group : groups)
            group.error = metadata.error().message;
        return;
    }

    // librdkafka 2.0.2 takes one group per ListConsumerGroupOffsets call, so
    // there is one OffsetFetch per group; they are all sent at once, each
    // call's opaque saying whose answer it is.
    char errstr[512];
    QueuePtr queue(rd_kafka_queue_new(m_handle.get()));
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QByteArray id = groups[i].id.toUtf8();
        PartitionListPtr partitions;
        // The sandbox (the 2.0.2 mock) answers nothing to "every partition":
        // there the partitions are named.
        if (const auto topics = topicsByGroup.find(groups[i].id); topics != topicsByGroup.end()) {
            partitions.reset(rd_kafka_topic_partition_list_new(0));
            for (const QString &name : *topics) {
                if (const TopicInfo *topic = metadata.value().topic(name))
                    for (const PartitionInfo &p : topic->partitions)
                        rd_kafka_topic_partition_list_add(partitions.get(), name.toUtf8().constData(), p.id);
            }
        }
        rd_kafka_ListConsumerGroupOffsets_t *request = rd_kafka_ListConsumerGroupOffsets_new(id.constData(), partitions.get());
        AdminOptionsPtr options(rd_kafka_AdminOptions_new(m_handle.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS));
        rd_kafka_AdminOptions_set_request_timeout(options.get(), GroupRequestLifetimeMs, errstr, sizeof errstr);
        rd_kafka_AdminOptions_set_opaque(options.get(), reinterpret_cast<void *>(quintptr(i)));
        rd_kafka_ListConsumerGroupOffsets(m_handle.get(), &request, 1, options.get(), queue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(request);
    }
    QList<bool> answered(groups.size(), false);
    for (qsizetype waiting = groups.size(); waiting > 0 && !deadline.hasExpired(); ) {
        EventPtr event(rd_kafka_queue_poll(queue.get(), int(left().count())));
        if (!event)
            break;
        const auto index = qsizetype(reinterpret_cast<quintptr>(rd_kafka_event_opaque(event.get())));
        if (rd_kafka_event_type(event.get()) != RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT || index >= groups.size()
            || answered[index])
            continue;
        answered[index] = true;
        --waiting;
        GroupInfo &group = groups[index];
        if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
            group.error = QStringLiteral("Cannot list the offsets of group %1: %2")
                              .arg(group.id, QString::fromUtf8(rd_kafka_event_error_string(event.get())));
            continue;
        }
        size_t count = 0;
        const rd_kafka_group_result_t **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(event.get()), &count);
        for (size_t r = 0; r < count; ++r) {
            if (const rd_kafka_error_t *error = rd_kafka_group_result_error(results[r]))
                group.error = QStringLiteral("Cannot list the offsets of group %1: %2")
                                  .arg(group.id, QString::fromUtf8(rd_kafka_error_string(error)));
            const rd_kafka_topic_partition_list_t *offsets = rd_kafka_group_result_partitions(results[r]);
            for (int p = 0; offsets && p < offsets->cnt; ++p) {
                const rd_kafka_topic_partition_t &e = offsets->elems[p];
                // Named partitions with nothing committed come back as -1.
                if (e.err || e.offset < 0)
                    continue;
                PartitionProgress progress;
                progress.partition = {QString::fromUtf8(e.topic), int(e.partition)};
                progress.committed = e.offset;
                group.offsets.append(progress);
            }
        }
        std::sort(group.offsets.begin(), group.offsets.end(),
                  [](const PartitionProgress &a, const PartitionProgress &b) { return a.partition < b.partition; });
    }
    for (qsizetype i = 0; i < groups.size(); ++i)
        if (!answered[i] && groups[i].error.isEmpty())
            groups[i].error = cannotReach(m_bootstrapServers, RD_KAFKA_RESP_ERR__TIMED_OUT, m_handle.get()).message;

    addHighWatermarks(groups, metadata.value(), left());
}

void ClusterClient::addHighWatermarks(QList<GroupInfo> &groups, const ClusterMetadata &metadata, Timeout timeout) const
{
    // Every partition any group has committed in, once, by its leader: one
    // ListOffsets per leader for all of them (the low watermark is not
    // needed for lag). Per leader, so that a broker that is down only
    // leaves the partitions it leads unknown.
    QMap<int, QList<TopicPartition>> byLeader;
    QMap<TopicPartition, qint64> high;
    QMap<TopicPartition, QString> why;
    for (const GroupInfo &group : std::as_const(groups)) {
        for (const PartitionProgress &progress : group.offsets) {
            const TopicPartition &tp = progress.partition;
            if (high.contains(tp) || why.contains(tp))
                continue;
            const TopicInfo *topic = metadata.topic(tp.topic);
            const PartitionInfo *partition = nullptr;
            for (qsizetype p = 0; topic && p < topic->partitions.size() && !partition; ++p)
                if (topic->partitions[p].id == tp.partition)
                    partition = &topic->partitions[p];
            if (!partition)
                why.insert(tp, QStringLiteral("Topic '%1' has no partition %2 any more").arg(tp.topic).arg(tp.partition));
            else if (partition->leader < 0)
                why.insert(tp, QStringLiteral("Partition has no leader"));
            else {
                byLeader[partition->leader].append(tp);
                high.insert(tp, -1);
            }
        }
    }
    const QDeadlineTimer deadline(timeout);
    for (const QList<TopicPartition> &partitions : std::as_const(byLeader)) {
        PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
        for (const TopicPartition &tp : partitions)
            rd_kafka_topic_partition_list_add(list.get(), tp.topic.toUtf8().constData(), tp.partition)->offset =
                RD_KAFKA_OFFSET_END;
        // rd_kafka_offsets_for_times: see listOffsets().
        const int waitMs = int(std::min<qint64>(WatermarkTimeout.count(), std::max<qint64>(1, deadline.remainingTime())));
        rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_handle.get(), list.get(), waitMs);
        for (int i = 0; i < list->cnt; ++i) {
            const rd_kafka_topic_partition_t &e = list->elems[i];
            const TopicPartition tp{QString::fromUtf8(e.topic), int(e.partition)};
            const rd_kafka_resp_err_t partitionErr = err ? err : e.err;
            if (partitionErr)
                why.insert(tp, QString::fromUtf8(rd_kafka_err2str(partitionErr)));
            else
                high.insert(tp, e.offset);
        }
    }
    for (GroupInfo &group : groups) {
        int unknown = 0;
        QString reason;
        for (PartitionProgress &progress : group.offsets) {
            progress.highWatermark = high.value(progress.partition, -1);
            if (progress.highWatermark < 0) {
                ++unknown;
                reason = why.value(progress.partition, QStringLiteral("no answer"));
            }
        }
        if (unknown > 0)
            group.watermarkError = QStringLiteral("High watermark unknown for %1 of %2 partitions: %3")
                                       .arg(unknown)
                                       .arg(group.offsets.size())
                                       .arg(reason);
    }
}

Result<QList<GroupInfo>> ClusterClient::describeGroupOffsets(const QMap<QString, QStringList> &topicsByGroup,
                                                             Timeout timeout) const
{
    QList<GroupInfo> groups;
    for (auto it = topicsByGroup.cbegin(); it != topicsByGroup.cend(); ++it) {
        GroupInfo group;
        group.id = it.key();
        group.notDescribed = QStringLiteral("The sandbox answers no DescribeGroups: its state and members are unknown "
                                            "here (this app's own members are listed as they see themselves).");
        groups.append(group);
    }
    addCommittedOffsets(groups, topicsByGroup, timeout);
    return groups;
}

} // namespace kafka
