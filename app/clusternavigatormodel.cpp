#include "clusternavigatormodel.h"

#include <QBrush>

namespace {
template <typename T, typename Key>
bool sameKeys(const QList<T> &a, const QList<T> &b, Key key)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [&](const T &x, const T &y) { return key(x) == key(y); });
}
} // namespace

void ClusterNavigatorModel::setMetadata(const kafka::ClusterMetadata &metadata)
{
    const bool sameShape = sameKeys(m_brokers, metadata.brokers, [](const auto &b) { return b.id; })
                        && sameKeys(m_topics, metadata.topics, [](const auto &t) { return t.name; });
    if (!sameShape)
        beginResetModel();
    m_brokers = metadata.brokers;
    m_topics = metadata.topics;
    if (!sameShape) {
        endResetModel();
        return;
    }
    for (int group = 0; group < GroupCount; ++group) {
        const QModelIndex parent = index(group, 0);
        const int rows = rowCount(parent);
        if (rows > 0)
            emit dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
    }
}

void ClusterNavigatorModel::clear()
{
    beginResetModel();
    m_brokers.clear();
    m_topics.clear();
    m_brokerDetails.clear();
    endResetModel();
}

void ClusterNavigatorModel::setBrokerDetails(const QList<kafka::BrokerDetails> &details)
{
    m_brokerDetails.clear();
    for (const kafka::BrokerDetails &broker : details)
        m_brokerDetails.insert(broker.broker.id, broker);
    const QModelIndex parent = index(BrokersGroup, 0);
    if (const int rows = rowCount(parent); rows > 0)
        emit dataChanged(index(0, 0, parent), index(rows - 1, ColumnCount - 1, parent));
}

QModelIndex ClusterNavigatorModel::topicIndex(const QString &name) const
{
    for (int row = 0; row < m_topics.size(); ++row) {
        if (m_topics[row].name == name)
            return index(row, NameColumn, index(TopicsGroup, 0));
    }
    return {};
}

QModelIndex ClusterNavigatorModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(1 + parent.row()));
}

QModelIndex ClusterNavigatorModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int ClusterNavigatorModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != GroupId || parent.column() != 0)
        return 0;
    return parent.row() == BrokersGroup ? int(m_brokers.size()) : int(m_topics.size());
}

int ClusterNavigatorModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ClusterNavigatorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId)
        return groupData(index.row(), index.column(), role);
    if (int(index.internalId() - 1) == BrokersGroup)
        return brokerData(m_brokers[index.row()], index.column(), role);
    return topicData(m_topics[index.row()], index.column(), role);
}

QVariant ClusterNavigatorModel::groupData(int group, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (column == NameColumn)
        return group == BrokersGroup ? tr("Brokers") : tr("Topics");
    return group == BrokersGroup ? QString::number(m_brokers.size()) : QString::number(m_topics.size());
}

QVariant ClusterNavigatorModel::brokerData(const kafka::BrokerInfo &broker, int column, int role) const
{
    const auto details = m_brokerDetails.constFind(broker.id);
    const bool known = details != m_brokerDetails.cend();
    switch (role) {
    case Qt::DisplayRole: {
        if (column == NameColumn)
            return known && details->controller ? tr("Broker %1 (controller)").arg(broker.id) : tr("Broker %1").arg(broker.id);
        if (!known)
            return broker.address();
        const QString rack = !details->rack ? tr("rack unknown")
                             : details->rack->isEmpty() ? tr("no rack") : tr("rack %1").arg(*details->rack);
        return QString(broker.address() + QStringLiteral(" · ") + rack);
    }
    case Qt::ToolTipRole:
        return known && !details->rack ? details->rackError : QVariant();
    case BrokerIdRole:
        return broker.id;
    default:
        return {};
    }
}

QVariant ClusterNavigatorModel::topicData(const kafka::TopicInfo &topic, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return topic.name;
        if (!topic.error.isEmpty())
            return topic.error;
        return topic.partitions.size() == 1 ? tr("1 partition") : tr("%1 partitions").arg(topic.partitions.size());
    case Qt::ToolTipRole:
        return topic.error.isEmpty() ? QVariant() : topic.error;
    case Qt::ForegroundRole:
        return topic.error.isEmpty() ? QVariant() : QBrush(Qt::red);
    case TopicNameRole:
        return topic.name;
    default:
        return {};
    }
}

QVariant ClusterNavigatorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Details");
}
