#include "engine/search/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace secateur {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    // Both thresholds explicitly: setting only the trim threshold (or only the top pad) switches
    // off glibc's self-adjusting mmap threshold and makes every large block a fresh mapping.
    constexpr int kMmapThreshold = 32 << 20;
    constexpr int kTrimThreshold = 256 << 20;
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#endif
}

}  // namespace secateur
