#include "livechart.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QResizeEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

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
    setChart(m_chart); // the view owns it
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

void LiveChart::setLines(const QList<QList<QPointF>> &lines, qint64 firstMs, qint64 lastMs)
{
    double top = 1;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        // Runs of known points: a gap (NaN) ends one.
        QList<QList<QPointF>> runs;
        bool inGap = true;
        for (const QPointF &point : lines.value(i)) {
            if (std::isnan(point.y())) {
                inGap = true;
                continue;
            }
            if (inGap)
                runs.append(QList<QPointF>());
            inGap = false;
            runs.back().append(point);
            top = std::max(top, point.y());
        }
        // Too many: the oldest gaps are bridged (the points are all kept).
        while (runs.size() > MaxSegments) {
            runs[0].append(runs[1]);
            runs.removeAt(1);
        }
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
