#pragma once

#include "error.h"
#include "handles.h"

#include <QString>

#include <chrono>

namespace kafka {

// One metadata attempt. A request that went to a broker which just went
// down waits out its whole timeout (librdkafka #1869); the next attempt
// goes to a broker that answers. Attempts repeat until the timeout.
inline constexpr std::chrono::milliseconds MetadataAttemptTimeout{2500};

// rd_kafka_metadata in attempts of MetadataAttemptTimeout until `timeout`,
// so one broker that is down does not make a live cluster look unreachable.
// allTopics=false asks only for brokers and locally known topics (a cheap
// reachability check). Errors name `bootstrapServers` (see cannotReach).
Result<MetadataPtr> requestMetadata(rd_kafka_t *rk, bool allTopics, std::chrono::milliseconds timeout,
                                    const QString &bootstrapServers);

} // namespace kafka
