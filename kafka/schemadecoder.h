#pragma once

#include "error.h"
#include "schemaregistry.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QMutex>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace kafka {

// A schema made ready to decode payloads: Avro, Protobuf or JSON Schema. One
// per registry schema id, shared by the threads that decode with it.
class ParsedSchema {
public:
    virtual ~ParsedSchema() = default;
    // The bytes after the 5-byte header as one line of JSON text, or why they
    // do not match the schema.
    virtual Result<QByteArray> toJson(const QByteArray &body) const = 0;
    // The other way, for producing: one JSON value (Avro's JSON encoding,
    // Protobuf's JSON mapping, JSON Schema's JSON) as the bytes that follow
    // the header, or why it does not match the schema. Protobuf only:
    // `messageType` names the type (its full name; empty: the schema's
    // first), and `messageIndexes` puts the indexes that name it first, as
    // the wire format has them (false: the bare message).
    virtual Result<QByteArray> fromJson(const QByteArray &json, const QString &messageType,
                                        bool messageIndexes) const = 0;
};

// One JSON value of any kind (an object, a string, a number...) from its
// text, or where the text stops being JSON.
Result<QJsonValue> parseJsonValue(const QByteArray &json);

// Builds the ParsedSchema for a registry schema, or says why it cannot.
Result<std::shared_ptr<const ParsedSchema>> parseSchema(const RegistrySchema &schema);

// A schema read from a local file, and which kind it is.
struct LocalSchema {
    std::shared_ptr<const ParsedSchema> schema;
    SchemaType type = SchemaType::Avro;
};
// The schema in `path`: a .avsc (Avro), or a .proto with its imports found
// from its folder (Protobuf); every failure names the file. Shared by
// decoding and encoding. Reads files: not on the GUI thread.
Result<LocalSchema> loadLocalSchema(const QString &path);

class SchemaDecoder;
// A decoder with the local schema in `path`: a .avsc (Avro: bare data or the
// wire format) or a .proto with its imports beside it (Protobuf: the wire
// format, whose message indexes pick the type). Reads files: not on the GUI
// thread.
Result<std::shared_ptr<SchemaDecoder>> localSchemaDecoder(const QString &path);

// A key or value decoded with its schema.
struct DecodedPayload {
    int schemaId = -1; // -1: bare data, decoded with a local schema
    SchemaType type = SchemaType::Avro;
    QByteArray json; // one line of JSON text

    QString description() const; // "decoded with schema 42 (AVRO)"
};

// Decodes keys and values in the registry's wire format: magic byte 0, the
// schema id (4 bytes, big-endian), then the encoded data. Fetches each schema
// once and keeps it (bounded by count and bytes). Remembers a failure for
// FailureMemory: for that id (unknown id, unreadable schema), or for the whole
// registry when it cannot be reached or refuses the login, so that every id
// fails fast meanwhile. Any key that merely starts with 0x00 (a big-endian
// integer) looks like the wire format, and each names another "id": against a
// registry that is down, a batch of them costs one timeout per FailureMemory,
// not one per id. Failures are kept apart from the schemas (few, bounded) and
// never push a good schema out.
// Thread-safe; blocks on the registry, so call it on a worker or pool thread.
class SchemaDecoder {
public:
    static constexpr int MaxCachedSchemas = 1000;
    static constexpr qsizetype MaxCachedBytes = 32 * 1024 * 1024;
    static constexpr std::chrono::seconds FailureMemory{10};
    static constexpr int MaxRememberedFailures = 256;
    static constexpr int HeaderSize = 5;

    explicit SchemaDecoder(SchemaRegistrySettings settings);
    // Without a registry: every payload decoded with one local schema (a
    // .avsc), whether it is bare data or in the wire format (whose schema id
    // is then not looked up, only reported).
    SchemaDecoder(std::shared_ptr<const ParsedSchema> localSchema, SchemaType type);

    // True when the bytes start like the wire format (magic byte 0 and room
    // for a schema id). Text and most other payloads do not.
    static bool looksLikeWireFormat(const QByteArray &payload);

    // The payload decoded, or a per-message error: too short, no magic byte,
    // an unknown id, the registry unreachable, bytes that do not match.
    Result<DecodedPayload> decode(const QByteArray &payload);

    const SchemaRegistrySettings &settings() const { return m_client.settings(); }

private:
    struct Entry {
        std::shared_ptr<const ParsedSchema> schema;
        SchemaType type = SchemaType::Avro;
        qsizetype bytes = 0;
    };
    struct Failure {
        Error error;
        std::chrono::steady_clock::time_point failedAt;
        SchemaType type = SchemaType::Avro;
    };
    static bool fresh(const Failure &failure, std::chrono::steady_clock::time_point now);
    void rememberFailure(int id, const Failure &failure);
    Result<std::shared_ptr<const ParsedSchema>> schemaFor(int id, SchemaType *type);

    Result<DecodedPayload> decodeLocally(const QByteArray &payload) const;

    SchemaRegistryClient m_client;
    std::shared_ptr<const ParsedSchema> m_localSchema;
    SchemaType m_localType = SchemaType::Avro;
    QMutex m_mutex;
    QHash<int, Entry> m_cache; // schemas that parsed
    qsizetype m_cachedBytes = 0;
    QHash<int, Failure> m_failures; // per id, at most MaxRememberedFailures
    std::optional<Failure> m_registryFailure; // unreachable or login refused
};

} // namespace kafka
