#pragma once

#include "kafka/producer.h"

#include <QAbstractTableModel>

// The latest delivery reports, newest first, bounded: when full, the oldest
// rows leave. Failed rows carry librdkafka's reason in the status column.
class DeliveriesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        TopicColumn,
        PartitionColumn,
        OffsetColumn,
        KeyColumn,
        LatencyColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr int DefaultCapacity = 10000;

    explicit DeliveriesModel(QObject *parent = nullptr, int capacity = DefaultCapacity);

    int capacity() const { return m_capacity; }
    // `batch` is in report order (oldest first).
    void append(const QList<kafka::Delivery> &batch);
    void clear();
    const kafka::Delivery &deliveryAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const kafka::Delivery &delivery, int column) const;

    int m_capacity;
    QList<kafka::Delivery> m_rows; // newest first
};
