#include "producer.h"

#include "logging.h"
#include "metadatarequest.h"

#include <QDateTime>
#include <QMutex>

#include <algorithm>
#include <cstring>
#include <deque>
#include <utility>

namespace kafka {

namespace {

// The topic's name as a QString that delivery reports share without a
// reference count (QString::fromRawData). A shared QString's count would be
// bumped by the producer's thread and the GUI thread for every report. The
// names stay for the life of the process: there are as many as topics
// produced to, and reports that name them outlive their producer.
QString internedTopicName(const QString &name)
{
    // Never destroyed, so that a report still held while the process exits
    // does not point into a destroyed name.
    static auto *mutex = new QMutex;
    static auto *names = new std::deque<QString>; // a deque never moves its elements
    const QMutexLocker lock(mutex);
    auto found = std::find(names->cbegin(), names->cend(), name);
    if (found == names->cend())
        found = names->insert(names->cend(), name);
    return QString::fromRawData(found->constData(), found->size());
}

} // namespace

Result<std::unique_ptr<Producer>> Producer::create(const ClientConfig &config)
{
    ClientConfig withDefaults = config;
    const bool userSetIdempotence = std::any_of(config.properties.begin(), config.properties.end(),
                                                [](const Property &p) { return p.first == QLatin1String("enable.idempotence"); });
    if (!userSetIdempotence)
        withDefaults.properties.prepend({QStringLiteral("enable.idempotence"), QStringLiteral("true")});
    auto conf = withDefaults.build();
    if (!conf.ok())
        return conf.error();
    ConfPtr ownedConf = std::move(conf).value();
    auto producer = std::unique_ptr<Producer>(new Producer(config.bootstrapServers));
    // The delivery callback finds its Producer through the opaque, which can
    // only be set before the handle exists.
    rd_kafka_conf_set_dr_msg_cb(ownedConf.get(), &Producer::onDelivery);
    rd_kafka_conf_set_log_cb(ownedConf.get(), &Producer::onLog);
    rd_kafka_conf_set_error_cb(ownedConf.get(), &Producer::onError);
    rd_kafka_conf_set_opaque(ownedConf.get(), producer.get());
    char codec[32] = "none";
    size_t codecSize = sizeof codec;
    rd_kafka_conf_get(ownedConf.get(), "compression.type", codec, &codecSize);
    producer->m_compression = QString::fromLatin1(codec);
    char maxBytes[32] = "";
    size_t maxBytesSize = sizeof maxBytes;
    rd_kafka_conf_get(ownedConf.get(), "message.max.bytes", maxBytes, &maxBytesSize);
    producer->m_maxMessageBytes = QByteArray(maxBytes).toLongLong();
    if (producer->m_compression == QLatin1String("gzip") || producer->m_compression == QLatin1String("snappy")
        || producer->m_compression == QLatin1String("lz4")) {
        // librdkafka says it skips these codecs at NOTICE level only when
        // its monotonic clock is over a day old (a "once a day" interval
        // that starts at boot), else at debug level in the "msg" context:
        // watch that context too. It logs per batch, not per message.
        char debug[512] = "";
        size_t debugSize = sizeof debug;
        rd_kafka_conf_get(ownedConf.get(), "debug", debug, &debugSize);
        const QByteArray contexts = debug[0] ? QByteArray(debug) + ",msg" : QByteArray("msg");
        rd_kafka_conf_set(ownedConf.get(), "debug", contexts.constData(), nullptr, 0);
    }

    auto handle = createHandle(RD_KAFKA_PRODUCER, std::move(ownedConf), QStringLiteral("a producer"));
    if (!handle.ok())
        return handle.error();
    producer->m_handle = std::move(handle).value();
    return producer;
}

Delivery Delivery::refused(const ProduceRequest &request, const Error &error)
{
    Delivery delivery;
    delivery.topic = request.topic;
    delivery.partition = request.partition;
    delivery.key = request.key;
    delivery.reportedAtMs = QDateTime::currentMSecsSinceEpoch();
    delivery.error = error.code == RD_KAFKA_RESP_ERR_NO_ERROR ? RD_KAFKA_RESP_ERR__INVALID_ARG : error.code;
    delivery.reason = error.message;
    return delivery;
}

Producer::Producer(QString bootstrapServers) : m_bootstrapServers(std::move(bootstrapServers))
{
}

Producer::~Producer() = default;

void Producer::onLog(const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
    // The line librdkafka writes when it sends a batch uncompressed because
    // the broker lacks what the codec needs (rdkafka_msgset_writer.c),
    // at NOTICE or debug level.
    if (std::strstr(message, "does not support compression"))
        static_cast<Producer *>(rd_kafka_opaque(rk))->m_compressionSkipped = true;
    // Debug lines (the "msg" context asked for above among them) reach the
    // log only where its debug level is enabled.
    logLine(rk, level, facility, message);
}

QString Producer::compressionNotice() const
{
    if (!m_compressionSkipped)
        return {};
    return QStringLiteral("Compression %1 is not applied: the broker does not accept %1 from this client, so messages "
                          "are sent uncompressed. librdkafka %2 sends gzip, snappy and lz4 only with a produce request "
                          "version that Kafka 4.0 removed; choose zstd (applied) or none.")
        .arg(m_compression, QString::fromLatin1(rd_kafka_version_str()));
}

void Producer::onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    // Served by poll() and flush() on the producer's own thread.
    auto *self = static_cast<Producer *>(opaque);
    QString message;
    switch (err) {
    case RD_KAFKA_RESP_ERR__FATAL:
        self->noteFatalError();
        return;
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        message = QStringLiteral("No broker answers: messages wait until one does, or fail after message.timeout.ms.");
        break;
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
    case RD_KAFKA_RESP_ERR__RESOLVE:
        message = QString::fromUtf8(reason);
        break;
    default:
        // One broker's connection closing (librdkafka reconnects) is for
        // the broker watch and the log, not a message to the user.
        return;
    }
    // librdkafka repeats a state it is still in; once is enough.
    if (!self->m_clientErrors.contains(message))
        self->m_clientErrors.append(message);
}

