#pragma once

// QAbstractItemModelTester whose own checks the stall watchdog does not
// count (guiwatchdog.h): in QtTest mode it walks the whole model on every
// change signal, which on a model of thousands of rows takes longer than
// the app's change itself. A drop-in:
//   testsupport::ModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
// Only the tester's slots are excluded, by connection order: the opening
// bracket connects to the model's change signals before the tester does,
// the closing one after it, so the app's own slots (views) still count.

#include "guiwatchdog.h"

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>

#include <vector>

namespace testsupport {

namespace model_tester_detail {

template <bool Opening>
class Bracket {
public:
    explicit Bracket(QAbstractItemModel *model)
    {
        step(); // the tester's constructor checks the model once
        on(model, &QAbstractItemModel::dataChanged);
        on(model, &QAbstractItemModel::headerDataChanged);
        on(model, &QAbstractItemModel::layoutAboutToBeChanged);
        on(model, &QAbstractItemModel::layoutChanged);
        on(model, &QAbstractItemModel::modelAboutToBeReset);
        on(model, &QAbstractItemModel::modelReset);
        on(model, &QAbstractItemModel::rowsAboutToBeInserted);
        on(model, &QAbstractItemModel::rowsInserted);
        on(model, &QAbstractItemModel::rowsAboutToBeRemoved);
        on(model, &QAbstractItemModel::rowsRemoved);
        on(model, &QAbstractItemModel::rowsAboutToBeMoved);
        on(model, &QAbstractItemModel::rowsMoved);
        on(model, &QAbstractItemModel::columnsAboutToBeInserted);
        on(model, &QAbstractItemModel::columnsInserted);
        on(model, &QAbstractItemModel::columnsAboutToBeRemoved);
        on(model, &QAbstractItemModel::columnsRemoved);
        on(model, &QAbstractItemModel::columnsAboutToBeMoved);
        on(model, &QAbstractItemModel::columnsMoved);
    }
    ~Bracket()
    {
        for (const QMetaObject::Connection &connection : m_connections)
            QObject::disconnect(connection);
    }
    Bracket(const Bracket &) = delete;
    Bracket &operator=(const Bracket &) = delete;

private:
    static void step()
    {
        StallWatchdog *watchdog = StallWatchdog::instance();
        if (!watchdog)
            return;
        if (Opening)
            watchdog->testStartsBlocking("QAbstractItemModelTester checks the whole model");
        else
            watchdog->testStopsBlocking();
    }
    template <typename Signal>
    void on(QAbstractItemModel *model, Signal signal)
    {
        m_connections.push_back(QObject::connect(model, signal, [] { step(); }));
    }

    std::vector<QMetaObject::Connection> m_connections;
};

} // namespace model_tester_detail

// Base classes are built in this order: opening bracket, tester, closing.
class ModelTester : private model_tester_detail::Bracket<true>,
                    public QAbstractItemModelTester,
                    private model_tester_detail::Bracket<false> {
public:
    ModelTester(QAbstractItemModel *model, FailureReportingMode mode)
        : model_tester_detail::Bracket<true>(model)
        , QAbstractItemModelTester(model, mode)
        , model_tester_detail::Bracket<false>(model)
    {
    }
};

} // namespace testsupport
