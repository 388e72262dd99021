#pragma once

#include "clusterclient.h"
#include "error.h"

#include <QList>
#include <QString>

namespace kafka {

// Changes to a topic through the Admin API (real clusters; the sandbox
// refuses each at once, see refuseOnSandbox). Each call blocks: run it on
// the network pool (Connection::runOnClient). Creating a topic is
// ClusterClient::createTopic.
//
// Each returns once the change is done and the cluster's metadata agrees
// (within the timeout), so that a browser refreshing right after sees no
// ghost of a deleted topic nor a stale partition count.

// DeleteTopics. Deleting cannot be undone: callers confirm first.
Error deleteTopic(const ClusterClient &client, const QString &topic,
                  ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

// CreatePartitions: the topic ends with `newTotal` partitions. Kafka can
// only add partitions, so a total not above the current count is refused,
// saying the current count. (New partitions change which partition a key
// goes to.)
Error addPartitions(const ClusterClient &client, const QString &topic, int newTotal,
                    ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

// What to truncate: one partition before an offset, one partition whole, or
// every partition whole ("whole": up to its high watermark, when the
// request reaches the broker).
struct TruncateSpec {
    static constexpr int EveryPartition = -1;
    static constexpr qint64 HighWatermark = -1;

    QString topic;
    int partition = EveryPartition;
    qint64 beforeOffset = HighWatermark; // only with one partition
};

// A partition after truncation: its new low watermark (the first offset
// left), or the reason it was not truncated.
struct TruncatedPartition {
    int partition = -1;
    qint64 lowWatermark = -1;
    QString error;
    friend bool operator==(const TruncatedPartition &, const TruncatedPartition &) = default;
};

// DeleteRecords: deletes the records before the offset (the offset's own
// record stays). Refuses a partition the topic does not have and an offset
// past the partition's end. The result lists every partition asked for; a
// request that failed as a whole is the Error.
Result<QList<TruncatedPartition>> truncateTopic(const ClusterClient &client, const TruncateSpec &spec,
                                                ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

} // namespace kafka
