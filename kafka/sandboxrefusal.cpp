#include "sandboxrefusal.h"

namespace kafka {

Error sandboxRefusal(const ClusterClient &client, const QString &request, const QString &action,
                     ClusterClient::Timeout timeout)
{
    // From the client's cached metadata when it has any; else one request.
    char *id = rd_kafka_clusterid(client.handle(), int(timeout.count()));
    if (!id)
        return cannotReach(client.bootstrapServers(), RD_KAFKA_RESP_ERR__TIMED_OUT, client.handle());
    const bool mock = QByteArray(id).startsWith("mockCluster");
    rd_kafka_mem_free(client.handle(), id);
    if (!mock)
        return {};
    return {RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE,
            QStringLiteral("The sandbox (librdkafka's mock cluster) does not answer %1; connect to a real cluster to %2.")
                .arg(request, action)};
}

} // namespace kafka
