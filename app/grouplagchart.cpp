#include "grouplagchart.h"

#include "livechart.h"

#include <QDateTime>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
}

GroupLagChart::GroupLagChart(QWidget *parent)
    : ChartPanel(parent), m_chart(new LiveChart(tr("lag (messages)"), QStringLiteral("%.0f"), this))
{
    setObjectName(QStringLiteral("groupLagChart"));
    chartLayout()->addWidget(m_chart, 1);
    rebuildLines();
    redrawNow();
}

void GroupLagChart::setGroup(const QString &group)
{
    if (group == m_group)
        return;
    m_group = group;
    m_why.clear();
    m_lags.clear();
    m_partitions.clear();
    m_index.clear();
    rebuildLines();
    redrawNow();
}

int GroupLagChart::indexOf(const kafka::TopicPartition &tp)
{
    const auto found = m_index.constFind(tp);
    if (found != m_index.cend())
        return *found;
    if (m_partitions.size() >= m_lags.maxValues())
        return -1;
    m_partitions.append(tp);
    m_index.insert(tp, int(m_partitions.size()) - 1);
    if (m_partitions.size() <= MaxPartitionLines)
        rebuildLines();
    return int(m_partitions.size()) - 1;
}

void GroupLagChart::addGroups(const kafka::Result<QList<kafka::GroupInfo>> &groups, qint64 timeMs)
{
    if (m_group.isEmpty())
        return;
    if (!m_lags.isEmpty() && timeMs <= m_lags.points().back().timeMs)
        return;
    const kafka::GroupInfo *group = nullptr;
    if (groups.ok())
        for (const kafka::GroupInfo &info : groups.value())
            if (info.id == m_group)
                group = &info;
    SeriesHistory::Point point{timeMs, m_lags.isEmpty() ? 0 : timeMs - m_lags.points().back().timeMs, Unknown, {}};
    point.values.fill(Unknown, m_partitions.size());
    m_why.clear();
    if (!groups.ok()) {
        m_why = tr("The groups could not be read: %1").arg(groups.error().message);
    } else if (!group) {
        m_why = tr("The cluster did not list this group at the last refresh.");
    } else if (group->offsets.isEmpty()) {
        m_why = tr("Nothing committed yet: no lag to show.");
    } else {
        bool known = true;
        qint64 total = 0;
        for (const kafka::PartitionProgress &p : group->offsets) {
            const int index = indexOf(p.partition);
            if (index >= point.values.size())
                point.values.resize(index + 1, Unknown);
            const qint64 lag = p.lag();
            known = known && lag >= 0;
            total += std::max<qint64>(0, lag);
            if (index >= 0)
                point.values[index] = lag < 0 ? Unknown : double(lag);
        }
        point.total = known ? double(total) : Unknown;
        if (!known)
            m_why = group->watermarkError.isEmpty() ? tr("Some partitions' lag is unknown (no high watermark).")
                                                    : group->watermarkError;
    }
    m_lags.append(std::move(point));
    scheduleRedraw();
}

void GroupLagChart::rebuildLines()
{
    m_chart->removeLines(0);
    m_chart->addLine(tr("total"), LiveChart::totalPen());
    bool oneTopic = true;
    for (const kafka::TopicPartition &tp : std::as_const(m_partitions))
        oneTopic = oneTopic && tp.topic == m_partitions.front().topic;
    for (int i = 0; i < std::min<int>(int(m_partitions.size()), MaxPartitionLines); ++i) {
        const kafka::TopicPartition &tp = m_partitions.at(i);
        m_chart->addLine(oneTopic ? tr("p%1").arg(tp.partition) : QStringLiteral("%1/%2").arg(tp.topic).arg(tp.partition),
                         LiveChart::linePen(i));
    }
}

void GroupLagChart::redraw()
{
    QList<QList<QPointF>> lines(m_chart->lineCount());
    for (const SeriesHistory::Point &point : m_lags.points()) {
        const auto x = double(point.timeMs);
        lines[0].append({x, point.total});
        for (qsizetype i = 1; i < lines.size(); ++i)
            lines[i].append({x, point.values.value(i - 1, Unknown)});
    }
    const qint64 last = m_lags.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : m_lags.points().back().timeMs;
    const qint64 first = m_lags.isEmpty() ? last - 60000 : std::min(m_lags.points().front().timeMs, last - 60000);
    m_chart->setLines(lines, first, last);

    QString note;
    if (m_group.isEmpty()) {
        note = tr("Select a group to see its lag over time.");
    } else {
        note = tr("<b>%1</b> — lag (high watermark − committed offset) at each refresh; %2 of at most %3 points kept.")
                   .arg(m_group.toHtmlEscaped())
                   .arg(m_lags.points().size())
                   .arg(m_lags.capacity());
        if (m_lags.isEmpty())
            note += QLatin1Char(' ') + tr("The first point comes with the next refresh.");
        if (!m_why.isEmpty())
            note += QStringLiteral("<br>") + m_why.toHtmlEscaped();
        if (m_partitions.size() > MaxPartitionLines)
            note += QLatin1Char(' ') + tr("Partitions after the first %1 count in the total only.").arg(MaxPartitionLines);
    }
    setNote(note);
}
