#include "consumer.h"

#include "logging.h"
#include "metadatarequest.h"
#include "topicspec.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QUuid>

#include <algorithm>
#include <cstring>
#include <vector>

namespace kafka {

namespace {

TimestampType timestampTypeOf(rd_kafka_timestamp_type_t type)
{
    switch (type) {
    case RD_KAFKA_TIMESTAMP_CREATE_TIME:
        return TimestampType::CreateTime;
    case RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME:
        return TimestampType::LogAppendTime;
    case RD_KAFKA_TIMESTAMP_NOT_AVAILABLE:
        break;
    }
    return TimestampType::Unknown;
}

QList<TopicPartition> toList(const rd_kafka_topic_partition_list_t *list)
{
    QList<TopicPartition> out;
    if (!list)
        return out;
    for (int i = 0; i < list->cnt; ++i)
        out.append({QString::fromUtf8(list->elems[i].topic), int(list->elems[i].partition)});
    return out;
}

QString describe(const QList<TopicPartition> &partitions)
{
    QStringList parts;
    for (const TopicPartition &tp : partitions)
        parts.append(QStringLiteral("%1[%2]").arg(tp.topic).arg(tp.partition));
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

// The topic in the metadata, or nullptr if it does not exist (or has no partitions).
const rd_kafka_metadata_topic_t *findTopic(const rd_kafka_metadata_t *md, const QString &topic)
{
    const QByteArray name = topic.toUtf8();
    const rd_kafka_metadata_topic_t *begin = md->topics, *end = md->topics + md->topic_cnt;
    const auto *found = std::find_if(begin, end, [&name](const auto &t) { return name == t.topic; });
    return found == end || found->err || found->partition_cnt == 0 ? nullptr : found;
}

std::optional<QByteArrayView> bytesOrNull(const void *data, size_t size)
{
    if (!data)
        return std::nullopt;
    return QByteArrayView(static_cast<const char *>(data), qsizetype(size));
}

// A consumed message's headers, or nullptr if it has none. Asked once per
// message: librdkafka keeps the parsed list on the message when there are
// headers, but when there are none it parses again, with an allocation, at
// every call (2.0.2).
rd_kafka_headers_t *headersOf(rd_kafka_message_t *message)
{
    rd_kafka_headers_t *headers = nullptr;
    return rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR ? headers : nullptr;
}

// Calls visit(name, value) for each header in the list.
template <typename Visit>
void forEachHeader(const rd_kafka_headers_t *headers, Visit visit)
{
    if (!headers)
        return;
    const char *name = nullptr;
    const void *value = nullptr;
    size_t size = 0;
    for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
        visit(QByteArrayView(name), QByteArrayView(static_cast<const char *>(value), qsizetype(size)));
}

qint64 knownOffset(int64_t offset)
{
    return offset >= 0 ? offset : -1;
}

} // namespace

Properties consumerFetchDefaults()
{
    // librdkafka 2.0.2 stops fetching from a broker once its queue holds
    // queued.min.messages (default 100,000) and looks again only when the
    // broker thread next wakes, up to a second later, while the app has long
    // drained the queue: reading 650,000 messages took 1.1 s instead of 0.3 s.
    // With this, the byte bound (queued.max.messages.kbytes, 64 MB by
    // default) is the one that applies.
    return {{QStringLiteral("queued.min.messages"), QStringLiteral("1000000")}};
}

Error ConsumerSpec::validate() const
{
    if (topics.isEmpty())
        return Error::invalid(QStringLiteral("Choose at least one topic to consume."));
    for (qsizetype i = 0; i < topics.size(); ++i) {
        if (topics[i].trimmed().isEmpty())
            return Error::invalid(QStringLiteral("A topic name is empty."));
        if (auto err = TopicSpec{topics[i], 1, 1}.validate())
            return err;
        // librdkafka refuses a repeated topic with only "Invalid argument".
        if (topics.indexOf(topics[i]) < i)
            return Error::invalid(QStringLiteral("Topic '%1' is named twice.").arg(topics[i]));
    }
    if (mode == Mode::Group) {
        if (groupId.trimmed().isEmpty())
            return Error::invalid(QStringLiteral("A group needs a group id."));
        if (start != Start::Earliest && start != Start::Latest)
            return Error::invalid(QStringLiteral("In a group, consumers begin at their committed offsets, else at "
                                                 "the earliest or latest; an offset or a time needs manual partitions."));
    }
    if (start == Start::Offset && startAt < 0)
        return Error::invalid(QStringLiteral("An offset cannot be negative."));
    // Negative times are codes to Kafka's offset lookup (-1 ms is "latest",
    // -2 ms "earliest"), not times.
    if (start == Start::Timestamp && startAt < 0)
        return Error::invalid(QStringLiteral("A time before 1970-01-01 00:00 UTC cannot be looked up: Kafka counts "
                                             "time from then."));
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        if (partitions[i] < 0)
            return Error::invalid(QStringLiteral("A partition number cannot be negative."));
        // librdkafka refuses a repeated partition with only "Invalid argument".
        if (partitions.indexOf(partitions[i]) < i)
            return Error::invalid(QStringLiteral("Partition %1 is named twice.").arg(partitions[i]));
    }
    return {};
}

Result<std::unique_ptr<Consumer>> Consumer::create(const ConsumerSpec &spec)
{
    if (auto err = spec.validate())
        return err;
    ClientConfig config = spec.config;
    // Defaults the user's own properties override (they come later).
    config.properties = consumerFetchDefaults() + config.properties;
    config.properties.prepend({QStringLiteral("statistics.interval.ms"), QString::number(StatisticsIntervalMs)});
    auto set = [&config](const char *key, const QString &value) {
        config.properties.append({QString::fromLatin1(key), value});
    };
    const QString yes = QStringLiteral("true"), no = QStringLiteral("false");
    if (spec.mode == ConsumerSpec::Mode::Group) {
        set("group.id", spec.groupId);
        set("auto.offset.reset", spec.start == ConsumerSpec::Start::Latest ? QStringLiteral("latest")
                                                                              : QStringLiteral("earliest"));
        set("enable.auto.commit", spec.autoCommit ? yes : no);
        if (!spec.assignmentStrategy.isEmpty())
            set("partition.assignment.strategy", spec.assignmentStrategy);
    } else {
        // librdkafka 2.0.2 refuses rd_kafka_assign without a group id
        // ("Unknown group"); this one never commits, so no group appears.
        set("group.id", QStringLiteral("kafkadesk-manual-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        set("enable.auto.commit", no);
        // Nothing is ever committed, so storing each record's offset (a lock
        // per record) is work for nothing; positions are kept regardless.
        set("enable.auto.offset.store", no);
        // A chosen offset outside the partition's range is reported, not
        // silently replaced by the earliest or latest one.
        if (spec.start == ConsumerSpec::Start::Offset)
            set("auto.offset.reset", QStringLiteral("error"));
    }
    if (spec.explicitOffsets)
        set("enable.auto.offset.store", no);
    auto conf = config.build();
    if (!conf.ok())
        return conf.error();
    ConfPtr ownedConf = std::move(conf).value();
    auto consumer = std::unique_ptr<Consumer>(new Consumer(spec));
    char strategy[256] = "";
    size_t strategySize = sizeof strategy;
    rd_kafka_conf_get(ownedConf.get(), "partition.assignment.strategy", strategy, &strategySize);
    consumer->m_stickyAssignor = std::strstr(strategy, "cooperative-sticky") != nullptr;
    rd_kafka_conf_set_rebalance_cb(ownedConf.get(), &Consumer::onRebalance);
    rd_kafka_conf_set_offset_commit_cb(ownedConf.get(), &Consumer::onCommit);
    // Both are served by poll() on the consumer's thread (the main queue is
    // forwarded to the consumer queue below).
    rd_kafka_conf_set_error_cb(ownedConf.get(), &Consumer::onError);
    rd_kafka_conf_set_stats_cb(ownedConf.get(), &Consumer::onStatistics);
    rd_kafka_conf_set_opaque(ownedConf.get(), consumer.get());
    auto handle = createHandle(RD_KAFKA_CONSUMER, std::move(ownedConf), QStringLiteral("a consumer"));
    if (!handle.ok())
        return handle.error();
    consumer->m_handle = std::move(handle).value();
    // One queue for messages, rebalances and commits, served by poll().
    rd_kafka_poll_set_consumer(consumer->m_handle.get());
    consumer->m_queue.reset(rd_kafka_queue_get_consumer(consumer->m_handle.get()));
    return consumer;
}

Consumer::Consumer(ConsumerSpec spec) : m_spec(std::move(spec))
{
}

Consumer::~Consumer()
{
    close();
    // librdkafka 2.0.2 aborts (rdkafka_sticky_assignor.c: assertion
    // `assignor_state') when it destroys a cooperative-sticky group member
    // that joined but never got an assignment: closing a consumer while its
    // group rebalances can do that (seen in test_lifecycle). The member has
    // left its group by now (close()); its handle is left undestroyed, one
    // idle client kept rather than the process lost.
    if (m_stickyAssignor && !m_everAssigned && m_spec.mode == ConsumerSpec::Mode::Group) {
        qCInfo(lcRdKafka, "%s: left undestroyed: it never got an assignment (librdkafka 2.0.2 would abort)",
                  rd_kafka_name(m_handle.get()));
        keepUndestroyed(m_handle.release());
    }
}

void Consumer::keepUndestroyed(rd_kafka_t *handle)
{
    // Held, not dropped: a handle kept on purpose stays reachable, so that
    // LeakSanitizer (scripts/sanitize.sh) reports only real leaks.
    // Never destroyed, like the handles, so that they stay reachable to the end.
    static auto *mutex = new QMutex;
    static auto *kept = new std::vector<rd_kafka_t *>;
    const QMutexLocker lock(mutex);
    kept->push_back(handle);
}

Error Consumer::checkReachable(Timeout timeout) const
{
    auto reply = requestMetadata(m_handle.get(), false, timeout, m_spec.config.bootstrapServers);
    return reply.ok() ? Error{} : reply.error();
}

QString Consumer::clusterId() const
{
    // Known from the metadata already fetched: no wait.
    char *id = rd_kafka_clusterid(m_handle.get(), 0);
    const QString clusterId = QString::fromUtf8(id);
    rd_kafka_mem_free(m_handle.get(), id);
    return clusterId;
}

Error Consumer::start(Timeout timeout)
{
    auto metadata = requestMetadata(m_handle.get(), true, timeout, m_spec.config.bootstrapServers);
    if (!metadata.ok())
        return metadata.error();
    const rd_kafka_metadata_t *md = metadata.value().get();
    // A topic that does not exist is named now, rather than waited for.
    for (const QString &topic : std::as_const(m_spec.topics)) {
        if (!findTopic(md, topic))
            return Error{RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, QStringLiteral("Topic '%1' does not exist.").arg(topic)};
    }
    // Asking for these topics by name (topic handles make them the locally
    // known ones) tells librdkafka their leaders before it assigns; after
    // the all-topics answer alone, its first offset lookups waited out a
    // 500 ms retry. Only now, as asking by name may create a topic.
    std::vector<TopicPtr> known;
    for (const QString &topic : std::as_const(m_spec.topics))
        known.emplace_back(rd_kafka_topic_new(m_handle.get(), topic.toUtf8().constData(), nullptr));
    if (auto leaders = requestMetadata(m_handle.get(), false, timeout, m_spec.config.bootstrapServers); !leaders.ok())
        return leaders.error();
    if (m_spec.mode == ConsumerSpec::Mode::Manual)
        return assignManually(md, timeout);

    PartitionListPtr topics(rd_kafka_topic_partition_list_new(int(m_spec.topics.size())));
    for (const QString &topic : std::as_const(m_spec.topics))
        rd_kafka_topic_partition_list_add(topics.get(), topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
    if (rd_kafka_resp_err_t err = rd_kafka_subscribe(m_handle.get(), topics.get()))
        return Error::fromKafka(err, QStringLiteral("Cannot subscribe to %1").arg(m_spec.topics.join(QStringLiteral(", "))));
    addEvent(ConsumerEvent::Kind::Info,
             QStringLiteral("Joining group %1 for %2 (assignment: %3)")
                 .arg(m_spec.groupId, m_spec.topics.join(QStringLiteral(", ")),
                      m_spec.assignmentStrategy.isEmpty() ? QStringLiteral("librdkafka's default") : m_spec.assignmentStrategy));
    return {};
}

Error Consumer::assignManually(const rd_kafka_metadata_t *md, Timeout timeout)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(0));
    for (const QString &topic : std::as_const(m_spec.topics)) {
        const QByteArray name = topic.toUtf8();
        const rd_kafka_metadata_topic_t *found = findTopic(md, topic); // start() checked it exists
        QList<int> chosen = m_spec.partitions;
        if (chosen.isEmpty())
            for (int p = 0; p < found->partition_cnt; ++p)
                chosen.append(found->partitions[p].id);
        for (int p : std::as_const(chosen)) {
            if (p >= found->partition_cnt)
                return Error{RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
                             QStringLiteral("Topic '%1' has no partition %2 (it has %3, numbered from 0).")
                                 .arg(topic)
                                 .arg(p)
                                 .arg(found->partition_cnt)};
            int64_t offset = RD_KAFKA_OFFSET_BEGINNING;
            switch (m_spec.start) {
            case ConsumerSpec::Start::Earliest: offset = RD_KAFKA_OFFSET_BEGINNING; break;
            case ConsumerSpec::Start::Latest: offset = RD_KAFKA_OFFSET_END; break;
            case ConsumerSpec::Start::Offset:
            case ConsumerSpec::Start::Timestamp: offset = m_spec.startAt; break;
            }
            rd_kafka_topic_partition_list_add(list.get(), name.constData(), p)->offset = offset;
        }
    }
    if (m_spec.start == ConsumerSpec::Start::Timestamp) {
        if (auto err = resolveTimestamps(list.get(), timeout))
            return err;
    }
    if (rd_kafka_resp_err_t err = rd_kafka_assign(m_handle.get(), list.get()))
        return Error::fromKafka(err, QStringLiteral("Cannot assign partitions"));
    addEvent(ConsumerEvent::Kind::Assigned, QStringLiteral("Assigned %1").arg(describe(toList(list.get()))),
             toList(list.get()));
    return {};
}

// Sets each partition's offset to its first message at or after the time
// (the list's offsets hold the time), or its end when there is none.
Error Consumer::resolveTimestamps(rd_kafka_topic_partition_list_t *list, Timeout timeout)
{
    const auto lookUp = [this, timeout](rd_kafka_topic_partition_list_t *query) -> Error {
        if (rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_handle.get(), query, int(timeout.count())))
            return Error::fromKafka(err, QStringLiteral("Cannot look up offsets for the time"));
        for (int i = 0; i < query->cnt; ++i)
            if (query->elems[i].err)
                return Error::fromKafka(query->elems[i].err, QStringLiteral("Cannot look up offsets for the time"));
        return {};
    };
    const qint64 time = m_spec.startAt;
    if (auto err = lookUp(list))
        return err;
    // "No message at or after the time" comes back as -1. The sandbox (the
    // 2.0.2 mock) answers -1 to every time lookup, so ask for time 0, which
    // any non-empty partition answers with an offset on a real cluster.
    PartitionListPtr probe(rd_kafka_topic_partition_list_copy(list));
    PartitionListPtr ends(rd_kafka_topic_partition_list_copy(list));
    for (int i = 0; i < list->cnt; ++i) {
        probe->elems[i].offset = 0;
        ends->elems[i].offset = RD_KAFKA_OFFSET_END;
    }
    if (auto err = lookUp(probe.get()))
        return err;
    if (auto err = lookUp(ends.get()))
        return err;
    for (int i = 0; i < list->cnt; ++i) {
        rd_kafka_topic_partition_t &e = list->elems[i];
        if (e.offset >= 0)
            continue;
        const bool lookupUnsupported = probe->elems[i].offset < 0 && ends->elems[i].offset > 0;
        if (lookupUnsupported) {
            // Read from the beginning and skip what is older (poll()).
            e.offset = RD_KAFKA_OFFSET_BEGINNING;
            m_skipOlderThan[{QString::fromUtf8(e.topic), int(e.partition)}] = time;
        } else {
            e.offset = RD_KAFKA_OFFSET_END;
        }
    }
    if (!m_skipOlderThan.empty())
        addEvent(ConsumerEvent::Kind::Info, QStringLiteral("This cluster cannot look up offsets by time; reading from "
                                                           "the beginning and skipping older messages instead."));
    return {};
}

void Consumer::onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions,
                           void *opaque)
{
    auto *self = static_cast<Consumer *>(opaque);
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    const QList<TopicPartition> changed = toList(partitions);
    rd_kafka_error_t *error = nullptr;
    rd_kafka_resp_err_t assignErr = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        self->m_everAssigned = true;
        if (cooperative)
            error = rd_kafka_incremental_assign(rk, partitions);
        else
            assignErr = rd_kafka_assign(rk, partitions);
        if (self->m_paused)
            rd_kafka_pause_partitions(rk, partitions);
        self->addEvent(ConsumerEvent::Kind::Assigned, QStringLiteral("Assigned %1").arg(describe(changed)), changed);
    } else {
        if (cooperative)
            error = rd_kafka_incremental_unassign(rk, partitions);
        else
            assignErr = rd_kafka_assign(rk, nullptr);
        for (const TopicPartition &tp : changed)
            self->m_committed.erase(tp);
        if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
            self->addEvent(ConsumerEvent::Kind::Revoked, QStringLiteral("Revoked %1").arg(describe(changed)), changed);
        else
            self->addEvent(ConsumerEvent::Kind::Error,
                           QStringLiteral("Rebalance failed: %1").arg(QString::fromUtf8(rd_kafka_err2str(err))), changed);
    }
    if (error) {
        self->addEvent(ConsumerEvent::Kind::Error,
                       QStringLiteral("Rebalance: %1").arg(QString::fromUtf8(rd_kafka_error_string(error))));
        rd_kafka_error_destroy(error);
    }
    if (assignErr)
        self->addEvent(ConsumerEvent::Kind::Error,
                       QStringLiteral("Rebalance: %1").arg(QString::fromUtf8(rd_kafka_err2str(assignErr))));
}

