/**
 * PostgreSQL at runtime: @prisma/adapter-pg 6.19.3 with the fix verified in
 * shared/notes/postgres-offline.md, and the retry of serialization failures.
 *
 * When COMMIT itself fails (a SERIALIZABLE transaction losing at commit time, 40001), the client
 * runtime never calls the adapter's commit()/rollback(), so the pooled connection is never
 * released: each such failure would leak one connection until every transaction waits (P2028).
 */
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function runtimePg(pool: pg.Pool): PrismaPg {
  const factory = new PrismaPg(pool) as Any;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel?: unknown) => {
      const tx = await startTransaction(isolationLevel);
      let released = false;
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = async () => {
        if (!released) {
          released = true;
          await commit();
        }
      };
      tx.rollback = async () => {
        if (!released) {
          released = true;
          await rollback();
        }
      };
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (q: { sql: string }) => {
        try {
          return await executeRaw(q);
        } catch (error) {
          if (q.sql === "COMMIT" || q.sql === "ROLLBACK") await tx.rollback(); // releases the client
          throw error;
        }
      };
      return tx;
    };
    return adapter;
  };
  return factory as PrismaPg;
}

/** A serialization failure or deadlock, whether Prisma reports it as P2034 or (at COMMIT) as a raw DriverAdapterError. */
export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; cause?: { kind?: string; originalCode?: string }; meta?: { code?: string } };
  return (
    e?.code === "P2034" ||
    e?.cause?.kind === "TransactionWriteConflict" ||
    e?.cause?.originalCode === "40001" ||
    e?.cause?.originalCode === "40P01" ||
    e?.meta?.code === "40001"
  );
}

/** Re-runs a whole transaction after a serialization failure, with jittered exponential backoff. */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      if (i >= attempts || !isWriteConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** i)));
    }
  }
}
