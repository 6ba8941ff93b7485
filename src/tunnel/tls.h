/*
 * The upstream TLS of the tunnel (OpenSSL, non-blocking): a client context that
 * demands TLS 1.2 or later and verifies the server's certificate chain against the
 * given CA file or the system's store, sessions that send SNI and check the host
 * name, and one-line explanations of a failed handshake.
 */
#ifndef PGC_TUNNEL_TLS_H
#define PGC_TUNNEL_TLS_H

#include <openssl/ssl.h>

/* NULL with *err when the CA file cannot be loaded */
SSL_CTX *tls_context_new(const char *ca_file, char **err);
/* a client session on fd for tls_host (SNI unless it is an address; name or address checked) */
SSL *tls_session_new(SSL_CTX *ctx, int fd, const char *tls_host);
/* why the handshake failed (ssl_error from SSL_get_error, errno just after), one line */
char *tls_handshake_failure(SSL *ssl, int ssl_error, int saved_errno, const char *tls_host, const char *ca_file);
/* the OpenSSL error queue's first reason, or what, emptied */
char *tls_error_text(const char *what);

#endif
