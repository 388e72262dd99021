#pragma once

#include <QString>

namespace kafka {

// The topic's name as a QString that any number of records and delivery
// reports share without a reference count (QString::fromRawData). A shared
// QString's count would be bumped by a client's thread and the GUI thread
// for every message, and that one contended counter cost more than the rest
// of a record's way to the view. The names stay for the life of the process:
// there are as many as topics used, and what names them outlives its client.
QString internedTopicName(const char *name);

} // namespace kafka
