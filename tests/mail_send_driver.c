/*
 * mail_send_driver: send one message with the mail module, for the
 * integration test (tests/test_mail_smtp.py) and manual checks against the
 * dev relay (tests/smtpd.py). Not installed.
 *
 * Exit status: 0 sent, 75 temporary failure (EX_TEMPFAIL: retry later),
 * 1 permanent failure, 64 bad usage. One line on stderr says why.
 *
 * The password is best given in MAIL_RELAY_PASSWORD rather than on the
 * command line, where other local users could read it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "mail/mail.h"

#define EXIT_TEMPFAIL 75
#define EXIT_USAGE 64
#define MAX_HEADERS 16

static void usage(FILE *f)
{
	fputs("usage: mail_send_driver --url smtp://HOST:PORT --from ADDR --to ADDR [--to ADDR...]\n"
	      "         --subject TEXT --body-file FILE [--html-file FILE] [--message-id ID]\n"
	      "         [--from-name NAME] [--date EPOCH] [--header 'Name: value']...\n"
	      "         [--require-tls] [--ca-file PEM] [--insecure] [--user NAME]\n"
	      "         [--password PW] [--connect-timeout S] [--timeout S] [--compose-only]\n"
	      "env: MAIL_RELAY_URL, MAIL_RELAY_USER, MAIL_RELAY_PASSWORD as defaults\n"
	      "exit: 0 sent, 75 temporary failure, 1 permanent failure, 64 usage\n",
	      f);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return NULL;
	}
	size_t cap = 4096, len = 0;
	char *p = malloc(cap);
	while (p) {
		if (len + 1 >= cap) {
			char *q = realloc(p, cap *= 2);
			if (!q) {
				free(p);
				p = NULL;
				break;
			}
			p = q;
		}
		size_t n = fread(p + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (p && ferror(f)) {
		perror(path);
		free(p);
		p = NULL;
	}
	fclose(f);
	if (p) {
		p[len] = '\0';
		if (strlen(p) != len) {
			fprintf(stderr, "%s: contains NUL bytes\n", path);
			free(p);
			p = NULL;
		}
	}
	return p;
}

static long parse_long(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "mail_send_driver: bad %s: %s\n", what, s);
		exit(EXIT_USAGE);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "require-tls", no_argument, NULL, 'T' },
		{ "ca-file", required_argument, NULL, 'c' },
		{ "insecure", no_argument, NULL, 'k' },
		{ "user", required_argument, NULL, 'U' },
		{ "password", required_argument, NULL, 'P' },
		{ "from", required_argument, NULL, 'f' },
		{ "from-name", required_argument, NULL, 'n' },
		{ "to", required_argument, NULL, 't' },
		{ "subject", required_argument, NULL, 's' },
		{ "body-file", required_argument, NULL, 'b' },
		{ "html-file", required_argument, NULL, 'H' },
		{ "message-id", required_argument, NULL, 'm' },
		{ "date", required_argument, NULL, 'd' },
		{ "header", required_argument, NULL, 'x' },
		{ "connect-timeout", required_argument, NULL, 'C' },
		{ "timeout", required_argument, NULL, 'W' },
		{ "compose-only", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mail_relay relay = {
		.url = getenv("MAIL_RELAY_URL"),
		.username = getenv("MAIL_RELAY_USER"),
		.password = getenv("MAIL_RELAY_PASSWORD"),
	};
	struct mail_address to[MAIL_MAX_RECIPIENTS];
	struct mail_header headers[MAX_HEADERS];
	char *header_copies[MAX_HEADERS];
	size_t n_to = 0, n_headers = 0;
	struct mail_message msg = { .date = time(NULL) };
	const char *body_file = NULL, *html_file = NULL;
	bool compose_only = false;
	int o;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'u':
			relay.url = optarg;
			break;
		case 'T':
			relay.require_tls = true;
			break;
		case 'c':
			relay.ca_file = optarg;
			break;
		case 'k':
			relay.skip_verify = true;
			break;
		case 'U':
			relay.username = optarg;
			break;
		case 'P':
			relay.password = optarg;
			break;
		case 'f':
			msg.from.addr = optarg;
			break;
		case 'n':
			msg.from.name = optarg;
			break;
		case 't':
			if (n_to == MAIL_MAX_RECIPIENTS) {
				fputs("mail_send_driver: too many --to\n", stderr);
				return EXIT_USAGE;
			}
			to[n_to++] = (struct mail_address){ NULL, optarg };
			break;
		case 's':
			msg.subject = optarg;
			break;
		case 'b':
			body_file = optarg;
			break;
		case 'H':
			html_file = optarg;
			break;
		case 'm':
			msg.message_id = optarg;
			break;
		case 'd':
			msg.date = (time_t)parse_long(optarg, "--date");
			break;
		case 'x': {
			char *colon = strchr(optarg, ':');
			if (!colon || n_headers == MAX_HEADERS) {
				fputs("mail_send_driver: --header wants 'Name: value' (at most 16)\n", stderr);
				return EXIT_USAGE;
			}
			char *copy = strdup(optarg);
			if (!copy)
				return EXIT_TEMPFAIL;
			copy[colon - optarg] = '\0';
			char *value = copy + (colon - optarg) + 1;
			while (*value == ' ')
				value++;
			header_copies[n_headers] = copy;
			headers[n_headers++] = (struct mail_header){ copy, value };
			break;
		}
		case 'C':
			relay.connect_timeout = parse_long(optarg, "--connect-timeout");
			break;
		case 'W':
			relay.timeout = parse_long(optarg, "--timeout");
			break;
		case 'o':
			compose_only = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc || !msg.from.addr || n_to == 0 || !msg.subject || !body_file ||
	    (!compose_only && !relay.url)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	msg.to = to;
	msg.n_to = n_to;
	msg.headers = headers;
	msg.n_headers = n_headers;

	nerr_init();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fputs("mail_send_driver: curl_global_init failed\n", stderr);
		return EXIT_TEMPFAIL;
	}

	char idbuf[MAIL_MESSAGE_ID_MAX];
	char *text = slurp(body_file);
	char *html = html_file ? slurp(html_file) : NULL;
	int status = 0;
	bool reported = false; /* err already explained on stderr */
	NEOERR *err = STATUS_OK;
	if (!text || (html_file && !html)) {
		status = EXIT_USAGE;
		goto out;
	}
	msg.text = text;
	msg.html = html;
	if (!msg.message_id) {
		err = mail_make_message_id("hrportal.invalid", idbuf, sizeof idbuf);
		if (err != STATUS_OK) {
			status = 1;
			goto out;
		}
		msg.message_id = idbuf;
	}

	if (compose_only) {
		char *data;
		size_t len;
		err = mail_compose(&msg, &data, &len);
		if (err == STATUS_OK) {
			fwrite(data, 1, len, stdout);
			free(data);
		}
		status = err == STATUS_OK ? 0 : 1;
		goto out;
	}

	struct mail_result res;
	err = mail_send(&relay, &msg, &res);
	if (err == STATUS_OK) {
		fprintf(stderr, "mail_send_driver: sent %s (smtp %ld)\n", msg.message_id, res.smtp_code);
	} else {
		fprintf(stderr, "mail_send_driver: %s failure (smtp %ld, curl %d%s): %s\n",
			res.outcome == MAIL_TEMPORARY ? "temporary" : "permanent", res.smtp_code, res.curl_code,
			res.relay_problem ? ", relay problem" : "", res.error);
		status = res.outcome == MAIL_TEMPORARY ? EXIT_TEMPFAIL : 1;
		reported = true;
	}

out:
	if (err != STATUS_OK) {
		if (!reported) {
			STRING s;
			string_init(&s);
			nerr_error_string(err, &s);
			fprintf(stderr, "mail_send_driver: %s\n", s.buf ? s.buf : "error");
			string_clear(&s);
		}
		nerr_ignore(&err);
	}
	free(text);
	free(html);
	for (size_t i = 0; i < n_headers; i++)
		free(header_copies[i]);
	curl_global_cleanup();
	return status;
}
