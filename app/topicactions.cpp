#include "topicactions.h"

#include "addpartitionsdialog.h"
#include "clusternavigatormodel.h"
#include "configsdialog.h"
#include "confirmdeletedialog.h"
#include "truncatedialog.h"
#include "whenready.h"

#include "kafka/configadmin.h"
#include "kafka/connection.h"
#include "kafka/topicadmin.h"

#include <QAction>
#include <QMenu>
#include <QTreeView>

namespace {
// Deleting and adding partitions wait until the metadata agrees; on a busy
// cluster that takes longer than one request.
constexpr std::chrono::seconds ChangeTimeout{30};

kafka::Error notConnected()
{
    return kafka::Error::invalid(QObject::tr("Not connected."));
}

// Said before the user confirms anything: the request will be refused.
QString sandboxNote(kafka::Connection *connection, const char *request)
{
    if (!connection || !connection->sandbox())
        return {};
    return QObject::tr("The sandbox (librdkafka's mock cluster) does not answer %1: connect to a real Kafka cluster "
                       "to do this.")
        .arg(QString::fromLatin1(request));
}
} // namespace

TopicActions::TopicActions(QWidget *window, std::function<kafka::Connection *()> connection)
    : QObject(window),
      m_window(window),
      m_connection(std::move(connection)),
      m_delete(new QAction(tr("&Delete Topic…"), this)),
      m_addPartitions(new QAction(tr("&Add Partitions…"), this)),
      m_truncate(new QAction(tr("&Truncate Topic…"), this)),
      m_topicConfigs(new QAction(tr("Topic &Configs…"), this)),
      m_brokerConfigs(new QAction(tr("&Broker Configs…"), this))
{
    m_delete->setObjectName(QStringLiteral("actionDeleteTopic"));
    m_addPartitions->setObjectName(QStringLiteral("actionAddPartitions"));
    m_truncate->setObjectName(QStringLiteral("actionTruncateTopic"));
    m_topicConfigs->setObjectName(QStringLiteral("actionTopicConfigs"));
    m_brokerConfigs->setObjectName(QStringLiteral("actionBrokerConfigs"));
    connect(m_delete, &QAction::triggered, this, [this] { openDeleteTopic(m_topic); });
    connect(m_addPartitions, &QAction::triggered, this, [this] { openAddPartitions(m_topic); });
    connect(m_truncate, &QAction::triggered, this, [this] { openTruncate(m_topic); });
    connect(m_topicConfigs, &QAction::triggered, this, [this] { openConfigs(kafka::ConfigResource::topic(m_topic)); });
    connect(m_brokerConfigs, &QAction::triggered, this, [this] {
        if (m_brokerId >= 0)
            openConfigs(kafka::ConfigResource::broker(m_brokerId));
    });
    updateActions();
}

void TopicActions::attach(QTreeView *navigator)
{
    connect(navigator->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        m_topic = current.data(ClusterNavigatorModel::TopicNameRole).toString();
        const QVariant broker = current.data(ClusterNavigatorModel::BrokerIdRole);
        m_brokerId = broker.isValid() ? broker.toInt() : -1;
        updateActions();
    });
    navigator->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(navigator, &QWidget::customContextMenuRequested, this, [this, navigator](const QPoint &pos) {
        const QModelIndex index = navigator->indexAt(pos);
        const QVariant broker = index.data(ClusterNavigatorModel::BrokerIdRole);
        QMenu *menu = contextMenuFor(index.data(ClusterNavigatorModel::TopicNameRole).toString(),
                                     broker.isValid() ? broker.toInt() : -1);
        if (menu)
            menu->popup(navigator->viewport()->mapToGlobal(pos));
    });
}

void TopicActions::setConnected(bool connected)
{
    m_connected = connected;
    updateActions();
}

void TopicActions::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    updateActions();
}

void TopicActions::setMetadata(const kafka::ClusterMetadata &metadata)
{
    m_metadata = metadata;
}

QList<QAction *> TopicActions::actions() const
{
    return {m_delete, m_addPartitions, m_truncate, m_topicConfigs, m_brokerConfigs};
}

void TopicActions::updateActions()
{
    const bool topic = m_connected && !m_topic.isEmpty();
    for (QAction *action : {m_delete, m_addPartitions, m_truncate}) {
        action->setEnabled(topic && m_readOnly.isEmpty());
        action->setToolTip(m_readOnly); // empty: the action's own (its text)
    }
    m_topicConfigs->setEnabled(topic);
    m_brokerConfigs->setEnabled(m_connected && m_brokerId >= 0);
}

QMenu *TopicActions::contextMenuFor(const QString &topic, int brokerId)
{
    if (topic.isEmpty() && brokerId < 0)
        return nullptr;
    auto *menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto add = [&](const QString &text, auto open) {
        QAction *action = menu->addAction(text, this, open);
        action->setEnabled(m_connected);
        return action;
    };
    const auto change = [&](const QString &text, auto open) {
        QAction *action = add(text, open);
        action->setEnabled(m_connected && m_readOnly.isEmpty());
        action->setToolTip(m_readOnly);
    };
    if (!topic.isEmpty()) {
        for (const auto &[text, open] : std::as_const(m_topicViews))
            menu->addAction(text, this, [open, topic] { open(topic); });
        if (!m_topicViews.isEmpty())
            menu->addSeparator();
        add(m_topicConfigs->text(), [this, topic] { openConfigs(kafka::ConfigResource::topic(topic)); });
        change(m_addPartitions->text(), [this, topic] { openAddPartitions(topic); });
        menu->addSeparator();
        change(m_truncate->text(), [this, topic] { openTruncate(topic); });
        change(m_delete->text(), [this, topic] { openDeleteTopic(topic); });
    } else {
        add(m_brokerConfigs->text(), [this, brokerId] { openConfigs(kafka::ConfigResource::broker(brokerId)); });
    }
    return menu;
}

