/* platform/trust: a CA bundle trusted as OpenSSL would read it, decoding only the certificates a verification asks for. */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "platform/trust.h"
#include "unit.h"
#include "util/xalloc.h"

static char *scratch;

static EVP_PKEY *new_key(void)
{
    return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/* a certificate for name, issued by issuer (self-signed when issuer is NULL) */
static X509 *new_cert(const char *name, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key, bool ca)
{
    static long serial = 1;
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_NAME *subject = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, (const unsigned char *)name, -1, -1, 0);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : subject);
    X509_set_pubkey(x, key);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
    /* the key identifiers tell two CAs of one name apart, as in real certificates */
    const struct {
        int nid;
        const char *value;
    } exts[] = {{NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE"},
                {NID_subject_key_identifier, "hash"},
                {NID_authority_key_identifier, "keyid:always"}};
    for (int i = 0; i < 3; i++) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, exts[i].nid, exts[i].value);
        CHECK(ext != NULL);
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256());
    return x;
}

typedef struct Pki {
    EVP_PKEY *ca_key, *twin_key, *leaf_key, *other_key[3];
    X509 *ca, *twin, *leaf, *other[3];
} Pki;

/* a CA and the leaf it issued; a twin of the CA (same name, another key); three unrelated CAs */
static void make_pki(Pki *p)
{
    p->ca_key = new_key();
    p->ca = new_cert("pgconsole test CA", p->ca_key, NULL, NULL, true);
    p->twin_key = new_key();
    p->twin = new_cert("pgconsole test CA", p->twin_key, NULL, NULL, true);
    p->leaf_key = new_key();
    p->leaf = new_cert("api.example.invalid", p->leaf_key, p->ca, p->ca_key, false);
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof(name), "unrelated CA %d", i);
        p->other_key[i] = new_key();
        p->other[i] = new_cert(name, p->other_key[i], NULL, NULL, true);
    }
}

static Pki pki;

static void free_pki(Pki *p)
{
    EVP_PKEY *keys[] = {p->ca_key, p->twin_key, p->leaf_key, p->other_key[0], p->other_key[1], p->other_key[2]};
    X509 *certs[] = {p->ca, p->twin, p->leaf, p->other[0], p->other[1], p->other[2]};
    for (int i = 0; i < 6; i++) {
        EVP_PKEY_free(keys[i]);
        X509_free(certs[i]);
    }
}

/* a bundle of the certificates given, with text between them as distributions write */
static char *write_bundle(const char *name, X509 **certs, int n)
{
    char *path = xasprintf("%s/%s", scratch, name);
    FILE *f = fopen(path, "w");
    for (int i = 0; i < n; i++) {
        fprintf(f, "# certificate %d\n", i);
        PEM_write_X509(f, certs[i]);
    }
    fclose(f);
    return path;
}

static int verify(X509_STORE *store, X509 *leaf)
{
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf, NULL);
    int ok = X509_verify_cert(ctx);
    int err = X509_STORE_CTX_get_error(ctx);
    X509_STORE_CTX_free(ctx);
    return ok == 1 ? X509_V_OK : err;
}

static int decoded(X509_STORE *store)
{
    return sk_X509_OBJECT_num(X509_STORE_get0_objects(store));
}

static void test_only_what_a_verification_asks_for_is_decoded(void)
{
    Pki *p = &pki;
    X509 *certs[] = {p->other[0], p->other[1], p->ca, p->other[2]};
    char *bundle = write_bundle("bundle.pem", certs, 4);
    X509_STORE *store = trust_store_new(bundle, NULL);
    CHECK(store != NULL);
    CHECK(decoded(store) == 0);
    CHECK(verify(store, p->leaf) == X509_V_OK);
    /* the issuer alone: the other three were never decoded */
    CHECK(decoded(store) == 1);
    CHECK(verify(store, p->leaf) == X509_V_OK);
    CHECK(decoded(store) == 1);
    X509_STORE_free(store);
    free(bundle);
}

static void test_a_bundle_without_the_issuer_trusts_nothing_more(void)
{
    Pki *p = &pki;
    X509 *certs[] = {p->other[0], p->other[1], p->other[2]};
    char *bundle = write_bundle("others.pem", certs, 3);
    X509_STORE *store = trust_store_new(bundle, NULL);
    CHECK(store != NULL);
    CHECK(verify(store, p->leaf) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK(decoded(store) == 0);
    X509_STORE_free(store);
    free(bundle);
}

static void test_every_certificate_of_a_name_is_tried(void)
{
    Pki *p = &pki;
    /* the twin comes first: a reader that took the first certificate of the name would fail */
    X509 *certs[] = {p->twin, p->other[0], p->ca};
    char *bundle = write_bundle("twins.pem", certs, 3);
    X509_STORE *store = trust_store_new(bundle, NULL);
    CHECK(store != NULL);
    CHECK(verify(store, p->leaf) == X509_V_OK);
    CHECK(decoded(store) == 2);
    X509_STORE_free(store);
    free(bundle);
}

static void test_files_the_index_cannot_read(void)
{
    Pki *p = &pki;
    char *missing = xasprintf("%s/missing.pem", scratch);
    CHECK(trust_store_new(missing, NULL) == NULL);
    CHECK(trust_store_new(NULL, NULL) == NULL);
    char *garbage = xasprintf("%s/garbage.pem", scratch);
    FILE *f = fopen(garbage, "w");
    fputs("not a certificate\n", f);
    fclose(f);
    CHECK(trust_store_new(garbage, NULL) == NULL);
    /* a certificate with trust settings: read whole by OpenSSL, and trusted all the same */
    char *trusted = xasprintf("%s/trusted.pem", scratch);
    f = fopen(trusted, "w");
    PEM_write_X509(f, p->other[0]);
    PEM_write_X509_AUX(f, p->ca);
    fclose(f);
    X509_STORE *store = trust_store_new(trusted, NULL);
    CHECK(store != NULL);
    CHECK(decoded(store) == 2);
    CHECK(verify(store, p->leaf) == X509_V_OK);
    X509_STORE_free(store);
    free(trusted);
    free(garbage);
    free(missing);
}

int main(void)
{
    char tmpl[] = "/tmp/pgconsole-unit-trust-XXXXXX";
    scratch = mkdtemp(tmpl);
    if (!scratch)
        return 1;
    make_pki(&pki);
    RUN(test_only_what_a_verification_asks_for_is_decoded);
    RUN(test_a_bundle_without_the_issuer_trusts_nothing_more);
    RUN(test_every_certificate_of_a_name_is_tried);
    RUN(test_files_the_index_cannot_read);
    free_pki(&pki);
    const char *rm[] = {"bundle.pem", "others.pem", "twins.pem", "garbage.pem", "trusted.pem"};
    for (int i = 0; i < 5; i++) {
        char *path = xasprintf("%s/%s", scratch, rm[i]);
        unlink(path);
        free(path);
    }
    rmdir(scratch);
    UNIT_DONE();
}
