#pragma once

#include "partialsum.h"

#include "kafka/record.h"

#include <QAbstractTableModel>

// Where one consumer stands on each of its partitions, refreshed every
// second: position (next offset), committed offset, high watermark, lag.
class ConsumerPartitionsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TopicColumn, PartitionColumn, PositionColumn, CommittedColumn, HighWatermarkColumn, LagColumn, ColumnCount };
    // The number behind a cell, for tests and sorting; an invalid QVariant
    // (not 0, not -1) where it is unknown, so check isValid() before
    // toLongLong().
    static constexpr int ValueRole = Qt::UserRole + 1;
    // What a cell shows where its number is unknown.
    static inline const QString UnknownText = QStringLiteral("—");

    using QAbstractTableModel::QAbstractTableModel;

    // Updates rows in place when the same partitions are listed; resets otherwise.
    void setProgress(QList<kafka::PartitionProgress> progress);
    const QList<kafka::PartitionProgress> &progress() const { return m_rows; }
    // The lag over all rows; a partition whose lag is unknown is counted as
    // unknown, not as 0.
    PartialSum totalLag() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 value(const kafka::PartitionProgress &p, int column) const; // -1 when unknown
    QString unknownReason(const kafka::PartitionProgress &p, int column) const;

    QList<kafka::PartitionProgress> m_rows;
};
