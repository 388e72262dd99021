#include "groupadmin.h"

#include "adminrequest.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QThread>
#include <QMap>

#include <algorithm>
#include <limits>

namespace kafka {

namespace {

// The states in which a group has no active members: Empty, and Dead (the
// coordinator does not know the group, or is removing it).
bool isInactive(const GroupInfo &group)
{
    return group.members.isEmpty()
           && (group.state.compare(QLatin1String("Empty"), Qt::CaseInsensitive) == 0
               || group.state.compare(QLatin1String("Dead"), Qt::CaseInsensitive) == 0);
}

QString memberList(const GroupInfo &group)
{
    QStringList members;
    for (const GroupMemberInfo &member : group.members)
        members.append(QStringLiteral("'%1' on %2").arg(member.clientId, member.host));
    return members.join(QStringLiteral(", "));
}

qint64 saturatingAdd(qint64 a, qint64 b)
{
    if (b > 0 && a > std::numeric_limits<qint64>::max() - b)
        return std::numeric_limits<qint64>::max();
    if (b < 0 && a < std::numeric_limits<qint64>::min() - b)
        return std::numeric_limits<qint64>::min();
    return a + b;
}

QString errorText(const rd_kafka_error_t *error)
{
    return QString::fromUtf8(rd_kafka_error_string(error));
}

// The partitions of `selection` in the metadata, in order; or which topic
// or partition does not exist.
Result<QList<TopicPartition>> resolve(const ClusterMetadata &metadata, const QList<TopicSelection> &selection)
{
    QList<TopicPartition> partitions;
    for (const TopicSelection &chosen : selection) {
        const TopicInfo *topic = metadata.topic(chosen.topic);
        if (!topic)
            return Error{RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                         QStringLiteral("Topic '%1' does not exist.").arg(chosen.topic)};
        if (chosen.partitions.isEmpty()) {
            for (const PartitionInfo &p : topic->partitions)
                partitions.append({topic->name, p.id});
            continue;
        }
        for (int id : chosen.partitions) {
            const bool exists = std::any_of(topic->partitions.cbegin(), topic->partitions.cend(),
                                            [id](const PartitionInfo &p) { return p.id == id; });
            if (!exists)
                return Error{RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                             QStringLiteral("Topic '%1' has no partition %2 (it has %3).")
                                 .arg(chosen.topic)
                                 .arg(id)
                                 .arg(topic->partitions.size())};
            partitions.append({topic->name, id});
        }
    }
    std::sort(partitions.begin(), partitions.end());
    partitions.erase(std::unique(partitions.begin(), partitions.end()), partitions.end());
    if (partitions.isEmpty())
        return Error::invalid(QStringLiteral("No partitions chosen."));
    return partitions;
}

// ListOffsets for every partition at `which` (a timestamp, or
// RD_KAFKA_OFFSET_BEGINNING / _END): librdkafka asks each leader for its
// own. Per partition the offset, or why it is unknown.
QMap<TopicPartition, Result<qint64>> listOffsets(rd_kafka_t *rk, const QList<TopicPartition> &partitions, int64_t which,
                                                 QDeadlineTimer deadline)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const TopicPartition &tp : partitions)
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.toUtf8().constData(), tp.partition)->offset = which;
    const int waitMs = int(std::max<qint64>(1, deadline.remainingTime()));
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, list.get(), waitMs);
    QMap<TopicPartition, Result<qint64>> offsets;
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = list->elems[i];
        const rd_kafka_resp_err_t partitionErr = err ? err : e.err;
        const TopicPartition tp{QString::fromUtf8(e.topic), int(e.partition)};
        if (partitionErr)
            offsets.insert(tp, Error{partitionErr, QString::fromUtf8(rd_kafka_err2str(partitionErr))});
        else
            offsets.insert(tp, qint64(e.offset));
    }
    return offsets;
}

// The sandbox check (which waits for the cluster id while the cluster does
// not answer) and the request share one deadline: ClusterClient::timeLeft.

// Kafka's answer to a commit by no member of a group that has members.
bool meansActiveMembers(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID || err == RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION
           || err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS || err == RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP;
}

