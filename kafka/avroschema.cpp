#include "avroschema.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QStringList>
#include <QVariant>

#include <avro.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

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

// Set when writeJson stops at its limit, to tell that apart from its other
// failures.
constexpr int JsonTooLarge = E2BIG;

int writeJson(QByteArray &out, avro_value_t *value, int depth, qsizetype limit)
{
    if (depth > 256) {
        avro_set_error("the data nests deeper than 256 levels");
        return EINVAL;
    }
    // Checked before every value: the largest single append (a string or
    // bytes) is bounded by the payload, so the text ends near the limit.
    if (out.size() > limit)
        return JsonTooLarge;
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
        if ((rc = writeJson(out, &branch, depth + 1, limit)) != 0)
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
            if ((rc = writeJson(out, &child, depth + 1, limit)) != 0)
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

// --- JSON to Avro ------------------------------------------------------------
// Avro's JSON encoding read back onto a value of the schema: what writeJson
// writes (and Avro's own JSON encoders), strictly: every field of a record
// present and no other, a union as null or {"branch": value}, bytes and
// fixed as code points U+0000..U+00FF. libavro has no JSON decoder of its
// own (its C library writes JSON only).

QString jsonKind(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("the number %1").arg(json.toVariant().toString());
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("nothing");
    }
}

QString where(const QString &path)
{
    return path.isEmpty() ? QStringLiteral("the value") : path;
}

QString mismatch(const QString &path, const QString &expected, const QJsonValue &json)
{
    return QStringLiteral("%1 should be %2, not %3").arg(where(path), expected, jsonKind(json));
}

// The bytes of a string in Avro's JSON encoding of bytes and fixed.
std::optional<QByteArray> codePointBytes(const QString &text)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() > 0xff)
            return std::nullopt;
        bytes += char(c.unicode());
    }
    return bytes;
}

// An integral JSON number within [low, high], exactly.
std::optional<qint64> integral(const QJsonValue &json, qint64 low, qint64 high)
{
    if (!json.isDouble())
        return std::nullopt;
    const QVariant variant = json.toVariant();
    if (variant.typeId() == QMetaType::LongLong) {
        const qint64 n = variant.toLongLong();
        return n >= low && n <= high ? std::optional<qint64>(n) : std::nullopt;
    }
    const double d = json.toDouble();
    if (std::floor(d) != d || d < double(low) || d > double(high) || std::fabs(d) > 9007199254740992.0)
        return std::nullopt;
    return qint64(d);
}

std::optional<double> floating(const QJsonValue &json)
{
    if (json.isDouble())
        return json.toDouble();
    const QString text = json.toString();
    if (text == QLatin1String("NaN"))
        return std::nan("");
    if (text == QLatin1String("Infinity"))
        return HUGE_VAL;
    if (text == QLatin1String("-Infinity"))
        return -HUGE_VAL;
    return std::nullopt;
}

