/* hrportal-mailer: send the outbox's due messages through an SMTP relay,
 * with retries, until stopped (or, with --once, until nothing is due).
 * The queue logic is src/mail/mailer.c; this file reads the configuration,
 * holds the one-mailer-per-database lock, and handles signals and time.
 *
 * SIGTERM/SIGINT/SIGHUP: finish (and record) the message being sent, then
 * exit 0.
 * Exit status: 0 done or stopped; 75 --once stopped at a relay problem (mail
 * waits in the outbox); 1 database error or another mailer running; 64 bad
 * usage; 78 bad configuration. */
#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "store/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "mail/mailer.h"
#include "mail/outbox.h"
#include "core/settings.h"
#include "core/isotime.h"

#define EXIT_TEMPFAIL 75
#define EXIT_USAGE 64
#define EXIT_CONFIG 78

static void usage(FILE *f)
{
	fputs("usage: hrportal-mailer [options]\n"
	      "  --db PATH              the portal's database (HRPORTAL_DB)\n"
	      "  --relay URL            smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT (HRPORTAL_SMTP_URL)\n"
	      "  --require-tls          never send without TLS (HRPORTAL_SMTP_REQUIRE_TLS=1; implied by --user)\n"
	      "  --ca-file PEM          CA certificates to trust for the relay (HRPORTAL_SMTP_CA_FILE)\n"
	      "  --user NAME            SMTP AUTH user (HRPORTAL_SMTP_USER)\n"
	      "  --password-file FILE   its password, first line of FILE (HRPORTAL_SMTP_PASSWORD_FILE)\n"
	      "  --connect-timeout S    connect+greeting+TLS+AUTH limit, default 10 (HRPORTAL_SMTP_CONNECT_TIMEOUT)\n"
	      "  --timeout S            whole-transaction limit, default 30 (HRPORTAL_SMTP_TIMEOUT)\n"
	      "  --from ADDR            From: and envelope sender (HRPORTAL_MAIL_FROM)\n"
	      "  --from-name NAME       From: display name, default \"HR Portal\" (HRPORTAL_MAIL_FROM_NAME)\n"
	      "  --poll-interval S      look at an empty queue every S seconds, default 5\n"
	      "  --retry-base S         first retry of a message after S seconds, doubling, default 60\n"
	      "  --retry-max S          longest retry delay, default 3600\n"
	      "  --pause-max S          longest queue pause while the relay is down, default 300\n"
	      "  --give-up-after S      fail a message still failing S seconds after it was queued,\n"
	      "                         default 432000 (5 days); 0 never gives up\n"
	      "  --once                 send what is due, then exit\n"
	      "  --now YYYY-MM-DDTHH:MM:SSZ  start the clock there (tests); it runs on from it\n"
	      "  --lock PATH            lock file, default DB.mailer-lock\n"
	      "exit: 0 done/stopped, 75 --once and the relay is down, 1 error, 64 usage, 78 configuration\n",
	      f);
}

/* ---- time and signals ---- */

struct clock {
	time_t base;             /* --now, or 0 for the real clock */
	struct timespec started; /* CLOCK_MONOTONIC when base was taken */
	sigset_t signals;        /* blocked; waited for in wait_hook */
	int kill_after;          /* test hook: die (SIGKILL) after this many sends */
	int sends;
	int stop_signal;
};

static time_t now_hook(void *ctx)
{
	struct clock *c = ctx;
	struct timespec t;

	if (c->base == 0)
		return time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &t);
	return c->base + (t.tv_sec - c->started.tv_sec);
}

/* Signals stay blocked while a message is being sent (so it is finished
 * and recorded) and are taken here, between messages and while idle. */
static bool wait_hook(void *ctx, long seconds)
{
	struct clock *c = ctx;
	struct timespec end, left;
	siginfo_t info;

	if (c->stop_signal)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds > 0 ? seconds : 0;
	for (;;) {
		struct timespec t;
		int sig;

		clock_gettime(CLOCK_MONOTONIC, &t);
		left.tv_sec = end.tv_sec - t.tv_sec;
		left.tv_nsec = end.tv_nsec - t.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_nsec += 1000000000L;
			left.tv_sec--;
		}
		if (left.tv_sec < 0)
			left.tv_sec = left.tv_nsec = 0;
		sig = sigtimedwait(&c->signals, &info, &left);
		if (sig > 0) {
			c->stop_signal = sig;
			return true;
		}
		if (errno == EAGAIN)
			return false;
		/* EINTR (another signal, e.g. a debugger): wait out the rest */
	}
}

