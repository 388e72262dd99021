#pragma once

#include "clustermetadata.h"

#include <QMap>
#include <QSet>
#include <QString>

namespace kafka {

// Which brokers of one connection are not answering, from what the browser
// fetches anyway. Two signs, because a hung broker shows the first one
// before the second: partitions it leads whose watermarks could not be
// fetched from it (it is in the metadata but does not answer), and a broker
// that an earlier metadata reply listed and the latest does not (the
// controller drops a broker that stopped heartbeating, after
// broker.session.timeout.ms, 9 s by default).
class BrokerWatch {
public:
    void clear();
    void applyMetadata(const ClusterMetadata &metadata);
    void applyTopic(const TopicInfo &topic);

    // Broker ids, ascending.
    QList<int> notAnswering() const;
    // Empty while every broker answers; else one sentence naming them.
    QString summary() const;

private:
    QMap<int, BrokerInfo> m_seen;      // every broker listed since the connection opened
    QSet<int> m_listed;                // in the latest metadata
    QMap<int, QString> m_silentLeaders; // in the latest topic fetch: leader id -> why its watermarks failed
};

} // namespace kafka
