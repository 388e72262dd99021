#pragma once

#include "clusterclient.h"
#include "error.h"
#include "groupinfo.h"
#include "record.h"

#include <QList>
#include <QString>

namespace kafka {

// Where a reset moves a group's committed offsets, as Kafka's
// kafka-consumer-groups tool names the targets.
struct OffsetTarget {
    enum class Kind { Earliest, Latest, DateTime, Offset, ShiftBy };
    Kind kind = Kind::Earliest;
    // Offset: the offset; ShiftBy: how far (negative: back); DateTime: ms
    // since the epoch, UTC.
    qint64 value = 0;

    // "the earliest offset", "offset 42", "shift by -5", "2024-05-01T10:00:00Z".
    QString describe() const;
};

// What a reset plan is made from, for one partition.
struct PartitionOffsets {
    TopicPartition partition;
    qint64 committed = -1; // -1: nothing committed
    qint64 logStart = -1;  // -1: unknown (see error)
    qint64 logEnd = -1;
    // DateTime only: the first offset whose timestamp is at or after the
    // time; -1 when no message is that recent.
    qint64 offsetAtTime = -1;
    QString error; // why the log start and end are unknown, if so
};

// One partition of the preview: current → new → resulting lag.
struct OffsetResetRow {
    TopicPartition partition;
    qint64 current = -1;   // the committed offset; -1: nothing committed
    qint64 newOffset = -1; // -1: left as it is (note says why)
    qint64 logStart = -1;
    qint64 logEnd = -1;
    // Why the new offset is not the target asked for (clamped to the log),
    // or why the partition is left as it is; empty when neither.
    QString note;

    bool changes() const { return newOffset >= 0; }
    // The lag once reset: log end − new offset; -1 when unknown.
    qint64 lagAfter() const { return newOffset >= 0 && logEnd >= 0 ? logEnd - newOffset : -1; }
};

struct OffsetResetPlan {
    QString group;
    OffsetTarget target;
    QList<OffsetResetRow> rows; // in partition order
};

// The partitions of one topic a reset or a deletion is for; none listed:
// every partition of the topic.
struct TopicSelection {
    QString topic;
    QList<int> partitions;
};

// The outcome of applying a plan, per partition.
struct AppliedOffset {
    TopicPartition partition;
    qint64 offset = -1;
    QString error; // empty: committed
};

// The plan, computed from offsets alone (no broker): each partition's new
// offset is the target, clamped into [log start, log end] as Kafka's tool
// does, the row saying so. A shift needs a committed offset to shift from.
OffsetResetPlan planOffsetReset(const QString &group, const OffsetTarget &target, const QList<PartitionOffsets> &partitions);

// Consumer-group administration on a real cluster: reset offsets through a
// plan that is previewed first, delete a group, delete a group's committed
// offsets for a topic. Every call blocks on the network (run it on the
// network pool, see Connection::runOnClient). Kafka changes a group's
// offsets only while it has no active members; these calls refuse such a
// group themselves, naming its members, before Kafka would.
class GroupAdmin {
public:
    using Timeout = ClusterClient::Timeout;
    explicit GroupAdmin(const ClusterClient &client) : m_client(client) {}

    // The group's state and members (DescribeConsumerGroups) with its
    // committed offsets and lag.
    Result<GroupInfo> describe(const QString &group, Timeout timeout = ClusterClient::DefaultTimeout) const;

    // The preview: for the partitions selected (topics that do not exist,
    // or partitions they do not have, are an error), their committed
    // offsets, log start and end, and the new offsets. Refused while the
    // group has active members.
    Result<OffsetResetPlan> planReset(const QString &group, const QList<TopicSelection> &selection,
                                      const OffsetTarget &target, Timeout timeout = ClusterClient::DefaultTimeout) const;
    // Commits the plan's new offsets (AlterConsumerGroupOffsets), after
    // checking again that the group has no active members. Per partition:
    // committed, or why not.
    Result<QList<AppliedOffset>> applyReset(const OffsetResetPlan &plan,
                                            Timeout timeout = ClusterClient::DefaultTimeout) const;

    // DeleteGroups. Kafka refuses a group with members; the error says so.
    Error deleteGroup(const QString &group, Timeout timeout = ClusterClient::DefaultTimeout) const;
    // DeleteConsumerGroupOffsets for every partition of `topic`; returns the
    // partitions whose offsets were deleted. Kafka refuses while the group
    // is subscribed to the topic; the error says so.
    Result<QList<TopicPartition>> deleteOffsets(const QString &group, const QString &topic,
                                                Timeout timeout = ClusterClient::DefaultTimeout) const;

    // The sentence refusing to `action` (e.g. "reset its offsets") for a
    // group that has active members, or empty when it has none (Empty, or
    // Dead: unknown to the cluster).
    static QString activeGroupRefusal(const GroupInfo &group, const QString &action);

private:
    static constexpr int DescribeRetryMs = 250;
    const ClusterClient &m_client;
};

} // namespace kafka
