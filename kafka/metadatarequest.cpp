#include "metadatarequest.h"

#include "clientconfig.h"

#include <algorithm>

namespace kafka {

Result<MetadataPtr> requestMetadata(rd_kafka_t *rk, bool allTopics, std::chrono::milliseconds timeout,
                                    const QString &bootstrapServers)
{
    using std::chrono::milliseconds;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const rd_kafka_metadata_t *raw = nullptr;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
    for (auto left = timeout; left.count() > 0 && err == RD_KAFKA_RESP_ERR__TIMED_OUT;
         left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now())) {
        err = rd_kafka_metadata(rk, allTopics ? 1 : 0, nullptr, &raw, int(std::min(left, MetadataAttemptTimeout).count()));
    }
    if (err)
        return cannotReach(bootstrapServers, err, rk);
    return MetadataPtr(raw);
}

} // namespace kafka
