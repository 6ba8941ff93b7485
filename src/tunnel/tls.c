#include "tunnel/tls.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

char *tls_error_text(const char *what)
{
    unsigned long e = ERR_get_error();
    const char *reason = e ? ERR_reason_error_string(e) : NULL;
    ERR_clear_error();
    return xstrdup(reason ? reason : what);
}

SSL_CTX *tls_context_new(const char *ca_file, char **err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        *err = tls_error_text("could not create a TLS context");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    /* whole socket reads rather than a header then a record: fewer system calls per message */
    SSL_CTX_set_read_ahead(ctx, 1);
    /* the relay hands SSL_write whatever is buffered, from wherever the buffer now starts */
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
    /* a server's TCP end without close_notify is its end all the same (after FATAL, say) */
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
    int loaded = ca_file ? SSL_CTX_load_verify_locations(ctx, ca_file, NULL)
                         : SSL_CTX_set_default_verify_paths(ctx);
    if (loaded != 1) {
        char *why = tls_error_text("unknown error");
        *err = ca_file ? xasprintf("could not load the CA certificates of \"%s\": %s", ca_file, why)
                       : xasprintf("could not load the system's CA certificates: %s", why);
        free(why);
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static bool is_address(const char *s)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

SSL *tls_session_new(SSL_CTX *ctx, int fd, const char *tls_host)
{
    SSL *ssl = SSL_new(ctx);
    if (!ssl)
        return NULL;
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    bool ok = SSL_set_fd(ssl, fd) == 1;
    if (is_address(tls_host)) {
        ok = ok && X509_VERIFY_PARAM_set1_ip_asc(param, tls_host) == 1;
    } else {
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        ok = ok && SSL_set1_host(ssl, tls_host) == 1 && SSL_set_tlsext_host_name(ssl, tls_host) == 1;
    }
    if (!ok) {
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_connect_state(ssl);
    return ssl;
}

static char *verify_failure(long result, const char *tls_host, const char *ca_file)
{
    const char *store = ca_file ? ca_file : "the system's store";
    switch (result) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return xasprintf("the server's certificate is not valid for \"%s\"", tls_host);
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return xasprintf("the server's certificate is not signed by a CA of %s (%s)", store,
                         X509_verify_cert_error_string(result));
    default:
        return xasprintf("the server's certificate was refused: %s", X509_verify_cert_error_string(result));
    }
}

char *tls_handshake_failure(SSL *ssl, int ssl_error, int saved_errno, const char *tls_host, const char *ca_file)
{
    long result = SSL_get_verify_result(ssl);
    if (result != X509_V_OK) {
        ERR_clear_error();
        return verify_failure(result, tls_host, ca_file);
    }
    if (ssl_error == SSL_ERROR_SYSCALL) {
        ERR_clear_error();
        if (saved_errno)
            return xasprintf("TLS handshake failed: %s", strerror(saved_errno));
        return xstrdup("the server closed the connection during the TLS handshake");
    }
    char *why = tls_error_text("unknown error");
    char *msg = xasprintf("TLS handshake failed: %s", why);
    free(why);
    return msg;
}
