#pragma once

#include <QThreadPool>

namespace kafka {

// The threads that wait on the network for the GUI (metadata, watermarks,
// admin requests, releasing a connection), kept apart from Qt's global pool.
// Qt paints with the global pool too (the raster engine splits large fills
// across it and waits for them): with its threads (one per core) waiting out
// a hung broker's 3 s timeouts, every repaint of the window stood still until
// they returned. Never run a blocking call on QThreadPool::globalInstance().
QThreadPool *networkPool();

} // namespace kafka
