#include "payload.h"

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

} // namespace kafka
