#include "jsonhighlighter.h"

namespace {
// Mid tones, readable on a light and on a dark base.
QTextCharFormat coloured(const QColor &colour, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(colour);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}
} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document),
      m_name(coloured(QColor(0x3b, 0x82, 0xc4), true)),
      m_string(coloured(QColor(0x3f, 0x9f, 0x4f))),
      m_number(coloured(QColor(0xc7, 0x7c, 0x1e))),
      m_literal(coloured(QColor(0xa0, 0x5c, 0xc8)))
{
}

void JsonHighlighter::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_enabled)
        return;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = text[i];
        if (c == u'"') {
            // A JSON string never spans lines: a line break in it is escaped.
            qsizetype end = i + 1;
            while (end < n && text[end] != u'"')
                end += text[end] == u'\\' ? 2 : 1;
            end = std::min(end + 1, n);
            qsizetype after = end;
            while (after < n && text[after] == u' ')
                ++after;
            setFormat(int(i), int(end - i), after < n && text[after] == u':' ? m_name : m_string);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(text[end]))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c == u't' || c == u'f' || c == u'n') {
            qsizetype end = i;
            while (end < n && text[end].isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            ++i;
        }
    }
}
