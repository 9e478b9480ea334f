/* log: one line per event on stderr, which Apache (mod_fcgid) sends to its
 * error log and command-line tools show to the operator.
 *
 * Errors are logged once, where they are turned into a response or an exit
 * status; lower layers only raise and pass NEOERRs. */
#ifndef HR_LOG_H
#define HR_LOG_H

#include <ClearSilver.h>

/* Name printed before every line (the program's name). */
void log_set_program(const char *name);

void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg("error", __VA_ARGS__)
#define log_warn(...) log_msg("warn", __VA_ARGS__)
#define log_info(...) log_msg("info", __VA_ARGS__)

/* Log an error chain with its context (as one line) and free it. */
void log_neoerr(NEOERR **err, const char *context);

#endif
