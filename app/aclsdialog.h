#pragma once

#include "kafka/acladmin.h"

#include <QDialog>

class AclsModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
namespace kafka {
class Connection;
}

// The cluster's ACLs: listed with filters (principal, resource type and
// name, operation), one created from the fields below the list, the one
// selected deleted after typing its principal to confirm (the status then
// says what matched and went). Requests run on the network pool; an answer
// to an older listing is dropped. A cluster without an authorizer, and the
// sandbox, have no ACLs: the status says so. Opened window-modal, so the
// connection it uses stays while it is open.
class AclsDialog : public QDialog {
    Q_OBJECT
public:
    explicit AclsDialog(const kafka::Connection *connection, QWidget *parent = nullptr);

    AclsModel *model() const { return m_model; }
    QString statusText() const;
    // A read-only connection profile: ACLs are listed, not created or
    // deleted; `reason` in the buttons' tooltips (empty: allowed).
    void setReadOnly(const QString &reason);

public slots:
    void list();

signals:
    // After a listing's answer (the ACLs or why not) has been shown.
    void listed();
    // After a creation's or deletion's answer has been shown.
    void changed(bool ok);

private:
    void create();
    void removeSelected();
    kafka::AclFilter filter() const;

    const kafka::Connection *m_connection;
    AclsModel *m_model;
    QLineEdit *m_filterPrincipal;
    QComboBox *m_filterResourceType;
    QLineEdit *m_filterResource;
    QComboBox *m_filterOperation;
    QTableView *m_view;
    QLineEdit *m_newPrincipal;
    QLineEdit *m_newHost;
    QComboBox *m_newResourceType;
    QLineEdit *m_newResource;
    QComboBox *m_newPattern;
    QComboBox *m_newOperation;
    QComboBox *m_newPermission;
    QPushButton *m_deleteButton;
    QPushButton *m_createButton = nullptr;
    QString m_readOnly;
    QLabel *m_status;
    quint64 m_listing = 0;
    QString m_note; // what the last change did, shown with the next listing
};
