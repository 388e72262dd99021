#include "schemaencoder.h"

#include "avroschema.h"
#include "protobufschema.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace kafka {

SchemaEncoder::SchemaEncoder(std::shared_ptr<const ParsedSchema> schema, SchemaType type, int id, QString messageType,
                             QString description)
    : m_schema(std::move(schema)), m_type(type), m_id(id), m_messageType(std::move(messageType)),
      m_description(std::move(description))
{
}

Result<std::shared_ptr<const SchemaEncoder>> SchemaEncoder::forSubject(const SchemaRegistrySettings &settings,
                                                                       const QString &subject, const QString &messageType)
{
    const SchemaRegistryClient client(settings);
    auto fetched = client.latestSchema(subject);
    if (!fetched.ok())
        return fetched.error();
    const RegistrySchema &schema = fetched.value();
    if (!messageType.isEmpty() && schema.type != SchemaType::Protobuf)
        return Error::invalid(QStringLiteral("subject '%1' holds a %2 schema: a message type is for Protobuf only")
                                  .arg(subject, schemaTypeName(schema.type)));
    auto parsed = parseSchema(schema);
    if (!parsed.ok())
        return Error::invalid(QStringLiteral("cannot encode with subject '%1' (schema %2): %3")
                                  .arg(subject)
                                  .arg(schema.id)
                                  .arg(parsed.error().message));
    return std::make_shared<const SchemaEncoder>(parsed.value(), schema.type, schema.id, messageType,
                                                 QStringLiteral("subject %1 version %2 (schema %3, %4)")
                                                     .arg(subject)
                                                     .arg(schema.version)
                                                     .arg(schema.id)
                                                     .arg(schemaTypeName(schema.type)));
}

Result<std::shared_ptr<const SchemaEncoder>> SchemaEncoder::forLocalFile(const QString &path, const QString &messageType)
{
    const QString name = QFileInfo(path).fileName();
    if (path.endsWith(QLatin1String(".proto"))) {
        auto schema = protobufSchemaFromFile(path);
        if (!schema.ok())
            return schema.error();
        auto parsed = parseProtobufSchema(schema.value());
        if (!parsed.ok())
            return Error::invalid(QStringLiteral("%1: %2").arg(path, parsed.error().message));
        return std::make_shared<const SchemaEncoder>(parsed.value(), SchemaType::Protobuf, -1, messageType,
                                                     QStringLiteral("the local PROTOBUF schema %1").arg(name));
    }
    if (!path.endsWith(QLatin1String(".avsc")))
        return Error::invalid(QStringLiteral("%1 is neither an Avro schema (.avsc) nor a .proto file").arg(path));
    if (!messageType.isEmpty())
        return Error::invalid(QStringLiteral("a message type is for a .proto file, not for the Avro schema %1").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read the Avro schema %1: %2").arg(path, file.errorString()));
    if (file.size() > 16 * 1024 * 1024)
        return Error::invalid(QStringLiteral("%1 is larger than an Avro schema can be here (16 MiB)").arg(path));
    auto parsed = parseAvroSchemaText(file.readAll());
    if (!parsed.ok())
        return Error::invalid(QStringLiteral("%1: %2").arg(path, parsed.error().message));
    return std::make_shared<const SchemaEncoder>(parsed.value(), SchemaType::Avro, -1, QString(),
                                                 QStringLiteral("the local AVRO schema %1").arg(name));
}

Result<QByteArray> SchemaEncoder::encode(const QByteArray &json) const
{
    auto body = m_schema->fromJson(json, m_messageType, m_id >= 0);
    if (!body.ok())
        return body.error();
    if (m_id < 0)
        return body;
    QByteArray bytes(SchemaDecoder::HeaderSize, '\0');
    qToBigEndian<quint32>(quint32(m_id), bytes.data() + 1);
    bytes += body.value();
    return bytes;
}

} // namespace kafka
