#pragma once

#include "clientconfig.h"
#include "producer.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <memory>

namespace kafka {

// Owns a Producer on the thread it is moved to (DESIGN.md: worker QObject +
// moveToThread). Requests arrive through queued slots; delivery reports
// leave in batches, one signal per poll round, never one per message.
// Counters always satisfy sent = delivered + failed + inFlight.
class ProducerWorker : public QObject {
    Q_OBJECT
public:
    // How often delivery reports are served while messages are in flight.
    static constexpr int PollIntervalMs = 20;

    explicit ProducerWorker(ClientConfig config, QObject *parent = nullptr);
    ~ProducerWorker() override;

public slots:
    // Creates the producer on the worker's thread; emits opened() or failed().
    void open();
    void produce(const QList<kafka::ProduceRequest> &requests);
    // Waits (on the worker thread) up to timeoutMs for every report; emits
    // flushed() with what is still in flight.
    void flush(int timeoutMs);

signals:
    void opened();
    void failed(const QString &message);
    // `rejected` counts messages librdkafka refused at produce time (they
    // have no delivery report), with the first reason.
    void delivered(const QList<kafka::Delivery> &deliveries);
    void rejected(int count, const QString &reason);
    void flushed(qint64 stillInFlight);

private:
    void servePoll();

    ClientConfig m_config;
    std::unique_ptr<Producer> m_producer;
    QTimer *m_pollTimer = nullptr;
};

} // namespace kafka

Q_DECLARE_METATYPE(kafka::ProduceRequest)
Q_DECLARE_METATYPE(kafka::Delivery)
