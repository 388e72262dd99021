#include "aclsmodel.h"

AclsModel::AclsModel(QObject *parent) : QAbstractTableModel(parent) {}

void AclsModel::setAcls(const QList<kafka::AclBinding> &acls)
{
    beginResetModel();
    m_acls = acls;
    endResetModel();
}

int AclsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_acls.size());
}

int AclsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AclsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const kafka::AclBinding &acl = m_acls.at(index.row());
    switch (index.column()) {
    case PrincipalColumn: return acl.principal;
    case HostColumn: return acl.host;
    case OperationColumn: return kafka::operationName(acl.operation);
    case PermissionColumn: return kafka::permissionName(acl.permission);
    case ResourceTypeColumn: return kafka::resourceTypeName(acl.resourceType);
    case ResourceColumn: return acl.resourceName;
    case PatternColumn: return kafka::patternTypeName(acl.patternType);
    }
    return {};
}

QVariant AclsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PrincipalColumn: return tr("Principal");
    case HostColumn: return tr("Host");
    case OperationColumn: return tr("Operation");
    case PermissionColumn: return tr("Permission");
    case ResourceTypeColumn: return tr("Resource type");
    case ResourceColumn: return tr("Resource");
    case PatternColumn: return tr("Pattern");
    }
    return {};
}
