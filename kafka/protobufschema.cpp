#include "protobufschema.h"

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <string>

namespace kafka {

namespace pb = google::protobuf;

namespace {

class ParseErrors final : public pb::io::ErrorCollector {
public:
    void AddError(int line, pb::io::ColumnNumber column, const std::string &message) override
    {
        if (errors.size() < 5)
            errors.append(QStringLiteral("line %1:%2: %3").arg(line + 1).arg(column + 1).arg(QString::fromStdString(message)));
    }
    QStringList errors;
};

class BuildErrors final : public pb::DescriptorPool::ErrorCollector {
public:
    void AddError(const std::string &filename, const std::string &element, const pb::Message *, ErrorLocation,
                  const std::string &message) override
    {
        if (errors.size() < 5)
            errors.append(QStringLiteral("%1: %2: %3")
                              .arg(QString::fromStdString(filename), QString::fromStdString(element),
                                   QString::fromStdString(message)));
    }
    QStringList errors;
};

// One schema file as a FileDescriptorProto: .proto text as the registry
// gives it, or the base64 of a serialized FileDescriptorProto.
Result<pb::FileDescriptorProto> fileProto(const QString &name, const QByteArray &text)
{
    pb::FileDescriptorProto proto;
    pb::io::ArrayInputStream input(text.constData(), int(text.size()));
    ParseErrors errors;
    pb::io::Tokenizer tokenizer(&input, &errors);
    pb::compiler::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.Parse(&tokenizer, &proto)) {
        const QByteArray decoded = QByteArray::fromBase64(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        pb::FileDescriptorProto binary;
        if (decoded.isEmpty() || !binary.ParseFromArray(decoded.constData(), int(decoded.size())))
            return Error::invalid(QStringLiteral("%1 is not a .proto file: %2").arg(name, errors.errors.join(QStringLiteral("; "))));
        proto = std::move(binary);
    }
    proto.set_name(name.toStdString());
    return proto;
}

bool readZigzag(pb::io::CodedInputStream &in, qint64 *value)
{
    uint64_t raw = 0;
    if (!in.ReadVarint64(&raw))
        return false;
    *value = qint64(raw >> 1) ^ -qint64(raw & 1);
    return true;
}

class ProtobufPayload final : public ParsedSchema {
public:
    explicit ProtobufPayload(int id) : m_id(id), m_pool(pb::DescriptorPool::generated_pool()), m_factory(&m_pool) {}

    Error build(const RegistrySchema &schema)
    {
        QList<RegistrySchema::Reference> files = schema.references;
        files.append({QStringLiteral("registry-schema-%1.proto").arg(m_id), schema.text});
        for (const RegistrySchema::Reference &file : std::as_const(files)) {
            // A well-known type (google/protobuf/timestamp.proto) that the
            // registry lists as a reference is libprotobuf's own already.
            if (pb::DescriptorPool::generated_pool()->FindFileByName(file.name.toStdString()))
                continue;
            auto proto = fileProto(file.name, file.text);
            if (!proto.ok())
                return proto.error();
            BuildErrors errors;
            m_file = m_pool.BuildFileCollectingErrors(proto.value(), &errors);
            if (!m_file)
                return Error::invalid(errors.errors.join(QStringLiteral("; ")));
        }
        if (m_file->message_type_count() == 0)
            return Error::invalid(QStringLiteral("it defines no message type"));
        return {};
    }

    Result<QByteArray> toJson(const QByteArray &body) const override
    {
        pb::io::CodedInputStream in(reinterpret_cast<const quint8 *>(body.constData()), int(body.size()));
        qint64 count = 0;
        if (!readZigzag(in, &count) || count < 0 || count > 64)
            return Error::invalid(QStringLiteral("the payload is truncated or its message indexes are not valid"));
        QList<qint64> indexes;
        for (qint64 i = 0; i < count; ++i) {
            qint64 index = 0;
            if (!readZigzag(in, &index))
                return Error::invalid(QStringLiteral("the payload is truncated inside its message indexes"));
            indexes.append(index);
        }
        if (indexes.isEmpty())
            indexes.append(0); // a count of 0: the file's first message type
        const pb::Descriptor *type = nullptr;
        for (qsizetype i = 0; i < indexes.size(); ++i) {
            const qint64 index = indexes.at(i);
            const int available = i == 0 ? m_file->message_type_count() : type->nested_type_count();
            if (index < 0 || index >= available)
                return Error::invalid(QStringLiteral("the payload's message index %1 names no message type in the schema")
                                          .arg(index));
            type = i == 0 ? m_file->message_type(int(index)) : type->nested_type(int(index));
        }
        const pb::Message *prototype = m_factory.GetPrototype(type);
        std::unique_ptr<pb::Message> message(prototype->New());
        const int offset = in.CurrentPosition();
        if (!message->ParseFromArray(body.constData() + offset, int(body.size() - offset)))
            return Error::invalid(QStringLiteral("the %1 bytes are not a %2 message")
                                      .arg(body.size() - offset)
                                      .arg(QString::fromStdString(type->full_name())));
        pb::util::JsonPrintOptions options;
        options.preserve_proto_field_names = true;
        options.always_print_primitive_fields = true;
        std::string json;
        const auto status = pb::util::MessageToJsonString(*message, &json, options);
        if (!status.ok())
            return Error::invalid(QStringLiteral("cannot write the %1 message as JSON: %2")
                                      .arg(QString::fromStdString(type->full_name()),
                                           QString::fromStdString(std::string(status.message()))));
        return QByteArray::fromStdString(json);
    }

