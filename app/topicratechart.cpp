#include "topicratechart.h"

#include "livechart.h"

#include <QDateTime>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

TopicRateChart::TopicRateChart(QWidget *parent)
    : ChartPanel(parent), m_chart(new LiveChart(tr("messages/s"), QStringLiteral("%.0f"), this))
{
    pauseButton()->setObjectName(QStringLiteral("pauseRateChart"));
    chartLayout()->addWidget(m_chart, 1);
    setTopic({});
}

void TopicRateChart::setTopic(const QString &topic)
{
    if (topic == m_topic && !topic.isEmpty())
        return;
    m_topic = topic;
    m_history.clear();
    rebuildPartitionSeries();
    redrawNow();
}

void TopicRateChart::addSample(const kafka::TopicInfo &topic, qint64 timeMs)
{
    if (topic.name != m_topic)
        return;
    QList<qint64> highWatermarks;
    highWatermarks.reserve(topic.partitions.size());
    for (const kafka::PartitionInfo &p : topic.partitions)
        highWatermarks.append(p.hasWatermarks() ? p.highWatermark : -1);
    const int partitionsBefore = m_history.partitionCount();
    m_history.addSample(timeMs, highWatermarks);
    if (m_history.partitionCount() != partitionsBefore)
        rebuildPartitionSeries();
    scheduleRedraw();
}

void TopicRateChart::rebuildPartitionSeries()
{
    m_chart->removeLines(0);
    m_chart->addLine(tr("total"), LiveChart::totalPen());
    for (int i = 0; i < std::min(m_history.partitionCount(), MaxPartitionSeries); ++i)
        m_chart->addLine(tr("p%1").arg(i), LiveChart::linePen(i));
}

void TopicRateChart::redraw()
{
    const auto &points = m_history.points();
    m_chart->setHistory(m_history.series());

    QString note = m_topic.isEmpty()
                     ? tr("Select a topic to see its message rate.")
                     : tr("<b>%1</b> — messages per second, from the high watermarks of each refresh; %2 of at most %3 "
                          "points kept.")
                           .arg(m_topic.toHtmlEscaped())
                           .arg(points.size())
                           .arg(m_history.capacity());
    if (!m_topic.isEmpty() && points.empty())
        note += QLatin1Char(' ') + tr("The first rate comes with the second refresh.");
    if (m_history.partitionCount() > MaxPartitionSeries)
        note += QLatin1Char(' ') + tr("Partitions after the first %1 count in the total only.").arg(MaxPartitionSeries);
    note += droppedRunsNote({m_chart});
    setNote(note);
}
