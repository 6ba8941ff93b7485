/*
 * The CA certificates the API connections trust, as libcurl would read them (a bundle file, a
 * hashed folder), in one OpenSSL store for every connection of a run.  The bundle is indexed by
 * subject, not parsed: a certificate is decoded when a verification asks for its name, because
 * OpenSSL 3 takes about 0.1 ms per certificate (15 ms and more for a system bundle of 150) and a
 * verification needs one or two of them.
 */
#ifndef PGC_TRUST_H
#define PGC_TRUST_H

#include <openssl/x509.h>

/* a store trusting the certificates of file and those of the folder dir (either may be NULL);
 * NULL when file cannot be read or holds no certificate, or when both are NULL */
X509_STORE *trust_store_new(const char *file, const char *dir);

#endif
