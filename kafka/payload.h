#pragma once

#include <QByteArray>
#include <QString>

namespace kafka {

// Payloads are bytes (DESIGN.md): these decide how to show them.
bool isValidUtf8(QByteArrayView bytes);
// Valid UTF-8 as text, anything else as hex bytes ("\x00\xff" → "00 ff");
// at most `maxChars` characters, with "…" when cut.
QString previewText(QByteArrayView bytes, qsizetype maxChars = 200);

} // namespace kafka
