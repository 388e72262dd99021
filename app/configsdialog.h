#pragma once

#include "kafka/configadmin.h"

#include <QDialog>

class ConfigsModel;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

// The configs of a topic or a broker: every entry with its value, source
// and flags, sensitive values masked, an "overrides only" toggle. Values are
// edited in the table (or reset to the default); Review shows the
// before/after of the change, and Apply sends it. The requests run
// elsewhere: the dialog asks (loadRequested, applyRequested) and is told
// (setEntries, applyFinished), staying usable meanwhile.
class ConfigsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConfigsDialog(const kafka::ConfigResource &resource, QWidget *parent = nullptr);

    const kafka::ConfigResource &resource() const { return m_resource; }
    ConfigsModel *model() const { return m_model; }
    QString errorText() const;
    // The before/after shown for review, one line per config.
    QString diffText() const;

    void setEntries(const kafka::Result<QList<kafka::ConfigEntry>> &entries);
    // A read-only connection profile: the configs are shown, not changed;
    // `reason` says why (empty: changes allowed).
    void setReadOnly(const QString &reason);
    void applyFinished(const kafka::Error &error);

    // The steps a user takes, for the buttons and for tests.
    void review();
    void apply();
    void backToEditing();

signals:
    void loadRequested();
    void applyRequested(const kafka::ConfigPlan &plan);

private:
    void showError(const QString &message);
    void updateButtons();

    kafka::ConfigResource m_resource;
    ConfigsModel *m_model;
    kafka::ConfigPlan m_plan;
    bool m_busy = false;
    QString m_readOnly;
    QStackedWidget *m_pages;
    QTableView *m_table;
    QCheckBox *m_overridesOnly;
    QLabel *m_status;
    QLabel *m_error;
    QPlainTextEdit *m_diff;
    QPushButton *m_reset;
    QPushButton *m_discard;
    QPushButton *m_review;
    QPushButton *m_apply;
    QPushButton *m_back;
    QPushButton *m_reload;
};