QString readJson(const QJsonValue &json, avro_value_t *value, const QString &path, int depth)
{
    if (depth > 256)
        return QStringLiteral("%1 nests deeper than 256 levels").arg(where(path));
    avro_schema_t schema = avro_value_get_schema(value);
    const auto failed = [&](int rc) {
        return rc == 0 ? QString() : QStringLiteral("%1: %2").arg(where(path), avroError());
    };
    switch (avro_value_get_type(value)) {
    case AVRO_NULL:
        return json.isNull() ? failed(avro_value_set_null(value)) : mismatch(path, QStringLiteral("null"), json);
    case AVRO_BOOLEAN:
        return json.isBool() ? failed(avro_value_set_boolean(value, json.toBool()))
                             : mismatch(path, QStringLiteral("a boolean"), json);
    case AVRO_INT32: {
        const auto n = integral(json, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
        return n ? failed(avro_value_set_int(value, int32_t(*n)))
                 : mismatch(path, QStringLiteral("an int (a whole number of 32 bits)"), json);
    }
    case AVRO_INT64: {
        const auto n = integral(json, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
        return n ? failed(avro_value_set_long(value, *n))
                 : mismatch(path, QStringLiteral("a long (a whole number of 64 bits)"), json);
    }
    case AVRO_FLOAT: {
        const auto n = floating(json);
        return n ? failed(avro_value_set_float(value, float(*n))) : mismatch(path, QStringLiteral("a number"), json);
    }
    case AVRO_DOUBLE: {
        const auto n = floating(json);
        return n ? failed(avro_value_set_double(value, *n)) : mismatch(path, QStringLiteral("a number"), json);
    }
    case AVRO_STRING: {
        if (!json.isString())
            return mismatch(path, QStringLiteral("a string"), json);
        const QByteArray text = json.toString().toUtf8();
        return failed(avro_value_set_string_len(value, text.constData(), size_t(text.size()) + 1));
    }
    case AVRO_BYTES:
    case AVRO_FIXED: {
        const bool fixed = avro_value_get_type(value) == AVRO_FIXED;
        const auto bytes = json.isString() ? codePointBytes(json.toString()) : std::nullopt;
        if (!bytes)
            return mismatch(path, QStringLiteral("a string of bytes (code points U+0000 to U+00FF, one per byte)"), json);
        if (fixed) {
            const int64_t size = avro_schema_fixed_size(schema);
            if (bytes->size() != size)
                return QStringLiteral("%1 should be %2 bytes, not %3").arg(where(path)).arg(size).arg(bytes->size());
            return failed(avro_value_set_fixed(value, const_cast<char *>(bytes->constData()), size_t(bytes->size())));
        }
        return failed(avro_value_set_bytes(value, const_cast<char *>(bytes->constData()), size_t(bytes->size())));
    }
    case AVRO_ENUM: {
        const int symbol = json.isString() ? avro_schema_enum_get_by_name(schema, json.toString().toUtf8().constData()) : -1;
        if (symbol < 0) {
            QStringList symbols;
            for (int i = 0; i < avro_schema_enum_number_of_symbols(schema); ++i)
                symbols.append(QString::fromUtf8(avro_schema_enum_get(schema, i)));
            return json.isString() ? QStringLiteral("%1: '%2' is not a symbol of the enum (%3)")
                                         .arg(where(path), json.toString(), symbols.join(QStringLiteral(", ")))
                                   : mismatch(path, QStringLiteral("one of %1").arg(symbols.join(QStringLiteral(", "))), json);
        }
        return failed(avro_value_set_enum(value, symbol));
    }
    case AVRO_UNION: {
        const size_t branches = avro_schema_union_size(schema);
        QStringList names;
        for (size_t i = 0; i < branches; ++i)
            names.append(QString::fromUtf8(branchName(avro_schema_union_branch(schema, int(i)))));
        const QString expected = QStringLiteral("null or {\"TYPE\": value} with TYPE one of %1")
                                     .arg(names.join(QStringLiteral(", ")));
        avro_value_t branch;
        if (json.isNull()) {
            const qsizetype index = names.indexOf(QStringLiteral("null"));
            if (index < 0)
                return mismatch(path, expected, json);
            return failed(avro_value_set_branch(value, int(index), &branch));
        }
        const QJsonObject object = json.toObject();
        if (!json.isObject() || object.size() != 1)
            return mismatch(path, expected, json);
        const qsizetype index = names.indexOf(object.begin().key());
        if (index < 0 || names.at(index) == QLatin1String("null"))
            return QStringLiteral("%1: '%2' is not a type of the union (%3)")
                .arg(where(path), object.begin().key(), names.join(QStringLiteral(", ")));
        if (const int rc = avro_value_set_branch(value, int(index), &branch))
            return failed(rc);
        return readJson(object.begin().value(), &branch, path, depth + 1);
    }
    case AVRO_RECORD: {
        if (!json.isObject())
            return mismatch(path, QStringLiteral("an object (a record)"), json);
        const QJsonObject object = json.toObject();
        const size_t fields = avro_schema_record_size(schema);
        for (size_t i = 0; i < fields; ++i) {
            const QString name = QString::fromUtf8(avro_schema_record_field_name(schema, int(i)));
            const QString fieldPath = path.isEmpty() ? name : path + QLatin1Char('.') + name;
            if (!object.contains(name))
                return QStringLiteral("%1 is missing").arg(fieldPath);
            avro_value_t field;
            if (const int rc = avro_value_get_by_index(value, i, &field, nullptr))
                return failed(rc);
            if (QString err = readJson(object.value(name), &field, fieldPath, depth + 1); !err.isEmpty())
                return err;
        }
        for (auto it = object.begin(); it != object.end(); ++it)
            if (avro_schema_record_field_get_index(schema, it.key().toUtf8().constData()) < 0)
                return QStringLiteral("%1 has no field '%2' in the schema").arg(where(path), it.key());
        return {};
    }
    case AVRO_ARRAY: {
        if (!json.isArray())
            return mismatch(path, QStringLiteral("an array"), json);
        const QJsonArray array = json.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            avro_value_t item;
            if (const int rc = avro_value_append(value, &item, nullptr))
                return failed(rc);
            if (QString err = readJson(array.at(i), &item, QStringLiteral("%1[%2]").arg(path).arg(i), depth + 1);
                !err.isEmpty())
                return err;
        }
        return {};
    }
    case AVRO_MAP: {
        if (!json.isObject())
            return mismatch(path, QStringLiteral("an object (a map)"), json);
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            avro_value_t item;
            if (const int rc = avro_value_add(value, it.key().toUtf8().constData(), &item, nullptr, nullptr))
                return failed(rc);
            if (QString err = readJson(it.value(), &item, QStringLiteral("%1[\"%2\"]").arg(path, it.key()), depth + 1);
                !err.isEmpty())
                return err;
        }
        return {};
    }
    default:
        return QStringLiteral("%1 is of an Avro type this encoder does not know").arg(where(path));
    }
}


