/*
  Warnings:

  - You are about to drop the column `failedLoginCount` on the `User` table. All the data in the column will be lost.
  - You are about to drop the column `lockedUntil` on the `User` table. All the data in the column will be lost.

*/
-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endReason" TEXT
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStartMs" REAL NOT NULL,
    "failures" INTEGER NOT NULL,
    "blockedUntilMs" REAL NOT NULL DEFAULT 0,
    "blockedAtFailures" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifiant" TEXT NOT NULL,
    "identifiantKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credentialsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "statusLevel" TEXT NOT NULL DEFAULT 'red',
    "statusSince" DATETIME,
    CONSTRAINT "ApiAccount_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ApiAccount" ("createdAt", "createdById", "email", "establishmentId", "id", "identifiant", "identifiantKey", "passwordChangedAt", "passwordHash", "statusLevel", "statusSince", "updatedAt") SELECT "createdAt", "createdById", "email", "establishmentId", "id", "identifiant", "identifiantKey", "passwordChangedAt", "passwordHash", "statusLevel", "statusSince", "updatedAt" FROM "ApiAccount";
DROP TABLE "ApiAccount";
ALTER TABLE "new_ApiAccount" RENAME TO "ApiAccount";
CREATE UNIQUE INDEX "ApiAccount_identifiantKey_key" ON "ApiAccount"("identifiantKey");
CREATE UNIQUE INDEX "ApiAccount_establishmentId_key" ON "ApiAccount"("establishmentId");
CREATE INDEX "ApiAccount_email_idx" ON "ApiAccount"("email");
CREATE INDEX "ApiAccount_identifiant_idx" ON "ApiAccount"("identifiant");
CREATE INDEX "ApiAccount_statusLevel_idx" ON "ApiAccount"("statusLevel");
CREATE TABLE "new_OAuthToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "authTime" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "usedAt" DATETIME,
    "credentialsVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "OAuthToken_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OAuthToken" ("apiAccountId", "authTime", "expiresAt", "id", "issuedAt", "kind", "revokedAt", "tokenHash", "usedAt") SELECT "apiAccountId", "authTime", "expiresAt", "id", "issuedAt", "kind", "revokedAt", "tokenHash", "usedAt" FROM "OAuthToken";
DROP TABLE "OAuthToken";
ALTER TABLE "new_OAuthToken" RENAME TO "OAuthToken";
CREATE UNIQUE INDEX "OAuthToken_tokenHash_key" ON "OAuthToken"("tokenHash");
CREATE INDEX "OAuthToken_apiAccountId_kind_idx" ON "OAuthToken"("apiAccountId", "kind");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "passwordHash", "role", "updatedAt") SELECT "createdAt", "email", "id", "name", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStartMs_idx" ON "RateLimitBucket"("windowStartMs");
