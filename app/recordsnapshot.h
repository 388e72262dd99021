#pragma once

#include "recordstore.h"

#include <QList>

#include <algorithm>
#include <QMetaType>

// Some rows of MessagesModel as they were at one moment, for work off the
// GUI thread (export). Taking one copies no record: the store's batches and
// the list of matching rows are implicitly shared with the model, so it
// costs a step per stored batch and per range of rows, and the model may go
// on changing (or be destroyed) while another thread reads the snapshot.
// (The model's first change to its list of matching rows after a snapshot
// copies that list, 8 bytes a row: the price of not copying records.)
// A snapshot is read by one thread at a time (RecordStore::at caches).
class RecordSnapshot {
public:
    // Rows [first, first + count) of the model.
    struct RowRange {
        qint64 first = 0;
        qint64 count = 0;
    };

    RecordSnapshot() = default;
    // `visible`: with a filter, the sequence number of each row; else empty
    // and row r is the store's record firstSeq() + r. `rows` ascending and
    // not overlapping.
    RecordSnapshot(RecordStore store, bool filtered, QList<qint64> visible, QList<RowRange> rows)
        : m_store(std::move(store)), m_filtered(filtered), m_visible(std::move(visible)), m_rows(std::move(rows))
    {
        for (const RowRange &range : std::as_const(m_rows))
            m_size += range.count;
    }

    // `rows` in ascending order, overlapping or adjacent ranges joined: as
    // the constructor takes them (a view's selection comes in any order).
    static QList<RowRange> merged(QList<RowRange> rows)
    {
        std::sort(rows.begin(), rows.end(), [](const RowRange &a, const RowRange &b) { return a.first < b.first; });
        QList<RowRange> out;
        for (const RowRange &range : std::as_const(rows)) {
            if (!out.isEmpty() && range.first <= out.last().first + out.last().count) {
                RowRange &last = out.last();
                last.count = std::max(last.count, range.first + range.count - last.first);
            } else {
                out.append(range);
            }
        }
        return out;
    }

    // How many records: the rows of every range.
    qint64 size() const { return m_size; }
    const QList<RowRange> &rows() const { return m_rows; }
    // The record the model showed at row `row` when the snapshot was taken.
    kafka::RecordView recordAtRow(qint64 row) const
    {
        return m_store.at(m_filtered ? m_visible.at(row) : m_store.firstSeq() + row);
    }

private:
    RecordStore m_store;
    bool m_filtered = false;
    QList<qint64> m_visible;
    QList<RowRange> m_rows;
    qint64 m_size = 0;
};
