#include "messagetemplate.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

#include <array>
#include <utility>

namespace kafka {

MessageTemplate::MessageTemplate(const QByteArray &text) : m_text(text)
{
    static const std::array<std::pair<QByteArrayView, Part>, 4> placeholders{{
        {"{i}", Part::Index}, {"{uuid}", Part::Uuid}, {"{now}", Part::Now}, {"{random}", Part::Random}}};
    QByteArray literal;
    for (qsizetype pos = 0; pos < text.size();) {
        bool matched = false;
        if (text.at(pos) == '{') {
            const QByteArrayView rest = QByteArrayView(text).sliced(pos);
            for (const auto &[name, part] : placeholders) {
                if (!rest.startsWith(name))
                    continue;
                if (!literal.isEmpty())
                    m_segments.append({Part::Literal, std::exchange(literal, {})});
                m_segments.append({part, {}});
                pos += name.size();
                matched = m_hasPlaceholders = true;
                break;
            }
        }
        if (!matched)
            literal.append(text.at(pos++));
    }
    if (!literal.isEmpty())
        m_segments.append({Part::Literal, literal});
}

QByteArray MessageTemplate::expand(qint64 index) const
{
    if (!m_hasPlaceholders)
        return m_text;
    QByteArray out;
    out.reserve(m_text.size() + 32);
    for (const Segment &segment : m_segments) {
        switch (segment.part) {
        case Part::Literal:
            out.append(segment.literal);
            break;
        case Part::Index:
            out.append(QByteArray::number(index));
            break;
        case Part::Uuid:
            out.append(QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
            break;
        case Part::Now:
            out.append(QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
            break;
        case Part::Random:
            out.append(QByteArray::number(QRandomGenerator::global()->generate()));
            break;
        }
    }
    return out;
}

} // namespace kafka
