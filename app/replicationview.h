#pragma once

#include "kafka/clustermetadata.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class ReplicationModel;

// The replication grid of the selected topic (ReplicationModel) with a
// title that counts what is wrong, a legend, and the Faults button (the
// sandbox only; elsewhere disabled, saying why). The window feeds it
// from the refresh it does anyway, so it updates live.
class ReplicationView : public QWidget {
    Q_OBJECT
public:
    explicit ReplicationView(QWidget *parent = nullptr);

    ReplicationModel *model() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    QPushButton *faultsButton() const { return m_faults; }

    // A new connection: forgets every broker seen; `sandbox` says whether
    // faults can be injected.
    void reset(bool sandbox);
    void setTopic(const kafka::TopicInfo &topic);
    // The brokers of the latest metadata; those that do not answer (the
    // window's BrokerWatch) and those the sandbox has taken down.
    void setBrokers(const QList<kafka::BrokerInfo> &listed, const QList<int> &notAnswering,
                    const QList<int> &sandboxDown);

signals:
    void faultsRequested();

private:
    void updateTitle();

    ReplicationModel *m_model;
    QLabel *m_title;
    QLabel *m_legend;
    QTableView *m_grid;
    QPushButton *m_faults;
};
