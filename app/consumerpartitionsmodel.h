#pragma once

#include "kafka/record.h"

#include <QAbstractTableModel>

// Where one consumer stands on each of its partitions, refreshed every
// second: position (next offset), committed offset, high watermark, lag.
class ConsumerPartitionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TopicColumn, PartitionColumn, PositionColumn, CommittedColumn, HighWatermarkColumn, LagColumn, ColumnCount };
    // The number behind a cell (-1 when unknown), for tests and sorting.
    static constexpr int ValueRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    // Updates rows in place when the same partitions are listed; resets otherwise.
    void setProgress(QList<kafka::PartitionProgress> progress);
    const QList<kafka::PartitionProgress> &progress() const { return m_rows; }
    qint64 totalLag() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 value(const kafka::PartitionProgress &p, int column) const;

    QList<kafka::PartitionProgress> m_rows;
};
