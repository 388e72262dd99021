#include "brokeradmin.h"

#include "configadmin.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace kafka {

Result<BrokerList> describeBrokers(const ClusterClient &client, ClusterClient::Timeout timeout)
{
    const QDeadlineTimer deadline(timeout);
    const auto left = [&] { return ClusterClient::timeLeft(deadline); };
    auto metadata = client.fetchMetadata(left());
    if (!metadata.ok())
        return metadata.error();
    BrokerList list;
    // From the metadata just fetched: no wait. On KRaft (Kafka 4.x) this is
    // the broker Kafka names in metadata for clients to send controller
    // requests to (it forwards them to the controller quorum, which clients
    // cannot reach). The sandbox's mock (2.0.2) names 0, no broker of its:
    // an id that is none of the brokers' is unknown.
    list.controllerId = rd_kafka_controllerid(client.handle(), 0);
    if (std::none_of(metadata.value().brokers.cbegin(), metadata.value().brokers.cend(),
                     [&](const BrokerInfo &b) { return b.id == list.controllerId; }))
        list.controllerId = -1;
    for (const BrokerInfo &broker : metadata.value().brokers) {
        BrokerDetails details;
        details.broker = broker;
        details.controller = broker.id == list.controllerId;
        auto configs = describeConfigs(client, ConfigResource::broker(broker.id), left());
        if (!configs.ok()) {
            details.rackError = configs.error().message;
        } else {
            const auto rack = std::find_if(configs.value().cbegin(), configs.value().cend(),
                                           [](const ConfigEntry &e) { return e.name == QLatin1String("broker.rack"); });
            if (rack == configs.value().cend())
                details.rackError = QStringLiteral("Broker %1 does not list broker.rack.").arg(broker.id);
            else
                details.rack = rack->value.value_or(QString());
        }
        list.brokers.append(details);
    }
    return list;
}

} // namespace kafka
