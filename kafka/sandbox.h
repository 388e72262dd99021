#pragma once

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

    static Result<std::unique_ptr<Sandbox>> start(int brokerCount);
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    int brokerCount() const { return m_brokerCount; }
    QString bootstrapServers() const;

    // Refuses duplicates and a replication factor above the broker count
    // (the mock would silently cap it). The mock of librdkafka 2.0.2 places a
    // replica on every broker whatever the factor: see replicaNote().
    Error createTopic(const TopicSpec &spec);
    // Says, in words for the user, how the sandbox places replicas.
    QString replicaNote() const;
    // Takes broker `brokerId` (1..N) off the network or back on it.
    Error setBrokerDown(int brokerId, bool down);
    // Makes every broker advertise only these versions of a request (Kafka's
    // API key numbers, e.g. 0 for Produce), like a broker that has dropped
    // old protocol versions.
    Error setApiVersions(int apiKey, int minVersion, int maxVersion);

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