    Result<QByteArray> fromJson(const QByteArray &json, const QString &messageType, bool messageIndexes) const override
    {
        // A schema of enums or imports only has no first message type to
        // fall back on.
        if (messageType.isEmpty() && m_file->message_type_count() == 0)
            return Error::invalid(QStringLiteral("the schema defines no message type to encode with (only enums or "
                                                 "imports)"));
        const pb::Descriptor *type = messageType.isEmpty() ? m_file->message_type(0)
                                                           : m_pool.FindMessageTypeByName(messageType.toStdString());
        if (!type) {
            QStringList names;
            for (int i = 0; i < m_file->message_type_count(); ++i)
                names.append(QString::fromStdString(m_file->message_type(i)->full_name()));
            return Error::invalid(QStringLiteral("the schema has no message type %1 (its types: %2; a nested type is "
                                                 "named Outer.Inner)")
                                      .arg(messageType, names.join(QStringLiteral(", "))));
        }
        // The wire format's indexes count from the schema's own file.
        if (messageIndexes && type->file() != m_file)
            return Error::invalid(QStringLiteral("%1 is defined in %2, which the schema imports, not in the schema "
                                                 "itself: the wire format cannot name it")
                                      .arg(messageType, QString::fromStdString(type->file()->name())));
        std::unique_ptr<pb::Message> message(m_factory.GetPrototype(type)->New());
        pb::util::JsonParseOptions options;
        options.ignore_unknown_fields = false;
        const auto status = pb::util::JsonStringToMessage(json.toStdString(), message.get(), options);
        if (!status.ok())
            return Error::invalid(QStringLiteral("the value does not match the %1 message: %2")
                                      .arg(QString::fromStdString(type->full_name()),
                                           QString::fromStdString(std::string(status.message()))));
        QByteArray bytes;
        if (messageIndexes) {
            QList<int> path;
            for (const pb::Descriptor *d = type; d; d = d->containing_type())
                path.prepend(d->index());
            // The first type is written as a count of 0, as Confluent's
            // serializers write it; any other as its count and path.
            if (path == QList<int>{0}) {
                bytes += '\0';
            } else {
                appendZigzag(bytes, path.size());
                for (const int index : std::as_const(path))
                    appendZigzag(bytes, index);
            }
        }
        std::string serialized;
        if (!message->SerializeToString(&serialized))
            return Error::invalid(QStringLiteral("cannot serialize the %1 message").arg(QString::fromStdString(type->full_name())));
        bytes += QByteArray::fromStdString(serialized);
        return bytes;
    }

private:
    static void appendZigzag(QByteArray &out, qint64 value)
    {
        quint64 raw = (quint64(value) << 1) ^ quint64(value >> 63);
        while (raw >= 0x80) {
            out += char((raw & 0x7f) | 0x80);
            raw >>= 7;
        }
        out += char(raw);
    }

    int m_id;
    pb::DescriptorPool m_pool;
    // Makes the prototypes of m_pool's types; thread-safe, as the pool is.
    mutable pb::DynamicMessageFactory m_factory;
    const pb::FileDescriptor *m_file = nullptr;
};

} // namespace

namespace {

constexpr qint64 MaxProtoFileBytes = 4 * 1024 * 1024;
constexpr int MaxImportDepth = 32;

Result<QByteArray> readProto(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > MaxProtoFileBytes)
        return Error::invalid(QStringLiteral("%1 is larger than a .proto file can be here (4 MiB)").arg(path));
    return file.readAll();
}

// The imports of `text`, each before what imports it, read from `root`.
Error addImports(const QDir &root, const QString &name, const QByteArray &text, RegistrySchema *schema, int depth)
{
    if (depth > MaxImportDepth)
        return Error::invalid(QStringLiteral("imports nest deeper than %1 files").arg(MaxImportDepth));
    auto proto = fileProto(name, text);
    if (!proto.ok())
        return proto.error();
    for (const std::string &dependency : proto.value().dependency()) {
        const QString import = QString::fromStdString(dependency);
        bool known = pb::DescriptorPool::generated_pool()->FindFileByName(dependency) != nullptr;
        for (const RegistrySchema::Reference &have : std::as_const(schema->references))
            known = known || have.name == import;
        if (known)
            continue;
        auto imported = readProto(root.filePath(import));
        if (!imported.ok())
            return Error::invalid(QStringLiteral("%1 imports %2: %3").arg(name, import, imported.error().message));
        if (auto err = addImports(root, import, imported.value(), schema, depth + 1))
            return err;
        schema->references.append({import, imported.value()});
    }
    return {};
}

} // namespace

Result<RegistrySchema> protobufSchemaFromFile(const QString &path)
{
    auto text = readProto(path);
    if (!text.ok())
        return text.error();
    RegistrySchema schema;
    schema.type = SchemaType::Protobuf;
    schema.text = text.value();
    // Imports are looked up from the file's folder, and from the folders
    // above it, as protoc -I would be given the root of the tree.
    QDir root = QFileInfo(path).absoluteDir();
    Error lastError;
    for (int up = 0; up < 8; ++up) {
        schema.references.clear();
        lastError = addImports(root, QFileInfo(path).fileName(), schema.text, &schema, 0);
        if (!lastError || !root.cdUp())
            break;
    }
    if (lastError)
        return lastError;
    return schema;
}

Result<std::shared_ptr<const ParsedSchema>> parseProtobufSchema(const RegistrySchema &schema)
{
    auto payload = std::make_shared<ProtobufPayload>(schema.id);
    if (auto err = payload->build(schema))
        return err;
    return std::shared_ptr<const ParsedSchema>(payload);
}

} // namespace kafka