void Consumer::onCommit(rd_kafka_t *, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *offsets, void *opaque)
{
    auto *self = static_cast<Consumer *>(opaque);
    switch (err) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
        if (!self->m_commitWarning.isEmpty()) {
            self->m_commitWarning.clear();
            self->addEvent(ConsumerEvent::Kind::Recovered, QStringLiteral("Offsets are committed again."));
        }
        break;
    case RD_KAFKA_RESP_ERR__NO_OFFSET: // nothing new to commit since the last time
        break;
    // The coordinator cannot be reached for now: the offsets stay stored,
    // and the next commit (automatic, or on close) carries them.
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
        self->warn(self->m_commitWarning,
                   QStringLiteral("Commit failed: %1; the offsets are committed once the group's coordinator answers.")
                       .arg(QString::fromUtf8(rd_kafka_err2str(err))));
        break;
    // The group moved on without this member (its session ran out while the
    // coordinator was away, or a rebalance): it joins again by itself, and
    // whoever reads these partitions next starts from the last commit.
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
    case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
        self->warn(self->m_commitWarning,
                   QStringLiteral("Commit failed: %1; the group rebalanced, so messages read since the last commit "
                                  "may be read again.")
                       .arg(QString::fromUtf8(rd_kafka_err2str(err))));
        break;
    default:
        self->addEvent(ConsumerEvent::Kind::Error,
                       QStringLiteral("Commit failed: %1").arg(QString::fromUtf8(rd_kafka_err2str(err))));
    }
    if (!offsets)
        return;
    for (int i = 0; i < offsets->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = offsets->elems[i];
        if (!e.err && e.offset >= 0)
            self->m_committed[{QString::fromUtf8(e.topic), int(e.partition)}] = e.offset;
    }
}

