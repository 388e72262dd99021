#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/configadmin.h"

#include <QObject>

#include <functional>

class AddPartitionsDialog;
class ConfigsDialog;
class ConfirmDeleteDialog;
class QAction;
class QMenu;
class QTreeView;
class QWidget;
namespace kafka {
class Connection;
}

// What can be done to the topic or broker chosen in the navigator: delete
// a topic, add partitions, truncate, and the configs of a topic or a broker.
// Owns the actions (for the menu bar, the toolbar and the navigator's
// context menu) and opens the dialog of each; the requests run on the
// network pool (Connection::runOnClient) and their answers come back to the
// dialog that asked, on the GUI thread. Destructive ones are never one
// click: each dialog asks for the topic's name or a tick first.
class TopicActions : public QObject {
    Q_OBJECT
public:
    // `connection` is asked for the window's connection each time (nullptr
    // when there is none), so a reconnect needs no bookkeeping here.
    TopicActions(QWidget *window, std::function<kafka::Connection *()> connection);

    // Follows the navigator's current row and gives it a context menu.
    void attach(QTreeView *navigator);
    void setConnected(bool connected);
    // A read-only connection profile: deleting, adding partitions,
    // truncating and config changes are disabled, `reason` in their tooltips
    // (empty: allowed again).
    void setReadOnly(const QString &reason);
    void setMetadata(const kafka::ClusterMetadata &metadata);

    QList<QAction *> actions() const;
    QAction *deleteTopicAction() const { return m_delete; }
    QAction *addPartitionsAction() const { return m_addPartitions; }
    QAction *truncateAction() const { return m_truncate; }
    QAction *topicConfigsAction() const { return m_topicConfigs; }
    QAction *brokerConfigsAction() const { return m_brokerConfigs; }
    // The menu for a navigator row: a topic's four actions, or a broker's
    // configs; nullptr for a group row.
    QMenu *contextMenuFor(const QString &topic, int brokerId);
    // A view of a topic (the replication grid) offered first in a topic's
    // context menu: `open` is given the topic clicked.
    void addTopicView(const QString &text, std::function<void(const QString &topic)> open);

    // Open the dialogs (window-modal) for `topic` or the resource; the
    // truncate dialog opens once the topic's watermarks are known.
    ConfirmDeleteDialog *openDeleteTopic(const QString &topic);
    AddPartitionsDialog *openAddPartitions(const QString &topic);
    void openTruncate(const QString &topic);
    ConfigsDialog *openConfigs(const kafka::ConfigResource &resource);

signals:
    // The cluster changed (a topic deleted, partitions added, records
    // deleted, configs applied): time to refresh what is shown.
    void clusterChanged();
    void topicDeleted(const QString &topic);

private:
    void updateActions();

    QWidget *m_window;
    std::function<kafka::Connection *()> m_connection;
    kafka::ClusterMetadata m_metadata;
    QString m_topic;
    int m_brokerId = -1;
    bool m_connected = false;
    QString m_readOnly; // why changes are disabled; empty: they are not
    QAction *m_delete;
    QAction *m_addPartitions;
    QAction *m_truncate;
    QAction *m_topicConfigs;
    QAction *m_brokerConfigs;
    QList<std::pair<QString, std::function<void(const QString &)>>> m_topicViews;
};
