#include "engine/search/allocator.h"

#include <malloc.h>

namespace secateur {

void keepFreedMemoryForReuse() {
    constexpr int kMmapThreshold = 32 << 20;
    constexpr int kTrimThreshold = 256 << 20;
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
}

}  // namespace secateur
