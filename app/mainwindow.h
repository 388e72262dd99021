#pragma once

#include "appearance.h"
#include "groupsmodel.h"

#include "kafka/schemaregistry.h"
#include "kafka/brokerwatch.h"
#include "kafka/clustermetadata.h"
#include "kafka/connection.h"

#include <QElapsedTimer>
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
class FaultsDialog;
class ReplicationView;
class TopicRateChart;
class GroupLagChart;
class ProducerPanel;
class QAction;
class QLabel;
class QPushButton;
class GroupActions;
class TopicActions;
namespace kafka {
class ThreadReaper;
}

// The cluster browser: brokers and topics on the left; on the right, tabs
// with the selected topic's partitions, the producer, the consumer groups of
// this app, and any number of consumers. Every network request runs on a worker thread;
// replies are applied only if they belong to the current connection
// (a generation counter) and, for topics, to the current selection.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int RefreshIntervalMs = 5000;
    // How long quitting waits for the clients' threads to end (consumers
    // leaving their groups, the producer's last reports) before it gives up
    // on them; waiting for messages in flight adds the producer's own
    // ProducerPanel::RetireFlushMs.
    static constexpr int StopBoundMs = 10000;

    // Quitting with messages in flight: wait for them, abandon them (each
    // ends as a failure), or stay. Ask shows the question.
    enum class InFlightAnswer { Ask, Wait, Abandon, Cancel };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The Schema Registry the consumers decode with (empty URL: none): the
    // connection dialog's, set after connecting; without a login by URL.
    void setSchemaRegistry(const kafka::SchemaRegistrySettings &registry);
    void setSchemaRegistryUrl(const QString &url) { setSchemaRegistry({url.trimmed(), {}, {}}); }
    QString schemaRegistryUrl() const { return m_schemaRegistry.url; }
    // Opens the connection (local work only) and starts fetching metadata.
    // Returns false, with the reason shown, if it could not be opened.
    bool connectTo(const kafka::ConnectionSpec &spec);
    // A read-only connection profile (app/profiles): every action that
    // changes the cluster (produce, new/delete topic, truncate, add
    // partitions, config edits, group resets and deletions, ACL changes) is
    // disabled, `reason` in its tooltip and the title. Empty: allowed again.
    // connectTo() starts read-write.
    void setReadOnly(const QString &reason);
    QString readOnlyReason() const { return m_readOnly; }
    kafka::Connection *connection() const { return m_connection.get(); }
    ClusterNavigatorModel *navigatorModel() const { return m_navigator; }
    PartitionsModel *partitionsModel() const { return m_partitions; }
    ProducerPanel *producerPanel() const { return m_producer; }
    QList<ConsumerPanel *> consumerPanels() const { return m_consumers; }
    GroupsModel *groupsModel() const { return m_groups; }
    // Delete, add partitions, truncate, configs: the Topic menu and the navigator's context menu.
    TopicActions *topicActions() const { return m_topicActions; }
    // The selected topic's replicas per broker (a tab), and the sandbox's
    // fault injection (nullptr until first opened).
    ReplicationView *replicationView() const { return m_replication; }
    FaultsDialog *faultsDialog() const { return m_faultsDialog; }
    // The selected topic's message rate over time (a tab).
    TopicRateChart *rateChart() const { return m_rateChart; }
    QString connectionStateText() const;
    QString errorText() const;
    void selectTopic(const QString &name);
    // The answer closing gives to "messages in flight" instead of asking
    // (for tests, which cannot answer a modal box inside the close).
    void setInFlightAnswer(InFlightAnswer answer) { m_inFlightAnswer = answer; }
    // Quitting stops every client first and closes when their threads have
    // ended, or after its bound; these had not ended then (thread names).
    // The process must not wait for them on its way out.
    QStringList abandonedThreads() const { return m_abandonedThreads; }
    bool isQuitting() const { return m_quit != Quit::Running; }
    // Old connections kept until the clients that used them have ended.
    int retiringConnections() const { return m_retiringConnections; }
    // Counts the worker threads of this window's clients until they end.
    kafka::ThreadReaper *threadReaper() const { return m_reaper; }

public slots:
    void showConnectDialog();
    void showNewTopicDialog();
    // Group administration on the group selected in the Groups tab (a real
    // cluster's Admin API; on the sandbox each says it is not available).
    void showResetOffsetsDialog();
    void showDeleteGroupDialog();
    void showDeleteOffsetsDialog();
    // The cluster's ACLs (list with filters, create, delete).
    void showAclsDialog();
    // The Replication tab for `topic` (selected in the navigator first).
    void showReplication(const QString &topic);
    // View → Colours: applies the scheme and remembers it.
    void setColourScheme(appearance::Scheme scheme);
    // Help → Keyboard Shortcuts.
    void showShortcuts();
    // The Groups tab's "Add a member" / "Remove a member": a consumer of this
    // window joins the selected group (or a new consumer's) on its topics
    // (or the selected topic), or the last one to join leaves.
    void addGroupMember();
    void removeGroupMember();
    // Non-modal; its controls are disabled on a real cluster, saying why.
    FaultsDialog *showFaultsDialog();
    ConsumerPanel *addConsumer();
    void refresh();

