#pragma once

#include "error.h"
#include "schemadecoder.h"
#include "schemaregistry.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace kafka {

// Encodes JSON values with one schema, for producing: the other side of
// SchemaDecoder. With a registry subject's latest schema the result is in the
// registry's wire format (magic byte 0, the schema id, then Avro binary /
// Protobuf with its message indexes / the JSON as written); with a local
// .avsc it is bare Avro binary, with a local .proto the bare message. Made
// once (it fetches or reads the schema: not on the GUI thread), then
// encode() is quick, thread-safe and touches no network.
class SchemaEncoder {
public:
    // The latest version of `subject` in the registry. `messageType`
    // (Protobuf only): the full name of the type to encode; empty: the
    // schema's first message type.
    static Result<std::shared_ptr<const SchemaEncoder>> forSubject(const SchemaRegistrySettings &settings,
                                                                   const QString &subject,
                                                                   const QString &messageType = {});
    // A local .avsc, or a .proto (its imports found beside it, as
    // consume's --value-proto finds them) and the message type to encode.
    static Result<std::shared_ptr<const SchemaEncoder>> forLocalFile(const QString &path,
                                                                     const QString &messageType = {});

    // One JSON value (Avro's JSON encoding: a union as {"type": value};
    // Protobuf's JSON mapping) as the bytes to send, or why it does not match
    // the schema; a failure concerns this value alone.
    Result<QByteArray> encode(const QByteArray &json) const;

    SchemaType type() const { return m_type; }
    int schemaId() const { return m_id; } // -1: a local schema, no header
    // "subject orders-value version 3 (schema 42, AVRO)" or "the local AVRO schema orders.avsc".
    QString description() const { return m_description; }

    SchemaEncoder(std::shared_ptr<const ParsedSchema> schema, SchemaType type, int id, QString messageType,
                  QString description);

private:
    std::shared_ptr<const ParsedSchema> m_schema;
    SchemaType m_type;
    int m_id;
    QString m_messageType;
    QString m_description;
};

} // namespace kafka
