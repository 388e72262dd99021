#include "jsontokens.h"

#include "payload.h"

#include <cctype>

namespace kafka {

namespace {

// Deep enough for any message worth reading; bounded so that a line of
// brackets cannot exhaust the stack.
constexpr int MaxDepth = 512;

class Scanner {
public:
    explicit Scanner(QByteArrayView text) : m_text(text) {}

    // The whole text as one object (`JsonMember`s) or one array (their
    // texts as members with empty names).
    Result<QList<JsonMember>> top(char open)
    {
        QList<JsonMember> out;
        skipSpace();
        if (!expect(open, open == '{' ? "'{': a JSON object" : "'[': a JSON array"))
            return failure();
        const char close = open == '{' ? '}' : ']';
        skipSpace();
        if (peek() == close) {
            ++m_pos;
        } else {
            for (;;) {
                skipSpace();
                QByteArray name;
                if (open == '{') {
                    if (peek() != '"') {
                        fail("a member name in double quotes");
                        return failure();
                    }
                    if (!string(&name))
                        return failure();
                    skipSpace();
                    if (!expect(':', "':'"))
                        return failure();
                    skipSpace();
                }
                const qsizetype start = m_pos;
                if (!value(1))
                    return failure();
                out.append({std::move(name), m_text.sliced(start, m_pos - start)});
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    continue;
                }
                if (!expect(close, open == '{' ? "',' or '}'" : "',' or ']'"))
                    return failure();
                break;
            }
        }
        skipSpace();
        if (m_pos < m_text.size()) {
            fail("the end of the text");
            return failure();
        }
        return out;
    }

    // Decodes the string token at m_pos (which is '"').
    bool string(QByteArray *decoded)
    {
        ++m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (quint8(c) < 0x20)
                return fail("a control character escaped (\\n, \\t, \\u00XX) inside a string");
            if (c != '\\') {
                if (decoded)
                    decoded->append(c);
                ++m_pos;
                continue;
            }
            if (++m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            char plain = 0;
            switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                char32_t code = 0;
                if (!hex4(&code))
                    return false;
                if (code >= 0xD800 && code <= 0xDBFF) { // a high surrogate: its low half follows
                    char32_t low = 0;
                    if (m_text.sliced(m_pos).startsWith("\\u")) {
                        m_pos += 2;
                        if (!hex4(&low))
                            return false;
                    }
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail("the low half of a \\u surrogate pair");
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return fail("a \\u escape that is not half a surrogate pair");
                }
                if (decoded)
                    decoded->append(QString::fromUcs4(&code, 1).toUtf8());
                continue;
            }
            default:
                --m_pos;
                return fail("an escape: one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
            if (decoded)
                decoded->append(plain);
        }
        return fail("the closing '\"' of a string");
    }

private:
    bool value(int depth)
    {
        if (depth > MaxDepth)
            return fail("less nesting (at most 512 levels)");
        const char c = peek();
        if (c == '"')
            return string(nullptr);
        if (c == '{' || c == '[')
            return container(depth, c == '{' ? '}' : ']');
        if (c == '-' || (c >= '0' && c <= '9'))
            return number();
        for (const char *literal : {"true", "false", "null"}) {
            if (m_text.sliced(m_pos).startsWith(literal)) {
                m_pos += qsizetype(qstrlen(literal));
                return true;
            }
        }
        return fail("a value (a string, number, object, array, true, false or null)");
    }

    bool container(int depth, char close)
    {
        ++m_pos;
        skipSpace();
        if (peek() == close) {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (close == '}') {
                if (peek() != '"')
                    return fail("a member name in double quotes");
                if (!string(nullptr))
                    return false;
                skipSpace();
                if (!expect(':', "':'"))
                    return false;
                skipSpace();
            }
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            return expect(close, close == '}' ? "',' or '}'" : "',' or ']'");
        }
    }

    bool number()
    {
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            return fail("a digit");
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return fail("a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return fail("a digit in the exponent");
        }
        return true;
    }

    bool digits()
    {
        const qsizetype start = m_pos;
        while (peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool hex4(char32_t *code)
    {
        if (m_pos + 4 > m_text.size())
            return fail("four hex digits after \\u");
        bool ok = false;
        *code = char32_t(QByteArray(m_text.sliced(m_pos, 4).data(), 4).toUInt(&ok, 16));
        for (qsizetype i = m_pos; i < m_pos + 4; ++i)
            ok = ok && std::isxdigit(static_cast<unsigned char>(m_text[i]));
        if (!ok)
            return fail("four hex digits after \\u");
        m_pos += 4;
        return true;
    }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void skipSpace()
    {
        while (m_pos < m_text.size() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }
    bool expect(char c, const char *what)
    {
        if (peek() != c)
            return fail(what);
        ++m_pos;
        return true;
    }
    bool fail(const char *expected)
    {
        if (m_error.isEmpty()) {
            m_error = m_pos < m_text.size() ? QStringLiteral("at character %1: expected %2").arg(m_pos + 1).arg(QLatin1String(expected))
                                            : QStringLiteral("at the end: expected %1").arg(QLatin1String(expected));
        }
        return false;
    }
    Error failure() const { return Error::invalid(m_error); }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

Result<QList<JsonMember>> jsonObjectMembers(QByteArrayView text)
{
    if (!isValidUtf8(text))
        return Error::invalid(QStringLiteral("not UTF-8 text (JSON is UTF-8)"));
    return Scanner(text).top('{');
}

Result<QList<QByteArrayView>> jsonArrayElements(QByteArrayView text)
{
    if (!isValidUtf8(text))
        return Error::invalid(QStringLiteral("not UTF-8 text (JSON is UTF-8)"));
    auto elements = Scanner(text).top('[');
    if (!elements.ok())
        return elements.error();
    QList<QByteArrayView> out;
    for (const JsonMember &element : elements.value())
        out.append(element.text);
    return out;
}

std::optional<QByteArray> jsonStringBytes(QByteArrayView token)
{
    if (!token.startsWith('"'))
        return std::nullopt;
    QByteArray decoded;
    Scanner scanner(token);
    if (!scanner.string(&decoded))
        return std::nullopt;
    return decoded;
}

} // namespace kafka
