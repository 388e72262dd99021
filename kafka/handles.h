#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

// RAII owners for librdkafka objects, so that no path leaks or destroys twice.
namespace kafka {

struct ConfDeleter { void operator()(rd_kafka_conf_t *c) const { rd_kafka_conf_destroy(c); } };
// Forgets what the logger kept for the client once it is gone.
void forgetClient(const rd_kafka_t *rk);
struct HandleDeleter {
    void operator()(rd_kafka_t *rk) const
    {
        rd_kafka_destroy(rk);
        forgetClient(rk);
    }
};
struct QueueDeleter { void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); } };
struct EventDeleter { void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); } };
struct MetadataDeleter { void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); } };
struct AdminOptionsDeleter { void operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); } };
struct PartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct TopicDeleter { void operator()(rd_kafka_topic_t *t) const { rd_kafka_topic_destroy(t); } };
struct NewTopicDeleter { void operator()(rd_kafka_NewTopic_t *t) const { rd_kafka_NewTopic_destroy(t); } };

using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter>;
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;
using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter>;

} // namespace kafka
