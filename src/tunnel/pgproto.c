#include "tunnel/pgproto.h"

#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static PgFirstKind invalid(PgFirstPacket *out, const char *why)
{
    out->kind = PGF_INVALID;
    out->invalid = why;
    return PGF_INVALID;
}

static PgFirstKind cancel_packet(const uint8_t *buf, uint32_t length, PgFirstPacket *out)
{
    if (length < 16 || length > 12 + PG_MAX_CANCEL_KEY)
        return invalid(out, "a cancel request of an invalid length");
    out->cancel.pid = get32(buf + 8);
    out->cancel.keylen = length - 12;
    memcpy(out->cancel.key, buf + 12, out->cancel.keylen);
    out->kind = PGF_CANCEL;
    return PGF_CANCEL;
}

PgFirstKind pgproto_first_packet(const uint8_t *buf, size_t len, PgFirstPacket *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = PGF_NEED_MORE;
    if (len < 8)
        return PGF_NEED_MORE;
    uint32_t length = get32(buf);
    uint32_t code = get32(buf + 4);
    if (buf[0] == 0x16 && buf[1] == 0x03)
        return invalid(out, "a TLS handshake: connect without TLS (sslmode=disable or prefer), the tunnel adds it");
    if (length < 8 || length > PG_MAX_STARTUP_PACKET)
        return invalid(out, "not a PostgreSQL startup packet");
    out->length = length;
    if (len < length)
        return PGF_NEED_MORE;
    switch (code) {
    case PG_SSL_REQUEST_CODE:
    case PG_GSSENC_REQUEST_CODE:
        if (length != 8)
            return invalid(out, "an encryption request of an invalid length");
        out->kind = code == PG_SSL_REQUEST_CODE ? PGF_SSL_REQUEST : PGF_GSSENC_REQUEST;
        return out->kind;
    case PG_CANCEL_REQUEST_CODE:
        return cancel_packet(buf, length, out);
    default:
        /* a protocol version: major 3 is what every client speaks; the server answers
           other versions itself (NegotiateProtocolVersion or an error) */
        if ((code >> 16) < 2 || (code >> 16) > 3)
            return invalid(out, "an unknown protocol version");
        out->kind = PGF_STARTUP;
        return PGF_STARTUP;
    }
}

