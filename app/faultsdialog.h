#pragma once

#include "kafka/clustermetadata.h"
#include "kafka/sandbox.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
namespace kafka {
class Connection;
}

// Fault injection on the sandbox: take a broker down and bring it back,
// slow a broker down, move a partition's leader, make a broker fail its
// next requests. librdkafka's mock does each on request; a real cluster
// offers no such switch, so on one every control is disabled and the
// dialog says how to do it there.
//
// Each fault runs on the network pool (the mock's calls wait for its own
// thread), one at a time; when it is done the dialog says what it did and
// emits clusterChanged(), so the window refreshes at once.
class FaultsDialog : public QDialog {
    Q_OBJECT
public:
    // `connection` is asked for the window's connection each time (nullptr
    // when there is none).
    FaultsDialog(std::function<kafka::Connection *()> connection, QWidget *parent = nullptr);

    // The brokers and topics to offer (the window's latest metadata).
    void setMetadata(const kafka::ClusterMetadata &metadata);
    // Whether the connection is a sandbox, and the controls with it.
    void updateAvailability();
    bool canInject() const;
    QString unavailableReason() const;

    // The actions behind the controls (tests call them too). Each is
    // refused while another runs (busy()).
    void setBrokerDown(int brokerId, bool down);
    void setLatency(int brokerId, int rttMs);
    void moveLeader(const QString &topic, int partition, int brokerId);
    void failRequests(int brokerId, kafka::Sandbox::ApiKey request, int count, rd_kafka_resp_err_t error);
    // Taking a broker down moves its leaderships to live replicas, and
    // bringing it back gives them back, as a real cluster's controller
    // does; the mock alone moves nothing. On by default.
    void setElectLeaders(bool elect);
    bool electLeaders() const;
    bool busy() const { return m_busy; }
    // What the dialog has said, newest last.
    QStringList log() const { return m_log; }

signals:
    // A fault was applied (or failed: then the log says why).
    void faultApplied(const QString &what);
    void clusterChanged();

private:
    template <typename Action>
    void run(const QString &what, Action action);
    void rebuildBrokers();
    void updateControls();
    void say(const QString &line);
    kafka::Sandbox *sandbox() const;

    std::function<kafka::Connection *()> m_connection;
    kafka::ClusterMetadata m_metadata;
    bool m_busy = false;
    QStringList m_log;
    int m_brokerRows = 0;

    QLabel *m_note;
    QWidget *m_controls;
    QGridLayout *m_brokers;
    QCheckBox *m_elect;
    QComboBox *m_leaderTopic;
    QSpinBox *m_leaderPartition;
    QComboBox *m_leaderBroker;
    QPushButton *m_moveLeader;
    QComboBox *m_failBroker;
    QComboBox *m_failRequest;
    QSpinBox *m_failCount;
    QComboBox *m_failError;
    QPushButton *m_fail;
    QPlainTextEdit *m_logView;
};
