#include "deliveriesmodel.h"

#include "appearance.h"

#include "kafka/payload.h"

#include <QApplication>
#include <QBrush>
#include <QDateTime>
#include <QLocale>

DeliveriesModel::DeliveriesModel(QObject *parent, int capacity)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity))
{
}

void DeliveriesModel::append(const QList<kafka::Delivery> &batch)
{
    // Only the newest `capacity` of a large batch would stay visible.
    const qsizetype incoming = std::min<qsizetype>(batch.size(), m_capacity);
    if (incoming == 0)
        return;
    const qsizetype overflow = m_rows.size() + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, int(m_rows.size() - overflow), int(m_rows.size() - 1));
        m_rows.remove(m_rows.size() - overflow, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, 0, int(incoming - 1));
    m_rows.insert(0, incoming, kafka::Delivery{});
    for (qsizetype row = 0; row < incoming; ++row)
        m_rows[row] = batch.at(batch.size() - 1 - row);
    endInsertRows();
}

void DeliveriesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int DeliveriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeliveriesModel::display(const kafka::Delivery &d, int column) const
{
    const QString none = QStringLiteral("—");
    switch (column) {
    case TimeColumn:
        return d.reportedAtMs < 0 ? none
                                 : QDateTime::fromMSecsSinceEpoch(d.reportedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case TopicColumn:
        return d.topic;
    case PartitionColumn:
        return d.partition < 0 ? none : QString::number(d.partition);
    case OffsetColumn:
        return d.offset < 0 ? none : QLocale().toString(d.offset);
    case KeyColumn:
        return d.key ? kafka::previewText(*d.key, 80) : QString();
    case LatencyColumn:
        return d.latencyUs < 0 ? none : QLocale().toString(double(d.latencyUs) / 1000.0, 'f', 1);
    case StatusColumn:
        return d.delivered() ? tr("delivered") : d.errorText();
    }
    return {};
}

QVariant DeliveriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::Delivery &d = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(d, index.column());
    case Qt::ToolTipRole:
        return index.column() == StatusColumn || index.column() == KeyColumn ? display(d, index.column()) : QVariant();
    case Qt::ForegroundRole:
        return d.delivered() ? QVariant() : QBrush(appearance::errorText(QApplication::palette()));
    case Qt::TextAlignmentRole:
        if (index.column() == PartitionColumn || index.column() == OffsetColumn || index.column() == LatencyColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant DeliveriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Partition");
    case OffsetColumn: return tr("Offset");
    case KeyColumn: return tr("Key");
    case LatencyColumn: return tr("Latency (ms)");
    case StatusColumn: return tr("Status");
    }
    return {};
}
