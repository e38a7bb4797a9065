#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have a main of their own: SwiftPM links every executable target with
// `main` renamed to TARGET_main, so each target's TARGET_main hands its one-input function to the driver.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*one)(const uint8_t *data, size_t size));

static inline int shieldwall_fuzzer_main(int argc, char **argv, int (*one)(const uint8_t *data, size_t size)) {
    return LLVMFuzzerRunDriver(&argc, &argv, one);
}
#endif
