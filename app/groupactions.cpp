#include "groupactions.h"

#include "aclsdialog.h"
#include "confirmdeletedialog.h"
#include "resetoffsetsdialog.h"

#include "kafka/connection.h"
#include "kafka/groupadmin.h"

GroupActions::GroupActions(QWidget *window) : QObject(window), m_window(window) {}

void GroupActions::openResetOffsets(kafka::Connection *connection, const QString &group, const QStringList &topics)
{
    auto *dialog = new ResetOffsetsDialog(connection, group, topics, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ResetOffsetsDialog::applyFinished, this, [this](bool changed) {
        if (changed)
            emit groupsChanged();
    });
    dialog->open();
}

void GroupActions::openDeleteGroup(const kafka::Connection *connection, const QString &group)
{
    auto *dialog = new ConfirmDeleteDialog(
        tr("Delete group %1").arg(group),
        tr("Deletes consumer group <b>%1</b> and all its committed offsets. Kafka deletes a group only when it has no "
           "active members. This cannot be undone.").arg(group.toHtmlEscaped()),
        group,
        [connection, group](const QString &) {
            return connection->runOnClient(
                [group](const kafka::ClusterClient &client) { return kafka::GroupAdmin(client).deleteGroup(group); });
        },
        m_window);
    dialog->setObjectName(QStringLiteral("deleteGroupDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ConfirmDeleteDialog::deleted, this, &GroupActions::groupsChanged);
    dialog->open();
}

void GroupActions::openDeleteOffsets(const kafka::Connection *connection, const QString &group, const QStringList &topics)
{
    auto *dialog = new ConfirmDeleteDialog(
        tr("Delete offsets of %1").arg(group),
        tr("Deletes the committed offsets of group <b>%1</b> for every partition of the topic chosen. Kafka refuses "
           "while a member of the group consumes that topic. This cannot be undone.").arg(group.toHtmlEscaped()),
        group,
        [connection, group](const QString &topic) {
            return connection->runOnClient([group, topic](const kafka::ClusterClient &client) -> kafka::Error {
                const auto deleted = kafka::GroupAdmin(client).deleteOffsets(group, topic);
                return deleted.ok() ? kafka::Error{} : deleted.error();
            });
        },
        m_window);
    dialog->setObjectName(QStringLiteral("deleteOffsetsDialog"));
    dialog->setChoices(tr("&Topic:"), topics);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &ConfirmDeleteDialog::deleted, this, &GroupActions::groupsChanged);
    dialog->open();
}

void GroupActions::openAcls(kafka::Connection *connection)
{
    auto *dialog = new AclsDialog(connection, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setReadOnly(m_readOnly);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    dialog->list();
}
