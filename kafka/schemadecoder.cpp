#include "schemadecoder.h"

#include "avroschema.h"
#include "protobufschema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QMutexLocker>

namespace kafka {

namespace {

// JSON Schema: the payload after the header is the JSON document itself;
// it is shown as it is (byte-faithful), once it is known to be JSON.
class JsonSchemaPayload final : public ParsedSchema {
public:
    Result<QByteArray> toJson(const QByteArray &body) const override
    {
        QJsonParseError error;
        QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return Error::invalid(QStringLiteral("the payload is not the JSON its JSON schema expects: %1 at byte %2")
                                      .arg(error.errorString())
                                      .arg(error.offset));
        QByteArray line = body.trimmed();
        // One line: a JSON document's line breaks are whitespace.
        line.replace('\n', ' ').replace('\r', ' ');
        return line;
    }

    // Sent as written once it is JSON. Not validated against the JSON
    // Schema itself: no JSON Schema validator is used here.
    Result<QByteArray> fromJson(const QByteArray &json, const QString &, bool) const override
    {
        if (auto value = parseJsonValue(json); !value.ok())
            return value.error();
        return json;
    }
};

} // namespace

Result<QJsonValue> parseJsonValue(const QByteArray &json)
{
    // QJsonDocument holds an object or an array only: any other value goes
    // into an array, and must be its only element ("1,2" is not one value).
    const QByteArray trimmed = json.trimmed();
    const bool container = trimmed.startsWith('{') || trimmed.startsWith('[');
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(container ? json : '[' + json + ']', &error);
    if (error.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("the value is not JSON: %1 at byte %2")
                                  .arg(error.errorString())
                                  .arg(std::clamp<qsizetype>(error.offset - (container ? 0 : 1), 0, json.size())));
    if (container)
        return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    if (document.array().size() != 1)
        return Error::invalid(QStringLiteral("the value is not one JSON value"));
    return document.array().at(0);
}

Result<std::shared_ptr<const ParsedSchema>> parseSchema(const RegistrySchema &schema)
{
    switch (schema.type) {
    case SchemaType::Avro:
        return parseAvroSchema(schema);
    case SchemaType::Protobuf:
        return parseProtobufSchema(schema);
    case SchemaType::Json:
        return std::shared_ptr<const ParsedSchema>(std::make_shared<JsonSchemaPayload>());
    }
    return Error::invalid(QStringLiteral("unknown schema type"));
}

Result<LocalSchema> loadLocalSchema(const QString &path)
{
    if (path.endsWith(QLatin1String(".proto"))) {
        auto schema = protobufSchemaFromFile(path);
        if (!schema.ok())
            return schema.error();
        auto parsed = parseProtobufSchema(schema.value());
        if (!parsed.ok())
            return Error::invalid(QStringLiteral("%1: %2").arg(path, parsed.error().message));
        return LocalSchema{parsed.value(), SchemaType::Protobuf};
    }
    if (!path.endsWith(QLatin1String(".avsc")))
        return Error::invalid(QStringLiteral("%1 is neither an Avro schema (.avsc) nor a .proto file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read the Avro schema %1: %2").arg(path, file.errorString()));
    if (file.size() > 16 * 1024 * 1024)
        return Error::invalid(QStringLiteral("%1 is larger than an Avro schema can be here (16 MiB)").arg(path));
    auto parsed = parseAvroSchemaText(file.readAll());
    if (!parsed.ok())
        return Error::invalid(QStringLiteral("%1: %2").arg(path, parsed.error().message));
    return LocalSchema{parsed.value(), SchemaType::Avro};
}

Result<std::shared_ptr<SchemaDecoder>> localSchemaDecoder(const QString &path)
{
    auto loaded = loadLocalSchema(path);
    if (!loaded.ok())
        return loaded.error();
    return std::make_shared<SchemaDecoder>(loaded.value().schema, loaded.value().type);
}

QString DecodedPayload::description() const
{
    if (schemaId < 0)
        return QStringLiteral("decoded with the local %1 schema").arg(schemaTypeName(type));
    return QStringLiteral("decoded with schema %1 (%2)").arg(schemaId).arg(schemaTypeName(type));
}

SchemaDecoder::SchemaDecoder(SchemaRegistrySettings settings) : m_client(std::move(settings)) {}

SchemaDecoder::SchemaDecoder(std::shared_ptr<const ParsedSchema> localSchema, SchemaType type)
    : m_client(SchemaRegistrySettings{}), m_localSchema(std::move(localSchema)), m_localType(type)
{
}

Result<DecodedPayload> SchemaDecoder::decodeLocally(const QByteArray &payload) const
{
    DecodedPayload decoded;
    decoded.type = m_localType;
    const auto failed = [&](const Error &error) {
        return Error::invalid(QStringLiteral("cannot decode with the local %1 schema: %2")
                                  .arg(schemaTypeName(m_localType), error.message));
    };
    if (looksLikeWireFormat(payload)) {
        auto json = m_localSchema->toJson(payload.mid(HeaderSize));
        if (json.ok()) {
            const auto byte = [&](int i) { return quint32(quint8(payload.at(i))); };
            decoded.schemaId = int(byte(1) << 24 | byte(2) << 16 | byte(3) << 8 | byte(4));
            decoded.json = std::move(json).value();
            return decoded;
        }
        // Bare Avro may start with a zero byte too (an empty string, a
        // zero, a union's first branch): tried as a whole next.
        if (m_localType == SchemaType::Protobuf)
            return failed(json.error());
        auto bare = m_localSchema->toJson(payload);
        if (!bare.ok())
            return failed(json.error());
        decoded.json = std::move(bare).value();
        return decoded;
    }
    // Protobuf's wire format names the message type (its message indexes);
    // a bare message does not, and a local .proto does not either.
    if (m_localType == SchemaType::Protobuf)
        return Error::invalid(QStringLiteral("not in the schema registry's wire format: a bare Protobuf message "
                                             "does not say which of the .proto's message types it is"));
    auto json = m_localSchema->toJson(payload);
    if (!json.ok())
        return failed(json.error());
    decoded.json = std::move(json).value();
    return decoded;
}

bool SchemaDecoder::looksLikeWireFormat(const QByteArray &payload)
{
    return payload.size() >= HeaderSize && payload.at(0) == 0;
}

Result<DecodedPayload> SchemaDecoder::decode(const QByteArray &payload)
{
    if (m_localSchema)
        return decodeLocally(payload);
    if (payload.isEmpty())
        return Error::invalid(QStringLiteral("the payload is empty, not in the schema registry's wire format"));
    if (payload.at(0) != 0)
        return Error::invalid(QStringLiteral("the payload does not start with the schema registry's magic byte 0 "
                                             "(it starts with 0x%1)")
                                  .arg(quint8(payload.at(0)), 2, 16, QLatin1Char('0')));
    if (payload.size() < HeaderSize)
        return Error::invalid(QStringLiteral("the payload is truncated: %1 bytes, shorter than the 5-byte header "
                                             "(magic byte and schema id)")
                                  .arg(payload.size()));
    const auto byte = [&](int i) { return quint32(quint8(payload.at(i))); };
    const quint32 rawId = byte(1) << 24 | byte(2) << 16 | byte(3) << 8 | byte(4);
    // Registry ids are positive 32-bit integers.
    if (rawId > quint32(std::numeric_limits<int>::max()))
        return Error::invalid(QStringLiteral("the payload names schema id %1, which no registry gives").arg(rawId));
    const int id = int(rawId);
    DecodedPayload decoded;
    decoded.schemaId = id;
    auto schema = schemaFor(id, &decoded.type);
    if (!schema.ok())
        return schema.error();
    auto json = schema.value()->toJson(payload.mid(HeaderSize));
    if (!json.ok())
        return Error::invalid(QStringLiteral("cannot decode with schema %1 (%2): %3")
                                  .arg(id)
                                  .arg(schemaTypeName(decoded.type), json.error().message));
    decoded.json = std::move(json).value();
    return decoded;
}

bool SchemaDecoder::fresh(const Failure &failure, std::chrono::steady_clock::time_point now)
{
    return now - failure.failedAt < FailureMemory;
}

void SchemaDecoder::rememberFailure(int id, const Failure &failure)
{
    // Bounded apart from the schemas: a topic of integer keys names
    // thousands of "ids"; the stale ones go first, then all of them.
    if (m_failures.size() >= MaxRememberedFailures && !m_failures.contains(id)) {
        const auto now = std::chrono::steady_clock::now();
        m_failures.removeIf([&](const QHash<int, Failure>::iterator it) { return !fresh(it.value(), now); });
        if (m_failures.size() >= MaxRememberedFailures)
            m_failures.clear();
    }
    m_failures.insert(id, failure);
}

Result<std::shared_ptr<const ParsedSchema>> SchemaDecoder::schemaFor(int id, SchemaType *type)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (const auto it = m_cache.constFind(id); it != m_cache.cend()) {
            *type = it->type;
            return it->schema;
        }
        // The registry down or refusing us: every id would meet the same.
        if (m_registryFailure && fresh(*m_registryFailure, now))
            return m_registryFailure->error;
        if (const auto it = m_failures.constFind(id); it != m_failures.cend() && fresh(*it, now)) {
            *type = it->type;
            return it->error;
        }
    }
    // Fetched without the lock: a slow registry must not hold up decoding
    // with the schemas already here. Two threads may fetch the same id once.
    Entry entry;
    Failure failure;
    auto fetched = m_client.schemaById(id);
    if (fetched.ok()) {
        entry.type = failure.type = fetched.value().type;
        entry.bytes = fetched.value().size();
        auto parsed = parseSchema(fetched.value());
        if (parsed.ok())
            entry.schema = parsed.value();
        else
            failure.error = Error::invalid(QStringLiteral("schema %1 (%2) from %3 cannot be read: %4")
                                               .arg(id)
                                               .arg(schemaTypeName(entry.type), m_client.settings().url,
                                                    parsed.error().message));
    } else {
        failure.error = fetched.error();
    }
    *type = entry.type;

    QMutexLocker lock(&m_mutex);
    if (!entry.schema && isRegistryWideFailure(failure.error)) {
        failure.failedAt = std::chrono::steady_clock::now();
        m_registryFailure = failure;
        return failure.error;
    }
    // The registry answered (a 404 too): whatever kept it out of reach is over.
    m_registryFailure.reset();
    if (!entry.schema) {
        failure.failedAt = std::chrono::steady_clock::now();
        rememberFailure(id, failure);
        return failure.error;
    }
    m_failures.remove(id);
    if (const auto old = m_cache.constFind(id); old != m_cache.cend()) {
        m_cachedBytes -= old->bytes;
        m_cache.erase(old);
    }
    // Bounded: past either limit, start again rather than grow. Schemas are
    // few in practice, and only schemas that parsed are counted here.
    if (m_cache.size() >= MaxCachedSchemas || m_cachedBytes + entry.bytes > MaxCachedBytes) {
        m_cache.clear();
        m_cachedBytes = 0;
    }
    m_cachedBytes += entry.bytes;
    m_cache.insert(id, entry);
    return entry.schema;
}

} // namespace kafka
