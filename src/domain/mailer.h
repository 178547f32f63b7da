/*
 * mailer.h — sending the mail queue over SMTP with libcurl.
 *
 * Letters wait in the database (store_mail_*), so the queue survives a
 * restart.  Each letter is claimed in a transaction before it is handed
 * to the SMTP server and marked sent after, so two senders (the server's
 * scheduler and `cchc remind`) never send the same letter; a failed
 * attempt goes back to the queue with an exponential back-off.  A letter
 * is sent at most once: one whose sender died mid-send is marked failed,
 * not sent again (store_mail_recover).
 */
#ifndef CCHC_MAILER_H
#define CCHC_MAILER_H
#include "base/err.h"

struct tracker;

struct mail_config {
	char *smtp_url;		/* smtp://host:port, smtps://...; NULL: keep mail queued */
	char *smtp_from;	/* envelope and From: address */
	char *smtp_user;	/* NULL: no login */
	char *smtp_password;
	int retry_base_seconds;	/* wait after the first failure; doubles after each */
	int retry_max;		/* attempts before a letter is given up as failed */
	int timeout_seconds;	/* for one SMTP conversation */
};

/* Defaults: no server, from "cchc@localhost", retry after 60 s, 10 attempts, 60 s. */
void mail_config_init(struct mail_config *cfg);
void mail_config_release(struct mail_config *cfg);

/* libcurl's process-wide set-up: call once from the main thread before any
 * other thread starts, and the cleanup once at the end. */
void mailer_global_init(void);
void mailer_global_cleanup(void);

/* Seconds to wait after the attempts-th failed attempt (1, 2, ...): base,
 * 2 base, 4 base, ... at most six hours. */
long mailer_backoff(const struct mail_config *cfg, int attempts);

/*
 * The letter as sent: headers (UTF-8 subject as RFC 2047 encoded words,
 * plain text in UTF-8) and body, CRLF line ends.  message_id must be
 * unique to the letter and stable across its retries.  Caller frees.
 */
char *mailer_format(const struct mail_config *cfg, const char *to, const char *subject,
		    const char *body, const char *message_id);

/* One SMTP conversation; with the server's or curl's reason, ERR_BUSY when
 * the server could not be reached, ERR_INTERNAL when it refused or failed. */
enum err_code mailer_send(const struct mail_config *cfg, const char *to, const char *message,
			  struct err *err);

struct mailer_stats {
	int sent, retried, failed, recovered;
};

/*
 * Sends up to max letters that are due now; each outcome is recorded
 * before the next is taken.  Stops at the first letter for which the server
 * cannot be reached: the others keep their place and attempts for the next
 * round.  Does nothing when no smtp_url is configured.
 * stats (may be NULL) is added to.  Returns an error only for the store.
 */
enum err_code mailer_drain(struct tracker *tr, const struct mail_config *cfg, int max,
			   struct mailer_stats *stats, struct err *err);

#endif