AdminOptionsPtr groupOptions(const ClusterClient &client, rd_kafka_admin_op_t op)
{
    // Group requests go through a coordinator lookup: see ClusterClient::describeGroups.
    return adminOptions(client, op, ClusterClient::Timeout(ClusterClient::GroupRequestLifetimeMs));
}

} // namespace

QString OffsetTarget::describe() const
{
    switch (kind) {
    case Kind::Earliest:
        return QStringLiteral("the earliest offset");
    case Kind::Latest:
        return QStringLiteral("the latest offset");
    case Kind::DateTime:
        return QStringLiteral("the first message at or after %1")
            .arg(QDateTime::fromMSecsSinceEpoch(value, Qt::UTC).toString(Qt::ISODateWithMs));
    case Kind::Offset:
        return QStringLiteral("offset %1").arg(value);
    case Kind::ShiftBy:
        return QStringLiteral("the committed offset shifted by %1%2").arg(value > 0 ? QStringLiteral("+") : QString()).arg(value);
    }
    return {};
}

OffsetResetPlan planOffsetReset(const QString &group, const OffsetTarget &target, const QList<PartitionOffsets> &partitions)
{
    OffsetResetPlan plan{group, target, {}};
    for (const PartitionOffsets &p : partitions) {
        OffsetResetRow row{p.partition, p.committed, -1, p.logStart, p.logEnd, {}};
        if (p.logStart < 0 || p.logEnd < 0) {
            row.note = QStringLiteral("Left as it is: its log start and end are unknown (%1).")
                           .arg(p.error.isEmpty() ? QStringLiteral("no answer") : p.error);
            plan.rows.append(row);
            continue;
        }
        qint64 wanted = -1;
        switch (target.kind) {
        case OffsetTarget::Kind::Earliest:
            wanted = p.logStart;
            break;
        case OffsetTarget::Kind::Latest:
            wanted = p.logEnd;
            break;
        case OffsetTarget::Kind::DateTime:
            wanted = p.offsetAtTime >= 0 ? p.offsetAtTime : p.logEnd;
            if (p.offsetAtTime < 0)
                row.note = QStringLiteral("No message at or after that time: the log end.");
            break;
        case OffsetTarget::Kind::Offset:
            wanted = target.value;
            break;
        case OffsetTarget::Kind::ShiftBy:
            if (p.committed < 0) {
                row.note = QStringLiteral("Left as it is: nothing is committed to shift from.");
                plan.rows.append(row);
                continue;
            }
            wanted = saturatingAdd(p.committed, target.value);
            break;
        }
        // As Kafka's kafka-consumer-groups tool does: a consumer starting
        // outside the log would be reset by its auto.offset.reset anyway.
        if (wanted < p.logStart) {
            row.note = QStringLiteral("%1 is before the log start: clamped to %2.").arg(wanted).arg(p.logStart);
            wanted = p.logStart;
        } else if (wanted > p.logEnd) {
            row.note = QStringLiteral("%1 is past the log end: clamped to %2.").arg(wanted).arg(p.logEnd);
            wanted = p.logEnd;
        }
        row.newOffset = wanted;
        plan.rows.append(row);
    }
    std::sort(plan.rows.begin(), plan.rows.end(),
              [](const OffsetResetRow &a, const OffsetResetRow &b) { return a.partition < b.partition; });
    return plan;
}

QString GroupAdmin::activeGroupRefusal(const GroupInfo &group, const QString &action)
{
    if (isInactive(group))
        return {};
    const QString why = group.members.isEmpty()
                            ? QStringLiteral("Group '%1' is not empty (state %2)").arg(group.id, group.state)
                            : QStringLiteral("Group '%1' has %2 active member(s) (%3; state %4)")
                                  .arg(group.id)
                                  .arg(group.members.size())
                                  .arg(memberList(group), group.state);
    return QStringLiteral("%1: Kafka lets you %2 only while the group has no active members. "
                          "Stop its consumers, wait until its state is Empty, and try again.")
        .arg(why, action);
}

