#include "avroschema.h"

#include <QScopeGuard>

#include <avro.h>

#include <charconv>
#include <cmath>

namespace kafka {

namespace {

QString avroError()
{
    return QString::fromUtf8(avro_strerror()).trimmed();
}

void appendJsonString(QByteArray &out, const char *data, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

// Avro's JSON encoding of bytes: each byte is the code point of the same
// number, written here as \u00XX for every byte that is not printable ASCII,
// so the text is plain ASCII and no byte is mistaken for UTF-8.
void appendJsonBytes(QByteArray &out, const char *data, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out += char(c);
        } else {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out += '"';
}

template <typename Number>
void appendNumber(QByteArray &out, Number value)
{
    if constexpr (std::is_floating_point_v<Number>) {
        // JSON has no NaN or infinity: they are strings, as Avro's Java JSON
        // encoder can be told to write them.
        if (std::isnan(value)) {
            out += "\"NaN\"";
            return;
        }
        if (std::isinf(value)) {
            out += value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
            return;
        }
    }
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

// A union branch's name in Avro's JSON encoding: a primitive's type name,
// a named type's full name (namespace.name).
QByteArray branchName(avro_schema_t branch)
{
    const char *name = avro_schema_type_name(branch);
    QByteArray full = name ? QByteArray(name) : QByteArray("unknown");
    if (is_avro_named_type(branch)) {
        const char *space = avro_schema_namespace(branch);
        if (space && *space)
            full = QByteArray(space) + '.' + full;
    }
    return full;
}

int writeJson(QByteArray &out, avro_value_t *value, int depth)
{
    if (depth > 256) {
        avro_set_error("the data nests deeper than 256 levels");
        return EINVAL;
    }
    int rc = 0;
    switch (avro_value_get_type(value)) {
    case AVRO_NULL:
        out += "null";
        return 0;
    case AVRO_BOOLEAN: {
        int b = 0;
        rc = avro_value_get_boolean(value, &b);
        out += b ? "true" : "false";
        return rc;
    }
    case AVRO_INT32: {
        int32_t n = 0;
        rc = avro_value_get_int(value, &n);
        appendNumber(out, n);
        return rc;
    }
    case AVRO_INT64: {
        int64_t n = 0;
        rc = avro_value_get_long(value, &n);
        appendNumber(out, n);
        return rc;
    }
    case AVRO_FLOAT: {
        float n = 0;
        rc = avro_value_get_float(value, &n);
        appendNumber(out, n);
        return rc;
    }
    case AVRO_DOUBLE: {
        double n = 0;
        rc = avro_value_get_double(value, &n);
        appendNumber(out, n);
        return rc;
    }
    case AVRO_STRING: {
        const char *text = nullptr;
        size_t size = 0; // with the terminating NUL
        rc = avro_value_get_string(value, &text, &size);
        appendJsonString(out, text, size > 0 ? size - 1 : 0);
        return rc;
    }
    case AVRO_BYTES: {
        const void *data = nullptr;
        size_t size = 0;
        rc = avro_value_get_bytes(value, &data, &size);
        appendJsonBytes(out, static_cast<const char *>(data), size);
        return rc;
    }
    case AVRO_FIXED: {
        const void *data = nullptr;
        size_t size = 0;
        rc = avro_value_get_fixed(value, &data, &size);
        appendJsonBytes(out, static_cast<const char *>(data), size);
        return rc;
    }
    case AVRO_ENUM: {
        int symbol = 0;
        if ((rc = avro_value_get_enum(value, &symbol)) != 0)
            return rc;
        const char *name = avro_schema_enum_get(avro_value_get_schema(value), symbol);
        if (!name) {
            avro_set_error("enum symbol %d is not in the schema", symbol);
            return EINVAL;
        }
        appendJsonString(out, name, strlen(name));
        return 0;
    }
    case AVRO_UNION: {
        int discriminant = -1;
        avro_value_t branch;
        if ((rc = avro_value_get_discriminant(value, &discriminant)) != 0
            || (rc = avro_value_get_current_branch(value, &branch)) != 0)
            return rc;
        if (avro_value_get_type(&branch) == AVRO_NULL) {
            out += "null";
            return 0;
        }
        out += '{';
        const QByteArray name = branchName(avro_schema_union_branch(avro_value_get_schema(value), discriminant));
        appendJsonString(out, name.constData(), size_t(name.size()));
        out += ':';
        if ((rc = writeJson(out, &branch, depth + 1)) != 0)
            return rc;
        out += '}';
        return 0;
    }
    case AVRO_RECORD:
    case AVRO_MAP:
    case AVRO_ARRAY: {
        const bool array = avro_value_get_type(value) == AVRO_ARRAY;
        size_t count = 0;
        if ((rc = avro_value_get_size(value, &count)) != 0)
            return rc;
        out += array ? '[' : '{';
        for (size_t i = 0; i < count; ++i) {
            avro_value_t child;
            const char *name = nullptr;
            if ((rc = avro_value_get_by_index(value, i, &child, &name)) != 0)
                return rc;
            if (i > 0)
                out += ',';
            if (!array) {
                appendJsonString(out, name ? name : "", name ? strlen(name) : 0);
                out += ':';
            }
            if ((rc = writeJson(out, &child, depth + 1)) != 0)
                return rc;
        }
        out += array ? ']' : '}';
        return 0;
    }
    default:
        avro_set_error("a value of a type this decoder does not know");
        return EINVAL;
    }
}

class AvroPayload final : public ParsedSchema {
public:
    // Takes over both.
    AvroPayload(avro_schema_t schema, avro_value_iface_t *iface) : m_schema(schema), m_iface(iface) {}
    ~AvroPayload() override
    {
        avro_value_iface_decref(m_iface);
        avro_schema_decref(m_schema);
    }
    AvroPayload(const AvroPayload &) = delete;
    AvroPayload &operator=(const AvroPayload &) = delete;

    Result<QByteArray> toJson(const QByteArray &body) const override
    {
        // A value of its own for each message (microseconds): no lock
        // between threads, and nothing of a failed read (a partial value)
        // carries into the next message. The class (iface) is shared.
        avro_value_t value;
        if (avro_generic_value_new(m_iface, &value) != 0)
            return Error::invalid(QStringLiteral("cannot decode with this Avro schema: %1").arg(avroError()));
        const auto release = qScopeGuard([&value] { avro_value_decref(&value); });
        // Avro's C library adds to its thread's last error message rather
        // than replace it: start from an empty one.
        avro_set_error("%s", "");
        avro_reader_t reader = avro_reader_memory(body.constData(), body.size());
        if (!reader)
            return Error::invalid(QStringLiteral("out of memory"));
        const int rc = avro_value_read(reader, &value);
        char extra = 0;
        const bool leftOver = rc == 0 && avro_read(reader, &extra, 1) == 0;
        avro_reader_free(reader);
        if (rc != 0)
            return Error::invalid(QStringLiteral("the %1 bytes do not match the Avro schema: %2")
                                      .arg(body.size())
                                      .arg(avroError()));
        if (leftOver)
            return Error::invalid(QStringLiteral("the %1 bytes do not match the Avro schema: bytes are left over "
                                                 "after the value")
                                      .arg(body.size()));
        QByteArray json;
        avro_set_error("%s", "");
        if (writeJson(json, &value, 0) != 0)
            return Error::invalid(QStringLiteral("cannot write the Avro value as JSON: %1").arg(avroError()));
        return json;
    }

private:
    avro_schema_t m_schema;
    avro_value_iface_t *m_iface;
};

} // namespace

Result<std::shared_ptr<const ParsedSchema>> parseAvroSchemaText(const QByteArray &json)
{
    avro_schema_t schema = nullptr;
    if (avro_schema_from_json_length(json.constData(), size_t(json.size()), &schema) != 0 || !schema)
        return Error::invalid(QStringLiteral("not an Avro schema: %1").arg(avroError()));
    avro_value_iface_t *iface = avro_generic_class_from_schema(schema);
    if (!iface) {
        const QString why = avroError();
        avro_schema_decref(schema);
        return Error::invalid(QStringLiteral("cannot decode with this Avro schema: %1").arg(why));
    }
    return std::shared_ptr<const ParsedSchema>(std::make_shared<AvroPayload>(schema, iface));
}

Result<std::shared_ptr<const ParsedSchema>> parseAvroSchema(const RegistrySchema &schema)
{
    // Avro references (a schema naming types that other subjects define) are
    // not resolved: Avro's C library parses one schema text on its own.
    if (!schema.references.isEmpty())
        return Error::invalid(QStringLiteral("it references other schemas, which Avro decoding does not resolve yet"));
    return parseAvroSchemaText(schema.text);
}

} // namespace kafka
