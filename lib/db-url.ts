/** The one place that decides which database the console, the CLI and Prisma use. */
export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}
