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
    QString state;
    QList<GroupMemberInfo> members;
    // Committed offsets with the partitions' high watermarks (position unused).
    QList<PartitionProgress> offsets;
    QString error; // why the group could not be described, if so
};

} // namespace kafka
