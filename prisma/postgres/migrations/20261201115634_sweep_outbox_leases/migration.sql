-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'PENDING';

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAtMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "TokenTestSecret" (
    "runId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "trusted" BOOLEAN NOT NULL,
    "refreshCipher" TEXT NOT NULL,
    "expiresAtMs" DOUBLE PRECISION NOT NULL,
    "claimedUntilMs" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "TokenTestSecret_pkey" PRIMARY KEY ("runId")
);

-- CreateIndex
CREATE INDEX "TokenTestSecret_expiresAtMs_idx" ON "TokenTestSecret"("expiresAtMs");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- Messages written before the relay existed: sent ones are SENT; the others are not sent now, by
-- surprise, to their recipients: HELD (an agent may still send one).
UPDATE "OutboxMessage" SET "status" = CASE WHEN "sentAt" IS NOT NULL THEN 'SENT' ELSE 'HELD' END;
