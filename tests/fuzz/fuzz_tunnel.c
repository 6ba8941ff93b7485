/*
 * The tunnel's handling of the PostgreSQL protocol (src/tunnel/pgproto.c): the first
 * packets a local client sends (SSLRequest, GSSENCRequest, CancelRequest, StartupMessage)
 * read from the connection's byte queue the way conn.c reads them, and the server's
 * first messages through the startup filter the way relay.c feeds it; also the
 * ErrorResponse the tunnel writes, with text taken from the input.
 *
 * Input: a flag byte (bit 0: the server's side instead of the client's; bit 1: also
 * write and read back an ErrorResponse), a count byte (0-7) and that many chunk sizes
 * (1-256, used in turn), then the bytes of the stream, which arrive in chunks of those
 * sizes (all at once without sizes).
 *
 * Besides the sanitizers, properties are checked:
 * - the outcome never depends on how the bytes were cut: the stream given whole and in
 *   the chosen chunks gives the same packets, the same filtered output, the same key;
 * - a CancelRequest written back from the key it was read into is the packet it came
 *   from; a startup parameter copied out is NUL-terminated within its buffer;
 * - the filter writes at most what it held plus what it was fed (relay.c sizes its
 *   buffer on that), and a key it notes is bytes of a BackendKeyData it passed on;
 * - an ErrorResponse is a well-formed message whose length covers it exactly, and the
 *   filter passes it unchanged and stops there.
 *
 * Calls: pgproto_first_packet, pgproto_startup_param, pgproto_cancel_request,
 * pgproto_error_response, pgfilter_init/feed/held/free, bq_init/room/consume.
 */
#include "fuzz_common.h"

#include "tunnel/pgproto.h"
#include "tunnel/tunnel_int.h"
#include "util/strbuf.h"

typedef struct Chunks {
    const uint8_t *sizes;
    size_t nsizes, next;
} Chunks;

