/*
 * The platform provider of the tunnel (--app): at every dial the app is resolved
 * through the platform (from its caches while they are fresh, afresh after a failed
 * dial: a password reset, a failover, a plan change), tokens renewed as they expire,
 * and the path taken as the console takes it: directly, or through the region's SSH
 * gateway on the provider's SSH leg (gateway/ssh_leg.h), whose forward the tunnel
 * dials while verifying TLS against the database's own name.  A dead leg is started
 * again at a later dial, no sooner than a capped backoff allows; the leg's changes of
 * state are logged one line each.
 */
#ifndef PGC_TUNNEL_TARGET_PLATFORM_H
#define PGC_TUNNEL_TARGET_PLATFORM_H

#include <stdbool.h>

#include "platform/args.h"
#include "tunnel/target.h"

/*
 * args as --app and its companions give them (copied; the sslmode is always
 * verify-full: the tunnel verifies); ca_file (--ca-file) replaces the platform's CA
 * when given; quiet: no log lines (exec mode without -v).  false with *err.
 */
bool target_platform_provider(const PlatformArgs *args, const char *ca_file, bool quiet, TunnelProvider *out,
                              char **err);

#endif
