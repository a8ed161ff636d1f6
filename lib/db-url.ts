/** The one place that decides which database the console, the CLI and Prisma use, and on which engine. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** `postgres://…` or `postgresql://…` → PostgreSQL; anything else (`file:…`) → SQLite. */
export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

export function databaseProvider(): DatabaseProvider {
  return providerOf(databaseUrl());
}
