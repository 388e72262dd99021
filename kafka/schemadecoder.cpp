#include "schemadecoder.h"

#include "avroschema.h"
#include "protobufschema.h"

#include <QJsonDocument>
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
};

} // namespace

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
    QByteArray body = payload;
    if (looksLikeWireFormat(payload)) {
        const auto byte = [&](int i) { return quint32(quint8(payload.at(i))); };
        decoded.schemaId = int(byte(1) << 24 | byte(2) << 16 | byte(3) << 8 | byte(4));
        body = payload.mid(HeaderSize);
    }
    auto json = m_localSchema->toJson(body);
    if (!json.ok())
        return Error::invalid(QStringLiteral("cannot decode with the local %1 schema: %2")
                                  .arg(schemaTypeName(m_localType), json.error().message));
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

Result<std::shared_ptr<const ParsedSchema>> SchemaDecoder::schemaFor(int id, SchemaType *type)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_cache.constFind(id);
        if (it != m_cache.cend()) {
            *type = it->type;
            if (it->schema)
                return it->schema;
            if (std::chrono::steady_clock::now() - it->failedAt < FailureMemory)
                return it->error;
        }
    }
    // Fetched without the lock: a slow registry must not hold up decoding
    // with the schemas already here. Two threads may fetch the same id once.
    Entry entry;
    auto fetched = m_client.schemaById(id);
    if (fetched.ok()) {
        entry.type = fetched.value().type;
        entry.bytes = fetched.value().size();
        auto parsed = parseSchema(fetched.value());
        if (parsed.ok())
            entry.schema = parsed.value();
        else
            entry.error = Error::invalid(QStringLiteral("schema %1 (%2) from %3 cannot be read: %4")
                                             .arg(id)
                                             .arg(schemaTypeName(entry.type), m_client.settings().url,
                                                  parsed.error().message));
    } else {
        entry.error = fetched.error();
    }
    entry.failedAt = std::chrono::steady_clock::now();
    *type = entry.type;

    QMutexLocker lock(&m_mutex);
    if (const auto old = m_cache.constFind(id); old != m_cache.cend()) {
        m_cachedBytes -= old->bytes;
        m_cache.erase(old);
    }
    // Bounded: past either limit, start again rather than grow. Schemas are
    // few in practice; a topic with thousands of ids is refetched, not kept.
    if (m_cache.size() >= MaxCachedSchemas || m_cachedBytes + entry.bytes > MaxCachedBytes) {
        m_cache.clear();
        m_cachedBytes = 0;
    }
    m_cachedBytes += entry.bytes;
    m_cache.insert(id, entry);
    if (entry.schema)
        return entry.schema;
    return entry.error;
}

} // namespace kafka
