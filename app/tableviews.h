#pragma once

#include <QHeaderView>
#include <QTableView>

#include <initializer_list>
#include <utility>

// Dense rows: tables here hold hundreds of partitions or millions of messages.
inline void setDenseRows(QTableView *view)
{
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
}

// Fixed column widths, in digits of the view's font: resizing to contents
// would measure every row of a large table.
inline void setColumnWidthsInDigits(QTableView *view, std::initializer_list<std::pair<int, int>> columnDigits)
{
    const int digit = view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const auto &[column, digits] : columnDigits)
        view->setColumnWidth(column, digits * digit + 12);
}
