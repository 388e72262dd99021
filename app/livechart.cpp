#include "livechart.h"

#include "partitionlines.h"
#include "serieshistory.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QResizeEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

QPen LiveChart::totalPen()
{
    return QPen(QColor(0x1e, 0x88, 0xe5), 3);
}

QPen LiveChart::linePen(int index, Qt::PenStyle style)
{
    // Mid lightness, the golden angle apart: neighbours never look alike,
    // and each stands out on white and on near-black.
    int hue = (index * 137 + 15) % 360;
    // Not the total's blue (hue 208): another line would pass for it.
    if (std::abs(hue - 208) < 20)
        hue = (hue + 40) % 360;
    QPen pen(QColor::fromHsl(hue, 170, 130), 1.5);
    pen.setStyle(style);
    return pen;
}

LiveChart::LiveChart(const QString &valueTitle, const QString &labelFormat, QWidget *parent)
    : QChartView(parent), m_chart(new QChart), m_timeAxis(new QDateTimeAxis(m_chart)), m_valueAxis(new QValueAxis(m_chart))
{
    // The view owns m_chart; the chart QChartView(parent) made for itself is
    // only released by setChart(), so it is deleted here (else LSan finds
    // it, with its title's text document, once per chart).
    QChart *madeByTheView = chart();
    setChart(m_chart);
    delete madeByTheView;
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(120);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(4);
    m_valueAxis->setTitleText(valueTitle);
    m_valueAxis->setLabelFormat(labelFormat);
    m_wholeNumbers = labelFormat == QLatin1String("%.0f");
    // Qt Charts elides labels to the width of the first ones it laid out ("1…" for 1000).
    m_valueAxis->setTruncateLabels(false);
    m_timeAxis->setTruncateLabels(false);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    applyPalette();
}

QLineSeries *LiveChart::newSegment(const Line &line, bool inLegend)
{
    auto *series = new QLineSeries(m_chart);
    series->setName(line.name);
    series->setPen(line.pen);
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    if (!inLegend)
        for (QLegendMarker *marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    return series;
}

int LiveChart::addLine(const QString &name, const QPen &pen)
{
    Line line{name, pen, {}};
    line.segments.append(newSegment(line, true));
    m_lines.append(line);
    return int(m_lines.size()) - 1;
}

void LiveChart::removeLines(int first)
{
    while (m_lines.size() > std::max(0, first)) {
        for (QLineSeries *series : std::as_const(m_lines.back().segments)) {
            m_chart->removeSeries(series);
            delete series;
        }
        m_lines.removeLast();
    }
}

void LiveChart::setLines(const QList<QList<QPointF>> &lines, qint64 firstMs, qint64 lastMs, qint64 gapMs)
{
    // Each line's runs of known points: an unknown point (NaN) ends one, and
    // so does a step in time longer than gapMs (no points there: unknown).
    QList<QList<QList<QPointF>>> runsOf(m_lines.size());
    m_clippedFromMs = -1;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        QList<QList<QPointF>> &runs = runsOf[i];
        bool inGap = true;
        double previousX = 0;
        bool first = true;
        for (const QPointF &point : lines.value(i)) {
            if (!first && gapMs > 0 && point.x() - previousX > double(gapMs))
                inGap = true;
            first = false;
            previousX = point.x();
            if (std::isnan(point.y())) {
                inGap = true;
                continue;
            }
            if (inGap)
                runs.append(QList<QPointF>());
            inGap = false;
            runs.back().append(point);
        }
        // Too many runs: the oldest are dropped, never bridged (a line
        // across a gap would show a value nobody knew). Every line then
        // starts from the same time, the first of the runs kept.
        if (runs.size() > MaxSegments)
            m_clippedFromMs = std::max(m_clippedFromMs, qint64(runs[runs.size() - MaxSegments].front().x()));
    }
    double top = 1;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        QList<QList<QPointF>> &runs = runsOf[i];
        if (m_clippedFromMs >= 0) {
            const auto cut = double(m_clippedFromMs);
            while (!runs.isEmpty() && runs.front().back().x() < cut)
                runs.removeFirst();
            if (!runs.isEmpty())
                runs.front().removeIf([cut](const QPointF &point) { return point.x() < cut; });
        }
        for (const QList<QPointF> &run : std::as_const(runs))
            for (const QPointF &point : run)
                top = std::max(top, point.y());
        Line &line = m_lines[i];
        while (line.segments.size() < std::max<qsizetype>(1, runs.size()))
            line.segments.append(newSegment(line, false));
        while (line.segments.size() > std::max<qsizetype>(1, runs.size())) {
            m_chart->removeSeries(line.segments.back());
            delete line.segments.takeLast();
        }
        for (qsizetype s = 0; s < line.segments.size(); ++s)
            line.segments[s]->replace(runs.value(s));
    }
    if (m_clippedFromMs >= 0)
        firstMs = std::max(firstMs, m_clippedFromMs);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(firstMs), QDateTime::fromMSecsSinceEpoch(std::max(lastMs, firstMs + 1000)));
    // Ticks at round steps (1, 2 or 5 × 10^n, whole numbers where the
    // labels are), about four of them, from 0.
    const double rough = top * 1.05 / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude * (rough <= magnitude ? 1 : rough <= 2 * magnitude ? 2 : rough <= 5 * magnitude ? 5 : 10);
    if (m_wholeNumbers)
        step = std::max(1.0, std::round(step));
    m_valueAxis->setTickType(QValueAxis::TicksDynamic);
    m_valueAxis->setTickAnchor(0);
    m_valueAxis->setTickInterval(step);
    m_valueAxis->setRange(0, step * std::ceil(top * 1.05 / step));
}