void TopicActions::addTopicView(const QString &text, std::function<void(const QString &topic)> open)
{
    m_topicViews.append({text, std::move(open)});
}

ConfirmDeleteDialog *TopicActions::openDeleteTopic(const QString &topic)
{
    auto *dialog = new ConfirmDeleteDialog(
        tr("Delete Topic — Kafka Desk"),
        tr("Delete topic <b>%1</b> and every record in it? This cannot be undone.").arg(topic.toHtmlEscaped()), topic,
        [this, topic](const QString &) -> QFuture<kafka::Error> {
            kafka::Connection *connection = m_connection();
            if (!connection)
                return QtFuture::makeReadyFuture(notConnected());
            return connection->runOnClient(
                [topic](const kafka::ClusterClient &client) { return kafka::deleteTopic(client, topic, ChangeTimeout); });
        },
        m_window);
    dialog->setObjectName(QStringLiteral("deleteTopicDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNote(sandboxNote(m_connection(), "DeleteTopics"));
    connect(dialog, &ConfirmDeleteDialog::deleted, this, [this, topic] {
        emit topicDeleted(topic);
        emit clusterChanged();
    });
    dialog->open();
    return dialog;
}

AddPartitionsDialog *TopicActions::openAddPartitions(const QString &topic)
{
    const kafka::TopicInfo *info = m_metadata.topic(topic);
    auto *dialog = new AddPartitionsDialog(topic, info ? int(info->partitions.size()) : 0, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNote(sandboxNote(m_connection(), "CreatePartitions"));
    connect(dialog, &AddPartitionsDialog::addRequested, this, [this, dialog](const QString &name, int total) {
        kafka::Connection *connection = m_connection();
        if (!connection)
            return dialog->additionFinished(notConnected());
        auto request = [name, total](const kafka::ClusterClient &client) {
            return kafka::addPartitions(client, name, total, ChangeTimeout);
        };
        whenReady(dialog, connection->runOnClient(request), [this, dialog](const kafka::Error &err) {
            dialog->additionFinished(err);
            if (!err)
                emit clusterChanged();
        });
    });
    dialog->open();
    return dialog;
}

void TopicActions::openTruncate(const QString &topic)
{
    kafka::Connection *connection = m_connection();
    if (!connection)
        return;
    const auto open = [this](const kafka::TopicInfo &info) {
        auto *dialog = new TruncateDialog(info, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setNote(sandboxNote(m_connection(), "DeleteRecords"));
        connect(dialog, &TruncateDialog::truncateRequested, this, [this, dialog](const kafka::TruncateSpec &spec) {
            kafka::Connection *connection = m_connection();
            if (!connection)
                return dialog->truncationFinished(notConnected());
            auto request = [spec](const kafka::ClusterClient &client) {
                return kafka::truncateTopic(client, spec, ChangeTimeout);
            };
            whenReady(dialog, connection->runOnClient(request),
                      [this, dialog](const kafka::Result<QList<kafka::TruncatedPartition>> &result) {
                          dialog->truncationFinished(result);
                          if (result.ok())
                              emit clusterChanged();
                      });
        });
        dialog->open();
    };
    // The partitions' offsets help choose where to cut; without them (the
    // topic could not be read) the dialog opens with what metadata knows.
    whenReady(this, connection->fetchTopic(topic), [this, topic, open](const kafka::Result<kafka::TopicInfo> &info) {
        if (info.ok())
            return open(info.value());
        const kafka::TopicInfo *known = m_metadata.topic(topic);
        open(known ? *known : kafka::TopicInfo{topic, {}, {}});
    });
}

ConfigsDialog *TopicActions::openConfigs(const kafka::ConfigResource &resource)
{
    auto *dialog = new ConfigsDialog(resource, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setReadOnly(m_readOnly);
    const auto load = [this, dialog, resource] {
        kafka::Connection *connection = m_connection();
        if (!connection)
            return dialog->setEntries(notConnected());
        auto request = [resource](const kafka::ClusterClient &client) { return kafka::describeConfigs(client, resource); };
        whenReady(dialog, connection->runOnClient(request),
                  [dialog](const kafka::Result<QList<kafka::ConfigEntry>> &entries) { dialog->setEntries(entries); });
    };
    connect(dialog, &ConfigsDialog::loadRequested, this, load);
    connect(dialog, &ConfigsDialog::applyRequested, this, [this, dialog, resource](const kafka::ConfigPlan &plan) {
        kafka::Connection *connection = m_connection();
        if (!connection)
            return dialog->applyFinished(notConnected());
        auto request = [resource, plan](const kafka::ClusterClient &client) {
            return kafka::applyConfigPlan(client, resource, plan);
        };
        whenReady(dialog, connection->runOnClient(request), [this, dialog](const kafka::Error &err) {
            dialog->applyFinished(err);
            if (!err)
                emit clusterChanged();
        });
    });
    dialog->open();
    load();
    return dialog;
}
