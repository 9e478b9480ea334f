/* fuzz: what the fuzz harnesses under tests/fuzz share.
 *
 * Each harness defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize). Built with --enable-fuzzers (clang) it is a
 * libFuzzer program; otherwise it is linked with replay_main.c, which runs
 * it once over each file named on the command line, so "make check" replays
 * the seed corpora and the regression inputs in every build. A harness
 * calls fuzz_fail() when an input breaks one of its properties: libFuzzer
 * (and the replay driver) then report the input as a crash. */
#ifndef HR_FUZZ_H
#define HR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print what went wrong and abort (a "crash" for libFuzzer). */
void fuzz_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* The source tree (for the corpus and templates): $HR_SRCDIR, else the
 * directory configure was run for. */
const char *fuzz_srcdir(void);

/* A copy of data with a NUL after it (free()). */
char *fuzz_cstring(const uint8_t *data, size_t size);

#endif