qint64 LiveChart::gapAfterMs(const SeriesHistory &history)
{
    QList<qint64> intervals;
    intervals.reserve(qsizetype(history.points().size()));
    for (const SeriesHistory::Point &point : history.points())
        if (point.intervalMs > 0)
            intervals.append(point.intervalMs);
    if (intervals.isEmpty())
        return 0;
    // The lower median: one long pause among few points does not make
    // itself the usual interval.
    const auto middle = intervals.begin() + (intervals.size() - 1) / 2;
    std::nth_element(intervals.begin(), middle, intervals.end());
    return qint64(std::ceil(double(*middle) * GapIntervals));
}

void LiveChart::setHistory(const SeriesHistory &history, bool withTotal)
{
    constexpr double Unknown = std::numeric_limits<double>::quiet_NaN();
    const int firstValueLine = withTotal ? 1 : 0;
    QList<QList<QPointF>> lines(m_lines.size());
    for (QList<QPointF> &line : lines)
        line.reserve(qsizetype(history.points().size()));
    for (const SeriesHistory::Point &point : history.points()) {
        const auto x = double(point.timeMs);
        if (withTotal && !lines.isEmpty())
            lines[0].append({x, point.total});
        for (qsizetype i = firstValueLine; i < lines.size(); ++i)
            lines[i].append({x, point.values.value(i - firstValueLine, Unknown)});
    }
    const qint64 last = history.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : history.points().back().timeMs;
    const qint64 first = history.isEmpty() ? last - MinWindowMs : std::min(history.points().front().timeMs, last - MinWindowMs);
    setLines(lines, first, last, gapAfterMs(history));
}

void LiveChart::setPartitionLines(const PartitionLines &partitions, int max)
{
    removeLines(0);
    addLine(tr("total"), totalPen());
    for (int i = 0; i < std::min(partitions.size(), max); ++i)
        addLine(partitions.name(i), linePen(i));
}

QList<QPointF> LiveChart::drawnPoints(int line) const
{
    QList<QPointF> points;
    for (const QLineSeries *series : m_lines.value(line).segments)
        points.append(series->points());
    return points;
}

int LiveChart::segmentCount(int line) const
{
    int count = 0;
    for (const QLineSeries *series : m_lines.value(line).segments)
        count += series->count() > 0 ? 1 : 0;
    return count;
}

void LiveChart::applyPalette()
{
    // Everything but the lines from the palette, so that a dark palette
    // gives a dark chart with light text (and a light one the reverse).
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.18);
    m_chart->setTheme(pal.color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundPen(QPen(pal.color(QPalette::Mid)));
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(text);
        axis->setGridLineColor(grid);
    }
    // The theme set every line's colour: ours again.
    for (const Line &line : std::as_const(m_lines))
        for (QLineSeries *series : line.segments)
            series->setPen(line.pen);
    setBackgroundBrush(pal.brush(QPalette::Window));
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    // As many time labels as fit ("HH:mm:ss" is about 60 px), so that a
    // narrow chart's do not run into each other.
    m_timeAxis->setTickCount(std::clamp(event->size().width() / 110, 2, 6));
    QChartView::resizeEvent(event);
}

void LiveChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}
