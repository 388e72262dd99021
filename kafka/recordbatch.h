#pragma once

#include "decodedpart.h"
#include "record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QSharedData>
#include <QString>

#include <optional>

namespace kafka {

class RecordView;

// Consumed records kept compactly: one buffer holds every key, value and
// header of the batch, and each record is a small fixed-size entry pointing
// into it. Building one costs a copy of the bytes and no allocation per
// record, and it is shared, not copied, on its way to the view (implicit
// sharing). A stored 100-byte message takes about 170 bytes this way, against
// about 265 as a Record with its own key and value (kafkadesk-bench).
class RecordBatch {
public:
    RecordBatch();

    qsizetype size() const { return d->entries.size(); }
    bool isEmpty() const { return d->entries.isEmpty(); }
    // The memory it holds: its keys, values and headers, and its index.
    qsizetype memoryBytes() const
    {
        return d->bytes.size() + d->entries.size() * qsizetype(sizeof(Entry))
               + d->headers.size() * qsizetype(sizeof(HeaderEntry)) + d->decodedBytes.size()
               + d->decoded.size() * qsizetype(sizeof(DecodedEntry));
    }
    RecordView view(qsizetype i) const;
    Record record(qsizetype i) const; // an owning copy
    QList<Record> records() const;

    // Building. Reserving what the records will need up front spares
    // reallocations, which copy everything appended so far.
    void reserve(qsizetype records, qsizetype bytes, qsizetype headers = 0);
    // A null key or value (not the same as empty) is nullopt.
    void append(const QString &topic, int partition, qint64 offset, qint64 timestampMs,
                std::optional<QByteArrayView> key, std::optional<QByteArrayView> value,
                TimestampType timestampType = TimestampType::CreateTime);
    // Adds a header to the record appended last.
    void addHeader(QByteArrayView name, QByteArrayView value);
    void append(const Record &record);
    // Keeps what a schema made of record i's key and value beside its bytes
    // (decodeBatch). A batch where nothing was decoded spends nothing on it.
    void setDecoded(qsizetype i, const DecodedPart &key, const DecodedPart &value);

private:
    friend class RecordView;
    // Trivial types, so that QList grows them with realloc.
    struct Span {
        qsizetype at;
        qsizetype size; // -1: null
    };
    // 48 bytes: at a million records, every byte here is a megabyte.
    struct Entry {
        qint64 offset;
        qint64 timestampMs;
        qsizetype at; // the key's bytes, then the value's
        qint32 keySize; // -1: null (Kafka's sizes are 32-bit)
        qint32 valueSize;
        qint32 partition;
        quint32 firstHeader;
        quint32 headerCount;
        quint16 topic; // index into topics
        TimestampType timestampType; // in what was padding
    };
    static_assert(sizeof(Entry) == 48);
    struct HeaderEntry {
        Span name;
        Span value;
    };
    // A decoded key or value: its JSON text, or (Failed) the error's UTF-8.
    struct DecodedSpan {
        Span text;
        qint32 schemaId;
        DecodedPart::State state;
        SchemaType type;
    };
    struct DecodedEntry {
        DecodedSpan key;
        DecodedSpan value;
    };
    static const DecodedEntry NotDecoded;
    struct Data : QSharedData {
        QByteArray bytes;
        QList<Entry> entries;
        QList<HeaderEntry> headers;
        QList<QString> topics;
        // Empty, or one per entry once a record of the batch was decoded.
        QList<DecodedEntry> decoded;
        QByteArray decodedBytes;
    };

    Span store(std::optional<QByteArrayView> bytes);
    QByteArrayView bytesAt(qsizetype at, qsizetype size) const { return {d->bytes.constData() + at, std::max<qsizetype>(0, size)}; }
    QByteArrayView bytesOf(Span span) const { return bytesAt(span.at, span.size); }

    QSharedDataPointer<Data> d;
};

// One record of a RecordBatch, read in place; valid while the batch lives.
class RecordView {
public:
    RecordView(const RecordBatch &batch, qsizetype index) : m_batch(&batch), m_entry(&batch.d->entries[index]) {}

    const QString &topic() const { return m_batch->d->topics[m_entry->topic]; }
    int partition() const { return m_entry->partition; }
    qint64 offset() const { return m_entry->offset; }
    qint64 timestampMs() const { return m_entry->timestampMs; }
    TimestampType timestampType() const { return m_entry->timestampType; }
    bool hasKey() const { return m_entry->keySize >= 0; }
    bool hasValue() const { return m_entry->valueSize >= 0; }
    QByteArrayView key() const { return m_batch->bytesAt(m_entry->at, m_entry->keySize); }
    QByteArrayView value() const { return m_batch->bytesAt(m_entry->at + key().size(), m_entry->valueSize); }
    int headerCount() const { return int(m_entry->headerCount); }
    QByteArrayView headerName(int i) const { return m_batch->bytesOf(header(i).name); }
    QByteArrayView headerValue(int i) const { return m_batch->bytesOf(header(i).value); }
    qsizetype size() const { return key().size() + value().size(); }
    Record toRecord() const;

    // What a schema made of the key or the value (DecodedPart), read in
    // place: `text` is the JSON text when Decoded, the error when Failed.
    struct Decoded {
        DecodedPart::State state = DecodedPart::State::NotDecoded;
        int schemaId = -1;
        SchemaType type = SchemaType::Avro;
        QByteArrayView text;
        bool isDecoded() const { return state == DecodedPart::State::Decoded; }
        bool isFailed() const { return state == DecodedPart::State::Failed; }
        DecodedPart toPart() const; // a copy
    };
    Decoded keyDecoded() const { return decoded(&RecordBatch::DecodedEntry::key); }
    Decoded valueDecoded() const { return decoded(&RecordBatch::DecodedEntry::value); }

private:
    Decoded decoded(RecordBatch::DecodedSpan RecordBatch::DecodedEntry::*part) const;
    const RecordBatch::HeaderEntry &header(int i) const { return m_batch->d->headers[m_entry->firstHeader + i]; }

    const RecordBatch *m_batch;
    const RecordBatch::Entry *m_entry;
};

inline RecordView RecordBatch::view(qsizetype i) const
{
    return {*this, i};
}

} // namespace kafka

Q_DECLARE_METATYPE(kafka::RecordBatch)
