#include "platform/trust.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* a certificate of the bundle: its subject, and its bytes until a verification asks for it */
typedef struct Entry {
    X509_NAME *subject;
    unsigned char *der;     /* NULL once decoded into the store */
    long len;
} Entry;

typedef struct Index {
    Entry *entries;
    int n, cap;
} Index;

static void index_free(Index *ix)
{
    if (!ix)
        return;
    for (int i = 0; i < ix->n; i++) {
        X509_NAME_free(ix->entries[i].subject);
        OPENSSL_free(ix->entries[i].der);
    }
    free(ix->entries);
    free(ix);
}

/* the header of the next DER element; false on an error or an indefinite length, which DER has not */
static bool next_element(const unsigned char **p, const unsigned char *end, long *len, int *tag, int *cls)
{
    int got = ASN1_get_object(p, len, tag, cls, end - *p);
    return !(got & 0x80) && got != 0x21;
}

/*
 * The subject of a DER certificate, without decoding the rest:
 * Certificate = SEQUENCE { tbsCertificate = SEQUENCE { [0] version OPTIONAL, serialNumber, signature,
 * issuer, validity, subject, ... }, ... }.  NULL when it does not look like one.
 */
static X509_NAME *der_subject(const unsigned char *der, long len)
{
    const unsigned char *p = der, *end = der + len;
    long l;
    int tag, cls;
    for (int depth = 0; depth < 2; depth++)
        if (!next_element(&p, end, &l, &tag, &cls) || tag != V_ASN1_SEQUENCE)
            return NULL;
    for (int field = 0; field <= 4;) {
        const unsigned char *start = p;
        if (!next_element(&p, end, &l, &tag, &cls))
            return NULL;
        if (field == 4) {
            const unsigned char *q = start;
            return tag == V_ASN1_SEQUENCE ? d2i_X509_NAME(NULL, &q, (p - start) + l) : NULL;
        }
        p += l;
        if (!(field == 0 && cls == V_ASN1_CONTEXT_SPECIFIC && tag == 0))
            field++;
    }
    return NULL;
}

static void index_add(Index *ix, X509_NAME *subject, unsigned char *der, long len)
{
    if (ix->n == ix->cap) {
        ix->cap = ix->cap ? 2 * ix->cap : 64;
        ix->entries = xrealloc(ix->entries, (size_t)ix->cap * sizeof(*ix->entries));
    }
    ix->entries[ix->n++] = (Entry){subject, der, len};
}

/* true when every PEM block of file is a certificate whose subject could be read, and there is one */
static bool index_file(const char *file, Index *ix)
{
    BIO *in = BIO_new_file(file, "r");
    if (!in)
        return false;
    bool ok = true;
    char *name, *header;
    unsigned char *data;
    long len;
    while (ok && PEM_read_bio(in, &name, &header, &data, &len)) {
        X509_NAME *subject = strcmp(name, "CERTIFICATE") == 0 ? der_subject(data, len) : NULL;
        if (subject) {
            index_add(ix, subject, data, len);
            data = NULL;
        }
        ok = subject != NULL;
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
    }
    /* the end of the file is the one reading error that is not one */
    unsigned long last = ERR_peek_last_error();
    if (ok && !(ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE))
        ok = false;
    ERR_clear_error();
    BIO_free(in);
    return ok && ix->n > 0;
}

/* ret lends the store's certificate named name, as OpenSSL's lookups must (the caller takes its reference) */
static int lend_from_store(X509_STORE *store, const X509_NAME *name, X509_OBJECT *ret)
{
    if (!X509_STORE_lock(store))
        return 0;
    X509_OBJECT *held = X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), X509_LU_X509, name);
    X509 *x = held ? X509_OBJECT_get0_X509(held) : NULL;
    int ok = x && X509_OBJECT_set1_X509(ret, x);
    if (ok)
        X509_free(x);
    X509_STORE_unlock(store);
    return ok;
}

/* a verification asks for the certificates named name: those of the bundle go into the store */
static int by_subject(X509_LOOKUP *lookup, X509_LOOKUP_TYPE type, const X509_NAME *name, X509_OBJECT *ret)
{
    Index *ix = X509_LOOKUP_get_method_data(lookup);
    X509_STORE *store = X509_LOOKUP_get_store(lookup);
    if (type != X509_LU_X509 || !ix || !store)
        return 0;
    bool found = false;
    for (int i = 0; i < ix->n; i++) {
        Entry *e = &ix->entries[i];
        if (!e->der || X509_NAME_cmp(e->subject, name) != 0)
            continue;
        const unsigned char *p = e->der;
        X509 *x = d2i_X509(NULL, &p, e->len);
        found = (x && X509_STORE_add_cert(store, x)) || found;
        X509_free(x);
        OPENSSL_free(e->der);
        e->der = NULL;
    }
    return found ? lend_from_store(store, name, ret) : 0;
}

static void lookup_free(X509_LOOKUP *lookup)
{
    index_free(X509_LOOKUP_get_method_data(lookup));
}

static X509_LOOKUP_METHOD *bundle_method(void)
{
    static X509_LOOKUP_METHOD *method;
    if (!method) {
        method = X509_LOOKUP_meth_new("pgconsole: a CA bundle decoded as its certificates are asked for");
        if (method && (!X509_LOOKUP_meth_set_get_by_subject(method, by_subject) ||
                       !X509_LOOKUP_meth_set_free(method, lookup_free))) {
            X509_LOOKUP_meth_free(method);
            method = NULL;
        }
    }
    return method;
}

static bool add_file(X509_STORE *store, const char *file)
{
    Index *ix = xcalloc(1, sizeof(*ix));
    X509_LOOKUP_METHOD *method = bundle_method();
    /* first, as the certificates libcurl would have read into the store come before the folder */
    X509_LOOKUP *lookup = method && index_file(file, ix) ? X509_STORE_add_lookup(store, method) : NULL;
    if (lookup && X509_LOOKUP_set_method_data(lookup, ix))
        return true;
    index_free(ix);
    /* what the index does not know (certificates with trust settings, CRLs) OpenSSL reads whole */
    return X509_STORE_load_file(store, file) == 1;
}

X509_STORE *trust_store_new(const char *file, const char *dir)
{
    if (!file && !dir)
        return NULL;
    X509_STORE *store = X509_STORE_new();
    if (!store)
        return NULL;
    bool ok = !file || add_file(store, file);
    /* a hashed folder is only looked into when a certificate is asked for */
    if (ok && dir)
        ok = X509_STORE_load_path(store, dir) == 1;
    if (!ok) {
        X509_STORE_free(store);
        ERR_clear_error();
        return NULL;
    }
    /* the verification libcurl sets up on the stores it reads */
    X509_STORE_set_flags(store, X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
    return store;
}
