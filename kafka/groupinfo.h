#pragma once

#include "record.h"

#include <QList>
#include <QString>

namespace kafka {

// A consumer group as the cluster describes it (Admin API).
struct GroupMemberInfo {
    QString memberId;
    QString clientId;
    QString host;
    QList<TopicPartition> partitions;
};

struct GroupInfo {
    QString id;
    QString state; // empty while unknown (see notDescribed)
    QString partitionAssignor; // the protocol: "range", "cooperative-sticky"...; empty when none or unknown
    QList<GroupMemberInfo> members;
    // Committed offsets with the partitions' high watermarks (position unused).
    QList<PartitionProgress> offsets;
    QString error; // why the group could not be described, if so
    QString watermarkError; // why some high watermarks (so lags) are unknown, if so
    // Empty when the cluster described the group; else why its state and
    // members are unknown (the sandbox answers no DescribeGroups).
    QString notDescribed;
};

} // namespace kafka
