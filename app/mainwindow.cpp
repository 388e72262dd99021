#include "mainwindow.h"

#include "appearance.h"
#include "appprofiles.h"
#include "clusternavigatormodel.h"
#include "connectiondialog.h"
#include "consumerpanel.h"
#include "faultsdialog.h"
#include "groupactions.h"
#include "grouplagchart.h"
#include "groupsmodel.h"
#include "newtopicdialog.h"
#include "partialsum.h"
#include "partitionsmodel.h"
#include "producerpanel.h"
#include "recentconnections.h"
#include "replicationview.h"
#include "settingswriter.h"
#include "shortcutsdialog.h"
#include "tableviews.h"
#include "topicratechart.h"
#include "topicactions.h"
#include "topicconsumers.h"
#include "ui_mainwindow.h"
#include "whenready.h"

#include "kafka/brokeradmin.h"
#include "kafka/threadreaper.h"

#include <QActionGroup>
#include <QGuiApplication>
#include <QScreen>
#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>

#include <cstdio>

namespace {

// How long an old connection (and its sandbox) is kept after a reconnect or
// the window's end for the clients that used it to end: the producer's bound
// for its last reports, then the time the consumers get to leave their groups.
constexpr int RetireConnectionBoundMs =
    ProducerPanel::RetireFlushMs + kafka::ProducerWorker::AbandonReportMs + MainWindow::StopBoundMs;

// "2 consumers and the producer", from the names of worker threads.
QString describeThreads(const QStringList &names)
{
    const qsizetype consumers = names.count(QStringLiteral("consumer"));
    const qsizetype producers = names.count(QStringLiteral("producer"));
    const qsizetype others = names.size() - consumers - producers;
    QStringList parts;
    if (consumers > 0)
        parts.append(consumers == 1 ? MainWindow::tr("1 consumer") : MainWindow::tr("%1 consumers").arg(consumers));
    if (producers > 0)
        parts.append(producers == 1 ? MainWindow::tr("the producer") : MainWindow::tr("%1 producers").arg(producers));
    if (others > 0)
        parts.append(others == 1 ? MainWindow::tr("1 other worker") : MainWindow::tr("%1 other workers").arg(others));
    if (parts.size() > 1) {
        const QString last = parts.takeLast();
        return parts.join(QStringLiteral(", ")) + MainWindow::tr(" and ") + last;
    }
    return parts.value(0);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_ui(std::make_unique<Ui::MainWindow>()),
      m_reaper(new kafka::ThreadReaper(this)),
      m_navigator(new ClusterNavigatorModel(this)),
      m_partitions(new PartitionsModel(this)),
      m_stateLabel(new QLabel(this)),
      m_producer(new ProducerPanel(this)),
      m_groups(new GroupsModel(this)),
      m_resetOffsetsButton(new QPushButton(tr("&Reset offsets…"), this)),
      m_deleteGroupButton(new QPushButton(tr("&Delete group…"), this)),
      m_deleteOffsetsButton(new QPushButton(tr("Delete o&ffsets…"), this)),
      m_addMemberButton(new QPushButton(tr("Add a &member"), this)),
      m_removeMemberButton(new QPushButton(tr("Remove a memb&er"), this)),
      m_aclsAction(new QAction(tr("&ACLs…"), this)),
      m_topicConsumers(new QLabel(this)),
      m_replication(new ReplicationView(this)),
      m_rateChart(new TopicRateChart(this)),
      m_faultsAction(new QAction(tr("&Faults…"), this))
{
    m_ui->setupUi(this);
    m_producer->setThreadReaper(m_reaper);
    m_ui->workTabs->addTab(m_producer, tr("Produce"));
    m_ui->groupsView->setModel(m_groups);
    // Refreshes change the tree in place (GroupsModel), so what the user
    // collapsed, selected or scrolled to stays; rows that appear start
    // expanded, as the whole tree does.
    connect(m_groups, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        for (int row = first; row <= last; ++row)
            m_ui->groupsView->expandRecursively(m_groups->index(row, GroupsModel::NameColumn, parent));
        m_ui->groupsView->resizeColumnToContents(GroupsModel::NameColumn);
    });
    m_ui->workTabs->addTab(m_ui->groupsPane, tr("Groups"));
    // Wide enough for its header before any group arrives.
    m_ui->groupsView->resizeColumnToContents(GroupsModel::NameColumn);
    m_ui->workTabs->insertTab(1, m_replication, tr("Replication"));
    m_ui->workTabs->insertTab(2, m_rateChart, tr("Message rate"));
    // Administration of the group selected (GroupAdmin, on the network pool).
    auto *groupActions = new QHBoxLayout;
    for (auto [button, name] : {std::pair{m_resetOffsetsButton, "resetOffsetsButton"},
                                std::pair{m_deleteGroupButton, "deleteGroupButton"},
                                std::pair{m_deleteOffsetsButton, "deleteOffsetsButton"}}) {
        button->setObjectName(QString::fromLatin1(name));
        groupActions->addWidget(button);
    }
    groupActions->addStretch();
    // Watching a group at work: members join and leave, partitions move.
    for (auto [button, name] : {std::pair{m_addMemberButton, "addMemberButton"},
                                std::pair{m_removeMemberButton, "removeMemberButton"}}) {
        button->setObjectName(QString::fromLatin1(name));
        groupActions->addWidget(button);
    }
    m_addMemberButton->setToolTip(tr("Starts one more consumer in the selected group (or in a new consumer's "
                                     "group) on its topics (or the selected topic), in a tab of its own"));
    m_removeMemberButton->setToolTip(tr("Stops the consumer of this window that joined the group last"));
    connect(m_addMemberButton, &QPushButton::clicked, this, &MainWindow::addGroupMember);
    connect(m_removeMemberButton, &QPushButton::clicked, this, &MainWindow::removeGroupMember);
    m_ui->groupsLayout->insertLayout(1, groupActions);
    connect(m_resetOffsetsButton, &QPushButton::clicked, this, &MainWindow::showResetOffsetsDialog);
    connect(m_deleteGroupButton, &QPushButton::clicked, this, &MainWindow::showDeleteGroupDialog);
    connect(m_deleteOffsetsButton, &QPushButton::clicked, this, &MainWindow::showDeleteOffsetsDialog);
    connect(m_ui->groupsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateGroupActions);
    // The selected group's lag over time (GroupLagChart), a point per groups refresh.
    auto *groupLag = m_groupLag = new GroupLagChart(this);
    m_ui->groupsLayout->addWidget(groupLag, 2);
    m_ui->groupsLayout->setStretchFactor(m_ui->groupsView, 3);
    connect(m_ui->groupsView->selectionModel(), &QItemSelectionModel::currentChanged, groupLag,
            [this, groupLag] { groupLag->setGroup(selectedGroup()); });
    connect(this, &MainWindow::groupsApplied, groupLag, [this, groupLag] {
        if (m_clusterGroups)
            groupLag->addGroups(*m_clusterGroups, QDateTime::currentMSecsSinceEpoch());
    });
    m_topicConsumers->setObjectName(QStringLiteral("topicConsumersLabel"));
    m_topicConsumers->setWordWrap(true);
    m_topicConsumers->hide();
    if (auto *box = qobject_cast<QBoxLayout *>(m_ui->detailsTitle->parentWidget()->layout()))
        box->insertWidget(box->indexOf(m_ui->detailsTitle) + 1, m_topicConsumers);
    m_aclsAction->setObjectName(QStringLiteral("actionAcls"));
    m_aclsAction->setEnabled(false);
    m_ui->menuCluster->insertAction(m_ui->actionNewConsumer, m_aclsAction);
    connect(m_aclsAction, &QAction::triggered, this, &MainWindow::showAclsDialog);
    m_faultsAction->setObjectName(QStringLiteral("actionFaults"));
    m_faultsAction->setEnabled(false);
    m_ui->menuCluster->insertAction(m_ui->actionNewConsumer, m_faultsAction);
    connect(m_faultsAction, &QAction::triggered, this, &MainWindow::showFaultsDialog);
    connect(m_replication, &ReplicationView::faultsRequested, this, &MainWindow::showFaultsDialog);
    // The fixed tabs cannot be closed; consumer tabs can.
    for (int i = 0; i < m_ui->workTabs->count(); ++i)
        m_ui->workTabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_ui->workTabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeConsumer);
    connect(m_ui->actionNewConsumer, &QAction::triggered, this, [this] {
        m_ui->workTabs->setCurrentWidget(addConsumer());
    });
    addConsumer();
    updateGroups();
    m_ui->navigatorView->setModel(m_navigator);
    m_ui->partitionsView->setModel(m_partitions);
    m_ui->partitionsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setDenseRows(m_ui->partitionsView);
    m_ui->navigatorView->header()->setSectionResizeMode(ClusterNavigatorModel::NameColumn,
                                                        QHeaderView::ResizeToContents);
    m_ui->splitter->setStretchFactor(1, 1);
    // The navigator's names and addresses fit in 260 px; the rest goes to
    // the tabs, where the consumer's table needs it (about 90 digits wide).
    m_ui->splitter->setSizes({260, 840});
    statusBar()->addPermanentWidget(m_stateLabel);

