#pragma once

#include "kafka/error.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

// Asks before a topic is deleted: the Delete button is enabled only while
// the topic's exact name is typed, so deleting is never one click (nor a
// click on the wrong topic). The deletion runs elsewhere (deleteRequested)
// and reports back through deletionFinished(); the dialog stays open, busy,
// until then, and shows a failure.
class DeleteTopicDialog : public QDialog {
    Q_OBJECT
public:
    explicit DeleteTopicDialog(const QString &topic, QWidget *parent = nullptr);

    const QString &topic() const { return m_topic; }
    QString errorText() const;
    // A line above the buttons about this cluster (the sandbox refuses it).
    void setNote(const QString &note);
    void accept() override;
    void deletionFinished(const kafka::Error &error);

signals:
    void deleteRequested(const QString &topic);

private:
    void updateButton();

    QString m_topic;
    bool m_busy = false;
    QLineEdit *m_confirm;
    QLabel *m_error;
    QLabel *m_note;
    QPushButton *m_delete;
};
