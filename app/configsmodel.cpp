#include "configsmodel.h"

#include <QFont>

namespace {
const QString Masked = QStringLiteral("••••••••");
}

ConfigsModel::ConfigsModel(kafka::ConfigResource::Kind kind, QObject *parent)
    : QAbstractTableModel(parent), m_kind(kind)
{
}

void ConfigsModel::setEntries(const QList<kafka::ConfigEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    m_changes.clear();
    rebuildRows();
    endResetModel();
    emit changesChanged();
}

void ConfigsModel::setOverridesOnly(bool overridesOnly)
{
    if (overridesOnly == m_overridesOnly)
        return;
    beginResetModel();
    m_overridesOnly = overridesOnly;
    rebuildRows();
    endResetModel();
}

void ConfigsModel::rebuildRows()
{
    m_rows.clear();
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (!m_overridesOnly || m_entries[i].isOverrideOf(m_kind) || m_changes.contains(m_entries[i].name))
            m_rows.append(i);
}

void ConfigsModel::resetToDefault(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    setChange(row, std::nullopt);
}

bool ConfigsModel::canReset(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return false;
    const kafka::ConfigEntry &entry = entryAt(row);
    const auto change = m_changes.constFind(entry.name);
    if (change != m_changes.cend())
        return change->has_value() && entry.isOverrideOf(m_kind);
    return entry.isOverrideOf(m_kind);
}

void ConfigsModel::discardChanges()
{
    if (m_changes.isEmpty())
        return;
    beginResetModel();
    m_changes.clear();
    rebuildRows();
    endResetModel();
    emit changesChanged();
}

void ConfigsModel::setChange(int row, std::optional<QString> value)
{
    const kafka::ConfigEntry &entry = entryAt(row);
    const bool isOverride = entry.isOverrideOf(m_kind);
    // Back to what is set now: no change. (A sensitive override's value is
    // unknown, so setting it is always a change.)
    const bool same = value ? isOverride && entry.value == value : !isOverride;
    if (same)
        m_changes.remove(entry.name);
    else
        m_changes.insert(entry.name, value);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit changesChanged();
}

QList<kafka::ConfigChange> ConfigsModel::changes() const
{
    QList<kafka::ConfigChange> list;
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it)
        list.append({it.key(), it.value()});
    return list;
}

int ConfigsModel::rowOf(const QString &name) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row)
        if (m_entries[m_rows[row]].name == name)
            return int(row);
    return -1;
}

int ConfigsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConfigsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const kafka::ConfigEntry &entry = entryAt(index.row());
    const auto change = m_changes.constFind(entry.name);
    const bool changed = change != m_changes.cend();
    if (role == ChangedRole)
        return changed;
    if (role == Qt::FontRole && changed) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::EditRole && index.column() == ValueColumn)
        return entry.sensitive ? QString() : (changed ? change->value_or(QString()) : entry.value.value_or(QString()));
    if (role == Qt::ToolTipRole && index.column() == ValueColumn && !entry.sensitive && !changed)
        return entry.value ? QVariant(*entry.value) : QVariant();
    if (role == Qt::ToolTipRole && index.column() == SourceColumn && entry.isOverrideOf(m_kind) && !entry.fallback.isEmpty())
        return tr("Without this override: %1").arg(entry.fallback);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return entry.name;
    case ValueColumn:
        if (changed)
            return !change->has_value() ? tr("(default)") : entry.sensitive ? Masked : **change;
        return entry.displayValue();
    case SourceColumn:
        if (changed)
            return change->has_value() ? tr("%1 (edited)").arg(kafka::ConfigEntry::sourceName(
                                             m_kind == kafka::ConfigResource::Kind::Topic
                                                 ? kafka::ConfigEntry::Source::DynamicTopic
                                                 : kafka::ConfigEntry::Source::DynamicBroker))
                                       : tr("default (edited)");
        return kafka::ConfigEntry::sourceName(entry.source);
    case FlagsColumn: {
        QStringList flags;
        if (entry.readOnly)
            flags.append(tr("read-only"));
        if (entry.sensitive)
            flags.append(tr("sensitive"));
        return flags.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

bool ConfigsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != ValueColumn
        || !(flags(index) & Qt::ItemIsEditable))
        return false;
    setChange(index.row(), value.toString());
    return true;
}

Qt::ItemFlags ConfigsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return flags;
    const kafka::ConfigEntry &entry = entryAt(index.row());
    // Kafka marks some settable broker configs read-only once set
    // (listener.name.*): an override can always be set again.
    if (index.column() == ValueColumn && (!entry.readOnly || entry.isOverrideOf(m_kind)))
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ConfigsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case SourceColumn:
        return tr("Source");
    case FlagsColumn:
        return tr("Flags");
    default:
        return {};
    }
}