const QString &Consumer::topicName(const char *name)
{
    for (const auto &[raw, known] : m_topicNames)
        if (raw == name)
            return known;
    m_topicNames.append({QByteArray(name), QString::fromUtf8(name)});
    return m_topicNames.last().second;
}

RecordBatch Consumer::poll(int maxRecords, Timeout timeout)
{
    if (!m_queue)
        return {}; // closed
    m_messages.resize(size_t(std::max(1, maxRecords)));
    // What is queued, at once; if nothing is, the first message to come and
    // what is queued with it. A batch call with a timeout would wait out the
    // whole timeout for a full batch whenever fewer messages are on the way.
    ssize_t count = rd_kafka_consume_batch_queue(m_queue.get(), 0, m_messages.data(), m_messages.size());
    if (count == 0 && timeout.count() > 0) {
        if (rd_kafka_message_t *first = rd_kafka_consume_queue(m_queue.get(), int(timeout.count()))) {
            m_messages[0] = first;
            count = 1 + std::max<ssize_t>(0, rd_kafka_consume_batch_queue(m_queue.get(), 0, m_messages.data() + 1,
                                                                          m_messages.size() - 1));
        }
    }
    // Errors, and records skipped as older than the start time, leave first.
    size_t kept = 0;
    for (ssize_t i = 0; i < count; ++i) {
        rd_kafka_message_t *m = m_messages[size_t(i)];
        if (m->err) {
            reportError(m);
            rd_kafka_message_destroy(m);
        } else if (!m_skipOlderThan.empty()
                   && skipAsOlder(topicName(rd_kafka_topic_name(m->rkt)), int(m->partition), rd_kafka_message_timestamp(m, nullptr))) {
            rd_kafka_message_destroy(m);
        } else {
            m_messages[kept++] = m;
        }
    }
    return takeRecords(std::span(m_messages.data(), kept));
}

