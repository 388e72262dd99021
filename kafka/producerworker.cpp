#include "producerworker.h"

namespace kafka {

ProducerWorker::ProducerWorker(ClientConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    qRegisterMetaType<QList<kafka::ProduceRequest>>();
    qRegisterMetaType<QList<kafka::Delivery>>();
}

ProducerWorker::~ProducerWorker() = default;

void ProducerWorker::open()
{
    auto producer = Producer::create(m_config);
    if (!producer.ok())
        return emit failed(producer.error().message);
    m_producer = std::move(producer).value();
    // Created here, so the timer lives on the worker's thread.
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(PollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &ProducerWorker::servePoll);
    emit opened();
}

void ProducerWorker::produce(const QList<ProduceRequest> &requests)
{
    if (!m_producer)
        return emit rejected(int(requests.size()), QStringLiteral("The producer is not open."));
    int rejectedCount = 0;
    QString firstReason;
    for (const ProduceRequest &request : requests) {
        if (auto err = m_producer->produce(request)) {
            if (rejectedCount++ == 0)
                firstReason = err.message;
        }
    }
    if (rejectedCount > 0)
        emit rejected(rejectedCount, firstReason);
    servePoll();
}

void ProducerWorker::servePoll()
{
    const QList<Delivery> deliveries = m_producer->poll();
    if (!deliveries.isEmpty())
        emit delivered(deliveries);
    if (m_producer->inFlight() > 0)
        m_pollTimer->start();
    else
        m_pollTimer->stop();
}

void ProducerWorker::flush(int timeoutMs)
{
    if (!m_producer)
        return emit flushed(0);
    const QList<Delivery> deliveries = m_producer->flush(std::chrono::milliseconds(timeoutMs));
    if (!deliveries.isEmpty())
        emit delivered(deliveries);
    emit flushed(m_producer->inFlight());
}

} // namespace kafka
