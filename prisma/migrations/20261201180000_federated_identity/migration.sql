-- AlterTable
ALTER TABLE "User" ADD COLUMN "federatedIssuer" TEXT;
ALTER TABLE "User" ADD COLUMN "federatedLinkedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "federatedSub" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_federatedIssuer_federatedSub_key" ON "User"("federatedIssuer", "federatedSub");