bool pgproto_startup_param(const uint8_t *pkt, size_t len, const char *name, char *out, size_t outsize)
{
    size_t i = 8;
    while (i < len && pkt[i] != '\0') {
        const char *key = (const char *)pkt + i;
        size_t keylen = strnlen(key, len - i);
        if (i + keylen >= len)
            return false;
        i += keylen + 1;
        const char *value = (const char *)pkt + i;
        size_t valuelen = strnlen(value, len - i);
        if (i + valuelen >= len)
            return false;
        i += valuelen + 1;
        if (strcmp(key, name) == 0) {
            if (outsize == 0)
                return true;
            size_t n = valuelen < outsize - 1 ? valuelen : outsize - 1;
            memcpy(out, value, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

void pgproto_ssl_request(uint8_t out[8])
{
    put32(out, 8);
    put32(out + 4, PG_SSL_REQUEST_CODE);
}

size_t pgproto_cancel_request(const PgCancelKey *key, uint8_t *out)
{
    size_t length = 12 + key->keylen;
    put32(out, (uint32_t)length);
    put32(out + 4, PG_CANCEL_REQUEST_CODE);
    put32(out + 8, key->pid);
    memcpy(out + 12, key->key, key->keylen);
    return length;
}

static void error_field(StrBuf *out, char type, const char *text)
{
    sb_append_char(out, type);
    sb_append_n(out, text, strlen(text) + 1);
}

void pgproto_error_response(StrBuf *out, const char *sqlstate, const char *message, const char *hint)
{
    size_t start = out->len;
    sb_append_n(out, "E\0\0\0\0", 5);
    error_field(out, 'S', "FATAL");
    error_field(out, 'V', "FATAL");
    error_field(out, 'C', sqlstate);
    error_field(out, 'M', message);
    if (hint)
        error_field(out, 'H', hint);
    sb_append_n(out, "", 1);
    put32((uint8_t *)out->data + start + 1, (uint32_t)(out->len - start - 1));
}

/* ---- the server's first messages ---- */

void pgfilter_init(PgStartupFilter *f)
{
    memset(f, 0, sizeof(*f));
}

void pgfilter_free(PgStartupFilter *f)
{
    free(f->msg);
    f->msg = NULL;
    f->have = f->cap = 0;
}

size_t pgfilter_held(const PgStartupFilter *f)
{
    return f->have;
}

static void finish_filtering(PgStartupFilter *f)
{
    f->done = true;
    pgfilter_free(f);
}

/* AuthenticationSASL (R, 10) without the -PLUS mechanisms; the new length of msg */
static size_t without_channel_binding(uint8_t *msg, size_t len)
{
    size_t in = 9;
    while (in < len && msg[in] != '\0')
        in += strnlen((const char *)msg + in, len - in) + 1;
    if (in >= len)
        return len;                 /* no end to the list: leave it to the client */
    size_t out = 9;
    for (in = 9; msg[in] != '\0'; in += strlen((const char *)msg + in) + 1) {
        const char *name = (const char *)msg + in;
        size_t n = strlen(name);
        if (n >= 5 && strcmp(name + n - 5, "-PLUS") == 0)
            continue;
        memmove(msg + out, name, n + 1);
        out += n + 1;
    }
    msg[out++] = '\0';
    put32(msg + 1, (uint32_t)(out - 1));
    return out;
}

static void note_key(PgStartupFilter *f)
{
    f->key.pid = get32(f->msg + 5);
    f->key.keylen = f->have - 9;
    memcpy(f->key.key, f->msg + 9, f->key.keylen);
    f->found_key = true;
}

/* a whole message is in f->msg: what goes out */
static size_t complete_message(PgStartupFilter *f, uint8_t *out)
{
    size_t len = f->have;
    switch (f->msg[0]) {
    case 'K':
        if (len >= 13 && len <= 9 + PG_MAX_CANCEL_KEY)
            note_key(f);
        break;
    case 'R':
        if (len >= 9 && get32(f->msg + 5) == 10)
            len = without_channel_binding(f->msg, len);
        break;
    case 'Z':
    case 'E':
        f->done = true;         /* the key, if any, came before; nothing else to change */
        break;
    }
    memcpy(out, f->msg, len);
    f->have = 0;
    f->length = 0;
    if (f->done)
        pgfilter_free(f);
    return len;
}

size_t pgfilter_feed(PgStartupFilter *f, const uint8_t *in, size_t n, uint8_t *out)
{
    size_t written = 0, i = 0;
    while (i < n && !f->done) {
        if (f->have < 5) {
            if (f->cap < 5) {
                f->cap = 256;
                f->msg = xrealloc(f->msg, f->cap);
            }
            f->msg[f->have++] = in[i++];
            if (f->have < 5)
                continue;
            f->length = get32(f->msg + 1);
            if (f->length < 4 || f->length > PG_FILTER_MAX_MESSAGE) {
                /* not what a server says at startup: stop interpreting, pass it all on */
                memcpy(out + written, f->msg, f->have);
                written += f->have;
                finish_filtering(f);
                break;
            }
            if (f->cap < (size_t)f->length + 1) {
                f->cap = (size_t)f->length + 1;
                f->msg = xrealloc(f->msg, f->cap);
            }
        }
        size_t want = (size_t)f->length + 1 - f->have;
        size_t take = n - i < want ? n - i : want;
        memcpy(f->msg + f->have, in + i, take);
        f->have += take;
        i += take;
        if (f->have == (size_t)f->length + 1)
            written += complete_message(f, out + written);
    }
    memcpy(out + written, in + i, n - i);
    return written + (n - i);
}
