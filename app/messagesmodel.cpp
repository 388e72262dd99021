#include "messagesmodel.h"

#include "timestamptext.h"

#include "kafka/payload.h"

#include <QColor>
#include <QDeadlineTimer>
#include <QLocale>

namespace {
constexpr int PreviewChars = 120;
}

MessagesModel::MessagesModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &MessagesModel::scanSlice);
}

void MessagesModel::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    if (storedCount() > m_capacity)
        dropOldest(storedCount() - m_capacity);
}

void MessagesModel::dropOldest(qsizetype count)
{
    count = std::min(count, storedCount());
    if (count <= 0)
        return;
    const qint64 newFirst = m_store.firstSeq() + count;
    if (!m_filtered) {
        beginRemoveRows({}, 0, int(count - 1));
        m_store.dropOldest(count);
        endRemoveRows();
    } else {
        const auto keep = std::lower_bound(m_visible.cbegin(), m_visible.cend(), newFirst);
        const qsizetype leaving = keep - m_visible.cbegin();
        if (leaving > 0)
            beginRemoveRows({}, 0, int(leaving - 1));
        m_visible.remove(0, leaving);
        m_store.dropOldest(count);
        m_scanNext = std::max(m_scanNext, m_store.firstSeq());
        if (leaving > 0)
            endRemoveRows();
    }
    m_dropped += count;
    emit droppedChanged(m_dropped);
}

void MessagesModel::setByteCapacity(qint64 bytes)
{
    m_byteCapacity = std::max<qint64>(1, bytes);
    dropOldest(m_store.oldestToDropForBytes(m_byteCapacity));
}

void MessagesModel::append(const QList<kafka::RecordBatch> &batches)
{
    appendWithinCount(batches);
    // Then the bound in bytes: a million 500 KB values would be 500 GB.
    dropOldest(m_store.oldestToDropForBytes(m_byteCapacity));
}

void MessagesModel::appendWithinCount(const QList<kafka::RecordBatch> &batches)
{
    qsizetype arriving = 0;
    for (const kafka::RecordBatch &batch : batches)
        arriving += batch.size();
    if (arriving == 0)
        return;
    // More than the whole store keeps only the newest records.
    const qsizetype skip = std::max<qsizetype>(0, arriving - m_capacity);
    const qsizetype incoming = arriving - skip;
    const bool scanDone = m_scanNext >= m_store.endSeq();
    dropOldest(storedCount() + incoming - m_capacity);
    const auto store = [this, &batches, skip] {
        for (const kafka::RecordBatch &batch : batches)
            m_store.append(batch);
        m_store.dropOldest(skip); // never rows
        if (skip > 0) {
            m_dropped += skip;
            m_scanNext = std::max(m_scanNext, m_store.firstSeq());
            emit droppedChanged(m_dropped);
        }
    };
    if (!m_filtered) {
        beginInsertRows({}, int(storedCount()), int(storedCount() + incoming - 1));
        store();
        endInsertRows();
        return;
    }
    store();
    if (!scanDone)
        return; // the running scan reaches these too
    // The new records go through the same time-bounded scan as a new filter:
    // a slice now (a small batch ends there), the rest from the event loop.
    // A batch of large values would otherwise hold the window for as long
    // as matching all of them takes.
    if (!scanUntil(QDeadlineTimer(FilterSliceMs)))
        m_scanTimer.start();
}

void MessagesModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_visible.clear();
    m_scanNext = m_store.endSeq();
    endResetModel();
}

void MessagesModel::setFilter(const MessageFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_filtered = !filter.isEmpty() && filter.isValid();
    m_visible.clear();
    m_scanNext = m_filtered ? m_store.firstSeq() : m_store.endSeq();
    endResetModel();
    if (m_filtered && isFiltering()) {
        m_scanTimer.start();
    } else {
        m_scanTimer.stop();
        emit filterFinished();
    }
}

void MessagesModel::scanSlice()
{
    if (scanUntil(QDeadlineTimer(FilterSliceMs))) {
        m_scanTimer.stop();
        emit filterFinished();
    }
}

