#include "recordstore.h"

#include <algorithm>

void RecordStore::append(const kafka::RecordBatch &batch)
{
    if (batch.isEmpty())
        return;
    m_batches.push_back({batch, m_endSeq});
    m_endSeq += batch.size();
    m_bytes += batch.memoryBytes();
}

qsizetype RecordStore::oldestToDropForBytes(qint64 limit) const
{
    qint64 bytes = m_bytes;
    qint64 newFirst = m_firstSeq;
    for (const Batch &batch : m_batches) {
        if (bytes <= limit)
            break;
        bytes -= batch.records.memoryBytes();
        newFirst = batch.endSeq();
    }
    return qsizetype(newFirst - m_firstSeq);
}

void RecordStore::dropOldest(qsizetype count)
{
    m_firstSeq = std::min(m_endSeq, m_firstSeq + std::max<qsizetype>(0, count));
    while (!m_batches.empty() && m_batches.front().endSeq() <= m_firstSeq) {
        m_bytes -= m_batches.front().records.memoryBytes();
        m_batches.pop_front();
    }
    m_lastBatch = 0;
}

void RecordStore::clear()
{
    m_batches.clear();
    m_bytes = 0;
    m_firstSeq = m_endSeq;
    m_lastBatch = 0;
}

kafka::RecordView RecordStore::at(qint64 seq) const
{
    Q_ASSERT(seq >= m_firstSeq && seq < m_endSeq);
    const auto holds = [seq](const Batch &b) { return seq >= b.seqOfIndexZero && seq < b.endSeq(); };
    if (m_lastBatch >= m_batches.size() || !holds(m_batches[m_lastBatch])) {
        const auto found = std::partition_point(m_batches.cbegin(), m_batches.cend(),
                                                [seq](const Batch &b) { return b.endSeq() <= seq; });
        m_lastBatch = size_t(found - m_batches.cbegin());
    }
    const Batch &batch = m_batches[m_lastBatch];
    return batch.records.view(seq - batch.seqOfIndexZero);
}
