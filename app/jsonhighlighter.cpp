#include "jsonhighlighter.h"

#include "appearance.h"

#include <QApplication>
#include <QEvent>

namespace {
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
    : QSyntaxHighlighter(document)
{
    chooseColours();
    // The View menu can switch between light and dark at any time.
    qApp->installEventFilter(this);
}

void JsonHighlighter::chooseColours()
{
    // Each set reads at 4.5:1 or better on its own base (white or #1e1e1e).
    if (appearance::isDark(QApplication::palette())) {
        m_name = coloured(QColor(0x79, 0xb8, 0xff), true);
        m_string = coloured(QColor(0x85, 0xd0, 0x8a));
        m_number = coloured(QColor(0xff, 0xb8, 0x6c));
        m_literal = coloured(QColor(0xd2, 0xa8, 0xff));
    } else {
        m_name = coloured(QColor(0x1f, 0x5f, 0xa8), true);
        m_string = coloured(QColor(0x2a, 0x72, 0x35));
        m_number = coloured(QColor(0x9a, 0x58, 0x00));
        m_literal = coloured(QColor(0x80, 0x3f, 0xa8));
    }
}

bool JsonHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) {
        chooseColours();
        if (m_enabled)
            rehighlight();
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
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
