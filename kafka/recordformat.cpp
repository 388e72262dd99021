#include "recordformat.h"

#include "payload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kafka {

namespace {

void putBytes(QJsonObject &object, const QString &field, const QByteArray &bytes)
{
    // Text starting with a byte order mark would lose it (QString::fromUtf8
    // drops it, and so does Qt's JSON reader at the start of a string).
    if (isValidUtf8(bytes) && !bytes.startsWith("\xef\xbb\xbf")) {
        object.insert(field, QString::fromUtf8(bytes));
    } else {
        object.insert(field, QString::fromLatin1(bytes.toBase64()));
        object.insert(field + QStringLiteral("_encoding"), QStringLiteral("base64"));
    }
}

// Bytes as CSV text: as they are when they read back the same, otherwise
// "base64:" and their base64. Text that starts with "base64:" itself is
// encoded too, and in a header part, text holding a separator (';' between
// headers, '=' after the name). A header name's base64 has no '=' padding.
enum class CsvPart { Field, HeaderName, HeaderValue };
QByteArray csvText(const QByteArray &bytes, CsvPart part = CsvPart::Field)
{
    const bool separator = part != CsvPart::Field
                           && (bytes.contains(';') || (part == CsvPart::HeaderName && bytes.contains('=')));
    if (isValidUtf8(bytes) && !bytes.startsWith("base64:") && !separator)
        return bytes;
    return "base64:"
        + bytes.toBase64(part == CsvPart::HeaderName ? QByteArray::OmitTrailingEquals : QByteArray::Base64Encoding);
}

QByteArray csvField(const QByteArray &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n') && !field.contains('\r'))
        return field;
    QByteArray quoted = field;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

// A key or value: nothing for null, "" for empty (RFC 4180 tells them apart
// by the quotes).
QByteArray csvBytesField(bool present, const QByteArray &bytes)
{
    if (!present)
        return {};
    return bytes.isEmpty() ? QByteArray("\"\"") : csvField(csvText(bytes));
}

} // namespace

QByteArray toJsonLine(const Record &record)
{
    QJsonObject object{{QStringLiteral("topic"), record.topic},
                       {QStringLiteral("partition"), record.partition},
                       {QStringLiteral("offset"), record.offset},
                       {QStringLiteral("timestamp"), record.timestampMs}};
    if (record.hasKey)
        putBytes(object, QStringLiteral("key"), record.key);
    else
        object.insert(QStringLiteral("key"), QJsonValue::Null);
    if (record.hasValue)
        putBytes(object, QStringLiteral("value"), record.value);
    else
        object.insert(QStringLiteral("value"), QJsonValue::Null);
    QJsonArray headers;
    for (const Header &h : record.headers) {
        QJsonObject header;
        putBytes(header, QStringLiteral("name"), h.name);
        putBytes(header, QStringLiteral("value"), h.value);
        headers.append(header);
    }
    object.insert(QStringLiteral("headers"), headers);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray csvHeaderLine()
{
    return "topic,partition,offset,timestamp,key,value,headers\r\n";
}

QByteArray toCsvLine(const Record &record)
{
    QByteArray headers;
    for (const Header &h : record.headers) {
        if (!headers.isEmpty())
            headers += ';';
        headers += csvText(h.name, CsvPart::HeaderName) + '=' + csvText(h.value, CsvPart::HeaderValue);
    }
    const QList<QByteArray> fields{csvField(record.topic.toUtf8()), QByteArray::number(record.partition),
                                   QByteArray::number(record.offset), QByteArray::number(record.timestampMs),
                                   csvBytesField(record.hasKey, record.key), csvBytesField(record.hasValue, record.value),
                                   csvField(headers)};
    return fields.join(',') + "\r\n";
}

} // namespace kafka