static NEOERR *send_hook(void *ctx, const struct mail_relay *relay, const struct mail_message *msg,
			 struct mail_result *result)
{
	struct clock *c = ctx;
	NEOERR *err = mail_send(relay, msg, result);

	/* Test hook (HRPORTAL_MAILER_TEST_KILL_AFTER=N): die like a crash right
	 * after the relay's 250 and before the outbox records it, the one
	 * window where a resend duplicates a message. */
	if (err == STATUS_OK && c->kill_after > 0 && ++c->sends >= c->kill_after)
		raise(SIGKILL);
	return err;
}

/* ---- configuration ---- */

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : fallback;
}

static int parse_seconds(const char *what, const char *text, long min, long *out)
{
	char *end;
	long v;

	if (text == NULL)
		return 0;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < min || v > 365L * 24 * 3600) {
		fprintf(stderr, "hrportal-mailer: %s must be a number of seconds >= %ld, not '%s'\n", what, min, text);
		return -1;
	}
	*out = v;
	return 0;
}

/* The first line of path, without its line ending. */
static char *read_password(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (f == NULL) {
		fprintf(stderr, "hrportal-mailer: cannot read the password file %s: %s\n", path, strerror(errno));
		return NULL;
	}
	n = getline(&line, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(line);
		fprintf(stderr, "hrportal-mailer: the password file %s is empty\n", path);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static void wipe(char *secret)
{
	if (secret != NULL) {
		explicit_bzero(secret, strlen(secret));
		free(secret);
	}
}

enum {
	OPT_DB = 256,
	OPT_RELAY,
	OPT_REQUIRE_TLS,
	OPT_CA_FILE,
	OPT_USER,
	OPT_PASSWORD_FILE,
	OPT_CONNECT_TIMEOUT,
	OPT_TIMEOUT,
	OPT_FROM,
	OPT_FROM_NAME,
	OPT_POLL,
	OPT_RETRY_BASE,
	OPT_RETRY_MAX,
	OPT_PAUSE_MAX,
	OPT_GIVE_UP,
	OPT_ONCE,
	OPT_NOW,
	OPT_LOCK,
	OPT_HELP,
};

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "relay", required_argument, NULL, OPT_RELAY },
	{ "require-tls", no_argument, NULL, OPT_REQUIRE_TLS },
	{ "ca-file", required_argument, NULL, OPT_CA_FILE },
	{ "user", required_argument, NULL, OPT_USER },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "from-name", required_argument, NULL, OPT_FROM_NAME },
	{ "poll-interval", required_argument, NULL, OPT_POLL },
	{ "retry-base", required_argument, NULL, OPT_RETRY_BASE },
	{ "retry-max", required_argument, NULL, OPT_RETRY_MAX },
	{ "pause-max", required_argument, NULL, OPT_PAUSE_MAX },
	{ "give-up-after", required_argument, NULL, OPT_GIVE_UP },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "lock", required_argument, NULL, OPT_LOCK },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

struct args {
	const char *db_path, *lock_path, *password_file, *now;
	const char *connect_timeout, *timeout, *poll, *retry_base, *retry_max, *pause_max, *give_up;
};