Result<GroupInfo> GroupAdmin::describe(const QString &group, Timeout timeout) const
{
    const QDeadlineTimer callDeadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "DescribeGroups", QStringLiteral("describe group '%1'").arg(group), timeout))
        return refused;
    timeout = ClusterClient::timeLeft(callDeadline);
    // A coordinator still loading (a fresh cluster, a moved partition of
    // __consumer_offsets) fails DescribeGroups for a moment: asked again
    // within the time given.
    const QDeadlineTimer deadline(timeout);
    Result<QList<GroupInfo>> described;
    for (;;) {
        described = m_client.describeGroups(QStringList{group}, ClusterClient::timeLeft(deadline));
        if (!described.ok())
            return described.error();
        if (described.value().isEmpty())
            return Error{RD_KAFKA_RESP_ERR__FAIL, QStringLiteral("Cannot describe group '%1': no answer.").arg(group)};
        if (described.value().first().error.isEmpty() || deadline.remainingTime() < 2 * DescribeRetryMs)
            break;
        QThread::msleep(DescribeRetryMs);
    }
    const GroupInfo &info = described.value().first();
    // A group that cannot be described cannot be checked for members.
    if (!info.error.isEmpty() && info.state.isEmpty())
        return Error{RD_KAFKA_RESP_ERR__FAIL, QStringLiteral("Cannot describe group '%1': %2").arg(group, info.error)};
    return info;
}

Result<OffsetResetPlan> GroupAdmin::planReset(const QString &group, const QList<TopicSelection> &selection,
                                              const OffsetTarget &target, Timeout timeout) const
{
    const QDeadlineTimer deadline(timeout);
    const auto left = [&deadline] { return ClusterClient::timeLeft(deadline); };
    if (auto refused = refuseOnSandbox(m_client, "DescribeGroups", QStringLiteral("reset the offsets of group '%1'").arg(group),
                                       timeout))
        return refused;
    auto described = describe(group, left());
    if (!described.ok())
        return described.error();
    // Its committed offsets came with it; a failure to read them must not
    // pass for "nothing committed".
    if (!described.value().error.isEmpty())
        return Error{RD_KAFKA_RESP_ERR__FAIL, described.value().error};
    if (const QString refusal = activeGroupRefusal(described.value(), QStringLiteral("reset its offsets")); !refusal.isEmpty())
        return Error{RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP, refusal};

    auto metadata = m_client.fetchMetadata(left());
    if (!metadata.ok())
        return metadata.error();
    auto partitions = resolve(metadata.value(), selection);
    if (!partitions.ok())
        return partitions.error();

    const auto start = listOffsets(m_client.handle(), partitions.value(), RD_KAFKA_OFFSET_BEGINNING, deadline);
    const auto end = listOffsets(m_client.handle(), partitions.value(), RD_KAFKA_OFFSET_END, deadline);
    QMap<TopicPartition, Result<qint64>> atTime;
    if (target.kind == OffsetTarget::Kind::DateTime)
        atTime = listOffsets(m_client.handle(), partitions.value(), target.value, deadline);

    QMap<TopicPartition, qint64> committed;
    for (const PartitionProgress &progress : described.value().offsets)
        committed.insert(progress.partition, progress.committed);
    QList<PartitionOffsets> offsets;
    for (const TopicPartition &tp : partitions.value()) {
        PartitionOffsets p;
        p.partition = tp;
        p.committed = committed.value(tp, -1);
        const Result<qint64> noAnswer = Error{RD_KAFKA_RESP_ERR__TIMED_OUT, QStringLiteral("no answer")};
        const Result<qint64> low = start.value(tp, noAnswer), high = end.value(tp, noAnswer);
        if (low.ok() && high.ok()) {
            p.logStart = low.value();
            p.logEnd = high.value();
        } else {
            p.error = (low.ok() ? high : low).error().message;
        }
        if (target.kind == OffsetTarget::Kind::DateTime) {
            const Result<qint64> found = atTime.value(tp, noAnswer);
            if (!found.ok()) {
                p.logStart = p.logEnd = -1;
                p.error = QStringLiteral("cannot look up the offset for that time: ") + found.error().message;
            } else {
                p.offsetAtTime = found.value();
            }
        }
        offsets.append(p);
    }
    return planOffsetReset(group, target, offsets);
}

