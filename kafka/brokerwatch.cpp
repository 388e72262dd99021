#include "brokerwatch.h"

#include <QStringList>

#include <algorithm>

namespace kafka {

void BrokerWatch::clear()
{
    m_seen.clear();
    m_listed.clear();
    m_silentLeaders.clear();
}

void BrokerWatch::applyMetadata(const ClusterMetadata &metadata)
{
    m_listed.clear();
    for (const BrokerInfo &broker : metadata.brokers) {
        m_seen[broker.id] = broker;
        m_listed.insert(broker.id);
    }
}

void BrokerWatch::applyTopic(const TopicInfo &topic)
{
    // Only the latest fetch counts: a leader is silent when none of its
    // partitions got watermarks. One that answered for any partition is
    // not, and one that leads none of them any more (its partitions moved
    // while it was away) gives no sign either way.
    m_silentLeaders.clear();
    QSet<int> answered;
    for (const PartitionInfo &p : topic.partitions) {
        if (p.leader < 0)
            continue;
        if (p.hasWatermarks())
            answered.insert(p.leader);
        else if (!p.watermarkError.isEmpty())
            m_silentLeaders[p.leader] = p.watermarkError;
    }
    for (const int leader : std::as_const(answered))
        m_silentLeaders.remove(leader);
}

QList<int> BrokerWatch::notAnswering() const
{
    QSet<int> ids(m_silentLeaders.keyBegin(), m_silentLeaders.keyEnd());
    for (auto it = m_seen.cbegin(); it != m_seen.cend(); ++it)
        if (!m_listed.contains(it.key()))
            ids.insert(it.key());
    QList<int> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

QString BrokerWatch::summary() const
{
    QStringList parts;
    for (const int id : notAnswering()) {
        const QString address = m_seen.contains(id) ? m_seen[id].address() : QStringLiteral("address unknown");
        if (!m_listed.contains(id) && m_seen.contains(id))
            parts.append(QStringLiteral("broker %1 (%2) has left the cluster's metadata: it is down or cannot reach "
                                        "the controller")
                             .arg(id)
                             .arg(address));
        else
            parts.append(QStringLiteral("broker %1 (%2) does not answer: %3").arg(id).arg(address, m_silentLeaders[id]));
    }
    if (parts.isEmpty())
        return {};
    QString text = parts.join(QStringLiteral("; "));
    text[0] = text[0].toUpper();
    return text + QStringLiteral(". Its partitions are unavailable until their leaders move or it comes back.");
}

} // namespace kafka
