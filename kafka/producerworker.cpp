#include "producerworker.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace kafka {

ProducerWorker::ProducerWorker(ClientConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    qRegisterMetaType<QList<kafka::ProduceRequest>>();
    qRegisterMetaType<QList<kafka::Delivery>>();
    qRegisterMetaType<kafka::BulkSpec>();
    qRegisterMetaType<kafka::ClientConfig>();
}

ProducerWorker::~ProducerWorker() = default;

void ProducerWorker::open()
{
    auto producer = Producer::create(m_config);
    if (!producer.ok()) {
        m_openError = producer.error();
        return emit failed(m_openError.message);
    }
    m_openError = {};
    m_producer = std::move(producer).value();
    if (!m_pollTimer) {
        // Created here, so the timer lives on the worker's thread.
        m_pollTimer = new QTimer(this);
        m_pollTimer->setInterval(PollIntervalMs);
        connect(m_pollTimer, &QTimer::timeout, this, [this] { servePoll(); });
    }
    emit opened();
}

void ProducerWorker::reconfigure(const ClientConfig &config)
{
    if (m_producer && m_producer->inFlight() > 0)
        m_retiring.push_back(std::move(m_producer));
    m_producer.reset();
    m_config = config;
    open();
}

qint64 ProducerWorker::inFlight() const
{
    qint64 total = m_producer ? m_producer->inFlight() : 0;
    for (const auto &p : m_retiring)
        total += p->inFlight();
    return total;
}

void ProducerWorker::produceOne(const ProduceRequest &request, QList<Delivery> &out)
{
    if (!m_producer)
        return out.append(Delivery::refused(
            request, m_openError ? m_openError : Error::invalid(QStringLiteral("The producer is not open."))));
    if (auto err = m_producer->produce(request))
        out.append(Delivery::refused(request, err));
}

void ProducerWorker::produce(const QList<ProduceRequest> &requests)
{
    QList<Delivery> refused;
    emit sent(requests.size());
    for (const ProduceRequest &request : requests)
        produceOne(request, refused);
    servePoll(std::move(refused));
}

void ProducerWorker::startBulk(const BulkSpec &spec)
{
    if (m_bulk)
        return emit bulkFailed(QStringLiteral("A bulk run is already going."));
    auto source = BulkSource::open(spec, m_producer ? m_producer->maxMessageBytes() : BulkSource::DefaultMaxLineBytes);
    if (!source.ok())
        return emit bulkFailed(source.error().message);
    m_bulk = std::move(source).value();
    m_bulkSent = 0;
    emit bulkStarted(m_bulk->total());
    produceBulkSlice();
}

void ProducerWorker::produceBulkSlice()
{
    if (!m_bulk)
        return; // cancelled meanwhile
    const QDeadlineTimer slice(BulkSliceMs);
    QList<ProduceRequest> requests;
    QList<Delivery> failures;
    qint64 bytes = 0;
    // Generate first, then announce, then produce: sent() must precede any
    // report of these messages (librdkafka serves reports while waiting for
    // queue room). The slice is bounded in bytes too: the messages it holds
    // are the file's lines, which may each be up to message.max.bytes.
    for (qsizetype made = 1; !m_bulk->atEnd() && requests.size() < BulkSliceMessages && bytes < BulkSliceBytes;
         ++made) {
        auto next = m_bulk->next();
        if (next.ok()) {
            bytes += next.value().value.size() + next.value().key.value_or(QByteArray()).size();
            requests.append(std::move(next).value());
        } else {
            failures.append(Delivery::refused(ProduceRequest{}, next.error()));
        }
        // Reading the clock costs more than making a message: every 256.
        if (made % 256 == 0 && slice.hasExpired())
            break;
    }
    emit sent(requests.size() + failures.size());
    m_bulkSent += requests.size() + failures.size();
    for (const ProduceRequest &request : std::as_const(requests))
        produceOne(request, failures);
    servePoll(std::move(failures));

    if (m_bulk->atEnd()) {
        m_bulk.reset();
        emit bulkFinished(m_bulkSent, false);
    } else {
        // Queued, so that cancelBulk() and other requests get their turn.
        QMetaObject::invokeMethod(this, &ProducerWorker::produceBulkSlice, Qt::QueuedConnection);
    }
}

