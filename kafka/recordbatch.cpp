#include "recordbatch.h"

#include <limits>

namespace kafka {

QString timestampTypeName(TimestampType type)
{
    switch (type) {
    case TimestampType::CreateTime:
        return QStringLiteral("CreateTime");
    case TimestampType::LogAppendTime:
        return QStringLiteral("LogAppendTime");
    case TimestampType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const RecordBatch::DecodedEntry RecordBatch::NotDecoded{{{0, -1}, -1, DecodedPart::State::NotDecoded, SchemaType::Avro},
                                                       {{0, -1}, -1, DecodedPart::State::NotDecoded, SchemaType::Avro}};

RecordBatch::RecordBatch() : d(new Data)
{
}

void RecordBatch::reserve(qsizetype records, qsizetype bytes, qsizetype headers)
{
    d->entries.reserve(size() + records);
    d->bytes.reserve(d->bytes.size() + bytes);
    d->headers.reserve(d->headers.size() + headers);
}

RecordBatch::Span RecordBatch::store(std::optional<QByteArrayView> bytes)
{
    if (!bytes)
        return {0, -1};
    const Span span{d->bytes.size(), bytes->size()};
    d->bytes.append(bytes->data(), bytes->size());
    return span;
}

void RecordBatch::append(const QString &topic, int partition, qint64 offset, qint64 timestampMs,
                         std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                         TimestampType timestampType)
{
    // Batches hold one topic or a few: the last one is the likely match.
    qsizetype topicIndex = d->topics.size() - 1;
    if (topicIndex < 0 || d->topics[topicIndex] != topic) {
        topicIndex = d->topics.indexOf(topic);
        if (topicIndex < 0) {
            topicIndex = d->topics.size();
            d->topics.append(topic);
        }
    }
    Q_ASSERT(topicIndex <= std::numeric_limits<quint16>::max());
    const qsizetype at = d->bytes.size();
    const auto keySize = qint32(store(key).size); // -1 if null
    const auto valueSize = qint32(store(value).size);
    d->entries.append({offset, timestampMs, at, keySize, valueSize, partition, quint32(d->headers.size()), 0,
                       quint16(topicIndex), timestampType});
    if (!d->decoded.isEmpty())
        d->decoded.append(NotDecoded);
}

void RecordBatch::addHeader(QByteArrayView name, QByteArrayView value)
{
    Q_ASSERT(!d->entries.isEmpty());
    d->headers.append({store(name), store(value)});
    ++d->entries.last().headerCount;
}

void RecordBatch::append(const Record &r)
{
    append(r.topic, r.partition, r.offset, r.timestampMs, r.hasKey ? std::optional<QByteArrayView>(r.key) : std::nullopt,
           r.hasValue ? std::optional<QByteArrayView>(r.value) : std::nullopt, r.timestampType);
    for (const Header &h : r.headers)
        addHeader(h.name, h.value);
}

void RecordBatch::setDecoded(qsizetype i, const DecodedPart &key, const DecodedPart &value)
{
    Q_ASSERT(i >= 0 && i < size());
    if (d->decoded.isEmpty())
        d->decoded.resize(size(), NotDecoded);
    const auto span = [this](const DecodedPart &part) {
        if (part.state == DecodedPart::State::NotDecoded)
            return NotDecoded.key;
        const QByteArray text = part.isDecoded() ? part.json : part.error.toUtf8();
        const Span at{d->decodedBytes.size(), text.size()};
        d->decodedBytes.append(text);
        return DecodedSpan{at, qint32(part.schemaId), part.state, part.type};
    };
    d->decoded[i] = {span(key), span(value)};
}

Record RecordBatch::record(qsizetype i) const
{
    return view(i).toRecord();
}

QList<Record> RecordBatch::records() const
{
    QList<Record> out;
    out.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        out.append(record(i));
    return out;
}

Record RecordView::toRecord() const
{
    Record r;
    r.topic = topic();
    r.partition = partition();
    r.offset = offset();
    r.timestampMs = timestampMs();
    r.timestampType = timestampType();
    r.hasKey = hasKey();
    r.hasValue = hasValue();
    if (hasKey())
        r.key = key().toByteArray();
    if (hasValue())
        r.value = value().toByteArray();
    for (int h = 0; h < headerCount(); ++h)
        r.headers.append({headerName(h).toByteArray(), headerValue(h).toByteArray()});
    return r;
}

RecordView::Decoded RecordView::decoded(RecordBatch::DecodedSpan RecordBatch::DecodedEntry::*part) const
{
    const auto &all = m_batch->d->decoded;
    if (all.isEmpty())
        return {};
    const RecordBatch::DecodedSpan &span = all[m_entry - m_batch->d->entries.constData()].*part;
    if (span.state == DecodedPart::State::NotDecoded)
        return {};
    return {span.state, span.schemaId, span.type,
            QByteArrayView(m_batch->d->decodedBytes.constData() + span.text.at, std::max<qsizetype>(0, span.text.size))};
}

DecodedPart RecordView::Decoded::toPart() const
{
    DecodedPart part;
    part.state = state;
    part.schemaId = schemaId;
    part.type = type;
    if (isDecoded())
        part.json = text.toByteArray();
    else if (isFailed())
        part.error = QString::fromUtf8(text);
    return part;
}

} // namespace kafka
