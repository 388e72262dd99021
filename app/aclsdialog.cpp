#include "aclsdialog.h"

#include "aclsmodel.h"
#include "confirmdeletedialog.h"
#include "whenready.h"

#include "kafka/connection.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace {

// A combo box of (name, value) pairs, Kafka's names shown.
template <typename Enum>
QComboBox *combo(QWidget *parent, const QString &objectName, const QList<Enum> &values, QString (*name)(Enum))
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    for (Enum value : values)
        box->addItem(name(value), int(value));
    return box;
}

template <typename Enum>
Enum chosen(const QComboBox *box)
{
    return Enum(box->currentData().toInt());
}

QString describe(const kafka::AclBinding &acl)
{
    return QStringLiteral("%1 %2 %3 on %4 %5 (%6, host %7)")
        .arg(acl.principal, kafka::permissionName(acl.permission), kafka::operationName(acl.operation),
             kafka::resourceTypeName(acl.resourceType), acl.resourceName, kafka::patternTypeName(acl.patternType), acl.host);
}

} // namespace

AclsDialog::AclsDialog(const kafka::Connection *connection, QWidget *parent)
    : QDialog(parent),
      m_connection(connection),
      m_model(new AclsModel(this)),
      m_filterPrincipal(new QLineEdit(this)),
      m_filterResourceType(combo<rd_kafka_ResourceType_t>(
          this, QStringLiteral("filterResourceType"),
          {RD_KAFKA_RESOURCE_ANY, RD_KAFKA_RESOURCE_TOPIC, RD_KAFKA_RESOURCE_GROUP, RD_KAFKA_RESOURCE_BROKER},
          kafka::resourceTypeName)),
      m_filterResource(new QLineEdit(this)),
      m_filterOperation(new QComboBox(this)),
      m_view(new QTableView(this)),
      m_newPrincipal(new QLineEdit(this)),
      m_newHost(new QLineEdit(QStringLiteral("*"), this)),
      m_newResourceType(combo<rd_kafka_ResourceType_t>(
          this, QStringLiteral("newResourceType"), {RD_KAFKA_RESOURCE_TOPIC, RD_KAFKA_RESOURCE_GROUP, RD_KAFKA_RESOURCE_BROKER},
          kafka::resourceTypeName)),
      m_newResource(new QLineEdit(this)),
      m_newPattern(combo<rd_kafka_ResourcePatternType_t>(
          this, QStringLiteral("newPattern"), {RD_KAFKA_RESOURCE_PATTERN_LITERAL, RD_KAFKA_RESOURCE_PATTERN_PREFIXED},
          kafka::patternTypeName)),
      m_newOperation(new QComboBox(this)),
      m_newPermission(combo<rd_kafka_AclPermissionType_t>(
          this, QStringLiteral("newPermission"), {RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, RD_KAFKA_ACL_PERMISSION_TYPE_DENY},
          kafka::permissionName)),
      m_deleteButton(new QPushButton(tr("&Delete selected…"), this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("ACLs"));
    m_filterPrincipal->setObjectName(QStringLiteral("filterPrincipal"));
    m_filterPrincipal->setPlaceholderText(tr("any principal, e.g. User:alice"));
    m_filterResource->setObjectName(QStringLiteral("filterResource"));
    m_filterResource->setPlaceholderText(tr("any name"));
    m_filterOperation->setObjectName(QStringLiteral("filterOperation"));
    m_newOperation->setObjectName(QStringLiteral("newOperation"));
    for (const QString &name : kafka::operationNames()) {
        m_filterOperation->addItem(name, int(kafka::operationFromName(name)));
        if (kafka::operationFromName(name) != RD_KAFKA_ACL_OPERATION_ANY)
            m_newOperation->addItem(name, int(kafka::operationFromName(name)));
    }
    m_newOperation->setCurrentIndex(m_newOperation->findText(QStringLiteral("Read")));
    m_newPrincipal->setObjectName(QStringLiteral("newPrincipal"));
    m_newPrincipal->setPlaceholderText(tr("User:alice"));
    m_newHost->setObjectName(QStringLiteral("newHost"));
    m_newResource->setObjectName(QStringLiteral("newResource"));
    m_newResource->setPlaceholderText(tr("name; the cluster's is kafka-cluster; * for all"));
    m_view->setObjectName(QStringLiteral("aclsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_deleteButton->setEnabled(false);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *listButton = new QPushButton(tr("&List"), this);
    listButton->setObjectName(QStringLiteral("listButton"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Principal:"), this));
    filters->addWidget(m_filterPrincipal, 2);
    filters->addWidget(new QLabel(tr("Resource:"), this));
    filters->addWidget(m_filterResourceType);
    filters->addWidget(m_filterResource, 2);
    filters->addWidget(new QLabel(tr("Operation:"), this));
    filters->addWidget(m_filterOperation);
    filters->addWidget(listButton);

    auto *createButton = new QPushButton(tr("&Create"), this);
    createButton->setObjectName(QStringLiteral("createButton"));
    m_createButton = createButton;
    auto *newAcl = new QGroupBox(tr("New ACL"), this);
    auto *form = new QFormLayout(newAcl);
    form->addRow(tr("Principal:"), m_newPrincipal);
    form->addRow(tr("Host:"), m_newHost);
    auto *resource = new QHBoxLayout;
    resource->addWidget(m_newResourceType);
    resource->addWidget(m_newResource, 1);
    resource->addWidget(m_newPattern);
    form->addRow(tr("Resource:"), resource);
    auto *what = new QHBoxLayout;
    what->addWidget(m_newPermission);
    what->addWidget(m_newOperation, 1);
    what->addWidget(createButton);
    form->addRow(tr("Permission:"), what);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_deleteButton, QDialogButtonBox::DestructiveRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(newAcl);
    layout->addWidget(buttons);
    resize(900, 560);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(listButton, &QPushButton::clicked, this, &AclsDialog::list);
    connect(m_filterPrincipal, &QLineEdit::returnPressed, this, &AclsDialog::list);
    connect(m_filterResource, &QLineEdit::returnPressed, this, &AclsDialog::list);
    connect(createButton, &QPushButton::clicked, this, &AclsDialog::create);
    connect(m_deleteButton, &QPushButton::clicked, this, &AclsDialog::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_deleteButton->setEnabled(m_readOnly.isEmpty() && m_view->selectionModel()->hasSelection()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_deleteButton->setEnabled(false); });
}

void AclsDialog::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    m_createButton->setEnabled(reason.isEmpty());
    m_createButton->setToolTip(reason);
    m_deleteButton->setEnabled(reason.isEmpty() && m_view->selectionModel()->hasSelection());
    m_deleteButton->setToolTip(reason);
}

QString AclsDialog::statusText() const
{
    return m_status->text();
}

kafka::AclFilter AclsDialog::filter() const
{
    kafka::AclFilter filter;
    filter.principal = m_filterPrincipal->text().trimmed();
    filter.resourceType = chosen<rd_kafka_ResourceType_t>(m_filterResourceType);
    filter.resourceName = m_filterResource->text().trimmed();
    filter.operation = chosen<rd_kafka_AclOperation_t>(m_filterOperation);
    return filter;
}

void AclsDialog::list()
{
    const quint64 listing = ++m_listing;
    m_status->setText(tr("Asking the cluster…"));
    const auto future = m_connection->runOnClient(
        [filter = filter()](const kafka::ClusterClient &client) { return kafka::AclAdmin(client).list(filter); });
    whenReady(this, future, [this, listing](const kafka::Result<QList<kafka::AclBinding>> &acls) {
        if (listing != m_listing)
            return;
        m_model->setAcls(acls.ok() ? acls.value() : QList<kafka::AclBinding>{});
        // What the change before this listing did stays in view above it.
        m_status->setText(std::exchange(m_note, {})
                          + (acls.ok() ? tr("%n ACL(s) listed.", nullptr, int(acls.value().size())) : acls.error().message));
        emit listed();
    });
}

void AclsDialog::create()
{
    kafka::AclBinding acl;
    acl.principal = m_newPrincipal->text().trimmed();
    acl.host = m_newHost->text().trimmed();
    acl.resourceType = chosen<rd_kafka_ResourceType_t>(m_newResourceType);
    acl.resourceName = m_newResource->text().trimmed();
    acl.patternType = chosen<rd_kafka_ResourcePatternType_t>(m_newPattern);
    acl.operation = chosen<rd_kafka_AclOperation_t>(m_newOperation);
    acl.permission = chosen<rd_kafka_AclPermissionType_t>(m_newPermission);
    m_status->setText(tr("Creating…"));
    const auto future =
        m_connection->runOnClient([acl](const kafka::ClusterClient &client) { return kafka::AclAdmin(client).create(acl); });
    whenReady(this, future, [this, acl](const kafka::Error &err) {
        if (err) {
            m_status->setText(err.message);
            emit changed(false);
            return;
        }
        m_note = tr("Created: %1.").arg(describe(acl)) + QLatin1Char(' ');
        emit changed(true);
        list();
    });
}

void AclsDialog::removeSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    // Exactly this binding: every field of the filter is concrete.
    const kafka::AclBinding acl = m_model->acls().at(rows.first().row());
    const kafka::Connection *connection = m_connection;
    auto matched = std::make_shared<QList<kafka::AclBinding>>();
    auto *confirm = new ConfirmDeleteDialog(
        tr("Delete ACL"), tr("Deletes the ACL <b>%1</b>.").arg(describe(acl).toHtmlEscaped()), acl.principal,
        [connection, acl, matched](const QString &) {
            return connection->runOnClient([acl, matched](const kafka::ClusterClient &client) -> kafka::Error {
                auto deleted = kafka::AclAdmin(client).remove(acl);
                if (!deleted.ok())
                    return deleted.error();
                *matched = deleted.value(); // read after the future has finished
                return {};
            });
        },
        this);
    confirm->setObjectName(QStringLiteral("confirmDeleteAcl"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    confirm->setWindowModality(Qt::WindowModal);
    connect(confirm, &ConfirmDeleteDialog::deleted, this, [this, matched] {
        QStringList gone;
        for (const kafka::AclBinding &binding : std::as_const(*matched))
            gone.append(describe(binding));
        m_note = (gone.isEmpty() ? tr("Nothing matched: the ACL was gone already.")
                                 : tr("Deleted %n ACL(s): %1.", nullptr, int(gone.size())).arg(gone.join(QStringLiteral("; "))))
                 + QLatin1Char(' ');
        emit changed(true);
        list();
    });
    confirm->open();
}
