#include "headersmodel.h"

QList<kafka::Header> HeadersModel::headers() const
{
    QList<kafka::Header> out;
    for (const auto &[name, value] : m_rows)
        if (!name.isEmpty())
            out.append({name.toUtf8(), value.toUtf8()});
    return out;
}

void HeadersModel::setHeaders(const QList<kafka::Header> &headers)
{
    beginResetModel();
    m_rows.clear();
    for (const kafka::Header &h : headers)
        m_rows.append({QString::fromUtf8(h.name), QString::fromUtf8(h.value)});
    endResetModel();
}

QModelIndex HeadersModel::addRow()
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(std::pair<QString, QString>());
    endInsertRows();
    return index(row, NameColumn);
}

void HeadersModel::removeRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const auto &[name, value] = m_rows.at(index.row());
    return index.column() == NameColumn ? name : value;
}

bool HeadersModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    auto &row = m_rows[index.row()];
    (index.column() == NameColumn ? row.first : row.second) = value.toString();
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

Qt::ItemFlags HeadersModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Header") : tr("Value");
}
