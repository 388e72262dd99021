#include "consumerworker.h"

#include <QDateTime>

namespace kafka {

namespace {
constexpr std::chrono::seconds StartTimeout{10};
} // namespace

ConsumerWorker::ConsumerWorker(ConsumerSpec spec, QObject *parent) : QObject(parent), m_spec(std::move(spec))
{
    qRegisterMetaType<QList<kafka::RecordBatch>>();
    qRegisterMetaType<QList<kafka::ConsumerEvent>>();
    qRegisterMetaType<QList<kafka::PartitionProgress>>();
}

ConsumerWorker::~ConsumerWorker() = default;

void ConsumerWorker::start()
{
    if (m_consumer)
        return;
    auto consumer = Consumer::create(m_spec);
    if (!consumer.ok())
        return emit failed(consumer.error().message);
    m_consumer = std::move(consumer).value();
    if (auto err = m_consumer->start(StartTimeout)) {
        m_consumer.reset();
        return emit failed(err.message);
    }
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(ProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &ConsumerWorker::reportProgress);
    m_progressTimer->start();
    emit started();
    emitEvents();
    m_sinceEmit.start();
    pollSlice();
}

void ConsumerWorker::pollSlice()
{
    if (!m_consumer)
        return; // stopped meanwhile
    // With records pending, wait for more only until they are due.
    const qint64 wait = m_pending.isEmpty() ? BatchMs : std::clamp<qint64>(MinEmitIntervalMs - m_sinceEmit.elapsed(), 0, BatchMs);
    RecordBatch batch = m_consumer->poll(BatchRecords, std::chrono::milliseconds(wait));
    // Here, before the batch is shared: decoding adds to it in place.
    std::shared_ptr<SchemaDecoder> decoder;
    bool localSchema = false;
    {
        const std::lock_guard lock(m_decoderLock);
        decoder = m_decoder;
        localSchema = m_localSchema;
    }
    decodeBatch(batch, decoder.get(), localSchema);
    const bool caughtUp = batch.size() < BatchRecords;
    if (!batch.isEmpty())
        m_pending.append(batch);
    if (m_sinceEmit.elapsed() >= (caughtUp ? MinEmitIntervalMs : EmitIntervalMs))
        emitRecords();
    emitEvents();
    // A fatal error was told in the events: the consumer closes.
    if (m_consumer->hasFailedForGood())
        return stop();
    // Queued, so that requests waiting in the event loop come first.
    QMetaObject::invokeMethod(this, &ConsumerWorker::pollSlice, Qt::QueuedConnection);
}

void ConsumerWorker::setDecoder(std::shared_ptr<SchemaDecoder> decoder, bool localSchema)
{
    const std::lock_guard lock(m_decoderLock);
    m_decoder = std::move(decoder);
    m_localSchema = localSchema;
}

void ConsumerWorker::emitRecords()
{
    if (m_pending.isEmpty())
        return;
    m_sinceEmit.start();
    emit records(std::exchange(m_pending, {}));
}

void ConsumerWorker::emitEvents()
{
    if (!m_consumer)
        return;
    const QList<ConsumerEvent> happened = m_consumer->takeEvents();
    if (!happened.isEmpty())
        emit events(happened);
}

void ConsumerWorker::reportProgress()
{
    if (m_consumer)
        emit progress(m_consumer->progress(), m_consumer->memberId());
}

// A pause, resume, commit or close that fails is told as an event; the
// consumer goes on (failed() is for a consumer that could not start).
void ConsumerWorker::reportError(const Error &err)
{
    if (err)
        emit events({{ConsumerEvent::Kind::Error, QDateTime::currentMSecsSinceEpoch(), {}, err.message}});
}

void ConsumerWorker::pause()
{
    if (m_consumer)
        reportError(m_consumer->pause());
}

void ConsumerWorker::resume()
{
    if (m_consumer)
        reportError(m_consumer->resume());
}

void ConsumerWorker::commit()
{
    if (m_consumer)
        reportError(m_consumer->commit());
}

void ConsumerWorker::stop()
{
    // Once: a fatal error stops the worker by itself, and its owner may ask
    // again before it has heard.
    if (std::exchange(m_stopped, true))
        return;
    emitRecords();
    if (m_consumer) {
        reportError(m_consumer->close());
        emitEvents();
        reportProgress();
        m_consumer.reset();
    }
    if (m_progressTimer)
        m_progressTimer->stop();
    emit stopped();
}

} // namespace kafka
