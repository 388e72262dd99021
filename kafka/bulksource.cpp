#include "bulksource.h"

#include "linereader.h"
#include "messagetemplate.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

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

// Reads the file as its messages are asked for, a line ahead (so that
// atEnd() is known), through a LineReader: memory stays within about two
// lines of message.max.bytes and a read chunk, whatever the file's size.
class FileSource final : public BulkSource {
public:
    FileSource(const BulkSpec &spec, qint64 maxLineBytes)
        : m_message(spec.message),
          m_json(spec.source == BulkSpec::Source::JsonLines),
          m_jsonUse(spec.jsonUse),
          m_maxLineBytes(maxLineBytes),
          m_file(spec.filePath)
    {
    }

    // Opens the file and reads its first line; false (errorString()) when it cannot be read.
    bool open()
    {
        // Unbuffered: the reader reads the descriptor, QFile itself never does.
        if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return false;
        m_reader.emplace(m_file.handle(), qsizetype(m_maxLineBytes));
        readAhead();
        return true;
    }
    QString errorString() const { return m_file.errorString(); }

    qint64 total() const override { return UnknownTotal; }
    bool atEnd() const override { return m_ahead == LineReader::Status::End; }
    qsizetype peakBufferedBytes() const override
    {
        return m_reader ? m_reader->peakBufferedBytes() + m_peakLine : 0;
    }

    Result<ProduceRequest> next() override
    {
        const LineReader::Status status = m_ahead;
        QByteArray line = std::move(m_line);
        const QString readError = m_reader->errorText();
        const qint64 index = m_index++;
        readAhead();
        if (status == LineReader::Status::TooLong)
            return Error::invalid(QStringLiteral("%1 is longer than message.max.bytes (%2 bytes); not sent.")
                                      .arg(lineName(index))
                                      .arg(m_maxLineBytes));
        if (status == LineReader::Status::Failed)
            return Error::invalid(QStringLiteral("Cannot read %1 after line %2: %3")
                                      .arg(m_file.fileName())
                                      .arg(index)
                                      .arg(readError));
        if (line.endsWith('\r'))
            line.chop(1);
        ProduceRequest request = m_message.expand(index);
        if (!m_json) {
            request.value = std::move(line);
            return request;
        }
        auto parsed = parseJsonMessage(line, std::move(request), m_jsonUse);
        if (!parsed.ok())
            return Error::invalid(QStringLiteral("%1: %2").arg(lineName(index), parsed.error().message));
        return parsed;
    }

private:
    static QString lineName(qint64 index) { return QStringLiteral("Line %1").arg(index + 1); }

    void readAhead()
    {
        if (m_ahead == LineReader::Status::Failed) {
            // A read error ends the file: it is reported once, by next().
            m_ahead = LineReader::Status::End;
            return;
        }
        do
            m_ahead = m_reader->next(&m_line);
        while (m_ahead == LineReader::Status::Interrupted); // a signal meant for another thread
        m_peakLine = std::max(m_peakLine, m_line.size());
    }

    ExpandingMessage m_message;
    bool m_json;
    JsonLineUse m_jsonUse;
    qint64 m_maxLineBytes;
    QFile m_file;
    std::optional<LineReader> m_reader;
    LineReader::Status m_ahead = LineReader::Status::End;
    QByteArray m_line; // the line ahead
    qsizetype m_peakLine = 0;
    qint64 m_index = 0;
};

} // namespace

Result<std::unique_ptr<BulkSource>> BulkSource::open(const BulkSpec &spec, qint64 maxLineBytes)
{
    if (spec.source == BulkSpec::Source::Template) {
        if (spec.count < 1)
            return Error::invalid(QStringLiteral("Choose how many messages to produce (at least 1)."));
        return std::unique_ptr<BulkSource>(new TemplateSource(spec.message, spec.count));
    }
    // Opened and read on the producer's thread: a pipe would block it until
    // a writer came (Cancel could not reach it), a device such as /dev/zero
    // never ends. Only regular files are read.
    const QFileInfo info(spec.filePath);
    if (info.isDir())
        return Error::invalid(QStringLiteral("%1 is a directory: choose a file.").arg(spec.filePath));
    if (info.exists() && !info.isFile())
        return Error::invalid(QStringLiteral("%1 is not a regular file (a pipe, socket or device): choose a file.")
                                  .arg(spec.filePath));
    auto source = std::make_unique<FileSource>(spec, maxLineBytes);
    if (!source->open())
        return Error::invalid(QStringLiteral("Cannot read %1: %2").arg(spec.filePath, source->errorString()));
    if (source->atEnd())
        return Error::invalid(QStringLiteral("%1 is empty: no messages to produce.").arg(spec.filePath));
    return std::unique_ptr<BulkSource>(std::move(source));
}

} // namespace kafka