void Consumer::reportError(const rd_kafka_message_t *m)
{
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
        return;
    // A group consumer hears of librdkafka's fatal error here, not in
    // error_cb (2.0.2: rd_kafka_set_fatal_error0).
    if (m->err == RD_KAFKA_RESP_ERR__FATAL)
        return failForGood();
    const QString reason = QString::fromUtf8(rd_kafka_message_errstr(m));
    if (m->rkt) {
        const TopicPartition where{QString::fromUtf8(rd_kafka_topic_name(m->rkt)), int(m->partition)};
        addEvent(ConsumerEvent::Kind::Error, QStringLiteral("%1[%2]: %3").arg(where.topic).arg(where.partition).arg(reason),
                 {where});
    } else {
        addEvent(ConsumerEvent::Kind::Error, reason);
    }
}

RecordBatch Consumer::takeRecords(std::span<rd_kafka_message_t *> messages)
{
    // The batch's room, counted first: growing it as records arrive copied
    // all of it again and again. Each message's headers are asked for once.
    m_headers.resize(messages.size());
    qsizetype bytes = 0, headerCount = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
        bytes += qsizetype(messages[i]->key_len + messages[i]->len);
        m_headers[i] = headersOf(messages[i]);
        forEachHeader(m_headers[i], [&](QByteArrayView name, QByteArrayView value) {
            bytes += name.size() + value.size();
            ++headerCount;
        });
    }
    RecordBatch records;
    records.reserve(qsizetype(messages.size()), bytes, headerCount);
    const rd_kafka_topic_t *lastTopic = nullptr;
    const QString *topic = nullptr;
    for (size_t i = 0; i < messages.size(); ++i) {
        rd_kafka_message_t *m = messages[i];
        if (m->rkt != lastTopic) {
            lastTopic = m->rkt;
            topic = &topicName(rd_kafka_topic_name(m->rkt));
        }
        rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
        const qint64 timestamp = rd_kafka_message_timestamp(m, &type);
        records.append(*topic, int(m->partition), m->offset, timestamp, bytesOrNull(m->key, m->key_len),
                       bytesOrNull(m->payload, m->len), timestampTypeOf(type));
        forEachHeader(m_headers[i], [&records](QByteArrayView name, QByteArrayView value) { records.addHeader(name, value); });
        rd_kafka_message_destroy(m);
    }
    return records;
}

