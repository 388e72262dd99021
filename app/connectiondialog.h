#pragma once

#include "kafka/connectionspec.h"
#include "profiles/profile.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConnectionDialog;
}
class QLineEdit;

// Asks where to connect: a connection profile (kept in the settings, its
// secrets in the OS keychain: AppProfiles), the built-in sandbox, or
// bootstrap servers with a security form (protocol, SASL, TLS files) and
// extra client properties. Manages the profiles (new, duplicate, rename,
// delete, save) and tests a connection on the network pool. Refuses, with
// a message, what librdkafka would refuse. Nothing here waits: the
// keychain's answers and the test's report arrive when they are ready.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSpec(const kafka::ConnectionSpec &spec);
    // Valid once the dialog was accepted.
    kafka::ConnectionSpec spec() const { return m_spec; }
    // Why the connection must not change the cluster (a read-only profile);
    // empty when it may. Valid once accepted.
    QString readOnlyReason() const { return m_readOnlyReason; }
    QString errorText() const;

    // The form as a profile (secrets included), and the reverse.
    profiles::Profile profileFromForm() const;
    void setProfile(const profiles::Profile &profile);
    // The profile selected in the list ("" for none).
    QString selectedProfile() const;
    // The form's Schema Registry (URL, user, password; empty URL: none).
    kafka::SchemaRegistrySettings schemaRegistry() const;
    // What the last profile operation or keychain answer said.
    QString profileStatus() const;
    QString testReport() const;

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

public slots:
    void newProfile();
    void saveProfile();
    void duplicateProfile();
    void renameProfile();
    void deleteProfile();
    void testConnection();
    void openSandbox();

signals:
    // The secrets of a selected profile were read (or found missing).
    void secretsLoaded();
    // A profile's secrets were stored, copied, moved or removed.
    void secretsSaved();
    // Test connection's report is shown.
    void tested();

private:
    // The warning and error labels' colour, for the palette in use (light or dark).
    void colourWarnings();
    void applyRecent(int index);
    void reloadProfiles(const QString &select);
    void selectProfile(const QString &name);
    void updateSecurityForm();
    void browse(QLineEdit *edit, const QString &title);
    void showError(const kafka::Error &error);
    void showStatus(const QString &text);

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    QList<kafka::ConnectionSpec> m_recent;
    kafka::ConnectionSpec m_spec;
    QString m_readOnlyReason;
    // Answers about an earlier selection or test are dropped.
    quint64 m_selection = 0;
    quint64 m_test = 0;
};
