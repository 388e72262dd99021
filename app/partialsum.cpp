#include "partialsum.h"

#include <QCoreApplication>
#include <QLocale>

void PartialSum::add(qint64 part)
{
    ++m_parts;
    if (part < 0)
        ++m_unknown;
    else
        m_known += part;
}

QString PartialSum::text() const
{
    if (isUnknown())
        return QCoreApplication::translate("PartialSum", "unknown");
    const QString known = QLocale().toString(m_known);
    return isExact() ? known : QStringLiteral("≥ ") + known;
}

QString PartialSum::describe() const
{
    if (isExact())
        return text();
    return QCoreApplication::translate("PartialSum", "%1 (%2 of %3 partitions unknown)")
        .arg(text())
        .arg(m_unknown)
        .arg(m_parts);
}
