#include "payload.h"

#include <QJsonDocument>
#include <QStringDecoder>

#include <optional>

namespace kafka {

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString previewText(QByteArrayView bytes, qsizetype maxChars)
{
    const QString ellipsis = QStringLiteral("…");
    // Decode only what can be shown: a 5 MB value must not cost 5 MB here.
    qsizetype head = std::min<qsizetype>(bytes.size(), maxChars * 4);
    // Cut at a character boundary (not inside a multi-byte sequence).
    while (head < bytes.size() && head > 0 && (quint8(bytes[head]) & 0xC0) == 0x80)
        --head;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes.first(head));
    if (!decoder.hasError()) {
        if (text.size() > maxChars || head < bytes.size())
            return text.left(maxChars) + ellipsis;
        return text;
    }
    const qsizetype shown = std::min<qsizetype>(bytes.size(), maxChars / 3);
    const QString hex = QString::fromLatin1(bytes.first(shown).toByteArray().toHex(' '));
    return shown < bytes.size() ? hex + ellipsis : hex;
}

namespace {
// Hex dump lines: offset, 16 bytes in hex, and the printable ASCII.
QString hexDump(QByteArrayView bytes)
{
    QString out;
    out.reserve(bytes.size() * 4 + bytes.size() / 16 * 12);
    for (qsizetype row = 0; row < bytes.size(); row += 16) {
        const QByteArrayView line = bytes.sliced(row, std::min<qsizetype>(16, bytes.size() - row));
        out += QStringLiteral("%1  ").arg(row, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i < line.size()) {
                const auto c = quint8(line[i]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += c >= 0x20 && c < 0x7f ? QLatin1Char(char(c)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Valid JSON laid out with 4 spaces a level, by re-indenting its bytes:
// key order, duplicate keys and the text of numbers stay as sent
// (QJsonDocument would sort, drop and rewrite them). Nothing when the
// layout would pass `maxBytes`: indenting grows with the square of the
// nesting depth (a few kB of brackets would lay out as megabytes).
std::optional<QByteArray> reindentJson(QByteArrayView json, qsizetype maxBytes)
{
    QByteArray out;
    qsizetype depth = 0;
    bool inString = false;
    const auto put = [&](QByteArrayView text) {
        out += text;
        return out.size() <= maxBytes;
    };
    const auto newLine = [&] { return put("\n") && put(QByteArray(4 * depth, ' ')); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        bool fits = true;
        if (inString) {
            // Valid JSON: a backslash always has its escaped character after it.
            fits = c == '\\' ? put(json.sliced(i++, 2)) : put(QByteArrayView(&c, 1));
            inString = c != '"';
        } else if (c == '{' || c == '[') {
            qsizetype next = i + 1;
            while (isJsonSpace(json[next]))
                ++next;
            if (json[next] == '}' || json[next] == ']') { // empty: {} and [] on their line
                fits = put(QByteArrayView(&c, 1)) && put(json.sliced(next, 1));
                i = next;
            } else {
                ++depth;
                fits = put(QByteArrayView(&c, 1)) && newLine();
            }
        } else if (c == '}' || c == ']') {
            --depth;
            fits = newLine() && put(QByteArrayView(&c, 1));
        } else if (c == ',') {
            fits = put(",") && newLine();
        } else if (c == ':') {
            fits = put(": ");
        } else if (!isJsonSpace(c)) {
            inString = c == '"';
            fits = put(QByteArrayView(&c, 1));
        }
        if (!fits)
            return std::nullopt;
    }
    if (!put("\n"))
        return std::nullopt;
    return out;
}

bool isJson(const QByteArray &bytes)
{
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    return error.error == QJsonParseError::NoError;
}
} // namespace

QString renderPayload(const QByteArray &bytes, PayloadFormat format, qsizetype maxBytes, PayloadFormat *used,
                      bool *truncated, QString *notJson)
{
    const bool fits = bytes.size() <= maxBytes;
    if (format == PayloadFormat::Auto) {
        if (!isValidUtf8(bytes.first(std::min(bytes.size(), maxBytes))) && !isValidUtf8(bytes))
            format = PayloadFormat::Hex;
        else if (fits && isJson(bytes))
            format = PayloadFormat::Json;
        else
            format = PayloadFormat::Text;
    }
    *used = format;
    *truncated = !fits;
    switch (format) {
    case PayloadFormat::Json: {
        // JSON is UTF-8: Qt's reader would take other bytes in a string and
        // show them replaced, which is not what was sent.
        const bool utf8 = fits && isValidUtf8(bytes);
        QJsonParseError error{};
        if (utf8)
            QJsonDocument::fromJson(bytes, &error);
        if (utf8 && error.error == QJsonParseError::NoError) {
            if (const auto pretty = reindentJson(bytes, 8 * bytes.size() + 4096))
                return QString::fromUtf8(*pretty);
        }
        if (notJson) {
            *notJson = !fits  ? QStringLiteral("too large to lay out as JSON (over %1 bytes)").arg(maxBytes)
                       : !utf8 ? QStringLiteral("not JSON: not UTF-8 text")
                       : error.error != QJsonParseError::NoError
                           ? QStringLiteral("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset + 1)
                           : QStringLiteral("nested too deeply to lay out as JSON");
        }
        *used = PayloadFormat::Text; // not JSON (or too large to lay out): as text
        return previewText(bytes, maxBytes);
    }
    case PayloadFormat::Hex:
        return hexDump(QByteArrayView(bytes).first(std::min(bytes.size(), maxBytes)));
    case PayloadFormat::Text:
    case PayloadFormat::Auto:
        break;
    }
    return QString::fromUtf8(bytes.first(std::min(bytes.size(), maxBytes)));
}

} // namespace kafka
