/*
 * `pgconsole tunnel`: a local PostgreSQL endpoint for any tool (psql, pg_dump, ORMs,
 * GUI clients), forwarding each connection to the database over verified TLS.
 */
#ifndef PGC_TUNNEL_TUNNEL_H
#define PGC_TUNNEL_TUNNEL_H

/* the subcommand: argv[0] is "tunnel"; returns the exit code */
int tunnel_main(int argc, char **argv);

#endif
