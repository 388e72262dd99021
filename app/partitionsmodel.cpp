#include "partitionsmodel.h"

#include <QBrush>
#include <QLocale>
#include <QStringList>

namespace {
QString idList(const QList<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts.append(QString::number(id));
    return parts.join(QStringLiteral(", "));
}

bool isWatermarkColumn(int column)
{
    return column == PartitionsModel::LowWatermarkColumn || column == PartitionsModel::HighWatermarkColumn
        || column == PartitionsModel::MessagesColumn;
}
} // namespace

void PartitionsModel::setTopic(const kafka::TopicInfo &topic)
{
    const bool sameShape = topic.name == m_topic.name && topic.partitions.size() == m_topic.partitions.size();
    if (!sameShape) {
        beginResetModel();
        m_topic = topic;
        endResetModel();
        return;
    }
    m_topic = topic;
    if (!m_topic.partitions.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_topic.partitions.size()) - 1, ColumnCount - 1));
}

void PartitionsModel::clear()
{
    setTopic({});
}

PartialSum PartitionsModel::messageTotal() const
{
    PartialSum total;
    for (const kafka::PartitionInfo &partition : m_topic.partitions)
        total.add(partition.messageCount());
    return total;
}

int PartitionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_topic.partitions.size());
}

int PartitionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartitionsModel::value(const kafka::PartitionInfo &partition, int column) const
{
    // No number where none is known: an invalid QVariant, not -1 or 0, so a
    // QSortFilterProxyModel sorting on ValueRole puts the unknowns together
    // (after every number, in either order) and nobody adds them up.
    const auto known = [](qint64 n) { return n < 0 ? QVariant() : QVariant(n); };
    switch (column) {
    case PartitionColumn: return partition.id;
    case LeaderColumn: return partition.leader; // -1 is known: the partition has no leader
    case ReplicasColumn: return int(partition.replicas.size());
    case InSyncColumn: return int(partition.inSyncReplicas.size());
    case LowWatermarkColumn: return known(partition.lowWatermark);
    case HighWatermarkColumn: return known(partition.highWatermark);
    case MessagesColumn: return known(partition.messageCount());
    default: return {};
    }
}

QVariant PartitionsModel::display(const kafka::PartitionInfo &partition, int column) const
{
    switch (column) {
    case LeaderColumn: return partition.leader < 0 ? tr("none") : QString::number(partition.leader);
    case ReplicasColumn: return idList(partition.replicas);
    case InSyncColumn: return idList(partition.inSyncReplicas);
    case PartitionColumn: return QString::number(partition.id);
    default: {
        const QVariant number = value(partition, column);
        if (number.isValid())
            return QLocale().toString(number.toLongLong());
        return partition.watermarkError.isEmpty() ? UnknownText : tr("unavailable");
    }
    }
}

QVariant PartitionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::PartitionInfo &partition = m_topic.partitions[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(partition, column);
    case ValueRole:
        return value(partition, column);
    case Qt::TextAlignmentRole:
        return (column == ReplicasColumn || column == InSyncColumn)
                 ? QVariant()
                 : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (isWatermarkColumn(column) && !value(partition, column).isValid())
            return partition.watermarkError.isEmpty()
                     ? tr("Unknown: the broker has not given this partition's watermarks")
                     : tr("Watermarks unavailable: %1").arg(partition.watermarkError);
        if (column == InSyncColumn && partition.inSyncReplicas.size() < partition.replicas.size())
            return tr("Under-replicated: %1 of %2 replicas in sync")
                .arg(partition.inSyncReplicas.size())
                .arg(partition.replicas.size());
        return {};
    case Qt::ForegroundRole:
        if ((column == LeaderColumn && partition.leader < 0)
            || (column == InSyncColumn && partition.inSyncReplicas.size() < partition.replicas.size()))
            return QBrush(Qt::red);
        return {};
    default:
        return {};
    }
}

QVariant PartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PartitionColumn: return tr("Partition");
    case LeaderColumn: return tr("Leader");
    case ReplicasColumn: return tr("Replicas");
    case InSyncColumn: return tr("In-sync replicas");
    case LowWatermarkColumn: return tr("Low watermark");
    case HighWatermarkColumn: return tr("High watermark");
    case MessagesColumn: return tr("Messages");
    default: return {};
    }
}
