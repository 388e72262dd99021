#pragma once

#include <QChartView>
#include <QList>
#include <QPen>
#include <QPointF>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// A line chart over time for the live charts (consumer, group, producer):
// a time axis, one value axis, and lines whose unknown points (NaN y) are
// drawn as gaps, never as 0. Its colours come from the widget's palette, so
// it reads in light and dark. It only draws what it is given: the owner
// keeps the history and calls setLines() at most once a second.
class LiveChart : public QChartView {
    Q_OBJECT
public:
    // A line with more gaps than this has its oldest ones bridged: each gap
    // costs a series, and Qt Charts slows with many.
    static constexpr int MaxSegments = 16;

    LiveChart(const QString &valueTitle, const QString &labelFormat, QWidget *parent = nullptr);

    // Lines are added in order; the first is usually the total (thicker).
    int addLine(const QString &name, const QPen &pen);
    // Drops the lines from `first` on (another set of partitions).
    void removeLines(int first);
    int lineCount() const { return int(m_lines.size()); }

    // Every line's points (x: ms since the epoch; y: NaN where unknown), the
    // time range shown, in one go.
    void setLines(const QList<QList<QPointF>> &lines, qint64 firstMs, qint64 lastMs);

    // What a line draws: its known points, over all its segments.
    QList<QPointF> drawnPoints(int line) const;
    // The separate runs a line is drawn in (one per stretch between gaps).
    int segmentCount(int line) const;
    QValueAxis *valueAxis() const { return m_valueAxis; }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }

    // Line colours that read on a light and a dark background alike.
    static QPen totalPen();
    static QPen linePen(int index, Qt::PenStyle style = Qt::SolidLine);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Line {
        QString name;
        QPen pen;
        QList<QLineSeries *> segments; // the first carries the legend entry
    };
    QLineSeries *newSegment(const Line &line, bool inLegend);
    void applyPalette();

    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QList<Line> m_lines;
    bool m_wholeNumbers = false; // labels without decimals: no fractional ticks
};
