import type { PoolConfig } from "pg";

/**
 * postgresql://user:pw@host:port/db → discrete pg.Pool fields. Never hand PrismaPg a
 * `connectionString`: its connectToShadowDb() does `new Pool({ ...config, database: shadow })`,
 * and pg lets a connectionString override `database` — the "shadow" replay then runs on the real
 * database (shared/notes/postgres-offline.md).
 */
export function pgConfig(url: string): PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}
