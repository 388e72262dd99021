#include "grouplagchart.h"

#include "livechart.h"

#include <QDateTime>
#include <QSet>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace {
constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
}

GroupLagChart::GroupLagChart(QWidget *parent)
    : ChartPanel(parent), m_chart(new LiveChart(tr("lag"), QStringLiteral("%.0f"), this))
{
    setObjectName(QStringLiteral("groupLagChart"));
    chartLayout()->addWidget(m_chart, 1);
    rebuildLines();
    redrawNow();
}

const SeriesHistory &GroupLagChart::lags() const
{
    static const SeriesHistory none;
    const auto found = m_series.constFind(m_group);
    return found == m_series.cend() ? none : found->lags;
}

const QList<kafka::TopicPartition> &GroupLagChart::partitions() const
{
    static const QList<kafka::TopicPartition> none;
    const auto found = m_series.constFind(m_group);
    return found == m_series.cend() ? none : found->partitions.partitions();
}

void GroupLagChart::setGroup(const QString &group)
{
    if (group == m_group)
        return;
    m_group = group;
    rebuildLines();
    redrawNow();
}

void GroupLagChart::clear()
{
    m_series.clear();
    rebuildLines();
    redrawNow();
}

GroupLagChart::Series *GroupLagChart::seriesOf(const QString &group, qint64 timeMs)
{
    auto found = m_series.find(group);
    if (found == m_series.end()) {
        if (m_series.size() >= MaxGroups) {
            // The one listed longest ago makes room, if it was not listed
            // now (for the selected group: any but itself).
            auto oldest = m_series.end();
            for (auto it = m_series.begin(); it != m_series.end(); ++it)
                if (it.key() != m_group && (oldest == m_series.end() || it->listedMs < oldest->listedMs))
                    oldest = it;
            if (oldest == m_series.end() || (oldest->listedMs >= timeMs && group != m_group))
                return nullptr;
            m_series.erase(oldest);
        }
        found = m_series.insert(group, Series{});
    }
    found->listedMs = timeMs;
    return &*found;
}

void GroupLagChart::addPoint(Series &series, const kafka::GroupInfo *group, const QString &why, qint64 timeMs)
{
    const auto &points = series.lags.points();
    if (!points.empty() && timeMs <= points.back().timeMs)
        return;
    SeriesHistory::Point point{timeMs, points.empty() ? 0 : timeMs - points.back().timeMs, Unknown, {}};
    point.values.fill(Unknown, series.partitions.size());
    series.why = why;
    if (group && group->offsets.isEmpty())
        series.why = tr("Nothing committed yet: no lag to show.");
    if (group && !group->offsets.isEmpty()) {
        bool known = true;
        qint64 total = 0;
        for (const kafka::PartitionProgress &p : group->offsets) {
            const int index = series.partitions.add(p.partition); // -1: in the total only
            if (index >= point.values.size())
                point.values.append(Unknown);
            const qint64 lag = p.lag();
            known = known && lag >= 0;
            total += std::max<qint64>(0, lag);
            if (index >= 0)
                point.values[index] = lag < 0 ? Unknown : double(lag);
        }
        point.total = known ? double(total) : Unknown;
        if (!known)
            series.why = group->watermarkError.isEmpty() ? tr("Some partitions' lag is unknown (no high watermark).")
                                                         : group->watermarkError;
    }
    series.lags.append(std::move(point));
}

void GroupLagChart::addGroups(const kafka::Result<QList<kafka::GroupInfo>> &groups, qint64 timeMs)
{
    QSet<QString> listed;
    if (groups.ok())
        for (const kafka::GroupInfo &info : groups.value()) {
            listed.insert(info.id);
            if (Series *series = seriesOf(info.id, timeMs))
                addPoint(*series, &info, {}, timeMs);
        }
    // The groups known before (and the one selected) that this answer lacks: a gap.
    const QString why = groups.ok() ? tr("The cluster did not list this group at the last refresh.")
                                    : tr("The groups could not be read: %1").arg(groups.error().message);
    QStringList missing;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        if (!listed.contains(it.key()))
            missing.append(it.key());
    if (!m_group.isEmpty() && !listed.contains(m_group) && !m_series.contains(m_group))
        missing.append(m_group);
    for (const QString &group : std::as_const(missing)) {
        auto found = m_series.find(group);
        if (Series *series = found != m_series.end() ? &*found : seriesOf(group, timeMs))
            addPoint(*series, nullptr, why, timeMs);
    }
    if (m_linesFor < std::min<int>(int(partitions().size()), MaxPartitionLines))
        rebuildLines();
    if (!m_group.isEmpty())
        scheduleRedraw();
}

void GroupLagChart::rebuildLines()
{
    static const PartitionLines none{0};
    const auto selected = m_series.constFind(m_group);
    const PartitionLines &shown = selected == m_series.cend() ? none : selected->partitions;
    m_chart->setPartitionLines(shown, MaxPartitionLines);
    m_linesFor = std::min(shown.size(), MaxPartitionLines);
}

void GroupLagChart::redraw()
{
    const SeriesHistory &history = lags();
    m_chart->setHistory(history);

    QString note;
    if (m_group.isEmpty()) {
        note = tr("Select a group to see its lag over time.");
    } else {
        note = tr("<b>%1</b> — lag (high watermark − committed offset) at each refresh; %2 of at most %3 points kept.")
                   .arg(m_group.toHtmlEscaped())
                   .arg(history.points().size())
                   .arg(history.capacity());
        if (history.isEmpty())
            note += QLatin1Char(' ') + tr("The first point comes with the next refresh.");
        const auto selected = m_series.constFind(m_group);
        if (selected != m_series.cend() && !selected->why.isEmpty())
            note += QStringLiteral("<br>") + selected->why.toHtmlEscaped();
        if (partitions().size() > MaxPartitionLines)
            note += QLatin1Char(' ') + tr("Partitions after the first %1 count in the total only.").arg(MaxPartitionLines);
    }
    note += droppedRunsNote({m_chart});
    setNote(note);
}
