#include "jsonmessage.h"

#include "jsontokens.h"

#include <QSet>

namespace kafka {

namespace {

// What `kafkadesk consume --schema-registry` adds beside the bytes of a key
// or value it decoded (key_decoded, value_schema_id, ...): a note for the
// reader; the bytes are what is sent again, so a decoded export replays.
bool isDecodingNote(const QByteArray &name)
{
    for (const char *part : {"key_", "value_"})
        for (const char *note : {"schema_id", "schema_type", "decoded", "decode_error"})
            if (name == QByteArray(part) + note)
                return true;
    return false;
}

bool isNull(QByteArrayView text) { return text == "null"; }

// The bytes a key, value or header part stands for: a string decoded, with
// `base64` its base64 decoded, any other value as written.
Result<QByteArray> bytesOf(QByteArrayView text, bool base64, const QString &what)
{
    const std::optional<QByteArray> string = jsonStringBytes(text);
    if (!base64)
        return string ? *string : text.toByteArray();
    if (!string)
        return Error::invalid(QStringLiteral("%1 is marked base64 but is not a string").arg(what));
    const auto decoded = QByteArray::fromBase64Encoding(*string, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::invalid(QStringLiteral("%1 is marked base64 but is not valid base64").arg(what));
    return *decoded;
}

// "base64" or nothing; any other encoding is refused rather than guessed.
Result<bool> isBase64(const QList<JsonMember> &members, const QByteArray &name)
{
    for (const JsonMember &m : members) {
        if (m.name != name)
            continue;
        if (jsonStringBytes(m.text) == QByteArray("base64"))
            return true;
        return Error::invalid(QStringLiteral("\"%1\" must be \"base64\" (or left out for text), not %2")
                                  .arg(QString::fromUtf8(name), QString::fromUtf8(m.text)));
    }
    return false;
}

Result<qint64> wholeNumber(QByteArrayView text, const QString &what, qint64 min)
{
    bool ok = false;
    const qint64 number = QByteArray(text.data(), text.size()).toLongLong(&ok);
    if (!ok || number < min)
        return Error::invalid(QStringLiteral("\"%1\" must be a whole number of at least %2, not %3")
                                  .arg(what)
                                  .arg(min)
                                  .arg(QString::fromUtf8(text)));
    return number;
}

// One header written as {"name": ..., "value": ...} (our export's form).
Result<Header> headerObject(QByteArrayView text, qsizetype index)
{
    const QString where = QStringLiteral("header %1").arg(index + 1);
    auto members = jsonObjectMembers(text);
    if (!members.ok())
        return Error::invalid(QStringLiteral("%1 must be an object with \"name\" and \"value\"").arg(where));
    std::optional<QByteArrayView> name, value;
    for (const JsonMember &m : members.value()) {
        if (m.name == "name")
            name = m.text;
        else if (m.name == "value")
            value = m.text;
        else if (m.name != "name_encoding" && m.name != "value_encoding")
            return Error::invalid(QStringLiteral("%1 has an unknown member \"%2\"").arg(where, QString::fromUtf8(m.name)));
    }
    if (!name || isNull(*name))
        return Error::invalid(QStringLiteral("%1 has no \"name\"").arg(where));
    if (!value || isNull(*value))
        return Error::invalid(QStringLiteral("%1 has no \"value\" (a header's value cannot be null here)").arg(where));
    const auto nameBase64 = isBase64(members.value(), "name_encoding");
    const auto valueBase64 = isBase64(members.value(), "value_encoding");
    if (!nameBase64.ok())
        return nameBase64.error();
    if (!valueBase64.ok())
        return valueBase64.error();
    auto nameBytes = bytesOf(*name, nameBase64.value(), where + QStringLiteral("'s name"));
    auto valueBytes = bytesOf(*value, valueBase64.value(), where + QStringLiteral("'s value"));
    if (!nameBytes.ok())
        return nameBytes.error();
    if (!valueBytes.ok())
        return valueBytes.error();
    return Header{nameBytes.value(), valueBytes.value()};
}

Result<QList<Header>> headersOf(QByteArrayView text)
{
    QList<Header> headers;
    if (isNull(text))
        return headers;
    if (text.startsWith('{')) {
        auto members = jsonObjectMembers(text);
        if (!members.ok())
            return members.error();
        for (const JsonMember &m : members.value()) {
            if (isNull(m.text))
                return Error::invalid(QStringLiteral("header \"%1\" is null (a header's value cannot be null here)")
                                          .arg(QString::fromUtf8(m.name)));
            headers.append({m.name, bytesOf(m.text, false, {}).value()});
        }
        return headers;
    }
    if (!text.startsWith('['))
        return Error::invalid(QStringLiteral("\"headers\" must be an object of names and values, or an array of "
                                             "{\"name\", \"value\"} objects"));
    auto elements = jsonArrayElements(text);
    if (!elements.ok())
        return elements.error();
    for (const QByteArrayView element : elements.value()) {
        auto header = headerObject(element, headers.size());
        if (!header.ok())
            return header.error();
        headers.append(header.value());
    }
    return headers;
}

} // namespace

Result<ProduceRequest> parseJsonMessage(QByteArrayView line, ProduceRequest message, JsonLineUse use)
{
    auto parsed = jsonObjectMembers(line);
    if (!parsed.ok())
        return Error::invalid(QStringLiteral("not a JSON object: %1").arg(parsed.error().message));
    const QList<JsonMember> &members = parsed.value();
    const auto keyBase64 = isBase64(members, "key_encoding");
    const auto valueBase64 = isBase64(members, "value_encoding");
    if (!keyBase64.ok())
        return keyBase64.error();
    if (!valueBase64.ok())
        return valueBase64.error();

    QSet<QByteArray> seen;
    for (const JsonMember &m : members) {
        const QString name = QString::fromUtf8(m.name);
        if (seen.contains(m.name))
            return Error::invalid(QStringLiteral("\"%1\" is given twice").arg(name));
        seen.insert(m.name);
        if (m.name == "key") {
            if (isNull(m.text)) {
                message.key.reset();
                continue;
            }
            auto key = bytesOf(m.text, keyBase64.value(), QStringLiteral("\"key\""));
            if (!key.ok())
                return key.error();
            message.key = key.value();
        } else if (m.name == "value") {
            message.tombstone = isNull(m.text);
            if (message.tombstone) {
                message.value.clear();
                continue;
            }
            auto value = bytesOf(m.text, valueBase64.value(), QStringLiteral("\"value\""));
            if (!value.ok())
                return value.error();
            message.value = value.value();
        } else if (m.name == "headers") {
            auto headers = headersOf(m.text);
            if (!headers.ok())
                return headers.error();
            message.headers = headers.value();
        } else if (m.name == "partition") {
            auto partition = wholeNumber(m.text, name, 0);
            if (!partition.ok())
                return partition.error();
            if (partition.value() > std::numeric_limits<int>::max())
                return Error::invalid(QStringLiteral("\"partition\" %1 is out of range").arg(partition.value()));
            if (use.partition)
                message.partition = int(partition.value());
        } else if (m.name == "timestamp") {
            // -1: the exported message had none; the broker then stamps it.
            auto timestamp = wholeNumber(m.text, name, -1);
            if (!timestamp.ok())
                return timestamp.error();
            if (use.timestamp)
                message.timestampMs = std::max<qint64>(timestamp.value(), 0);
        } else if (m.name != "topic" && m.name != "offset" && m.name != "key_encoding" && m.name != "value_encoding"
                   && !isDecodingNote(m.name)) {
            return Error::invalid(QStringLiteral("unknown member \"%1\": a line has key, value, headers, partition and "
                                                 "timestamp (and key_encoding, value_encoding)")
                                      .arg(name));
        }
    }
    return message;
}

} // namespace kafka
