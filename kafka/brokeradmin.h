#pragma once

#include "clusterclient.h"
#include "clustermetadata.h"
#include "error.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace kafka {

// A broker as the Brokers view shows it: id and address from metadata, its
// rack from its broker.rack config, and whether it is the controller.
struct BrokerDetails {
    BrokerInfo broker;
    // nullopt: unknown (rackError says why); "" when the broker has no rack.
    std::optional<QString> rack;
    QString rackError;
    bool controller = false;
    friend bool operator==(const BrokerDetails &, const BrokerDetails &) = default;
};

struct BrokerList {
    QList<BrokerDetails> brokers; // sorted by id
    int controllerId = -1;        // -1: unknown (the cluster names none of its brokers)
};

// Metadata, the controller (rd_kafka_controllerid) and each broker's
// broker.rack (DescribeConfigs, one request per broker: librdkafka 2.0.2
// takes one broker resource per call). A broker whose configs cannot be read
// keeps its rack unknown; on the sandbox every rack is unknown and says why.
Result<BrokerList> describeBrokers(const ClusterClient &client,
                                   ClusterClient::Timeout timeout = ClusterClient::DefaultTimeout);

} // namespace kafka

Q_DECLARE_METATYPE(kafka::BrokerList)
