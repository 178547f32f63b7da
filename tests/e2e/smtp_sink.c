/*
 * smtp_sink.c — a tiny SMTP server for the reminder tests: it accepts
 * every letter on 127.0.0.1 and writes each to DIR/NNNN.eml, headed by one
 * "X-Sink-Rcpt: ADDRESS" line per recipient.  While DIR/fail exists it
 * refuses letters with a temporary error (451), as a server that is down
 * for a while would.  The port it listens on goes to DIR/port.
 * One connection at a time, which is all the tests need.
 * Usage: smtp_sink DIR      (stop it with SIGTERM)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir;
static int seq;

static void say(int fd, const char *line)
{
	size_t n = strlen(line);
	if (write(fd, line, n) != (ssize_t)n)
		perror("smtp_sink: write");
}

static int failing(void)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/fail", dir);
	return stat(path, &st) == 0;
}

/* Case-insensitive "does line start with word". */
static int is(const char *line, const char *word)
{
	return strncasecmp(line, word, strlen(word)) == 0;
}

static void session(int fd)
{
	FILE *in = fdopen(dup(fd), "r");
	char *line = NULL, rcpt[4096] = "";
	size_t cap = 0;
	say(fd, "220 sink ESMTP ready\r\n");
	while (in && getline(&line, &cap, in) > 0) {
		if (is(line, "EHLO") || is(line, "HELO")) {
			say(fd, "250-sink\r\n250 8BITMIME\r\n");
		} else if (is(line, "MAIL FROM:")) {
			rcpt[0] = 0;
			say(fd, failing() ? "451 4.3.0 the sink was told to fail\r\n" : "250 OK\r\n");
		} else if (is(line, "RCPT TO:")) {
			char *lt = strchr(line, '<'), *gt = lt ? strchr(lt, '>') : NULL;
			if (lt && gt && strlen(rcpt) + (size_t)(gt - lt) + 20 < sizeof rcpt) {
				size_t len = strlen(rcpt);
				snprintf(rcpt + len, sizeof rcpt - len, "X-Sink-Rcpt: %.*s\r\n",
					 (int)(gt - lt - 1), lt + 1);
			}
			say(fd, "250 OK\r\n");
		} else if (is(line, "DATA")) {
			char tmp[4096], final[4096];
			snprintf(tmp, sizeof tmp, "%s/incoming.tmp", dir);
			snprintf(final, sizeof final, "%s/%04d.eml", dir, ++seq);
			FILE *out = fopen(tmp, "w");
			say(fd, "354 go ahead\r\n");
			fputs(rcpt, out);
			while (getline(&line, &cap, in) > 0) {
				if (strcmp(line, ".\r\n") == 0 || strcmp(line, ".\n") == 0)
					break;
				/* Undo the dot-stuffing of lines that began with a dot. */
				fputs(line[0] == '.' ? line + 1 : line, out);
			}
			fclose(out);
			rename(tmp, final);	/* whole letters only, for the test to read */
			say(fd, "250 OK queued\r\n");
		} else if (is(line, "RSET") || is(line, "NOOP")) {
			say(fd, "250 OK\r\n");
		} else if (is(line, "QUIT")) {
			say(fd, "221 bye\r\n");
			break;
		} else {
			say(fd, "502 command not implemented\r\n");
		}
	}
	free(line);
	if (in)
		fclose(in);
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: smtp_sink DIR\n");
		return 2;
	}
	dir = argv[1];
	/* A sink left behind by a test that died does not linger for ever. */
	alarm(600);
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	socklen_t len = sizeof a;
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) != 0) {
		perror("smtp_sink");
		return 1;
	}
	char path[4096], tmp[4096];
	snprintf(path, sizeof path, "%s/port", dir);
	snprintf(tmp, sizeof tmp, "%s/port.tmp", dir);
	FILE *p = fopen(tmp, "w");
	fprintf(p, "%d\n", ntohs(a.sin_port));
	fclose(p);
	rename(tmp, path);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c >= 0)
			session(c);
	}
}
