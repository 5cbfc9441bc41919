import type { Store } from './open-store.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Returns the versions applied to bring the warehouse up to date (empty when it already was).
 *
 * Each pending migration runs in its own transaction and is recorded in `schema_migration`, so an older warehouse
 * file upgrades in place and a crash mid-migration leaves the previous version intact.
 */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await store.run('create table if not exists schema_migration (version integer primary key, description varchar not null)');
  const done = new Set((await store.all<{ version: number }>('select version from schema_migration')).map((r) => r.version));
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    await store.transaction(async () => {
      await store.run(migration.sql);
      await store.run('insert into schema_migration values ($version, $description)', {
        version: migration.version,
        description: migration.description,
      });
    });
    applied.push(migration.version);
  }
  return applied;
}

/** Returns the newest migration version this tool knows. */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return Math.max(...migrations.map((m) => m.version));
}