bool Consumer::skipAsOlder(const QString &topic, int partition, qint64 timestampMs)
{
    const auto it = m_skipOlderThan.find({topic, partition});
    if (it == m_skipOlderThan.end())
        return false;
    if (timestampMs < it->second)
        return true;
    m_skipOlderThan.erase(it); // from here on, everything
    return false;
}

qsizetype Consumer::queuedCount() const
{
    return m_queue ? qsizetype(rd_kafka_queue_length(m_queue.get())) : 0;
}

QList<ConsumerEvent> Consumer::takeEvents()
{
    return std::exchange(m_events, {});
}

void Consumer::addEvent(ConsumerEvent::Kind kind, const QString &message, const QList<TopicPartition> &partitions)
{
    m_events.append({kind, QDateTime::currentMSecsSinceEpoch(), partitions, message});
}

PartitionListPtr Consumer::assignmentList() const
{
    rd_kafka_topic_partition_list_t *list = nullptr;
    if (rd_kafka_assignment(m_handle.get(), &list) != RD_KAFKA_RESP_ERR_NO_ERROR || !list)
        return PartitionListPtr(rd_kafka_topic_partition_list_new(0));
    return PartitionListPtr(list);
}

QString Consumer::memberId() const
{
    char *id = rd_kafka_memberid(m_handle.get());
    const QString out = id ? QString::fromUtf8(id) : QString();
    if (id)
        rd_kafka_mem_free(m_handle.get(), id);
    return out;
}

