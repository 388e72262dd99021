#pragma once

#include "clientconfig.h"
#include "clustermetadata.h"
#include "error.h"
#include "handles.h"
#include "topicspec.h"

#include <librdkafka/rdkafka_mock.h>

#include <QList>
#include <QMap>
#include <QMutex>
#include <QPair>
#include <QSet>
#include <QString>

#include <memory>

namespace kafka {

// The built-in sandbox cluster: librdkafka's mock cluster, a real
// Kafka-protocol server on 127.0.0.1 with brokers numbered 1..N, kept in
// memory. It answers no admin requests, so topics are made here, in-process.
// Its limits (about 100k messages / 5 MB per partition) are the mock's own.
// The mock API is thread-safe: these calls may come from any thread.
class Sandbox {
public:
    static constexpr int MinBrokers = 1;
    static constexpr int MaxBrokers = 9;

    // Partitions per topic: the mock keeps each in memory (and aborts on
    // absurd counts), and no lesson about partitions needs more.
    static constexpr int MaxPartitions = 1000;

    static Result<std::unique_ptr<Sandbox>> start(int brokerCount);

    // Whether a cluster id (rd_kafka_clusterid) is a sandbox's, for clients
    // that were only given its address (the command line).
    static bool isSandboxClusterId(const QString &clusterId);
    // What a group consumer on the sandbox needs: the mock keeps a departed
    // member (even one that sent LeaveGroup) until the group's session
    // times out, so the group's next consumer waits that long to join; with
    // Kafka's 45 s default a second run of a group would see nothing.
    static Properties groupConsumerProperties();
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    int brokerCount() const { return m_brokerCount; }
    QString bootstrapServers() const;

    // Refuses duplicates and a replication factor above the broker count
    // (the mock would silently cap it). The mock of librdkafka 2.0.2 places a
    // replica on every broker whatever the factor: see replicaNote().
    Error createTopic(const TopicSpec &spec);
    // What createTopic() refuses, checked before there is a sandbox.
    static Error checkTopic(const TopicSpec &spec, int brokerCount);
    // Says, in words for the user, how the sandbox places replicas.
    QString replicaNote() const;
    // Takes broker `brokerId` (1..N) off the network or back on it. The mock
    // moves no leader and keeps listing the broker in its metadata, in sync
    // (2.0.2 answers every replica as in sync): who is down is known here
    // only, from these calls (downBrokers()).
    Error setBrokerDown(int brokerId, bool down);
    // The brokers taken down with setBrokerDown, ascending.
    QList<int> downBrokers() const;
    bool isBrokerDown(int brokerId) const;
    // Delays every answer of broker `brokerId` by `rttMs` (a slow broker or
    // link; 0: none).
    Error setBrokerRtt(int brokerId, int rttMs);
    // The delay last set with setBrokerRtt (0: none).
    int brokerRtt(int brokerId) const;
    static constexpr int MaxRttMs = 60000;
    // Makes broker `brokerId` the coordinator of group `groupId`, and the
    // leader of a partition (mock calls: the sandbox moves nothing itself).
    Error setGroupCoordinator(const QString &groupId, int brokerId);
    Error setPartitionLeader(const QString &topic, int partition, int brokerId);
    // Kafka's numbers for the requests the calls below are asked about: the
    // ones whose answers the mock of 2.0.2 can be told to fail (it answers
    // every Metadata request, whatever it is told).
    enum class ApiKey : int16_t {
        Produce = 0,
        Fetch = 1,
        ListOffsets = 2,
        OffsetCommit = 8,
        OffsetFetch = 9,
        FindCoordinator = 10,
        JoinGroup = 11,
        Heartbeat = 12,
        SyncGroup = 14,
        InitProducerId = 22
    };
    static QString apiKeyName(ApiKey request);

    // Makes the next `count` requests of this kind, to whichever broker,
    // fail with `error`.
    void failNextRequests(ApiKey request, int count, rd_kafka_resp_err_t error);
    // Makes the next `count` requests of this kind to broker `brokerId` fail
    // with `error` (before any failures set for the whole cluster).
    Error failNextRequests(int brokerId, ApiKey request, int count, rd_kafka_resp_err_t error);
    static constexpr int MaxFailures = 100000;

    // A partition's leadership moving from one broker to another.
    struct LeaderMove {
        QString topic;
        int partition = -1;
        int from = -1;
        int to = -1;
        friend bool operator==(const LeaderMove &, const LeaderMove &) = default;
    };
    // What a real cluster's controller does and the mock does not: the
    // partitions of `topics` whose leader is a broker that is down, each
    // given to the first of its replicas on a broker that is up (one with
    // none stays where it is: offline). Plans only; moveLeaders() acts.
    QList<LeaderMove> planLeaderElection(const QList<TopicInfo> &topics) const;
    // And what its preferred-leader election does once a broker is back:
    // the partitions whose leadership planLeaderElection() moved off a
    // broker that is up again, given back to it where it is still held by
    // the broker it was moved to.
    QList<LeaderMove> planLeadersBack(const QList<TopicInfo> &topics) const;
    // Applies the moves in order; stops at the first that fails. A move off
    // a down broker is remembered for planLeadersBack(); a move back
    // forgets it.
    Error moveLeaders(const QList<LeaderMove> &moves);
    // Makes every broker advertise only these versions of a request, like a
    // broker that has dropped old protocol versions.
    Error setApiVersions(ApiKey request, int minVersion, int maxVersion);

private:
    struct ClusterDeleter {
        void operator()(rd_kafka_mock_cluster_t *c) const { rd_kafka_mock_cluster_destroy(c); }
    };
    Sandbox(HandlePtr host, rd_kafka_mock_cluster_t *cluster, int brokerCount);

    // Declared in this order so the cluster is destroyed before its host handle.
    HandlePtr m_host;
    std::unique_ptr<rd_kafka_mock_cluster_t, ClusterDeleter> m_cluster;
    int m_brokerCount;

    // What the calls above changed (the mock does not say): guarded, since
    // they come from any thread.
    mutable QMutex m_stateLock;
    QSet<int> m_down;
    QMap<int, int> m_rttMs;
    // Partitions moved off a down broker: (topic, partition) -> (the broker
    // that led it first, the one leading it since). At most one entry per
    // partition of the sandbox.
    QMap<QPair<QString, int>, QPair<int, int>> m_electedAway;
};

} // namespace kafka
