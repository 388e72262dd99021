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
    if (path.endsWith(QLatin1String(".avsc")) && !messageType.isEmpty())
        return Error::invalid(QStringLiteral("a message type is for a .proto file, not for the Avro schema %1").arg(path));
    auto loaded = loadLocalSchema(path);
    if (!loaded.ok())
        return loaded.error();
    const SchemaType type = loaded.value().type;
    return std::make_shared<const SchemaEncoder>(loaded.value().schema, type, -1, messageType,
                                                 QStringLiteral("the local %1 schema %2")
                                                     .arg(schemaTypeName(type), QFileInfo(path).fileName()));
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
