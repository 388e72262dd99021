#pragma once

#include <sanitizer/common_interface_defs.h>

#include <cstdlib>

// A fuzz target's assertion (unlike assert(), never compiled out): names
// what failed where the sanitizers report (so it is seen even when
// libFuzzer's -close_fd_mask drops the target's stderr), then aborts, which
// libFuzzer reports as a crash and keeps the input of.
#define FUZZ_CHECK(condition)                                                                                       \
    do {                                                                                                            \
        if (!(condition)) {                                                                                         \
            __sanitizer_report_error_summary(__FILE__ ":" FUZZ_CHECK_LINE(__LINE__) ": FUZZ_CHECK(" #condition ")"); \
            std::abort();                                                                                           \
        }                                                                                                           \
    } while (false)
#define FUZZ_CHECK_LINE(line) FUZZ_CHECK_STRING(line)
#define FUZZ_CHECK_STRING(line) #line
