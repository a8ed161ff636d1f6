-- CreateTable
CREATE TABLE "PasswordReminder" (
    "apiAccountId" TEXT NOT NULL,
    "cycleAt" DATETIME NOT NULL,
    "stage" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("apiAccountId", "cycleAt", "stage"),
    CONSTRAINT "PasswordReminder_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApiAccount_passwordChangedAt_idx" ON "ApiAccount"("passwordChangedAt");
