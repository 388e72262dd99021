#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours the JSON the detail view lays out (one member or element a line,
// as kafka::renderPayload writes it): member names, strings, numbers and
// true/false/null. It only colours: the text is never changed. Switched on
// only for JSON that renderPayload laid out, which is bounded in size.
class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);
    void setEnabled(bool enabled);
    // The colour of member names, strings, numbers and literals now in use
    // (they follow the application palette: light or dark).
    QColor nameColour() const { return m_name.foreground().color(); }
    QColor stringColour() const { return m_string.foreground().color(); }
    QColor numberColour() const { return m_number.foreground().color(); }
    QColor literalColour() const { return m_literal.foreground().color(); }

protected:
    void highlightBlock(const QString &text) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void chooseColours();

    bool m_enabled = false;
    QTextCharFormat m_name;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};
