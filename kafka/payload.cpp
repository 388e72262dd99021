#include "payload.h"

#include <QJsonDocument>
#include <QStringDecoder>

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
} // namespace

QString renderPayload(const QByteArray &bytes, PayloadFormat format, qsizetype maxBytes, PayloadFormat *used,
                      bool *truncated)
{
    const bool fits = bytes.size() <= maxBytes;
    if (format == PayloadFormat::Auto) {
        if (!isValidUtf8(bytes.first(std::min(bytes.size(), maxBytes))) && !isValidUtf8(bytes))
            format = PayloadFormat::Hex;
        else if (fits && QJsonDocument::fromJson(bytes).isNull() == false)
            format = PayloadFormat::Json;
        else
            format = PayloadFormat::Text;
    }
    *used = format;
    *truncated = !fits;
    switch (format) {
    case PayloadFormat::Json:
        if (fits) {
            const QJsonDocument document = QJsonDocument::fromJson(bytes);
            if (!document.isNull())
                return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
        }
        *used = PayloadFormat::Text; // not JSON (or too large to lay out): as text
        return previewText(bytes, maxBytes);
    case PayloadFormat::Hex:
        return hexDump(QByteArrayView(bytes).first(std::min(bytes.size(), maxBytes)));
    case PayloadFormat::Text:
    case PayloadFormat::Auto:
        break;
    }
    return QString::fromUtf8(bytes.first(std::min(bytes.size(), maxBytes)));
}

} // namespace kafka
