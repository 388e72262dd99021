#pragma once

#include "clientconfig.h"
#include "error.h"
#include "handles.h"
#include "record.h"
#include "recordbatch.h"

#include <QList>
#include <QStringList>

#include <chrono>
#include <map>
#include <memory>
#include <span>
#include <vector>

namespace kafka {

// What to consume and how: in a group (subscribe; the group decides who
// reads which partition, offsets are committed) or manually (chosen
// partitions from a chosen place, no group).
struct ConsumerSpec {
    enum class Mode { Group, Manual };
    enum class Start { Earliest, Latest, Offset, Timestamp };

    ClientConfig config;
    QStringList topics;
    Mode mode = Mode::Group;
    QString groupId;
    bool autoCommit = true;
    // Group: librdkafka's partition.assignment.strategy. "cooperative-sticky"
    // moves only the partitions that must move on a rebalance; the eager ones
    // ("range", "roundrobin") revoke everything first. Empty: librdkafka's default.
    QString assignmentStrategy;
    // Group: where to begin without a committed offset (Earliest or Latest).
    // Manual: where every chosen partition begins.
    Start start = Start::Earliest;
    qint64 startAt = 0;     // the offset, or the time in ms since the epoch
    QList<int> partitions;  // manual: empty means every partition
    // Commit only the offsets of records marked with markConsumed(), not of
    // everything fetched (for consumers that stop after N records).
    bool explicitOffsets = false;

    Error validate() const;
};

// Fetch settings every consumer starts from; the user's properties win.
Properties consumerFetchDefaults();

// A librdkafka consumer used from one thread. Rebalances are handled inside
// it, for the eager and the cooperative protocol alike, and reported as
// ConsumerEvents together with errors.
class Consumer {
public:
    using Timeout = std::chrono::milliseconds;

    static Result<std::unique_ptr<Consumer>> create(const ConsumerSpec &spec);
    // Closes (leaving the group, committing) if close() was not called.
    ~Consumer();
    Consumer(const Consumer &) = delete;
    Consumer &operator=(const Consumer &) = delete;

    // Checks that the cluster answers (a metadata round trip), for callers
    // that wait in slices; start() checks again.
    Error checkReachable(Timeout timeout) const;
    // The cluster's id, once checkReachable() succeeded; empty if unknown.
    QString clusterId() const;
    // Checks the cluster answers, then subscribes (group) or assigns
    // (manual: looks up partitions, and offsets for a timestamp).
    Error start(Timeout timeout);
    // The records queued now, up to maxRecords; if none are, waits at most
    // `timeout` for the first.
    RecordBatch poll(int maxRecords, Timeout timeout);
    QList<ConsumerEvent> takeEvents();
    // Messages (and events) fetched and waiting for poll().
    qsizetype queuedCount() const;

    // Position, committed offset and high watermark of every assigned
    // partition. Committed offsets not known yet are asked for (bounded by
    // `timeout`); later commits update them without asking.
    QList<PartitionProgress> progress(Timeout timeout);
    QString memberId() const;

    Error pause();
    Error resume();
    // Commits the consumed offsets now (asynchronously; the result arrives
    // as an event and in progress()).
    Error commit();
    void markConsumed(const Record &record);
    // Leaves the group cleanly (final commit with auto commit). Idempotent.
    Error close();

private:
    static void keepUndestroyed(rd_kafka_t *handle);
    explicit Consumer(ConsumerSpec spec);
    static void onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions,
                            void *opaque);
    static void onCommit(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *offsets,
                         void *opaque);
    Error assignManually(const rd_kafka_metadata_t *metadata, Timeout timeout);
    Error resolveTimestamps(rd_kafka_topic_partition_list_t *list, Timeout timeout);
    bool skipAsOlder(const QString &topic, int partition, qint64 timestampMs);
    void addEvent(ConsumerEvent::Kind kind, const QString &message, const QList<TopicPartition> &partitions = {});
    PartitionListPtr assignmentList() const;
    void reportError(const rd_kafka_message_t *message);
    // Copies the messages into a batch and destroys them.
    RecordBatch takeRecords(std::span<rd_kafka_message_t *> messages);
    const QString &topicName(const char *name);

    ConsumerSpec m_spec;
    HandlePtr m_handle;
    QueuePtr m_queue;
    std::vector<rd_kafka_message_t *> m_messages; // poll()'s, kept between calls
    std::vector<rd_kafka_headers_t *> m_headers;  // takeRecords()'s, of its messages; nullptr: none
    bool m_closed = false;
    bool m_stickyAssignor = false; // partition.assignment.strategy has cooperative-sticky
    bool m_everAssigned = false;   // a rebalance has assigned partitions (maybe none)
    bool m_paused = false; // partitions assigned while paused start paused
    QList<ConsumerEvent> m_events;
    std::map<TopicPartition, qint64> m_committed; // -1: asked, nothing committed
    // Partitions read from the beginning because the cluster cannot look up
    // offsets by time: records older than the time are skipped.
    std::map<TopicPartition, qint64> m_skipOlderThan;
    // One QString per topic, shared by the batches that hold its records.
    QList<std::pair<QByteArray, QString>> m_topicNames;
};

} // namespace kafka
