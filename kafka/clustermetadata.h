#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace kafka {

struct BrokerInfo {
    int id = -1;
    QString host;
    int port = 0;

    QString address() const { return host + QLatin1Char(':') + QString::number(port); }
    friend bool operator==(const BrokerInfo &, const BrokerInfo &) = default;
};

struct PartitionInfo {
    int id = -1;
    int leader = -1;
    QList<int> replicas;
    QList<int> inSyncReplicas;
    // Watermarks: -1 while unknown (not yet fetched, or the fetch failed:
    // then watermarkError says why).
    qint64 lowWatermark = -1;
    qint64 highWatermark = -1;
    QString watermarkError;

    bool hasWatermarks() const { return lowWatermark >= 0 && highWatermark >= 0; }
    qint64 messageCount() const { return hasWatermarks() ? highWatermark - lowWatermark : -1; }
    friend bool operator==(const PartitionInfo &, const PartitionInfo &) = default;
};

struct TopicInfo {
    QString name;
    QList<PartitionInfo> partitions;
    QString error; // a per-topic error reported by the broker, if any
    friend bool operator==(const TopicInfo &, const TopicInfo &) = default;
};

struct ClusterMetadata {
    QList<BrokerInfo> brokers;
    QList<TopicInfo> topics; // sorted by name
    int originBrokerId = -1;

    const TopicInfo *topic(const QString &name) const
    {
        for (const auto &t : topics)
            if (t.name == name)
                return &t;
        return nullptr;
    }
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::ClusterMetadata)
Q_DECLARE_METATYPE(kafka::TopicInfo)
