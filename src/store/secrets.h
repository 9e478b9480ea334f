/* secrets: the installation's own keys (app_secrets), such as the CSRF
 * HMAC key that every front end must share. */
#ifndef HR_SECRETS_H
#define HR_SECRETS_H

#include <ClearSilver.h>
#include <stddef.h>

#include "store/db.h"

/* The secret called name into out (exactly len bytes); *found = 0 when
 * there is none. NERR_DB when the stored one is shorter than len. */
NEOERR *store_secret_read(struct db *db, const char *name, unsigned char *out, size_t len, int *found);
/* Store value as name unless a secret of that name exists (the first
 * writer wins; read it back to get the one in use), in its own
 * transaction. created_at is ISO 8601 UTC. */
NEOERR *store_secret_add(struct db *db, const char *name, const unsigned char *value, size_t len,
			 const char *created_at);

#endif
