#pragma once

#include "kafka/networkpool.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

// Runs `handler(result)` on `context`'s thread once `future` finishes. The
// watcher is a child of `context`, so nothing runs after `context` is gone.
template <typename T, typename Handler>
void whenReady(QObject *context, const QFuture<T> &future, Handler &&handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::forward<Handler>(handler)]() mutable {
                         // The result was handed over by kafka::runOnNetworkPool.
                         kafka::takeOver(kafka::resultToken(watcher->future()));
                         handler(watcher->result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(future);
}