// --- Checking the bytes before libavro reads them ----------------------------
// libavro allocates every array or map item as it reads it, whatever the item
// costs in bytes: an array of null (or of empty records) claims any count for
// nothing, and ten bytes could make it allocate 2^40 items. So the binary is
// walked against the schema first, allocating nothing, and refused when it
// runs past its end, claims more items than its bytes can hold (or more than
// MaxItems), or nests deeper than MaxDepth.

constexpr int MaxDepth = 64;
constexpr qint64 MaxItems = 1'000'000;

avro_schema_t resolved(avro_schema_t schema)
{
    // A named type used again is a link to its definition.
    while (schema && avro_typeof(schema) == AVRO_LINK)
        schema = avro_schema_link_target(schema);
    return schema;
}

// The fewest bytes a value of `schema` can take: 0 for null, an empty fixed
// or a record of such fields, otherwise at least 1.
int minimumSize(avro_schema_t schema, int depth = 0)
{
    schema = resolved(schema);
    if (!schema || depth > MaxDepth)
        return 1;
    switch (avro_typeof(schema)) {
    case AVRO_NULL:
        return 0;
    case AVRO_FIXED:
        return avro_schema_fixed_size(schema) > 0 ? 1 : 0;
    case AVRO_RECORD:
        for (size_t i = 0; i < avro_schema_record_size(schema); ++i)
            if (minimumSize(avro_schema_record_field_get_by_index(schema, int(i)), depth + 1) > 0)
                return 1;
        return 0;
    default:
        return 1;
    }
}

class AvroBinaryCheck {
public:
    explicit AvroBinaryCheck(const QByteArray &bytes)
        : m_at(reinterpret_cast<const quint8 *>(bytes.constData())), m_end(m_at + bytes.size()), m_size(bytes.size())
    {
    }

