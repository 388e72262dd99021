#include "brokeradmin.h"

#include "configadmin.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace kafka {

Result<BrokerList> describeBrokers(const ClusterClient &client, ClusterClient::Timeout timeout)
{
    const QDeadlineTimer deadline(timeout);
    const auto left = [&] { return ClusterClient::Timeout(std::max<qint64>(1, deadline.remainingTime())); };
    auto metadata = client.fetchMetadata(left());
    if (!metadata.ok())
        return metadata.error();
    BrokerList list;
    // From the metadata just fetched: no wait. The sandbox's mock names no
    // controller (-1), which stays unknown.
    list.controllerId = rd_kafka_controllerid(client.handle(), 0);
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