void ProducerWorker::cancelBulk()
{
    if (!m_bulk)
        return;
    m_bulk.reset();
    emit bulkFinished(m_bulkSent, true);
}

void ProducerWorker::servePoll(QList<Delivery> deliveries)
{
    if (m_producer) {
        deliveries.append(m_producer->poll());
        for (const QString &message : m_producer->takeClientErrors())
            emit clientError(message);
    }
    for (const auto &p : m_retiring)
        deliveries.append(p->poll());
    std::erase_if(m_retiring, [](const auto &p) { return p->inFlight() == 0; });
    if (!deliveries.isEmpty()) {
        emit delivered(deliveries);
        reportCompression();
    }
    const qint64 left = inFlight();
    if (m_flushing && (left == 0 || m_flushDeadline.hasExpired())) {
        m_flushing = false;
        emit flushed(left);
    }
    if (m_retirement == Retirement::Flushing || m_retirement == Retirement::Purging)
        return continueRetiring(left);
    if (!m_pollTimer)
        return;
    if (left > 0)
        m_pollTimer->start();
    else
        m_pollTimer->stop();
}

void ProducerWorker::reportCompression()
{
    // A replaced producer starts with no notice, so a new one is said again.
    const QString notice = m_producer ? m_producer->compressionNotice() : QString();
    if (notice == m_compressionNotice)
        return;
    m_compressionNotice = notice;
    if (!notice.isEmpty())
        emit compressionNotApplied(notice);
}

void ProducerWorker::flush(int timeoutMs)
{
    // Not rd_kafka_flush, which would block this thread: the poll timer
    // serves reports meanwhile, and abandon() or cancelBulk() still get in.
    m_flushDeadline = QDeadlineTimer(timeoutMs);
    m_flushing = true;
    servePoll();
}

void ProducerWorker::abandon()
{
    cancelBulk();
    if (m_producer)
        m_producer->purge();
    for (const auto &p : m_retiring)
        p->purge();
    // Purged messages are reported at the next poll, as failures.
    flush(AbandonReportMs);
}

void ProducerWorker::retire(int flushMs)
{
    if (m_retirement == Retirement::Done)
        return;
    cancelBulk();
    const QDeadlineTimer deadline(flushMs);
    if (m_retirement == Retirement::None || (m_retirement == Retirement::Flushing && deadline < m_retireDeadline)) {
        m_retirement = Retirement::Flushing;
        m_retireDeadline = deadline;
    }
    servePoll();
}

void ProducerWorker::continueRetiring(qint64 left)
{
    if (left == 0)
        return finishRetiring(0);
    if (m_retirement == Retirement::Flushing && m_retireDeadline.hasExpired()) {
        if (m_producer)
            m_producer->purge();
        for (const auto &p : m_retiring)
            p->purge();
        m_retirement = Retirement::Purging;
        m_retireDeadline = QDeadlineTimer(AbandonReportMs);
    } else if (m_retirement == Retirement::Purging && m_retireDeadline.hasExpired()) {
        return finishRetiring(left);
    }
    // left > 0, so the producer was opened and the poll timer exists.
    m_pollTimer->start();
}

void ProducerWorker::finishRetiring(qint64 unreported)
{
    if (unreported > 0) {
        const Delivery lost = Delivery::refused(
            ProduceRequest{}, Error{RD_KAFKA_RESP_ERR__PURGE_INFLIGHT,
                                    QStringLiteral("Abandoned: librdkafka gave no delivery report after the purge")});
        emit delivered(QList<Delivery>(unreported, lost));
    }
    m_retirement = Retirement::Done;
    if (m_pollTimer)
        m_pollTimer->stop();
    // Destroyed here, on this thread, while nothing is left in flight.
    m_producer.reset();
    m_retiring.clear();
    emit retired();
}

} // namespace kafka
