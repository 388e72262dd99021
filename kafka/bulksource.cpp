#include "bulksource.h"

#include "messagetemplate.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kafka {

namespace {

struct HeaderTemplate {
    QByteArray name;
    MessageTemplate value;
};

// The message template with its placeholders parsed once.
class ExpandingMessage {
public:
    explicit ExpandingMessage(const ProduceRequest &message)
        : m_message(message), m_value(message.value), m_key(message.key.value_or(QByteArray()))
    {
        for (const Header &h : message.headers)
            m_headers.append({h.name, MessageTemplate(h.value)});
    }

    ProduceRequest expand(qint64 index) const
    {
        ProduceRequest out{m_message.topic, std::nullopt, m_value.expand(index), {}, m_message.partition};
        if (m_message.key)
            out.key = m_key.expand(index);
        out.headers.reserve(m_headers.size());
        for (const HeaderTemplate &h : m_headers)
            out.headers.append({h.name, h.value.expand(index)});
        return out;
    }
    const ProduceRequest &message() const { return m_message; }

private:
    ProduceRequest m_message;
    MessageTemplate m_value;
    MessageTemplate m_key;
    QList<HeaderTemplate> m_headers;
};

class TemplateSource final : public BulkSource {
public:
    TemplateSource(const ProduceRequest &message, qint64 count) : m_message(message), m_count(count) {}

    qint64 total() const override { return m_count; }
    bool atEnd() const override { return m_next >= m_count; }
    Result<ProduceRequest> next() override { return m_message.expand(m_next++); }

private:
    ExpandingMessage m_message;
    qint64 m_count;
    qint64 m_next = 0;
};

// A JSON value as message bytes: strings as their text, anything else as
// compact JSON.
QByteArray jsonBytes(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Numbers, booleans, null: QJsonDocument only wraps containers.
    QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

class FileSource final : public BulkSource {
public:
    FileSource(const BulkSpec &spec, QByteArray contents)
        : m_message(spec.message), m_json(spec.source == BulkSpec::Source::JsonLines), m_contents(std::move(contents))
    {
        m_total = m_contents.count('\n');
        if (!m_contents.isEmpty() && !m_contents.endsWith('\n'))
            ++m_total;
    }

    qint64 total() const override { return m_total; }
    bool atEnd() const override { return m_line >= m_total; }

    Result<ProduceRequest> next() override
    {
        qsizetype end = m_contents.indexOf('\n', m_pos);
        if (end < 0)
            end = m_contents.size();
        QByteArrayView line = QByteArrayView(m_contents).sliced(m_pos, end - m_pos);
        if (line.endsWith('\r'))
            line.chop(1);
        m_pos = end + 1;
        const qint64 index = m_line++;
        ProduceRequest request = m_message.expand(index);
        if (!m_json) {
            request.value = line.toByteArray();
            return request;
        }
        return fromJson(line, index, std::move(request));
    }

private:
    Result<ProduceRequest> fromJson(QByteArrayView line, qint64 index, ProduceRequest request) const
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
        const QString where = QStringLiteral("Line %1").arg(index + 1);
        if (parseError.error != QJsonParseError::NoError)
            return Error::invalid(QStringLiteral("%1 is not valid JSON: %2 at character %3")
                                      .arg(where, parseError.errorString())
                                      .arg(parseError.offset + 1));
        if (!document.isObject())
            return Error::invalid(QStringLiteral("%1 is not a JSON object with key, value and headers.").arg(where));
        const QJsonObject object = document.object();
        if (object.contains(QLatin1String("key")))
            request.key = object.value(QLatin1String("key")).isNull()
                              ? std::nullopt
                              : std::optional(jsonBytes(object.value(QLatin1String("key"))));
        request.value = object.contains(QLatin1String("value")) ? jsonBytes(object.value(QLatin1String("value")))
                                                                 : QByteArray();
        const QJsonValue headers = object.value(QLatin1String("headers"));
        if (!headers.isUndefined() && !headers.isNull()) {
            if (!headers.isObject())
                return Error::invalid(QStringLiteral("%1: \"headers\" must be an object of names and values.").arg(where));
            const QJsonObject map = headers.toObject();
            for (auto it = map.begin(); it != map.end(); ++it)
                request.headers.append({it.key().toUtf8(), jsonBytes(it.value())});
        }
        return request;
    }

    ExpandingMessage m_message;
    bool m_json;
    QByteArray m_contents;
    qint64 m_total = 0;
    qint64 m_line = 0;
    qsizetype m_pos = 0;
};

} // namespace

Result<std::unique_ptr<BulkSource>> BulkSource::open(const BulkSpec &spec)
{
    if (spec.source == BulkSpec::Source::Template) {
        if (spec.count < 1)
            return Error::invalid(QStringLiteral("Choose how many messages to produce (at least 1)."));
        return std::unique_ptr<BulkSource>(new TemplateSource(spec.message, spec.count));
    }
    // The whole file is read at once, on the producer's thread: a pipe would
    // block it until a writer came, a device such as /dev/zero would never
    // end. Only regular files are read.
    const QFileInfo info(spec.filePath);
    if (info.isDir())
        return Error::invalid(QStringLiteral("%1 is a directory: choose a file.").arg(spec.filePath));
    if (info.exists() && !info.isFile())
        return Error::invalid(QStringLiteral("%1 is not a regular file (a pipe, socket or device): choose a file.")
                                  .arg(spec.filePath));
    QFile file(spec.filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("Cannot read %1: %2").arg(spec.filePath, file.errorString()));
    auto source = std::unique_ptr<BulkSource>(new FileSource(spec, file.readAll()));
    if (source->total() == 0)
        return Error::invalid(QStringLiteral("%1 is empty: no messages to produce.").arg(spec.filePath));
    return source;
}

} // namespace kafka
