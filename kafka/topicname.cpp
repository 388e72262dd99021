#include "topicname.h"

#include <QMutex>

#include <algorithm>
#include <deque>

namespace kafka {

QString internedTopicName(const char *name)
{
    static QMutex mutex;
    static std::deque<QString> names; // a deque never moves its elements
    const QMutexLocker lock(&mutex);
    const QString decoded = QString::fromUtf8(name);
    auto found = std::find(names.cbegin(), names.cend(), decoded);
    if (found == names.cend())
        found = names.insert(names.cend(), decoded);
    return QString::fromRawData(found->constData(), found->size());
}

} // namespace kafka
