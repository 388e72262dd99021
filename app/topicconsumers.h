#pragma once

#include "kafka/groupinfo.h"

#include <QList>
#include <QString>

// One line for the topic view: the consumer groups that consume `topic`
// (a member has one of its partitions, or the group has committed offsets
// in it) with their lag on it, from the Groups tab's last answer. Lag that
// is not known is said so, never 0.
QString topicConsumersText(const QList<kafka::GroupInfo> &groups, const QString &topic);
