#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/connection.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

namespace Ui {
class MainWindow;
}
class ClusterNavigatorModel;
class PartitionsModel;
class ConsumerPanel;
class ProducerPanel;
class QLabel;
class QStandardItemModel;

// The cluster browser: brokers and topics on the left; on the right, tabs
// with the selected topic's partitions, the producer, the consumer groups of
// this app, and any number of consumers. Every network request runs on a worker thread;
// replies are applied only if they belong to the current connection
// (a generation counter) and, for topics, to the current selection.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int RefreshIntervalMs = 5000;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the connection (local work only) and starts fetching metadata.
    // Returns false, with the reason shown, if it could not be opened.
    bool connectTo(const kafka::ConnectionSpec &spec);
    kafka::Connection *connection() const { return m_connection.get(); }
    ClusterNavigatorModel *navigatorModel() const { return m_navigator; }
    PartitionsModel *partitionsModel() const { return m_partitions; }
    ProducerPanel *producerPanel() const { return m_producer; }
    QList<ConsumerPanel *> consumerPanels() const { return m_consumers; }
    QStandardItemModel *groupsModel() const { return m_groups; }
    QString connectionStateText() const;
    QString errorText() const;
    void selectTopic(const QString &name);

public slots:
    void showConnectDialog();
    void showNewTopicDialog();
    ConsumerPanel *addConsumer();
    void refresh();

signals:
    // After each metadata reply (success or not) has been applied.
    void metadataApplied();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum class State { Disconnected, Connecting, Connected, Unreachable };

    void applyMetadata(const kafka::Result<kafka::ClusterMetadata> &result);
    void applyTopic(const kafka::Result<kafka::TopicInfo> &result);
    void refreshSelectedTopic();
    void onNavigatorSelection();
    void setState(State state, const QString &error = {});
    void updateTitle();
    // Quitting with messages in flight: true if the window may close now.
    bool settleMessagesInFlight();
    void closeConsumer(int tabIndex);
    void updateGroups();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ClusterNavigatorModel *m_navigator;
    PartitionsModel *m_partitions;
    QLabel *m_stateLabel;
    ProducerPanel *m_producer;
    QList<ConsumerPanel *> m_consumers;
    QStandardItemModel *m_groups;
    int m_consumersCreated = 0;
    QTimer m_refreshTimer;

    std::unique_ptr<kafka::Connection> m_connection;
    kafka::ClusterMetadata m_metadata;
    State m_state = State::Disconnected;
    QString m_selectedTopic;
    // Bumped on every new connection: replies from an older one are dropped.
    quint64 m_generation = 0;
    bool m_metadataPending = false;
    bool m_groupsPending = false;
    // The cluster's own view of its groups (Admin API; not on the sandbox),
    // once it has answered.
    std::optional<kafka::Result<QList<kafka::GroupInfo>>> m_clusterGroups;
    bool m_topicPending = false;
    // The user chose to wait for messages in flight before quitting.
    bool m_closeWhenSettled = false;
};