signals:
    // After each metadata reply (success or not) has been applied.
    void metadataApplied();
    // After each answer about the consumer groups has been applied.
    void groupsApplied();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setUpViewAndHelpMenus();
    ConsumerPanel *lastMemberOf(const QString &group) const; // empty group: any
    void setUpIconsAndShortcuts(QAction *topicReplication);
    enum class State { Disconnected, Connecting, Connected, Unreachable };
    enum class Quit { Running, Stopping, Stopped };

    void applyMetadata(const kafka::Result<kafka::ClusterMetadata> &result);
    void applyTopic(const kafka::Result<kafka::TopicInfo> &result);
    void refreshSelectedTopic();
    void onNavigatorSelection();
    void setState(State state, const QString &error = {});
    void updateTitle();
    InFlightAnswer askAboutMessagesInFlight();
    // The quit sequence: stop every client, then close once their threads
    // have ended or the bound has passed (finishQuit).
    void beginQuit(bool abandonInFlight);
    void finishQuit(const QStringList &stillRunning, int boundMs);
    // Keeps the current connection until the threads running now have ended.
    void retireConnection();
    void closeConsumer(int tabIndex);
    void updateGroups();
    // Racks and the controller for the navigator: after connecting, then at
    // most every BrokerDetailsIntervalMs (DescribeConfigs per broker).
    void updateBrokerDetails();
    static constexpr int BrokerDetailsIntervalMs = 30000;
    // The groups of this app's consumers, with the topics they were given.
    QMap<QString, QStringList> appGroups() const;
    static GroupsModel::Row clusterGroupRow(const kafka::GroupInfo &group);
    // The group of the row selected in the Groups tab (a cluster's group or
    // this app's), or empty.
    QString selectedGroup() const;
    void updateGroupActions();
    // Under the selected topic: the groups that consume it, with their lag.
    void updateTopicConsumers();
    // The replication grid's brokers: listed, not answering, taken down.
    void updateReplicationBrokers();
    // The topics a group has offsets in (as last described), else every topic.
    QStringList topicsOfGroup(const QString &group, bool onlyItsOwn) const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    kafka::ThreadReaper *m_reaper; // before the panels, which use it
    ClusterNavigatorModel *m_navigator;
    PartitionsModel *m_partitions;
    QLabel *m_stateLabel;
    ProducerPanel *m_producer;
    QList<ConsumerPanel *> m_consumers;
    GroupsModel *m_groups;
    TopicActions *m_topicActions;
    GroupActions *m_groupActions;
    QPushButton *m_resetOffsetsButton;
    QPushButton *m_deleteGroupButton;
    QPushButton *m_deleteOffsetsButton;
    QPushButton *m_addMemberButton;
    QPushButton *m_removeMemberButton;
    QAction *m_aclsAction;
    QString m_readOnly; // why changes are disabled; empty: they are not
    QLabel *m_topicConsumers;
    ReplicationView *m_replication;
    TopicRateChart *m_rateChart;
    GroupLagChart *m_groupLag = nullptr;
    FaultsDialog *m_faultsDialog = nullptr;
    QAction *m_faultsAction;
    int m_consumersCreated = 0;
    QTimer m_refreshTimer;

    std::unique_ptr<kafka::Connection> m_connection;
    kafka::ClusterMetadata m_metadata;
    // Brokers that stopped answering, shown in the error banner.
    kafka::BrokerWatch m_brokerWatch;
    State m_state = State::Disconnected;
    QString m_selectedTopic;
    // Bumped on every new connection: replies from an older one are dropped.
    quint64 m_generation = 0;
    bool m_metadataPending = false;
    bool m_groupsPending = false;
    bool m_groupsPaused = false; // not asked for while a broker does not answer (see refresh())
    // The cluster's own view of its groups (Admin API; not on the sandbox),
    // once it has answered.
    std::optional<kafka::Result<QList<kafka::GroupInfo>>> m_clusterGroups;
    bool m_topicPending = false;
    bool m_brokerDetailsPending = false;
    QElapsedTimer m_brokerDetailsAge; // invalid: not asked for on this connection
    int m_retiringConnections = 0;
    Quit m_quit = Quit::Running;
    InFlightAnswer m_inFlightAnswer = InFlightAnswer::Ask;
    qint64 m_abandonedMessages = 0; // in flight when the user chose to abandon them
    QStringList m_abandonedThreads;
    kafka::SchemaRegistrySettings m_schemaRegistry;
};
