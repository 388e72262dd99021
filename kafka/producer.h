#pragma once

#include "clientconfig.h"
#include "error.h"
#include "handles.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace kafka {

struct Header {
    QByteArray name;
    QByteArray value;
    friend bool operator==(const Header &, const Header &) = default;
};

struct ProduceRequest {
    QString topic;
    std::optional<QByteArray> key; // no key: the partitioner spreads messages
    QByteArray value;
    QList<Header> headers;
    int partition = RD_KAFKA_PARTITION_UA; // UA: chosen by the partitioner
    // No value at all (JSON null), which log compaction reads as a delete;
    // `value` is then ignored. Not the same as an empty value.
    bool tombstone = false;
    qint64 timestampMs = 0; // CreateTime in ms since the epoch; 0: when it is produced
};

// The fate of one produced message, from librdkafka's delivery report.
struct Delivery {
    QString topic;
    int partition = -1;
    qint64 offset = -1;
    std::optional<QByteArray> key;
    qint64 reportedAtMs = -1; // when the report arrived, ms since the epoch
    qint64 latencyUs = -1;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
    // Set when the message never reached librdkafka (refused, or bad input),
    // in place of librdkafka's generic text for `error`.
    QString reason;

    // A message that failed before librdkafka took it.
    static Delivery refused(const ProduceRequest &request, const Error &error);

    bool delivered() const { return error == RD_KAFKA_RESP_ERR_NO_ERROR && reason.isEmpty(); }
    QString errorText() const { return reason.isEmpty() ? QString::fromUtf8(rd_kafka_err2str(error)) : reason; }
};

} // namespace kafka

// Moved with memcpy when a list of them grows (no member points into itself).
Q_DECLARE_TYPEINFO(kafka::Delivery, Q_RELOCATABLE_TYPE);

namespace kafka {

// A librdkafka producer: one handle, used from one thread (delivery reports
// are served by poll() on the calling thread). Every message handed to
// produce() ends as exactly one Delivery from poll() or flush(), delivered or
// failed, so counts always add up: accepted = delivered + failed + inFlight().
class Producer {
public:
    using Timeout = std::chrono::milliseconds;

    // Idempotence is on unless the user's properties say otherwise.
    static Result<std::unique_ptr<Producer>> create(const ClientConfig &config);
    ~Producer();
    Producer(const Producer &) = delete;
    Producer &operator=(const Producer &) = delete;

    // Checks that the cluster answers (a metadata round trip), so that an
    // unreachable cluster is reported up front instead of after
    // message.timeout.ms of silently queued messages.
    Error checkReachable(Timeout timeout) const;

    // Enqueues one message. A full local queue is backpressure, not an
    // error: delivery reports are served until there is room. An error here
    // (unknown topic name format, message too large, ...) means the message
    // was not accepted and will have no Delivery.
    Error produce(const ProduceRequest &request);

    // Serves delivery reports for up to `timeout` and returns those that arrived.
    QList<Delivery> poll(Timeout timeout = Timeout(0));
    // Waits until every accepted message has a Delivery or `timeout` passes;
    // returns the reports served meanwhile. inFlight() then says what is left.
    QList<Delivery> flush(Timeout timeout);
    // Gives up on every message not yet delivered: each fails with a
    // "purged" report, served by the next poll() or flush().
    void purge();
    qint64 inFlight() const { return m_accepted - m_reported; }

    // What librdkafka said about the producer as a whole since the last
    // call, in words for the user: no broker answering, a failed TLS or SASL
    // step, or a fatal error (the producer then fails every message and a
    // new one is needed). Gathered while poll() or flush() serve reports.
    QStringList takeClientErrors();

    // message.max.bytes: no message (key, value and headers) can be larger.
    qint64 maxMessageBytes() const { return m_maxMessageBytes; }
    // The codec chosen with compression.type, or "none".
    QString compression() const { return m_compression; }
    // Empty while the chosen codec is applied (or not known to be skipped);
    // else why the messages are being sent uncompressed. librdkafka 2.0.2
    // sends gzip, snappy and lz4 only to brokers that still accept Produce
    // v0, which Kafka 4.0 removed; it then skips compression with a single
    // log line, so the user would believe their messages are compressed.
    // Known once a batch has been sent; any thread may ask.
    QString compressionNotice() const;

private:
    // The refusal of a message above message.max.bytes, with the numbers.
    Error tooLarge(const ProduceRequest &request) const;
    explicit Producer(QString bootstrapServers);
    static void onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque);
    static void onLog(const rd_kafka_t *rk, int level, const char *facility, const char *message);
    static void onError(rd_kafka_t *rk, int err, const char *reason, void *opaque);
    // Adds the fatal error, once, to what takeClientErrors() gives.
    void noteFatalError();
    void serveReports(Timeout timeout);

    // A topic handle per topic, so that producing does not look the name up
    // per message; the topic's name as its Deliveries share it (interned).
    struct Topic {
        TopicPtr handle;
        QString name;
    };
    rd_kafka_topic_t *topic(const QString &name);
    const QString &topicName(rd_kafka_topic_t *handle) const;

    qint64 m_maxMessageBytes = 0;
    QStringList m_clientErrors;
    bool m_fatalNoted = false;
    QString m_compression;
    // Set by librdkafka's threads (onLog), read by any: declared before
    // m_handle so that it outlives the handle's last log line.
    std::atomic<bool> m_compressionSkipped{false};
    HandlePtr m_handle;
    std::vector<Topic> m_topics; // destroyed before m_handle
    QString m_bootstrapServers;
    QList<Delivery> take();

    QList<Delivery> m_pending; // filled by onDelivery during poll/flush
    qint64 m_servedAtMs = -1;  // when reports were last served: their reportedAtMs
    // Counted here rather than read from rd_kafka_outq_len, which also
    // counts librdkafka's internal operations.
    qint64 m_accepted = 0;
    qint64 m_reported = 0;
};

} // namespace kafka
