#include "recordformat.h"

#include "payload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kafka {

namespace {

void putBytes(QJsonObject &object, const QString &field, const QByteArray &bytes)
{
    if (isValidUtf8(bytes)) {
        object.insert(field, QString::fromUtf8(bytes));
    } else {
        object.insert(field, QString::fromLatin1(bytes.toBase64()));
        object.insert(field + QStringLiteral("_encoding"), QStringLiteral("base64"));
    }
}

QByteArray csvText(const QByteArray &bytes)
{
    return isValidUtf8(bytes) ? bytes : "base64:" + bytes.toBase64();
}

QByteArray csvField(const QByteArray &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n') && !field.contains('\r'))
        return field;
    QByteArray quoted = field;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
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
        QJsonObject header{{QStringLiteral("name"), QString::fromUtf8(h.name)}};
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
        headers += csvText(h.name) + '=' + csvText(h.value);
    }
    const QList<QByteArray> fields{csvField(record.topic.toUtf8()), QByteArray::number(record.partition),
                                   QByteArray::number(record.offset), QByteArray::number(record.timestampMs),
                                   record.hasKey ? csvField(csvText(record.key)) : QByteArray(),
                                   record.hasValue ? csvField(csvText(record.value)) : QByteArray(),
                                   csvField(headers)};
    return fields.join(',') + "\r\n";
}

} // namespace kafka
