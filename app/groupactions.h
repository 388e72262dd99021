#pragma once

#include <QObject>
#include <QStringList>

class QWidget;

namespace kafka {
class Connection;
}

// Consumer-group and ACL administration (a real cluster's Admin API; on the
// sandbox each dialog says it is not available), as TopicActions is for
// topics. Each dialog opens window-modal over the window: no reconnect,
// which would release the connection the dialog uses, while it is open.
class GroupActions : public QObject {
    Q_OBJECT
public:
    explicit GroupActions(QWidget *window);

    // `topics`: those the group has offsets in first, then the cluster's.
    void openResetOffsets(kafka::Connection *connection, const QString &group, const QStringList &topics);
    void openDeleteGroup(const kafka::Connection *connection, const QString &group);
    // `topics`: those the group has offsets in, one of which to choose.
    void openDeleteOffsets(const kafka::Connection *connection, const QString &group, const QStringList &topics);
    void openAcls(kafka::Connection *connection);
    // A read-only connection profile: the ACLs dialog opens read-only
    // (MainWindow disables the group changes' buttons).
    void setReadOnly(const QString &reason) { m_readOnly = reason; }

signals:
    // Offsets were reset or deleted, or a group deleted: time to refresh.
    void groupsChanged();

private:
    QWidget *m_window;
    QString m_readOnly;
};
