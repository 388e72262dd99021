#pragma once

#include "kafka/acladmin.h"

#include <QAbstractTableModel>

// ACL bindings as the cluster listed them, one per row, with Kafka's own
// names for their parts. Each answer replaces the list (a reset: a listing
// is small and comes as a whole).
class AclsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PrincipalColumn, HostColumn, OperationColumn, PermissionColumn, ResourceTypeColumn, ResourceColumn,
                  PatternColumn, ColumnCount };

    explicit AclsModel(QObject *parent = nullptr);

    void setAcls(const QList<kafka::AclBinding> &acls);
    const QList<kafka::AclBinding> &acls() const { return m_acls; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<kafka::AclBinding> m_acls;
};
