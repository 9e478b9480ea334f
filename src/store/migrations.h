/* migrations: the schema steps from db/migrations/NNN_name.sql, compiled into
 * the program by db/embed-migrations.sh (src/migrations_data.c is generated).
 * Index i holds migration number i+1; PRAGMA user_version counts those applied. */
#ifndef HR_MIGRATIONS_H
#define HR_MIGRATIONS_H

struct migration {
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
