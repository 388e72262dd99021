#pragma once

#include "kafka/groupadmin.h"

#include <QDialog>

class OffsetPlanModel;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
namespace kafka {
class Connection;
}

// Reset a group's committed offsets: choose a topic (and partitions) and a
// target, Preview shows the plan (current → new → lag after, clamped into
// the log), Apply commits exactly what is shown. The requests run on the
// network pool; a reply to an earlier preview, or one that arrives after
// the inputs changed, is dropped. Kafka refuses a group with active
// members, and the sandbox answers none of it: the status says so. Opened
// window-modal, so the connection it uses stays while it is open.
class ResetOffsetsDialog : public QDialog {
    Q_OBJECT
public:
    ResetOffsetsDialog(const kafka::Connection *connection, const QString &group, const QStringList &topics,
                       QWidget *parent = nullptr);

    OffsetPlanModel *planModel() const { return m_plan; }
    QString statusText() const;

signals:
    // After a preview's answer (a plan or why not) has been shown.
    void previewShown();
    // After Apply's answer has been shown; `changed` when offsets moved.
    void applyFinished(bool changed);

private:
    void preview();
    void apply();
    void inputsChanged();
    void updateTargetInputs();
    void setBusy(bool busy, const QString &status);
    // The inputs as a request, or what is wrong with them.
    kafka::Result<kafka::TopicSelection> selection() const;
    kafka::Result<kafka::OffsetTarget> target() const;

    const kafka::Connection *m_connection;
    QString m_group;
    OffsetPlanModel *m_plan;
    QComboBox *m_topic;
    QLineEdit *m_partitions;
    QComboBox *m_targetKind;
    QDateTimeEdit *m_dateTime;
    QLineEdit *m_value;
    QPushButton *m_previewButton;
    QPushButton *m_applyButton;
    QTableView *m_view;
    QLabel *m_status;
    quint64 m_request = 0; // the answer awaited; older ones are dropped
    bool m_busy = false;
};
