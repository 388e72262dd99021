#include "replicationmodel.h"

#include "appearance.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QSet>

#include <algorithm>

namespace {
// Fixed pairs of background and text, so that every cell reads the same in
// a light and a dark palette.
QColor background(ReplicationModel::Cell cell)
{
    switch (cell) {
    case ReplicationModel::Cell::Leader: return QColor(0x2e, 0x7d, 0x32);
    case ReplicationModel::Cell::InSync: return QColor(0xa5, 0xd6, 0xa7);
    case ReplicationModel::Cell::OutOfSync: return QColor(0xff, 0xcc, 0x80);
    case ReplicationModel::Cell::Offline: return QColor(0xe5, 0x73, 0x73);
    case ReplicationModel::Cell::None: break;
    }
    return {};
}

QColor foreground(ReplicationModel::Cell cell)
{
    return cell == ReplicationModel::Cell::Leader ? QColor(Qt::white) : QColor(Qt::black);
}
} // namespace

QString ReplicationModel::cellText(Cell cell)
{
    switch (cell) {
    case Cell::Leader: return tr("leader");
    case Cell::InSync: return tr("in sync");
    case Cell::OutOfSync: return tr("out of sync");
    case Cell::Offline: return tr("offline");
    case Cell::None: break;
    }
    return {};
}

QList<int> ReplicationModel::columnsFor(const kafka::TopicInfo &topic) const
{
    QSet<int> ids(m_seen.keyBegin(), m_seen.keyEnd());
    for (const kafka::PartitionInfo &p : topic.partitions) {
        for (const int replica : p.replicas)
            ids.insert(replica);
        if (p.leader >= 0)
            ids.insert(p.leader);
    }
    QList<int> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void ReplicationModel::apply(const kafka::TopicInfo &topic)
{
    const QList<int> columns = columnsFor(topic);
    const bool sameShape = topic.name == m_topic.name && topic.partitions.size() == m_topic.partitions.size()
                        && columns == m_columns;
    if (!sameShape) {
        beginResetModel();
        m_topic = topic;
        m_columns = columns;
        endResetModel();
        return;
    }
    m_topic = topic;
    if (!m_columns.isEmpty()) {
        emit headerDataChanged(Qt::Horizontal, 0, int(m_columns.size()) - 1);
        if (!m_topic.partitions.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_topic.partitions.size()) - 1, int(m_columns.size()) - 1));
    }
}

void ReplicationModel::setTopic(const kafka::TopicInfo &topic)
{
    apply(topic);
}

void ReplicationModel::setBrokers(const QList<kafka::BrokerInfo> &listed, const QMap<int, QString> &down)
{
    m_listed.clear();
    for (const kafka::BrokerInfo &broker : listed) {
        m_seen[broker.id] = broker;
        m_listed.append(broker.id);
    }
    m_down = down;
    apply(m_topic);
}

void ReplicationModel::clear()
{
    beginResetModel();
    m_topic = {};
    m_seen.clear();
    m_listed.clear();
    m_down.clear();
    m_columns.clear();
    endResetModel();
}

QString ReplicationModel::downReason(int brokerId) const
{
    if (m_down.contains(brokerId))
        return m_down.value(brokerId);
    if (m_listed.contains(brokerId))
        return {};
    if (m_seen.contains(brokerId))
        return tr("has left the cluster's metadata: it is down or cannot reach the controller");
    // Named by a replica list, never listed as a broker (or no metadata yet).
    return m_listed.isEmpty() ? QString() : tr("is not in the cluster's metadata");
}

ReplicationModel::Cell ReplicationModel::cell(int row, int brokerId) const
{
    if (row < 0 || row >= m_topic.partitions.size())
        return Cell::None;
    const kafka::PartitionInfo &p = m_topic.partitions[row];
    if (p.leader != brokerId && !p.replicas.contains(brokerId))
        return Cell::None;
    if (!isBrokerUp(brokerId))
        return Cell::Offline;
    if (p.leader == brokerId)
        return Cell::Leader;
    return p.inSyncReplicas.contains(brokerId) ? Cell::InSync : Cell::OutOfSync;
}

int ReplicationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_topic.partitions.size());
}

int ReplicationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ReplicationModel::cellToolTip(const kafka::PartitionInfo &partition, int brokerId, Cell cell) const
{
    const QString where = tr("Partition %1 on broker %2").arg(partition.id).arg(brokerId);
    switch (cell) {
    case Cell::None: return tr("%1: no replica").arg(where);
    case Cell::Leader: return tr("%1: the leader (producers and consumers talk to it)").arg(where);
    case Cell::InSync: return tr("%1: a follower in sync (can take over as leader)").arg(where);
    case Cell::OutOfSync:
        return tr("%1: a follower out of sync (behind the leader; not eligible as leader)").arg(where);
    case Cell::Offline:
        return partition.leader == brokerId
                 ? tr("%1: the leader, but the broker %2. The partition is unavailable until its leader moves or "
                      "the broker comes back.").arg(where, downReason(brokerId))
                 : tr("%1: offline, the broker %2").arg(where, downReason(brokerId));
    }
    return {};
}

QVariant ReplicationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::PartitionInfo &partition = m_topic.partitions[index.row()];
    const int brokerId = m_columns[index.column()];
    const Cell c = cell(index.row(), brokerId);
    switch (role) {
    case Qt::DisplayRole:
        if (c == Cell::Offline && partition.leader == brokerId)
            return tr("offline leader");
        return cellText(c);
    case CellRole: return int(c);
    case Qt::ToolTipRole: return cellToolTip(partition, brokerId, c);
    case Qt::BackgroundRole: return c == Cell::None ? QVariant() : QVariant(QBrush(background(c)));
    case Qt::ForegroundRole: return c == Cell::None ? QVariant() : QVariant(QBrush(foreground(c)));
    case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
    default: return {};
    }
}

QVariant ReplicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_topic.partitions.size())
            return {};
        if (role == Qt::DisplayRole)
            return tr("Partition %1").arg(m_topic.partitions[section].id);
        if (role == Qt::ToolTipRole && m_topic.partitions[section].leader < 0)
            return tr("No leader: the partition is unavailable");
        if (role == Qt::ForegroundRole && m_topic.partitions[section].leader < 0)
            return QBrush(appearance::errorText(QApplication::palette()));
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const int id = m_columns[section];
    const QString reason = downReason(id);
    switch (role) {
    case Qt::DisplayRole:
        return reason.isEmpty() ? tr("Broker %1\nup").arg(id) : tr("Broker %1\nDOWN").arg(id);
    case BrokerIdRole: return id;
    case BrokerUpRole: return reason.isEmpty();
    case Qt::ToolTipRole: {
        const QString address = m_seen.contains(id) ? m_seen[id].address() : tr("address unknown");
        return reason.isEmpty() ? tr("Broker %1 (%2) is up").arg(id).arg(address)
                                : tr("Broker %1 (%2) %3").arg(id).arg(address, reason);
    }
    case Qt::ForegroundRole:
        return reason.isEmpty() ? QVariant() : QVariant(QBrush(appearance::errorText(QApplication::palette())));
    default: return {};
    }
}
