/*
 * The database's features as the dashboard names them (Force TLS, Internet
 * Accessibility) and as the database API does (force-ssl, publicly-available):
 * their state for \dbinfo, and \feature, which switches them.
 */
#ifndef PGC_META_DASHBOARD_FEATURES_H
#define PGC_META_DASHBOARD_FEATURES_H

#include <jansson.h>

typedef enum DashFeature { FEATURE_FORCE_TLS, FEATURE_INTERNET } DashFeature;

/* "on", "off", "switching on (PENDING_TO_ACTIVATE)", "failed (FAILED)"... of a GET /databases/{db} object */
char *feature_state_text(const json_t *database, DashFeature feature);

#endif
