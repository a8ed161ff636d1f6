-- AlterTable
ALTER TABLE "CallbackAttempt" ADD COLUMN "attemptNumber" INTEGER;
ALTER TABLE "CallbackAttempt" ADD COLUMN "customsCallbackId" TEXT;

-- CreateTable
CREATE TABLE "Dh7Declaration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "lrn" TEXT NOT NULL,
    "lrnKey" TEXT,
    "customsDeclarationReference" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "mrn" TEXT,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "Dh7Declaration_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomsCallback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "apiCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedUntil" DATETIME,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "CustomsCallback_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Dh7Declaration_customsDeclarationReference_key" ON "Dh7Declaration"("customsDeclarationReference");

-- CreateIndex
CREATE UNIQUE INDEX "Dh7Declaration_apiAccountId_lrnKey_key" ON "Dh7Declaration"("apiAccountId", "lrnKey");

-- CreateIndex
CREATE INDEX "CustomsCallback_status_nextAttemptAt_idx" ON "CustomsCallback"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CustomsCallback_apiAccountId_createdAt_idx" ON "CustomsCallback"("apiAccountId", "createdAt");