    connect(m_ui->actionConnect, &QAction::triggered, this, &MainWindow::showConnectDialog);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_ui->actionNewTopic, &QAction::triggered, this, &MainWindow::showNewTopicDialog);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &MainWindow::refresh);
    connect(m_ui->navigatorView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onNavigatorSelection);
    // A reset (new brokers or topics) loses the selection: put it back.
    connect(m_navigator, &QAbstractItemModel::modelReset, this, [this] {
        m_ui->navigatorView->expandAll();
        if (!m_selectedTopic.isEmpty())
            m_ui->navigatorView->setCurrentIndex(m_navigator->topicIndex(m_selectedTopic));
    });

    m_topicActions = new TopicActions(this, [this] { return m_connection.get(); });
    m_groupActions = new GroupActions(this);
    connect(m_groupActions, &GroupActions::groupsChanged, this, &MainWindow::refresh);
    m_topicActions->attach(m_ui->navigatorView);
    // The menus' Alt keys are letters no panel uses (Alt+C, T, V, H are
    // the Produce and Consume tabs' own): a key with two visible owners does nothing.
    QMenu *topicMenu = menuBar()->addMenu(tr("T&opic"));
    m_topicActions->addTopicView(tr("&Replication"), [this](const QString &topic) { showReplication(topic); });
    QAction *topicReplication =
        topicMenu->addAction(tr("&Replication"), this, [this] { showReplication(m_selectedTopic); });
    topicReplication->setObjectName(QStringLiteral("actionTopicReplication"));
    topicMenu->addSeparator();
    topicMenu->addActions(m_topicActions->actions());
    m_ui->toolBar->addSeparator();
    m_ui->toolBar->addActions(m_topicActions->actions());
    connect(m_topicActions, &TopicActions::clusterChanged, this, [this] {
        refresh();
        refreshSelectedTopic();
    });
    connect(m_topicActions, &TopicActions::topicDeleted, this, [this](const QString &topic) {
        if (topic != m_selectedTopic)
            return;
        m_selectedTopic.clear();
        m_partitions->clear();
        m_replication->setTopic({});
        m_rateChart->setTopic({});
        m_ui->detailsTitle->setText(tr("Topic '%1' was deleted.").arg(topic));
    });

    setUpViewAndHelpMenus();
    setUpIconsAndShortcuts(topicReplication);

    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        // First run: most of the screen, so that the consumer's table shows
        // partition, offset, timestamp, key and value side by side.
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            resize(available.size() * 0.9);
            move(available.center() - rect().center());
        }
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_ui->splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    setState(State::Disconnected);
}

