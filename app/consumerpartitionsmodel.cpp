#include "consumerpartitionsmodel.h"

#include <QLocale>

void ConsumerPartitionsModel::setProgress(QList<kafka::PartitionProgress> progress)
{
    std::sort(progress.begin(), progress.end(),
              [](const auto &a, const auto &b) { return a.partition < b.partition; });
    const bool sameRows = std::equal(progress.cbegin(), progress.cend(), m_rows.cbegin(), m_rows.cend(),
                                     [](const auto &a, const auto &b) { return a.partition == b.partition; });
    if (!sameRows) {
        beginResetModel();
        m_rows = std::move(progress);
        endResetModel();
        return;
    }
    m_rows = std::move(progress);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, PositionColumn), index(int(m_rows.size()) - 1, LagColumn));
}

PartialSum ConsumerPartitionsModel::totalLag() const
{
    PartialSum total;
    for (const auto &p : m_rows)
        total.add(p.lag());
    return total;
}

int ConsumerPartitionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConsumerPartitionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ConsumerPartitionsModel::value(const kafka::PartitionProgress &p, int column) const
{
    switch (column) {
    case PartitionColumn: return p.partition.partition;
    case PositionColumn: return p.position;
    case CommittedColumn: return p.committed;
    case HighWatermarkColumn: return p.highWatermark;
    case LagColumn: return p.lag();
    }
    return -1;
}

QString ConsumerPartitionsModel::unknownReason(const kafka::PartitionProgress &p, int column) const
{
    switch (column) {
    case PositionColumn:
        return tr("Unknown: the consumer has not fetched from this partition yet.");
    case CommittedColumn:
        return tr("Unknown: the group has no committed offset for this partition (nothing committed yet), "
                  "or it has not been fetched yet.");
    case HighWatermarkColumn:
        return tr("Unknown: the consumer has not learnt this partition's high watermark yet.");
    case LagColumn:
        return p.highWatermark < 0 ? tr("Unknown: the high watermark is not known yet.")
                                   : tr("Unknown: neither a committed offset nor a position is known yet.");
    }
    return {};
}

QVariant ConsumerPartitionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::PartitionProgress &p = m_rows.at(index.row());
    if (index.column() == TopicColumn)
        return role == Qt::DisplayRole ? QVariant(p.partition.topic) : QVariant();
    const qint64 v = value(p, index.column());
    switch (role) {
    case ValueRole:
        // Invalid, not -1, where unknown: a QSortFilterProxyModel sorts
        // those together after every number, and nobody adds them up.
        return v < 0 ? QVariant() : QVariant(v);
    case Qt::DisplayRole:
        return v < 0 ? UnknownText : QLocale().toString(v);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (v < 0)
            return unknownReason(p, index.column());
        if (index.column() == LagColumn)
            return tr("High watermark minus the committed offset (minus the position while nothing is committed).");
        return {};
    }
    return {};
}

QVariant ConsumerPartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Partition");
    case PositionColumn: return tr("Position");
    case CommittedColumn: return tr("Committed");
    case HighWatermarkColumn: return tr("High watermark");
    case LagColumn: return tr("Lag");
    }
    return {};
}
