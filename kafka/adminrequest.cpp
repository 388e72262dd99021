#include "adminrequest.h"

#include "sandbox.h"

#include <algorithm>

namespace kafka {

Error refuseOnSandbox(const ClusterClient &client, const char *request, const QString &action,
                      ClusterClient::Timeout timeout)
{
    // Bounded like any request: a cluster that does not answer is reported
    // by the request itself, which then times out in its own words.
    const int waitMs = int(std::min<qint64>(timeout.count(), ClusterClient::DefaultTimeout.count()));
    char *id = rd_kafka_clusterid(client.handle(), waitMs);
    const QString clusterId = id ? QString::fromUtf8(id) : QString();
    rd_kafka_mem_free(client.handle(), id);
    if (!Sandbox::isSandboxClusterId(clusterId))
        return {};
    return {RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE,
            QStringLiteral("Cannot %1: the sandbox (librdkafka's mock cluster) does not answer %2. Connect to a real "
                           "Kafka cluster to do this.")
                .arg(action, QString::fromLatin1(request))};
}

AdminOptionsPtr adminOptions(const ClusterClient &client, rd_kafka_admin_op_t op, ClusterClient::Timeout timeout,
                             bool withOperationTimeout)
{
    char errstr[512];
    AdminOptionsPtr options(rd_kafka_AdminOptions_new(client.handle(), op));
    rd_kafka_AdminOptions_set_request_timeout(options.get(), int(timeout.count()), errstr, sizeof errstr);
    if (withOperationTimeout)
        rd_kafka_AdminOptions_set_operation_timeout(options.get(), int(timeout.count()), errstr, sizeof errstr);
    return options;
}

Error adminItemError(rd_kafka_resp_err_t err, const char *why, const QString &what)
{
    const QString reason = why && *why ? QString::fromUtf8(why) : QString::fromUtf8(rd_kafka_err2str(err));
    return {err, QStringLiteral("Cannot %1: %2").arg(what, reason)};
}

} // namespace kafka