QList<PartitionProgress> Consumer::progress()
{
    PartitionListPtr list = assignmentList();
    rd_kafka_position(m_handle.get(), list.get());
    if (m_spec.mode == ConsumerSpec::Mode::Group)
        learnCommittedOffsets(list.get());
    QList<PartitionProgress> out;
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t &e = list->elems[i];
        PartitionProgress p;
        p.partition = {QString::fromUtf8(e.topic), int(e.partition)};
        p.position = knownOffset(e.offset);
        if (auto it = m_committed.find(p.partition); it != m_committed.end())
            p.committed = it->second;
        // Cached from the fetches: no request.
        int64_t low = -1, high = -1;
        if (rd_kafka_get_watermark_offsets(m_handle.get(), e.topic, e.partition, &low, &high) == 0)
            p.highWatermark = knownOffset(high);
        out.append(p);
    }
    return out;
}

void Consumer::learnCommittedOffsets(const rd_kafka_topic_partition_list_t *assigned)
{
    // Asking the coordinator (rd_kafka_committed) would block the poll loop
    // for as long as it takes to answer; librdkafka already has the offsets
    // it fetched on assignment, and its statistics tell them.
    if (m_statistics.isEmpty())
        return;
    const QJsonObject topics =
        QJsonDocument::fromJson(std::exchange(m_statistics, {})).object().value(QLatin1String("topics")).toObject();
    for (int i = 0; i < assigned->cnt; ++i) {
        const TopicPartition tp{QString::fromUtf8(assigned->elems[i].topic), int(assigned->elems[i].partition)};
        if (m_committed.contains(tp)) // this consumer's own commits are newer
            continue;
        const QJsonValue committed = topics.value(tp.topic)
                                         .toObject()
                                         .value(QLatin1String("partitions"))
                                         .toObject()
                                         .value(QString::number(tp.partition))
                                         .toObject()
                                         .value(QLatin1String("committed_offset"));
        // -1001 (invalid) until fetched, and when nothing is committed.
        if (committed.isDouble() && committed.toInteger() >= 0)
            m_committed[tp] = committed.toInteger();
    }
}