QStringList Producer::takeClientErrors()
{
    // librdkafka sets the fatal error before it queues the event that tells
    // of it: a produce() refused with "Local: Fatal error" can come first,
    // and a command that then has nothing in flight would end without it.
    noteFatalError();
    return std::exchange(m_clientErrors, {});
}

void Producer::noteFatalError()
{
    char cause[512] = "";
    const rd_kafka_resp_err_t code = rd_kafka_fatal_error(m_handle.get(), cause, sizeof cause);
    if (m_fatalNoted || code == RD_KAFKA_RESP_ERR_NO_ERROR)
        return;
    m_fatalNoted = true;
    m_clientErrors.append(QStringLiteral("The producer stopped for good: %1 (%2). Every message not yet delivered "
                                         "fails; produce again with a new producer (reconnect, or run the command "
                                         "again).")
                              .arg(QString::fromUtf8(cause), QString::fromUtf8(rd_kafka_err2name(code))));
}

void Producer::onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *self = static_cast<Producer *>(opaque);
    Delivery delivery;
    delivery.topic = self->topicName(message->rkt);
    delivery.partition = message->partition;
    delivery.offset = message->offset;
    if (message->key)
        delivery.key = QByteArray(static_cast<const char *>(message->key), qsizetype(message->key_len));
    // When its fate became known (the deliveries table's Time column).
    delivery.reportedAtMs = self->m_servedAtMs;
    delivery.latencyUs = rd_kafka_message_latency(message);
    delivery.error = message->err;
    self->m_pending.append(std::move(delivery));
}

Error Producer::checkReachable(Timeout timeout) const
{
    auto reply = requestMetadata(m_handle.get(), false, timeout, m_bootstrapServers);
    return reply.ok() ? Error{} : reply.error();
}