static int parse_args(int argc, char **argv, struct mailer_config *cfg, struct args *a)
{
	int opt;

	cfg->relay.url = env_or("HRPORTAL_SMTP_URL", NULL);
	cfg->relay.require_tls = strcmp(env_or("HRPORTAL_SMTP_REQUIRE_TLS", "0"), "1") == 0;
	cfg->relay.ca_file = env_or("HRPORTAL_SMTP_CA_FILE", NULL);
	cfg->relay.username = env_or("HRPORTAL_SMTP_USER", NULL);
	a->password_file = env_or("HRPORTAL_SMTP_PASSWORD_FILE", NULL);
	a->connect_timeout = env_or("HRPORTAL_SMTP_CONNECT_TIMEOUT", NULL);
	a->timeout = env_or("HRPORTAL_SMTP_TIMEOUT", NULL);
	cfg->from.addr = env_or("HRPORTAL_MAIL_FROM", NULL);
	cfg->from.name = env_or("HRPORTAL_MAIL_FROM_NAME", "HR Portal");
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case OPT_DB:
			a->db_path = optarg;
			break;
		case OPT_RELAY:
			cfg->relay.url = optarg;
			break;
		case OPT_REQUIRE_TLS:
			cfg->relay.require_tls = true;
			break;
		case OPT_CA_FILE:
			cfg->relay.ca_file = optarg;
			break;
		case OPT_USER:
			cfg->relay.username = optarg;
			break;
		case OPT_PASSWORD_FILE:
			a->password_file = optarg;
			break;
		case OPT_CONNECT_TIMEOUT:
			a->connect_timeout = optarg;
			break;
		case OPT_TIMEOUT:
			a->timeout = optarg;
			break;
		case OPT_FROM:
			cfg->from.addr = optarg;
			break;
		case OPT_FROM_NAME:
			cfg->from.name = optarg;
			break;
		case OPT_POLL:
			a->poll = optarg;
			break;
		case OPT_RETRY_BASE:
			a->retry_base = optarg;
			break;
		case OPT_RETRY_MAX:
			a->retry_max = optarg;
			break;
		case OPT_PAUSE_MAX:
			a->pause_max = optarg;
			break;
		case OPT_GIVE_UP:
			a->give_up = optarg;
			break;
		case OPT_ONCE:
			cfg->once = true;
			break;
		case OPT_NOW:
			a->now = optarg;
			break;
		case OPT_LOCK:
			a->lock_path = optarg;
			break;
		case OPT_HELP:
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (parse_seconds("--connect-timeout", a->connect_timeout, 1, &cfg->relay.connect_timeout) ||
	    parse_seconds("--timeout", a->timeout, 1, &cfg->relay.timeout) ||
	    parse_seconds("--poll-interval", a->poll, 1, &cfg->poll_interval) ||
	    parse_seconds("--retry-base", a->retry_base, 1, &cfg->retry_base) ||
	    parse_seconds("--retry-max", a->retry_max, 1, &cfg->retry_max) ||
	    parse_seconds("--pause-max", a->pause_max, 1, &cfg->pause_max) ||
	    parse_seconds("--give-up-after", a->give_up, 0, &cfg->give_up_after))
		return EXIT_USAGE;
	if (cfg->relay.url == NULL) {
		fputs("hrportal-mailer: no relay: give --relay smtp://HOST:PORT (or HRPORTAL_SMTP_URL)\n", stderr);
		return EXIT_CONFIG;
	}
	if (strncmp(cfg->relay.url, "smtp://", 7) != 0 && strncmp(cfg->relay.url, "smtps://", 8) != 0) {
		fprintf(stderr, "hrportal-mailer: the relay must be smtp://HOST:PORT or smtps://HOST:PORT, not '%s'\n",
			cfg->relay.url);
		return EXIT_CONFIG;
	}
	{
		/* "smtp://user:secret@host" would put the password in the log
		 * and in ps: credentials go through --user/--password-file. */
		const char *host = strstr(cfg->relay.url, "://") + 3;

		if (memchr(host, '@', strcspn(host, "/?#")) != NULL) {
			fputs("hrportal-mailer: no credentials in the relay URL: use --user and --password-file\n",
			      stderr);
			return EXIT_CONFIG;
		}
	}
	if (cfg->from.addr == NULL || !mail_check_address(cfg->from.addr)) {
		fprintf(stderr, "hrportal-mailer: give a valid sender with --from (or HRPORTAL_MAIL_FROM), not '%s'\n",
			cfg->from.addr ? cfg->from.addr : "");
		return EXIT_CONFIG;
	}
	if ((cfg->relay.username == NULL) != (a->password_file == NULL)) {
		fputs("hrportal-mailer: --user and --password-file go together\n", stderr);
		return EXIT_CONFIG;
	}
	if (a->give_up != NULL && cfg->give_up_after == 0)
		cfg->give_up_after = MAILER_NEVER_GIVE_UP;
	if (cfg->retry_max < cfg->retry_base)
		cfg->retry_max = cfg->retry_base;
	return 0;
}

