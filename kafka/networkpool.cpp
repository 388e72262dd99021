#include "networkpool.h"

namespace kafka {

QThreadPool *networkPool()
{
    // Its threads mostly wait, so more of them than cores: a few requests to
    // a broker that does not answer must not hold up the rest.
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // for the process's life: a quitting app may abandon a stuck request
        p->setMaxThreadCount(8);
        p->setObjectName(QStringLiteral("network"));
        return p;
    }();
    return pool;
}

} // namespace kafka