int Consumer::onStatistics(rd_kafka_t *, char *json, size_t length, void *opaque)
{
    auto *self = static_cast<Consumer *>(opaque);
    // Only the latest is kept; progress() reads it.
    self->m_statistics = QByteArray(json, qsizetype(length));
    if (!self->m_brokerWarning.isEmpty()) {
        // A broker that is up again ends the trouble.
        const QJsonObject brokers =
            QJsonDocument::fromJson(self->m_statistics).object().value(QLatin1String("brokers")).toObject();
        for (const QJsonValue &broker : brokers) {
            if (broker.toObject().value(QLatin1String("state")).toString() == QLatin1String("UP")) {
                self->m_brokerWarning.clear();
                self->addEvent(ConsumerEvent::Kind::Recovered,
                               QStringLiteral("The brokers answer again (%1).")
                                   .arg(broker.toObject().value(QLatin1String("name")).toString()));
                break;
            }
        }
    }
    return 0; // librdkafka frees the JSON
}

void Consumer::onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    // Served by poll() on the consumer's own thread.
    auto *self = static_cast<Consumer *>(opaque);
    switch (err) {
    case RD_KAFKA_RESP_ERR__FATAL:
        self->failForGood();
        break;
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        self->warn(self->m_brokerWarning,
                   QStringLiteral("No broker answers (%1); still trying to reconnect.").arg(QString::fromUtf8(reason)));
        break;
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR__SSL:
    case RD_KAFKA_RESP_ERR__RESOLVE:
        self->warn(self->m_brokerWarning, QStringLiteral("%1; still trying.").arg(QString::fromUtf8(reason)));
        break;
    default:
        // One broker's connection closing (librdkafka reconnects) is for the
        // log, not a message to the user.
        break;
    }
}

