// Bulk input files (kafka/bulksource.*): one message per line, as text or
// as a JSON object. Any file must give exactly one result per line (a
// message or the reason it cannot be one), and a text line is sent exactly
// as it is in the file, less its line end.
#include "kafka/bulksource.h"

#include "fuzzcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fuzzer/FuzzedDataProvider.h>

#include <sys/mman.h>
#include <unistd.h>

using namespace kafka;

namespace {

// The file's lines as the documented format has them: split at '\n', a
// '\r' before it dropped, no line after a final '\n'.
QList<QByteArray> linesOf(const QByteArray &contents)
{
    QList<QByteArray> lines = contents.split('\n');
    if (contents.endsWith('\n') || contents.isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider input(data, size);
    BulkSpec spec;
    spec.source = input.ConsumeBool() ? BulkSpec::Source::JsonLines : BulkSpec::Source::Lines;
    spec.message.topic = QStringLiteral("t");
    if (input.ConsumeBool())
        spec.message.key = QByteArray("k{i}");
    const std::string rest = input.ConsumeRemainingBytesAsString();
    const QByteArray contents(rest.data(), qsizetype(rest.size()));

    // The file, in memory: the source reads it by its name.
    const int fd = memfd_create("bulk", MFD_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(::write(fd, contents.constData(), size_t(contents.size())) == ssize_t(contents.size()));
    spec.filePath = QStringLiteral("/proc/self/fd/%1").arg(fd);
    auto opened = BulkSource::open(spec);
    ::close(fd);

    const QList<QByteArray> lines = linesOf(contents);
    FUZZ_CHECK(opened.ok() == !lines.isEmpty());
    if (!opened.ok())
        return 0;
    BulkSource &source = *opened.value();
    // A file is read as its messages are asked for: its count is not known.
    FUZZ_CHECK(source.total() == BulkSource::UnknownTotal);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        FUZZ_CHECK(!source.atEnd());
        const Result<ProduceRequest> message = source.next();
        if (spec.source == BulkSpec::Source::Lines) {
            FUZZ_CHECK(message.ok() && message.value().value == lines[i]);
            FUZZ_CHECK(message.value().key.has_value() == spec.message.key.has_value());
            continue;
        }
        // Qt's reader is the oracle where it can be: it rewrites what it
        // reads (last of duplicate keys, numbers as doubles), so values are
        // compared as Qt reads them.
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(lines[i], &error);
        if (error.error == QJsonParseError::IllegalNumber)
            continue; // beyond a double: JSON allows it, Qt refuses it
        if (!document.isObject()) {
            FUZZ_CHECK(!message.ok());
            continue;
        }
        if (!message.ok())
            continue; // valid JSON that is no message (an unknown member, bad base64, ...)
        const QJsonObject object = document.object();
        const auto sameAsWritten = [](const QByteArray &sent, const QJsonValue &written) {
            if (written.isString())
                return sent == written.toString().toUtf8();
            // Any other value is sent as its text: Qt reads it back as the same value.
            const QJsonDocument reread = QJsonDocument::fromJson("[" + sent + "]");
            return reread.isArray() && reread.array().first() == written;
        };
        const bool valueBase64 = object.contains(QLatin1String("value_encoding"));
        const QJsonValue value = object.value(QLatin1String("value"));
        FUZZ_CHECK(message.value().tombstone == value.isNull());
        if (!valueBase64 && !value.isUndefined() && !value.isNull())
            FUZZ_CHECK(sameAsWritten(message.value().value, value));
        const QJsonValue key = object.value(QLatin1String("key"));
        if (key.isNull())
            FUZZ_CHECK(!message.value().key);
        else if (key.isUndefined())
            FUZZ_CHECK(message.value().key.has_value() == spec.message.key.has_value());
        else if (!object.contains(QLatin1String("key_encoding")))
            FUZZ_CHECK(message.value().key && sameAsWritten(*message.value().key, key));
        const QJsonValue headers = object.value(QLatin1String("headers"));
        if (headers.isArray())
            FUZZ_CHECK(message.value().headers.size() == headers.toArray().size());
        else if (headers.isObject()) // Qt keeps one of a repeated name; the message keeps them all
            FUZZ_CHECK(message.value().headers.size() >= headers.toObject().size());
        else
            FUZZ_CHECK(message.value().headers.isEmpty());
    }
    FUZZ_CHECK(source.atEnd());
    return 0;
}