int main(int argc, char **argv)
{
	struct settings settings;
	struct mailer_config cfg;
	struct args a = { 0 };
	struct clock clk = { 0 };
	struct mailer_hooks hooks = { send_hook, now_hook, wait_hook, &clk };
	struct mailer m;
	struct db *db = NULL;
	enum mailer_exit how = MAILER_EXIT_DONE;
	char *password = NULL, *lock_default = NULL;
	const char *kill_after;
	int rc, lock_fd = -1, recovered = 0;
	int64_t pending = 0;
	NEOERR *err;

	settings_private_files();
	log_set_program("hrportal-mailer");
	settings_load(&settings);
	mailer_config_defaults(&cfg);
	a.db_path = settings.db_path;
	rc = parse_args(argc, argv, &cfg, &a);
	if (rc != 0)
		return rc;
	if (a.now != NULL) {
		clk.base = iso_time_parse(a.now);
		if (clk.base == (time_t)-1) {
			fprintf(stderr, "hrportal-mailer: --now takes YYYY-MM-DDTHH:MM:SSZ, not '%s'\n", a.now);
			return EXIT_USAGE;
		}
		clock_gettime(CLOCK_MONOTONIC, &clk.started);
	}
	kill_after = getenv("HRPORTAL_MAILER_TEST_KILL_AFTER");
	if (kill_after != NULL)
		clk.kill_after = atoi(kill_after);
	if (a.password_file != NULL) {
		password = read_password(a.password_file);
		if (password == NULL)
			return EXIT_CONFIG;
		cfg.relay.password = password;
		cfg.relay.require_tls = true; /* credentials never go out in clear */
	}

	/* One mailer per database: two would claim the same message. */
	if (a.lock_path == NULL) {
		if (asprintf(&lock_default, "%s.mailer-lock", a.db_path) < 0) {
			wipe(password);
			return 1;
		}
		a.lock_path = lock_default;
	}
	lock_fd = open(a.lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock_fd < 0 || flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		log_error("cannot take the lock %s: %s", a.lock_path,
			  errno == EWOULDBLOCK ? "another hrportal-mailer is running on this database"
					       : strerror(errno));
		if (lock_fd >= 0)
			close(lock_fd);
		free(lock_default);
		wipe(password);
		return 1;
	}

	sigemptyset(&clk.signals);
	sigaddset(&clk.signals, SIGTERM);
	sigaddset(&clk.signals, SIGINT);
	sigaddset(&clk.signals, SIGHUP);
	sigprocmask(SIG_BLOCK, &clk.signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	err = errors_init();
	if (err == STATUS_OK && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		err = nerr_raise(NERR_SYSTEM, "curl_global_init failed");
	if (err == STATUS_OK)
		err = db_open(a.db_path, DB_READ_WRITE, &db);
	if (err == STATUS_OK) {
		mailer_init(&m, db, &cfg, &hooks);
		err = mailer_recover(&m, &recovered);
	}
	if (err == STATUS_OK)
		err = outbox_pending_count(db, &pending);
	if (err == STATUS_OK) {
		log_info("started: relay %s (%s%s%s), database %s, %" PRId64 " pending%s", cfg.relay.url,
			 cfg.relay.require_tls ? "TLS required" : "TLS if offered",
			 cfg.relay.username ? ", AUTH as " : "", cfg.relay.username ? cfg.relay.username : "",
			 a.db_path, pending, cfg.once ? ", --once" : "");
		err = mailer_run(&m, &how);
		log_info("%s: sent %ld, retrying %ld, failed %ld, relay problems %ld",
			 clk.stop_signal                 ? "stopped by signal"
			 : how == MAILER_EXIT_RELAY_DOWN ? "relay down, mail waits"
							 : "done",
			 m.sent, m.retried, m.failed, m.relay_down);
	}
	db_close(&db);
	curl_global_cleanup();
	wipe(password);
	close(lock_fd);
	free(lock_default);
	if (err != STATUS_OK) {
		log_neoerr(&err, "mailer");
		return 1;
	}
	return how == MAILER_EXIT_RELAY_DOWN ? EXIT_TEMPFAIL : 0;
}