Result<QList<AppliedOffset>> GroupAdmin::applyReset(const OffsetResetPlan &plan, Timeout timeout) const
{
    const QDeadlineTimer deadline(timeout);
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(plan.rows.size())));
    for (const OffsetResetRow &row : plan.rows)
        if (row.changes())
            rd_kafka_topic_partition_list_add(list.get(), row.partition.topic.toUtf8().constData(), row.partition.partition)
                ->offset = row.newOffset;
    if (list->cnt == 0)
        return Error::invalid(QStringLiteral("Nothing to reset: the plan leaves every partition as it is."));

    if (auto refused = refuseOnSandbox(m_client, "DescribeGroups",
                                       QStringLiteral("reset the offsets of group '%1'").arg(plan.group), timeout))
        return refused;
    // The members may have come back since the preview.
    auto described = describe(plan.group, ClusterClient::timeLeft(deadline));
    if (!described.ok())
        return described.error();
    if (const QString refusal = activeGroupRefusal(described.value(), QStringLiteral("reset its offsets")); !refusal.isEmpty())
        return Error{RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP, refusal};

    const QByteArray group = plan.group.toUtf8();
    rd_kafka_AlterConsumerGroupOffsets_t *request = rd_kafka_AlterConsumerGroupOffsets_new(group.constData(), list.get());
    AdminOptionsPtr options = groupOptions(m_client, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_AlterConsumerGroupOffsets(m_client.handle(), &request, 1, options.get(), queue.get());
    rd_kafka_AlterConsumerGroupOffsets_destroy(request);
    auto event = m_client.awaitAdmin(queue.get(), ClusterClient::timeLeft(deadline),
                                     QStringLiteral("reset the offsets of group '%1'").arg(plan.group));
    if (!event.ok())
        return event.error();

    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_AlterConsumerGroupOffsets_result_groups(
        rd_kafka_event_AlterConsumerGroupOffsets_result(event.value().get()), &count);
    QList<AppliedOffset> applied;
    for (size_t r = 0; r < count; ++r) {
        if (const rd_kafka_error_t *error = rd_kafka_group_result_error(results[r])) {
            if (meansActiveMembers(rd_kafka_error_code(error)))
                return Error{rd_kafka_error_code(error),
                             QStringLiteral("Kafka refused: group '%1' has active members again (%2). Stop its "
                                            "consumers and try again.")
                                 .arg(plan.group, errorText(error))};
            return Error{rd_kafka_error_code(error),
                         QStringLiteral("Cannot reset the offsets of group '%1': %2").arg(plan.group, errorText(error))};
        }
        const rd_kafka_topic_partition_list_t *partitions = rd_kafka_group_result_partitions(results[r]);
        for (int p = 0; partitions && p < partitions->cnt; ++p) {
            const rd_kafka_topic_partition_t &e = partitions->elems[p];
            AppliedOffset outcome{{QString::fromUtf8(e.topic), int(e.partition)}, e.offset, {}};
            if (e.err)
                outcome.error = meansActiveMembers(e.err)
                                    ? QStringLiteral("Refused: the group has active members again (%1).")
                                          .arg(QString::fromUtf8(rd_kafka_err2str(e.err)))
                                    : QString::fromUtf8(rd_kafka_err2str(e.err));
            applied.append(outcome);
        }
    }
    std::sort(applied.begin(), applied.end(),
              [](const AppliedOffset &a, const AppliedOffset &b) { return a.partition < b.partition; });
    return applied;
}

