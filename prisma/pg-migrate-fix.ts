/**
 * A PrismaPg factory that Prisma 6.19.3's wasm schema engine can migrate with (CLI use only:
 * prisma.config.ts). Three bugs of @prisma/adapter-pg 6.19.3 under `engine: "js"`, fixed as
 * verified in shared/notes/postgres-offline.md:
 * 1. no column type for catalog types `name` (OID 19) and `"char"` (OID 18): reported as TEXT;
 * 2. the shadow database dropped while its pool is still connected: our own connectToShadowDb;
 * 3. executeScript() splits a migration on every ';': the whole script as one simple query.
 */
import { randomUUID } from "node:crypto";
import type { PoolConfig } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function patchQueryable(q: Any) {
  const performIO = q.performIO.bind(q);
  q.performIO = async (query: unknown) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) {
      const to = AS_TEXT[field.dataTypeID];
      if (to) field.dataTypeID = to;
    }
    return result;
  };
  return q;
}

function patchAdapter(adapter: Any) {
  patchQueryable(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.client.query(script); // pg.Pool; no parameters → simple query protocol
    } catch (error) {
      adapter.onError(error);
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: unknown) => patchQueryable(await startTransaction(isolationLevel));
  return adapter;
}

export function migratablePg(config: PoolConfig): PrismaPg {
  if ("connectionString" in config) throw new Error("pass discrete fields, not connectionString");
  const factory = new PrismaPg(config) as Any;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchAdapter(await connect());
  factory.connectToShadowDb = async () => {
    const admin = await connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = patchAdapter(await new PrismaPg({ ...config, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose(); // ends the shadow pool first
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory as PrismaPg;
}