bool MessagesModel::scanUntil(const QDeadlineTimer &deadline)
{
    QList<qint64> matching;
    const qint64 end = m_store.endSeq();
    qint64 examined = 0; // bytes matched since the clock was last read
    int checked = 0;     // records matched since then
    while (m_scanNext < end) {
        const kafka::RecordView record = m_store.at(m_scanNext);
        if (m_filter.matches(record))
            matching.append(m_scanNext);
        ++m_scanNext;
        // Reading the clock costs more than matching a small record, so it
        // is read every ClockCheckRecords records, or sooner when the bytes
        // matched add up: a single value of megabytes takes milliseconds.
        examined += examinedBytes(record);
        if ((++checked >= ClockCheckRecords || examined >= ClockCheckBytes)) {
            checked = 0;
            examined = 0;
            if (deadline.hasExpired())
                break;
        }
    }
    if (!matching.isEmpty()) {
        beginInsertRows({}, int(m_visible.size()), int(m_visible.size() + matching.size() - 1));
        m_visible.append(matching);
        endInsertRows();
    }
    return m_scanNext >= m_store.endSeq();
}

qint64 MessagesModel::examinedBytes(const kafka::RecordView &record)
{
    qint64 bytes = record.size();
    for (int h = 0; h < record.headerCount(); ++h)
        bytes += record.headerValue(h).size();
    return bytes + record.keyDecoded().text.size() + record.valueDecoded().text.size();
}

kafka::RecordView MessagesModel::viewAt(int row) const
{
    return m_store.at(m_filtered ? m_visible.at(row) : m_store.firstSeq() + row);
}

kafka::Record MessagesModel::recordAt(int row) const
{
    return viewAt(row).toRecord();
}

int MessagesModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_filtered ? m_visible.size() : storedCount());
}

int MessagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::RecordView r = viewAt(index.row());
    if (role == Qt::TextAlignmentRole) {
        const int c = index.column();
        if (c == PartitionColumn || c == OffsetColumn || c == HeadersColumn || c == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == TimestampColumn)
        return timestamptext::details(r.timestampMs(), r.timestampType());
    const bool keyOrValue = index.column() == KeyColumn || index.column() == ValueColumn;
    const kafka::RecordView::Decoded decoded =
        !keyOrValue ? kafka::RecordView::Decoded{} : index.column() == KeyColumn ? r.keyDecoded() : r.valueDecoded();
    if (role == Qt::ToolTipRole && decoded.isDecoded())
        return tr("Decoded: %1 (the bytes as they came are in the detail view as text or hex)")
            .arg(decoded.toPart().description());
    if (role == Qt::ToolTipRole && decoded.isFailed())
        return tr("Not decoded: %1 (shown as it came)").arg(QString::fromUtf8(decoded.text));
    if (role == Qt::ForegroundRole && decoded.isFailed())
        return QColor(0xaa, 0x00, 0x00);
    if (role == DecodingRole && keyOrValue)
        return int(decoded.state);
    if (role != Qt::DisplayRole)
        return {};
    // Decoded text is marked as such. A failure keeps the bytes' own
    // preview, marked, with the reason in the tooltip and the colour: a key
    // that merely starts with 0x00 (a big-endian integer) is still shown.
    if (decoded.isDecoded())
        return QString(QStringLiteral("\u2713 ") + kafka::previewText(decoded.text, PreviewChars));
    const QString failedMark = decoded.isFailed() ? QStringLiteral("\u26a0 ") : QString();
    switch (index.column()) {
    case PartitionColumn:
        return r.partition();
    case OffsetColumn:
        return r.offset();
    case TimestampColumn:
        return timestamptext::local(r.timestampMs());
    case KeyColumn:
        return r.hasKey() ? failedMark + kafka::previewText(r.key(), PreviewChars) : QString();
    case ValueColumn:
        return r.hasValue() ? failedMark + kafka::previewText(r.value(), PreviewChars) : tr("(null)");
    case HeadersColumn:
        return r.headerCount();
    case SizeColumn:
        return QLocale().toString(r.size());
    }
    return {};
}

QVariant MessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PartitionColumn: return tr("Partition");
    case OffsetColumn: return tr("Offset");
    case TimestampColumn: return tr("Timestamp");
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case HeadersColumn: return tr("Headers");
    case SizeColumn: return tr("Size");
    }
    return {};
}