    // Empty when the bytes hold one value of `schema` that libavro can read
    // at a cost bounded by their size, otherwise why not.
    QString check(avro_schema_t schema)
    {
        value(schema, 0);
        return m_error;
    }

private:
    qint64 remaining() const { return m_end - m_at; }

    bool fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return false;
    }

    bool truncated() { return fail(QStringLiteral("the data ends in the middle of a value")); }

    // A zigzag varint of at most `maxBytes` bytes (5 for int, 10 for long).
    bool varint(qint64 *value, int maxBytes)
    {
        quint64 raw = 0;
        for (int shift = 0, i = 0; i < maxBytes; ++i, shift += 7) {
            if (m_at == m_end)
                return truncated();
            const quint8 byte = *m_at++;
            raw |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80)) {
                *value = qint64(raw >> 1) ^ -qint64(raw & 1);
                return true;
            }
        }
        return fail(QStringLiteral("a number in the data is longer than Avro allows"));
    }

    bool skip(qint64 bytes)
    {
        if (bytes < 0 || bytes > remaining())
            return truncated();
        m_at += bytes;
        return true;
    }

    bool length(qint64 *size)
    {
        if (!varint(size, 10))
            return false;
        if (*size < 0)
            return fail(QStringLiteral("a string or bytes in the data has a negative length (%1)").arg(*size));
        return true;
    }

    // Array items or map values, block after block: a count (negative: its
    // absolute value, then the block's size in bytes), 0 at the end.
    bool blocks(avro_schema_t items, bool map, int depth)
    {
        const int itemMinimum = minimumSize(items) + (map ? 1 : 0); // a map key takes a byte at least
        for (;;) {
            qint64 count = 0;
            if (!varint(&count, 10))
                return false;
            if (count == 0)
                return true;
            if (count < 0) {
                if (count == std::numeric_limits<qint64>::min())
                    return fail(QStringLiteral("an array or map in the data claims an impossible item count"));
                count = -count;
                qint64 blockSize = 0;
                if (!varint(&blockSize, 10))
                    return false;
                if (blockSize < 0 || blockSize > remaining())
                    return truncated();
            }
            // Items that take no bytes are free to claim: no more of them
            // than the data has bytes, all blocks together.
            if (itemMinimum == 0) {
                m_freeItems += count;
                if (m_freeItems > m_size)
                    return fail(QStringLiteral("an array claims %1 items that take no bytes, more than the %2 bytes "
                                               "of the data can sensibly hold")
                                    .arg(count)
                                    .arg(m_size));
            } else if (count > remaining() / itemMinimum) {
                return fail(QStringLiteral("an array or map claims %1 items, more than the %2 bytes left can hold")
                                .arg(count)
                                .arg(remaining()));
            }
            m_items += count;
            if (m_items > MaxItems)
                return fail(QStringLiteral("the data holds more than %1 array or map items").arg(MaxItems));
            for (qint64 i = 0; i < count; ++i) {
                qint64 keySize = 0;
                if (map && (!length(&keySize) || !skip(keySize)))
                    return false;
                if (!value(items, depth + 1))
                    return false;
            }
        }
    }

    bool value(avro_schema_t schema, int depth)
    {
        if (depth > MaxDepth)
            return fail(QStringLiteral("the data nests deeper than %1 levels").arg(MaxDepth));
        schema = resolved(schema);
        if (!schema)
            return fail(QStringLiteral("the schema has a named type without a definition"));
        qint64 n = 0;
        switch (avro_typeof(schema)) {
        case AVRO_NULL:
            return true;
        case AVRO_BOOLEAN:
            return skip(1);
        case AVRO_INT32:
            return varint(&n, 5);
        case AVRO_INT64:
            return varint(&n, 10);
        case AVRO_FLOAT:
            return skip(4);
        case AVRO_DOUBLE:
            return skip(8);
        case AVRO_STRING:
        case AVRO_BYTES:
            return length(&n) && skip(n);
        case AVRO_FIXED:
            return skip(avro_schema_fixed_size(schema));
        case AVRO_ENUM:
            if (!varint(&n, 5))
                return false;
            if (n < 0 || n >= avro_schema_enum_number_of_symbols(schema))
                return fail(QStringLiteral("enum symbol %1 is not in the schema").arg(n));
            return true;
        case AVRO_UNION:
            if (!varint(&n, 10))
                return false;
            if (n < 0 || quint64(n) >= avro_schema_union_size(schema))
                return fail(QStringLiteral("union branch %1 is not in the schema").arg(n));
            return value(avro_schema_union_branch(schema, int(n)), depth + 1);
        case AVRO_RECORD:
            for (size_t i = 0; i < avro_schema_record_size(schema); ++i)
                if (!value(avro_schema_record_field_get_by_index(schema, int(i)), depth + 1))
                    return false;
            return true;
        case AVRO_ARRAY:
            return blocks(avro_schema_array_items(schema), false, depth);
        case AVRO_MAP:
            return blocks(avro_schema_map_values(schema), true, depth);
        default:
            return fail(QStringLiteral("the schema has a type this decoder does not know"));
        }
    }

    const quint8 *m_at;
    const quint8 *m_end;
    qint64 m_size;
    qint64 m_items = 0;
    qint64 m_freeItems = 0;
    QString m_error;
};

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
        if (const QString why = AvroBinaryCheck(body).check(m_schema); !why.isEmpty())
            return Error::invalid(QStringLiteral("the %1 bytes do not match the Avro schema: %2").arg(body.size()).arg(why));
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
        // Bounded: field names and nulls can make text of far more bytes
        // than the payload has.
        const qsizetype limit = MaxJsonPerPayloadByte * body.size() + MaxJsonExtra;
        if (const int rc = writeJson(json, &value, 0, limit); rc == JsonTooLarge)
            return Error::invalid(QStringLiteral("the decoded form is too large: more than %1 bytes of JSON from %2 "
                                                 "bytes")
                                      .arg(limit)
                                      .arg(body.size()));
        else if (rc != 0)
            return Error::invalid(QStringLiteral("cannot write the Avro value as JSON: %1").arg(avroError()));
        return json;
    }

    Result<QByteArray> fromJson(const QByteArray &json, const QString &, bool) const override
    {
        auto parsed = parseJsonValue(json);
        if (!parsed.ok())
            return parsed.error();
        avro_value_t value;
        if (avro_generic_value_new(m_iface, &value) != 0)
            return Error::invalid(QStringLiteral("cannot encode with this Avro schema: %1").arg(avroError()));
        const auto release = qScopeGuard([&value] { avro_value_decref(&value); });
        avro_set_error("%s", "");
        if (const QString err = readJson(parsed.value(), &value, QString(), 0); !err.isEmpty())
            return Error::invalid(QStringLiteral("the value does not match the Avro schema: %1").arg(err));
        size_t size = 0;
        if (avro_value_sizeof(&value, &size) != 0)
            return Error::invalid(QStringLiteral("cannot encode the Avro value: %1").arg(avroError()));
        QByteArray bytes(qsizetype(size), Qt::Uninitialized);
        avro_writer_t writer = avro_writer_memory(bytes.data(), int64_t(bytes.size()));
        if (!writer)
            return Error::invalid(QStringLiteral("out of memory"));
        const int rc = avro_value_write(writer, &value);
        avro_writer_free(writer);
        if (rc != 0)
            return Error::invalid(QStringLiteral("cannot encode the Avro value: %1").arg(avroError()));
        return bytes;
    }

private:
    static constexpr qsizetype MaxJsonPerPayloadByte = 64;
    static constexpr qsizetype MaxJsonExtra = 64 * 1024;

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