void Consumer::failForGood()
{
    if (std::exchange(m_failedForGood, true))
        return;
    char cause[512] = "";
    const rd_kafka_resp_err_t code = rd_kafka_fatal_error(m_handle.get(), cause, sizeof cause);
    addEvent(ConsumerEvent::Kind::Fatal, QStringLiteral("The consumer stopped for good: %1 (%2). Start it again to go on.")
                                             .arg(QString::fromUtf8(cause), QString::fromUtf8(rd_kafka_err2name(code))));
}

void Consumer::warn(QString &standing, const QString &message)
{
    // librdkafka repeats a failure at every retry; once is enough.
    if (message == standing)
        return;
    standing = message;
    addEvent(ConsumerEvent::Kind::Warning, message);
}

Error Consumer::pause()
{
    m_paused = true;
    PartitionListPtr list = assignmentList();
    if (rd_kafka_resp_err_t err = rd_kafka_pause_partitions(m_handle.get(), list.get()))
        return Error::fromKafka(err, QStringLiteral("Cannot pause"));
    return {};
}

Error Consumer::resume()
{
    m_paused = false;
    PartitionListPtr list = assignmentList();
    if (rd_kafka_resp_err_t err = rd_kafka_resume_partitions(m_handle.get(), list.get()))
        return Error::fromKafka(err, QStringLiteral("Cannot resume"));
    return {};
}

Error Consumer::commit()
{
    if (m_spec.mode != ConsumerSpec::Mode::Group)
        return Error::invalid(QStringLiteral("Only a group consumer commits offsets."));
    rd_kafka_resp_err_t err = rd_kafka_commit(m_handle.get(), nullptr, 1);
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
        return Error::invalid(QStringLiteral("Nothing new to commit."));
    if (err)
        return Error::fromKafka(err, QStringLiteral("Cannot commit"));
    return {};
}

void Consumer::markConsumed(const Record &record)
{
    PartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), record.topic.toUtf8().constData(), record.partition)->offset =
        record.offset + 1;
    rd_kafka_offsets_store(m_handle.get(), list.get());
}

Error Consumer::close()
{
    if (m_closed || !m_handle)
        return {};
    m_closed = true;
    // rdkafka.h: the queue from rd_kafka_queue_get_consumer() must be
    // destroyed before rd_kafka_consumer_close(); messages still in it are
    // dropped, which is right: nothing was told they were read.
    m_queue.reset();
    if (rd_kafka_resp_err_t err = rd_kafka_consumer_close(m_handle.get()))
        return Error::fromKafka(err, QStringLiteral("Closing the consumer"));
    return {};
}

} // namespace kafka
