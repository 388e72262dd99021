#pragma once

#include "bulksource.h"
#include "clientconfig.h"
#include "producer.h"

#include <QDeadlineTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <memory>

namespace kafka {

// Owns the librdkafka producer on the thread it is moved to (DESIGN.md:
// worker QObject + moveToThread). Requests arrive through queued slots;
// delivery reports leave in batches, one signal per poll round, never one
// per message.
//
// Accounting: every message handed to the worker is announced by sent()
// before its fate, and ends as exactly one Delivery in delivered(): a
// message librdkafka refuses, or a bad line of a bulk file, comes back as a
// failed Delivery with the reason. So a receiver that adds up sent() and
// delivered() has sent = delivered + failed + in flight at every moment.
class ProducerWorker : public QObject {
    Q_OBJECT
public:
    // How often delivery reports are served while messages are in flight.
    static constexpr int PollIntervalMs = 20;
    // A bulk run yields to the event loop (for cancelBulk, flush, ...) after
    // this long, this many messages or this many bytes of keys and values.
    static constexpr int BulkSliceMs = 20;
    static constexpr int BulkSliceMessages = 50000;
    static constexpr qint64 BulkSliceBytes = 8 * 1024 * 1024;
    // How long abandon() waits for the "purged" reports.
    static constexpr int AbandonReportMs = 1000;

    explicit ProducerWorker(ClientConfig config, QObject *parent = nullptr);
    ~ProducerWorker() override;

public slots:
    // Creates the producer on the worker's thread; emits opened() or failed().
    void open();
    // New settings (acks, compression, ...) take effect for the next message.
    // The old producer keeps serving its messages in flight until they end.
    void reconfigure(const kafka::ClientConfig &config);
    void produce(const QList<kafka::ProduceRequest> &requests);
    // Produces the spec's messages a slice at a time; emits bulkStarted(),
    // sent()/delivered() as it goes, then bulkFinished() or bulkFailed().
    void startBulk(const kafka::BulkSpec &spec);
    // Stops a bulk run from producing more. Messages already handed to
    // librdkafka still end as delivered or failed.
    void cancelBulk();
    // Emits flushed() with what is still in flight once every message has
    // its report or timeoutMs has passed. Other requests are served meanwhile.
    void flush(int timeoutMs);
    // Gives up on every message in flight: each ends as a failed Delivery.
    void abandon();
    // Ends the worker's work, for a new connection or for quitting: stops a
    // bulk run, serves reports for up to flushMs, then purges what is still
    // in flight and serves the "purged" reports for up to AbandonReportMs. A
    // message librdkafka has still not reported then is reported here, as a
    // failed Delivery, so every message announced by sent() has ended in
    // delivered() when retired() comes. Then the producers are destroyed;
    // nothing is emitted after retired(). Called again with a shorter bound
    // (quitting, abandoning), the shorter bound wins. Unlike flush(), the
    // bound does not race message.timeout.ms: nothing is left uncounted.
    void retire(int flushMs);

signals:
    void opened();
    void failed(const QString &message);
    void sent(qint64 count);
    void delivered(const QList<kafka::Delivery> &deliveries);
    void flushed(qint64 stillInFlight);
    // `total` may be BulkSource::UnknownTotal (a file, until it is read);
    // bulkFinished() then says how many there were.
    void bulkStarted(qint64 total);
    // No more messages will be produced; `produced` of them were sent.
    void bulkFinished(qint64 produced, bool cancelled);
    void bulkFailed(const QString &message);
    void retired();
    // The producer sends its chosen codec uncompressed (see
    // Producer::compressionNotice); once per producer, after its first batch.
    void compressionNotApplied(const QString &message);
    // The producer as a whole is in trouble (Producer::takeClientErrors).
    void clientError(const QString &message);

private:
    void produceBulkSlice();
    void servePoll(QList<Delivery> deliveries = {});
    void reportCompression();
    // Produces one message; a refusal becomes a failed Delivery in `out`.
    void produceOne(const ProduceRequest &request, QList<Delivery> &out);
    qint64 inFlight() const;
    void continueRetiring(qint64 left);
    void finishRetiring(qint64 unreported);

    ClientConfig m_config;
    std::unique_ptr<Producer> m_producer;
    QString m_compressionNotice; // what compressionNotApplied() last said of m_producer
    Error m_openError; // why m_producer is missing, for the messages refused meanwhile
    // Producers replaced by reconfigure() that still have messages in flight.
    std::vector<std::unique_ptr<Producer>> m_retiring;
    QTimer *m_pollTimer = nullptr;
    bool m_flushing = false;
    QDeadlineTimer m_flushDeadline;
    enum class Retirement { None, Flushing, Purging, Done };
    Retirement m_retirement = Retirement::None;
    QDeadlineTimer m_retireDeadline;

    std::unique_ptr<BulkSource> m_bulk;
    qint64 m_bulkSent = 0;
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::ProduceRequest)
Q_DECLARE_METATYPE(kafka::Delivery)
Q_DECLARE_METATYPE(kafka::ClientConfig)
