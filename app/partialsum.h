#pragma once

#include <QString>

// A total over partitions (messages in a topic, a consumer's lag) where some
// partitions may not be known yet: their watermarks not fetched, nothing
// committed, the fetch failed. An unknown part is counted as unknown, never
// added as 0, so the total says what it is: exact, a lower bound ("≥ N") or
// unknown. Every part this is used for is ≥ 0, which is what makes the sum
// of the known parts a lower bound.
class PartialSum {
public:
    // kafka/ marks an unknown offset, watermark or lag with -1; any negative
    // part is taken as unknown.
    void add(qint64 part);

    qint64 knownTotal() const { return m_known; }
    int parts() const { return m_parts; }
    int unknownParts() const { return m_unknown; }
    bool isExact() const { return m_unknown == 0; }
    // Nothing known although there are parts (no parts at all sum to an exact 0).
    bool isUnknown() const { return m_parts > 0 && m_unknown == m_parts; }

    // "1,234", "≥ 1,234" when some parts are unknown, "unknown" when all are.
    QString text() const;
    // text(), and when not exact how many partitions are unknown:
    // "≥ 1,234 (2 of 6 partitions unknown)".
    QString describe() const;

private:
    qint64 m_known = 0;
    int m_parts = 0;
    int m_unknown = 0;
};
