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
class SchemaChooser;

// Compose and produce messages, one at a time or in bulk, and see the fate
// of every one: the deliveries table and the counters sent, delivered,
// failed and in flight (sent = delivered + failed + in flight, always).
// The producer runs in a ProducerWorker on its own thread; this panel only
// sends it requests and adds up its reports.
class ProducerPanel : public QWidget {
    Q_OBJECT
public:
    // How long a producer let go (new connection, or quitting with "wait")
    // waits for the reports of what it still has in flight before purging
    // the rest (each purged message ends as a failure, so it is counted).
    static constexpr int RetireFlushMs = 30000;
    // Used unless the connection's properties set message.timeout.ms:
    // librdkafka's default (5 minutes) is long to watch a message in flight.
    static constexpr int DefaultMessageTimeoutMs = 30000;

    explicit ProducerPanel(QWidget *parent = nullptr);
    ~ProducerPanel() override;

    // Starts a producer for this cluster; the previous one, if any, is let
    // go as disconnectProducer() does.
    void setConnection(const kafka::ClientConfig &config);
    // Lets the producer go: it produces nothing more, and every message it
    // has in flight still ends, delivered or failed, and is counted here
    // (ProducerWorker::retire with flushMs). Its thread ends after that; it
    // is never waited for (ThreadReaper sees it end).
    void disconnectProducer(int flushMs = RetireFlushMs);
    // For quitting: lets the producer go; with abandonInFlight, every
    // message in flight (of earlier producers too) is given up at once and
    // ends as a failure, else they get RetireFlushMs to be delivered.
    void shutDown(bool abandonInFlight);
    void setTopics(const QStringList &topics);
    // Counts this panel's producer threads (the window's); else the process-wide one.
    void setThreadReaper(kafka::ThreadReaper *reaper) { m_reaper = reaper; }
    void setTopic(const QString &topic);
    // A read-only connection profile: nothing is sent; the send buttons are
    // disabled with `reason` as their tooltip (empty: sending allowed).
    void setReadOnly(const QString &reason);

    const kafka::DeliveryTally &tally() const { return m_tally; }
    DeliveriesModel *deliveriesModel() const { return m_deliveries; }
    HeadersModel *headersModel() const { return m_headers; }
    // The schema a single message's value is encoded with (none by default).
    SchemaChooser *schemaChooser() const { return m_schema; }
    bool isBulkRunning() const { return m_bulk.active; }
    QString messageText() const;
    QString bulkStatusText() const;
    // Empty, or why the chosen compression is not applied (the broker
    // lacks what librdkafka needs for it); known after the first batch.
    QString compressionNotice() const { return m_compressionNotice; }
    // The settings the next message is produced with.
    kafka::ClientConfig producerConfig() const;

public slots:
    void produceMessage();
    void startBulk();
    void cancelBulk();

signals:
    // After the panel has counted them.
    void deliveriesReceived(const QList<kafka::Delivery> &deliveries);
    void tallyChanged();
    // Every message of the bulk run has ended (or the run could not start).
    void bulkDone();

private:
    using ProducerThread = kafka::WorkerThread<kafka::ProducerWorker>;
    // How the value editor's text is read.
    enum class ValueFormat { Text, Hex, Base64 };
    struct BulkRun {
        bool active = false;
        bool generating = false;
        bool cancelled = false;
        qint64 total = 0;    // kafka::BulkSource::UnknownTotal for a file still being read
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
    void showCompressionNotice(const QString &message);
    void setBulkControls(bool running);
    QString m_readOnly;
    void showMessage(const QString &text, bool isError = false);
    // The message in the form, or why its value cannot be read; with
    // encodeWithSchema (a single message), its value encoded with the chosen
    // schema, or why it cannot be. A bulk run's template is not encoded.
    kafka::Result<kafka::ProduceRequest> composedMessage(bool encodeWithSchema = false) const;
    kafka::Result<QByteArray> valueBytes() const;
    QString currentTopic() const;
    // Why the topic cannot be produced to, if it cannot.
    kafka::Error checkTopic() const;
    // The value as typed, character for character.
    QString valueText() const;

    std::unique_ptr<Ui::ProducerPanel> m_ui;
    DeliveriesModel *m_deliveries;
    HeadersModel *m_headers;
    SchemaChooser *m_schema;
    kafka::ClientConfig m_connectionConfig;
    kafka::ThreadReaper *m_reaper = nullptr;
    std::unique_ptr<ProducerThread> m_producer;
    // Producers let go, until each has reported every message it had (then
    // retired() lets its thread end). Destroyed with the panel they are let
    // go at once: nobody is left to count their reports.
    std::vector<std::unique_ptr<ProducerThread>> m_retired;
    kafka::DeliveryTally m_tally;
    QString m_compressionNotice;
    BulkRun m_bulk;
    QTimer m_progressTimer;
    QTimer m_jsonHintTimer;
};
