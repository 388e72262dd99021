#pragma once

#include "kafka/recordbatch.h"

#include <deque>

// Consumed records in arrival order, each with a sequence number that never
// changes (the first record ever appended is 0). Records are kept in the
// batches they arrived in: appending shares the batch rather than copying
// each record, so the GUI thread's cost is per batch, not per record
// (copying 650,000 records a second took as long as consuming them). When
// the oldest leave, a batch is released once all of its records have left,
// so up to one batch more than size() may stay in memory.
class RecordStore {
public:
    qint64 firstSeq() const { return m_firstSeq; }
    qint64 endSeq() const { return m_endSeq; }
    qsizetype size() const { return qsizetype(m_endSeq - m_firstSeq); }
    // The memory the stored batches hold (RecordBatch::memoryBytes).
    qint64 bytes() const { return m_bytes; }
    // How many of the oldest records must leave, whole batches at a time,
    // for bytes() to be at most `limit`.
    qsizetype oldestToDropForBytes(qint64 limit) const;

    void append(const kafka::RecordBatch &batch);
    // Removes the `count` oldest records (at most size()).
    void dropOldest(qsizetype count);
    void clear();

    // The record with sequence number `seq`, firstSeq() <= seq < endSeq(),
    // read in place: valid until it leaves the store.
    kafka::RecordView at(qint64 seq) const;

private:
    struct Batch {
        kafka::RecordBatch records;
        qint64 seqOfIndexZero; // records.view(i) has sequence number seqOfIndexZero + i
        qint64 endSeq() const { return seqOfIndexZero + records.size(); }
    };
    std::deque<Batch> m_batches;
    qint64 m_firstSeq = 0;
    qint64 m_endSeq = 0;
    qint64 m_bytes = 0;
    // The batch the last at() found: views and scans ask for neighbours.
    mutable size_t m_lastBatch = 0;
};
