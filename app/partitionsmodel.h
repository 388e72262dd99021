#pragma once

#include "partialsum.h"

#include "kafka/clustermetadata.h"

#include <QAbstractTableModel>

// The selected topic's partitions: leader, replicas, in-sync replicas and
// watermarks, one row per partition.
class PartitionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PartitionColumn,
        LeaderColumn,
        ReplicasColumn,
        InSyncColumn,
        LowWatermarkColumn,
        HighWatermarkColumn,
        MessagesColumn,
        ColumnCount
    };
    // The raw number behind a numeric cell, for sorting and tests; an
    // invalid QVariant (not 0, not -1) where the number is unknown, so check
    // isValid() before toLongLong().
    static constexpr int ValueRole = Qt::UserRole + 1;
    // What a cell shows where its number is unknown.
    static inline const QString UnknownText = QStringLiteral("—");

    using QAbstractTableModel::QAbstractTableModel;

    QString topicName() const { return m_topic.name; }
    // Updates rows in place when the topic and its partition count are the
    // same (a refresh); resets otherwise.
    void setTopic(const kafka::TopicInfo &topic);
    void clear();
    // Messages in the topic (high − low watermark over its partitions); a
    // partition whose watermarks are unknown is counted as unknown, not as 0.
    PartialSum messageTotal() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant value(const kafka::PartitionInfo &partition, int column) const;
    QVariant display(const kafka::PartitionInfo &partition, int column) const;

    kafka::TopicInfo m_topic;
};
