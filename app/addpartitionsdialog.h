#pragma once

#include "kafka/error.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

// Asks for a topic's new partition count: more than it has (Kafka cannot
// remove partitions), confirmed with a tick because keys then go to other
// partitions and it cannot be undone. The change runs elsewhere
// (addRequested) and reports back through additionFinished().
class AddPartitionsDialog : public QDialog {
    Q_OBJECT
public:
    AddPartitionsDialog(const QString &topic, int currentCount, QWidget *parent = nullptr);

    QString errorText() const;
    // A line above the buttons about this cluster (the sandbox refuses it).
    void setNote(const QString &note);
    void setNewTotal(int total);
    void confirm(bool understood);
    void accept() override;
    void additionFinished(const kafka::Error &error);

signals:
    void addRequested(const QString &topic, int newTotal);

private:
    void updateButton();

    QString m_topic;
    bool m_busy = false;
    QSpinBox *m_total;
    QCheckBox *m_understood;
    QLabel *m_error;
    QLabel *m_note;
    QPushButton *m_add;
};