MainWindow::~MainWindow()
{
    // Normally the quit sequence has stopped every client already. If not
    // (a window destroyed while in use), the panels let their threads go
    // as they are destroyed, after this; either way the connection stays
    // until those threads have ended, so no client is left talking to a
    // sandbox that is gone.
    retireConnection();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quit == Quit::Stopped) {
        // main.cpp waits for the write once the window is gone.
        SettingsWriter::write({{QStringLiteral("mainWindow/geometry"), saveGeometry()},
                               {QStringLiteral("mainWindow/state"), saveState()},
                               {QStringLiteral("mainWindow/splitter"), m_ui->splitter->saveState()}});
        return event->accept();
    }
    // The window closes itself when the clients have stopped (finishQuit).
    event->ignore();
    if (m_quit == Quit::Stopping)
        return;
    const InFlightAnswer answer = askAboutMessagesInFlight();
    if (answer != InFlightAnswer::Cancel)
        beginQuit(answer == InFlightAnswer::Abandon);
}

MainWindow::InFlightAnswer MainWindow::askAboutMessagesInFlight()
{
    const qint64 inFlight = m_producer->tally().inFlight();
    if (inFlight == 0)
        return InFlightAnswer::Wait;
    if (m_inFlightAnswer != InFlightAnswer::Ask)
        return m_inFlightAnswer;
    QMessageBox box(QMessageBox::Question, tr("Messages in flight"),
                    inFlight == 1 ? tr("1 message is still in flight.")
                                  : tr("%1 messages are still in flight.").arg(QLocale().toString(inFlight)),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Wait up to %1 s for their delivery reports, or abandon them? An abandoned message "
                              "may or may not have reached the cluster.")
                               .arg(ProducerPanel::RetireFlushMs / 1000));
    QPushButton *wait = box.addButton(tr("&Wait"), QMessageBox::AcceptRole);
    QPushButton *abandon = box.addButton(tr("&Abandon and quit"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(wait);
    box.exec();
    if (box.clickedButton() == abandon)
        return InFlightAnswer::Abandon;
    if (box.clickedButton() == wait)
        return InFlightAnswer::Wait;
    return InFlightAnswer::Cancel;
}

void MainWindow::beginQuit(bool abandonInFlight)
{
    m_quit = Quit::Stopping;
    m_refreshTimer.stop();
    ++m_generation; // replies still on their way are not wanted any more
    // Nothing new starts while the clients stop.
    centralWidget()->setEnabled(false);
    menuBar()->setEnabled(false);
    const qint64 inFlight = m_producer->tally().inFlight();
    if (abandonInFlight)
        m_abandonedMessages = inFlight;
    m_producer->shutDown(abandonInFlight);
    for (ConsumerPanel *consumer : std::as_const(m_consumers)) {
        consumer->stop();
        // An unfinished export is not waited for: cancelled, it leaves no file.
        consumer->cancelExport();
    }

    // A visible, bounded wait on the event loop: never a join.
    const int boundMs = StopBoundMs + (abandonInFlight || inFlight == 0
                                           ? kafka::ProducerWorker::AbandonReportMs
                                           : ProducerPanel::RetireFlushMs + kafka::ProducerWorker::AbandonReportMs);
    const auto showProgress = [this, inFlight, abandonInFlight] {
        if (m_quit != Quit::Stopping)
            return;
        QString text = tr("Stopping %1…").arg(describeThreads(m_reaper->liveNames()));
        if (inFlight > 0 && !abandonInFlight && m_producer->tally().inFlight() > 0)
            text += QLatin1Char(' ') + tr("%1 messages still in flight.").arg(QLocale().toString(m_producer->tally().inFlight()));
        statusBar()->showMessage(text);
    };
    showProgress();
    connect(m_reaper, &kafka::ThreadReaper::liveCountChanged, this, showProgress);
    connect(m_producer, &ProducerPanel::tallyChanged, this, showProgress);
    m_reaper->whenEnded(boundMs, this,
                        [this, boundMs](const QStringList &stillRunning) { finishQuit(stillRunning, boundMs); });
}

void MainWindow::finishQuit(const QStringList &stillRunning, int boundMs)
{
    QStringList said;
    if (m_abandonedMessages > 0)
        said.append(tr("%1 messages in flight were abandoned; they may or may not have reached the cluster.")
                        .arg(QLocale().toString(m_abandonedMessages)));
    if (!stillRunning.isEmpty()) {
        m_abandonedThreads = stillRunning;
        said.append(tr("Quitting without waiting for %1, which did not stop within %2 s.")
                        .arg(describeThreads(stillRunning))
                        .arg(boundMs / 1000));
    }
    for (const QString &line : std::as_const(said))
        std::fprintf(stderr, "kafkadesk: %s\n", qPrintable(line));
    statusBar()->showMessage(said.join(QLatin1Char(' ')));
    m_quit = Quit::Stopped;
    // Queued: with no thread to wait for this runs inside closeEvent, where
    // Qt ignores a nested close().
    QTimer::singleShot(0, this, &QWidget::close);
}

ConsumerPanel *MainWindow::addConsumer()
{
    auto *consumer = new ConsumerPanel(tr("Consumer %1").arg(++m_consumersCreated), this);
    m_consumers.append(consumer);
    consumer->setThreadReaper(m_reaper);
    consumer->setReadOnly(m_readOnly);
    consumer->setSchemaRegistry(m_schemaRegistry);
    if (m_connection)
        consumer->setConnection(m_connection->clientConfig(), m_connection->sandbox() != nullptr);
    QStringList topics;
    for (const auto &topic : std::as_const(m_metadata.topics))
        topics.append(topic.name);
    consumer->setKnownTopics(topics);
    consumer->setTopics(m_selectedTopic);
    connect(consumer, &ConsumerPanel::groupStateChanged, this, &MainWindow::updateGroups);
    m_ui->workTabs->addTab(consumer, consumer->title());
    return consumer;
}

void MainWindow::closeConsumer(int tabIndex)
{
    auto *consumer = qobject_cast<ConsumerPanel *>(m_ui->workTabs->widget(tabIndex));
    if (!consumer)
        return;
    m_consumers.removeAll(consumer);
    m_ui->workTabs->removeTab(tabIndex);
    consumer->hide();
    // Closing the consumer (leaving its group) is network work on its
    // thread: the panel goes once that is done, not before.
    if (consumer->isRunning()) {
        connect(consumer, &ConsumerPanel::stopped, consumer, &QObject::deleteLater);
        consumer->stop();
    } else {
        consumer->deleteLater();
    }
    updateGroups();
}

namespace {

QString partitionName(const kafka::TopicPartition &tp)
{
    return QStringLiteral("%1[%2]").arg(tp.topic).arg(tp.partition);
}

GroupsModel::Row partitionRow(const kafka::TopicPartition &tp, const QString &details = {})
{
    return {partitionName(tp), partitionName(tp), details, {}};
}

} // namespace

QMap<QString, QStringList> MainWindow::appGroups() const
{
    QMap<QString, QStringList> groups;
    for (ConsumerPanel *consumer : std::as_const(m_consumers)) {
        if (!consumer->isGroupMember())
            continue;
        QStringList &topics = groups[consumer->groupId()];
        for (const kafka::TopicPartition &tp : consumer->assignment())
            if (!topics.contains(tp.topic))
                topics.append(tp.topic);
    }
    return groups;
}

GroupsModel::Row MainWindow::clusterGroupRow(const kafka::GroupInfo &group)
{
    const auto number = [](qint64 n) { return n < 0 ? tr("unknown") : QLocale().toString(n); };
    GroupsModel::Row row{QStringLiteral("cluster:") + group.id, group.id, {}, {}};
    for (const kafka::GroupMemberInfo &member : group.members) {
        GroupsModel::Row m{QStringLiteral("member:") + member.memberId, member.clientId,
                           tr("member %1 on %2").arg(member.memberId, member.host), {}};
        for (const kafka::TopicPartition &tp : member.partitions)
            m.children.append(partitionRow(tp));
        row.children.append(m);
    }
    // A partition with nothing committed has no lag here (the Admin API
    // gives no position): the group's lag is then a lower bound.
    PartialSum lag;
    GroupsModel::Row offsets{QStringLiteral("offsets"), tr("committed offsets"), {}, {}};
    for (const kafka::PartitionProgress &p : group.offsets) {
        lag.add(p.lag());
        offsets.children.append(partitionRow(p.partition, tr("committed %1 · high watermark %2 · lag %3")
                                                              .arg(number(p.committed), number(p.highWatermark),
                                                                   number(p.lag()))));
    }
    if (group.offsets.isEmpty())
        offsets.details = tr("none");
    row.children.append(offsets);

    // What the cluster did not say is unknown, with the reason, never 0.
    QStringList details;
    details.append(group.state.isEmpty() ? tr("state unknown") : group.state);
    details.append(group.notDescribed.isEmpty() ? tr("members: %1").arg(group.members.size()) : tr("members: unknown"));
    details.append(group.offsets.isEmpty() ? tr("lag unknown (nothing committed)") : tr("lag %1").arg(lag.describe()));
    if (!group.partitionAssignor.isEmpty())
        details.append(tr("protocol %1").arg(group.partitionAssignor));
    for (const QString &note : {group.error, group.watermarkError, group.notDescribed})
        if (!note.isEmpty())
            details.append(note);
    row.details = details.join(QStringLiteral(" · "));
    return row;
}

QString MainWindow::selectedGroup() const
{
    QModelIndex index = m_ui->groupsView->currentIndex();
    while (index.parent().isValid())
        index = index.parent();
    const QString key = index.data(GroupsModel::KeyRole).toString();
    for (const QLatin1String prefix : {QLatin1String("cluster:"), QLatin1String("app:")})
        if (key.startsWith(prefix))
            return key.mid(prefix.size());
    return {};
}

void MainWindow::updateGroupActions()
{
    const bool enabled = m_connection && m_state == State::Connected && !selectedGroup().isEmpty();
    for (QPushButton *button : {m_resetOffsetsButton, m_deleteGroupButton, m_deleteOffsetsButton}) {
        button->setEnabled(enabled && m_readOnly.isEmpty());
        button->setToolTip(m_readOnly);
    }
    const bool connected = m_connection && m_state == State::Connected;
    m_addMemberButton->setEnabled(connected && (!selectedGroup().isEmpty() || !m_selectedTopic.isEmpty()));
    m_removeMemberButton->setEnabled(connected && lastMemberOf(selectedGroup()) != nullptr);
}

ConsumerPanel *MainWindow::lastMemberOf(const QString &group) const
{
    for (auto it = m_consumers.crbegin(); it != m_consumers.crend(); ++it)
        if ((*it)->isRunning() && (*it)->isGroupMember() && (group.isEmpty() || (*it)->groupId() == group))
            return *it;
    return nullptr;
}

void MainWindow::addGroupMember()
{
    const QString group = selectedGroup();
    const QStringList topics = group.isEmpty() ? QStringList() : topicsOfGroup(group, true);
    const QString topic = topics.isEmpty() ? m_selectedTopic : topics.join(QLatin1Char(','));
    if (topic.isEmpty())
        return;
    ConsumerPanel *consumer = addConsumer(); // its tab opens behind: the group tree is what to watch
    consumer->setTopics(topic);
    if (!group.isEmpty())
        consumer->setGroup(group);
    consumer->start();
    statusBar()->showMessage(tr("%1 joins group %2 on %3.").arg(consumer->title(), consumer->groupId(), topic), 5000);
    updateGroupActions();
}

void MainWindow::removeGroupMember()
{
    if (ConsumerPanel *consumer = lastMemberOf(selectedGroup())) {
        consumer->stop();
        statusBar()->showMessage(tr("%1 leaves group %2.").arg(consumer->title(), consumer->groupId()), 5000);
    }
    updateGroupActions();
}

QStringList MainWindow::topicsOfGroup(const QString &group, bool onlyItsOwn) const
{
    QStringList topics;
    if (m_clusterGroups && m_clusterGroups->ok())
        for (const kafka::GroupInfo &info : m_clusterGroups->value())
            if (info.id == group)
                for (const kafka::PartitionProgress &p : info.offsets)
                    if (!topics.contains(p.partition.topic))
                        topics.append(p.partition.topic);
    for (const QString &topic : appGroups().value(group))
        if (!topics.contains(topic))
            topics.append(topic);
    if (onlyItsOwn && !topics.isEmpty())
        return topics;
    // Then every other topic: a group may be given offsets in a new one.
    for (const kafka::TopicInfo &topic : m_metadata.topics)
        if (!topics.contains(topic.name))
            topics.append(topic.name);
    return topics;
}

void MainWindow::showResetOffsetsDialog()
{
    const QString group = selectedGroup();
    if (m_connection && !group.isEmpty())
        m_groupActions->openResetOffsets(m_connection.get(), group, topicsOfGroup(group, false));
}

void MainWindow::showDeleteGroupDialog()
{
    const QString group = selectedGroup();
    if (m_connection && !group.isEmpty())
        m_groupActions->openDeleteGroup(m_connection.get(), group);
}

void MainWindow::showDeleteOffsetsDialog()
{
    const QString group = selectedGroup();
    if (m_connection && !group.isEmpty())
        m_groupActions->openDeleteOffsets(m_connection.get(), group, topicsOfGroup(group, true));
}

void MainWindow::showAclsDialog()
{
    if (m_connection)
        m_groupActions->openAcls(m_connection.get());
}

void MainWindow::updateTopicConsumers()
{
    m_topicConsumers->setVisible(!m_selectedTopic.isEmpty() && m_connection);
    if (!m_clusterGroups)
        m_topicConsumers->setText(tr("Consumer groups: asking the cluster…"));
    else if (!m_clusterGroups->ok())
        m_topicConsumers->setText(tr("Consumer groups unknown: %1").arg(m_clusterGroups->error().message));
    else
        m_topicConsumers->setText(topicConsumersText(m_clusterGroups->value(), m_selectedTopic)
                                  + (m_connection && m_connection->sandbox() ? tr(" (the sandbox: only this app's groups)")
                                                                             : QString()));
}

void MainWindow::updateGroups()
{
    // The cluster's own view, where it has answered.
    QList<GroupsModel::Row> rows;
    if (m_clusterGroups && m_clusterGroups->ok())
        for (const kafka::GroupInfo &group : m_clusterGroups->value())
            rows.append(clusterGroupRow(group));

    // This app's consumers, as they see their groups.
    QMap<QString, QList<ConsumerPanel *>> appMembers;
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        if (consumer->isGroupMember())
            appMembers[consumer->groupId()].append(consumer);
    for (auto it = appMembers.cbegin(); it != appMembers.cend(); ++it) {
        GroupsModel::Row group{QStringLiteral("app:") + it.key(), tr("%1 (this app)").arg(it.key()),
                               it.value().size() == 1 ? tr("1 member in this app")
                                                      : tr("%1 members in this app").arg(it.value().size()),
                               {}};
        for (ConsumerPanel *consumer : it.value()) {
            GroupsModel::Row member{consumer->title(), consumer->title(),
                                    consumer->memberId().isEmpty() ? tr("joining…") : tr("member %1").arg(consumer->memberId()),
                                    {}};
            for (const kafka::TopicPartition &tp : consumer->assignment())
                member.children.append(partitionRow(tp));
            group.children.append(member);
        }
        rows.append(group);
    }
    m_groups->setRows(rows);
    updateGroupActions();
    updateTopicConsumers();

    QString note;
    if (!m_connection)
        note = tr("Not connected.");
    else if (m_groupsPaused)
        note = tr("Not refreshed while a broker does not answer (librdkafka 2.0.2 can crash on group requests while "
                  "a group's coordinator moves); the last answer stays below.");
    else if (m_clusterGroups && !m_clusterGroups->ok())
        note = tr("The cluster's groups could not be listed: %1").arg(m_clusterGroups->error().message);
    else if (m_connection->sandbox())
        note = kafka::Connection::sandboxGroupsNote();
    else if (!m_clusterGroups)
        note = tr("Asking the cluster for its groups…");
    else
        note = tr("%1 groups on the cluster, from the Admin API, refreshed every %2 s; then the groups of this app's "
                  "consumers.").arg(m_clusterGroups->value().size()).arg(RefreshIntervalMs / 1000);
    if (rows.isEmpty())
        note += QLatin1Char('\n') + tr("No groups yet: start a consumer in group mode.");
    m_ui->groupsNote->setText(note);
}

bool MainWindow::connectTo(const kafka::ConnectionSpec &spec)
{
    if (m_quit != Quit::Running)
        return false;
    setReadOnly(QString());
    ++m_generation;
    m_brokerWatch.clear();
    m_groupsPaused = false;
    m_metadataPending = m_topicPending = m_groupsPending = false;
    m_brokerDetailsPending = false;
    m_brokerDetailsAge.invalidate();
    m_clusterGroups.reset();
    m_refreshTimer.stop();
    m_metadata = {};
    m_selectedTopic.clear();
    m_navigator->clear();
    m_partitions->clear();
    m_replication->reset(false);
    m_rateChart->setTopic({});
    m_groupLag->clear();

    // The clients of the old connection stop first (the producer still
    // accounts for what it has in flight), and the old connection stays
    // until they have ended: released before them, it would leave a
    // consumer closing against a sandbox that is gone, and librdkafka's
    // close can then look for the group coordinator for ever.
    m_producer->disconnectProducer();
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        consumer->stop();
    retireConnection();

    auto connection = kafka::Connection::open(spec);
    if (!connection.ok()) {
        for (ConsumerPanel *consumer : std::as_const(m_consumers))
            consumer->setConnection({}, false);
        updateGroups();
        setState(State::Disconnected, connection.error().message);
        return false;
    }
    m_connection = std::move(connection).value();
    // Another cluster: the last profile's registry is not its registry.
    setSchemaRegistryUrl({});
    m_replication->reset(m_connection->sandbox() != nullptr);
    m_faultsAction->setEnabled(m_connection->sandbox() != nullptr);
    if (m_faultsDialog)
        m_faultsDialog->updateAvailability();
    m_producer->setConnection(m_connection->clientConfig());
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        consumer->setConnection(m_connection->clientConfig(), m_connection->sandbox() != nullptr);
    updateGroups();
    RecentConnections::remember(spec);
    setState(State::Connecting);
    m_refreshTimer.start();
    refresh();
    return true;
}

void MainWindow::retireConnection()
{
    if (!m_connection)
        return;
    std::shared_ptr<kafka::Connection> old = std::move(m_connection);
    ++m_retiringConnections;
    // Held by a watch on the process-wide reaper, not by this window, so
    // that it outlives the window's destruction too; released (on a pool
    // thread, by its destructor) once this window's threads running now
    // have ended.
    m_reaper->whenEnded(RetireConnectionBoundMs, kafka::ThreadReaper::processWide(),
                      [old, self = QPointer<MainWindow>(this)](const QStringList &stillRunning) {
                          if (!stillRunning.isEmpty())
                              qWarning("kafkadesk: releasing the connection to %s while %s still running",
                                       qPrintable(old->spec().displayName()), qPrintable(describeThreads(stillRunning)));
                          if (self)
                              --self->m_retiringConnections;
                      });
}

void MainWindow::showConnectDialog()
{
    if (m_quit != Quit::Running)
        return;
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || !connectTo(dialog.spec()))
        return;
    if (!dialog.readOnlyReason().isEmpty())
        setReadOnly(dialog.readOnlyReason());
    // The form's Schema Registry (the profile's, its password from the
    // keychain), for the consumers.
    setSchemaRegistry(dialog.schemaRegistry());
}

