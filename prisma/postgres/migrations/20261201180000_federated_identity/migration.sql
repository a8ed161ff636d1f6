-- AlterTable
ALTER TABLE "User" ADD COLUMN     "federatedIssuer" TEXT,
ADD COLUMN     "federatedLinkedAt" TIMESTAMP(3),
ADD COLUMN     "federatedSub" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_federatedIssuer_federatedSub_key" ON "User"("federatedIssuer", "federatedSub");
