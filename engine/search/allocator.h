// Process-wide allocator setting for training loops.
#pragma once

namespace secateur {

// A training step frees and re-allocates the same activation-sized buffers every step. glibc's
// defaults hand large freed blocks back to the operating system, so each step page-faults them in
// again (measured: about 1,000-5,000 faults and up to a third of the step on the zoo seeds). This
// keeps blocks up to 32 MiB in the heap and trims only above 256 MiB free. Idempotent.
void keepFreedMemoryForReuse();

}  // namespace secateur