static size_t chunk_size(Chunks *c, size_t left)
{
    if (c->nsizes == 0)
        return left;
    size_t n = (size_t)c->sizes[c->next++ % c->nsizes] + 1;
    return n < left ? n : left;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ---- the client's side ---- */

typedef struct ClientOutcome {
    PgFirstKind kind;       /* where the first-packet phase ended (NEED_MORE: the stream did) */
    size_t length;
    int encryption_requests;
    const char *invalid;
} ClientOutcome;

static void check_param(const uint8_t *pkt, size_t len, const char *name, size_t outsize)
{
    char out[80];
    memset(out, 'x', sizeof(out));
    if (pgproto_startup_param(pkt, len, name, out, outsize) && outsize > 0 && strnlen(out, outsize) >= outsize)
        fuzz_fail("a startup parameter copied without its terminating NUL");
    for (size_t i = outsize + 1; i < sizeof(out); i++)
        if (out[i] != 'x')
            fuzz_fail("a startup parameter written past its buffer");
}

static void check_startup(const uint8_t *pkt, size_t len)
{
    /* the sizes conn.c uses (Conn.user, Conn.database), and the smallest ones */
    check_param(pkt, len, "user", 64);
    check_param(pkt, len, "database", 64);
    check_param(pkt, len, "options", 1);
    check_param(pkt, len, "application_name", 0);
    /* a name taken from the packet itself: its first key, when that ends inside it */
    if (len > 9 && strnlen((const char *)pkt + 8, len - 8) < len - 8)
        check_param(pkt, len, (const char *)pkt + 8, 16);
}

static void check_cancel(const uint8_t *pkt, const PgFirstPacket *p)
{
    uint8_t again[12 + PG_MAX_CANCEL_KEY];
    if (p->cancel.keylen < 4 || p->cancel.keylen > PG_MAX_CANCEL_KEY)
        fuzz_fail("a cancel key of an impossible length");
    size_t n = pgproto_cancel_request(&p->cancel, again);
    if (n != p->length || memcmp(again, pkt, n) != 0)
        fuzz_fail("a cancel request written back differs from the one read");
}

/* one step of conn.c's first_packet_step on the queue; false when the phase is over or needs more */
static bool client_step(ByteQueue *q, ClientOutcome *o)
{
    const uint8_t *pkt = q->data + q->start;
    PgFirstPacket p;
    PgFirstKind kind = pgproto_first_packet(pkt, bq_len(q), &p);
    if (kind != p.kind)
        fuzz_fail("pgproto_first_packet returned a kind other than the one it filled in");
    o->kind = kind;
    o->length = p.length;
    o->invalid = p.invalid;
    if (kind != PGF_NEED_MORE && kind != PGF_INVALID && (p.length < 8 || p.length > bq_len(q)))
        fuzz_fail("a complete packet longer than the bytes read");
    switch (kind) {
    case PGF_SSL_REQUEST:
    case PGF_GSSENC_REQUEST:
        if (p.length != 8)
            fuzz_fail("an encryption request that is not 8 bytes");
        bq_consume(q, p.length);
        o->encryption_requests++;
        return true;
    case PGF_CANCEL:
        check_cancel(pkt, &p);
        return false;
    case PGF_STARTUP:
        check_startup(pkt, p.length);
        return false;
    case PGF_INVALID:
        if (!p.invalid)
            fuzz_fail("an invalid packet without a reason");
        return false;
    case PGF_NEED_MORE:
        return false;
    }
    return false;
}

/* conn.c's queue, of its size; made once: a 64 kB allocation per run would cost more than the parsing */
static ByteQueue queue;

static ClientOutcome run_client(const uint8_t *stream, size_t len, Chunks chunks)
{
    ByteQueue q = queue;
    q.start = q.end = 0;
    ClientOutcome o = {PGF_NEED_MORE, 0, 0, NULL};
    size_t i = 0;
    bool over = false;
    while (i < len && !over) {
        size_t room = bq_room(&q);
        if (room == 0)
            fuzz_fail("the first packet filled the connection's queue");
        size_t n = chunk_size(&chunks, len - i);
        if (n > room)
            n = room;
        memcpy(q.data + q.end, stream + i, n);
        q.end += n;
        i += n;
        while (client_step(&q, &o)) {
        }
        over = o.kind != PGF_NEED_MORE;
    }
    return o;
}

static void fuzz_client(const uint8_t *stream, size_t len, Chunks chunks)
{
    Chunks whole = {NULL, 0, 0};
    ClientOutcome a = run_client(stream, len, whole);
    ClientOutcome b = run_client(stream, len, chunks);
    if (a.kind != b.kind || a.encryption_requests != b.encryption_requests ||
        (a.kind != PGF_NEED_MORE && a.kind != PGF_INVALID && a.length != b.length))
        fuzz_fail("the client's first packets read differently when cut differently");
    if (a.kind == PGF_INVALID && strcmp(a.invalid, b.invalid) != 0)
        fuzz_fail("a client's packet refused for another reason when cut differently");
}

/* ---- the server's side ---- */

typedef struct ServerOutcome {
    StrBuf out;
    bool done, found_key;
    PgCancelKey key;
} ServerOutcome;

static void check_key(const PgStartupFilter *f, const StrBuf *out)
{
    /* the BackendKeyData noted must be among the bytes passed on */
    uint8_t msg[9 + PG_MAX_CANCEL_KEY];
    size_t n = 9 + f->key.keylen;
    if (f->key.keylen < 4 || f->key.keylen > PG_MAX_CANCEL_KEY)
        fuzz_fail("a backend key of an impossible length");
    msg[0] = 'K';
    uint32_t length = (uint32_t)(n - 1);
    const uint32_t parts[2] = {length, f->key.pid};
    for (int k = 0; k < 2; k++)
        for (int b = 0; b < 4; b++)
            msg[1 + 4 * k + b] = (uint8_t)(parts[k] >> (24 - 8 * b));
    memcpy(msg + 9, f->key.key, f->key.keylen);
    if (!memmem(out->data, out->len, msg, n))
        fuzz_fail("a backend key noted that was not passed on");
}

/* relay.c's read_server: through the filter until it is done, then as it comes */
static ServerOutcome run_server(const uint8_t *stream, size_t len, Chunks chunks)
{
    ServerOutcome o = {STRBUF_INIT, false, false, {0, 0, {0}}};
    PgStartupFilter f;
    pgfilter_init(&f);
    size_t i = 0;
    while (i < len) {
        size_t n = chunk_size(&chunks, len - i);
        if (f.done) {
            sb_append_n(&o.out, (const char *)stream + i, n);
        } else {
            size_t cap = pgfilter_held(&f) + n;
            uint8_t *out = malloc(cap ? cap : 1);     /* exactly what relay.c keeps free */
            if (!out)
                abort();
            size_t wrote = pgfilter_feed(&f, stream + i, n, out);
            if (wrote > cap)
                fuzz_fail("the startup filter wrote more than it held plus what it was fed");
            sb_append_n(&o.out, (const char *)out, wrote);
            free(out);
        }
        i += n;
    }
    o.done = f.done;
    o.found_key = f.found_key;
    o.key = f.key;
    if (f.found_key)
        check_key(&f, &o.out);
    if (o.out.len + pgfilter_held(&f) > len)
        fuzz_fail("the startup filter made the stream longer");
    pgfilter_free(&f);
    return o;
}

static void fuzz_server(const uint8_t *stream, size_t len, Chunks chunks)
{
    Chunks whole = {NULL, 0, 0};
    ServerOutcome a = run_server(stream, len, whole);
    ServerOutcome b = run_server(stream, len, chunks);
    if (a.out.len != b.out.len || (a.out.len && memcmp(a.out.data, b.out.data, a.out.len) != 0))
        fuzz_fail("the server's first messages filtered differently when cut differently");
    if (a.done != b.done || a.found_key != b.found_key ||
        (a.found_key && (a.key.pid != b.key.pid || a.key.keylen != b.key.keylen ||
                         memcmp(a.key.key, b.key.key, a.key.keylen) != 0)))
        fuzz_fail("the server's key read differently when cut differently");
    sb_free(&a.out);
    sb_free(&b.out);
}

/* ---- the ErrorResponse the tunnel writes ---- */

static void check_error_response(const uint8_t *stream, size_t len)
{
    FuzzIn in = {stream, len};
    char *sqlstate = fuzz_until(&in, '\0');
    char *message = fuzz_until(&in, '\0');
    char *hint = in.n ? fuzz_until(&in, '\0') : NULL;
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "before");
    pgproto_error_response(&sb, sqlstate, message, hint);
    const uint8_t *msg = (const uint8_t *)sb.data + 6;
    size_t n = sb.len - 6;
    if (n < 6 || msg[0] != 'E' || get32(msg + 1) != n - 1 || msg[n - 1] != '\0')
        fuzz_fail("an ErrorResponse of a wrong shape");
    /* fields: a type byte, then text up to a NUL, until a lone NUL */
    size_t at = 5, fields = 0;
    while (msg[at] != '\0') {
        at += 1 + strnlen((const char *)msg + at + 1, n - at - 1) + 1;
        if (at >= n)
            fuzz_fail("an ErrorResponse field runs past the message");
        fields++;
    }
    if (at != n - 1 || fields != (hint ? 5u : 4u))
        fuzz_fail("an ErrorResponse with other fields than written");
    PgStartupFilter f;
    pgfilter_init(&f);
    uint8_t *out = malloc(n);
    if (!out)
        abort();
    if (pgfilter_feed(&f, msg, n, out) != n || memcmp(out, msg, n) != 0 || !f.done)
        fuzz_fail("the startup filter changed an ErrorResponse or went on after it");
    free(out);
    pgfilter_free(&f);
    sb_free(&sb);
    free(sqlstate);
    free(message);
    free(hint);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    bq_init(&queue, RELAY_BUFFER_SIZE);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    uint8_t flags = fuzz_byte(&in);
    size_t nsizes = fuzz_byte(&in) % 8;
    if (nsizes > in.n)
        nsizes = in.n;
    Chunks chunks = {in.p, nsizes, 0};
    in.p += nsizes;
    in.n -= nsizes;
    if (flags & 1)
        fuzz_server(in.p, in.n, chunks);
    else
        fuzz_client(in.p, in.n, chunks);
    if (flags & 2)
        check_error_response(in.p, in.n);
    return 0;
}
