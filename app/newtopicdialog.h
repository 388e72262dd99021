#pragma once

#include "kafka/error.h"
#include "kafka/topicspec.h"

#include <QDialog>
#include <QStringList>

#include <memory>

class QPlainTextEdit;
namespace Ui {
class NewTopicDialog;
}

// Asks for a topic's name, partitions and replication factor. Invalid and
// duplicate names are refused here; the creation itself runs elsewhere and
// reports back through creationFinished(), the dialog staying open (and
// busy) until it succeeds or the user gives up.
class NewTopicDialog : public QDialog {
    Q_OBJECT
public:
    NewTopicDialog(const QStringList &existingTopics, int brokerCount, QWidget *parent = nullptr);
    ~NewTopicDialog() override;

    // A line under the fields about how this cluster treats new topics.
    void setNote(const QString &note);
    kafka::TopicSpec spec() const;
    QString errorText() const;

    void accept() override;
    void creationFinished(const kafka::Error &error);

signals:
    void createRequested(const kafka::TopicSpec &spec);

private:
    void showError(const QString &message);
    void setBusy(bool busy);

    std::unique_ptr<Ui::NewTopicDialog> m_ui;
    QPlainTextEdit *m_configs; // topic configs, NAME=VALUE per line
    QStringList m_existingTopics;
};
