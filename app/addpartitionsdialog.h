#pragma once

#include "kafka/error.h"

#include "clusteractiondialog.h"

class QCheckBox;
class QPushButton;
class QSpinBox;

// Asks for a topic's new partition count: more than it has (Kafka cannot
// remove partitions), confirmed with a tick because keys then go to other
// partitions and it cannot be undone. The change runs elsewhere
// (addRequested) and reports back through additionFinished().
class AddPartitionsDialog : public ClusterActionDialog {
    Q_OBJECT
public:
    AddPartitionsDialog(const QString &topic, int currentCount, QWidget *parent = nullptr);

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
    QPushButton *m_add;
};
