#pragma once

#include "kafka/clientconfig.h"
#include "kafka/deliverytally.h"
#include "kafka/producerworker.h"
#include "kafka/workerthread.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

namespace Ui {
class ProducerPanel;
}
class DeliveriesModel;
class HeadersModel;

// Compose and produce messages, one at a time or in bulk, and see the fate
// of every one: the deliveries table and the counters sent, delivered,
// failed and in flight (sent = delivered + failed + in flight, always).
// The producer runs in a ProducerWorker on its own thread; this panel only
// sends it requests and adds up its reports.
class ProducerPanel : public QWidget {
    Q_OBJECT
public:
    // How long a replaced producer (new connection) may take to deliver
    // what it still has in flight.
    static constexpr int RetireFlushMs = 30000;
    // Used unless the connection's properties set message.timeout.ms:
    // librdkafka's default (5 minutes) is long to watch a message in flight.
    static constexpr int DefaultMessageTimeoutMs = 30000;

    explicit ProducerPanel(QWidget *parent = nullptr);
    ~ProducerPanel() override;

    // Starts a producer for this cluster; the previous one, if any, flushes
    // in the background and its reports are still counted.
    void setConnection(const kafka::ClientConfig &config);
    void disconnectProducer();
    void setTopics(const QStringList &topics);
    void setTopic(const QString &topic);

    const kafka::DeliveryTally &tally() const { return m_tally; }
    DeliveriesModel *deliveriesModel() const { return m_deliveries; }
    HeadersModel *headersModel() const { return m_headers; }
    bool isBulkRunning() const { return m_bulk.active; }
    QString messageText() const;
    QString bulkStatusText() const;
    // The settings the next message is produced with.
    kafka::ClientConfig producerConfig() const;

    // For quitting: wait up to timeoutMs for what is in flight (flushFinished
    // follows), or give it up (each message ends as a failure).
    void flush(int timeoutMs);
    void abandon();

public slots:
    void produceMessage();
    void startBulk();
    void cancelBulk();

signals:
    // After the panel has counted them.
    void deliveriesReceived(const QList<kafka::Delivery> &deliveries);
    void tallyChanged();
    void flushFinished();
    // Every message of the bulk run has ended (or the run could not start).
    void bulkDone();

private:
    using ProducerThread = kafka::WorkerThread<kafka::ProducerWorker>;
    struct BulkRun {
        bool active = false;
        bool generating = false;
        bool cancelled = false;
        qint64 total = 0;
        qint64 produced = 0; // known when generating ends
        kafka::DeliveryTally before;
        QElapsedTimer clock;
    };

    void connectWorker(kafka::ProducerWorker *worker);
    void onDelivered(const QList<kafka::Delivery> &deliveries);
    void onBulkStarted(qint64 total);
    void onBulkFinished(qint64 produced, bool cancelled);
    void onBulkFailed(const QString &message);
    void finishBulkIfDone();
    void updateCounters();
    void updateBulkProgress();
    void updateJsonHint();
    void updateSourceControls();
    void updateSettingsControls();
    void applySettings();
    void setBulkControls(bool running);
    void showMessage(const QString &text, bool isError = false);
    kafka::ProduceRequest composedMessage() const;
    QString currentTopic() const;

    std::unique_ptr<Ui::ProducerPanel> m_ui;
    DeliveriesModel *m_deliveries;
    HeadersModel *m_headers;
    kafka::ClientConfig m_connectionConfig;
    std::unique_ptr<ProducerThread> m_producer;
    // Producers of earlier connections, flushing what they still have.
    std::vector<std::unique_ptr<ProducerThread>> m_retired;
    kafka::DeliveryTally m_tally;
    BulkRun m_bulk;
    QTimer m_progressTimer;
    QTimer m_jsonHintTimer;
};
