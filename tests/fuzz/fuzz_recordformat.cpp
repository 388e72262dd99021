// The export formats (kafka/recordformat.*): a record of any bytes is
// written as a JSON line and as a CSV line, and each is read back here by
// an independent reader of the documented format; what comes back must be
// the record, byte for byte (DESIGN.md: bytes are kept exactly).
#include "kafka/recordformat.h"

#include "fuzzcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fuzzer/FuzzedDataProvider.h>

using kafka::Header;
using kafka::Record;

namespace {

QByteArray takeBytes(FuzzedDataProvider &input)
{
    const std::string s = input.ConsumeRandomLengthString(64);
    return QByteArray(s.data(), qsizetype(s.size()));
}

// A JSON field as bytes: text, or base64 when "<field>_encoding" says so.
QByteArray jsonBytes(const QJsonObject &object, const QString &field)
{
    const QString text = object.value(field).toString();
    if (object.value(field + QStringLiteral("_encoding")).toString() == QLatin1String("base64"))
        return QByteArray::fromBase64(text.toLatin1());
    return text.toUtf8();
}

void checkJson(const Record &r)
{
    const QByteArray line = kafka::toJsonLine(r);
    FUZZ_CHECK(line.endsWith('\n') && line.count('\n') == 1); // one line per record
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject());
    const QJsonObject o = document.object();
    FUZZ_CHECK(o.value(QLatin1String("topic")).toString() == r.topic);
    FUZZ_CHECK(o.value(QLatin1String("partition")).toInteger(-2) == r.partition);
    FUZZ_CHECK(o.value(QLatin1String("offset")).toInteger(-2) == r.offset);
    FUZZ_CHECK(o.value(QLatin1String("timestamp")).toInteger(-2) == r.timestampMs);
    FUZZ_CHECK(o.value(QLatin1String("key")).isNull() == !r.hasKey);
    if (r.hasKey)
        FUZZ_CHECK(jsonBytes(o, QStringLiteral("key")) == r.key);
    FUZZ_CHECK(o.value(QLatin1String("value")).isNull() == !r.hasValue);
    if (r.hasValue)
        FUZZ_CHECK(jsonBytes(o, QStringLiteral("value")) == r.value);
    const QJsonArray headers = o.value(QLatin1String("headers")).toArray();
    FUZZ_CHECK(headers.size() == r.headers.size());
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QJsonObject h = headers[i].toObject();
        FUZZ_CHECK(jsonBytes(h, QStringLiteral("name")) == r.headers[i].name);
        FUZZ_CHECK(jsonBytes(h, QStringLiteral("value")) == r.headers[i].value);
    }
}

// RFC 4180: fields separated by ',', quoted when they hold ',', '"', CR or
// LF, '""' for a quote inside quotes. `quoted` tells which fields were.
QList<QByteArray> readCsvLine(const QByteArray &line, QList<bool> *quoted)
{
    QList<QByteArray> fields;
    qsizetype pos = 0;
    for (;;) {
        QByteArray field;
        bool wasQuoted = false;
        if (pos < line.size() && line[pos] == '"') {
            wasQuoted = true;
            ++pos;
            for (;;) {
                FUZZ_CHECK(pos < line.size()); // a closing quote
                if (line[pos] == '"') {
                    if (pos + 1 < line.size() && line[pos + 1] == '"') {
                        field += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                field += line[pos++];
            }
        } else {
            while (pos < line.size() && line[pos] != ',' && line[pos] != '\r' && line[pos] != '\n' && line[pos] != '"')
                field += line[pos++];
        }
        fields.append(field);
        quoted->append(wasQuoted);
        FUZZ_CHECK(pos < line.size());
        if (line[pos] == ',') {
            ++pos;
            continue;
        }
        FUZZ_CHECK(line.mid(pos) == "\r\n"); // the record's end, and nothing after it
        return fields;
    }
}

// A CSV byte field: text, or "base64:" and the bytes' base64.
QByteArray csvBytes(const QByteArray &field)
{
    return field.startsWith("base64:") ? QByteArray::fromBase64(field.mid(7)) : field;
}

void checkCsv(const Record &r)
{
    QList<bool> quoted;
    const QList<QByteArray> f = readCsvLine(kafka::toCsvLine(r), &quoted);
    FUZZ_CHECK(f.size() == 7);
    FUZZ_CHECK(QString::fromUtf8(f[0]) == r.topic);
    FUZZ_CHECK(f[1] == QByteArray::number(r.partition));
    FUZZ_CHECK(f[2] == QByteArray::number(r.offset));
    FUZZ_CHECK(f[3] == QByteArray::number(r.timestampMs));
    // A null key or value is an empty unquoted field; an empty one is "".
    FUZZ_CHECK((f[4].isEmpty() && !quoted[4]) == !r.hasKey);
    if (r.hasKey)
        FUZZ_CHECK(csvBytes(f[4]) == r.key);
    FUZZ_CHECK((f[5].isEmpty() && !quoted[5]) == !r.hasValue);
    if (r.hasValue)
        FUZZ_CHECK(csvBytes(f[5]) == r.value);
    // Headers: NAME=VALUE pairs separated by ';'.
    const QList<QByteArray> pairs = f[6].isEmpty() ? QList<QByteArray>() : f[6].split(';');
    FUZZ_CHECK(pairs.size() == r.headers.size());
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const qsizetype eq = pairs[i].indexOf('=');
        FUZZ_CHECK(eq >= 0);
        FUZZ_CHECK(csvBytes(pairs[i].left(eq)) == r.headers[i].name);
        FUZZ_CHECK(csvBytes(pairs[i].mid(eq + 1)) == r.headers[i].value);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    Record r;
    // A topic name is Kafka's: [A-Za-z0-9._-], 1 to 249 characters.
    static const QByteArray legal("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
    for (const char c : takeBytes(input))
        r.topic += QLatin1Char(legal[uchar(c) % legal.size()]);
    r.partition = input.ConsumeIntegral<int>();
    // JSON numbers are doubles: offsets and timestamps are within 2^53.
    r.offset = input.ConsumeIntegralInRange<qint64>(-1, qint64(1) << 53);
    r.timestampMs = input.ConsumeIntegralInRange<qint64>(-1, qint64(1) << 53);
    r.hasKey = input.ConsumeBool();
    r.key = r.hasKey ? takeBytes(input) : QByteArray();
    r.hasValue = input.ConsumeBool();
    r.value = r.hasValue ? takeBytes(input) : QByteArray();
    for (int n = input.ConsumeIntegralInRange(0, 3); n > 0; --n) {
        QByteArray name = takeBytes(input);
        r.headers.append(Header{name, takeBytes(input)});
    }
    checkJson(r);
    checkCsv(r);
    return 0;
}
