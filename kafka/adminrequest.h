#pragma once

#include "clusterclient.h"
#include "error.h"
#include "handles.h"

#include <QString>

#include <chrono>
#include <memory>

namespace kafka {

// What the Admin requests of topicadmin.h, configadmin.h, brokeradmin.h,
// groupadmin.h and acladmin.h share.

// RAII owners for their request objects (beside kafka/handles.h's).
struct DeleteTopicDeleter { void operator()(rd_kafka_DeleteTopic_t *t) const { rd_kafka_DeleteTopic_destroy(t); } };
struct NewPartitionsDeleter {
    void operator()(rd_kafka_NewPartitions_t *p) const { rd_kafka_NewPartitions_destroy(p); }
};
struct DeleteRecordsDeleter {
    void operator()(rd_kafka_DeleteRecords_t *r) const { rd_kafka_DeleteRecords_destroy(r); }
};
struct ConfigResourceDeleter {
    void operator()(rd_kafka_ConfigResource_t *c) const { rd_kafka_ConfigResource_destroy(c); }
};
using DeleteTopicPtr = std::unique_ptr<rd_kafka_DeleteTopic_t, DeleteTopicDeleter>;
using NewPartitionsPtr = std::unique_ptr<rd_kafka_NewPartitions_t, NewPartitionsDeleter>;
using DeleteRecordsPtr = std::unique_ptr<rd_kafka_DeleteRecords_t, DeleteRecordsDeleter>;
using ConfigResourcePtr = std::unique_ptr<rd_kafka_ConfigResource_t, ConfigResourceDeleter>;

// The sandbox (librdkafka's mock cluster, 2.0.2) answers no Admin request:
// a request for the controller waits its whole timeout for a controller the
// mock never names, and the others are refused as unsupported. So each
// request asks first, from the cluster id (metadata librdkafka usually has
// already), and on the sandbox fails at once with a sentence that says what
// to do. `request` is Kafka's name for it ("DeleteTopics"), `action` what
// the user wanted ("delete topic 'orders'").
Error refuseOnSandbox(const ClusterClient &client, const char *request, const QString &action,
                      ClusterClient::Timeout timeout);

// Admin options for `op` whose request timeout is `timeout`, and for the
// requests that have one, the same operation timeout (how long the brokers
// may take to apply it).
AdminOptionsPtr adminOptions(const ClusterClient &client, rd_kafka_admin_op_t op, ClusterClient::Timeout timeout,
                             bool withOperationTimeout = false);

// A per-item error of an Admin result in the user's words:
// "Cannot <what>: <why>", with librdkafka's text when the broker gave none.
Error adminItemError(rd_kafka_resp_err_t err, const char *why, const QString &what);

} // namespace kafka