Error GroupAdmin::deleteGroup(const QString &group, Timeout timeout) const
{
    const QDeadlineTimer deadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "DeleteGroups", QStringLiteral("delete group '%1'").arg(group), timeout))
        return refused;
    timeout = ClusterClient::timeLeft(deadline);
    const QByteArray id = group.toUtf8();
    rd_kafka_DeleteGroup_t *request = rd_kafka_DeleteGroup_new(id.constData());
    AdminOptionsPtr options = groupOptions(m_client, RD_KAFKA_ADMIN_OP_DELETEGROUPS);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_DeleteGroups(m_client.handle(), &request, 1, options.get(), queue.get());
    rd_kafka_DeleteGroup_destroy(request);
    auto event = m_client.awaitAdmin(queue.get(), timeout, QStringLiteral("delete group '%1'").arg(group));
    if (!event.ok())
        return event.error();
    size_t count = 0;
    const rd_kafka_group_result_t **results =
        rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event.value().get()), &count);
    for (size_t r = 0; r < count; ++r) {
        const rd_kafka_error_t *error = rd_kafka_group_result_error(results[r]);
        if (!error)
            continue;
        switch (rd_kafka_error_code(error)) {
        case RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP:
            return {RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP,
                    QStringLiteral("Group '%1' still has active members: Kafka deletes a group only when it has none. "
                                   "Stop its consumers and try again.")
                        .arg(group)};
        case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
            return {RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND, QStringLiteral("Group '%1' does not exist.").arg(group)};
        default:
            return {rd_kafka_error_code(error), QStringLiteral("Cannot delete group '%1': %2").arg(group, errorText(error))};
        }
    }
    return {};
}

Result<QList<TopicPartition>> GroupAdmin::deleteOffsets(const QString &group, const QString &topic, Timeout timeout) const
{
    const QDeadlineTimer deadline(timeout);
    if (auto refused = refuseOnSandbox(m_client, "OffsetDelete",
                                       QStringLiteral("delete the offsets of group '%1' for topic '%2'").arg(group, topic), timeout))
        return refused;
    auto metadata = m_client.fetchMetadata(ClusterClient::timeLeft(deadline));
    if (!metadata.ok())
        return metadata.error();
    auto partitions = resolve(metadata.value(), {{topic, {}}});
    if (!partitions.ok())
        return partitions.error();
    PartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.value().size())));
    for (const TopicPartition &tp : partitions.value())
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.toUtf8().constData(), tp.partition);

    const QByteArray id = group.toUtf8();
    rd_kafka_DeleteConsumerGroupOffsets_t *request = rd_kafka_DeleteConsumerGroupOffsets_new(id.constData(), list.get());
    AdminOptionsPtr options = groupOptions(m_client, RD_KAFKA_ADMIN_OP_DELETECONSUMERGROUPOFFSETS);
    QueuePtr queue(rd_kafka_queue_new(m_client.handle()));
    rd_kafka_DeleteConsumerGroupOffsets(m_client.handle(), &request, 1, options.get(), queue.get());
    rd_kafka_DeleteConsumerGroupOffsets_destroy(request);
    auto event = m_client.awaitAdmin(queue.get(), ClusterClient::timeLeft(deadline),
                                     QStringLiteral("delete the offsets of group '%1' for topic '%2'").arg(group, topic));
    if (!event.ok())
        return event.error();

    const auto refusal = [&](rd_kafka_resp_err_t err, const QString &reason) -> Error {
        switch (err) {
        case RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC:
            return {err, QStringLiteral("Group '%1' is subscribed to topic '%2': Kafka deletes a group's offsets only for "
                                        "a topic none of its members consumes. Stop its consumers of '%2' and try again.")
                             .arg(group, topic)};
        case RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND:
            return {err, QStringLiteral("Group '%1' does not exist.").arg(group)};
        default:
            return {err, QStringLiteral("Cannot delete the offsets of group '%1' for topic '%2': %3").arg(group, topic, reason)};
        }
    };
    size_t count = 0;
    const rd_kafka_group_result_t **results = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
        rd_kafka_event_DeleteConsumerGroupOffsets_result(event.value().get()), &count);
    QList<TopicPartition> deleted;
    for (size_t r = 0; r < count; ++r) {
        if (const rd_kafka_error_t *error = rd_kafka_group_result_error(results[r]))
            return refusal(rd_kafka_error_code(error), errorText(error));
        const rd_kafka_topic_partition_list_t *result = rd_kafka_group_result_partitions(results[r]);
        for (int p = 0; result && p < result->cnt; ++p) {
            const rd_kafka_topic_partition_t &e = result->elems[p];
            if (e.err)
                return refusal(e.err, QString::fromUtf8(rd_kafka_err2str(e.err)));
            deleted.append({QString::fromUtf8(e.topic), int(e.partition)});
        }
    }
    std::sort(deleted.begin(), deleted.end());
    return deleted;
}

} // namespace kafka