rd_kafka_topic_t *Producer::topic(const QString &name)
{
    for (const Topic &known : m_topics)
        if (known.name == name)
            return known.handle.get();
    TopicPtr handle(rd_kafka_topic_new(m_handle.get(), name.toUtf8().constData(), nullptr));
    if (!handle)
        return nullptr;
    m_topics.push_back({std::move(handle), internedTopicName(name)});
    return m_topics.back().handle.get();
}

const QString &Producer::topicName(rd_kafka_topic_t *handle) const
{
    for (const Topic &known : m_topics)
        if (known.handle.get() == handle)
            return known.name;
    static const QString unknown;
    return unknown;
}

Error Producer::produce(const ProduceRequest &request)
{
    rd_kafka_topic_t *target = topic(request.topic);
    if (!target)
        return Error::fromKafka(rd_kafka_last_error(), QStringLiteral("Cannot produce to '%1'").arg(request.topic));
    rd_kafka_headers_t *headers = nullptr;
    if (!request.headers.isEmpty()) {
        headers = rd_kafka_headers_new(size_t(request.headers.size()));
        for (const Header &h : request.headers)
            rd_kafka_header_add(headers, h.name.constData(), h.name.size(), h.value.constData(), h.value.size());
    }
    const char *key = request.key ? request.key->constData() : nullptr;
    const size_t keySize = request.key ? size_t(request.key->size()) : 0;
    const char *value = request.tombstone ? nullptr : request.value.constData();
    const size_t valueSize = request.tombstone ? 0 : size_t(request.value.size());
    for (;;) {
        const rd_kafka_resp_err_t err = rd_kafka_producev(
            m_handle.get(), RD_KAFKA_V_RKT(target), RD_KAFKA_V_PARTITION(request.partition),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_VALUE(const_cast<char *>(value), valueSize), RD_KAFKA_V_KEY(key, keySize),
            RD_KAFKA_V_TIMESTAMP(request.timestampMs),
            RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            // Backpressure: serve delivery reports (kept for the next poll) until there is room.
            serveReports(Timeout(100));
            continue;
        }
        if (err) {
            // On failure librdkafka did not take the headers.
            if (headers)
                rd_kafka_headers_destroy(headers);
            if (err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
                return tooLarge(request);
            return Error::fromKafka(err, QStringLiteral("Cannot produce to '%1'").arg(request.topic));
        }
        ++m_accepted;
        return {};
    }
}

Error Producer::tooLarge(const ProduceRequest &request) const
{
    // librdkafka's own check, before anything is sent; its words ("Broker:
    // Message size too large") name neither the limit nor where to set it.
    char limit[64] = "";
    size_t size = sizeof limit;
    rd_kafka_conf_get(rd_kafka_conf(m_handle.get()), "message.max.bytes", limit, &size);
    qint64 bytes = request.value.size() + (request.key ? request.key->size() : 0);
    for (const Header &h : request.headers)
        bytes += h.name.size() + h.value.size();
    return {RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
            QStringLiteral("Cannot produce to '%1': the message (%2 bytes) is above this producer's message.max.bytes "
                           "(%3). Raise it in the connection's client properties; the topic's max.message.bytes must "
                           "allow it too.")
                .arg(request.topic, QString::number(bytes), QString::fromLatin1(limit))};
}

QList<Delivery> Producer::take()
{
    m_reported += m_pending.size();
    return std::exchange(m_pending, {});
}

void Producer::serveReports(Timeout timeout)
{
    // One clock reading per serving, not per report: the clock took a
    // tenth of the producer thread's time when read for each of them.
    m_servedAtMs = QDateTime::currentMSecsSinceEpoch();
    rd_kafka_poll(m_handle.get(), int(timeout.count()));
}

QList<Delivery> Producer::poll(Timeout timeout)
{
    serveReports(timeout);
    return take();
}

void Producer::purge()
{
    rd_kafka_purge(m_handle.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
}

QList<Delivery> Producer::flush(Timeout timeout)
{
    m_servedAtMs = QDateTime::currentMSecsSinceEpoch();
    rd_kafka_flush(m_handle.get(), int(timeout.count()));
    return take();
}

} // namespace kafka
