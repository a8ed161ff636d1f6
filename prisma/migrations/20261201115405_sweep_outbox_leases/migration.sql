-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAtMs" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "TokenTestSecret" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "trusted" BOOLEAN NOT NULL,
    "refreshCipher" TEXT NOT NULL,
    "expiresAtMs" REAL NOT NULL,
    "claimedUntilMs" REAL NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "siret" TEXT,
    "apiAccountId" TEXT,
    "sentAt" DATETIME,
    "sendError" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" DATETIME
);
INSERT INTO "new_OutboxMessage" ("apiAccountId", "createdAt", "html", "id", "kind", "recipients", "sendError", "sentAt", "siret", "subject", "text") SELECT "apiAccountId", "createdAt", "html", "id", "kind", "recipients", "sendError", "sentAt", "siret", "subject", "text" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_siret_createdAt_idx" ON "OutboxMessage"("siret", "createdAt");
CREATE INDEX "OutboxMessage_apiAccountId_idx" ON "OutboxMessage"("apiAccountId");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TokenTestSecret_expiresAtMs_idx" ON "TokenTestSecret"("expiresAtMs");

-- Messages written before the relay existed: sent ones are SENT; the others are not sent now, by
-- surprise, to their recipients: HELD (an agent may still send one).
UPDATE "OutboxMessage" SET "status" = CASE WHEN "sentAt" IS NOT NULL THEN 'SENT' ELSE 'HELD' END;
