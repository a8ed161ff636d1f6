-- CreateTable
CREATE TABLE "PasswordReminder" (
    "apiAccountId" TEXT NOT NULL,
    "cycleAt" TIMESTAMP(3) NOT NULL,
    "stage" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PasswordReminder_pkey" PRIMARY KEY ("apiAccountId","cycleAt","stage")
);

-- CreateIndex
CREATE INDEX "ApiAccount_passwordChangedAt_idx" ON "ApiAccount"("passwordChangedAt");

-- AddForeignKey
ALTER TABLE "PasswordReminder" ADD CONSTRAINT "PasswordReminder_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