void MainWindow::setSchemaRegistry(const kafka::SchemaRegistrySettings &registry)
{
    m_schemaRegistry = registry;
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        consumer->setSchemaRegistry(m_schemaRegistry);
}

void MainWindow::showNewTopicDialog()
{
    if (!m_connection)
        return;
    QStringList existing;
    for (const auto &topic : std::as_const(m_metadata.topics))
        existing.append(topic.name);
    auto *dialog = new NewTopicDialog(existing, int(m_metadata.brokers.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_connection->sandbox())
        dialog->setNote(m_connection->sandbox()->replicaNote());
    connect(dialog, &NewTopicDialog::createRequested, this, [this, dialog](const kafka::TopicSpec &spec) {
        if (!m_connection)
            return dialog->creationFinished(kafka::Error::invalid(tr("Not connected.")));
        whenReady(dialog, m_connection->createTopic(spec), [this, dialog, name = spec.name](const kafka::Error &err) {
            dialog->creationFinished(err);
            if (!err) {
                m_selectedTopic = name;
                refresh();
            }
        });
    });
    dialog->open();
}

void MainWindow::refresh()
{
    if (!m_connection)
        return;
    if (!m_metadataPending) {
        m_metadataPending = true;
        whenReady(this, m_connection->fetchMetadata(), [this, generation = m_generation](const auto &result) {
            if (generation != m_generation)
                return;
            m_metadataPending = false;
            applyMetadata(result);
        });
    }
    refreshSelectedTopic();
    // librdkafka 2.0.2's group admin requests go through each group's
    // coordinator, and when a coordinator stops answering and moves it can
    // abort the whole process (an assertion in rd_kafka_enq_once_del_source_return,
    // librdkafka issues 3663 and 4605; seen here with a paused broker). So
    // while a broker does not answer, the groups are not asked for; the tab
    // keeps the last answer and says why.
    const bool groupsWerePaused = m_groupsPaused;
    m_groupsPaused = !m_brokerWatch.notAnswering().isEmpty();
    if (m_groupsPaused != groupsWerePaused)
        updateGroups();
    if (m_groupsPaused || m_groupsPending)
        return;
    // One refresh at a time: a tick while one is on its way is skipped.
    m_groupsPending = true;
    whenReady(this, m_connection->describeGroups(appGroups()), [this, generation = m_generation](const auto &result) {
        if (generation != m_generation)
            return;
        m_groupsPending = false;
        m_clusterGroups = result;
        updateGroups();
        emit groupsApplied();
    });
}

void MainWindow::refreshSelectedTopic()
{
    if (!m_connection || m_selectedTopic.isEmpty() || m_topicPending)
        return;
    m_topicPending = true;
    whenReady(this, m_connection->fetchTopic(m_selectedTopic),
              [this, generation = m_generation, name = m_selectedTopic](const auto &result) {
                  if (generation != m_generation)
                      return;
                  m_topicPending = false;
                  // The user may have moved on while this was in flight.
                  if (name == m_selectedTopic)
                      applyTopic(result);
                  else
                      refreshSelectedTopic();
              });
}

void MainWindow::applyMetadata(const kafka::Result<kafka::ClusterMetadata> &result)
{
    if (!result.ok()) {
        setState(State::Unreachable, result.error().message);
    } else {
        m_metadata = result.value();
        m_navigator->setMetadata(m_metadata);
        m_topicActions->setMetadata(m_metadata);
        updateBrokerDetails();
        QStringList topics;
        for (const auto &topic : std::as_const(m_metadata.topics))
            topics.append(topic.name);
        m_producer->setTopics(topics);
        for (ConsumerPanel *consumer : std::as_const(m_consumers))
            consumer->setKnownTopics(topics);
        m_brokerWatch.applyMetadata(m_metadata);
        updateReplicationBrokers();
        if (m_faultsDialog)
            m_faultsDialog->setMetadata(m_metadata);
        setState(State::Connected, m_brokerWatch.summary());
        // Show something useful at once: the first topic, until the user picks one.
        if (m_selectedTopic.isEmpty() && !m_metadata.topics.isEmpty())
            selectTopic(m_metadata.topics.first().name);
    }
    emit metadataApplied();
}

void MainWindow::updateBrokerDetails()
{
    if (!m_connection || m_brokerDetailsPending
        || (m_brokerDetailsAge.isValid() && !m_brokerDetailsAge.hasExpired(BrokerDetailsIntervalMs)))
        return;
    m_brokerDetailsPending = true;
    m_brokerDetailsAge.start();
    auto request = [](const kafka::ClusterClient &client) { return kafka::describeBrokers(client); };
    whenReady(this, m_connection->runOnClient(request),
              [this, generation = m_generation](const kafka::Result<kafka::BrokerList> &result) {
                  if (generation != m_generation)
                      return;
                  m_brokerDetailsPending = false;
                  if (result.ok())
                      m_navigator->setBrokerDetails(result.value().brokers);
              });
}

void MainWindow::applyTopic(const kafka::Result<kafka::TopicInfo> &result)
{
    if (!result.ok()) {
        m_ui->detailsTitle->setText(result.error().message);
        if (result.error().code == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
            m_partitions->clear();
        return;
    }
    const kafka::TopicInfo &topic = result.value();
    m_partitions->setTopic(topic);
    m_brokerWatch.applyTopic(topic);
    m_replication->setTopic(topic);
    updateReplicationBrokers();
    m_rateChart->addSample(topic, QDateTime::currentMSecsSinceEpoch());
    if (m_state == State::Connected)
        setState(State::Connected, m_brokerWatch.summary());
    // Partitions whose watermarks are unknown make the total a lower bound
    // ("≥ N", saying how many), never a smaller number passed off as exact.
    m_ui->detailsTitle->setText(tr("<b>%1</b> — partitions: %2 · messages: %3")
                                    .arg(topic.name.toHtmlEscaped())
                                    .arg(topic.partitions.size())
                                    .arg(m_partitions->messageTotal().describe().toHtmlEscaped()));
    updateTopicConsumers();
}

void MainWindow::onNavigatorSelection()
{
    const QString topic = m_ui->navigatorView->currentIndex().data(ClusterNavigatorModel::TopicNameRole).toString();
    if (topic.isEmpty() || topic == m_selectedTopic)
        return;
    m_selectedTopic = topic;
    m_producer->setTopic(topic);
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        if (!consumer->isRunning())
            consumer->setTopics(topic);
    m_partitions->clear();
    m_replication->setTopic({});
    m_rateChart->setTopic(topic);
    m_ui->detailsTitle->setText(tr("<b>%1</b> — loading partitions…").arg(topic.toHtmlEscaped()));
    refreshSelectedTopic();
    updateGroupActions();
}

void MainWindow::updateReplicationBrokers()
{
    // The sandbox's own record (a lock, no librdkafka call): its mock keeps
    // listing a broker that is down.
    const kafka::Sandbox *sandbox = m_connection ? m_connection->sandbox() : nullptr;
    m_replication->setBrokers(m_metadata.brokers, m_brokerWatch.notAnswering(),
                              sandbox ? sandbox->downBrokers() : QList<int>());
}

void MainWindow::showReplication(const QString &topic)
{
    if (!topic.isEmpty())
        selectTopic(topic);
    m_ui->workTabs->setCurrentWidget(m_replication);
}

FaultsDialog *MainWindow::showFaultsDialog()
{
    if (!m_faultsDialog) {
        m_faultsDialog = new FaultsDialog([this] { return m_connection.get(); }, this);
        m_faultsDialog->setObjectName(QStringLiteral("faultsDialog"));
        connect(m_faultsDialog, &FaultsDialog::clusterChanged, this, [this] {
            updateReplicationBrokers();
            refresh();
            refreshSelectedTopic();
        });
    }
    m_faultsDialog->updateAvailability();
    m_faultsDialog->setMetadata(m_metadata);
    m_faultsDialog->show();
    m_faultsDialog->raise();
    return m_faultsDialog;
}

void MainWindow::selectTopic(const QString &name)
{
    m_ui->navigatorView->setCurrentIndex(m_navigator->topicIndex(name));
}

void MainWindow::setState(State state, const QString &error)
{
    m_state = state;
    const bool connected = state == State::Connected;
    m_ui->actionRefresh->setEnabled(m_connection != nullptr);
    m_ui->actionNewTopic->setEnabled(connected && m_readOnly.isEmpty());
    m_ui->actionNewTopic->setToolTip(m_readOnly); // empty: the action's own
    m_topicActions->setConnected(connected);
    m_aclsAction->setEnabled(connected);
    updateGroupActions();
    m_ui->errorLabel->setText(error);
    m_ui->errorBanner->setVisible(!error.isEmpty());
    m_ui->retryButton->setVisible(state == State::Unreachable);

    const QString name = m_connection ? m_connection->spec().displayName() : QString();
    switch (state) {
    case State::Disconnected:
        m_stateLabel->setText(tr("Not connected"));
        break;
    case State::Connecting:
        m_stateLabel->setText(tr("Connecting to %1…").arg(name));
        break;
    case State::Connected:
        m_stateLabel->setText(tr("Connected to %1 · brokers: %2 · topics: %3")
                                  .arg(name)
                                  .arg(m_metadata.brokers.size())
                                  .arg(m_metadata.topics.size()));
        break;
    case State::Unreachable:
        m_stateLabel->setText(tr("Cannot reach %1 · retrying every %2 s").arg(name).arg(RefreshIntervalMs / 1000));
        break;
    }
    if (!m_readOnly.isEmpty() && state != State::Disconnected)
        m_stateLabel->setText(m_stateLabel->text() + QStringLiteral(" · ") + m_readOnly);
    updateTitle();
}

QString MainWindow::connectionStateText() const
{
    return m_stateLabel->text();
}

QString MainWindow::errorText() const
{
    return m_ui->errorBanner->isHidden() ? QString() : m_ui->errorLabel->text();
}

void MainWindow::updateTitle()
{
    const QString readOnly = m_readOnly.isEmpty() ? QString() : tr(" (read-only)");
    setWindowTitle(m_connection ? tr("%1%2 — Kafka Desk").arg(m_connection->spec().displayName(), readOnly)
                                : tr("Kafka Desk"));
}

void MainWindow::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    m_topicActions->setReadOnly(reason);
    m_groupActions->setReadOnly(reason);
    m_producer->setReadOnly(reason);
    for (ConsumerPanel *consumer : std::as_const(m_consumers))
        consumer->setReadOnly(reason);
    setState(m_state, m_ui->errorLabel->text());
}

void MainWindow::setUpViewAndHelpMenus()
{
    // View → Colours: the system's (light or dark, as the desktop is), or a
    // light or dark palette chosen here and remembered.
    QMenu *view = menuBar()->addMenu(tr("Vie&w"));
    QMenu *colours = view->addMenu(tr("&Colours"));
    auto *group = new QActionGroup(this);
    const appearance::Scheme saved = appearance::schemeFromKey(
        QSettings().value(QStringLiteral("appearance/colours")).toString());
    const struct {
        appearance::Scheme scheme;
        QString text;
        const char *name;
        QKeySequence keys;
    } choices[] = {
        {appearance::Scheme::System, tr("&System"), "actionColoursSystem", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_0)},
        {appearance::Scheme::Light, tr("&Light"), "actionColoursLight", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1)},
        {appearance::Scheme::Dark, tr("&Dark"), "actionColoursDark", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2)},
    };
    for (const auto &choice : choices) {
        QAction *action = colours->addAction(choice.text);
        action->setObjectName(QString::fromLatin1(choice.name));
        action->setShortcut(choice.keys);
        action->setCheckable(true);
        action->setChecked(choice.scheme == saved);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, scheme = choice.scheme] { setColourScheme(scheme); });
    }
    appearance::apply(saved);

    QMenu *help = menuBar()->addMenu(tr("He&lp"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("actionKeyboardShortcuts"));
}

