#include "topicratechart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QPen>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {
// The theme's five colours repeat; these do not. Mid lightness: apart from
// each other and from the total, readable on a light or a dark background.
QPen totalPen()
{
    return QPen(QColor(0x1e, 0x88, 0xe5), 3);
}
QPen partitionPen(int partition)
{
    // The golden angle apart: neighbours never look alike.
    return QPen(QColor::fromHsl((partition * 137 + 15) % 360, 170, 130), 1.5);
}
} // namespace

TopicRateChart::TopicRateChart(QWidget *parent)
    : QWidget(parent),
      m_chart(new QChart),
      m_view(new QChartView(m_chart, this)),
      m_timeAxis(new QDateTimeAxis(m_chart)),
      m_rateAxis(new QValueAxis(m_chart)),
      m_total(new QLineSeries(m_chart)),
      m_note(new QLabel(this)),
      m_pause(new QPushButton(tr("&Pause"), this))
{
    m_pause->setObjectName(QStringLiteral("pauseRateChart"));
    m_pause->setCheckable(true);
    m_note->setObjectName(QStringLiteral("rateChartNote"));
    m_note->setWordWrap(true);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTitleText(tr("time"));
    m_rateAxis->setTitleText(tr("messages/s"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    // Qt Charts elides labels to the width of the first ones it laid out ("1…" for 1000).
    m_rateAxis->setTruncateLabels(false);
    m_timeAxis->setTruncateLabels(false);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_rateAxis, Qt::AlignLeft);
    m_total->setName(tr("total"));
    m_total->setPen(totalPen());
    m_chart->addSeries(m_total);
    m_total->attachAxis(m_timeAxis);
    m_total->attachAxis(m_rateAxis);

    auto *top = new QHBoxLayout;
    top->addWidget(m_note, 1);
    top->addWidget(m_pause);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_pause, &QPushButton::toggled, this, &TopicRateChart::setPaused);
    applyTheme();
    setTopic({});
}

void TopicRateChart::setTopic(const QString &topic)
{
    if (topic == m_topic && !topic.isEmpty())
        return;
    m_topic = topic;
    m_history.clear();
    rebuildPartitionSeries();
    updateSeries();
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
    if (!m_paused)
        updateSeries();
}

void TopicRateChart::setPaused(bool paused)
{
    m_paused = paused;
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
    }
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    if (!paused)
        updateSeries();
}

void TopicRateChart::rebuildPartitionSeries()
{
    for (QLineSeries *series : std::as_const(m_partitions)) {
        m_chart->removeSeries(series);
        delete series;
    }
    m_partitions.clear();
    const int shown = std::min(m_history.partitionCount(), MaxPartitionSeries);
    for (int i = 0; i < shown; ++i) {
        auto *series = new QLineSeries(m_chart);
        series->setName(tr("partition %1").arg(i));
        series->setPen(partitionPen(i));
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_rateAxis);
        m_partitions.append(series);
    }
}

void TopicRateChart::updateSeries()
{
    // At most capacity() points a line: replacing them is cheap next to a repaint.
    const auto &points = m_history.points();
    QList<QPointF> total;
    QList<QList<QPointF>> partitions(m_partitions.size());
    double top = 1;
    for (const RateHistory::Point &point : points) {
        const auto x = double(point.timeMs);
        // An unknown rate is left out, never drawn as 0.
        if (!std::isnan(point.total)) {
            total.append({x, point.total});
            top = std::max(top, point.total);
        }
        for (qsizetype i = 0; i < partitions.size() && i < point.values.size(); ++i)
            if (!std::isnan(point.values[i])) {
                partitions[i].append({x, point.values[i]});
                top = std::max(top, point.values[i]);
            }
    }
    m_total->replace(total);
    for (qsizetype i = 0; i < partitions.size(); ++i)
        m_partitions[i]->replace(partitions[i]);
    const qint64 now = points.empty() ? QDateTime::currentMSecsSinceEpoch() : points.back().timeMs;
    const qint64 first = points.empty() ? now - 60000 : std::min(points.front().timeMs, now - 60000);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(now));
    m_rateAxis->setRange(0, top * 1.1);
    m_rateAxis->applyNiceNumbers();

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
    m_note->setText(note);
}

void TopicRateChart::applyTheme()
{
    // Follows the application's palette, so the chart reads in light and dark.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().brush(QPalette::Base));
    // The theme sets every line's colour: set ours again.
    m_total->setPen(totalPen());
    for (int i = 0; i < m_partitions.size(); ++i)
        m_partitions[i]->setPen(partitionPen(i));
}

void TopicRateChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}
