#include "offsetplanmodel.h"

#include <QLocale>

OffsetPlanModel::OffsetPlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void OffsetPlanModel::setPlan(const kafka::OffsetResetPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    m_results.clear();
    endResetModel();
}

void OffsetPlanModel::clear()
{
    setPlan({});
}

int OffsetPlanModel::changingRows() const
{
    return int(std::count_if(m_plan.rows.cbegin(), m_plan.rows.cend(), [](const auto &row) { return row.changes(); }));
}

void OffsetPlanModel::setResults(const QList<kafka::AppliedOffset> &results)
{
    m_results.clear();
    for (const kafka::AppliedOffset &result : results)
        m_results.insert(result.partition, result.error);
    if (!m_plan.rows.isEmpty())
        emit dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
}

int OffsetPlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.rows.size());
}

int OffsetPlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OffsetPlanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const kafka::OffsetResetRow &row = m_plan.rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() != TopicColumn && index.column() != NoteColumn
        && index.column() != ResultColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const auto number = [](qint64 n) { return n < 0 ? tr("unknown") : QLocale().toString(n); };
    switch (index.column()) {
    case TopicColumn:
        return row.partition.topic;
    case PartitionColumn:
        return row.partition.partition;
    case CurrentColumn:
        return row.current < 0 ? tr("none") : QLocale().toString(row.current);
    case NewColumn:
        return row.changes() ? QLocale().toString(row.newOffset) : tr("unchanged");
    case LogStartColumn:
        return number(row.logStart);
    case LogEndColumn:
        return number(row.logEnd);
    case LagAfterColumn:
        return number(row.lagAfter());
    case NoteColumn:
        return row.note;
    case ResultColumn:
        if (!row.changes())
            return m_results.isEmpty() ? QString() : tr("unchanged");
        if (const auto it = m_results.constFind(row.partition); it != m_results.cend())
            return it->isEmpty() ? tr("reset") : *it;
        return m_results.isEmpty() ? QString() : tr("no answer");
    }
    return {};
}

QVariant OffsetPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TopicColumn: return tr("Topic");
    case PartitionColumn: return tr("Partition");
    case CurrentColumn: return tr("Current");
    case NewColumn: return tr("New");
    case LogStartColumn: return tr("Log start");
    case LogEndColumn: return tr("Log end");
    case LagAfterColumn: return tr("Lag after");
    case NoteColumn: return tr("Note");
    case ResultColumn: return tr("Result");
    }
    return {};
}