void MainWindow::setColourScheme(appearance::Scheme scheme)
{
    appearance::apply(scheme);
    if (QAction *action = findChild<QAction *>(
            scheme == appearance::Scheme::Dark    ? QStringLiteral("actionColoursDark")
            : scheme == appearance::Scheme::Light ? QStringLiteral("actionColoursLight")
                                                  : QStringLiteral("actionColoursSystem")))
        action->setChecked(true);
    SettingsWriter::write({{QStringLiteral("appearance/colours"), appearance::schemeKey(scheme)}});
}

void MainWindow::setUpIconsAndShortcuts(QAction *topicReplication)
{
    // Theme icons where the desktop has them (KDE's Breeze, most full
    // themes); Qt 6.4 does not look up GNOME's "-symbolic" names, and
    // without a theme (a bare X server) there is none: the style's own
    // icons then, which always exist.
    const auto icon = [this](const char *theme, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QString::fromLatin1(theme), style()->standardIcon(fallback));
    };
    // The usual keys (F5, Ctrl+Q, F1: QKeySequence's standard ones are empty
    // on some platforms, so they are spelled out); otherwise Ctrl+Shift and
    // the command's initial. Help → Keyboard Shortcuts lists them.
    const struct {
        QAction *action;
        QKeySequence keys;
        QIcon icon;
    } commands[] = {
        {m_ui->actionConnect, QKeySequence(Qt::CTRL | Qt::Key_K), icon("network-connect", QStyle::SP_DriveNetIcon)},
        {m_ui->actionRefresh, QKeySequence(Qt::Key_F5), icon("view-refresh", QStyle::SP_BrowserReload)},
        {m_ui->actionNewTopic, QKeySequence(Qt::CTRL | Qt::Key_T), icon("document-new", QStyle::SP_FileIcon)},
        {m_ui->actionNewConsumer, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
         icon("go-down", QStyle::SP_ArrowDown)},
        {m_ui->actionQuit, QKeySequence(Qt::CTRL | Qt::Key_Q), icon("application-exit", QStyle::SP_DialogCloseButton)},
        {m_aclsAction, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), {}},
        {m_faultsAction, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
         icon("dialog-warning", QStyle::SP_MessageBoxWarning)},
        {topicReplication, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), {}},
        {m_topicActions->deleteTopicAction(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
         icon("edit-delete", QStyle::SP_TrashIcon)},
        {m_topicActions->addPartitionsAction(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         icon("list-add", QStyle::SP_FileDialogNewFolder)},
        {m_topicActions->truncateAction(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
         icon("edit-clear", QStyle::SP_DialogResetButton)},
        {m_topicActions->topicConfigsAction(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
         icon("document-properties", QStyle::SP_FileDialogInfoView)},
        {m_topicActions->brokerConfigsAction(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
         icon("preferences-system", QStyle::SP_ComputerIcon)},
        {findChild<QAction *>(QStringLiteral("actionKeyboardShortcuts")), QKeySequence(Qt::Key_F1),
         icon("help-contents", QStyle::SP_DialogHelpButton)},
    };
    for (const auto &command : commands) {
        command.action->setShortcut(command.keys);
        if (!command.icon.isNull())
            command.action->setIcon(command.icon);
    }
    // Icon and word: the toolbar's commands are not all familiar pictures.
    m_ui->toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), this);
    dialog.exec();
}
