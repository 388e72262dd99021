#pragma once

#include "clientconfig.h"
#include "clustermetadata.h"
#include "error.h"
#include "groupinfo.h"
#include "handles.h"
#include "topicspec.h"

#include <QDeadlineTimer>
#include <QMap>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>

namespace kafka {

// A librdkafka client for cluster-level requests: metadata, watermarks and
// the Admin API. Every call blocks on the network, so it is made from a
// worker thread (see kafka::Connection); the calls used here are documented
// as thread-safe, so several may run at once on one client.
class ClusterClient {
public:
    using Timeout = std::chrono::milliseconds;
    // Below the 10 s within which the user must hear that a cluster is unreachable.
    static constexpr Timeout DefaultTimeout{8000};
    // Per broker, for watermarks: a broker that is down costs at most this.
    static constexpr Timeout WatermarkTimeout{3000};

    // What is left of `deadline` as a request's timeout, at least 1 ms: a
    // request that shares one deadline with the steps before it.
    static Timeout timeLeft(const QDeadlineTimer &deadline)
    {
        return Timeout(std::max<qint64>(1, deadline.remainingTime()));
    }

    // Creating the client does not touch the network.
    static Result<std::unique_ptr<ClusterClient>> create(const ClientConfig &config);

    Result<ClusterMetadata> fetchMetadata(Timeout timeout = DefaultTimeout) const;
    // The topic's partitions from fresh metadata, with their watermarks. A
    // partition whose leader does not answer keeps -1 and a watermarkError.
    Result<TopicInfo> fetchTopic(const QString &name, Timeout timeout = DefaultTimeout) const;
    // CreateTopics through the Admin API (a real cluster; the sandbox has its
    // own), then waits (within the timeout) until every partition has a
    // leader that serves its watermarks, so that it can be browsed at once.
    // The spec's configs are sent with it; the broker checks them.
    Error createTopic(const TopicSpec &spec, Timeout timeout = DefaultTimeout) const;
    // Every consumer group on the cluster with its state, members and their
    // partitions, committed offsets and lag (ListConsumerGroups,
    // DescribeConsumerGroups, ListConsumerGroupOffsets, watermarks).
    Result<QList<GroupInfo>> describeGroups(Timeout timeout = DefaultTimeout) const;
    // The same for the groups named only (DescribeConsumerGroups answers a
    // name it does not know as a group in state Dead, without members).
    Result<QList<GroupInfo>> describeGroups(const QStringList &ids, Timeout timeout = DefaultTimeout) const;
    // The committed offsets and lag of the groups named (with the topics
    // whose partitions to ask about), without describing them: state and
    // members unknown, notDescribed says so. For a cluster that answers
    // OffsetFetch but not ListGroups or DescribeGroups (the sandbox), given
    // the groups this app's consumers are in.
    Result<QList<GroupInfo>> describeGroupOffsets(const QMap<QString, QStringList> &topicsByGroup,
                                                  Timeout timeout = DefaultTimeout) const;

    // For the Admin requests built beside this class (kafka/*admin.h): the
    // handle, and the wait for one request's result on `queue`, which turns
    // no answer within `timeout` into "cannot reach" and a request-level
    // error into "Cannot <what>: <reason>".
    rd_kafka_t *handle() const { return m_handle.get(); }
    // A real cluster answers a change once its controller has made it; the
    // other brokers learn of it a moment later, and a metadata request (or
    // a topic's DescribeConfigs) may still meet the old state. librdkafka
    // sends each metadata request to a broker of its choosing, so one
    // answer that agrees may come from the one broker that knows: this polls
    // until `agrees` holds for as many answers in a row as there are brokers
    // (at least 3), or the deadline passes. (Seen on 3 KRaft brokers: the
    // answer after the first agreeing one still had the old partition
    // count; DescribeConfigs right after CreateTopics found no topic.) The
    // change is made either way, so running out of time is no error.
    void waitUntilMetadataAgrees(const QDeadlineTimer &deadline,
                                 const std::function<bool(const ClusterMetadata &)> &agrees) const;
    const QString &bootstrapServers() const { return m_bootstrapServers; }
    Result<EventPtr> awaitAdmin(rd_kafka_queue_t *queue, Timeout timeout, const QString &what) const;
    // librdkafka 2.0.2 gives a group request's coordinator lookup the same
    // deadline as the request itself; see describeGroups(). Every request
    // that goes to a group coordinator gets this request timeout.
    static constexpr int GroupRequestLifetimeMs = 300000;

private:
    ClusterClient(HandlePtr handle, QString bootstrapServers);
    void fetchWatermarks(TopicInfo &topic, Timeout timeout) const;
    // Fills in the groups' committed offsets (of the topics given for a
    // group, else of every partition the group has committed) and the high
    // watermarks of those partitions.
    void addCommittedOffsets(QList<GroupInfo> &groups, const QMap<QString, QStringList> &topicsByGroup,
                             Timeout timeout) const;
    void addHighWatermarks(QList<GroupInfo> &groups, const ClusterMetadata &metadata, Timeout timeout) const;
    void waitUntilServed(const TopicSpec &spec, QDeadlineTimer deadline) const;

    HandlePtr m_handle;
    QString m_bootstrapServers;
};

} // namespace kafka
