#pragma once

#include "kafka/configadmin.h"

#include <QAbstractTableModel>
#include <QMap>

#include <optional>

// The configs of a topic or a broker, one row each, with the user's pending
// edits on top: a new value typed into the Value column, or a reset to the
// default. Nothing is sent from here; changes() is what a plan is made of
// (kafka::planConfigChange). Sensitive values are never shown, not even one
// the user typed.
class ConfigsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn = 0, ValueColumn, SourceColumn, FlagsColumn, ColumnCount };
    enum Role { ChangedRole = Qt::UserRole + 1 };

    explicit ConfigsModel(kafka::ConfigResource::Kind kind, QObject *parent = nullptr);

    // New entries from the cluster: pending edits are dropped.
    void setEntries(const QList<kafka::ConfigEntry> &entries);
    const QList<kafka::ConfigEntry> &entries() const { return m_entries; }
    // Shows only the resource's own overrides (and configs with a pending edit).
    void setOverridesOnly(bool overridesOnly);
    bool overridesOnly() const { return m_overridesOnly; }

    // Removes the override of the config on `row` (back to its default).
    void resetToDefault(int row);
    // Whether `row` has an override or an edit to take back.
    bool canReset(int row) const;
    void discardChanges();
    QList<kafka::ConfigChange> changes() const;
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void changesChanged();

private:
    void rebuildRows();
    void setChange(int row, std::optional<QString> value);
    const kafka::ConfigEntry &entryAt(int row) const { return m_entries[m_rows[row]]; }

    kafka::ConfigResource::Kind m_kind;
    QList<kafka::ConfigEntry> m_entries;
    QList<qsizetype> m_rows; // the entries shown, by index
    // name -> new value, or nullopt for "back to the default"
    QMap<QString, std::optional<QString>> m_changes;
    bool m_overridesOnly = false;
};
