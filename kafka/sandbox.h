#pragma once

#include "clientconfig.h"
#include "error.h"
#include "handles.h"
#include "topicspec.h"

#include <librdkafka/rdkafka_mock.h>

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
    // Takes broker `brokerId` (1..N) off the network or back on it.
    Error setBrokerDown(int brokerId, bool down);
    // Delays every answer of broker `brokerId` by `rttMs` (a slow broker or
    // link; 0: none).
    Error setBrokerRtt(int brokerId, int rttMs);
    // Makes broker `brokerId` the coordinator of group `groupId`, and the
    // leader of a partition (mock calls: the sandbox moves nothing itself).
    Error setGroupCoordinator(const QString &groupId, int brokerId);
    Error setPartitionLeader(const QString &topic, int partition, int brokerId);
    // Kafka's numbers for the requests the calls below are asked about.
    enum class ApiKey : int16_t { Produce = 0, Heartbeat = 12, SyncGroup = 14, InitProducerId = 22 };

    // Makes the next `count` requests of this kind, to whichever broker,
    // fail with `error`.
    void failNextRequests(ApiKey request, int count, rd_kafka_resp_err_t error);
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
};

} // namespace kafka
