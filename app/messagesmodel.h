#pragma once

#include "messagefilter.h"
#include "recordsnapshot.h"
#include "recordstore.h"

#include "kafka/record.h"

#include <QAbstractTableModel>
#include <QDeadlineTimer>
#include <QTimer>

// Consumed messages, oldest first, in a bounded store: when it is full the
// oldest leave (beginRemoveRows) and are counted as dropped. With a filter
// only the matching messages are rows; applying a filter scans the store in
// slices of a few milliseconds, so the window stays responsive on a million
// messages or on values of megabytes (filterFinished() when done); records
// arriving under a filter go through the same slices. Payloads are never
// copied for display: they are decoded when a cell is painted. A key or
// value that the consumer decoded with a schema shows its JSON text, marked
// with a check mark (and a tooltip saying with which schema); one that did
// not decode shows why, in red.
class MessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PartitionColumn,
        OffsetColumn,
        TimestampColumn,
        KeyColumn,
        ValueColumn,
        HeadersColumn,
        SizeColumn,
        ColumnCount
    };
    // The key's or value's kafka::DecodedPart::State, as an int.
    static constexpr int DecodingRole = Qt::UserRole + 1;
    static constexpr qsizetype DefaultCapacity = 1'000'000;
    // Records leave at whichever bound they reach first: count or memory.
    static constexpr qint64 DefaultByteCapacity = qint64(1) << 30; // 1 GiB
    static constexpr int FilterSliceMs = 8;
    // How often a scan reads the clock: after this many records, or sooner
    // once this many bytes have been matched.
    static constexpr int ClockCheckRecords = 512;
    static constexpr qint64 ClockCheckBytes = 256 * 1024;

    explicit MessagesModel(QObject *parent = nullptr);

    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity);
    qint64 byteCapacity() const { return m_byteCapacity; }
    void setByteCapacity(qint64 bytes);
    qint64 storedBytes() const { return m_store.bytes(); }
    // Batches in arrival order; one insertion for all of them.
    void append(const QList<kafka::RecordBatch> &batches);
    void clear();

    qsizetype storedCount() const { return m_store.size(); }
    qint64 droppedCount() const { return m_dropped; }
    void setFilter(const MessageFilter &filter);
    bool isFiltering() const { return m_filtered && m_scanNext < m_store.endSeq(); }
    kafka::Record recordAt(int row) const; // a copy
    // The rows `rows` as they are now, sharing the records (for export).
    RecordSnapshot snapshot(QList<RecordSnapshot::RowRange> rows) const
    {
        return RecordSnapshot(m_store, m_filtered, m_visible, std::move(rows));
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void droppedChanged(qint64 dropped);
    void filterFinished();

private:
    kafka::RecordView viewAt(int row) const;
    void appendWithinCount(const QList<kafka::RecordBatch> &batches);
    void dropOldest(qsizetype count);
    void scanSlice();
    // Scans from m_scanNext until the end of the store or the deadline,
    // inserting the matching rows; true when it reached the end.
    bool scanUntil(const QDeadlineTimer &deadline);
    static qint64 examinedBytes(const kafka::RecordView &record);

    qsizetype m_capacity = DefaultCapacity;
    qint64 m_byteCapacity = DefaultByteCapacity;
    RecordStore m_store;
    qint64 m_dropped = 0;

    MessageFilter m_filter;
    bool m_filtered = false;
    QList<qint64> m_visible; // sequence numbers of matching records, ascending
    qint64 m_scanNext = 0;   // records from here on are not checked yet
    QTimer m_scanTimer;
};
